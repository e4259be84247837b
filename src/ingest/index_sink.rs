//! The index sink: articles into one tantivy `IndexWriter`, with the decisions that
//! make re-runs add nothing twice, commits by count and by time, and the manifest
//! of files whose articles are all committed.
//!
//! On the workers, its encoder skips articles the index already holds unchanged
//! (before extracting them) and builds the tantivy document; on the sink's thread,
//! each article is added, replaces an older version, or is a duplicate of one seen
//! earlier in this run.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use anyhow::Context;
use rustc_hash::FxHashMap;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, IndexWriter, Searcher, TantivyDocument, Term, TERMINATED};
use xxhash_rust::xxh3::xxh3_64;

use super::manifest::Manifest;
use super::pipeline::{Encoder, Flow, Meters, Origin, Sink, Work};
use super::walk::InputFile;
use crate::dups::{self, Clusters, Sketch};
use crate::extract::Identified;
use crate::quotes::QuoteSchema;
use crate::schema::{NewsSchema, HASH_FAST_FIELD};
use crate::writer;

/// When an index sink commits.
#[derive(Clone, Copy, Debug)]
pub struct CommitPolicy {
    /// After this many articles written (0: only by time and at the end).
    pub every_docs: u64,
    /// At least this often.
    pub interval: Duration,
}

/// What to do with an article given what the index and this run already hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Add,
    Update,
    Duplicate,
}

impl Decision {
    /// The decision for an article with `hash`, given the hash of the version seen
    /// earlier (in this run, else in the index), if any.
    pub fn of(hash: u64, seen: Option<u64>) -> Decision {
        match seen {
            None => Decision::Add,
            Some(h) if h == hash => Decision::Duplicate,
            Some(_) => Decision::Update,
        }
    }
}

/// An article as the encoder hands it to the sink.
pub enum IndexItem {
    /// The index already holds this article unchanged: not extracted.
    Unchanged,
    Article {
        id: String,
        content_hash: u64,
        /// Its content hash in the index when the run started.
        previous: Option<u64>,
        doc: TantivyDocument,
        /// Its quotes, for the quote index.
        quotes: Vec<TantivyDocument>,
        /// Its body's sketch, for its near-duplicate cluster (boxed: 160 bytes).
        sketch: Option<Box<Sketch>>,
    },
}

/// Looks up the index as it was when the run started, and builds documents.
pub struct IndexEncoder {
    schema: NewsSchema,
    quote_schema: QuoteSchema,
    /// Extract unchanged articles too: their quotes are missing (see
    /// [`IndexSink`]'s `refill_quotes`).
    refill_quotes: bool,
    previous: Option<Searcher>,
}

impl IndexEncoder {
    /// Content hash of the live document with this id in the index as it was when
    /// the run started.
    fn previous_hash(&self, id: &str) -> Option<u64> {
        let searcher = self.previous.as_ref()?;
        let term = Term::from_field_text(self.schema.id, id);
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(self.schema.id).ok()?;
            let Ok(Some(mut postings)) = inv.read_postings(&term, IndexRecordOption::Basic) else {
                continue;
            };
            let hashes = seg.fast_fields().u64(HASH_FAST_FIELD).ok()?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !seg.is_deleted(doc) {
                    return Some(hashes.first(doc).unwrap_or(0));
                }
                doc = postings.advance();
            }
        }
        None
    }
}

impl Encoder for IndexEncoder {
    type Item = IndexItem;

    fn encode(&self, doc: Identified, _: Origin<'_>, work: &Work<'_>) -> IndexItem {
        let previous = self.previous_hash(&doc.id);
        if previous == Some(doc.content_hash) && !self.refill_quotes {
            return IndexItem::Unchanged;
        }
        let (id, content_hash) = (doc.id.clone(), doc.content_hash);
        let article = work.extract(doc);
        let t = Instant::now();
        let doc = writer::to_document(&self.schema, &article);
        let quotes = self.quote_schema.documents(&article);
        let sketch = dups::sketch(&article.body).map(Box::new);
        work.times()
            .index_ns
            .fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
        IndexItem::Article {
            id,
            content_hash,
            previous,
            doc,
            quotes,
            sketch,
        }
    }
}

