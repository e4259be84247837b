//! Search: a [`SearchRequest`] (query text, filters, sort, window) run against the
//! index into a [`SearchResponse`] with ranked hits, highlighted snippets, facet
//! counts and a date histogram. The CLI, the HTTP API and the benchmarks all call
//! [`Searchable::search`]; nothing else builds queries.

pub mod dups;
pub mod export;
pub mod export_format;
pub mod facet_counts;
pub mod facets;
pub mod histogram;
pub mod people;
pub use people::{Ambiguous, PersonBrief};
mod query;
mod rank;
mod request;
pub mod series;
mod snippets;
mod stored;
pub mod tables;
mod term_union;

pub use request::{
    parse_bound, RequestError, SearchParams, SearchRequest, SortBy, MAX_FILTERS, MAX_LIMIT,
    MAX_QUERY_BYTES, MAX_WINDOW,
};
pub(crate) use stored::facet_path;

use std::ops::Bound;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::extract::{date, ExtractOutput};
use crate::schema::NewsSchema;
use facets::Facets;
use histogram::Histogram;
use rank::Ranked;
use stored::{facet_values, first_text};
use tables::{FacetIndex, View};

/// Keeps the default panic message quiet for panics inside tantivy's query grammar,
/// which [`Searchable::parse_query`] catches and reports as a query error.
fn quiet_grammar_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info
                .location()
                .is_some_and(|l| l.file().contains("tantivy-query-grammar"))
            {
                return;
            }
            previous(info)
        }));
    });
}

/// A snippet of the body: text and the byte ranges of the query terms in it.
#[derive(Clone, Debug, Serialize)]
pub struct SnippetOut {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The language the article is filed under.
    pub lang: Option<String>,
    pub snippets: Vec<SnippetOut>,
    pub speakers: Vec<String>,
    pub places: Vec<String>,
    /// Its near-duplicate cluster, when the archive holds copies of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// How many other articles are copies of it (the same cluster).
    #[serde(skip_serializing_if = "is_zero")]
    pub similar: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResponse {
    pub query: String,
    pub total: usize,
    pub elapsed_ms: f64,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<Histogram>,
    /// Speaker filters that fit several people (all were searched), with who they are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<Ambiguous>,
}

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query text does not parse; the user should fix it.
    #[error("invalid query: {0}")]
    Query(String),
    /// A request parameter is out of range.
    #[error("invalid request: {0}")]
    Request(#[from] RequestError),
    #[error(transparent)]
    Index(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for SearchError {
    /// A field the query names that the index lacks ("a:*" runs as an exists query,
    /// which fails only when searched) is the query's fault, not the index's.
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::FieldNotFound(field) => {
                SearchError::Query(format!("field does not exist: '{field}'"))
            }
            e => SearchError::Index(e),
        }
    }
}

/// A request turned into tantivy queries.
struct FilteredQuery {
    /// The text and the filters.
    query: Box<dyn Query>,
    /// The text query alone, for snippets.
    text: Box<dyn Query>,
    /// The facet path under which place counts are shown.
    place_parent: String,
    /// Top hits can be found without visiting every match (block-max WAND on terms and
    /// their disjunctions), so counting is better done in a pass of its own.
    prunable: bool,
    /// Speaker filters that fit several people.
    ambiguous: Vec<Ambiguous>,
}

/// Is a parsed query text made only of single terms joined by OR (or nothing)?
fn is_disjunction_of_terms(ast: &tantivy::query_grammar::UserInputAst) -> bool {
    use tantivy::query_grammar::{Delimiter, Occur as O, UserInputAst, UserInputLeaf};
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().all(|(occur, sub)| {
            matches!(occur, None | Some(O::Should)) && is_disjunction_of_terms(sub)
        }),
        UserInputAst::Boost(sub, _) => is_disjunction_of_terms(sub),
        UserInputAst::Leaf(leaf) => match &**leaf {
            UserInputLeaf::All => true,
            UserInputLeaf::Literal(lit) => {
                !lit.prefix
                    && lit.delimiter == Delimiter::None
                    && lit.phrase.chars().all(char::is_alphanumeric)
            }
            _ => false,
        },
    }
}

