//! Quotations and the speech forms that carry no verb: quoted spans (“…” or "…"),
//! the quote next to an attribution, and tweet signatures ("— Name (@handle)").

use super::Quote;

/// A quotation in the text (inside “…” or "…").
#[derive(Clone, Copy, Debug)]
pub(super) struct QuoteSpan {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn quotes(text: &str) -> Vec<QuoteSpan> {
    const OPEN_CURLY: &[u8] = "“".as_bytes();
    const CLOSE_CURLY: &[u8] = "”".as_bytes();
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Only '"', '\n' and the curly quotes matter: found by their first byte.
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'"', b'\n', OPEN_CURLY[0], bytes) {
        let c = match bytes[i] {
            b'"' => '"',
            b'\n' => '\n',
            _ if bytes[i..].starts_with(OPEN_CURLY) => '“',
            _ if bytes[i..].starts_with(CLOSE_CURLY) => '”',
            _ => continue,
        };
        match (open, c) {
            (None, '“') => open = Some((i + c.len_utf8(), '”')),
            (None, '"') => open = Some((i + 1, '"')),
            (Some((s, close)), c) if c == close => {
                if i > s {
                    out.push(QuoteSpan { start: s, end: i });
                }
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

/// The quote next to an attribution: just before it (`"…," X said`) or just after (`X said: "…"`).
pub(super) fn nearest_quote(
    text: &str,
    qs: &[QuoteSpan],
    start: usize,
    end: usize,
) -> Option<Quote> {
    // The quote's text without surrounding spaces, and offsets that match it.
    let mk = |q: &QuoteSpan| {
        let raw = &text[q.start..q.end];
        let start = q.start + (raw.len() - raw.trim_start().len());
        let end = q.end - (raw.len() - raw.trim_end().len());
        let end = end.max(start);
        Quote {
            text: text[start..end].to_string(),
            start,
            end,
        }
    };
    let before = qs
        .iter()
        .rev()
        .find(|q| q.end <= start && start - q.end <= 6 && !text[q.end..start].contains('\n'));
    if let Some(q) = before {
        return Some(mk(q));
    }
    let after = qs
        .iter()
        .find(|q| q.start >= end && q.start - end <= 8 && !text[end..q.start].contains('\n'));
    if let Some(q) = after {
        return Some(mk(q));
    }
    // A quote inside the same sentence after "said that"/"said,".
    qs.iter()
        .find(|q| {
            q.start >= end && q.start - end <= 120 && !text[end..q.start].contains(['.', '\n'])
        })
        .map(mk)
}

/// Embedded tweets: "— Name / Other script (@handle) Date".
pub(super) fn tweet_signatures(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for i in memchr::memmem::find_iter(text.as_bytes(), "(@") {
        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
        let line = &text[line_start..i];
        let Some(dash) = line.find(['—', '–']) else {
            continue;
        };
        let sig = line[dash..].trim_start_matches(['—', '–']).trim();
        let name = sig.split('/').next().unwrap_or("").trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        if (1..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            out.push((words.join(" "), line_start, i));
        }
    }
    out
}
