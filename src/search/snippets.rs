//! Highlighted snippets of the article body. tantivy's generator tokenizes and stems
//! all the text it is given, which on long articles was most of a search's time; it
//! gets a window around the first occurrence of a query term instead, and on English
//! bodies stems only the words that may stem to a query term
//! ([`crate::analyzer::en::QueryEnStem`]).

use std::collections::{BTreeMap, HashSet};

use tantivy::query::Query;
use tantivy::schema::{Field, FieldType};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher};

use crate::analyzer::en::{QueryEnStem, StemsOf};

use super::SnippetOut;

/// Longest snippet, in characters.
const MAX_CHARS: usize = 220;

/// Makes the snippets of one search.
pub(super) struct Snippeter {
    generator: SnippetGenerator,
    locator: SnippetLocator,
}

impl Snippeter {
    pub(super) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        body: Field,
    ) -> tantivy::Result<Self> {
        let english = is_english(searcher, body);
        Ok(Snippeter {
            generator: generator(searcher, query, body, english)?,
            locator: SnippetLocator::new(searcher.index(), query, body, english)?,
        })
    }
}

/// Is `body` analysed by the English analyzer?
fn is_english(searcher: &Searcher, body: Field) -> bool {
    match searcher.schema().get_field_entry(body).field_type() {
        FieldType::Str(options) => options
            .get_indexing_options()
            .is_some_and(|o| o.tokenizer() == "en_stem"),
        _ => false,
    }
}

/// tantivy's generator of `body` snippets for `query`, as `SnippetGenerator::create`
/// makes it (each term weighs `1 / (1 + its document frequency)`); on an English
/// body, it stems only the words that may stem to one of the query's terms.
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    body: Field,
    english: bool,
) -> tantivy::Result<SnippetGenerator> {
    if !english {
        let mut generator = SnippetGenerator::create(searcher, query, body)?;
        generator.set_max_num_chars(MAX_CHARS);
        return Ok(generator);
    }
    let mut terms = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == body {
            terms.push(term.clone());
        }
    });
    let mut weights: BTreeMap<String, Score> = BTreeMap::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        if weights.contains_key(text) {
            continue;
        }
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
        }
    }
    let stems = StemsOf::new(weights.keys().map(String::as_str));
    let analyzer = TextAnalyzer::from(QueryEnStem::new(stems));
    Ok(SnippetGenerator::new(weights, analyzer, body, MAX_CHARS))
}

/// The snippet of a body: highlighted terms when the query has some there, else the
/// body's beginning.
pub(super) fn snippet(snippeter: Option<&mut Snippeter>, body: &str) -> SnippetOut {
    if let Some(sn) = snippeter {
        // No window: none of the query's terms is in the body.
        let s = match sn.locator.window(body) {
            Some(window) => sn.generator.snippet(window),
            None => tantivy::snippet::Snippet::empty(),
        };
        if !s.is_empty() {
            return SnippetOut {
                text: s.fragment().to_string(),
                highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
            };
        }
    }
    SnippetOut {
        text: crate::extract::text::truncate_chars(body, MAX_CHARS),
        highlights: Vec::new(),
    }
}

/// Finds where a query's body terms first occur in an article without tokenizing
/// and stemming all of it.
struct SnippetLocator {
    /// The query's stemmed body terms.
    terms: HashSet<String>,
    /// Their lowercase ASCII beginnings ("electio" for "election"): Snowball stemming
    /// rewrites the end of a word only ("happi" for "happy").
    probes: Vec<String>,
    /// Whether every word that stems to a term begins with a probe (English, see
    /// [`StemsOf::beginnings`]): then a body without one has none of the terms.
    exhaustive: bool,
    analyzer: TextAnalyzer,
}

