//! Turning one record's bytes into a [`RawArticle`]: JSON objects with the field
//! aliases real dumps use (news-please, JSONL exports, scrapers), and plain-text
//! articles with an optional header. Pure functions over bytes, no I/O.

use serde_json::{Map, Value};

use super::failure::FailureKind;
pub use super::failure::ParseError;
use super::read::{Format, Record};
use crate::extract::RawArticle;

const ID_KEYS: &[&str] = &["id", "_id", "uuid", "guid", "article_id", "doc_id"];
const TITLE_KEYS: &[&str] = &["title", "headline", "title_page", "title_rss"];
const BODY_KEYS: &[&str] = &[
    "body",
    "text",
    "maintext",
    "content",
    "article",
    "full_text",
    "article_text",
];
const DATE_KEYS: &[&str] = &[
    "date",
    "date_publish",
    "published",
    "publish_date",
    "pubDate",
    "pubdate",
    "published_at",
    "publishedAt",
    "datePublished",
    "date_published",
    "timestamp",
];
const URL_KEYS: &[&str] = &["url", "link", "href", "canonical_url"];
const SOURCE_KEYS: &[&str] = &[
    "source",
    "source_domain",
    "domain",
    "publisher",
    "site",
    "outlet",
];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline", "creator"];
const LANG_KEYS: &[&str] = &["language", "lang"];
/// Used for the body only when no body key is present (news-please's teaser).
const FALLBACK_BODY_KEYS: &[&str] = &["description", "summary", "abstract"];

/// Article fields a column or key can be mapped to.
const FIELDS: &[&str] = &[
    "id", "title", "text", "date", "url", "source", "authors", "language",
];

/// Which column (or JSON key) holds which article field, where the aliases do not
/// say: `--map text=content,date=published_at`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldMap(Vec<(&'static str, String)>);

impl FieldMap {
    /// Parses `field=column,field=column`, or the lines of a file holding such pairs
    /// (one a line, `#` comments) when `spec` is not a list but a readable file.
    pub fn parse(spec: &str) -> Result<FieldMap, String> {
        let text = if spec.contains('=') {
            spec.replace(',', "\n")
        } else {
            std::fs::read_to_string(spec).map_err(|e| {
                format!("--map {spec:?}: not field=column pairs, nor a readable file ({e})")
            })?
        };
        let mut pairs = Vec::new();
        for item in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (field, column) = item
                .split_once('=')
                .ok_or_else(|| format!("--map: {item:?} is not field=column"))?;
            let field = field.trim().to_ascii_lowercase();
            let field = match field.as_str() {
                "body" | "maintext" | "content" => "text",
                "lang" => "language",
                "author" => "authors",
                f => f,
            };
            let Some(field) = FIELDS.iter().find(|f| **f == field) else {
                return Err(format!(
                    "--map: unknown field {field:?} (fields: {})",
                    FIELDS.join(", ")
                ));
            };
            pairs.push((*field, column.trim().to_string()));
        }
        Ok(FieldMap(pairs))
    }

    fn column(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| c.as_str())
    }
}

/// Parses one record into an article.
pub fn parse_record(record: &Record) -> Result<RawArticle, ParseError> {
    parse_record_mapped(record, &FieldMap::default())
}

