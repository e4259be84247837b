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
        let generator = generator(searcher, query, body)?;
        Ok(Snippeter {
            generator,
            locator: SnippetLocator::new(searcher.index(), query, body)?,
        })
    }
}

/// tantivy's generator of `body` snippets for `query`, as `SnippetGenerator::create`
/// makes it (each term weighs `1 / (1 + its document frequency)`); on an English
/// body, it stems only the words that may stem to one of the query's terms.
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    body: Field,
) -> tantivy::Result<SnippetGenerator> {
    let english = match searcher.schema().get_field_entry(body).field_type() {
        FieldType::Str(options) => options
            .get_indexing_options()
            .is_some_and(|o| o.tokenizer() == "en_stem"),
        _ => false,
    };
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
        let s = sn.generator.snippet(sn.locator.window(body));
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
    analyzer: TextAnalyzer,
}

impl SnippetLocator {
    fn new(index: &tantivy::Index, query: &dyn Query, body: Field) -> tantivy::Result<Self> {
        let mut terms = HashSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == body {
                if let Some(t) = term.value().as_str() {
                    terms.insert(t.to_string());
                }
            }
        });
        let probes = terms
            .iter()
            .filter(|t| t.is_ascii() && !t.is_empty())
            .map(|t| {
                let keep = if t.len() > 4 { t.len() - 1 } else { t.len() };
                t[..keep].to_ascii_lowercase()
            })
            .collect();
        Ok(SnippetLocator {
            terms,
            probes,
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
    /// whole text when none is found this way.
    fn window<'a>(&mut self, text: &'a str) -> &'a str {
        const BEFORE: usize = 200;
        const AFTER: usize = 700;
        if text.len() <= BEFORE + AFTER || self.probes.is_empty() {
            return text;
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
            return text;
        };
        let (start, end) = whole_words(text, at.saturating_sub(BEFORE), at + AFTER);
        &text[start..end]
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
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i].to_ascii_lowercase() == first
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::whole_words;

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