/// Writes articles into the index in `index_dir`.
pub struct IndexSink<'a> {
    /// `None` once finished or abandoned.
    writer: Option<IndexWriter>,
    /// The quote index's writer (see [`crate::quotes`]).
    quotes: Option<IndexWriter>,
    quote_schema: QuoteSchema,
    /// Whether the quote index held quotes when the run started: a new article's
    /// quotes need no delete before them otherwise.
    quotes_before: bool,
    /// The quote index is new beside an index that holds articles (made before
    /// quotes were searchable): this run re-reads every file and writes the quotes
    /// of the articles it holds unchanged.
    refill_quotes: bool,
    schema: NewsSchema,
    /// The index as it was when the run started.
    previous: Option<Searcher>,
    /// The near-duplicate clusters of the articles indexed so far.
    clusters: Clusters,
    /// Content hash of each id written in this run, keyed by the id's xxh3.
    seen: FxHashMap<u64, u64>,
    index_dir: PathBuf,
    manifest: Manifest,
    /// Re-read files the manifest says are unchanged.
    force: bool,
    /// Files read to their end since the last commit.
    completed: Vec<InputFile>,
    policy: CommitPolicy,
    since_commit: u64,
    last_commit: Instant,
    meters: &'a Meters,
}

impl<'a> IndexSink<'a> {
    /// A sink into `index` (opened on `index_dir`) through `writer`, and into the
    /// quote index beside it through `quotes`. Segment files an interrupted run left
    /// behind are deleted first.
    pub fn new(
        index: &Index,
        writer: IndexWriter,
        (quotes, quotes_before, quotes_created): (IndexWriter, bool, bool),
        index_dir: &Path,
        force: bool,
        policy: CommitPolicy,
        meters: &'a Meters,
    ) -> anyhow::Result<Self> {
        let schema = NewsSchema::new();
        let _ = writer.garbage_collect_files().wait();
        let _ = quotes.garbage_collect_files().wait();
        let reader = index.reader().context("cannot open an index reader")?;
        let previous = Some(reader.searcher()).filter(|s| s.num_docs() > 0);
        Ok(IndexSink {
            writer: Some(writer),
            quotes: Some(quotes),
            quote_schema: QuoteSchema::new(),
            quotes_before,
            refill_quotes: quotes_created && previous.is_some(),
            schema,
            previous,
            clusters: Clusters::open(index_dir)?,
            seen: FxHashMap::default(),
            index_dir: index_dir.to_path_buf(),
            manifest: Manifest::load(index_dir),
            force,
            completed: Vec::new(),
            policy,
            since_commit: 0,
            last_commit: Instant::now(),
            meters,
        })
    }

    fn writer(&mut self) -> anyhow::Result<&mut IndexWriter> {
        self.writer
            .as_mut()
            .context("internal error: the index writer is closed")
    }

    /// Commits what was written (the sketches and quotes first: an article is never
    /// committed without them), then records the files it completes.
    fn commit(&mut self) -> anyhow::Result<()> {
        let t = Instant::now();
        self.clusters.save()?;
        self.quotes
            .as_mut()
            .context("internal error: the quote writer is closed")?
            .commit()
            .context("commit of the quotes failed; the index stays at its last commit")?;
        let mut commit = self
            .writer()?
            .prepare_commit()
            .context("commit failed; the index stays at its last commit")?;
        commit.set_payload(&writer::commit_payload());
        commit
            .commit()
            .context("commit failed; the index stays at its last commit")?;
        let stats = &self.meters.stats;
        stats.commits.fetch_add(1, Relaxed);
        self.since_commit = 0;
        self.last_commit = Instant::now();
        for f in self.completed.drain(..) {
            self.manifest.record(f.path, f.stamp);
        }
        self.manifest.save(&self.index_dir).with_context(|| {
            format!(
                "cannot write the manifest in {}; the index holds the articles, a re-run skips them",
                self.index_dir.display()
            )
        })?;
        self.meters
            .times
            .commit_ns
            .fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
        Ok(())
    }

    /// Explains a writer that refused a document: its indexing threads stopped, and a
    /// commit attempt returns why (a full disk, say); nothing is committed by it.
    fn refused(&mut self, e: tantivy::TantivyError) -> anyhow::Error {
        let cause = match self.writer.as_mut().map(IndexWriter::commit) {
            Some(Err(cause)) => cause,
            _ => e,
        };
        anyhow::Error::new(cause)
            .context("cannot add more articles; the index stays at its last commit")
    }

