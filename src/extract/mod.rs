//! Extraction: from a [`RawArticle`] to an [`Article`] with a stable id, a UTC
//! publication date, the speakers quoted and the places mentioned. The
//! [`Extractor`] holds the read-only state (gazetteer, name lists), built once and
//! shared by every worker thread.

mod attribution;
pub mod date;
mod east_asian;
mod firms;
pub mod gazetteer;
pub mod lang;
pub mod languages;
pub mod lexicon;
pub mod names;
mod persons;
mod place_words;
pub use east_asian::family_name_first;
pub use persons::{may_be_a_woman, without_titles, womans_surname};
pub use place_words::reads_as_organisation_or_place;
pub mod places;
mod quotes;
pub mod speakers;
pub mod text;
pub mod wordset;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use gazetteer::Gazetteer;

/// An article as found in the input, before extraction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawArticle {
    pub id: Option<String>,
    pub title: Option<String>,
    pub body: String,
    /// The publication date as written (parsed by `extract::date`).
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// When a web capture was fetched (`WARC-Date`), as written; never the
    /// publication date.
    pub fetched: Option<String>,
}

/// A quote attributed to a speaker, with byte offsets into the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A person quoted or reported as saying something, by canonical full name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    pub mentions: Vec<String>,
    pub quotes: Vec<Quote>,
}

/// A place mentioned in the article, resolved to one GeoNames entry; or a named
/// feature the gazetteer does not hold (a street, a road, a lake: see
/// `places::features`), listed with its mentions and no id, coordinates or facet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub mentions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// Hierarchical facet path: `/Europe/Ukraine/Kyiv City/Kyiv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// For a named feature: the article's own town, whose coordinates it is given
    /// (an approximation: a local paper's streets and lakes are near its town).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near: Option<String>,
}

/// An article ready to be indexed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub body: String,
    /// Publication date in the publisher's local time, as seconds counted as if it
    /// were UTC (see [`date`]); `None` when unknown (never "now").
    pub date: Option<i64>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    /// The language the input declared, as written.
    pub language: Option<String>,
    /// The language the article is filed under (ISO 639-1): detected from its text,
    /// or the declared one when detection is unsure (see [`lang`]).
    pub lang: Option<String>,
    /// When a web capture was fetched (`WARC-Date`).
    pub fetched: Option<i64>,
    pub speakers: Vec<Speaker>,
    pub places: Vec<Place>,
    /// Hash of the article's content: tells an unchanged re-ingest from an update.
    pub content_hash: u64,
}

/// What `newsdex extract` prints per article (and the index stores).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExtractOutput {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    /// Why speakers and places were not extracted (`unsupported language`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<String>,
    pub speakers: Vec<Speaker>,
    pub places: Vec<Place>,
}

/// The languages whose speakers the extractor reads.
pub const SPEAKER_LANGUAGES: &[&str] = &["en"];

/// What was extracted from articles of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Speakers and places (English, and articles of unknown language).
    Full,
    /// Places only: German, French, Spanish, Italian, Portuguese.
    PlacesOnly,
    /// Neither: the language has no rules.
    None,
}

impl Coverage {
    pub fn of(lang: Option<&str>) -> Coverage {
        if lang.is_none_or(|l| SPEAKER_LANGUAGES.contains(&l)) {
            Coverage::Full
        } else if languages::PLACE_LANGUAGES.contains(&lang.unwrap_or_default()) {
            Coverage::PlacesOnly
        } else {
            Coverage::None
        }
    }

    /// What `extract` and the index say of an article with less than full coverage.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Coverage::Full => None,
            Coverage::PlacesOnly => Some("places only: no speaker rules for this language"),
            Coverage::None => Some("unsupported language"),
        }
    }
}

impl Article {
    pub fn extract_output(&self) -> ExtractOutput {
        ExtractOutput {
            id: self.id.clone(),
            title: self.title.clone(),
            date: self.date.map(date::format_day),
            lang: self.lang.clone(),
            extraction: Coverage::of(self.lang.as_deref())
                .note()
                .map(str::to_string),
            speakers: self.speakers.clone(),
            places: self.places.clone(),
        }
    }
}

