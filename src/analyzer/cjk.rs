//! Chinese, Japanese and Korean text: overlapping character bigrams, as Lucene's
//! `CJKAnalyzer` indexes them. These scripts are written without spaces between
//! words, so a word tokenizer sees a whole sentence as one token; bigrams need no
//! dictionary and find any word of two characters or more, a longer one as a phrase
//! of its bigrams ("日内瓦" is "日内 内瓦"). A character standing alone between other
//! scripts or punctuation is one token; a one-character query finds only such
//! characters, not the same character inside a longer run (the price of bigrams
//! without a segmenter). Runs of other letters and digits (Latin words in Chinese
//! text) are words, lowercased, as elsewhere.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::extract::text::is_unspaced_script as is_unspaced;

/// Words of this many bytes or more are dropped, as in the other analyzers.
const MAX_TOKEN_BYTES: usize = 120;

/// Tokenizer of CJK bigrams and lowercased words.
#[derive(Clone, Default)]
pub struct CjkBigrams {
    token: Token,
}

pub struct CjkBigramStream<'a> {
    text: &'a str,
    /// Byte offset where reading goes on.
    pos: usize,
    token: &'a mut Token,
}

impl Tokenizer for CjkBigrams {
    type TokenStream<'a> = CjkBigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkBigramStream<'a> {
        self.token.reset();
        CjkBigramStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

impl CjkBigramStream<'_> {
    fn emit(&mut self, start: usize, end: usize, lowercase: bool) {
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.text.clear();
        let s = &self.text[start..end];
        if lowercase {
            self.token
                .text
                .extend(s.chars().flat_map(char::to_lowercase));
        } else {
            self.token.text.push_str(s);
        }
    }
}

impl TokenStream for CjkBigramStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let rest = &self.text[self.pos..];
            let Some((i, c)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
                self.pos = self.text.len();
                return false;
            };
            let start = self.pos + i;
            if is_unspaced(c) {
                // The bigram starting here, or the character alone at a run's end
                // when the run is one character long.
                let second = start + c.len_utf8();
                match self.text[second..]
                    .chars()
                    .next()
                    .filter(|&d| is_unspaced(d))
                {
                    Some(d) => {
                        self.pos = second;
                        // The run's last bigram ends it: the next character alone is
                        // not a token unless it is the whole run.
                        let after = second + d.len_utf8();
                        let next_unspaced =
                            self.text[after..].chars().next().is_some_and(is_unspaced);
                        if !next_unspaced {
                            self.pos = after;
                        }
                        self.emit(start, after, false);
                        return true;
                    }
                    None => {
                        self.pos = second;
                        let run_start = self.text[..start]
                            .chars()
                            .next_back()
                            .is_none_or(|p| !is_unspaced(p));
                        if run_start {
                            self.emit(start, second, false);
                            return true;
                        }
                        continue;
                    }
                }
            }
            let len = self.text[start..]
                .char_indices()
                .find(|&(_, d)| !d.is_alphanumeric() || is_unspaced(d))
                .map_or(self.text.len() - start, |(j, _)| j);
            self.pos = start + len;
            if len >= MAX_TOKEN_BYTES {
                self.token.position = self.token.position.wrapping_add(1);
                continue;
            }
            self.emit(start, start + len, true);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TextAnalyzer;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut a = TextAnalyzer::from(CjkBigrams::default());
        let mut out = Vec::new();
        a.token_stream(text)
            .process(&mut |t: &Token| out.push((t.text.clone(), t.position)));
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn runs_become_overlapping_bigrams() {
        assert_eq!(
            texts("代表團在日內瓦"),
            ["代表", "表團", "團在", "在日", "日內", "內瓦"]
        );
        let positions: Vec<usize> = tokens("日內瓦").into_iter().map(|(_, p)| p).collect();
        assert_eq!(positions, [0, 1]);
    }

    #[test]
    fn lone_characters_latin_words_and_punctuation() {
        assert_eq!(texts("水。"), ["水"]);
        assert_eq!(
            texts("在 Geneva 的WTO会议"),
            ["在", "geneva", "的", "wto", "会议"]
        );
        assert_eq!(texts("東京と大阪"), ["東京", "京と", "と大", "大阪"]);
        assert_eq!(texts("서울에서 회담"), ["서울", "울에", "에서", "회담"]);
        assert_eq!(texts(""), Vec::<String>::new());
        assert_eq!(texts("，。！"), Vec::<String>::new());
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_slices_of_the_text_in_order(text in "[a-zA-Z0-9 ,.日內瓦東京と大阪서울에。Ä]{0,40}") {
            let mut a = TextAnalyzer::from(CjkBigrams::default());
            let mut last = 0;
            a.token_stream(&text).process(&mut |t: &Token| {
                assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                assert!(t.offset_from >= last || t.offset_from + 4 >= last);
                assert_eq!(t.text, text[t.offset_from..t.offset_to].to_lowercase());
                last = t.offset_from;
            });
        }
    }
}
