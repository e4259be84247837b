//! The compression members of a WARC file, one at a time. A `.warc.gz` is a series
//! of gzip members (usually one per record, as Common Crawl writes them; sometimes
//! one for the whole file), a `.warc.zst` a series of zstd frames, a `.warc` one
//! plain stream. [`Members`] reads the decompressed bytes of the current member and
//! reports its end (`read` returns 0) so that a record never runs from one member
//! into the next; [`Members::next_member`] moves on. A member that does not decode
//! (junk, a cut) is reported once and skipped: reading resumes at the next gzip
//! header in the file. Offsets are those of the compressed file, where tools that
//! index WARC files (CDX) point.

use std::io::{self, BufRead, BufReader, Read};

/// How a WARC file is compressed, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// A reader that counts the bytes taken from the file (its compressed position).
pub struct Counted<R> {
    inner: R,
    pub count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

type Input<R> = BufReader<Counted<R>>;

enum State<R: Read> {
    /// Between members: the input, positioned at the next one.
    Idle(Input<R>),
    Plain(Input<R>),
    Gzip(Box<flate2::bufread::GzDecoder<Input<R>>>),
    Zstd(zstd::stream::read::Decoder<'static, Input<R>>),
    /// Taken out while changing state.
    Gone,
}

/// Something wrong with a member, reported once: where, and what.
#[derive(Debug)]
pub struct MemberFault {
    pub offset: u64,
    pub message: String,
}

/// The decompressed members of a WARC file, one at a time.
pub struct Members<R: Read> {
    state: State<R>,
    compression: Compression,
    /// Compressed offset where the current member starts.
    member_offset: u64,
    /// Decompressed bytes read from the current member so far.
    within: u64,
    /// The current member ended (cleanly or not); `next_member` starts the next.
    ended: bool,
    /// It ended with an error: the next member is looked for from where it broke.
    broken: bool,
    /// A fault of the member just read, for the record reader to report.
    fault: Option<MemberFault>,
}

/// Gzip member header: magic, then compression method 8 (deflate).
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];
/// Zstd frame header.
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

fn position<R>(input: &Input<R>) -> u64 {
    input.get_ref().count - input.buffer().len() as u64
}

impl<R: Read> Members<R> {
    /// Starts reading `file`, whose first bytes say how it is compressed.
    pub fn new(file: R) -> io::Result<Self> {
        let mut input = BufReader::with_capacity(
            256 << 10,
            Counted {
                inner: file,
                count: 0,
            },
        );
        let compression = Compression::sniff(input.fill_buf()?);
        let mut members = Members {
            state: State::Idle(input),
            compression,
            member_offset: 0,
            within: 0,
            ended: true,
            broken: false,
            fault: None,
        };
        members.next_member()?;
        Ok(members)
    }

    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// Compressed offset of the current member, and decompressed bytes read in it.
    pub fn position(&self) -> (u64, u64) {
        (self.member_offset, self.within)
    }

    /// The fault of the member just ended, if it had one.
    pub fn take_fault(&mut self) -> Option<MemberFault> {
        self.fault.take()
    }

    /// Starts the next member; `false` at the end of the file.
    pub fn next_member(&mut self) -> io::Result<bool> {
        let mut input = match std::mem::replace(&mut self.state, State::Gone) {
            State::Idle(i) | State::Plain(i) => i,
            State::Gzip(d) => d.into_inner(),
            State::Zstd(d) => d.finish(),
            State::Gone => return Ok(false),
        };
        if std::mem::take(&mut self.broken) {
            // The last member broke off: look for the next one after its start.
            if position(&input) == self.member_offset {
                input.consume(1.min(input.buffer().len()));
            }
            skip_to_magic(&mut input, self.magic())?;
        }
        if input.fill_buf()?.is_empty() {
            self.state = State::Idle(input);
            return Ok(false);
        }
        self.member_offset = position(&input);
        self.within = 0;
        self.ended = false;
        if self.compression != Compression::None && !input.fill_buf()?.starts_with(self.magic()) {
            // Junk where a member should start: reported, and skipped.
            self.fault = Some(MemberFault {
                offset: self.member_offset,
                message: format!("bytes that are not a {}, skipped", self.unit()),
            });
            skip_to_magic(&mut input, self.magic())?;
            self.state = State::Idle(input);
            self.ended = true;
            return Ok(true);
        }
        self.state = match self.compression {
            Compression::None => State::Plain(input),
            Compression::Gzip => State::Gzip(Box::new(flate2::bufread::GzDecoder::new(input))),
            Compression::Zstd => {
                State::Zstd(zstd::stream::read::Decoder::with_buffer(input)?.single_frame())
            }
        };
        Ok(true)
    }

    fn magic(&self) -> &'static [u8] {
        match self.compression {
            Compression::Gzip => GZIP_MAGIC,
            Compression::Zstd => ZSTD_MAGIC,
            Compression::None => b"",
        }
    }

    fn unit(&self) -> &'static str {
        match self.compression {
            Compression::Gzip => "gzip member",
            Compression::Zstd => "zstd frame",
            Compression::None => "file",
        }
    }

    fn fail(&mut self, e: &io::Error) {
        self.ended = true;
        self.broken = self.compression != Compression::None;
        self.fault = Some(MemberFault {
            offset: self.member_offset,
            message: format!("corrupt or truncated {}: {e}", self.unit()),
        });
    }
}

/// Consumes input up to the next `magic` (a member header) or the end; with no
/// magic (a plain file), to the end. (A header split across two refills of the
/// input buffer is not seen: the scan then stops at the member after it.)
fn skip_to_magic<R: Read>(input: &mut Input<R>, magic: &[u8]) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let found = if magic.is_empty() {
            None
        } else {
            buf.windows(magic.len()).position(|w| w == magic)
        };
        let n = found.unwrap_or(buf.len());
        input.consume(n);
        if found.is_some() {
            return Ok(());
        }
    }
}

impl<R: Read> Read for Members<R> {
    /// Bytes of the current member; 0 at its end (or after a fault, then
    /// [`Members::take_fault`] says what happened).
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended {
            return Ok(0);
        }
        let result = match &mut self.state {
            State::Plain(i) => i.read(buf),
            State::Gzip(d) => d.read(buf),
            State::Zstd(d) => d.read(buf),
            State::Idle(_) | State::Gone => Ok(0),
        };
        match result {
            Ok(0) => {
                self.ended = true;
                Ok(0)
            }
            Ok(n) => {
                self.within += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                // Not a clean end: reported, and `next_member` resynchronises.
                self.fail(&e);
                Ok(0)
            }
        }
    }
}