/// Which extractors run.
#[derive(Clone, Copy, Debug)]
pub struct ExtractOptions {
    pub speakers: bool,
    pub places: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            speakers: true,
            places: true,
        }
    }
}

/// Read-only extraction state, shared by all threads.
pub struct Extractor {
    pub gazetteer: Arc<Gazetteer>,
    pub options: ExtractOptions,
}

/// Stable id of an article: its own id, else a hash of its url, else of title+body.
pub fn article_id(raw: &RawArticle) -> String {
    if let Some(id) = raw.id.as_deref().filter(|s| !s.is_empty()) {
        return id.to_string();
    }
    if let Some(url) = raw.url.as_deref().filter(|s| !s.is_empty()) {
        return format!("url-{:016x}", xxh3_64(url.as_bytes()));
    }
    let mut h = Xxh3::new();
    h.update(raw.title.as_deref().unwrap_or("").as_bytes());
    h.update(&[0]);
    h.update(raw.body.as_bytes());
    format!("text-{:032x}", h.digest128())
}

/// Hash of what an article says (title, text, date, url, source, language, authors):
/// the xxh3 of the parts, each followed by a 0 byte (an author by a 1), streamed so
/// the body is not copied.
pub fn content_hash(a: &RawArticle) -> u64 {
    let mut h = Xxh3::new();
    for part in [
        a.title.as_deref(),
        Some(a.body.as_str()),
        a.date.as_deref(),
        a.url.as_deref(),
        a.source.as_deref(),
        a.language.as_deref(),
    ] {
        h.update(part.unwrap_or("").as_bytes());
        h.update(&[0]);
    }
    for author in &a.authors {
        h.update(author.as_bytes());
        h.update(&[1]);
    }
    h.digest()
}

/// A short title from the body when the input has none.
/// The body as the extractors read it, when it differs: wire copy's fixed-width
/// lines joined ([`text::unwrap_hard_wrapped`]), then quoted nicknames made spaces
/// (`Francisco "Lu-Olo" Guterres`). The same length: every offset stays valid.
pub(crate) fn prepare(body: &str) -> Option<String> {
    let unwrapped = text::unwrap_hard_wrapped(body);
    let text = unwrapped.as_deref().unwrap_or(body);
    persons::without_nicknames(text, names::lists()).or(unwrapped)
}

fn title_from_body(body: &str) -> String {
    let first = body
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let sentence_end = first
        .char_indices()
        .find(|&(i, c)| c == '.' && i > 20 && first[i + 1..].starts_with(' '))
        .map(|(i, _)| i);
    let cut = sentence_end.unwrap_or(first.len());
    text::truncate_chars(&first[..cut], 120)
}

/// A raw article with its stable id and content hash, each computed once: the
/// pipeline decides with them whether an article needs extracting at all.
#[derive(Clone, Debug)]
pub struct Identified {
    pub raw: RawArticle,
    pub id: String,
    pub content_hash: u64,
}

impl Identified {
    pub fn new(raw: RawArticle) -> Self {
        Identified {
            id: article_id(&raw),
            content_hash: content_hash(&raw),
            raw,
        }
    }
}

/// The embedded gazetteer, loaded once per process and shared.
pub fn shared_gazetteer() -> Arc<Gazetteer> {
    static G: std::sync::OnceLock<Arc<Gazetteer>> = std::sync::OnceLock::new();
    G.get_or_init(|| Arc::new(Gazetteer::embedded())).clone()
}

/// What extraction noticed about an article that is not an error.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Warnings {
    pub bad_date: bool,
}

impl Extractor {
    /// Loads the embedded gazetteer; call once and share.
    pub fn new(options: ExtractOptions) -> Self {
        // The gazetteer (~250 ms, ~150 MB) is loaded only when places are extracted.
        let gazetteer = if options.places {
            shared_gazetteer()
        } else {
            Arc::new(Gazetteer::empty())
        };
        Extractor { gazetteer, options }
    }

    /// Extracts date, speakers and places; never fails, never panics on input.
    pub fn extract(&self, raw: RawArticle) -> (Article, Warnings) {
        self.extract_identified(Identified::new(raw))
    }