/// [`parse_record`] with columns mapped to fields by `map` first.
pub fn parse_record_mapped(record: &Record, map: &FieldMap) -> Result<RawArticle, ParseError> {
    if record.format == Format::Html {
        return parse_page(record);
    }
    let text = std::str::from_utf8(&record.bytes).map_err(|e| {
        ParseError::new(
            FailureKind::Encoding,
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    match record.format {
        Format::Json | Format::Jsonl => parse_json_mapped(text, map),
        Format::Text => parse_text(text),
        Format::Html => unreachable!("HTML records are read before UTF-8 decoding"),
        Format::Warc => unreachable!("WARC files are split into page records when read"),
        Format::Csv | Format::Tsv | Format::Parquet => {
            unreachable!("table rows are read as JSON objects")
        }
    }
}

/// A web page: an `.html` file, or a WARC record's payload (its HTTP codings undone
/// first; the capture's URL, fetch time and record id kept).
fn parse_page(record: &Record) -> Result<RawArticle, ParseError> {
    let Some(web) = record.web.as_deref() else {
        return super::html::read_page(&super::html::Page {
            bytes: &record.bytes,
            ..Default::default()
        });
    };
    let head = super::warc::http::Head {
        content_encoding: web.content_encoding.clone(),
        chunked: web.chunked,
        ..Default::default()
    };
    let body = super::warc::http::decode_body(&head, &record.bytes)
        .map_err(|m| ParseError::new(FailureKind::BrokenRecord, m))?;
    let charset = web
        .content_type
        .as_deref()
        .and_then(super::html::charset::from_content_type);
    let mut article = super::html::read_page(&super::html::Page {
        bytes: &body,
        url: web.url.as_deref(),
        charset,
    })?;
    if article.url.is_none() {
        article.id = web.record_id.clone();
    }
    article.fetched = web.fetched.clone();
    Ok(article)
}

/// Parses a JSON article object.
pub fn parse_json(text: &str) -> Result<RawArticle, ParseError> {
    parse_json_mapped(text, &FieldMap::default())
}

/// [`parse_json`] with keys mapped to fields by `map` before the aliases.
pub fn parse_json_mapped(text: &str, map: &FieldMap) -> Result<RawArticle, ParseError> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ParseError::new(FailureKind::MalformedJson, format!("malformed JSON: {e}")))?;
    let obj = match value {
        Value::Object(o) => o,
        other => {
            return Err(ParseError::new(
                FailureKind::MalformedJson,
                format!(
                    "expected a JSON object (an article), found {}",
                    kind_name(&other)
                ),
            ))
        }
    };
    let field = |name: &str, keys: &[&str]| {
        map.column(name)
            .and_then(|c| obj.get(c))
            .and_then(scalar)
            .or_else(|| first_string(&obj, keys))
    };
    let body = field("text", BODY_KEYS)
        .or_else(|| first_string(&obj, FALLBACK_BODY_KEYS))
        .unwrap_or_default();
    let authors = match map.column("authors").and_then(|c| obj.get(c)) {
        Some(v) => authors_of(v),
        None => authors(&obj),
    };
    let article = RawArticle {
        id: field("id", ID_KEYS),
        title: field("title", TITLE_KEYS),
        body,
        date: field("date", DATE_KEYS),
        url: field("url", URL_KEYS),
        source: field("source", SOURCE_KEYS),
        authors,
        language: field("language", LANG_KEYS),
        fetched: None,
    };
    check_text(article)
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An article must have text: a title alone is not one.
pub fn check_text(article: RawArticle) -> Result<RawArticle, ParseError> {
    if article.body.trim().is_empty() {
        let title_only = article
            .title
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty());
        let what = if title_only {
            "article has a title but no text"
        } else {
            "article has no text"
        };
        return Err(ParseError::new(FailureKind::NoText, what));
    }
    Ok(article)
}

/// A scalar as a trimmed string: strings as they are, numbers in decimal.
fn scalar(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => {
            // {"$date": ...} (MongoDB exports), {"name": ...}, {"value": ...}
            return ["$date", "$oid", "name", "value", "text"]
                .iter()
                .find_map(|k| o.get(*k).and_then(scalar));
        }
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn first_string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| obj.get(*k).and_then(scalar))
        .or_else(|| {
            // Case-insensitive second chance ("Title", "URL").
            obj.iter()
                .find(|(k, _)| keys.iter().any(|want| k.eq_ignore_ascii_case(want)))
                .and_then(|(_, v)| scalar(v))
        })
}

fn authors(obj: &Map<String, Value>) -> Vec<String> {
    AUTHOR_KEYS
        .iter()
        .find_map(|k| obj.get(*k))
        .map(authors_of)
        .unwrap_or_default()
}

