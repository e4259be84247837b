//! The English analyzer: tantivy's `en_stem`, fused and cached.
//!
//! tantivy's `en_stem` is a chain of four stages (split on non-alphanumeric
//! characters, drop tokens of 40 bytes or more, lowercase, Snowball English stem),
//! and stems every token again: on news text, stemming was a third of the time
//! tantivy's indexing threads spend (`perf`, 100k articles). [`CachedEnStem`]
//! produces the same tokens (text, offsets, positions) in one pass and remembers
//! the stem of each lowercased word in a per-thread table, so a word is stemmed
//! once per thread until the table is full (then it starts over). The table is keyed
//! by a 64-bit hash of the word, not the word: comparing stored words was a cache
//! miss per token (5% of ingest time). Two words would have to share all 64 bits to
//! get each other's stem: about 10^-15 per token with a full table.
//!
//! Because the tokens are identical, it is registered under tantivy's own name
//! `en_stem`: other tools reading a newsdex index with the same tantivy see the
//! same terms. The stemmer is the one tantivy 0.27 uses (Snowball as of 2026, from
//! the `frostem` crate); its stems differ from the `rust-stemmers` ones of earlier
//! versions for some words, so indexes record the schema version they were built
//! with and older ones must be rebuilt (`writer::check_schema`).

use std::cell::RefCell;
use std::collections::HashMap;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::extract::text::alnum_at;

/// tantivy's `RemoveLongFilter::limit(40)` of `en_stem`: tokens of 40 bytes or more
/// are dropped (their position is still used up).
const MAX_TOKEN_BYTES: usize = 40;

/// Entries per thread before the table starts over (~6 MB).
const MAX_CACHED: usize = 1 << 16;

/// How a cached word stems: to a prefix of itself (most words), or to other text.
#[derive(Clone)]
enum Stem {
    Prefix(u8),
    Other(Box<str>),
}

type StemTable = HashMap<u64, Stem, FxBuildHasher>;

thread_local! {
    static STEMS: RefCell<StemTable> = RefCell::new(StemTable::default());
}

/// Tokenizer equivalent to tantivy's `en_stem`, with a per-thread stem cache.
#[derive(Clone, Default)]
pub struct CachedEnStem {
    token: Token,
    lower: String,
}

pub struct CachedEnStemStream<'a> {
    text: &'a str,
    pos: usize,
    token: &'a mut Token,
    lower: &'a mut String,
    stems: StemTable,
    stemmer: frostem::Stemmer,
    /// Only words that may stem to one of these are stemmed (see [`QueryEnStem`]).
    only: Option<&'a StemsOf>,
}

impl Tokenizer for CachedEnStem {
    type TokenStream<'a> = CachedEnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedEnStemStream<'a> {
        self.token.reset();
        // The table is moved out of the thread for the stream's life and put back on
        // drop; a second stream on the same thread meanwhile just starts empty.
        let stems = STEMS.with(|s| std::mem::take(&mut *s.borrow_mut()));
        CachedEnStemStream {
            text,
            pos: 0,
            token: &mut self.token,
            lower: &mut self.lower,
            stems,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            only: None,
        }
    }
}

/// The stems a [`QueryEnStem`] looks for, and what a word must begin with to stem to
/// one of them.
#[derive(Clone, Debug, Default)]
pub struct StemsOf {
    /// Each ASCII stem without its last letter: Snowball English rewrites at most the
    /// last letter of what it keeps of a word ("happy" -> "happi", "hoping" ->
    /// "hope"), so a word that stems to `happi` begins with `happ`.
    prefixes: Vec<String>,
    /// The words of [`IRREGULAR`] whose stem is one of the stems.
    irregular: Vec<&'static str>,
    /// A stem that is not ASCII: then every word that is not is stemmed too.
    non_ascii: bool,
}

/// Words whose Snowball English stem is not their beginning but for its last letter
/// (the algorithm's exceptions), and their stems.
const IRREGULAR: [(&str, &str); 3] = [("dying", "die"), ("lying", "lie"), ("tying", "tie")];

