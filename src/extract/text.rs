//! Small text helpers shared by the extractors and the frontends.

/// At most `max` characters of `s`, with an ellipsis when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// Folds a word for lookups: lowercase, common accents removed, curly quotes straightened.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // Only case and the backtick change.
        let mut out = s.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => {
                out.push('a')
            }
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => {
                out.push('e')
            }
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' | 'ı' => {
                out.push('i')
            }
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => {
                out.push('o')
            }
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'Ú' | 'Ù' | 'Û' | 'Ü' => out.push('u'),
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => out.push('c'),
            'ñ' | 'ń' | 'Ñ' => out.push('n'),
            'š' | 'ś' | 'ş' | 'Š' | 'Ś' | 'Ş' => out.push('s'),
            'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => out.push('z'),
            'ý' | 'ÿ' | 'Ý' => out.push('y'),
            'ł' | 'Ł' => out.push('l'),
            'ř' | 'Ř' => out.push('r'),
            'ğ' | 'Ğ' => out.push('g'),
            'đ' | 'Đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            '’' | '‘' | '`' => out.push('\''),
            '‐' | '‑' | '–' | '—' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Calls `f` with [`fold`] of `s`, without allocating for short ASCII words (the
/// lookups of surnames and names in an article's maps).
pub fn with_fold<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 64;
    if s.len() > MAX || !s.is_ascii() {
        return f(&fold(s));
    }
    let mut buf = [0u8; MAX];
    let b = &mut buf[..s.len()];
    for (o, &c) in b.iter_mut().zip(s.as_bytes()) {
        *o = if c == b'`' {
            b'\''
        } else {
            c.to_ascii_lowercase()
        };
    }
    // SAFETY: `s` is ASCII (checked above) and every byte written is ASCII; ASCII
    // bytes are valid UTF-8.
    f(unsafe { std::str::from_utf8_unchecked(b) })
}

/// Characters of scripts written without spaces between words: Han, kana, Hangul
/// (Korean puts spaces between phrases; a syllable still counts as a word). The CJK
/// analyzer, language detection and the web-page word count all read it.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul Jamo
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0x31F0..=0x31FF     // Katakana phonetic extensions
        | 0x3400..=0x4DBF     // Han extension A
        | 0x4E00..=0x9FFF     // Han
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // Han compatibility
        | 0xFF66..=0xFF9F     // halfwidth Katakana
        | 0x20000..=0x2FA1F   // Han extensions B-F, compatibility supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_fold_is_fold() {
        for s in [
            "O`Brien's",
            "Zelenskyy",
            "Côte d’Ivoire",
            "ÉLYSÉE",
            "",
            "McCONNELL",
        ] {
            assert_eq!(with_fold(s, str::to_string), fold(s));
        }
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate_chars("Київ is a city", 4), "Київ…");
        assert_eq!(truncate_chars("short", 10), "short");
    }

    #[test]
    fn folds_accents_and_quotes() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("O`Brien's"), "o'brien's");
    }
}

/// A word of the text: a run of alphanumeric characters, with byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// First character is uppercase.
    pub cap: bool,
    /// Every letter is uppercase (and there are at least two).
    pub all_caps: bool,
    /// Starts a sentence (or a line, or a quotation).
    pub sentence_start: bool,
}

impl Token {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
}

/// Words written with a period that does not end a sentence ("Mr.", "Sen.", "Jan.", "Corp.").
pub fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Prof"
            | "Rev"
            | "Jr"
            | "Sr"
            | "Mt"
            | "Ft"
            | "No"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Corp"
            | "Inc"
            | "Co"
            | "Ltd"
            | "vs"
    )
}

/// Classes of ASCII bytes for [`tokenize`]: alphanumeric, letter, lowercase letter.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const LOWER: u8 = 4;
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_digit() {
            t[b] = ALNUM;
        } else if c.is_ascii_uppercase() {
            t[b] = ALNUM | ALPHA;
        } else if c.is_ascii_lowercase() {
            t[b] = ALNUM | ALPHA | LOWER;
        }
        b += 1;
    }
    t
};