/// An opened index ready to search, reloading when new commits land.
pub struct Searchable {
    pub index: Index,
    pub reader: IndexReader,
    pub schema: NewsSchema,
    facets: std::sync::Arc<FacetIndex>,
    /// The index directory, for the files beside the index (none in memory).
    dir: Option<std::path::PathBuf>,
    /// The people registry, by the modification time of its file.
    people: std::sync::Mutex<Option<(std::time::SystemTime, std::sync::Arc<people::Registry>)>>,
    /// The name forms of people, by the modification time of their file.
    forms: std::sync::Mutex<Option<(std::time::SystemTime, std::sync::Arc<people::Forms>)>>,
    /// The people of the latest view's speaker entries.
    people_map: std::sync::Mutex<Option<(std::sync::Arc<View>, std::sync::Arc<people::PeopleMap>)>>,
    /// The language groups present, by searcher generation.
    groups: std::sync::Mutex<Option<(u64, std::sync::Arc<Vec<usize>>)>>,
    /// Searches segments in parallel, for passes that visit every match: those are
    /// bound by memory latency per segment, so a second core halves them. Passes that
    /// prune (top hits of terms) stay on the calling thread, where they cost less
    /// than a hand-off.
    wide: tantivy::Executor,
}

/// Writes beside the index in `dir` what searches read there: the facet tables of
/// its latest commit that have no file (and drops those of segments merged away),
/// and the people registry.
pub fn write_beside_index(index: &Index, dir: &Path) -> anyhow::Result<()> {
    use anyhow::Context;
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .context("cannot open an index reader")?;
    let searcher = reader.searcher();
    let store = tables::store::Store::open(dir)
        .context("cannot open the index directory for its tables")?;
    let facets = FacetIndex::with_store(Some(store));
    tables::store::write_missing(&searcher, &facets, dir)?;
    people::Registry::build(&searcher, &facets)?
        .save(dir)
        .with_context(|| format!("cannot write {}", dir.join(people::FILE).display()))
}

/// A stored article with its extraction, for the article view.
#[derive(Clone, Debug, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    pub body: String,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
    /// The language the article is filed under.
    pub lang: Option<String>,
    pub authors: Vec<String>,
    /// When a web capture was fetched (`WARC-Date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    pub extraction: Option<ExtractOutput>,
}

