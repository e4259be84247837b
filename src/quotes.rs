//! Quotes as search results (issue 17): every attributed quote is a document of a
//! second tantivy index beside the articles' (`INDEX/quotes/`), with its speaker,
//! the article's id, title, date and source, and its offsets in the article, so a
//! quote result is shown without reading the article. The index sink writes it with
//! the articles: an article's quotes are replaced with it, and committed before it
//! (a crash between the two commits leaves quotes a re-run replaces, never an
//! article whose quotes are lost).
//!
//! A search ranks quotes by BM25 over their text; the same quote printed by several
//! outlets is one result, with the articles that print it.

use std::ops::Bound;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::{DateTime, Index, IndexReader, Order, TantivyDocument, Term};

use crate::extract::text::fold;
use crate::extract::Article;
use crate::search::people::{self, Registry};

/// The quote index's directory inside the index directory.
pub const DIR: &str = "quotes";

/// The fields of a quote document.
#[derive(Clone)]
pub struct QuoteSchema {
    pub schema: Schema,
    /// The quote's words (English analysis: speakers are extracted from English).
    pub text: Field,
    /// The speaker's canonical name in the article, a one-level facet.
    pub speaker: Field,
    /// The article's id: its quotes are deleted and written again with it.
    pub article: Field,
    pub title: Field,
    pub date: Field,
    pub source: Field,
    pub start: Field,
    pub end: Field,
    /// A hash of the quote's folded words: the same quote in several articles.
    pub key: Field,
}

impl Default for QuoteSchema {
    fn default() -> Self {
        Self::new()
    }
}

impl QuoteSchema {
    pub fn new() -> QuoteSchema {
        let mut b = Schema::builder();
        let words = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(crate::analyzer::GROUPS[0].tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let text = b.add_text_field("text", words);
        let speaker = b.add_facet_field("speaker", FacetOptions::default().set_stored());
        let article = b.add_text_field("article", STRING | STORED);
        let title = b.add_text_field("title", STORED);
        let date = b.add_date_field("date", INDEXED | FAST | STORED);
        let source = b.add_facet_field("source", FacetOptions::default().set_stored());
        let start = b.add_u64_field("start", STORED);
        let end = b.add_u64_field("end", STORED);
        let key = b.add_u64_field("key", NumericOptions::default() | INDEXED | FAST | STORED);
        QuoteSchema {
            schema: b.build(),
            text,
            speaker,
            article,
            title,
            date,
            source,
            start,
            end,
            key,
        }
    }

    /// The quote documents of an article.
    pub fn documents(&self, a: &Article) -> Vec<TantivyDocument> {
        let mut out = Vec::new();
        for s in &a.speakers {
            for q in &s.quotes {
                let mut doc = TantivyDocument::default();
                doc.add_text(self.text, &q.text);
                doc.add_facet(
                    self.speaker,
                    Facet::from_path([crate::writer::facet_component(&s.name)]),
                );
                doc.add_text(self.article, &a.id);
                doc.add_text(self.title, &a.title);
                if let Some(ts) = a.date {
                    doc.add_date(self.date, DateTime::from_timestamp_secs(ts));
                }
                if let Some(source) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
                    doc.add_facet(
                        self.source,
                        Facet::from_path([crate::writer::facet_component(source)]),
                    );
                }
                doc.add_u64(self.start, q.start as u64);
                doc.add_u64(self.end, q.end as u64);
                doc.add_u64(self.key, quote_key(&q.text));
                out.push(doc);
            }
        }
        out
    }

    /// The term that deletes an article's quotes.
    pub fn article_term(&self, id: &str) -> Term {
        Term::from_field_text(self.article, id)
    }
}

/// The same quote whatever its case, accents, punctuation and spacing: a hash of its
/// folded words.
pub fn quote_key(text: &str) -> u64 {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes())
}

fn dir_of(index_dir: &Path) -> PathBuf {
    index_dir.join(DIR)
}

/// Opens the quote index beside the articles' in `index_dir`, creating it if needed.
pub fn open_or_create(index_dir: &Path) -> anyhow::Result<Index> {
    open_or_create_new(index_dir).map(|(index, _)| index)
}

/// [`open_or_create`], and whether it was created now.
pub fn open_or_create_new(index_dir: &Path) -> anyhow::Result<(Index, bool)> {
    let dir = dir_of(index_dir);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the quote index {}", dir.display()))?;
    let schema = QuoteSchema::new().schema;
    let created = !dir.join("meta.json").exists();
    let index = if !created {
        let index = Index::open_in_dir(&dir)
            .with_context(|| format!("cannot open the quote index {}", dir.display()))?;
        if index.schema() != schema {
            anyhow::bail!(
                "the quote index {} was built with another schema; delete the index and index again",
                dir.display()
            );
        }
        index
    } else {
        Index::create_in_dir(&dir, schema)
            .with_context(|| format!("cannot create the quote index {}", dir.display()))?
    };
    crate::analyzer::register(&index);
    Ok((index, created))
}

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

/// Counts over the matching quotes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteFacets {
    /// Quotes per person (their name forms counted together), most first (top 20).
    pub speakers: Vec<Counted>,
    /// Quotes per month of publication (YYYY-MM), in order.
    pub months: Vec<Counted>,
    /// Matching quotes in undated articles.
    pub undated: u64,
}

/// A label and its count.
#[derive(Clone, Debug, Serialize)]
pub struct Counted {
    pub name: String,
    pub count: u64,
}