/// Is this ASCII byte a letter or digit? (By table: the extractors' inner loops.)
#[inline]
pub fn ascii_alnum(b: u8) -> bool {
    b < 0x80 && ASCII_CLASS[b as usize] & ALNUM != 0
}

/// Is the character at byte `i` of `s` alphanumeric (`char::is_alphanumeric`, the
/// word rule of both [`tokenize`] and tantivy's tokenizer), and how wide is it?
/// ASCII bytes are classified by table, others decoded.
#[inline]
pub fn alnum_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (ASCII_CLASS[b as usize] & ALNUM != 0, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// A word scanned by [`scan_word`]: where it ends, and (when asked) its letters' case.
struct WordScan {
    end: usize,
    letters: usize,
    any_lower: bool,
    ascii: bool,
}

/// Scans the word starting at byte `st` of `s` to its end; with `CASE`, counts its
/// letters and notes a lowercase one on the way (a separate loop for each, as the
/// tokenizer's inner loop is hot and the compiler does not split it by itself).
#[inline]
fn scan_word<const CASE: bool>(s: &str, st: usize) -> WordScan {
    let bytes = s.as_bytes();
    let mut w = WordScan {
        end: st,
        letters: 0,
        any_lower: false,
        ascii: true,
    };
    while w.end < bytes.len() {
        let b = bytes[w.end];
        if b < 0x80 {
            let class = ASCII_CLASS[b as usize];
            if class & ALNUM == 0 {
                break;
            }
            if CASE {
                w.letters += usize::from(class & ALPHA != 0);
                w.any_lower |= class & LOWER != 0;
            }
            w.end += 1;
        } else {
            let (alnum, width) = alnum_at(s, w.end);
            // A letter lost to a wrong encoding stays inside its word: "Pen\u{FFFD}lope
            // Cruz" is one name, not "Pen" and a "lope Cruz" who is Ted Cruz.
            if !alnum && !s[w.end..].starts_with('\u{FFFD}') {
                break;
            }
            w.ascii = false;
            w.end += width;
        }
    }
    w
}

/// Wire copy hard-wrapped at a fixed width ("said Apple Chairman John\nSculley, at a
/// seminar"): a line break there is a space, not the end of a sentence. When most
/// line breaks fall inside sentences (a letter or a comma before, a word right after)
/// and the lines are short, returns the text with those breaks made spaces: the same
/// length, so every offset stays valid. Paragraph breaks (a blank line, an indented
/// next line) stay.
pub fn unwrap_hard_wrapped(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let (mut breaks, mut inside) = (0usize, 0usize);
    let inner = |i: usize| {
        i > 0
            && i + 1 < bytes.len()
            && !bytes[i - 1].is_ascii_whitespace()
            && !bytes[i + 1].is_ascii_whitespace()
    };
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            breaks += 1;
            if inner(i) && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b',') {
                inside += 1;
            }
        }
    }
    // At least four breaks, at most 100 bytes a line on average, and a majority of
    // breaks inside sentences.
    if breaks < 4 || s.len() / (breaks + 1) > 100 || inside * 2 < breaks {
        return None;
    }
    let mut out = s.as_bytes().to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if *b == b'\n' && inner(i) {
            *b = b' ';
        }
    }
    String::from_utf8(out).ok()
}

