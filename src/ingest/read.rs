//! Reading one input file into records: decompression (`.gz`, `.zst`, detected by
//! name and by magic bytes), format detection (JSON, JSONL, plain text, HTML, WARC)
//! and splitting into one record per article with its line number (WARC files:
//! [`super::warc`], with byte offsets). Everything is streamed with a per-record
//! size limit, so a 10 GB JSONL file never sits in memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::failure::FailureKind;
pub use super::failure::Position;
pub use super::record::{Emit, Format, Record, RecordError, WebRecord};
use super::{table, warc};

/// Largest record (JSON line, JSON value or text file) accepted; larger ones are reported.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// How a file is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression named by a file name's last extension.
pub fn compression_from_name(path: &Path) -> Compression {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "gz" || e == "gzip" => Compression::Gzip,
        Some(e) if e == "zst" || e == "zstd" => Compression::Zstd,
        _ => Compression::None,
    }
}

/// The format suggested by a file name (its extension under any compression suffix).
pub fn format_from_name(path: &Path) -> Option<Format> {
    let mut p = path.to_path_buf();
    if compression_from_name(&p) != Compression::None {
        p = p.with_extension("");
    }
    let ext = p.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" | "jsonlines" => Some(Format::Jsonl),
        "json" => Some(Format::Json),
        "txt" | "text" | "md" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "warc" => Some(Format::Warc),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "parquet" | "pq" => Some(Format::Parquet),
        _ => None,
    }
}

/// True for names the walker picks up in a directory (explicitly named files are always read).
pub fn is_article_file(path: &Path) -> bool {
    format_from_name(path).is_some()
}

/// A reader that counts the bytes read from disk, for progress and throughput.
pub struct CountingReader<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads one file's records into `emit`: WARC files (by name, or by their first
/// bytes) through [`warc::read_warc`], the rest through [`read_records`]. An error
/// opening the file is returned; errors inside it go to `emit`.
pub fn read_file(
    path: &Path,
    disk_bytes: Arc<AtomicU64>,
    warc_counts: &warc::WarcCounts,
    emit: &mut Emit<'_>,
) -> io::Result<()> {
    if format_from_name(path) == Some(Format::Parquet) || starts_with(path, b"PAR1") {
        let file = File::open(path)?;
        disk_bytes.fetch_add(file.metadata().map_or(0, |m| m.len()), Ordering::Relaxed);
        table::read_parquet(file, emit);
        return Ok(());
    }
    if warc::named_warc(path) || warc::sniff(path).unwrap_or(false) {
        let file = CountingReader {
            inner: File::open(path)?,
            counter: disk_bytes,
        };
        warc::read_warc(file, warc_counts, emit);
        return Ok(());
    }
    let mut reader = open(path, disk_bytes)?;
    read_records(path, &mut *reader, emit);
    Ok(())
}

/// Does the file start with these bytes?
fn starts_with(path: &Path, magic: &[u8]) -> bool {
    let mut head = vec![0u8; magic.len()];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == magic
}

/// Opens a file, decompressing it when its name or its first bytes say so.
pub fn open(path: &Path, disk_bytes: Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    let mut raw = BufReader::with_capacity(
        256 << 10,
        CountingReader {
            inner: file,
            counter: disk_bytes,
        },
    );
    let head = raw.fill_buf()?;
    let compression = if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        compression_from_name(path)
    };
    Ok(match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            256 << 10,
            flate2::bufread::MultiGzDecoder::new(raw),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            256 << 10,
            zstd::stream::read::Decoder::with_buffer(raw)?,
        )),
    })
}

fn io_failure(line: u64, err: &io::Error, compressed: bool) -> RecordError {
    let at = Position::Line(line);
    let kind = if compressed {
        FailureKind::Compression
    } else if matches!(
        err.kind(),
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    ) {
        FailureKind::Encoding
    } else {
        FailureKind::Unreadable
    };
    let what = if compressed {
        "corrupt or truncated compressed data"
    } else {
        "read error"
    };
    RecordError {
        at,
        kind,
        message: format!("{what}: {err}"),
    }
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `limit` bytes.
/// Returns `Ok(None)` at end of input, else `Ok(Some(overflowed))`.
fn read_line_limited(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let mut overflow = false;
    let mut any = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if any { Some(overflow) } else { None });
        }
        any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if !overflow {
            if buf.len() + chunk.len() > limit {
                overflow = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        r.consume(used);
        if done {
            return Ok(Some(overflow));
        }
    }
}

/// Reads up to `limit` bytes; returns the bytes and whether more remained.
fn read_all_limited(r: &mut dyn BufRead, limit: usize) -> io::Result<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut out)?;
    let over = out.len() > limit;
    out.truncate(limit);
    Ok((out, over))
}

