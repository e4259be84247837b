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

use super::people::Forms;
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

/// Matches per batch handed to a decoding thread: enough to amortise the hand-off,
/// few enough that the batches in flight stay small (a few MB of articles).
const BATCH: usize = 128;

/// Batches in flight per decoding thread.
const DEPTH: usize = 2;

/// One batch of matches: (segment, document) in export order.
type Batch = Vec<(u32, DocId)>;

impl Searchable {
    /// Calls `emit` with every article matching `req` (its window and facet settings
    /// are ignored), in `order`, after `map` (for example encoding it as a line);
    /// returns how many were emitted. `emit` may stop early.
    ///
    /// Reading an article from the doc store (decompressing its block, decoding its
    /// fields) and `map` cost most of an export, so they run on one thread per core,
    /// a batch of matches at a time; `emit` gets the results on the calling thread in
    /// `order`. At most [`DEPTH`] batches per thread are in flight, so memory stays
    /// flat in the number of matches.
    pub fn export<T: Send>(
        &self,
        req: &SearchRequest,
        order: ExportOrder,
        map: &(dyn Fn(Exported) -> T + Sync),
        emit: &mut dyn FnMut(T) -> std::io::Result<Flow>,
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
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let people = self.people_forms();
        std::thread::scope(|scope| {
            let mut pool = Decoders::start(scope, threads, readers, self, people.clone(), map);
            let mut emitted = 0u64;
            let mut batch = Batch::with_capacity(BATCH);
            // (date, segment, document) of every match when sorting by date.
            let mut sorted: Vec<(i64, u32, DocId)> = Vec::new();
            for (seg, reader) in readers.iter().enumerate() {
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
                            batch.push((seg as u32, doc));
                            if batch.len() == BATCH {
                                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                                if pool.send(full, &mut emitted, emit)? {
                                    return Ok(emitted);
                                }
                            }
                        }
                    }
                    doc = scorer.advance();
                }
            }
            if order == ExportOrder::Date {
                sorted.sort_unstable();
                for chunk in sorted.chunks(BATCH) {
                    let batch = chunk.iter().map(|&(_, seg, doc)| (seg, doc)).collect();
                    if pool.send(batch, &mut emitted, emit)? {
                        return Ok(emitted);
                    }
                }
            } else if !batch.is_empty() && pool.send(batch, &mut emitted, emit)? {
                return Ok(emitted);
            }
            pool.drain(&mut emitted, emit)?;
            Ok(emitted)
        })
    }

    /// What a stored document holds, as search hits, the article view and exports
    /// show it.
    /// Speakers by their canonical names with `people` (the registry's name forms), a
    /// person once however many forms of the name the article has.
    pub(super) fn exported(&self, doc: &TantivyDocument, people: Option<&Forms>) -> Exported {
        let s = &self.schema;
        let strip = |p: String| p.trim_start_matches('/').to_string();
        let date = doc.get_first(s.date).and_then(|v| v.as_datetime());
        let mut speakers: Vec<String> = facet_values(doc, s.speaker)
            .into_iter()
            .map(strip)
            .collect();
        if let Some(people) = people {
            let day = date.map(|d| d.into_timestamp_secs().div_euclid(86_400) as i32);
            let mut canonical: Vec<String> = Vec::with_capacity(speakers.len());
            for form in &speakers {
                let name = people.canonical(form, day);
                if !canonical.iter().any(|c| c == name) {
                    canonical.push(name.to_string());
                }
            }
            speakers = canonical;
        }
        Exported {
            id: first_text(doc, s.id).unwrap_or_default(),
            title: query::stored_text(doc, &s.titles)
                .map(|(_, t)| t)
                .unwrap_or_default(),
            date: date.map(|d| date::format_rfc3339(d.into_timestamp_secs())),
            source: facet_values(doc, s.source).into_iter().next().map(strip),
            url: first_text(doc, s.url),
            lang: facet_values(doc, s.lang).into_iter().next().map(strip),
            authors: doc
                .get_all(s.authors)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            speakers,
            places: facet_values(doc, s.place),
            text: query::stored_text(doc, &s.bodies)
                .map(|(_, t)| t)
                .unwrap_or_default(),
        }
    }
}