impl StemsOf {
    pub fn new<'s>(stems: impl IntoIterator<Item = &'s str>) -> StemsOf {
        let mut out = StemsOf::default();
        for stem in stems {
            if stem.is_ascii() {
                let keep = stem.len().saturating_sub(1);
                out.prefixes.push(stem[..keep].to_string());
            } else {
                out.non_ascii = true;
            }
            for (word, of) in IRREGULAR {
                if of == stem {
                    out.irregular.push(word);
                }
            }
        }
        out
    }

    /// May `word` (lowercase, or ASCII in any case) stem to one of the stems?
    pub fn may_stem_to(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.non_ascii;
        }
        let bytes = word.as_bytes();
        self.prefixes
            .iter()
            .any(|p| bytes.len() >= p.len() && bytes[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
            || self.irregular.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// What every word that may stem to one of the stems begins with (lowercase
    /// ASCII, not empty), when that is known: a text in which none of them begins a
    /// word has none of the stems. `None` with a stem not ASCII or of one letter.
    pub fn beginnings(&self) -> Option<Vec<String>> {
        if self.non_ascii || self.prefixes.iter().any(String::is_empty) {
            return None;
        }
        let words = self.irregular.iter().map(|w| w.to_string());
        Some(self.prefixes.iter().cloned().chain(words).collect())
    }
}

/// [`CachedEnStem`] for finding a query's stems in a text (a snippet): the same words,
/// offsets and positions, but a word that cannot stem to one of the stems is not
/// stemmed and its token's text is left empty. Stemming every word of the text was
/// most of the time a snippet takes: a stem table lookup (a cache miss) per word.
#[derive(Clone)]
pub struct QueryEnStem {
    inner: CachedEnStem,
    stems: StemsOf,
}

impl QueryEnStem {
    pub fn new(stems: StemsOf) -> QueryEnStem {
        QueryEnStem {
            inner: CachedEnStem::default(),
            stems,
        }
    }
}

impl Tokenizer for QueryEnStem {
    type TokenStream<'a> = CachedEnStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedEnStemStream<'a> {
        let mut stream = self.inner.token_stream(text);
        stream.only = Some(&self.stems);
        stream
    }
}

impl Drop for CachedEnStemStream<'_> {
    fn drop(&mut self) {
        let stems = std::mem::take(&mut self.stems);
        STEMS.with(|s| *s.borrow_mut() = stems);
    }
}

/// The next run of alphanumeric characters at or after `from`: (start, end).
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    // Start: the first alphanumeric character.
    let start = loop {
        if i >= text.len() {
            return None;
        }
        let (alnum, width) = alnum_at(text, i);
        if alnum {
            break i;
        }
        i += width;
    };
    // End: the first character after it that is not alphanumeric.
    let mut j = start;
    while j < text.len() {
        let (alnum, width) = alnum_at(text, j);
        if !alnum {
            break;
        }
        j += width;
    }
    Some((start, j))
}

impl CachedEnStemStream<'_> {
    /// Sets the token's text to the stem of `self.lower`, from the table if known.
    fn stem_lower(&mut self) {
        let word = self.lower.as_str();
        let key = xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        let text = &mut self.token.text;
        text.clear();
        if let Some(stem) = self.stems.get(&key) {
            match stem {
                Stem::Prefix(n) => text.push_str(&word[..*n as usize]),
                Stem::Other(s) => text.push_str(s),
            }
            return;
        }
        let stemmed = self.stemmer.stem(word);
        text.push_str(&stemmed);
        let entry = if word.starts_with(stemmed.as_ref()) && stemmed.len() <= u8::MAX as usize {
            Stem::Prefix(stemmed.len() as u8)
        } else {
            Stem::Other(stemmed.as_ref().into())
        };
        if self.stems.len() >= MAX_CACHED {
            self.stems.clear();
        }
        self.stems.insert(key, entry);
    }
}

