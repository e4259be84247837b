//! The ingest pipeline: walk → read (decompress, split records) → parse
//! (`RawArticle`) → extract (`Article`) → write (one tantivy `IndexWriter`).
//!
//! One reader thread streams records in bounded batches through a channel; a rayon
//! pool parses, extracts and adds documents; the calling thread reports progress and
//! commits (every `commit_every_docs` articles or `commit_interval`, and at the end).
//! After each commit the manifest records the files whose articles are all in it.

pub mod manifest;
pub mod parse;
pub mod read;
pub mod stats;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::extract::{ExtractOptions, Extractor};
use crate::schema::NewsSchema;
use crate::writer::{self, Decision, Deduper};
use manifest::Manifest;
use read::{Record, RecordError};
use stats::{FailureKind, IngestStats, StatsSnapshot};
use walk::InputFile;

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
}

impl IngestConfig {
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
        }
    }
}

/// Where an ingest reports as it goes (a progress bar, or nothing).
pub trait Progress: Sync {
    fn start(&self, _total_bytes: u64, _num_files: usize) {}
    fn update(&self, _snapshot: &ProgressState) {}
    /// A line for the user (an error report); must not garble a progress bar.
    fn message(&self, _line: &str) {}
    fn finish(&self) {}
}

/// No progress output (library use, tests).
pub struct NoProgress;
impl Progress for NoProgress {}

/// Numbers for a progress display.
#[derive(Clone, Debug)]
pub struct ProgressState {
    pub files_done: u64,
    pub files_total: u64,
    pub articles: u64,
    pub disk_bytes: u64,
    pub elapsed: Duration,
}

/// Nanoseconds spent per stage, summed over threads.
#[derive(Debug, Default)]
pub struct StageTimes {
    pub read_ns: AtomicU64,
    pub parse_ns: AtomicU64,
    pub extract_ns: AtomicU64,
    pub index_ns: AtomicU64,
    pub commit_ns: AtomicU64,
}

/// Stage times in seconds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StageSeconds {
    pub read: f64,
    pub parse: f64,
    pub extract: f64,
    pub index: f64,
    pub commit_merge: f64,
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

struct FileState {
    input: InputFile,
    /// Batches not yet processed, plus one held by the reader until it is done.
    pending: AtomicUsize,
    /// The stream failed (truncated archive, I/O error): not recorded as done.
    broken: AtomicBool,
}

struct Batch {
    file: Arc<FileState>,
    records: Vec<Record>,
}

const BATCH_RECORDS: usize = 128;
const BATCH_BYTES: usize = 4 << 20;

fn nanos(t: Instant) -> u64 {
    t.elapsed().as_nanos() as u64
}