/// Authors from a list, or from one string separated by `;` or `|`.
fn authors_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other)
            .map(|s| {
                s.split([';', '|'])
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Header keys accepted at the top of a plain-text article.
fn header_key(key: &str) -> Option<&'static str> {
    let k = key.trim().to_ascii_lowercase();
    Some(match k.as_str() {
        "title" | "headline" => "title",
        "date" | "published" | "publish_date" | "pubdate" | "date_publish" => "date",
        "source" | "publisher" | "domain" => "source",
        "url" | "link" => "url",
        "author" | "authors" | "by" | "byline" => "authors",
        "language" | "lang" => "language",
        "id" => "id",
        _ => return None,
    })
}

/// Lines that are page furniture rather than article text.
fn is_boilerplate(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    const CUES: &[&str] = &[
        "click here",
        "follow us on",
        "subscribe to",
        "sign up for",
        "stay updated",
        "advertisement",
        "download our app",
        "share this article",
    ];
    line.len() < 200 && CUES.iter().any(|c| l.contains(c))
}

/// Longest title accepted from the first line of a text article.
const MAX_TITLE_CHARS: usize = 160;

/// Parses a plain-text article: `Key: value` header lines up to a blank line, or a
/// leading `date YYYY-MM-DD`; else the first short line is the title.
pub fn parse_text(text: &str) -> Result<RawArticle, ParseError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut article = RawArticle::default();
    let mut lines: Vec<&str> = text.lines().collect();
    let mut start = 0;

    // `Key: value` header block.
    let mut header_lines = 0;
    for line in &lines {
        let Some((k, v)) = line.split_once(':') else {
            break;
        };
        let Some(key) = header_key(k) else { break };
        let v = v.trim().to_string();
        match key {
            "title" => article.title = Some(v),
            "date" => article.date = Some(v),
            "source" => article.source = Some(v),
            "url" => article.url = Some(v),
            "authors" => {
                article.authors = v
                    .split([',', ';'])
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            }
            "language" => article.language = Some(v),
            _ => article.id = Some(v),
        }
        header_lines += 1;
    }
    if header_lines > 0 {
        start = header_lines;
    }

    // A leading `date YYYY-MM-DD` (scraper output); the rest of the line is text.
    let mut first_rest: Option<String> = None;
    if header_lines == 0 {
        if let Some(first) = lines.first() {
            let t = first.trim_start();
            let lower = t.get(..5).map(|s| s.to_ascii_lowercase());
            if lower.as_deref() == Some("date ") {
                let rest = t[5..].trim_start();
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                if crate::extract::date::parse_date(&rest[..end]).is_some() {
                    article.date = Some(rest[..end].to_string());
                    first_rest = Some(rest[end..].trim().to_string());
                    start = 1;
                }
            }
        }
    }
    if let Some(rest) = &first_rest {
        if !rest.is_empty() {
            lines.insert(1, rest.as_str());
        }
    }

    // Body lines: drop page furniture, find a title if none was given.
    let mut body_lines: Vec<&str> = lines[start.min(lines.len())..]
        .iter()
        .copied()
        .filter(|l| !is_boilerplate(l))
        .collect();
    while body_lines.first().is_some_and(|l| l.trim().is_empty()) {
        body_lines.remove(0);
    }
    if article.title.is_none() {
        if let Some(first) = body_lines.first() {
            let t = first.trim();
            let short = t.chars().count() <= MAX_TITLE_CHARS;
            let sentence =
                t.ends_with(['.', '!', '?', '"', '”', ':']) && t.split_whitespace().count() > 12;
            if short && !sentence && body_lines.len() > 1 {
                article.title = Some(t.to_string());
                body_lines.remove(0);
            }
        }
    }
    article.body = body_lines.join("\n").trim().to_string();
    check_text(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_please_fields() {
        let a = parse_json(
            r#"{"title":"T","maintext":"M","date_publish":"2017-07-17 17:03:00","url":"u","source_domain":"www.rt.com","authors":["A","B"],"language":"en"}"#,
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.body, "M");
        assert_eq!(a.date.as_deref(), Some("2017-07-17 17:03:00"));
        assert_eq!(a.source.as_deref(), Some("www.rt.com"));
        assert_eq!(a.authors, vec!["A", "B"]);
    }

    #[test]
    fn aliases_and_numbers() {
        let a = parse_json(r#"{"_id":42,"headline":"H","content":"C","pubDate":1700000000,"link":"l","publisher":"P","author":"X; Y","lang":"de"}"#).unwrap();
        assert_eq!(a.id.as_deref(), Some("42"));
        assert_eq!(a.date.as_deref(), Some("1700000000"));
        assert_eq!(a.authors, vec!["X", "Y"]);
        assert_eq!(a.language.as_deref(), Some("de"));
    }

    #[test]
    fn mapped_columns_come_before_the_aliases() {
        let map = FieldMap::parse("text=story, date=published_at,author=writers").unwrap();
        let a = parse_json_mapped(
            r#"{"story":"S","text":"not this","published_at":"2026-01-02","writers":"A; B"}"#,
            &map,
        )
        .unwrap();
        assert_eq!(
            (a.body.as_str(), a.date.as_deref()),
            ("S", Some("2026-01-02"))
        );
        assert_eq!(a.authors, vec!["A", "B"]);
        assert!(FieldMap::parse("colour=red")
            .unwrap_err()
            .contains("unknown field"));
        assert!(FieldMap::parse("no-such-file.map").is_err());
    }

    #[test]
    fn no_text_and_non_objects_are_errors() {
        assert_eq!(
            parse_json(r#"{"title":"only"}"#).unwrap_err().kind,
            FailureKind::NoText
        );
        assert_eq!(
            parse_json("[1,2]").unwrap_err().kind,
            FailureKind::MalformedJson
        );
        assert_eq!(
            parse_json("{\"a\":").unwrap_err().kind,
            FailureKind::MalformedJson
        );
    }

    #[test]
    fn text_header_block() {
        let a =
            parse_text("Title: Hello\nDate: 2026-01-02\nSource: Example\n\nBody line one.\nTwo.")
                .unwrap();
        assert_eq!(a.title.as_deref(), Some("Hello"));
        assert_eq!(a.date.as_deref(), Some("2026-01-02"));
        assert_eq!(a.body, "Body line one.\nTwo.");
    }

    #[test]
    fn seed_style_date_line_and_boilerplate() {
        let a = parse_text(" date 2026-02-04 Stay updated with the latest - Click here to follow us on Instagram\nRussia launched a significant attack overnight on Ukraine on Tuesday (Feb 3), with President Volodymyr Zelenskyy accusing Moscow of breaking its commitment.\nMore.").unwrap();
        assert_eq!(a.date.as_deref(), Some("2026-02-04"));
        assert!(a.title.is_none());
        assert!(a.body.starts_with("Russia launched"));
    }

    #[test]
    fn first_short_line_is_the_title() {
        let a = parse_text("Storm hits coast\nA storm hit the coast on Monday.").unwrap();
        assert_eq!(a.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(a.body, "A storm hit the coast on Monday.");
    }
}
