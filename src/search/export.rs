//! Every match of a request, streamed: `newsdex export` and `GET /api/export`.
//!
//! Matches are visited segment by segment in index order and each stored document
//! is read as it is reached, so memory does not grow with the number of matches and
//! no window limit applies. Sorting by date needs every match's date first: 12 bytes
//! a match (12 MB for a million) are held, then documents are read in that order.

use serde::Serialize;
use tantivy::query::EnableScoring;
use tantivy::schema::Value;
use tantivy::{DocId, TantivyDocument};

use super::{date, facet_values, first_text, query, SearchError, SearchRequest, Searchable};
use crate::schema::DATE_FAST_FIELD;

/// One exported article: what the index stores of it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Exported {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub authors: Vec<String>,
    pub speakers: Vec<String>,
    pub places: Vec<String>,
    pub text: String,
}

/// The order articles are exported in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportOrder {
    /// Index order: streams from the first match on.
    #[default]
    Index,
    /// Oldest first; undated articles last.
    Date,
}

/// What the consumer of an export says after each article.
pub enum Flow {
    Continue,
    /// Stop quietly (a closed pipe, a client gone).
    Stop,
}

impl Searchable {
    /// Calls `emit` with every article matching `req` (its window and facet settings
    /// are ignored), in `order`; returns how many were emitted. `emit` may stop early.
    pub fn export(
        &self,
        req: &SearchRequest,
        order: ExportOrder,
        emit: &mut dyn FnMut(Exported) -> std::io::Result<Flow>,
    ) -> Result<u64, ExportError> {
        let mut req = req.clone();
        req.limit = 1;
        req.offset = 0;
        req.check().map_err(SearchError::from)?;
        let searcher = self.searcher();
        let view = self.facets.view(&searcher);
        let filtered = self.filtered_query(&view, &req)?;
        let weight = filtered
            .query
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .map_err(SearchError::from)?;
        let readers = searcher.segment_readers();
        // (segment, document) of every match when sorting, else visited as found.
        let mut sorted: Vec<(i64, u32, DocId)> = Vec::new();
        let mut emitted = 0u64;
        for (seg, reader) in readers.iter().enumerate() {
            let store = reader
                .get_store_reader(8)
                .map_err(|e| SearchError::Index(e.into()))?;
            let dates = reader.fast_fields().date(DATE_FAST_FIELD).ok();
            let mut scorer = weight.scorer(reader, 1.0).map_err(SearchError::from)?;
            let alive = reader.alive_bitset();
            let mut doc = scorer.doc();
            while doc != tantivy::TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    if order == ExportOrder::Date {
                        let day = dates
                            .as_ref()
                            .and_then(|c| c.first(doc))
                            .map_or(i64::MAX, |d| d.into_timestamp_secs());
                        sorted.push((day, seg as u32, doc));
                    } else {
                        let stored: TantivyDocument = store.get(doc).map_err(SearchError::from)?;
                        emitted += 1;
                        if let Flow::Stop = emit(self.exported(&stored))? {
                            return Ok(emitted);
                        }
                    }
                }
                doc = scorer.advance();
            }
        }
        if order == ExportOrder::Date {
            sorted.sort_unstable();
            let stores = readers
                .iter()
                .map(|r| r.get_store_reader(8))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| SearchError::Index(e.into()))?;
            for (_, seg, doc) in sorted {
                let stored: TantivyDocument =
                    stores[seg as usize].get(doc).map_err(SearchError::from)?;
                emitted += 1;
                if let Flow::Stop = emit(self.exported(&stored))? {
                    break;
                }
            }
        }
        Ok(emitted)
    }

    /// What a stored document holds, as search hits, the article view and exports
    /// show it.
    pub(super) fn exported(&self, doc: &TantivyDocument) -> Exported {
        let s = &self.schema;
        let strip = |p: String| p.trim_start_matches('/').to_string();
        Exported {
            id: first_text(doc, s.id).unwrap_or_default(),
            title: query::stored_text(doc, &s.titles)
                .map(|(_, t)| t)
                .unwrap_or_default(),
            date: doc
                .get_first(s.date)
                .and_then(|v| v.as_datetime())
                .map(|d| date::format_rfc3339(d.into_timestamp_secs())),
            source: facet_values(doc, s.source).into_iter().next().map(strip),
            url: first_text(doc, s.url),
            lang: facet_values(doc, s.lang).into_iter().next().map(strip),
            authors: doc
                .get_all(s.authors)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            speakers: facet_values(doc, s.speaker)
                .into_iter()
                .map(strip)
                .collect(),
            places: facet_values(doc, s.place),
            text: query::stored_text(doc, &s.bodies)
                .map(|(_, t)| t)
                .unwrap_or_default(),
        }
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Search(#[from] SearchError),
    /// Writing the output failed (other than a closed pipe, which `emit` reports as
    /// [`Flow::Stop`]).
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
}
