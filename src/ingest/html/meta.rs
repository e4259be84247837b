//! What a web page says about itself: title, publication date, authors, site name,
//! description and language, from its JSON-LD, `<meta>` tags, microdata and `<time>`
//! elements.
//!
//! The publication date is taken from the first of these that holds a valid date,
//! in this order of trust (the most deliberate statements first; a date a page only
//! shows somewhere is last):
//! 1. JSON-LD `datePublished` of the page's article (`NewsArticle`, `Article`, ...),
//!    then of any object;
//! 2. publication `<meta>` tags: `article:published_time`, `datePublished`,
//!    `pubdate`, `publish-date`, `dc.date.issued`, `citation_publication_date`, ...;
//! 3. a `datePublished` microdata element (its `datetime` or `content`);
//! 4. a `<time>` element marked as the publication time (`pubdate`, or a class or
//!    `itemprop` that says published), else the first `<time datetime>` of the
//!    `<article>`;
//! 5. the date in the URL's path (`/2024/05/13/`);
//! 6. the date the main-text extractor finds (see [`super`]).
//!
//! Modification dates (`article:modified_time`, `dateModified`, `og:updated_time`)
//! are never taken: an article updated last week was not published last week.

use serde_json::Value;
use trafilatura::dom::{Document, NodeId};

use crate::extract::date;

/// The metadata of a page; `None` and empty where the page says nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// The publication date as the page writes it (parsed by `extract::date`).
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    /// The language the page declares (`<html lang>`, `content-language`).
    pub lang: Option<String>,
    /// The page's own address (`<link rel=canonical>`, `og:url`), if absolute.
    pub canonical_url: Option<String>,
}

/// `<meta>` names and properties that state a publication date, lowercased.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "og:pubdate",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "publication_date",
    "publication-date",
    "article.published",
    "article_date_original",
    "date_published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:publishtime",
    "originalpublicationdate",
    "release_date",
];

/// `<meta>` names that give a date without saying which: used after the ones above.
const PLAIN_DATE_META: &[&str] = &["dc.date", "dcterms.date", "date", "og:date", "created"];

/// JSON-LD types whose `datePublished` is the page's own.
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "blogposting",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "report",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "webpage",
    "creativework",
];

/// A date string that parses as a plausible publication date (not in the future).
fn valid(s: &str) -> Option<String> {
    let s = s.trim();
    let ts = date::parse_date(s)?;
    let tomorrow = chrono::Utc::now().timestamp() + 86_400;
    (ts <= tomorrow).then(|| s.to_string())
}

/// The `<meta>` tags of a page as (lowercased name or property, content).
struct Metas(Vec<(String, String)>);

impl Metas {
    /// The content of the first of `keys` the page has.
    fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .find(|(name, _)| name == k)
                .map(|(_, c)| c.as_str())
        })
    }

    /// The first valid date among the tags named by `keys`, in the order of `keys`.
    fn date(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .filter(|(name, _)| name == k)
                .find_map(|(_, c)| valid(c))
        })
    }
}

fn meta_tags(doc: &Document) -> Metas {
    let tags = doc
        .query_selector_all(doc.root(), "meta")
        .into_iter()
        .filter_map(|id| {
            let content = doc.get_attribute(id, "content")?;
            let key = ["property", "name", "itemprop", "http-equiv"]
                .iter()
                .find_map(|a| doc.get_attribute(id, a))?;
            Some((key.trim().to_ascii_lowercase(), content.trim().to_string()))
        })
        .filter(|(_, c)| !c.is_empty())
        .collect();
    Metas(tags)
}

/// Every object in the page's JSON-LD blocks (including `@graph` members).
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for id in doc.scripts_with_type(&["application/ld+json"]) {
        let Ok(v) = serde_json::from_str::<Value>(doc.text_content(id).trim()) else {
            continue;
        };
        flatten(v, &mut out, 0);
    }
    out
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

fn is_article(o: &Value) -> bool {
    let kind = |t: &Value| {
        t.as_str()
            .is_some_and(|t| ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str()))
    };
    match o.get("@type") {
        Some(Value::Array(ts)) => ts.iter().any(kind),
        Some(t) => kind(t),
        None => false,
    }
}

/// Names in a JSON-LD `author`: a string, a `Person` object, or a list of them.
fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.trim().to_string()])
            .unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(ld_names).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty() && !s.starts_with("http"))
    .collect()
}