    /// Writes an article's quotes, after deleting any it has (`replace`, or when the
    /// quote index held quotes at the start: an interrupted run's).
    fn write_quotes(
        &mut self,
        id: &str,
        quotes: Vec<TantivyDocument>,
        replace: bool,
    ) -> anyhow::Result<()> {
        let term = self.quote_schema.article_term(id);
        let delete = replace || self.quotes_before;
        let writer = self
            .quotes
            .as_mut()
            .context("internal error: the quote writer is closed")?;
        if delete {
            writer.delete_term(term);
        }
        for q in quotes {
            if let Err(e) = writer.add_document(q) {
                return Err(self.refused(e));
            }
        }
        Ok(())
    }

    /// Lets go of the writer without waiting for its threads (after a fault): they
    /// end on their own, and nothing more is committed.
    pub fn abandon(mut self) {
        if let Some(writer) = self.writer.take() {
            std::thread::spawn(move || drop(writer));
        }
        if let Some(quotes) = self.quotes.take() {
            std::thread::spawn(move || drop(quotes));
        }
    }

    /// Waits for merges after the final commit.
    pub fn close(mut self) -> anyhow::Result<()> {
        if let Some(quotes) = self.quotes.take() {
            quotes
                .wait_merging_threads()
                .context("merging quote segments failed")?;
        }
        if let Some(writer) = self.writer.take() {
            let t = Instant::now();
            writer
                .wait_merging_threads()
                .context("merging segments failed")?;
            self.meters
                .times
                .commit_ns
                .fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
        }
        Ok(())
    }
}

impl Sink for IndexSink<'_> {
    type Encoder = IndexEncoder;

    fn encoder(&self) -> IndexEncoder {
        IndexEncoder {
            schema: self.schema.clone(),
            quote_schema: self.quote_schema.clone(),
            refill_quotes: self.refill_quotes,
            previous: self.previous.clone(),
        }
    }

    fn skip_file(&self, file: &InputFile) -> bool {
        !self.force && !self.refill_quotes && self.manifest.is_unchanged(&file.path, file.stamp)
    }

    fn write(&mut self, item: IndexItem) -> anyhow::Result<Flow> {
        let stats = &self.meters.stats;
        let IndexItem::Article {
            id,
            content_hash,
            previous,
            mut doc,
            mut quotes,
            sketch,
        } = item
        else {
            stats.duplicates.fetch_add(1, Relaxed);
            return Ok(Flow::Continue);
        };
        let key = xxh3_64(id.as_bytes());
        let decision = Decision::of(content_hash, self.seen.get(&key).copied().or(previous));
        let counter = match decision {
            Decision::Add => &stats.added,
            Decision::Update => &stats.updated,
            Decision::Duplicate => &stats.duplicates,
        };
        if decision != Decision::Duplicate {
            let t = Instant::now();
            doc.add_u64(
                self.schema.cluster,
                self.clusters.assign(key, sketch.map(|s| *s)),
            );
            let id_term = Term::from_field_text(self.schema.id, &id);
            let writer = self.writer()?;
            if decision == Decision::Update {
                writer.delete_term(id_term);
            }
            if let Err(e) = writer.add_document(doc) {
                return Err(self.refused(e));
            }
            // Its quotes replace any it had, also after an interrupted run (those
            // were committed before the article).
            self.write_quotes(
                &id,
                std::mem::take(&mut quotes),
                decision == Decision::Update,
            )?;
            self.meters
                .times
                .index_ns
                .fetch_add(t.elapsed().as_nanos() as u64, Relaxed);
            self.since_commit += 1;
        }
        // An article the index holds unchanged, into a quote index made after it.
        let refill = decision == Decision::Duplicate
            && self.refill_quotes
            && previous == Some(content_hash)
            && !self.seen.contains_key(&key);
        if refill {
            self.write_quotes(&id, quotes, false)?;
            self.since_commit += 1;
        }
        counter.fetch_add(1, Relaxed);
        self.seen.insert(key, content_hash);
        if self.policy.every_docs > 0 && self.since_commit >= self.policy.every_docs {
            self.commit()?;
        }
        Ok(Flow::Continue)
    }

    fn file_done(&mut self, file: &InputFile) {
        self.completed.push(file.clone());
    }

    fn tick(&mut self) -> anyhow::Result<Flow> {
        if self.last_commit.elapsed() >= self.policy.interval {
            self.commit()?;
        }
        Ok(Flow::Continue)
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        self.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_follow_the_hash_seen_before() {
        assert_eq!(Decision::of(7, None), Decision::Add);
        assert_eq!(Decision::of(7, Some(7)), Decision::Duplicate);
        assert_eq!(Decision::of(7, Some(8)), Decision::Update);
    }
}