/// The quote index of an index directory, open for searching.
pub struct Quotes {
    index: Index,
    reader: IndexReader,
    index_dir: PathBuf,
    qs: QuoteSchema,
    /// The people registry beside the index, read again when its file changes.
    people: People,
    /// Each segment's speaker labels by ordinal, read once per segment (segments
    /// never change): counting speakers then reads no dictionary.
    labels: Labels,
}

type Labels = std::sync::Mutex<FxHashMap<tantivy::index::SegmentId, std::sync::Arc<Vec<String>>>>;

type People = std::sync::Mutex<Option<(std::time::SystemTime, std::sync::Arc<Known>)>>;

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
    fn known(&self) -> Option<std::sync::Arc<Known>> {
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
            Some(self.facets(&searcher, query.as_ref(), known.as_deref())?)
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

impl Quotes {
    /// Speakers (as people) and months over every quote `query` matches.
    fn facets(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        known: Option<&Known>,
    ) -> anyhow::Result<QuoteFacets> {
        let tally = searcher.search(
            query,
            &Tally {
                labels: &self.labels,
            },
        )?;
        // Segments merged away leave the cache.
        let live: Vec<tantivy::index::SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        self.labels
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|id, _| live.contains(id));
        // A label that is a form of one person in every year counts as that person.
        let mut people: FxHashMap<&str, u64> = FxHashMap::default();
        for (label, n) in &tally.speakers {
            let name = known
                .and_then(|k| k.person_of.get(label))
                .map_or(label.as_str(), String::as_str);
            *people.entry(name).or_default() += n;
        }
        let mut speakers: Vec<Counted> = people
            .into_iter()
            .map(|(name, count)| Counted {
                name: name.to_string(),
                count,
            })
            .collect();
        speakers.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        speakers.truncate(20);
        let months = tally
            .months
            .iter()
            .map(|(&m, &count)| Counted {
                name: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
                count,
            })
            .collect();
        Ok(QuoteFacets {
            speakers,
            months,
            undated: tally.undated,
        })
    }
}

/// Counts speakers (labels) and months (year * 12 + month - 1) over matching quotes.
struct Tally<'a> {
    labels: &'a Labels,
}

#[derive(Default)]
struct TallyFruit {
    speakers: FxHashMap<String, u64>,
    months: std::collections::BTreeMap<i64, u64>,
    undated: u64,
}

struct SegmentTally {
    dates: Option<tantivy::columnar::Column<DateTime>>,
    facets: Option<tantivy::fastfield::FacetReader>,
    /// The segment's speaker labels by ordinal.
    labels: std::sync::Arc<Vec<String>>,
    /// By the segment's speaker ordinal.
    ords: Vec<u64>,
    /// By day (since the epoch): a date becomes a month once per day, at harvest.
    days: FxHashMap<i64, u64>,
    undated: u64,
}

/// A segment's speaker labels by ordinal, from one pass over its dictionary.
fn segment_labels(reader: &tantivy::fastfield::FacetReader) -> Vec<String> {
    let mut out = Vec::with_capacity(reader.num_facets());
    if let Ok(mut stream) = reader.facet_dict().stream() {
        while stream.advance() {
            let label = std::str::from_utf8(stream.key())
                .map(crate::search::facet_path)
                .unwrap_or_default();
            out.push(label.trim_start_matches('/').to_string());
        }
    }
    out
}

impl tantivy::collector::Collector for Tally<'_> {
    type Fruit = TallyFruit;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _ord: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let facets = reader.facet_reader("speaker").ok();
        let labels = {
            let mut cache = self.labels.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry(reader.segment_id())
                .or_insert_with(|| {
                    std::sync::Arc::new(facets.as_ref().map(segment_labels).unwrap_or_default())
                })
                .clone()
        };
        Ok(SegmentTally {
            labels,
            dates: reader.fast_fields().date("date").ok(),
            ords: vec![0; facets.as_ref().map_or(0, |f| f.num_facets())],
            facets,
            days: FxHashMap::default(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TallyFruit>) -> tantivy::Result<TallyFruit> {
        let mut out = TallyFruit::default();
        for f in fruits {
            for (k, n) in f.speakers {
                *out.speakers.entry(k).or_default() += n;
            }
            for (k, n) in f.months {
                *out.months.entry(k).or_default() += n;
            }
            out.undated += f.undated;
        }
        Ok(out)
    }
}

impl tantivy::collector::SegmentCollector for SegmentTally {
    type Fruit = TallyFruit;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        if let Some(o) = self.facets.as_ref().and_then(|r| r.facet_ords(doc).next()) {
            if let Some(n) = self.ords.get_mut(o as usize) {
                *n += 1;
            }
        }
        match self.dates.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => {
                let day = d.into_timestamp_secs().div_euclid(86_400);
                *self.days.entry(day).or_default() += 1;
            }
            None => self.undated += 1,
        }
    }

    fn harvest(mut self) -> TallyFruit {
        let mut speakers: FxHashMap<String, u64> = FxHashMap::default();
        for (o, &n) in self.ords.iter().enumerate().filter(|(_, n)| **n > 0) {
            if let Some(label) = self.labels.get(o) {
                *speakers.entry(label.clone()).or_default() += n;
            }
        }
        let mut months = std::collections::BTreeMap::new();
        for (day, n) in self.days {
            use chrono::Datelike;
            match chrono::DateTime::from_timestamp(day * 86_400, 0) {
                Some(t) => {
                    *months
                        .entry(t.year() as i64 * 12 + t.month0() as i64)
                        .or_default() += n
                }
                None => self.undated += n,
            }
        }
        TallyFruit {
            speakers,
            months,
            undated: self.undated,
        }
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