/// Splits text into word tokens, marking capitals and sentence starts.
pub fn tokenize(s: &str) -> Vec<Token> {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out: Vec<Token> = Vec::with_capacity(n / 5);
    let mut boundary = true; // a sentence boundary was seen since the last token
    let mut prev_end = 0usize;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if ASCII_CLASS[b as usize] & ALNUM == 0 {
                i += 1;
                continue;
            }
        } else {
            let (alnum, width) = alnum_at(s, i);
            if !alnum {
                i += width;
                continue;
            }
        }
        // A word starts at `st`. Most words start with a lowercase letter: neither
        // capitalised nor all capitals, whatever follows, so only their end is needed.
        let st = i;
        let lower_initial = b < 0x80 && ASCII_CLASS[b as usize] & LOWER != 0;
        let scan = if lower_initial {
            scan_word::<false>(s, st)
        } else {
            scan_word::<true>(s, st)
        };
        i = scan.end;
        let (letters, any_lower, ascii) = (scan.letters, scan.any_lower, scan.ascii);
        // Sentence boundary: terminal punctuation (not an initial such as "J.") or a
        // line break. Most gaps are a space or ", ": never a boundary.
        let plain_gap = bytes[prev_end..st].iter().all(|&c| c == b' ' || c == b',');
        if !boundary && prev_end < st && !plain_gap {
            let gap = &s[prev_end..st];
            // A line break, or an opening quote right before the word.
            let before_quote = gap.trim_end_matches(['“', '"', '‘']);
            let opening_quote = before_quote.len() < gap.len()
                && (before_quote.is_empty()
                    || before_quote.ends_with(char::is_whitespace)
                    || before_quote.starts_with(['.', '!', '?', ':', ',']));
            if gap.contains('\n') || opening_quote {
                boundary = true;
            } else if let Some(p) = gap.trim_start().chars().next() {
                if matches!(p, '.' | '!' | '?' | ':' | ';') && gap.contains(char::is_whitespace) {
                    let last = out.last().map(|t: &Token| &s[t.start..t.end]).unwrap_or("");
                    let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
                    let abbrev = is_abbreviation(last);
                    if p != '.' || (!initial && !abbrev) {
                        boundary = true;
                    }
                }
            }
        }
        let w = &s[st..i];
        let (cap, all_caps) = if lower_initial {
            (false, false)
        } else if ascii {
            (bytes[st].is_ascii_uppercase(), letters >= 2 && !any_lower)
        } else {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let first = w.chars().next().unwrap_or(' ');
            (
                first.is_uppercase(),
                letters >= 2 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()),
            )
        };
        out.push(Token {
            start: st,
            end: i,
            cap,
            all_caps,
            sentence_start: boundary,
        });
        boundary = false;
        prev_end = i;
    }
    out
}

#[cfg(test)]
mod token_tests {
    use super::*;

    #[test]
    fn hard_wrapped_lines_are_joined_and_paragraphs_kept() {
        let wire = "Apple Computer Inc and AST Research\nInc said they are offering two\nproducts for its Macintosh SE and\nMacintosh II.\n    \"Apple understands it,\" said Apple Chairman John\nSculley, at a seminar.\n";
        let joined = unwrap_hard_wrapped(wire).expect("hard-wrapped");
        assert_eq!(joined.len(), wire.len());
        assert!(joined.contains("Chairman John Sculley, at"));
        assert!(
            joined.contains("Macintosh II.\n    \"Apple"),
            "a paragraph stays"
        );
        // Paragraphs one to a line: nothing to join.
        let web = "The minister spoke on Monday about the plan and what it would cost the country.\nShe said the cost would be met from savings in the health budget next year.\nCritics said the figures did not add up and called for an inquiry into it.\nThe opposition leader said the plan was a gimmick and would never be built.\nA vote is due next week.";
        assert_eq!(unwrap_hard_wrapped(web), None);
    }

    #[test]
    fn sentence_starts_skip_initials_and_titles() {
        let s = "He met Mr. Smith in J. K. Town. Then \"Hello\" and\nNew line";
        let toks = tokenize(s);
        let starts: Vec<&str> = toks
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text(s))
            .collect();
        assert_eq!(starts, vec!["He", "Then", "Hello", "New"]);
    }
}