/// Runs an ingest into `config.index_dir`.
pub fn ingest(config: &IngestConfig, progress: &dyn Progress) -> anyhow::Result<IngestReport> {
    let started = Instant::now();
    let schema = NewsSchema::new();
    let index = writer::open_or_create(&config.index_dir, &schema)?;
    let num_threads = config.num_threads.max(1);
    let writer_threads = num_threads.clamp(1, 8);
    let per_thread = (config.memory_budget_bytes / writer_threads).max(15 << 20);
    let index_writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(writer_threads, per_thread * writer_threads)
        .with_context(|| {
            format!(
                "cannot open a writer on {} (is another newsdex writing to it?)",
                config.index_dir.display()
            )
        })?;
    // Files left by an interrupted run that no commit refers to.
    let _ = index_writer.garbage_collect_files().wait();
    let reader = index.reader().context("cannot open an index reader")?;
    let deduper = Deduper::new(Some(&reader), &schema);
    let writer = RwLock::new(index_writer);

    let stats = IngestStats::default();
    let times = StageTimes::default();
    let report_fail = |kind: FailureKind, msg: String| {
        if stats.failed_total() < stats::MAX_KEPT_MESSAGES as u64 {
            progress.message(&msg);
        }
        stats.fail(kind, msg);
    };

    // Walk, and leave out files the manifest has seen unchanged.
    let mut manifest = Manifest::load(&config.index_dir);
    let (files, walk_errors) = walk::walk(&config.paths, Some(&config.index_dir));
    for e in walk_errors {
        report_fail(
            FailureKind::Unreadable,
            format!("{}: {}", e.path.display(), e.message),
        );
    }
    stats.files_seen.store(files.len() as u64, Relaxed);
    let files: Vec<InputFile> = files
        .into_iter()
        .filter(|f| {
            let skip = !config.force && manifest.is_unchanged(&f.path, f.stamp);
            if skip {
                stats.files_skipped_unchanged.fetch_add(1, Relaxed);
            }
            !skip
        })
        .collect();
    let total_bytes: u64 = files.iter().map(|f| f.stamp.size).sum();
    progress.start(total_bytes, files.len());

    let completed: Mutex<Vec<InputFile>> = Mutex::new(Vec::new());
    let finish_batch = |file: &Arc<FileState>| {
        if file.pending.fetch_sub(1, Relaxed) == 1 && !file.broken.load(Relaxed) {
            stats.files_read.fetch_add(1, Relaxed);
            completed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(file.input.clone());
        }
    };
    let since_commit = AtomicU64::new(0);
    let workers_done = AtomicBool::new(false);
    let extractor = Extractor::new(config.extract);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(num_threads)
        .build()
        .context("cannot start worker threads")?;
    let (tx, rx) = crossbeam_channel::bounded::<Batch>(num_threads * 4);

    let commit = |manifest: &mut Manifest| -> anyhow::Result<()> {
        let t = Instant::now();
        let mut w = writer.write().unwrap_or_else(|e| e.into_inner());
        let done = std::mem::take(&mut *completed.lock().unwrap_or_else(|e| e.into_inner()));
        w.commit()
            .context("commit failed; the index stays at its last commit")?;
        drop(w);
        stats.commits.fetch_add(1, Relaxed);
        since_commit.store(0, Relaxed);
        for f in done {
            manifest.record(f.path, f.stamp);
        }
        manifest.save(&config.index_dir).with_context(|| {
            format!(
                "cannot write the manifest in {}",
                config.index_dir.display()
            )
        })?;
        times.commit_ns.fetch_add(nanos(t), Relaxed);
        Ok(())
    };

    let result: anyhow::Result<()> = std::thread::scope(|scope| {
        // Reader: streams records of each file in bounded batches.
        scope.spawn(|| {
            let tx = tx;
            for input in &files {
                let file = Arc::new(FileState {
                    input: input.clone(),
                    pending: AtomicUsize::new(1),
                    broken: AtomicBool::new(false),
                });
                let path = input.path.as_path();
                let t = Instant::now();
                let mut opened = match read::open(path, stats.disk_bytes.clone()) {
                    Ok(r) => r,
                    Err(e) => {
                        report_fail(
                            FailureKind::Unreadable,
                            format!("{}: cannot open: {e}", path.display()),
                        );
                        file.broken.store(true, Relaxed);
                        finish_batch(&file);
                        continue;
                    }
                };
                let mut batch: Vec<Record> = Vec::new();
                let mut batch_bytes = 0usize;
                let send = |batch: &mut Vec<Record>, batch_bytes: &mut usize| {
                    if batch.is_empty() {
                        return true;
                    }
                    file.pending.fetch_add(1, Relaxed);
                    let b = Batch {
                        file: file.clone(),
                        records: std::mem::take(batch),
                    };
                    *batch_bytes = 0;
                    tx.send(b).is_ok()
                };
                let mut read_ns = 0u64;
                let mut lap = t;
                read::read_records(
                    path,
                    &mut *opened,
                    &mut |r: Result<Record, RecordError>| match r {
                        Ok(rec) => {
                            batch_bytes += rec.bytes.len();
                            batch.push(rec);
                            if batch.len() >= BATCH_RECORDS || batch_bytes >= BATCH_BYTES {
                                read_ns += nanos(lap);
                                send(&mut batch, &mut batch_bytes);
                                lap = Instant::now();
                            }
                        }
                        Err(e) => {
                            if matches!(e.kind, FailureKind::Compression | FailureKind::Unreadable)
                            {
                                file.broken.store(true, Relaxed);
                            }
                            report_fail(
                                e.kind,
                                format!("{}:{}: {}", path.display(), e.line, e.message),
                            );
                        }
                    },
                );
                read_ns += nanos(lap);
                times.read_ns.fetch_add(read_ns, Relaxed);
                send(&mut batch, &mut batch_bytes);
                finish_batch(&file);
            }
        });

        // Workers: parse, extract, write.
        let work = scope.spawn(|| {
            pool.install(|| {
                rx.into_iter().par_bridge().for_each(|batch| {
                    let path = batch.file.input.path.as_path();
                    for rec in &batch.records {
                        process_record(
                            path,
                            rec,
                            &extractor,
                            &schema,
                            &deduper,
                            &writer,
                            &stats,
                            &times,
                            &report_fail,
                        );
                        since_commit.fetch_add(1, Relaxed);
                    }
                    finish_batch(&batch.file);
                });
            });
            workers_done.store(true, Relaxed);
        });

        // This thread: progress and periodic commits.
        let mut last_commit = Instant::now();
        while !workers_done.load(Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            progress.update(&ProgressState {
                files_done: stats.files_read.load(Relaxed),
                files_total: files.len() as u64,
                articles: stats.articles_done(),
                disk_bytes: stats.disk_bytes.load(Relaxed),
                elapsed: started.elapsed(),
            });
            let due_docs = config.commit_every_docs > 0
                && since_commit.load(Relaxed) >= config.commit_every_docs;
            if due_docs || last_commit.elapsed() >= config.commit_interval {
                commit(&mut manifest)?;
                last_commit = Instant::now();
            }
        }
        work.join()
            .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
        commit(&mut manifest)
    });
    result?;
    let t = Instant::now();
    let index_writer = writer.into_inner().unwrap_or_else(|e| e.into_inner());
    index_writer
        .wait_merging_threads()
        .context("merging segments failed")?;
    times.commit_ns.fetch_add(nanos(t), Relaxed);
    progress.finish();
    reader.reload().ok();
    let s = |a: &AtomicU64| a.load(Relaxed) as f64 / 1e9;
    Ok(IngestReport {
        stats: stats.snapshot(),
        elapsed_secs: started.elapsed().as_secs_f64(),
        num_docs: reader.searcher().num_docs(),
        stages: StageSeconds {
            read: s(&times.read_ns),
            parse: s(&times.parse_ns),
            extract: s(&times.extract_ns),
            index: s(&times.index_ns),
            commit_merge: s(&times.commit_ns),
        },
    })
}

