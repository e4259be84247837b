//! Ingest into the index: the pipeline with the index sink, and its settings.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError};

use super::index_sink::{CommitPolicy, IndexSink};
use super::parse::FieldMap;
use super::pipeline::{self, Meters, PipelineConfig};
use super::stats::StatsSnapshot;
use super::{Progress, StageSeconds};
use crate::extract::ExtractOptions;
use crate::schema::NewsSchema;
use crate::writer;

/// Validated settings of an ingest.
#[derive(Clone, Debug)]
pub struct IngestConfig {
    pub paths: Vec<PathBuf>,
    pub index_dir: PathBuf,
    /// Worker threads for parsing/extraction, and the writer's indexing threads.
    pub num_threads: usize,
    /// Memory budget of the tantivy writer (split over its threads).
    pub memory_budget_bytes: usize,
    /// Commit after this many articles (0: only by time and at the end).
    pub commit_every_docs: u64,
    /// Commit at least this often.
    pub commit_interval: Duration,
    /// Re-read files the manifest says are unchanged.
    pub force: bool,
    pub extract: ExtractOptions,
    /// Columns (or JSON keys) mapped to article fields (`--map`).
    pub field_map: FieldMap,
}

/// tantivy's smallest and largest memory budget per indexing thread.
const MIN_BUDGET_PER_THREAD: usize = 15 << 20;
const MAX_BUDGET_PER_THREAD: usize = (4 << 30) - (2 << 20);

impl IngestConfig {
    /// The defaults: all cores, a 256 MB writer, commits every 100,000 articles and
    /// every minute, extraction on.
    pub fn new(paths: Vec<PathBuf>, index_dir: PathBuf) -> Self {
        IngestConfig {
            paths,
            index_dir,
            num_threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            memory_budget_bytes: 256 << 20,
            commit_every_docs: 100_000,
            commit_interval: Duration::from_secs(60),
            force: false,
            extract: ExtractOptions::default(),
            field_map: FieldMap::default(),
        }
    }

    /// The index writer's threads and memory per thread, or why the settings cannot
    /// work. Each indexing thread needs 15 MB to 4 GB of the budget.
    pub fn writer_threads(&self) -> Result<(usize, usize), String> {
        if self.num_threads == 0 {
            return Err("--threads must be at least 1".into());
        }
        let threads = self.num_threads.min(8);
        let per_thread = self.memory_budget_bytes / threads;
        if per_thread < MIN_BUDGET_PER_THREAD {
            return Err(format!(
                "--memory {} MB is too small for {threads} indexing threads: give at least {} MB, or fewer --threads",
                self.memory_budget_bytes >> 20,
                (MIN_BUDGET_PER_THREAD * threads) >> 20
            ));
        }
        if per_thread > MAX_BUDGET_PER_THREAD {
            return Err(format!(
                "--memory {} MB is too large for {threads} indexing threads: at most {} MB",
                self.memory_budget_bytes >> 20,
                (MAX_BUDGET_PER_THREAD * threads) >> 20
            ));
        }
        Ok((threads, per_thread))
    }

    fn pipeline(&self) -> PipelineConfig {
        PipelineConfig {
            paths: self.paths.clone(),
            num_threads: self.num_threads,
            extract: self.extract,
            skip_dir: Some(self.index_dir.clone()),
            field_map: self.field_map.clone(),
        }
    }
}

/// The result of an ingest.
#[derive(Clone, Debug, Serialize)]
pub struct IngestReport {
    pub stats: StatsSnapshot,
    pub elapsed_secs: f64,
    pub num_docs: u64,
    pub stages: StageSeconds,
}

impl IngestReport {
    pub fn articles_per_sec(&self) -> f64 {
        (self.stats.added + self.stats.updated + self.stats.duplicates) as f64
            / self.elapsed_secs.max(1e-9)
    }
    pub fn text_mb_per_sec(&self) -> f64 {
        self.stats.text_bytes as f64 / 1e6 / self.elapsed_secs.max(1e-9)
    }
}

/// Opens the writer, telling a lock held by another writer from other failures.
fn open_writer(config: &IngestConfig, index: &Index) -> anyhow::Result<IndexWriter> {
    let (threads, per_thread) = config.writer_threads().map_err(anyhow::Error::msg)?;
    index
        .writer_with_num_threads::<TantivyDocument>(threads, per_thread * threads)
        .map_err(|e| {
            let dir = config.index_dir.display();
            match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => anyhow::anyhow!(
                    "another newsdex is writing to {dir}; wait for it to finish (the index is unharmed)"
                ),
                other => anyhow::Error::new(other)
                    .context(format!("cannot open a writer on the index at {dir}")),
            }
        })
}

/// Ingests `config.paths` into the index in `config.index_dir` (created if needed).
///
/// Bad input is counted in the report and never stops the run. A fault (a commit or
/// write that fails, a panic) stops every stage and is returned; the index stays at
/// its last commit.
pub fn ingest(config: &IngestConfig, progress: &dyn Progress) -> anyhow::Result<IngestReport> {
    let index = writer::open_or_create(&config.index_dir, &NewsSchema::new())?;
    ingest_into(config, &index, progress)
}

/// [`ingest`] into an index already opened on `config.index_dir` (possibly over a
/// directory of the caller's: tests inject faults behind tantivy's `Directory`).
pub fn ingest_into(
    config: &IngestConfig,
    index: &Index,
    progress: &dyn Progress,
) -> anyhow::Result<IngestReport> {
    let started = Instant::now();
    writer::check_schema(index, &config.index_dir)?;
    let index_writer = open_writer(config, index)?;
    // The quotes: a small index, one indexing thread.
    let (quote_index, quotes_created) = crate::quotes::open_or_create_new(&config.index_dir)?;
    let quotes_before = quote_index
        .load_metas()
        .is_ok_and(|m| m.segments.iter().any(|s| s.num_docs() > 0));
    let quote_writer = quote_index
        .writer_with_num_threads::<TantivyDocument>(1, 30_000_000)
        .context("cannot open a writer on the quote index")?;
    let meters = Meters::default();
    let policy = CommitPolicy {
        every_docs: config.commit_every_docs,
        interval: config.commit_interval,
    };
    let mut sink = IndexSink::new(
        index,
        index_writer,
        (quote_writer, quotes_before, quotes_created),
        &config.index_dir,
        config.force,
        policy,
        &meters,
    )?;
    let ending = pipeline::run(&config.pipeline(), &mut sink, progress, &meters);
    progress.finish();
    if let Err(fault) = ending {
        sink.abandon();
        return Err(fault);
    }
    sink.close()?;
    crate::search::write_beside_index(index, &config.index_dir).context(
        "the index is complete, but its facet tables are not: a search opens it more slowly until a re-run writes them",
    )?;
    let num_docs = index
        .reader()
        .map(|r| r.searcher().num_docs())
        .context("cannot read the index after the ingest")?;
    Ok(IngestReport {
        stats: meters.stats.snapshot(),
        elapsed_secs: started.elapsed().as_secs_f64(),
        num_docs,
        stages: meters.times.seconds(),
    })
}
