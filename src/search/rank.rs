//! Ranking a request: its top hits by BM25 (or date) and, when asked for, the count of
//! every match with facets and days, in two passes on the two cores where block-max
//! pruning finds the top hits without visiting every match.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DateTime, DocAddress, Order, Searcher};

use super::facet_counts::{self, Aggregate};
use super::tables::{self, View};
use super::{term_union, Ambiguous, FilteredQuery, SearchError, SearchRequest, Searchable, SortBy};
use crate::schema::DATE_FAST_FIELD;

/// What [`Searchable::rank`] found; `docs`: what [`Then`] made of the top hits.
pub(super) struct Ranked<T> {
    pub(super) searcher: Searcher,
    pub(super) view: std::sync::Arc<View>,
    pub(super) docs: T,
    pub(super) total: usize,
    pub(super) counts: Option<(facet_counts::Counts, std::sync::Arc<tables::Children>)>,
    pub(super) place_parent: String,
    pub(super) ambiguous: Vec<Ambiguous>,
}

impl<T> Ranked<T> {
    /// Its docs, and itself with `docs` instead.
    pub(super) fn replace_docs<U>(self, docs: U) -> (T, Ranked<U>) {
        let old = self.docs;
        let ranked = Ranked {
            searcher: self.searcher,
            view: self.view,
            docs,
            total: self.total,
            counts: self.counts,
            place_parent: self.place_parent,
            ambiguous: self.ambiguous,
        };
        (old, ranked)
    }
}

/// What a search makes of its top hits (given the searcher and the text query, for
/// snippets) as soon as it has them: on the core that found them while the other
/// counts the matches, so that fetching articles and making snippets costs a search
/// no time when counting takes longer.
pub(super) type Then<'a, T> =
    dyn Fn(&Searcher, &dyn Query, Vec<(f32, DocAddress)>) -> Result<T, SearchError> + Sync + 'a;

/// [`Then`] that keeps the top hits as they are.
pub(super) fn keep_hits(
    _: &Searcher,
    _: &dyn Query,
    docs: Vec<(f32, DocAddress)>,
) -> Result<Vec<(f32, DocAddress)>, SearchError> {
    Ok(docs)
}