fn ld_str<'a>(o: &'a Value, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Reads the metadata of a parsed page; `url` is where it was fetched from.
pub fn read(doc: &Document, url: Option<&str>) -> PageMeta {
    let metas = meta_tags(doc);
    let ld = json_ld(doc);
    let articles: Vec<&Value> = ld.iter().filter(|o| is_article(o)).collect();
    PageMeta {
        date: publication_date(doc, &metas, &ld, &articles, url),
        title: title(doc, &metas, &articles),
        authors: authors(&metas, &articles),
        site_name: metas
            .get(&["og:site_name", "application-name"])
            .map(str::to_string)
            .or_else(|| {
                ld.iter().find_map(|o| {
                    let publisher = o.get("publisher")?;
                    ld_str(publisher, "name").map(str::to_string)
                })
            }),
        description: metas
            .get(&["og:description", "description", "twitter:description"])
            .map(str::to_string),
        lang: declared_language(doc, &metas),
        canonical_url: doc
            .query_selector(doc.root(), "link[rel=canonical]")
            .and_then(|id| doc.get_attribute(id, "href"))
            .or_else(|| metas.get(&["og:url"]).map(str::to_string))
            .map(|u| u.trim().to_string())
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
    }
}

fn publication_date(
    doc: &Document,
    metas: &Metas,
    ld: &[Value],
    articles: &[&Value],
    url: Option<&str>,
) -> Option<String> {
    let from_ld = |o: &Value| ld_str(o, "datePublished").and_then(valid);
    articles
        .iter()
        .find_map(|o| from_ld(o))
        .or_else(|| ld.iter().find_map(from_ld))
        .or_else(|| metas.date(PUBLISHED_META))
        .or_else(|| microdata_date(doc))
        .or_else(|| time_element(doc))
        .or_else(|| metas.date(PLAIN_DATE_META))
        .or_else(|| url.and_then(url_date))
}

/// `<... itemprop="datePublished" datetime|content="...">`.
fn microdata_date(doc: &Document) -> Option<String> {
    doc.query_selector_all(doc.root(), "[itemprop=datePublished]")
        .into_iter()
        .find_map(|id| {
            ["datetime", "content"]
                .iter()
                .find_map(|a| doc.get_attribute(id, a).and_then(|v| valid(&v)))
                .or_else(|| valid(&doc.text_content(id)))
        })
}

/// A `<time datetime>` marked as the publication time, else the first in the article.
fn time_element(doc: &Document) -> Option<String> {
    let times = doc.query_selector_all(doc.root(), "time[datetime]");
    let says_published = |id: NodeId| {
        doc.get_attribute(id, "pubdate").is_some()
            || [
                doc.class_name(id),
                doc.get_attribute(id, "itemprop").unwrap_or_default(),
            ]
            .iter()
            .any(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("publish") || c.contains("posted") || c.contains("created")
            })
    };
    let datetime = |id: NodeId| doc.get_attribute(id, "datetime").and_then(|v| valid(&v));
    times
        .iter()
        .copied()
        .filter(|&id| says_published(id))
        .find_map(datetime)
        .or_else(|| {
            doc.query_selector_all(doc.root(), "article time[datetime]")
                .into_iter()
                .find_map(datetime)
        })
}

/// The date in a URL's path, as a day (`2024-05-13`).
fn url_date(url: &str) -> Option<String> {
    date::date_from_url(url).map(date::format_day)
}

/// The headline: JSON-LD `headline`, `og:title`, else the `<title>`; a trailing
/// " | Site name" (or " - ", " – ", " — ", " :: ") is cut off when the page has a
/// headline (`<h1>`) that the rest matches.
fn title(doc: &Document, metas: &Metas, articles: &[&Value]) -> Option<String> {
    let h1 = doc
        .query_selector(doc.root(), "h1")
        .map(|id| collapse(&doc.text_content(id)))
        .filter(|t| !t.is_empty());
    let title_tag = doc
        .query_selector(doc.root(), "title")
        .map(|id| collapse(&doc.text_content(id)))
        .filter(|t| !t.is_empty());
    let headline = articles
        .iter()
        .find_map(|o| ld_str(o, "headline"))
        .map(collapse);
    let og = metas.get(&["og:title", "twitter:title"]).map(collapse);
    let candidates = [headline, og, title_tag].into_iter().flatten();
    for t in candidates {
        let cut = without_site_suffix(&t);
        if !cut.is_empty() {
            return Some(cut);
        }
    }
    h1
}

