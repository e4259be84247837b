//! How stories spread: the largest near-duplicate clusters of an index (see
//! [`crate::dups`]), each with its sources and first and last dates, and the
//! articles of one cluster.

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::columnar::Column;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument, Term};

use super::rank::{Ranked, Then};
use super::{SearchError, SearchRequest, Searchable};
use crate::schema::CLUSTER_FAST_FIELD;

/// What `newsdex dups` and `/api/dups` ask.
#[derive(Clone, Debug)]
pub struct DupsRequest {
    /// How many clusters (0: every one of at least `min_size`).
    pub limit: usize,
    /// Clusters of fewer articles are left out.
    pub min_size: usize,
    /// How many of each cluster's articles to list (by date, earliest first).
    pub members: usize,
}

/// One article of a cluster.
#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
}

/// A cluster: one story and its copies.
#[derive(Clone, Debug, Serialize)]
pub struct Cluster {
    /// Its id, as `cluster=` takes it in a search.
    pub cluster: String,
    /// How many articles it holds.
    pub size: usize,
    /// The earliest article (undated ones count last).
    pub representative: Member,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Articles per source, most first.
    pub sources: Vec<(String, usize)>,
    /// Up to `members` articles, earliest first.
    pub articles: Vec<Member>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DupsResponse {
    /// Articles in the index.
    pub articles: u64,
    /// Articles that have at least one copy, and the clusters they make.
    pub copied: u64,
    pub clusters: usize,
    pub largest: Vec<Cluster>,
}

/// A cluster id as users see it (hex) and back.
pub fn cluster_name(id: u64) -> String {
    format!("{id:016x}")
}

pub fn parse_cluster(name: &str) -> Option<u64> {
    u64::from_str_radix(name.trim(), 16).ok()
}

/// Articles' clusters, from their segments' columns, each opened once (opening one
/// looks its name up in the segment's fast fields: as long as reading a value).
pub(super) struct Clusters<'s> {
    searcher: &'s tantivy::Searcher,
    columns: Vec<Option<Column<u64>>>,
}

impl<'s> Clusters<'s> {
    pub(super) fn new(searcher: &'s tantivy::Searcher) -> Self {
        Clusters {
            searcher,
            columns: vec![None; searcher.segment_readers().len()],
        }
    }

    /// An article's cluster.
    pub(super) fn of(&mut self, addr: DocAddress) -> tantivy::Result<Option<u64>> {
        let slot = self
            .columns
            .get_mut(addr.segment_ord as usize)
            .ok_or_else(|| tantivy::TantivyError::InvalidArgument("no such segment".into()))?;
        if slot.is_none() {
            *slot = Some(
                self.searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64(CLUSTER_FAST_FIELD)?,
            );
        }
        Ok(slot.as_ref().and_then(|c| c.first(addr.doc_id)))
    }
}

/// How many more top hits than shown a folding search takes at first.
const FOLD_FETCH: usize = 4;

impl Searchable {
    /// The request's top hits, with the articles of one cluster folded into the
    /// best-ranked (when the request collapses): the top hits are taken from the first,
    /// four times as many as the window needs, and more when folding leaves too few.
    pub(super) fn ranked_and_folded<T: Send>(
        &self,
        req: &SearchRequest,
        then: &Then<'_, T>,
    ) -> Result<Ranked<T>, SearchError> {
        if !req.collapse {
            return self.rank(req, None, then);
        }
        let want = req.offset + req.limit;
        let mut fetch = want * FOLD_FETCH;
        loop {
            // The window of the folded hits, or none when folding left too few.
            let fold = |searcher: &tantivy::Searcher,
                        text_query: &dyn Query,
                        docs: Vec<(f32, DocAddress)>|
             -> Result<Option<T>, SearchError> {
                let taken = docs.len();
                let mut seen = rustc_hash::FxHashSet::default();
                let mut folded = Vec::with_capacity(want);
                let mut clusters = Clusters::new(searcher);
                for (score, addr) in docs {
                    let cluster = clusters.of(addr)?;
                    if cluster.is_none_or(|c| seen.insert(c)) {
                        folded.push((score, addr));
                    }
                }
                if folded.len() < want && taken == fetch {
                    return Ok(None);
                }
                let window = folded.into_iter().skip(req.offset).take(req.limit);
                then(searcher, text_query, window.collect()).map(Some)
            };
            let (docs, ranked) = self.rank(req, Some(fetch), &fold)?.replace_docs(());
            if let Some(docs) = docs {
                return Ok(ranked.replace_docs(docs).1);
            }
            fetch *= FOLD_FETCH;
        }
    }

