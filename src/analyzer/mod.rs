//! How text is cut into terms, per language.
//!
//! Each article's title and body are indexed with the analysis of the language it
//! is filed under, in that language group's own pair of fields (`title`/`body` for
//! English, `title_de`/`body_de` for German, ...: [`GROUPS`]); the schema makes the
//! fields, the writer picks the pair, and a search looks in every pair the index
//! has documents in, each query word analysed as each field does it. So "Häuser"
//! is looked up as `haus` among German articles and as `häuser` among English ones,
//! and each article is ranked by BM25 against the statistics of its own language.
//!
//! - English: tantivy's `en_stem`, fused and cached ([`en`]); no stop words, as
//!   before languages were told apart.
//! - The 17 other languages of tantivy's Snowball stemmers: words lowercased,
//!   stop words dropped where tantivy has a list (da de es fi fr hu it nl no pt ru
//!   sv), stemmed.
//! - Chinese, Japanese, Korean: character bigrams ([`cjk`]).
//! - Any other language: words lowercased.

pub mod cjk;
pub mod en;

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::Index;

/// A language group: the languages whose articles share a pair of fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    /// Field name suffix (`de` makes `title_de`, `body_de`); empty for English, whose
    /// fields are plain `title` and `body`.
    pub suffix: &'static str,
    /// The name the group's analyzer is registered under.
    pub tokenizer: &'static str,
    /// The Snowball stemmer of the group, if it has one.
    stemmer: Option<Language>,
}

const fn snowball(code: &'static str, tokenizer: &'static str, l: Language) -> Group {
    Group {
        suffix: code,
        tokenizer,
        stemmer: Some(l),
    }
}

/// Every language group, English first. Indexes record their fields in this order.
pub const GROUPS: [Group; 20] = [
    Group {
        suffix: "",
        tokenizer: "en_stem",
        stemmer: Some(Language::English),
    },
    snowball("ar", "ar_stem", Language::Arabic),
    snowball("da", "da_stem", Language::Danish),
    snowball("de", "de_stem", Language::German),
    snowball("el", "el_stem", Language::Greek),
    snowball("es", "es_stem", Language::Spanish),
    snowball("fi", "fi_stem", Language::Finnish),
    snowball("fr", "fr_stem", Language::French),
    snowball("hu", "hu_stem", Language::Hungarian),
    snowball("it", "it_stem", Language::Italian),
    snowball("nl", "nl_stem", Language::Dutch),
    snowball("no", "no_stem", Language::Norwegian),
    snowball("pt", "pt_stem", Language::Portuguese),
    snowball("ro", "ro_stem", Language::Romanian),
    snowball("ru", "ru_stem", Language::Russian),
    snowball("sv", "sv_stem", Language::Swedish),
    snowball("ta", "ta_stem", Language::Tamil),
    snowball("tr", "tr_stem", Language::Turkish),
    Group {
        suffix: "cjk",
        tokenizer: "cjk_bigram",
        stemmer: None,
    },
    Group {
        suffix: "other",
        tokenizer: "lowercase",
        stemmer: None,
    },
];

/// Longest word indexed by the groups other than English: 40 characters of up to
/// three bytes.
const MAX_WORD_BYTES: usize = 120;

/// Index of the CJK group in [`GROUPS`].
const CJK: usize = 18;
/// Index of the group of languages without an analyzer of their own.
const OTHER: usize = 19;

/// The group of an article filed under `lang` (ISO 639-1): English, and articles
/// whose language is unknown, are group 0.
pub fn group_of(lang: Option<&str>) -> usize {
    match lang {
        None | Some("en") => 0,
        Some("zh" | "ja" | "ko") => CJK,
        Some(code) => GROUPS
            .iter()
            .position(|g| g.stemmer.is_some() && g.suffix == code)
            .unwrap_or(OTHER),
    }
}

/// The name of a group's field: `title`, `title_de`.
pub fn field_name(base: &str, group: &Group) -> String {
    if group.suffix.is_empty() {
        base.to_string()
    } else {
        format!("{base}_{}", group.suffix)
    }
}

/// The analyzer of a group other than English.
fn analyzer(group: &Group) -> TextAnalyzer {
    if group.suffix == "cjk" {
        return TextAnalyzer::from(cjk::CjkBigrams::default());
    }
    // English drops words of 40 bytes or more, as tantivy's `en_stem` does; in
    // scripts of two or three bytes a letter that would drop common words
    // (Russian "председательствовать" is 40 bytes), so the limit is in characters.
    let words = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .dynamic();
    let Some(language) = group.stemmer else {
        return words.build();
    };
    match StopWordFilter::new(language) {
        Some(stop) => words
            .filter_dynamic(stop)
            .filter_dynamic(Stemmer::new(language)),
        None => words.filter_dynamic(Stemmer::new(language)),
    }
    .build()
}

/// Registers the analyzers newsdex indexes use on `index`.
pub fn register(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(GROUPS[0].tokenizer, en::CachedEnStem::default());
    for group in &GROUPS[1..] {
        tokenizers.register(group.tokenizer, analyzer(group));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::Token;

    fn terms(group: usize, text: &str) -> Vec<String> {
        let mut a = if group == 0 {
            TextAnalyzer::from(en::CachedEnStem::default())
        } else {
            analyzer(&GROUPS[group])
        };
        let mut out = Vec::new();
        a.token_stream(text)
            .process(&mut |t: &Token| out.push(t.text.clone()));
        out
    }

    #[test]
    fn languages_fall_into_their_groups() {
        assert_eq!(GROUPS[group_of(Some("de"))].suffix, "de");
        assert_eq!(GROUPS[group_of(Some("no"))].suffix, "no");
        assert_eq!(group_of(Some("en")), 0);
        assert_eq!(group_of(None), 0);
        assert_eq!(GROUPS[group_of(Some("ja"))].suffix, "cjk");
        assert_eq!(GROUPS[group_of(Some("pl"))].suffix, "other");
        assert_eq!(GROUPS[CJK].suffix, "cjk");
        assert_eq!(GROUPS[OTHER].suffix, "other");
        assert_eq!(field_name("body", &GROUPS[3]), "body_de");
        assert_eq!(field_name("body", &GROUPS[0]), "body");
    }

    #[test]
    fn inflections_meet_in_one_stem_and_stop_words_go() {
        let de = group_of(Some("de"));
        assert_eq!(terms(de, "Häuser"), terms(de, "Haus"));
        assert_eq!(terms(de, "die Häuser der Stadt"), ["haus", "stadt"]);
        let fr = group_of(Some("fr"));
        assert_eq!(terms(fr, "les élections"), terms(fr, "élection"));
        let es = group_of(Some("es"));
        assert_eq!(terms(es, "los presidentes"), terms(es, "presidente"));
        let ru = group_of(Some("ru"));
        assert_eq!(terms(ru, "переговорах"), terms(ru, "переговоры"));
        // Long words of two-byte scripts are kept.
        assert_eq!(terms(ru, "председательствовать").len(), 1);
        // No Snowball stemmer: words as written, lowercased.
        assert_eq!(
            terms(group_of(Some("pl")), "Wybory w Polsce"),
            ["wybory", "w", "polsce"]
        );
    }
}