    /// [`Extractor::extract`] of an article whose id and hash are already known.
    pub fn extract_identified(&self, doc: Identified) -> (Article, Warnings) {
        let Identified {
            raw,
            id,
            content_hash: hash,
        } = doc;
        let mut warnings = Warnings::default();
        let mut date = raw.date.as_deref().and_then(date::parse_date);
        if date.is_none() && raw.date.is_some() {
            warnings.bad_date = true;
        }
        if date.is_none() {
            date = raw.url.as_deref().and_then(date::date_from_url);
        }
        let title = raw
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| title_from_body(&raw.body));
        let detected = lang::detect(&title, &raw.body);
        let article_lang = lang::choose(detected.as_ref(), raw.language.as_deref());
        let coverage = Coverage::of(article_lang.as_deref());
        let want_speakers = self.options.speakers && coverage == Coverage::Full;
        let want_places = self.options.places && coverage != Coverage::None;
        // Wire copy's fixed-width lines joined, quoted nicknames made spaces (same
        // offsets).
        let prepared = if want_speakers || want_places {
            prepare(&raw.body)
        } else {
            None
        };
        let body = prepared.as_deref().unwrap_or(&raw.body);
        let toks = if want_speakers || want_places {
            text::tokenize(body)
        } else {
            Vec::new()
        };
        let (speakers, firms) = if want_speakers {
            speakers::extract_with_firms(body, &toks)
        } else {
            (Vec::new(), Vec::new())
        };
        let places = if want_places {
            // Neither people nor the firms quoted are places.
            let names: Vec<String> = speakers
                .iter()
                .map(|s| s.name.clone())
                .chain(firms)
                .collect();
            places::extract_with_persons(
                &self.gazetteer,
                &title,
                body,
                &toks,
                &names,
                article_lang.as_deref(),
            )
        } else {
            Vec::new()
        };
        let article = Article {
            id,
            title,
            body: raw.body,
            date,
            url: raw.url,
            source: raw.source,
            authors: raw.authors,
            language: raw.language,
            lang: article_lang,
            fetched: raw.fetched.as_deref().and_then(date::parse_date),
            speakers,
            places,
            content_hash: hash,
        };
        (article, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_128;

    /// A firm quoted by a one-word name that is also a town's is neither a speaker nor
    /// a place.
    #[test]
    fn a_firm_quoted_is_no_place() {
        let x = Extractor::new(ExtractOptions::default());
        let raw = RawArticle {
            title: Some("Phones".into()),
            body: "\"Phones will get cheaper,\" said Jupiter. A Jupiter analyst, Joe Wilcox, \
                   expects prices to fall in Europe and Asia this year."
                .into(),
            ..Default::default()
        };
        let (a, _) = x.extract(raw);
        assert!(
            a.speakers.iter().all(|s| s.name != "Jupiter"),
            "{:?}",
            a.speakers
        );
        assert!(
            a.places.iter().all(|p| p.name != "Jupiter"),
            "{:?}",
            a.places
        );
    }

    /// The streamed hashes are the hashes of the joined parts that indexes built
    /// earlier hold: a re-ingest must still find their articles unchanged.
    #[test]
    fn hashes_are_those_of_the_joined_parts() {
        let raw = RawArticle {
            title: Some("Talks in Abu Dhabi".into()),
            body: "KYIV — Zelenskyy said talks would go on.".repeat(40),
            date: Some("2026-02-04".into()),
            url: None,
            source: Some("example.org".into()),
            authors: vec!["A. Writer".into(), "B. Writer".into()],
            ..Default::default()
        };
        let mut joined = Vec::new();
        for part in [
            "Talks in Abu Dhabi",
            &raw.body,
            "2026-02-04",
            "",
            "example.org",
            "",
        ] {
            joined.extend_from_slice(part.as_bytes());
            joined.push(0);
        }
        joined.extend_from_slice(b"A. Writer\x01B. Writer\x01");
        assert_eq!(content_hash(&raw), xxh3_64(&joined));

        let joined = format!("Talks in Abu Dhabi\0{}", raw.body);
        assert_eq!(
            article_id(&raw),
            format!("text-{:032x}", xxh3_128(joined.as_bytes()))
        );
    }
}
