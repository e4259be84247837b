//! WARC files: Common Crawl News and the web archives newsrooms and libraries
//! keep. Each `response` (or `resource`) record holding a web page becomes a
//! [`Record`] of [`Format::Html`] for the workers to read; `warcinfo`, `request`,
//! `metadata`, `revisit` and conversion records, non-HTML payloads and responses
//! other than 200 are counted as skipped, by kind ([`WarcCounts`]), not as failures.
//!
//! Streaming and bounded: a file is read one compression member at a time
//! ([`members`]), a record's block is held only when it is a page to read (up to
//! [`MAX_PAYLOAD`]), everything else is read past.
//!
//! Headers are parsed by the `warc` crate's parser (`warc::parser::headers`); this
//! module frames the records and recovers from damage as `../shared/web/warc`'s
//! reference reader does: a record whose block does not end with CRLF CRLF where
//! `Content-Length` says, or ends early, is broken and the rest of its member is
//! dropped; bytes that are not a record (junk) are one broken block, skipped to the
//! next line starting `WARC/1.`; a member that does not decompress is broken, and
//! reading resumes at the next member. Each is reported as `path@offset: reason`.

pub mod http;
mod members;

use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use serde::Serialize;

use super::failure::{FailureKind, Position};
use super::record::{Emit, Format, Record, RecordError, WebRecord};
pub use members::Compression;
use members::Members;

/// Largest page payload read from a record; larger ones are reported `too_large`.
pub const MAX_PAYLOAD: u64 = 32 << 20;
/// Largest WARC header block.
const MAX_HEADER: usize = 64 << 10;

/// Why a record makes no article (it is not a failure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipKind {
    Warcinfo,
    Request,
    Metadata,
    Revisit,
    /// A 200 response with another content type (images, feeds, robots.txt).
    NonHtml,
    /// Redirects and errors.
    Non200,
    /// Conversion and continuation records, non-HTTP responses.
    Other,
}

impl SkipKind {
    pub const ALL: [SkipKind; 7] = [
        SkipKind::Warcinfo,
        SkipKind::Request,
        SkipKind::Metadata,
        SkipKind::Revisit,
        SkipKind::NonHtml,
        SkipKind::Non200,
        SkipKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SkipKind::Warcinfo => "warcinfo",
            SkipKind::Request => "request",
            SkipKind::Metadata => "metadata",
            SkipKind::Revisit => "revisit",
            SkipKind::NonHtml => "non_html",
            SkipKind::Non200 => "non_200",
            SkipKind::Other => "other",
        }
    }
}

/// Counters of the WARC records read, shared by an ingest's threads.
#[derive(Debug, Default)]
pub struct WarcCounts {
    /// Records read (junk blocks not counted).
    pub records: AtomicU64,
    /// Pages handed on to become articles.
    pub pages: AtomicU64,
    /// Pages that became articles (the rest have no main text, or are broken).
    pub articles: AtomicU64,
    /// Pages whose payload the crawler truncated (read as they are).
    pub truncated: AtomicU64,
    skipped: [AtomicU64; 7],
}

impl WarcCounts {
    fn skip(&self, kind: SkipKind) {
        self.skipped[kind as usize].fetch_add(1, Relaxed);
    }

    /// The counts at one moment; `None` when no WARC record was read.
    pub fn snapshot(&self) -> Option<WarcSnapshot> {
        let records = self.records.load(Relaxed);
        (records > 0).then(|| WarcSnapshot {
            records,
            pages: self.pages.load(Relaxed),
            articles: self.articles.load(Relaxed),
            truncated: self.truncated.load(Relaxed),
            skipped: self.skipped(),
        })
    }

