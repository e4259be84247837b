//! Article text is untrusted: before printing it to a terminal, control characters
//! (escape sequences) and bidirectional overrides are removed; tabs and newlines
//! become spaces where a single line is wanted. HTML escaping lives with the web page.

/// Is this a bidi control (LRE, RLO, isolates, marks) that could reorder what a user sees?
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// Text safe to print on one terminal line.
pub fn for_terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        if c.is_control() || is_bidi(c) {
            continue;
        }
        space = false;
        out.push(c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes_and_bidi() {
        assert_eq!(for_terminal("a\x1b[31mred\u{202e}b\n\tc"), "a[31mredb c");
    }
}