    /// A hit's cluster and how many other live articles it holds (its copies).
    pub(super) fn copies(
        &self,
        clusters: &mut Clusters<'_>,
        addr: DocAddress,
    ) -> Result<(Option<String>, usize), SearchError> {
        let searcher = clusters.searcher;
        let Some(cluster) = clusters.of(addr)? else {
            return Ok((None, 0));
        };
        let term = Term::from_field_u64(self.schema.cluster, cluster);
        let mut n = searcher.doc_freq(&term)? as usize;
        if n < 2 {
            return Ok((None, 0));
        }
        // The term's postings count deleted articles (replaced by an update) until
        // their segment is merged: then only a walk over them counts the live ones.
        if searcher.segment_readers().iter().any(|s| s.has_deletes()) {
            n = TermQuery::new(term, IndexRecordOption::Basic).count(searcher)?;
        }
        Ok(match n {
            0 | 1 => (None, 0),
            n => (Some(cluster_name(cluster)), n - 1),
        })
    }

    /// The number of articles in each cluster of more than one.
    fn cluster_sizes(&self) -> Result<FxHashMap<u64, u32>, SearchError> {
        let searcher = self.searcher();
        let mut sizes: FxHashMap<u64, u32> = FxHashMap::default();
        for seg in searcher.segment_readers() {
            let column = seg.fast_fields().u64(CLUSTER_FAST_FIELD)?;
            for doc in seg.doc_ids_alive() {
                if let Some(c) = column.first(doc) {
                    *sizes.entry(c).or_default() += 1;
                }
            }
        }
        sizes.retain(|_, n| *n > 1);
        Ok(sizes)
    }

    /// The articles of one cluster, earliest first.
    pub fn cluster_articles(&self, cluster: u64) -> Result<Vec<Member>, SearchError> {
        let searcher = self.searcher();
        let term = Term::from_field_u64(self.schema.cluster, cluster);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let docs = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
        let mut docs: Vec<DocAddress> = docs.into_iter().collect();
        docs.sort();
        let mut members = Vec::with_capacity(docs.len());
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            members.push(self.member(&doc));
        }
        // Undated articles last; among equal dates, in the order they were indexed.
        members.sort_by(|a, b| (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)));
        Ok(members)
    }

    /// A cluster's article as `dups` lists it: the fields an export gives.
    fn member(&self, doc: &TantivyDocument) -> Member {
        let f = self.exported(doc, None);
        Member {
            id: f.id,
            title: f.title,
            date: f.date,
            source: f.source,
        }
    }

    /// The largest clusters.
    pub fn dups(&self, req: &DupsRequest) -> Result<DupsResponse, SearchError> {
        let sizes = self.cluster_sizes()?;
        let mut order: Vec<(u32, u64)> = sizes
            .iter()
            .filter(|(_, &n)| n as usize >= req.min_size.max(2))
            .map(|(&c, &n)| (n, c))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        if req.limit > 0 {
            order.truncate(req.limit);
        }
        let mut largest = Vec::with_capacity(order.len());
        for (size, cluster) in order {
            let members = self.cluster_articles(cluster)?;
            let Some(representative) = members.first().cloned() else {
                continue;
            };
            let mut sources: FxHashMap<&str, usize> = FxHashMap::default();
            for m in &members {
                *sources
                    .entry(m.source.as_deref().unwrap_or(""))
                    .or_default() += 1;
            }
            let mut sources: Vec<(String, usize)> = sources
                .into_iter()
                .map(|(s, n)| (s.to_string(), n))
                .collect();
            sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let dates = members.iter().filter_map(|m| m.date.clone());
            largest.push(Cluster {
                cluster: cluster_name(cluster),
                size: size as usize,
                representative,
                first: dates.clone().min(),
                last: dates.max(),
                sources,
                articles: members.into_iter().take(req.members).collect(),
            });
        }
        Ok(DupsResponse {
            articles: self.searcher().num_docs(),
            copied: sizes.values().map(|&n| n as u64).sum(),
            clusters: sizes.len(),
            largest,
        })
    }
}