/// The threads that read and map the articles of an export, each fed its own
/// batches in turn, so their results come back in the order the batches went out.
struct Decoders<T> {
    jobs: Vec<std::sync::mpsc::SyncSender<Batch>>,
    results: Vec<std::sync::mpsc::Receiver<tantivy::Result<Vec<T>>>>,
    /// The thread of each batch in flight, oldest first.
    in_flight: std::collections::VecDeque<usize>,
    next: usize,
}

impl<T: Send> Decoders<T> {
    fn start<'scope, 'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        threads: usize,
        readers: &'env [tantivy::SegmentReader],
        index: &'env Searchable,
        people: Option<std::sync::Arc<Forms>>,
        map: &'env (dyn Fn(Exported) -> T + Sync),
    ) -> Self
    where
        T: 'scope,
    {
        let mut jobs = Vec::with_capacity(threads);
        let mut results = Vec::with_capacity(threads);
        for _ in 0..threads {
            let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<Batch>(DEPTH);
            let (out_tx, out_rx) = std::sync::mpsc::sync_channel(DEPTH);
            let people = people.clone();
            scope.spawn(move || {
                // Each thread has its own store readers: their block caches then
                // follow its own batches.
                let mut stores: Vec<Option<tantivy::store::StoreReader>> =
                    (0..readers.len()).map(|_| None).collect();
                for batch in job_rx {
                    let read = |seg: u32, doc: DocId, stores: &mut Vec<Option<_>>| {
                        let slot = &mut stores[seg as usize];
                        if slot.is_none() {
                            *slot = Some(readers[seg as usize].get_store_reader(8)?);
                        }
                        let store: &tantivy::store::StoreReader = slot.as_ref().expect("set above");
                        let stored: TantivyDocument = store.get(doc)?;
                        Ok::<_, tantivy::TantivyError>(map(
                            index.exported(&stored, people.as_deref())
                        ))
                    };
                    let out: tantivy::Result<Vec<T>> = batch
                        .into_iter()
                        .map(|(seg, doc)| read(seg, doc, &mut stores))
                        .collect();
                    if out_tx.send(out).is_err() {
                        return; // the export stopped
                    }
                }
            });
            jobs.push(job_tx);
            results.push(out_rx);
        }
        Decoders {
            jobs,
            results,
            in_flight: Default::default(),
            next: 0,
        }
    }

    /// Hands `batch` to the next thread, emitting the oldest batch's results first
    /// when enough are in flight; true when `emit` said stop.
    fn send(
        &mut self,
        batch: Batch,
        emitted: &mut u64,
        emit: &mut dyn FnMut(T) -> std::io::Result<Flow>,
    ) -> Result<bool, ExportError> {
        if self.in_flight.len() == self.jobs.len() * DEPTH && self.emit_oldest(emitted, emit)? {
            return Ok(true);
        }
        let t = self.next;
        self.next = (self.next + 1) % self.jobs.len();
        self.jobs[t].send(batch).map_err(|_| decoder_gone())?;
        self.in_flight.push_back(t);
        Ok(false)
    }

    /// Emits every batch still in flight.
    fn drain(
        &mut self,
        emitted: &mut u64,
        emit: &mut dyn FnMut(T) -> std::io::Result<Flow>,
    ) -> Result<(), ExportError> {
        while !self.in_flight.is_empty() {
            if self.emit_oldest(emitted, emit)? {
                break;
            }
        }
        Ok(())
    }

    fn emit_oldest(
        &mut self,
        emitted: &mut u64,
        emit: &mut dyn FnMut(T) -> std::io::Result<Flow>,
    ) -> Result<bool, ExportError> {
        let Some(t) = self.in_flight.pop_front() else {
            return Ok(false);
        };
        let items = self.results[t]
            .recv()
            .map_err(|_| decoder_gone())?
            .map_err(SearchError::from)?;
        for item in items {
            *emitted += 1;
            if let Flow::Stop = emit(item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

fn decoder_gone() -> ExportError {
    ExportError::Search(SearchError::Index(tantivy::TantivyError::InternalError(
        "an export thread stopped unexpectedly".to_string(),
    )))
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
