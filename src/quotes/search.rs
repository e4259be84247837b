//! A quote search: BM25 over the quotes' words or a speaker's newest, filters, and
//! one result per quote however many articles print it.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{DateTime, Index, IndexReader, Order, TantivyDocument, Term};

use super::tally::{self, Labels, QuoteFacets};
use super::{dir_of, open_or_create, QuoteSchema};
use crate::search::people::{self, Registry};

/// What a quote search asks.
#[derive(Clone, Debug, Default)]
pub struct QuoteRequest {
    /// Words, phrases and operators over the quote text; empty: every quote, newest
    /// first.
    pub query: String,
    /// A speaker by any name form the people registry knows.
    pub speaker: Option<String>,
    /// Published at or after `from`, before `to` (Unix seconds; see
    /// [`crate::search::parse_bound`] for a day included whole).
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// A source facet label ("Reuters").
    pub source: Option<String>,
    pub limit: usize,
    /// Count speakers and months over every matching quote.
    pub facets: bool,
}

/// One quote, and the other articles printing it.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteHit {
    pub text: String,
    pub speaker: String,
    pub article: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub start: u64,
    pub end: u64,
    /// BM25 score (absent when listed by date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// Articles printing this quote among the matching ones (1: only this one).
    pub articles: u64,
    /// The first of them by date (id), and its date.
    pub first_article: String,
    pub first_date: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteResults {
    pub query: String,
    /// Matching quotes (every copy counted).
    pub total: usize,
    pub hits: Vec<QuoteHit>,
    /// The people the speaker filter was taken to mean, when a registry knew them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    /// With `facets`: who says it and when, over every matching quote (exact).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<QuoteFacets>,
}

/// The quote index of an index directory, open for searching.
pub struct Quotes {
    index: Index,
    reader: IndexReader,
    index_dir: PathBuf,
    qs: QuoteSchema,
    /// The people registry beside the index, read again when its file changes.
    people: People,
    /// Each segment's speaker labels (see [`Labels`]).
    labels: Labels,
}

type People = std::sync::Mutex<Option<(std::time::SystemTime, Arc<Known>)>>;

/// The registry, and whose every-year name form each speaker label is (the quote
/// counts' people: built once per registry, not per search).
struct Known {
    registry: Registry,
    person_of: FxHashMap<String, String>,
}

impl Known {
    fn of(registry: Registry) -> Known {
        let mut person_of = FxHashMap::default();
        for p in &registry.people {
            for f in p
                .forms
                .iter()
                .filter(|f| f.years.is_none() && f.name != p.name)
            {
                person_of.insert(f.name.clone(), p.name.clone());
            }
        }
        Known {
            registry,
            person_of,
        }
    }
}

impl Quotes {
    /// Opens the quote index beside the index in `index_dir`, with a clear message
    /// when there is none.
    pub fn open(index_dir: &Path) -> anyhow::Result<Quotes> {
        let dir = dir_of(index_dir);
        if !dir.join("meta.json").exists() {
            anyhow::bail!(
                "no quote index at {} (indexes made before quotes were searchable have none: run `newsdex index --index {} PATH...` on the same files again; it adds no article twice and writes their quotes)",
                dir.display(),
                index_dir.display()
            );
        }
        let index = open_or_create(index_dir)?;
        let reader = index.reader().context("cannot read the quote index")?;
        Ok(Quotes {
            index,
            reader,
            index_dir: index_dir.to_path_buf(),
            qs: QuoteSchema::new(),
            people: Default::default(),
            labels: Default::default(),
        })
    }

    /// The people registry the last ingest wrote, if any.
    fn known(&self) -> Option<Arc<Known>> {
        let file = self.index_dir.join(people::FILE);
        people::cached_file(&self.people, &file, || {
            Registry::load(&self.index_dir).map(Known::of)
        })
    }