impl SnippetLocator {
    fn new(
        index: &tantivy::Index,
        query: &dyn Query,
        body: Field,
        english: bool,
    ) -> tantivy::Result<Self> {
        let mut terms = HashSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == body {
                if let Some(t) = term.value().as_str() {
                    terms.insert(t.to_string());
                }
            }
        });
        let beginnings = english
            .then(|| StemsOf::new(terms.iter().map(String::as_str)).beginnings())
            .flatten();
        let exhaustive = beginnings.is_some();
        let probes = beginnings.unwrap_or_else(|| {
            terms
                .iter()
                .filter(|t| t.is_ascii() && !t.is_empty())
                .map(|t| {
                    let keep = if t.len() > 4 { t.len() - 1 } else { t.len() };
                    t[..keep].to_ascii_lowercase()
                })
                .collect()
        });
        Ok(SnippetLocator {
            probes,
            terms,
            exhaustive,
            analyzer: index.tokenizer_for_field(body)?,
        })
    }

    /// Is the word at byte `at` of `text` one of the query's terms once analysed?
    fn is_term_at(&mut self, text: &str, at: usize) -> bool {
        let len = text[at..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len() - at);
        let mut stream = self.analyzer.token_stream(&text[at..at + len]);
        stream.advance() && self.terms.contains(&stream.token().text)
    }

    /// The part of a long article around the first occurrence of a query term; the
    /// whole text when none is found this way, or none when the text cannot have one
    /// (`exhaustive`).
    fn window<'a>(&mut self, text: &'a str) -> Option<&'a str> {
        const BEFORE: usize = 200;
        const AFTER: usize = 700;
        let short = text.len() <= BEFORE + AFTER;
        if self.probes.is_empty() || (short && !self.exhaustive) {
            return Some(text);
        }
        let bytes = text.as_bytes();
        let mut first: Option<usize> = None;
        for p in self.probes.clone() {
            let mut from = 0;
            while let Some(i) =
                find_ascii_ci(&bytes[from..first.unwrap_or(bytes.len())], p.as_bytes())
            {
                let at = from + i;
                let word_start = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
                if word_start && self.is_term_at(text, at) {
                    first = Some(at);
                    break;
                }
                from = at + 1;
            }
        }
        let Some(at) = first else {
            return (!self.exhaustive).then_some(text);
        };
        if short {
            return Some(text);
        }
        let (start, end) = whole_words(text, at.saturating_sub(BEFORE), at + AFTER);
        Some(&text[start..end])
    }
}

/// `start..end` moved onto character boundaries and off cut words, so that a snippet
/// never opens or closes with part of a word ("ptember will be"). The start moves
/// forward past a cut word, the end back before one; a window that would vanish
/// is kept as it was.
fn whole_words(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let cut = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && text[i..].chars().next().is_some_and(char::is_alphanumeric)
    };
    let (mut s, mut e) = (start, end);
    if cut(s) {
        s += text[s..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len() - s);
    }
    if cut(e) {
        e = text[..e]
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
    }
    if s < e {
        (s, e)
    } else {
        (start, end)
    }
}

/// Position of `needle` (lowercase ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + i;
        let rest = hay.get(at..at + needle.len())?;
        if rest.eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    use tantivy::{Index, Term};

    /// An index with one English body field, and a locator of the terms of `words`.
    fn locator(words: &[&str], english: bool) -> SnippetLocator {
        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let body = schema.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(indexing),
        );
        let index = Index::create_in_ram(schema.build());
        crate::analyzer::register(&index);
        let query = tantivy::query::BooleanQuery::union(
            words
                .iter()
                .map(|w| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(body, w),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>
                })
                .collect(),
        );
        SnippetLocator::new(&index, &query, body, english).unwrap()
    }

    #[test]
    fn an_english_window_is_found_at_a_word_whose_stem_rewrote_its_end() {
        // "citi" is the stem of "city": it begins with "cit", not "citi".
        let filler = "Nothing to see here at all. ".repeat(40);
        let text = format!("{filler}The city council met. {filler}");
        let window = locator(&["citi"], true).window(&text).unwrap();
        assert!(window.contains("The city council"), "{window}");
        assert!(window.len() < text.len());
    }

    #[test]
    fn an_english_body_without_a_words_beginning_has_no_window() {
        let text = "The council met on Tuesday and voted on the budget.";
        assert!(locator(&["citi"], true).window(text).is_none());
        // "voted" stems to "vote": a short body is kept whole.
        assert_eq!(locator(&["vote"], true).window(text), Some(text));
        // "dying" stems to "die" though it does not begin with "di".
        assert!(locator(&["die"], true).window("A dying star.").is_some());
        // Other languages' stems give no such guarantee: the whole text.
        assert_eq!(locator(&["citi"], false).window(text), Some(text));
    }

    #[test]
    fn a_beginning_is_found_in_any_case() {
        assert_eq!(find_ascii_ci(b"The CITY and the city", b"cit"), Some(4));
        assert_eq!(find_ascii_ci(b"Capital", b"cit"), None);
        assert_eq!(find_ascii_ci(b"ci", b"cit"), None);
        assert_eq!(find_ascii_ci(b"abc", b""), None);
    }

    fn cut(text: &str, start: usize, end: usize) -> &str {
        let (s, e) = whole_words(text, start, end);
        &text[s..e]
    }

    #[test]
    fn windows_do_not_cut_words() {
        let text = "in September the vote, then Kyiv élection results";
        // Starts inside "September", ends inside "results".
        assert_eq!(cut(text, 5, 45), " the vote, then Kyiv élection ");
        // Already on word edges: unchanged.
        assert_eq!(cut(text, 2, 12), " September");
        // Inside a multi-byte character: moved back onto its boundary, here the
        // word's start; one byte later inside the word, past it.
        let e = text.find('é').unwrap();
        assert_eq!(cut(text, e + 1, text.len()), "élection results");
        assert_eq!(cut(text, e + 3, text.len()), " results");
        // A window inside one word is kept rather than emptied.
        assert_eq!(cut(text, 4, 8), "epte");
        assert_eq!(cut(text, 0, 500), text);
    }
}