/// The number of matches of a query: of a disjunction of several terms, from
/// their postings (see [`term_union`]); else as tantivy counts (one term: its
/// document frequency).
fn count(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<usize> {
    match term_union::union_terms(query) {
        Some(terms) => searcher.segment_readers().iter().try_fold(0, |n, reader| {
            Ok(n + term_union::Matches::of(reader, &terms)?.count() as usize)
        }),
        None => query.count(searcher),
    }
}

impl Searchable {
    /// Runs a collector over every segment in parallel.
    pub(super) fn search_wide<C: tantivy::collector::Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let scoring = if collector.requires_scoring() {
            tantivy::query::EnableScoring::enabled_from_searcher(searcher)
        } else {
            tantivy::query::EnableScoring::disabled_from_searcher(searcher)
        };
        searcher.search_with_executor(query, collector, &self.wide, scoring)
    }

    /// Runs a collector that needs no scores over every match, the segments in
    /// parallel; a disjunction of terms is read into a bitset (see [`term_union`]).
    fn count_wide<C: tantivy::collector::Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let Some(terms) = term_union::union_terms(query) else {
            return self.search_wide(searcher, query, collector);
        };
        let fruits = self.wide.map(
            |(ord, reader): (usize, &tantivy::SegmentReader)| {
                term_union::Matches::of(reader, &terms)?.collect(collector, ord as u32)
            },
            searcher.segment_readers().iter().enumerate(),
        )?;
        collector.merge_fruits(fruits)
    }

    /// Finds the top hits, the number of matches and, when asked for, the facet and
    /// day counts: everything a search does but fetching documents and snippets.
    ///
    /// `fetch`: take this many top hits from the first instead of the request's
    /// window (to fold clusters in); `then` makes what the search returns of them.
    pub(super) fn rank<T: Send>(
        &self,
        req: &SearchRequest,
        fetch: Option<usize>,
        then: &Then<'_, T>,
    ) -> Result<Ranked<T>, SearchError> {
        req.check()?;
        let searcher = self.searcher();
        // The facet labels of every segment are read only when the search counts
        // facets or filters by them: at a million articles with speakers and places,
        // reading them is most of a cold search without either.
        let view = if req.facets || req.filters_by_facets() {
            self.facets.view(&searcher)
        } else {
            std::sync::Arc::new(View::default())
        };
        let FilteredQuery {
            query,
            text: text_query,
            place_parent,
            prunable,
            ambiguous,
        } = self.filtered_query(&view, req)?;

        // Top hits by BM25 where block-max pruning skips most matches, then one pass
        // without scores over every match for the total, facets and histogram. Where
        // the top hits need a visit to every match anyway (conjunctions, phrases,
        // filters, date order), one pass does both.
        let top = || match fetch {
            Some(n) => TopDocs::with_limit(n),
            None => TopDocs::with_limit(req.limit).and_offset(req.offset),
        };
        let by_score = top().order_by_score();
        let children = req.facets.then(|| view.children(&place_parent));
        let aggregate = children.as_ref().map(|c| Aggregate {
            view: view.clone(),
            children: c.clone(),
            exact_up_to: req.facets_exact_up_to.unwrap_or(u64::MAX),
            num_docs: searcher
                .segment_readers()
                .iter()
                .map(|r| r.max_doc() as u64)
                .sum(),
            people: self.people_map(&view),
        });
        let (docs, counts) = match req.sort {
            SortBy::Relevance if prunable => {
                match &aggregate {
                    // The two passes at once: the top hits (and what `then` makes of
                    // them) on one core while the count's segments take the other (and
                    // this one when it is done).
                    Some(a) => {
                        let (mut docs, mut counts) = (None, None);
                        let parts = self.wide.map(
                            |top_hits: bool| {
                                Ok(if top_hits {
                                    let top = searcher.search(&*query, &by_score)?;
                                    (Some(then(&searcher, &*text_query, top)), None)
                                } else {
                                    (None, Some(self.count_wide(&searcher, &*query, a)?))
                                })
                            },
                            [true, false].into_iter(),
                        )?;
                        for (d, c) in parts {
                            docs = docs.or(d);
                            counts = counts.or(c);
                        }
                        let missing =
                            || tantivy::TantivyError::InternalError("a pass did not run".into());
                        (docs.ok_or_else(missing)??, Ok(counts.ok_or_else(missing)?))
                    }
                    None => {
                        let top = searcher.search(&*query, &by_score)?;
                        (
                            then(&searcher, &*text_query, top)?,
                            Err(count(&searcher, &*query)?),
                        )
                    }
                }
            }
            SortBy::Relevance => {
                let (top, n, counts) =
                    self.search_wide(&searcher, &*query, &(by_score, Count, aggregate))?;
                (then(&searcher, &*text_query, top)?, counts.ok_or(n))
            }
            SortBy::Date => {
                let by_date = top().order_by_fast_field::<DateTime>(DATE_FAST_FIELD, Order::Desc);
                let (top, n, counts) =
                    self.search_wide(&searcher, &*query, &(by_date, Count, aggregate))?;
                let top = top.into_iter().map(|(_, a)| (0.0, a)).collect();
                (then(&searcher, &*text_query, top)?, counts.ok_or(n))
            }
        };
        // The facet counts when asked for, else the number of matches.
        let (total, counts) = match counts {
            Ok(c) => (c.total as usize, Some(c)),
            Err(n) => (n, None),
        };
        Ok(Ranked {
            searcher,
            view,
            docs,
            total,
            counts: counts.zip(children),
            place_parent,
            ambiguous,
        })
    }

    /// The top hits and the number of matches, without documents (what engines'
    /// `bench` commands time).
    pub fn top_hits(&self, req: &SearchRequest) -> Result<(usize, Vec<DocAddress>), SearchError> {
        let r = self.rank(req, None, &keep_hits)?;
        Ok((r.total, r.docs.into_iter().map(|(_, a)| a).collect()))
    }
}