    /// Quotes matching a request, copies of one quote folded into one result.
    pub fn search(&self, req: &QuoteRequest) -> anyhow::Result<QuoteResults> {
        let (index, qs) = (&self.index, &self.qs);
        let searcher = self.reader.searcher();
        let known = self.known();
        let (filters, speakers) = filters(known.as_ref().map(|k| &k.registry), qs, req);
        let words: Option<Box<dyn Query>> = if req.query.trim().is_empty() {
            None
        } else {
            let mut parser = QueryParser::for_index(index, vec![qs.text]);
            parser.set_conjunction_by_default();
            let (q, _errors) = parser.parse_query_lenient(&req.query);
            Some(q)
        };
        let base: Box<dyn Query> = match &words {
            Some(q) => q.box_clone(),
            None => Box::new(AllQuery),
        };
        let query = and(base, &filters);
        let total = searcher.search(&query, &Count)?;
        let limit = req.limit.max(1);
        // Copies of one quote fold into one result: more candidates than results.
        let want = limit * 8;
        let ranked: Vec<(Option<f32>, tantivy::DocAddress)> = if words.is_some() {
            searcher
                .search(&query, &TopDocs::with_limit(want).order_by_score())?
                .into_iter()
                .map(|(s, a)| (Some(s), a))
                .collect()
        } else {
            searcher
                .search(
                    &query,
                    &TopDocs::with_limit(want).order_by_fast_field::<DateTime>("date", Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (None, a))
                .collect()
        };
        let mut hits: Vec<QuoteHit> = Vec::new();
        let mut seen: FxHashMap<u64, ()> = FxHashMap::default();
        for (score, addr) in ranked {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let key = doc.get_first(qs.key).and_then(|v| v.as_u64()).unwrap_or(0);
            if seen.insert(key, ()).is_some() {
                continue;
            }
            let mut hit = hit_of(qs, &doc, score);
            // Every article printing it among the matching ones, the first by date.
            let copies = and(
                Box::new(TermQuery::new(
                    Term::from_field_u64(qs.key, key),
                    IndexRecordOption::Basic,
                )),
                &filters,
            );
            let (n, first) = searcher.search(
                &copies,
                &(
                    Count,
                    TopDocs::with_limit(1).order_by_fast_field::<DateTime>("date", Order::Asc),
                ),
            )?;
            hit.articles = n as u64;
            if let Some((_, a)) = first.first() {
                let first_doc: TantivyDocument = searcher.doc(*a)?;
                let f = hit_of(qs, &first_doc, None);
                hit.first_article = f.article;
                hit.first_date = f.date;
            }
            hits.push(hit);
            if hits.len() == limit {
                break;
            }
        }
        let facets = if req.facets {
            let person_of = known.as_ref().map(|k| &k.person_of);
            Some(tally::count(
                &searcher,
                query.as_ref(),
                &self.labels,
                person_of,
            )?)
        } else {
            None
        };
        Ok(QuoteResults {
            query: req.query.clone(),
            total,
            hits,
            speakers,
            facets,
        })
    }
}

/// [`Quotes::search`] of the index in `index_dir`, opened for this search.
pub fn search(index_dir: &Path, req: &QuoteRequest) -> anyhow::Result<QuoteResults> {
    Quotes::open(index_dir)?.search(req)
}

/// `q` with every filter required.
fn and(q: Box<dyn Query>, filters: &[Box<dyn Query>]) -> Box<dyn Query> {
    if filters.is_empty() {
        return q;
    }
    let mut subs = vec![(Occur::Must, q)];
    subs.extend(filters.iter().map(|f| (Occur::Must, f.box_clone())));
    Box::new(BooleanQuery::new(subs))
}

/// The request's filters as queries, and the people a speaker filter means.
fn filters(
    registry: Option<&Registry>,
    qs: &QuoteSchema,
    req: &QuoteRequest,
) -> (Vec<Box<dyn Query>>, Vec<String>) {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let mut speakers = Vec::new();
    if let Some(name) = req.speaker.as_deref().filter(|n| !n.trim().is_empty()) {
        let people = registry.map(|r| r.find(name).0).unwrap_or_default();
        if people.is_empty() {
            out.push(Box::new(TermQuery::new(
                Term::from_facet(
                    qs.speaker,
                    &Facet::from_path([crate::writer::facet_component(name)]),
                ),
                IndexRecordOption::Basic,
            )));
        } else {
            speakers = people.iter().map(|p| p.name.clone()).collect();
            out.push(crate::search::people::query_on(
                qs.speaker, qs.date, &people,
            ));
        }
    }
    if req.from.is_some() || req.to.is_some() {
        let bound = |t: i64| Term::from_field_date(qs.date, DateTime::from_timestamp_secs(t));
        let lo = req
            .from
            .map_or(Bound::Unbounded, |t| Bound::Included(bound(t)));
        let hi = req
            .to
            .map_or(Bound::Unbounded, |t| Bound::Excluded(bound(t)));
        out.push(Box::new(RangeQuery::new(lo, hi)));
    }
    if let Some(source) = req.source.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(Box::new(TermQuery::new(
            Term::from_facet(
                qs.source,
                &Facet::from_path([crate::writer::facet_component(source)]),
            ),
            IndexRecordOption::Basic,
        )));
    }
    (out, speakers)
}

fn hit_of(qs: &QuoteSchema, doc: &TantivyDocument, score: Option<f32>) -> QuoteHit {
    let text = |f: Field| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let facet = |f: Field| {
        doc.get_first(f)
            .and_then(|v| v.as_facet())
            .map(|p| p.trim_start_matches('/').to_string())
    };
    let num = |f: Field| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
    let date = doc
        .get_first(qs.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| {
            chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
                .map(|d| d.date_naive().format("%Y-%m-%d").to_string())
        });
    let article = text(qs.article);
    QuoteHit {
        text: text(qs.text),
        speaker: facet(qs.speaker).unwrap_or_default(),
        first_article: article.clone(),
        first_date: date.clone(),
        article,
        title: text(qs.title),
        date,
        source: facet(qs.source),
        start: num(qs.start),
        end: num(qs.end),
        score,
        articles: 1,
    }
}