#[allow(clippy::too_many_arguments)]
fn process_record(
    path: &Path,
    rec: &Record,
    extractor: &Extractor,
    schema: &NewsSchema,
    deduper: &Deduper,
    writer: &RwLock<IndexWriter>,
    stats: &IngestStats,
    times: &StageTimes,
    report_fail: &(dyn Fn(FailureKind, String) + Sync),
) {
    let t = Instant::now();
    let raw = match parse::parse_record(rec) {
        Ok(raw) => raw,
        Err(e) => {
            times.parse_ns.fetch_add(nanos(t), Relaxed);
            return report_fail(
                e.kind,
                format!("{}:{}: {}", path.display(), rec.line, e.message),
            );
        }
    };
    times.parse_ns.fetch_add(nanos(t), Relaxed);
    stats.text_bytes.fetch_add(
        (raw.body.len() + raw.title.as_ref().map_or(0, String::len)) as u64,
        Relaxed,
    );
    // An article already indexed unchanged needs no extraction.
    if deduper.is_duplicate(
        &crate::extract::article_id(&raw),
        crate::extract::content_hash(&raw),
    ) {
        stats.duplicates.fetch_add(1, Relaxed);
        return;
    }
    let t = Instant::now();
    let (article, warnings) = extractor.extract(raw);
    times.extract_ns.fetch_add(nanos(t), Relaxed);
    if warnings.bad_date {
        stats.bad_dates.fetch_add(1, Relaxed);
    }
    let t = Instant::now();
    let mut index_error = None;
    let decision = deduper.decide(&article.id, article.content_hash, |decision| {
        let doc = writer::to_document(schema, &article);
        let w = writer.read().unwrap_or_else(|e| e.into_inner());
        if decision == Decision::Update {
            w.delete_term(Term::from_field_text(schema.id, &article.id));
        }
        match w.add_document(doc) {
            Ok(_) => true,
            Err(e) => {
                index_error = Some(e);
                false
            }
        }
    });
    times.index_ns.fetch_add(nanos(t), Relaxed);
    if let Some(e) = index_error {
        return report_fail(
            FailureKind::Index,
            format!(
                "{}:{}: the index refused the article: {e}",
                path.display(),
                rec.line
            ),
        );
    }
    match decision {
        Decision::Add => stats.added.fetch_add(1, Relaxed),
        Decision::Update => stats.updated.fetch_add(1, Relaxed),
        Decision::Duplicate => stats.duplicates.fetch_add(1, Relaxed),
    };
}

/// Reads every article under `paths` in order, without indexing (for `extract`).
/// Bad input goes to `on_error` as `path:line: reason` with its kind.
pub fn read_articles(
    paths: &[PathBuf],
    on_article: &mut dyn FnMut(&Path, u64, crate::extract::RawArticle),
    on_error: &mut dyn FnMut(FailureKind, String),
) {
    let (files, errors) = walk::walk(paths, None);
    for e in errors {
        on_error(
            FailureKind::Unreadable,
            format!("{}: {}", e.path.display(), e.message),
        );
    }
    let counter = Arc::new(AtomicU64::new(0));
    for f in files {
        let path = f.path.as_path();
        let mut r = match read::open(path, counter.clone()) {
            Ok(r) => r,
            Err(e) => {
                on_error(
                    FailureKind::Unreadable,
                    format!("{}: cannot open: {e}", path.display()),
                );
                continue;
            }
        };
        read::read_records(path, &mut *r, &mut |rec| match rec {
            Ok(rec) => match parse::parse_record(&rec) {
                Ok(a) => on_article(path, rec.line, a),
                Err(e) => on_error(
                    e.kind,
                    format!("{}:{}: {}", path.display(), rec.line, e.message),
                ),
            },
            Err(e) => on_error(
                e.kind,
                format!("{}:{}: {}", path.display(), e.line, e.message),
            ),
        });
    }
}
