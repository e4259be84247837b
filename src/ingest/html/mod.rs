//! Web pages as articles: bytes of an HTML page (a `.html` file, or a WARC
//! record's payload) to a [`RawArticle`] with the page's main text, title,
//! publication date, authors, site and language.
//!
//! The main text is the `trafilatura` crate's (a port of go-trafilatura, chosen by
//! measurement: see README), without comments, turned into lines of text
//! ([`text`]); the metadata is read from the same parsed page ([`meta`]), with the
//! extractor's own date as the last resort.

pub mod charset;
pub mod meta;
pub mod text;

use trafilatura::dom::Document;

use super::failure::{FailureKind, ParseError};
use crate::extract::RawArticle;

/// A page to read: its bytes (any charset) and what the transport said about it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Page<'a> {
    pub bytes: &'a [u8],
    /// Where it was fetched from (`WARC-Target-URI`), if known.
    pub url: Option<&'a str>,
    /// The charset of the HTTP `Content-Type`, if any.
    pub charset: Option<&'a str>,
}

/// Pages with more elements than this are not extracted (a hostile or broken page).
const MAX_ELEMENTS: usize = 200_000;

/// Fewer words of main text than this is not an article (an index page, a login
/// wall, an error page): on the 624 trafilatura evaluation pages the shortest main
/// text has 21 words. In scripts written without spaces (Chinese, Japanese) each
/// character counts as a word.
const MIN_WORDS: usize = 10;

/// Words of a text, counting each character of a script without spaces as one.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            let ideographs = w
                .chars()
                .filter(|&c| crate::extract::text::is_unspaced_script(c))
                .count();
            ideographs.max(1)
        })
        .sum()
}

/// Reads a page into an article, or says why it holds none.
pub fn read_page(page: &Page<'_>) -> Result<RawArticle, ParseError> {
    let html = charset::decode(page.bytes, page.charset);
    let doc = Document::parse(&html);
    let meta = meta::read(&doc, page.url);
    let url = page
        .url
        .map(str::to_string)
        .or_else(|| meta.canonical_url.clone());
    let mut opts = trafilatura::Options::default()
        .with_exclude_comments(true)
        .with_max_tree_size(MAX_ELEMENTS);
    if let Some(u) = url.as_deref().and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    // The extractor looks for a date itself only when the page's metadata has none.
    if let Some(day) = meta
        .date
        .as_deref()
        .and_then(crate::extract::date::parse_date)
        .and_then(|ts| chrono::DateTime::from_timestamp(ts, 0))
    {
        opts = opts.with_html_date_override(day.date_naive());
    }
    let result = trafilatura::extract_document(doc, &opts).map_err(|e| {
        ParseError::new(
            FailureKind::NoText,
            format!("no main text in the page: {e}"),
        )
    })?;
    let mut body = text::html_to_text(&result.content_html);
    if body.trim().is_empty() {
        body = result.content_text.trim().to_string();
    }
    let words = word_count(&body);
    if words < MIN_WORDS {
        return Err(ParseError::new(
            FailureKind::NoText,
            format!("no main text in the page (only {words} words)"),
        ));
    }
    let found = result.metadata;
    let title = meta
        .title
        .or_else(|| Some(found.title.trim().to_string()).filter(|t| !t.is_empty()));
    // The main text usually opens with the headline: it is the title, not text.
    if let Some(t) = &title {
        body = without_leading_title(&body, t).to_string();
    }
    let date = meta
        .date
        .or_else(|| found.date.map(|d| d.format("%Y-%m-%d").to_string()));
    let authors = if meta.authors.is_empty() {
        found
            .author
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        meta.authors
    };
    let source = url
        .as_deref()
        .and_then(host)
        .or(meta.site_name)
        .or_else(|| Some(found.sitename).filter(|s| !s.is_empty()));
    Ok(RawArticle {
        id: None,
        title,
        body,
        date,
        url,
        source,
        authors,
        language: meta.lang,
        fetched: None,
    })
}

/// `text` without its first line when that line is the title (whitespace and case
/// aside).
fn without_leading_title<'a>(text: &'a str, title: &str) -> &'a str {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let same = first
        .split_whitespace()
        .map(str::to_lowercase)
        .eq(title.split_whitespace().map(str::to_lowercase));
    if same && !rest.trim().is_empty() {
        rest.trim_start()
    } else {
        text
    }
}

/// The host of a URL (as news-please's `source_domain`: `www.rt.com`).
pub fn host(url: &str) -> Option<String> {
    Some(url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_opening_the_text_is_left_to_the_title() {
        let text = "Floods close the  coast road\nHeavy rain flooded the road.";
        assert_eq!(
            without_leading_title(text, "Floods close the coast road"),
            "Heavy rain flooded the road."
        );
        assert_eq!(without_leading_title(text, "Another title"), text);
        assert_eq!(
            without_leading_title("Only the title", "Only the title"),
            "Only the title"
        );
    }

    #[test]
    fn words_of_scripts_without_spaces_are_counted_by_character() {
        assert_eq!(word_count("Heavy rain flooded the road"), 5);
        assert_eq!(word_count("図書館の開館時間"), 8);
        assert_eq!(word_count("Kyiv 基辅 2024"), 4);
    }
}