    /// Skipped records by kind, the kinds that occurred.
    pub fn skipped(&self) -> Vec<(String, u64)> {
        SkipKind::ALL
            .iter()
            .map(|k| {
                (
                    k.label().to_string(),
                    self.skipped[*k as usize].load(Relaxed),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// What was read from WARC files, for reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WarcSnapshot {
    pub records: u64,
    pub pages: u64,
    pub articles: u64,
    pub truncated: u64,
    pub skipped: Vec<(String, u64)>,
}

/// Is this file named as a WARC file (`.warc`, `.warc.gz`, `.warc.zst`)?
pub fn named_warc(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    [".warc", ".warc.gz", ".warc.gzip", ".warc.zst", ".warc.zstd"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Does this file hold WARC records (its first decompressed bytes are `WARC/1.`)?
pub fn sniff(path: &Path) -> io::Result<bool> {
    let mut members = Members::new(std::fs::File::open(path)?)?;
    let mut head = [0u8; 8];
    let mut n = 0;
    while n < head.len() {
        match members.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(head[..n].starts_with(b"WARC/1."))
}

/// Where a record starts, for reports.
fn position(compression: Compression, member: u64, within: u64) -> Position {
    match compression {
        Compression::None => Position::Offset(within),
        _ if within == 0 => Position::Offset(member),
        _ => Position::InMember(member, within),
    }
}

fn broken(at: Position, message: impl Into<String>) -> RecordError {
    RecordError {
        at,
        kind: FailureKind::BrokenRecord,
        message: message.into(),
    }
}

/// Streams the page records of a WARC file to `emit`, and counts the rest.
pub fn read_warc<R: Read>(file: R, counts: &WarcCounts, emit: &mut Emit<'_>) {
    let mut members = match Members::new(file) {
        Ok(m) => m,
        Err(e) => {
            let _ = emit(Err(RecordError {
                at: Position::Offset(0),
                kind: FailureKind::Unreadable,
                message: format!("cannot read: {e}"),
            }));
            return;
        }
    };
    let compression = members.compression();
    let mut first = true;
    loop {
        let (member, _) = members.position();
        let mut stream = MemberStream {
            input: BufReader::with_capacity(64 << 10, &mut members),
            consumed: 0,
        };
        let end = read_member(&mut stream, compression, member, first, counts, emit);
        first = false;
        // A record left unread: the rest of its member is dropped (decompressed and
        // thrown away, so the next member starts where it should).
        if end.abandoned && std::io::copy(&mut members, &mut std::io::sink()).is_err() {
            return;
        }
        // A record cut off by a member that broke off is one fault, told once.
        let fault = members.take_fault();
        let report = match (end.cut, fault) {
            (Some((at, _)), Some(fault)) => Some((at, fault.message)),
            (Some(cut), None) => Some(cut),
            (None, Some(fault)) => Some((position(compression, fault.offset, 0), fault.message)),
            (None, None) => None,
        };
        if let Some((at, message)) = report {
            if emit(Err(broken(at, message))).is_break() {
                return;
            }
        }
        if end.stop {
            return;
        }
        match members.next_member() {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                let (member, _) = members.position();
                let _ = emit(Err(broken(
                    position(compression, member, 0),
                    format!("read error: {e}"),
                )));
                return;
            }
        }
    }
}

/// The decompressed bytes of one member, with how many were consumed.
struct MemberStream<B> {
    input: B,
    consumed: u64,
}

impl<B: BufRead> MemberStream<B> {
    /// One line with its ending; empty at the end of the member. A line longer than
    /// `limit` is cut there (the rest is the next "line").
    fn line(&mut self, limit: usize) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        while line.len() < limit {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(limit - line.len());
            match buf[..take].iter().position(|&b| b == b'\n') {
                Some(i) => {
                    line.extend_from_slice(&buf[..=i]);
                    self.input.consume(i + 1);
                    self.consumed += i as u64 + 1;
                    break;
                }
                None => {
                    line.extend_from_slice(&buf[..take]);
                    self.input.consume(take);
                    self.consumed += take as u64;
                }
            }
        }
        Ok(line)
    }

    /// Skips to the next line that starts a record (`WARC/1.`) and returns it.
    fn next_version_line(&mut self) -> Option<Vec<u8>> {
        loop {
            match self.line(MAX_HEADER) {
                Ok(l) if l.is_empty() => return None,
                Ok(l) if l.starts_with(b"WARC/1.") => return Some(l),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }

    /// Reads exactly `n` bytes, into `out` when given; the count read (less at the end).
    fn block(&mut self, n: u64, mut out: Option<&mut Vec<u8>>) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = (buf.len() as u64).min(left) as usize;
            if let Some(out) = out.as_deref_mut() {
                out.extend_from_slice(&buf[..take]);
            }
            self.input.consume(take);
            self.consumed += take as u64;
            left -= take as u64;
        }
        Ok(n - left)
    }
}

/// The fields of a WARC header block that decide what a record is.
struct Header {
    warc_type: String,
    content_length: u64,
    url: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    content_type: Option<String>,
    truncated: bool,
}

fn parse_header(block: &[u8]) -> Result<Header, String> {
    let (_, (_version, fields, content_length)) =
        warc::parser::headers(block).map_err(|_| "bad WARC header".to_string())?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let warc_type = field("WARC-Type").ok_or("a WARC header without WARC-Type")?;
    Ok(Header {
        warc_type: warc_type.to_ascii_lowercase(),
        content_length: content_length as u64,
        url: field("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string()),
        date: field("WARC-Date"),
        record_id: field("WARC-Record-ID"),
        content_type: field("Content-Type"),
        truncated: field("WARC-Truncated").is_some(),
    })
}

/// How reading a member ended.
#[derive(Default)]
struct MemberEnd {
    /// Stop reading the file (`emit` said so, or it is not a WARC file).
    stop: bool,
    /// The member was left before its end (its last record was broken).
    abandoned: bool,
    /// A record cut short by the end of the member: where, and what.
    cut: Option<(Position, String)>,
}

impl MemberEnd {
    fn from(flow: ControlFlow<()>) -> Self {
        MemberEnd {
            stop: flow.is_break(),
            ..Default::default()
        }
    }
}

/// Reads the records of one member.
fn read_member<B: BufRead>(
    s: &mut MemberStream<B>,
    compression: Compression,
    member: u64,
    first_member: bool,
    counts: &WarcCounts,
    emit: &mut Emit<'_>,
) -> MemberEnd {
    let done = MemberEnd::default;
    let stop = || MemberEnd {
        stop: true,
        ..Default::default()
    };
    let mut pending: Option<Vec<u8>> = None;
    let mut seen_record = !first_member;
    loop {
        let start = s.consumed - pending.as_ref().map_or(0, |l| l.len() as u64);
        let at = position(compression, member, start);
        let first = match pending.take() {
            Some(line) => line,
            None => match s.line(MAX_HEADER) {
                Ok(l) if l.is_empty() => return done(),
                Ok(l) => l,
                Err(e) => {
                    return MemberEnd::from(emit(Err(broken(at, format!("read error: {e}")))))
                }
            },
        };
        if first.trim_ascii().is_empty() {
            continue;
        }
        if !first.starts_with(b"WARC/1.") {
            if !seen_record {
                // The file does not open with a record: it is not a WARC file.
                let _ = emit(Err(RecordError {
                    at,
                    kind: FailureKind::NotWarc,
                    message: "not a WARC file (it does not start with a WARC/1.x record)".into(),
                }));
                return stop();
            }
            // Junk: one broken block, up to the next record's version line.
            if emit(Err(broken(at, "bytes that are not a WARC record, skipped"))).is_break() {
                return stop();
            }
            match s.next_version_line() {
                Some(line) => pending = Some(line),
                None => return done(),
            }
            continue;
        }
        seen_record = true;
        // The header block, up to its empty line.
        let mut header = first;
        loop {
            match s.line(MAX_HEADER) {
                Ok(l) if l.is_empty() => {
                    return MemberEnd {
                        cut: Some((at, "the member ends inside a WARC header".into())),
                        ..Default::default()
                    };
                }
                Ok(l) => {
                    let end = l.trim_ascii().is_empty();
                    header.extend_from_slice(&l);
                    if end {
                        break;
                    }
                    if header.len() > MAX_HEADER {
                        let flow = emit(Err(broken(at, "WARC header over 64 KiB")));
                        return MemberEnd {
                            abandoned: true,
                            ..MemberEnd::from(flow)
                        };
                    }
                }
                Err(e) => {
                    return MemberEnd::from(emit(Err(broken(at, format!("read error: {e}")))))
                }
            }
        }
        let h = match parse_header(&header) {
            Ok(h) => h,
            Err(message) => {
                if emit(Err(broken(at, message))).is_break() {
                    return stop();
                }
                continue;
            }
        };
        counts.records.fetch_add(1, Relaxed);
        let wanted = matches!(h.warc_type.as_str(), "response" | "resource");
        let keep = wanted && h.content_length <= MAX_PAYLOAD;
        let mut block = Vec::new();
        let got = match s.block(h.content_length, keep.then_some(&mut block)) {
            Ok(n) => n,
            Err(e) => return MemberEnd::from(emit(Err(broken(at, format!("read error: {e}"))))),
        };
        if got < h.content_length {
            // The member ended first: the record is cut (the caller tells why).
            let message = format!(
                "the record ends {} bytes before its Content-Length of {}",
                h.content_length - got,
                h.content_length
            );
            return MemberEnd {
                cut: Some((at, message)),
                ..Default::default()
            };
        }
        let fault = {
            let first = s.line(4);
            let ok = matches!(first.as_deref(), Ok(b"\r\n"))
                && matches!(s.line(2).as_deref(), Ok(b"\r\n"));
            (!ok).then(|| {
                "no record end (CRLF CRLF) where Content-Length says: a wrong length".to_string()
            })
        };
        if let Some(message) = fault {
            if emit(Err(broken(at, message))).is_break() {
                return stop();
            }
            // The rest of a compression member is dropped; in an uncompressed file,
            // reading resumes at the next record's version line.
            if compression != Compression::None {
                return MemberEnd {
                    abandoned: true,
                    ..Default::default()
                };
            }
            match s.next_version_line() {
                Some(line) => pending = Some(line),
                None => return done(),
            }
            continue;
        }
        let flow = if wanted && !keep {
            emit(Err(RecordError {
                at,
                kind: FailureKind::TooLarge,
                message: format!(
                    "a {}-byte payload, over the {} MiB limit",
                    h.content_length,
                    MAX_PAYLOAD >> 20
                ),
            }))
        } else {
            classify(h, block, at, counts, emit)
        };
        if flow.is_break() {
            return stop();
        }
    }
}

/// Hands on a record that holds a page; counts the others by kind.
fn classify(
    h: Header,
    block: Vec<u8>,
    at: Position,
    counts: &WarcCounts,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let skip = |kind| {
        counts.skip(kind);
        ControlFlow::Continue(())
    };
    let mut web = WebRecord {
        url: h.url,
        fetched: h.date,
        record_id: h.record_id,
        truncated: h.truncated,
        ..Default::default()
    };
    let body = match h.warc_type.as_str() {
        "warcinfo" => return skip(SkipKind::Warcinfo),
        "request" => return skip(SkipKind::Request),
        "metadata" => return skip(SkipKind::Metadata),
        "revisit" => return skip(SkipKind::Revisit),
        "resource" => {
            if !http::is_html(h.content_type.as_deref()) {
                return skip(SkipKind::NonHtml);
            }
            web.content_type = h.content_type;
            block
        }
        "response" => {
            let is_http = h
                .content_type
                .as_deref()
                .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("application/http"));
            if !is_http {
                return skip(SkipKind::Other);
            }
            let head = match http::parse_head(&block) {
                Ok(head) => head,
                Err(message) => return emit(Err(broken(at, message))),
            };
            if head.status != 200 {
                return skip(SkipKind::Non200);
            }
            if !http::is_html(head.content_type.as_deref()) {
                return skip(SkipKind::NonHtml);
            }
            web.content_type = head.content_type;
            web.content_encoding = head.content_encoding;
            web.chunked = head.chunked;
            let mut block = block;
            block.drain(..head.body_start);
            block
        }
        _ => return skip(SkipKind::Other),
    };
    counts.pages.fetch_add(1, Relaxed);
    if web.truncated {
        counts.truncated.fetch_add(1, Relaxed);
    }
    emit(Ok(Record {
        at,
        format: Format::Html,
        bytes: body,
        web: Some(Box::new(web)),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, content_type: &str, block: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2024-05-13T10:00:00.123456Z\r\nWARC-Target-URI: https://example.org/{kind}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len(),
            block.len()
        )
    }

    fn read(bytes: &[u8]) -> (Vec<Result<Record, RecordError>>, WarcCounts) {
        let counts = WarcCounts::default();
        let mut out = Vec::new();
        read_warc(bytes, &counts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        (out, counts)
    }

    const PAGE: &str = "<html><body><p>A page.</p></body></html>";

    #[test]
    fn resource_records_with_html_are_pages_and_the_rest_is_counted() {
        let file = [
            record("warcinfo", "application/warc-fields", "software: test\r\n"),
            record("resource", "text/html; charset=utf-8", PAGE),
            record("resource", "image/png", "PNG"),
            record(
                "revisit",
                "application/http; msgtype=response",
                "HTTP/1.1 304 Not Modified\r\n\r\n",
            ),
            record(
                "response",
                "application/http; msgtype=response",
                "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
            ),
        ]
        .concat();
        let (out, counts) = read(file.as_bytes());
        assert_eq!(out.len(), 1);
        let page = out[0].as_ref().unwrap();
        assert_eq!(page.bytes, PAGE.as_bytes());
        let web = page.web.as_deref().unwrap();
        assert_eq!(web.url.as_deref(), Some("https://example.org/resource"));
        assert_eq!(web.fetched.as_deref(), Some("2024-05-13T10:00:00.123456Z"));
        let first_len =
            record("warcinfo", "application/warc-fields", "software: test\r\n").len() as u64;
        assert_eq!(page.at, Position::Offset(first_len));
        assert_eq!(counts.records.load(Relaxed), 5);
        assert_eq!(
            counts.skipped(),
            vec![
                ("warcinfo".to_string(), 1),
                ("revisit".to_string(), 1),
                ("non_html".to_string(), 1),
                ("non_200".to_string(), 1)
            ]
        );
    }

    #[test]
    fn records_of_a_file_compressed_whole_are_placed_inside_its_member() {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let plain = [
            record("response", "application/http; msgtype=response", &http),
            record("response", "application/http; msgtype=response", &http),
        ]
        .concat();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(plain.as_bytes()).unwrap();
        let (out, _) = read(&gz.finish().unwrap());
        let at: Vec<Position> = out.iter().map(|r| r.as_ref().unwrap().at).collect();
        let second = (plain.len() / 2) as u64;
        assert_eq!(at, vec![Position::Offset(0), Position::InMember(0, second)]);
    }

    #[test]
    fn a_file_that_is_not_warc_is_one_error() {
        let (out, counts) = read(b"<html>not a capture</html>\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].as_ref().unwrap_err().kind, FailureKind::NotWarc);
        assert_eq!(counts.records.load(Relaxed), 0);
    }
}