impl TokenStream for CachedEnStemStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, end)) = next_word(self.text, self.pos) {
            self.pos = end;
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            let word = &self.text[start..end];
            // A word that cannot stem to a wanted stem is not lowercased either.
            if self
                .only
                .is_some_and(|o| word.is_ascii() && !o.may_stem_to(word))
            {
                self.token.text.clear();
                return true;
            }
            self.lower.clear();
            if word.is_ascii() {
                self.lower.push_str(word);
                self.lower.make_ascii_lowercase();
            } else {
                self.lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            if self
                .only
                .is_some_and(|o| !word.is_ascii() && !o.may_stem_to(self.lower))
            {
                self.token.text.clear();
                return true;
            }
            self.stem_lower();
            return true;
        }
        false
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
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };

    fn tantivy_en_stem() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        analyzer.token_stream(text).process(&mut |t: &Token| {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position))
        });
        out
    }

    fn assert_same(text: &str) {
        let mut ours = TextAnalyzer::from(CachedEnStem::default());
        let theirs = tokens(&mut tantivy_en_stem(), text);
        // Twice: the second pass reads every stem from the table.
        assert_eq!(tokens(&mut ours, text), theirs, "first pass: {text:?}");
        assert_eq!(tokens(&mut ours, text), theirs, "cached pass: {text:?}");
    }

    #[test]
    fn same_tokens_as_tantivy_en_stem() {
        assert_same("President Volodymyr Zelenskyy said the talks were running smoothly.");
        assert_same("Київ, Abu Dhabi — Zürich's STRASSE; naïve café 3.5% x2 MAKING happily");
        assert_same("Generalizations generously: ponies, cries, agreed, İstanbul ΣΊΣΥΦΟΣ");
        assert_same(&format!("short {} long-gone", "a".repeat(45)));
        assert_same("");
        assert_same("   ,,, !!! ");
    }

    proptest::proptest! {
        #[test]
        fn same_tokens_on_any_text(text in "[a-zA-Z0-9 ,.'İßΣσ€éÉ\u{0300}ǅ-]{0,80}") {
            assert_same(&text);
        }
    }

    fn stem(word: &str) -> String {
        frostem::Stemmer::new(frostem::Algorithm::English)
            .stem(word)
            .into_owned()
    }

    #[test]
    fn a_word_may_stem_to_its_own_stem_however_snowball_rewrites_its_end() {
        // Endings rewritten ("happy" -> "happi"), a letter added back ("hoping" ->
        // "hope"), shortened ("possibility" -> "possibl"), and the exceptions.
        for word in [
            "happy",
            "happily",
            "city",
            "hoping",
            "possibility",
            "skies",
            "gently",
            "dying",
            "lying",
            "tying",
            "news",
            "generalizations",
            "ponies",
            "agreed",
            "troubled",
            "a",
            "i",
            "zelenskyy",
            "café",
        ] {
            let stems = StemsOf::new([stem(word).as_str()]);
            assert!(stems.may_stem_to(word), "{word} -> {}", stem(word));
        }
        // Other words are left alone: "election" and "select" cannot stem to "vote",
        // and no word with a letter outside ASCII can stem to an ASCII stem.
        let vote = StemsOf::new(["vote"]);
        assert!(!vote.may_stem_to("election") && !vote.may_stem_to("select"));
        assert!(vote.may_stem_to("voters") && vote.may_stem_to("voting"));
        assert!(!vote.may_stem_to("vóte"));
        assert!(StemsOf::new(["kyiv", "zürich"]).may_stem_to("zürich's"));
    }

    proptest::proptest! {
        #[test]
        fn any_word_may_stem_to_its_stem(word in "[a-z]{1,14}(ing|ed|ly|ies|y|s|ation|ility)?") {
            let stems = StemsOf::new([stem(&word).as_str()]);
            proptest::prop_assert!(stems.may_stem_to(&word), "{} -> {}", word, stem(&word));
            proptest::prop_assert!(stems.may_stem_to(&word.to_uppercase()));
            if let Some(b) = stems.beginnings() {
                proptest::prop_assert!(b.iter().any(|b| word.starts_with(b.as_str())));
            }
        }

        #[test]
        fn query_stems_are_found_where_every_word_is_stemmed(
            text in "[a-zA-Z ,.'é-]{0,80}",
            pick in 0usize..20,
        ) {
            let all = tokens(&mut TextAnalyzer::from(CachedEnStem::default()), &text);
            // The stems of one word of the text (or none), as a query's terms.
            let wanted: Vec<String> = all.get(pick).map(|t| t.0.clone()).into_iter().collect();
            let stems = StemsOf::new(wanted.iter().map(String::as_str));
            let some = tokens(&mut TextAnalyzer::from(QueryEnStem::new(stems)), &text);
            proptest::prop_assert_eq!(some.len(), all.len());
            for (a, b) in all.iter().zip(&some) {
                // Same offsets and positions; the same text wherever it is a wanted stem.
                proptest::prop_assert_eq!((a.1, a.2, a.3), (b.1, b.2, b.3));
                proptest::prop_assert_eq!(wanted.contains(&a.0), wanted.contains(&b.0));
                proptest::prop_assert!(b.0.is_empty() || b.0 == a.0);
            }
        }
    }

    #[test]
    fn a_full_table_starts_over_and_stays_correct() {
        let text: String = (0..(MAX_CACHED + 100))
            .map(|i| format!("running{i}s "))
            .collect();
        let mut ours = TextAnalyzer::from(CachedEnStem::default());
        assert_eq!(
            tokens(&mut ours, &text),
            tokens(&mut tantivy_en_stem(), &text)
        );
    }
}
