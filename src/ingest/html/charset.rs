//! Bytes of a web page to UTF-8 text, as browsers decide: a byte-order mark
//! first, then the charset of the HTTP `Content-Type`, then a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` in the first 4 KiB, else UTF-8. Labels are
//! WHATWG's (`encoding_rs`): ISO-8859-1 and US-ASCII read as windows-1252, GB2312 as
//! GBK. Bytes that are invalid in the chosen encoding become U+FFFD.

use encoding_rs::{Encoding, UTF_8};

/// How far into a page a `<meta>` charset is looked for (as the HTML standard's prescan).
const PRESCAN_BYTES: usize = 4096;

/// Decodes a page; `declared` is the charset of the HTTP header, if any.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]))
        .unwrap_or(UTF_8);
    // `decode` strips a BOM of the encoding it sniffs itself, which wins as above.
    encoding.decode(bytes).0.into_owned()
}

/// The charset of a `Content-Type` value: `text/html; charset="utf-8"` → `utf-8`.
pub fn from_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// The encoding a `<meta>` tag declares in `head` (bytes, any ASCII-compatible
/// encoding): `<meta charset=x>` or a `content` attribute holding `charset=x`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut rest = head;
    while let Some(i) = find_ci(rest, b"<meta") {
        let tag_start = &rest[i + 5..];
        let end = tag_start
            .iter()
            .position(|&b| b == b'>')
            .unwrap_or(tag_start.len());
        let tag = &tag_start[..end];
        if let Some(j) = find_ci(tag, b"charset") {
            let after = &tag[j + 7..];
            let after = trim_start(after);
            if let Some(value) = after.strip_prefix(b"=") {
                let value = trim_start(value);
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let len = value
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')
                            || b.is_ascii_whitespace()
                    })
                    .unwrap_or(value.len());
                if let Some(e) = Encoding::for_label(&value[..len]) {
                    // A page that says UTF-16 in its own bytes is not UTF-16 (HTML standard).
                    return Some(
                        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                            UTF_8
                        } else {
                            e
                        },
                    );
                }
            }
        }
        rest = &tag_start[end..];
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_wins_then_the_header_then_meta() {
        let mut utf8 = b"\xEF\xBB\xBF<meta charset=iso-8859-1>caf\xC3\xA9".to_vec();
        assert_eq!(
            decode(&utf8, Some("iso-8859-1")),
            "<meta charset=iso-8859-1>café"
        );
        utf8.drain(..3);
        // The header says Latin-1: the two bytes of é are two characters.
        assert_eq!(decode(b"caf\xC3\xA9", Some("ISO-8859-1")), "cafÃ©");
        assert_eq!(
            decode(b"<head><meta charset=\"windows-1252\"></head>caf\xE9", None),
            "<head><meta charset=\"windows-1252\"></head>café"
        );
        let http_equiv = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">\x93\xfa\x96\x7b";
        assert!(decode(http_equiv, None).ends_with("日本"));
        // Nothing declared: UTF-8, invalid bytes replaced.
        assert_eq!(decode(b"caf\xE9 ok", None), "caf\u{FFFD} ok");
    }

    #[test]
    fn charset_of_a_content_type() {
        assert_eq!(
            from_content_type("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(
            from_content_type("text/html;charset=gb2312"),
            Some("gb2312")
        );
        assert_eq!(from_content_type("text/html"), None);
    }
}