fn first_non_ws(bytes: &[u8]) -> Option<u8> {
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Streams the records of one opened file to `emit`. Errors at a place in the file go
/// to `emit` too; reading goes on after a bad line, and stops when the stream itself
/// fails (truncated archive, I/O error) or `emit` says to.
pub fn read_records(path: &Path, reader: &mut dyn BufRead, emit: &mut Emit<'_>) {
    let compressed = compression_from_name(path) != Compression::None;
    let head = match reader.fill_buf() {
        Ok(h) => h,
        Err(e) => {
            let _ = emit(Err(io_failure(1, &e, compressed)));
            return;
        }
    };
    if head.is_empty() {
        let _ = emit(Err(RecordError {
            at: Position::Line(1),
            kind: FailureKind::NoText,
            message: "empty file".into(),
        }));
        return;
    }
    let sniff_len = head.len().min(8192);
    if head[..sniff_len].contains(&0) {
        let _ = emit(Err(RecordError {
            at: Position::Line(1),
            kind: FailureKind::Encoding,
            message: "binary data (NUL bytes), not an article file".into(),
        }));
        return;
    }
    let first = first_non_ws(&head[..sniff_len]);
    let format = match (format_from_name(path), first) {
        (Some(Format::Jsonl), _) => Format::Jsonl,
        (Some(Format::Json), Some(b'[')) => Format::Json,
        (_, Some(b'{')) => {
            // One object per line, or one (pretty-printed) object per file?
            let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
            let first_line = &head[..line_end];
            if serde_json::from_slice::<serde::de::IgnoredAny>(first_line).is_ok() {
                Format::Jsonl
            } else {
                Format::Json
            }
        }
        (_, Some(b'[')) if format_from_name(path) != Some(Format::Text) => Format::Json,
        (Some(Format::Json), _) => Format::Json,
        (Some(Format::Html), _) => Format::Html,
        (Some(Format::Warc), _) => Format::Warc,
        (Some(Format::Csv), _) => Format::Csv,
        (Some(Format::Tsv), _) => Format::Tsv,
        (None, Some(b'W')) if head.starts_with(b"WARC/1.") => Format::Warc,
        (None, Some(b'<')) if looks_like_html(&head[..sniff_len]) => Format::Html,
        _ => Format::Text,
    };
    match format {
        Format::Jsonl => read_jsonl(reader, compressed, emit),
        Format::Json => read_json(reader, compressed, emit),
        // Decompressed as one stream here; `read_file` reads WARC files member by member.
        Format::Warc => warc::read_warc(reader, &warc::WarcCounts::default(), emit),
        Format::Csv => {
            let delimiter = table::delimiter_of(&head[..sniff_len]);
            table::read_csv(reader, delimiter, emit)
        }
        Format::Tsv => table::read_csv(reader, b'\t', emit),
        // Parquet needs a seekable file: `read_file` reads it.
        Format::Parquet => {
            let _ = emit(Err(RecordError {
                at: Position::Row(0),
                kind: FailureKind::MalformedRow,
                message: "a Parquet file inside a compressed stream cannot be read".into(),
            }));
        }
        Format::Text | Format::Html => {
            let _ = emit(match read_all_limited(reader, MAX_RECORD_BYTES) {
                Ok((_, true)) => Err(too_large(1)),
                Ok((bytes, false)) => Ok(Record {
                    at: Position::Line(1),
                    format,
                    bytes,
                    web: None,
                }),
                Err(e) => Err(io_failure(1, &e, compressed)),
            });
        }
    }
}

/// A file that opens like a web page (`<!DOCTYPE html`, `<html`).
fn looks_like_html(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = &head[start..head.len().min(start + 64)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

fn too_large(line: u64) -> RecordError {
    RecordError {
        at: Position::Line(line),
        kind: FailureKind::TooLarge,
        message: format!(
            "record larger than the {} MiB limit",
            MAX_RECORD_BYTES >> 20
        ),
    }
}

fn read_jsonl(reader: &mut dyn BufRead, compressed: bool, emit: &mut Emit<'_>) {
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    loop {
        line_no += 1;
        let flow = match read_line_limited(reader, &mut buf, MAX_RECORD_BYTES) {
            Ok(None) => return,
            Ok(Some(true)) => emit(Err(too_large(line_no))),
            Ok(Some(false)) => {
                if buf.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                emit(Ok(Record {
                    at: Position::Line(line_no),
                    format: Format::Jsonl,
                    bytes: std::mem::take(&mut buf),
                    web: None,
                }))
            }
            Err(e) => {
                let _ = emit(Err(io_failure(line_no, &e, compressed)));
                return;
            }
        };
        if flow.is_break() {
            return;
        }
    }
}

/// Splits a JSON text into top-level values, or into the elements of a top-level
/// array, by scanning structure (strings, escapes, nesting) without parsing.
/// Streams: a huge array of articles is read one element at a time.
fn read_json(reader: &mut dyn BufRead, compressed: bool, emit: &mut Emit<'_>) {
    let mut line = 1u64;
    let mut start_line = 1u64;
    let mut cur: Vec<u8> = Vec::new();
    let mut depth: u32 = 0;
    let mut in_string = false;
    let mut escape = false;
    let mut in_array = false; // inside a top-level array whose elements are the records
    let mut over = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = emit(Err(io_failure(line, &e, compressed)));
                return;
            }
        };
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        for &b in chunk {
            let base = if in_array { 1 } else { 0 };
            if b == b'\n' {
                line += 1;
            }
            if depth == base && !in_string {
                // Between records.
                match b {
                    b'[' if depth == 0 && !in_array => {
                        in_array = true;
                        depth = 1;
                        continue;
                    }
                    b']' if in_array => {
                        in_array = false;
                        depth = 0;
                        continue;
                    }
                    b'{' | b'[' => {
                        start_line = line;
                        cur.clear();
                        over = false;
                    }
                    b',' if in_array => continue,
                    b if b.is_ascii_whitespace() => continue,
                    _ => {
                        // A scalar or stray byte at record level: collect until whitespace.
                        if cur.is_empty() {
                            start_line = line;
                        }
                        cur.push(b);
                        continue;
                    }
                }
            }
            if !over {
                if cur.len() >= MAX_RECORD_BYTES {
                    over = true;
                    cur = Vec::new();
                } else {
                    cur.push(b);
                }
            }
            if in_string {
                if escape {
                    escape = false;
                } else if b == b'\\' {
                    escape = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth = depth.saturating_add(1),
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == base {
                        let flow = if over {
                            emit(Err(too_large(start_line)))
                        } else {
                            emit(Ok(Record {
                                at: Position::Line(start_line),
                                format: Format::Json,
                                bytes: std::mem::take(&mut cur),
                                web: None,
                            }))
                        };
                        over = false;
                        if flow.is_break() {
                            return;
                        }
                    }
                }
                _ => {}
            }
        }
        reader.consume(n);
    }
    let base = if in_array { 1 } else { 0 };
    if depth > base || in_array || !cur.is_empty() {
        let _ = emit(Err(RecordError {
            at: Position::Line(start_line),
            kind: FailureKind::MalformedJson,
            message: "unexpected end of file inside a JSON value (truncated?)".into(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::ControlFlow;

    fn records(name: &str, data: &[u8]) -> Vec<Result<Record, RecordError>> {
        let mut out = Vec::new();
        let mut r: &[u8] = data;
        read_records(Path::new(name), &mut r, &mut |x| {
            out.push(x);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn jsonl_lines_keep_line_numbers_and_skip_blank_lines() {
        let out = records("a.jsonl", b"{\"a\":1}\n\n{\"b\":2}\n");
        let lines: Vec<Position> = out.iter().map(|r| r.as_ref().unwrap().at).collect();
        assert_eq!(lines, vec![Position::Line(1), Position::Line(3)]);
    }

    #[test]
    fn json_array_is_split_into_elements() {
        let out = records("a.json", b"[\n {\"t\": \"a]}\"},\n {\"t\": [1,2]}\n]\n");
        assert_eq!(out.len(), 2);
        let second = out[1].as_ref().unwrap();
        assert_eq!(second.at, Position::Line(3));
        assert_eq!(second.bytes, b"{\"t\": [1,2]}");
    }

    #[test]
    fn pretty_json_object_is_one_record() {
        let out = records(
            "a.json",
            b"{\n \"title\": \"x\",\n \"maintext\": \"y\"\n}\n",
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].is_ok());
    }

    #[test]
    fn truncated_json_is_reported() {
        let out = records("a.json", b"[{\"a\": 1}, {\"b\": ");
        assert!(out[0].is_ok());
        assert_eq!(
            out[1].as_ref().unwrap_err().kind,
            FailureKind::MalformedJson
        );
    }

    #[test]
    fn binary_and_empty_files_are_reported() {
        assert_eq!(
            records("a.txt", b"\x00\x01abc")[0]
                .as_ref()
                .unwrap_err()
                .kind,
            FailureKind::Encoding
        );
        assert_eq!(
            records("a.txt", b"")[0].as_ref().unwrap_err().kind,
            FailureKind::NoText
        );
    }

    #[test]
    fn text_is_one_record() {
        let out = records("a.txt", b"Title: x\n\nbody text\n");
        assert_eq!(out[0].as_ref().unwrap().format, Format::Text);
    }

    #[test]
    fn overlong_line_is_reported_and_reading_goes_on() {
        let mut data = b"{\"a\":\"".to_vec();
        data.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        data.extend_from_slice(b"\"}\n{\"b\":1}\n");
        let out = records("a.jsonl", &data);
        assert_eq!(out[0].as_ref().unwrap_err().kind, FailureKind::TooLarge);
        assert_eq!(out[1].as_ref().unwrap().at, Position::Line(2));
    }

    #[test]
    fn names_give_format_under_compression() {
        assert_eq!(
            format_from_name(Path::new("x.jsonl.gz")),
            Some(Format::Jsonl)
        );
        assert_eq!(
            format_from_name(Path::new("x.json.zst")),
            Some(Format::Json)
        );
        assert_eq!(format_from_name(Path::new("x.txt")), Some(Format::Text));
        assert_eq!(format_from_name(Path::new("x.png")), None);
    }
}
