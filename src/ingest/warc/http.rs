//! The HTTP response inside a WARC `response` record: status line and headers
//! (`httparse`, after header lines are normalised: crawlers have been seen to write
//! `\r\r\n`), and the body with its transfer and content codings undone
//! (`chunked_transfer`, `flate2`, `brotli-decompressor`). A coding is undone only
//! when the body is so encoded: Common Crawl stores payloads decoded, sometimes
//! still under the original `Content-Encoding` header.

use std::io::Read;

/// The parts of a response that decide what it is and how to read its body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    /// `Content-Type`, as sent (`text/html; charset=UTF-8`).
    pub content_type: Option<String>,
    /// `Content-Encoding` (`gzip`, `deflate`, `br`), lowercased.
    pub content_encoding: Option<String>,
    pub chunked: bool,
    /// Where the body starts in the record's block.
    pub body_start: usize,
}

/// Most header bytes looked at.
const MAX_HEAD: usize = 64 << 10;
const MAX_HEADERS: usize = 128;

/// Parses the status line and headers at the start of `block`.
pub fn parse_head(block: &[u8]) -> Result<Head, String> {
    // Header lines end at the first empty line; each is trimmed of trailing
    // whitespace (so `\r\r\n` and bare `\n` endings read as CRLF).
    let mut normalised = Vec::with_capacity(1024);
    let mut pos = 0;
    let body_start = loop {
        if pos >= block.len() || pos > MAX_HEAD {
            return Err("HTTP headers do not end".into());
        }
        let end = block[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(block.len(), |i| pos + i);
        let line = block[pos..end].trim_ascii_end();
        pos = (end + 1).min(block.len());
        if line.is_empty() {
            normalised.extend_from_slice(b"\r\n");
            break pos;
        }
        normalised.extend_from_slice(line);
        normalised.extend_from_slice(b"\r\n");
    };
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(&normalised) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err("incomplete HTTP headers".into()),
        Err(e) => return Err(format!("bad HTTP response head: {e}")),
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    Ok(Head {
        status: response.code.unwrap_or(0),
        content_type: header("content-type"),
        content_encoding: header("content-encoding")
            .map(|e| e.to_ascii_lowercase())
            .filter(|e| !e.is_empty() && e != "identity"),
        chunked: header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked")),
        body_start,
    })
}

/// Is this a web page (`text/html`, `application/xhtml+xml`)?
pub fn is_html(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else {
        return false;
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// Largest body decoded (a decompression bomb stops here).
const MAX_DECODED: u64 = 64 << 20;

/// The body with its codings undone. A chunked body that does not decode is an
/// error (the record is broken); a content coding that does not decode leaves the
/// body as it is.
pub fn decode_body(head: &Head, body: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = if head.chunked && looks_chunked(body) {
        let mut out = Vec::with_capacity(body.len());
        let mut source = EndSeen {
            inner: body,
            seen: false,
        };
        chunked_transfer::Decoder::new(&mut source)
            .take(MAX_DECODED)
            .read_to_end(&mut out)
            .map_err(|e| format!("bad chunked transfer encoding: {e}"))?;
        // The decoder stops at the last (zero-size) chunk without reading on; one
        // that ran into the end of the body was cut before it.
        if source.seen {
            return Err("chunked body ends before its last chunk".into());
        }
        out
    } else {
        body.to_vec()
    };
    if let Some(coding) = head.content_encoding.as_deref() {
        if let Some(decoded) = decode_content(coding, &bytes) {
            bytes = decoded;
        }
    }
    Ok(bytes)
}

/// A reader that notes when its input ran out under a read.
struct EndSeen<'a> {
    inner: &'a [u8],
    seen: bool,
}

impl Read for EndSeen<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen |= n == 0 && !buf.is_empty();
        Ok(n)
    }
}

/// A chunked body starts with a hexadecimal size line.
fn looks_chunked(body: &[u8]) -> bool {
    let line_end = body.iter().position(|&b| b == b'\n').unwrap_or(0);
    let line = body[..line_end].trim_ascii();
    let size = line.split(|&b| b == b';').next().unwrap_or(b"");
    !size.is_empty() && size.len() <= 16 && size.iter().all(u8::is_ascii_hexdigit)
}

fn decode_content(coding: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let ok = match coding {
        "gzip" | "x-gzip" if bytes.starts_with(&[0x1f, 0x8b]) => {
            flate2::read::MultiGzDecoder::new(bytes)
                .take(MAX_DECODED)
                .read_to_end(&mut out)
                .is_ok()
        }
        "deflate" => {
            // Servers send zlib-wrapped or raw deflate under this name.
            flate2::read::ZlibDecoder::new(bytes)
                .take(MAX_DECODED)
                .read_to_end(&mut out)
                .is_ok()
                || {
                    out.clear();
                    flate2::read::DeflateDecoder::new(bytes)
                        .take(MAX_DECODED)
                        .read_to_end(&mut out)
                        .is_ok()
                }
        }
        "br" => brotli_decompressor::Decompressor::new(bytes, 64 << 10)
            .take(MAX_DECODED)
            .read_to_end(&mut out)
            .is_ok(),
        _ => false,
    };
    (ok && !out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn heads_with_odd_line_ends_parse() {
        let h = parse_head(b"HTTP/1.1 200 OK\r\r\nContent-Type: text/html; charset=UTF-8\r\r\nContent-Encoding: GZIP\r\r\n\r\r\n<html>").unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.content_type.as_deref(), Some("text/html; charset=UTF-8"));
        assert_eq!(h.content_encoding.as_deref(), Some("gzip"));
        let block = b"HTTP/1.0 404 Not Found\nContent-Type: text/plain\n\nnope";
        let h = parse_head(block).unwrap();
        assert_eq!((h.status, &block[h.body_start..]), (404, &b"nope"[..]));
        assert!(parse_head(b"<html>no head").is_err());
    }

    #[test]
    fn codings_are_undone_only_when_the_body_is_so_encoded() {
        let page = b"<html><body>Hello</body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page).unwrap();
        let gz = gz.finish().unwrap();
        let head = Head {
            status: 200,
            content_encoding: Some("gzip".into()),
            chunked: true,
            ..Default::default()
        };
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(decode_body(&head, &chunked).unwrap(), page);
        // Stored decoded under the original headers (Common Crawl before 2019).
        assert_eq!(decode_body(&head, page).unwrap(), page);
        // A chunked body that breaks off, or has no last chunk, is an error.
        assert!(decode_body(&head, b"ff\r\nshort").is_err());
        assert!(decode_body(&head, b"5\r\nhello\r\n").is_err());
        let plain = Head {
            content_encoding: None,
            ..head
        };
        assert_eq!(
            decode_body(&plain, b"5\r\nhello\r\n0\r\n\r\n").unwrap(),
            b"hello"
        );
    }

    #[test]
    fn html_content_types() {
        assert!(is_html(Some("text/html; charset=utf-8")));
        assert!(is_html(Some("application/xhtml+xml")));
        assert!(!is_html(Some("application/rss+xml")));
        assert!(!is_html(None));
    }
}