impl Searchable {
    /// Opens an index for a few searches: facet tables are mapped from the files
    /// the ingest wrote beside the index, or built when a search first needs them.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let (index, schema) = crate::writer::open_existing(dir)?;
        let mut s = Self::from_index(index, schema, tables::store::Store::open(dir), false)?;
        s.dir = Some(dir.to_path_buf());
        Ok(s)
    }

    /// Opens an index for serving many searches: the facet tables of every commit are
    /// built before its searcher is used (here, and on each reload), so no search
    /// waits for them.
    pub fn open_warmed(dir: &Path) -> anyhow::Result<Self> {
        let (index, schema) = crate::writer::open_existing(dir)?;
        let mut s = Self::from_index(index, schema, tables::store::Store::open(dir), true)?;
        s.dir = Some(dir.to_path_buf());
        Ok(s)
    }

    /// Opens `index`, with the facet tables of `store` where it has them.
    pub fn from_index(
        index: Index,
        schema: NewsSchema,
        store: Option<tables::store::Store>,
        warm: bool,
    ) -> anyhow::Result<Self> {
        crate::analyzer::register(&index);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let wide = tantivy::Executor::multi_thread(threads, "newsdex-search-")?;
        let facets = std::sync::Arc::new(FacetIndex::with_store(store));
        let mut builder = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay);
        if warm {
            let warmer: std::sync::Arc<dyn tantivy::Warmer> = facets.clone();
            builder = builder.warmers(vec![std::sync::Arc::downgrade(&warmer)]);
        }
        let reader = builder.try_into()?;
        Ok(Searchable {
            index,
            reader,
            schema,
            facets,
            dir: None,
            people: Default::default(),
            forms: Default::default(),
            people_map: Default::default(),
            groups: Default::default(),
            wide,
        })
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The language groups with text in the index, found once per searcher generation
    /// (tantivy builds an empty reader for a field a segment lacks at every ask: 36
    /// fields by segment, a tenth of a short search's time).
    fn present_groups(&self) -> std::sync::Arc<Vec<usize>> {
        let searcher = self.searcher();
        let generation = searcher.generation().generation_id();
        let mut cached = self.groups.lock().unwrap_or_else(|e| e.into_inner());
        match &*cached {
            Some((g, groups)) if *g == generation => groups.clone(),
            _ => {
                let groups = std::sync::Arc::new(query::present_groups(&searcher, &self.schema));
                *cached = Some((generation, groups.clone()));
                groups
            }
        }
    }

    /// Parses the query text (empty: every article).
    pub fn parse_query(&self, text: &str) -> Result<Box<dyn Query>, SearchError> {
        if text.trim().is_empty() {
            return Ok(Box::new(AllQuery));
        }
        if text.len() > MAX_QUERY_BYTES {
            return Err(SearchError::Query(format!(
                "query longer than {MAX_QUERY_BYTES} bytes"
            )));
        }
        // tantivy's grammar panics on a few inputs such as `- *` (tantivy issue #3031,
        // fix pending in PR #3075): a query must never crash a search.
        quiet_grammar_panics();
        let groups = self.present_groups();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            query::parse(&self.index, &self.schema, &groups, text)
        })) {
            Ok(parsed) => parsed.map_err(|e| SearchError::Query(e.to_string())),
            Err(_) => Err(SearchError::Query(format!(
                "cannot parse {text:?}; check the syntax (a lone `*` needs a field)"
            ))),
        }
    }

    /// The user query with the filters of the request.
    fn filtered_query(
        &self,
        view: &View,
        req: &SearchRequest,
    ) -> Result<FilteredQuery, SearchError> {
        let text_query = self.parse_query(&req.query)?;
        let s = &self.schema;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        if req.from.is_some() || req.to.is_some() {
            let lo = req.from.map_or(Bound::Unbounded, |t| {
                Bound::Included(Term::from_field_date(
                    s.date,
                    DateTime::from_timestamp_secs(t),
                ))
            });
            let hi = req.to.map_or(Bound::Unbounded, |t| {
                Bound::Excluded(Term::from_field_date(
                    s.date,
                    DateTime::from_timestamp_secs(t),
                ))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        let facet_any = |facets: Vec<Facet>, field| -> Box<dyn Query> {
            let subs: Vec<(Occur, Box<dyn Query>)> = facets
                .iter()
                .map(|f| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_facet(field, f),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect();
            Box::new(BooleanQuery::new(subs))
        };
        let registry = if req.speakers.is_empty() {
            None
        } else {
            self.people()
        };
        let mut ambiguous = Vec::new();
        for sp in &req.speakers {
            let (persons, also) = registry.as_ref().map(|r| r.find(sp)).unwrap_or_default();
            ambiguous.extend(Ambiguous::of(sp, &persons, &also));
            let q = if persons.is_empty() || sp.trim().starts_with('/') {
                facet_any(facets::resolve(view, tables::SPEAKER, sp, true), s.speaker)
            } else {
                people::query(s, &persons)
            };
            clauses.push((Occur::Must, q));
        }
        let mut place_parent = "/".to_string();
        if !req.places.is_empty() {
            let mut all = Vec::new();
            for p in &req.places {
                all.extend(facets::resolve(view, tables::PLACE, p, false));
            }
            if all.len() == 1 {
                place_parent = all[0].to_path_string();
            }
            clauses.push((Occur::Must, facet_any(all, s.place)));
        }
        if !req.langs.is_empty() {
            let all = req
                .langs
                .iter()
                .map(|l| Facet::from_path([l.as_str()]))
                .collect();
            clauses.push((Occur::Must, facet_any(all, s.lang)));
        }
        if !req.sources.is_empty() {
            let all = req
                .sources
                .iter()
                .flat_map(|v| facets::resolve(view, tables::SOURCE, v, false))
                .collect();
            clauses.push((Occur::Must, facet_any(all, s.source)));
        }
        if let Some(cluster) = req.cluster {
            let term = Term::from_field_u64(s.cluster, cluster);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let filtered = clauses.len() > 1;
        let query: Box<dyn Query> = if !filtered {
            text_query.box_clone()
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let prunable = !filtered
            && std::panic::catch_unwind(|| tantivy::query_grammar::parse_query(&req.query))
                .ok()
                .and_then(Result::ok)
                .is_some_and(|ast| is_disjunction_of_terms(&ast));
        Ok(FilteredQuery {
            query,
            text: text_query,
            place_parent,
            prunable,
            ambiguous,
        })
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let people = self.people_forms();
        let hits_of =
            |searcher: &Searcher, text_query: &dyn Query, docs: Vec<(f32, DocAddress)>| {
                self.hits(req, searcher, text_query, docs, people.as_deref())
            };
        let Ranked {
            view,
            docs: hits,
            total,
            counts,
            place_parent,
            ambiguous,
            ..
        } = self.ranked_and_folded(req, &hits_of)?;
        let (facets, histogram) = match counts {
            Some((counts, children)) => (
                Some(facets::build(
                    &counts,
                    &view,
                    &children,
                    &place_parent,
                    req.facet_size,
                )),
                Some(histogram::bucket(&counts.days)),
            ),
            None => (None, None),
        };
        Ok(SearchResponse {
            query: req.query.clone(),
            total,
            elapsed_ms: started.elapsed().as_secs_f64() * 1e3,
            hits,
            facets,
            histogram,
            ambiguous,
        })
    }

    /// The hits a search shows: the top hits' articles, snippets and copies.
    fn hits(
        &self,
        req: &SearchRequest,
        searcher: &Searcher,
        text_query: &dyn Query,
        docs: Vec<(f32, DocAddress)>,
        people: Option<&people::Forms>,
    ) -> Result<Vec<Hit>, SearchError> {
        let s = &self.schema;
        // One snippet maker per language group met among the hits: each analyses
        // the body as its group's fields do.
        let mut snippeters: Vec<Option<snippets::Snippeter>> =
            (0..s.bodies.len()).map(|_| None).collect();
        let highlight = req.snippets && !req.query.trim().is_empty();
        let mut hits = Vec::with_capacity(docs.len());
        let mut clusters = dups::Clusters::new(searcher);
        for (i, (score, addr)) in docs.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let mut snippets = Vec::new();
            if req.snippets {
                let (group, body) = query::stored_text(&doc, &s.bodies).unwrap_or_default();
                if highlight && snippeters[group].is_none() {
                    snippeters[group] = Some(snippets::Snippeter::new(
                        searcher,
                        text_query,
                        s.bodies[group],
                    )?);
                }
                snippets.push(snippets::snippet(snippeters[group].as_mut(), &body));
            }
            let f = self.exported(&doc, people);
            let (cluster, similar) = self.copies(&mut clusters, addr)?;
            hits.push(Hit {
                rank: req.offset + i + 1,
                score,
                id: f.id,
                title: f.title,
                date: f.date,
                source: f.source,
                lang: f.lang,
                url: f.url,
                snippets,
                speakers: f.speakers,
                places: f.places,
                cluster,
                similar,
            });
        }
        Ok(hits)
    }

    /// The stored article with this id.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, SearchError> {
        let searcher = self.searcher();
        let s = &self.schema;
        let q = TermQuery::new(Term::from_field_text(s.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let people = self.people_forms();
        let f = self.exported(&doc, people.as_deref());
        Ok(Some(StoredArticle {
            id: id.to_string(),
            title: f.title,
            body: f.text,
            date: f.date,
            url: f.url,
            source: f.source,
            lang: f.lang,
            fetched: doc
                .get_first(s.fetched)
                .and_then(|v| v.as_datetime())
                .map(|d| date::format_rfc3339(d.into_timestamp_secs())),
            language: first_text(&doc, s.language),
            authors: f.authors,
            extraction: first_text(&doc, s.extraction).and_then(|j| serde_json::from_str(&j).ok()),
        }))
    }
}