/// "Headline | Site" → "Headline": the part before the last separator when the
/// part after it is short (a site's name, not a second clause).
fn without_site_suffix(title: &str) -> String {
    for sep in [
        " | ", " – ", " — ", " - ", " :: ", " · ", " // ", " « ", " » ",
    ] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 2 {
                return without_site_suffix(head.trim());
            }
        }
    }
    title.trim().to_string()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Authors: JSON-LD `author` of the article, else `<meta name=author>` (or
/// `article:author` when it is a name, not a profile URL).
fn authors(metas: &Metas, articles: &[&Value]) -> Vec<String> {
    let from_ld: Vec<String> = articles
        .iter()
        .find_map(|o| o.get("author").map(ld_names).filter(|n| !n.is_empty()))
        .unwrap_or_default();
    if !from_ld.is_empty() {
        return dedup(from_ld);
    }
    metas
        .get(&[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "parsely-author",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .split([';', '|'])
                .flat_map(|p| p.split(" and "))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .map(dedup)
        .unwrap_or_default()
}

fn dedup(mut names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_lowercase()));
    names
}

/// `<html lang="de-CH">` → `de-CH`; else `content-language`, `og:locale`.
fn declared_language(doc: &Document, metas: &Metas) -> Option<String> {
    doc.query_selector(doc.root(), "html")
        .and_then(|id| {
            doc.get_attribute(id, "lang")
                .or_else(|| doc.get_attribute(id, "xml:lang"))
        })
        .or_else(|| {
            metas
                .get(&["content-language", "og:locale", "language", "dc.language"])
                .map(str::to_string)
        })
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty() && l.len() <= 35)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str, url: Option<&str>) -> PageMeta {
        read(&Document::parse(html), url)
    }

    #[test]
    fn the_published_date_wins_over_a_later_modified_one() {
        let m = meta_of(
            r#"<html><head>
            <meta property="article:modified_time" content="2023-11-07T07:54:26+00:00">
            <meta property="article:published_time" content="2023-10-24T14:19:10+00:00">
            </head><body><p>Text.</p></body></html>"#,
            None,
        );
        assert_eq!(m.date.as_deref(), Some("2023-10-24T14:19:10+00:00"));
    }

    #[test]
    fn json_ld_of_the_article_comes_first() {
        let m = meta_of(
            r#"<html lang="de"><head>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Blinker","datePublished":"2001-01-01"},
              {"@type":"NewsArticle","headline":"Angeln im Winter","datePublished":"2022-01-11T09:50:50+01:00",
               "dateModified":"2022-01-21","author":[{"@type":"Person","name":"Anna Berg"},{"name":"Jo Kim"}],
               "publisher":{"@type":"Organization","name":"Blinker"}}]}</script>
            <meta name="date" content="2022-01-21">
            </head><body><h1>Angeln im Winter</h1></body></html>"#,
            None,
        );
        assert_eq!(m.date.as_deref(), Some("2022-01-11T09:50:50+01:00"));
        assert_eq!(m.title.as_deref(), Some("Angeln im Winter"));
        assert_eq!(m.authors, vec!["Anna Berg", "Jo Kim"]);
        assert_eq!(m.site_name.as_deref(), Some("Blinker"));
        assert_eq!(m.lang.as_deref(), Some("de"));
    }

    #[test]
    fn time_elements_and_the_url_are_late_sources() {
        let m = meta_of(
            r#"<html><body><p>Updated <time datetime="2021-03-14">Sunday</time></p>
            <article><time class="entry-date published" datetime="2021-03-08T11:15:28Z">8 March</time></article>
            </body></html>"#,
            Some("https://example.org/2020/01/02/story"),
        );
        assert_eq!(m.date.as_deref(), Some("2021-03-08T11:15:28Z"));
        let m = meta_of(
            "<html><body><p>No date here.</p></body></html>",
            Some("https://example.org/2020/01/02/story"),
        );
        assert_eq!(m.date.as_deref(), Some("2020-01-02"));
        let future = meta_of(r#"<meta name="pubdate" content="2199-01-01">"#, None);
        assert_eq!(future.date, None);
    }

    #[test]
    fn a_site_name_after_the_headline_is_cut() {
        assert_eq!(
            without_site_suffix("Floods hit the coast | The Daily Planet"),
            "Floods hit the coast"
        );
        assert_eq!(
            without_site_suffix("Floods hit the coast - Planet"),
            "Floods hit the coast"
        );
        // A dash inside the headline itself stays when what follows is long.
        assert_eq!(
            without_site_suffix("Talks resume - both sides say a deal is close this week"),
            "Talks resume - both sides say a deal is close this week"
        );
        let m = meta_of(
            r#"<html><head><title>Floods hit the coast | The Daily Planet</title>
            <meta name="author" content="By Lois Lane and Clark Kent"></head></html>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Floods hit the coast"));
        assert_eq!(m.authors, vec!["Lois Lane", "Clark Kent"]);
    }
}
