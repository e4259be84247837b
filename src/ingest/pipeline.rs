//! The one ingest pipeline behind `index`, `extract` and `bench ingest`:
//!
//! ```text
//! source (walk, read: one thread)  --batches of records-->
//! workers (parse, identify, encode: N threads) --encoded batches-->
//! sink (this thread: written in input order)
//! ```
//!
//! A [`Sink`] is where articles go (the index, JSON lines on stdout). Each sink has
//! an [`Encoder`] that runs on the workers and does the per-article work the sink
//! needs (extraction, building a tantivy document or a JSON line), so the sink's
//! own thread only writes. Batches reach the sink in input order; a ticket per batch
//! in flight bounds memory however slow one batch is.
//!
//! Stopping: every stage shares a [`KillSwitch`]. The reader checks it before each
//! record, workers before each article, the sink loop at least every 100 ms; a sink
//! that fails or a panic anywhere kills it with its reason, a sink that has all it
//! wants (a closed pipe) turns it off without one. Every wait is bounded, so a fault
//! stops every stage within a fraction of a second.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use super::read::{self, Position, Record, RecordError};
use super::stats::{FailureKind, IngestStats, Located};
use super::stop::{self, KillSwitch, Stop};
use super::walk::{self, InputFile};
use super::{parse, Progress, ProgressState, StageTimes};
use crate::extract::{Article, ExtractOptions, Extractor, Identified};

/// What the pipeline reads and how.
#[derive(Clone, Debug)]
pub struct PipelineConfig {
    /// Files and directories (walked recursively).
    pub paths: Vec<PathBuf>,
    /// Worker threads for parsing and encoding.
    pub num_threads: usize,
    pub extract: ExtractOptions,
    /// A directory never read as input (the index being written).
    pub skip_dir: Option<PathBuf>,
    /// Columns (or JSON keys) mapped to article fields (`--map`).
    pub field_map: parse::FieldMap,
}

/// Whether a sink wants more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The sink has all it wants (its reader went away): stop without an error.
    Stop,
}

/// Where an article comes from: its file and its place in it.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    pub path: &'a Path,
    pub at: Position,
}

/// The per-article work a sink needs done on the worker threads.
pub trait Encoder: Sync {
    type Item: Send;
    /// Turns an article into what the sink writes; `work` extracts it if needed.
    fn encode(&self, doc: Identified, origin: Origin<'_>, work: &Work<'_>) -> Self::Item;
}

/// Where the articles of a pipeline go. Its methods run on the thread that called
/// [`run`], in input order; an `Err` is fatal and stops the pipeline.
pub trait Sink {
    type Encoder: Encoder;
    /// The encoder the workers share.
    fn encoder(&self) -> Self::Encoder;
    /// Files the sink holds already (the index's manifest): not read.
    fn skip_file(&self, _file: &InputFile) -> bool {
        false
    }
    /// One article, in input order.
    fn write(&mut self, item: <Self::Encoder as Encoder>::Item) -> anyhow::Result<Flow>;
    /// Every article of `file` has been written.
    fn file_done(&mut self, _file: &InputFile) {}
    /// Called about every 100 ms (periodic commits, flushing).
    fn tick(&mut self) -> anyhow::Result<Flow> {
        Ok(Flow::Continue)
    }
    /// The input is exhausted (not called after a stop).
    fn finish(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Counters and stage timings an ingest shares between its threads.
#[derive(Default)]
pub struct Meters {
    pub stats: IngestStats,
    pub times: StageTimes,
}

/// What the workers offer an encoder.
pub struct Work<'a> {
    extractor: &'a Extractor,
    meters: &'a Meters,
}

impl Work<'_> {
    /// Stage timings, for work an encoder does besides extraction.
    pub fn times(&self) -> &StageTimes {
        &self.meters.times
    }

    /// Extracts an article (timed, and its date warnings counted).
    pub fn extract(&self, doc: Identified) -> Article {
        let t = Instant::now();
        let (article, warnings) = self.extractor.extract_identified(doc);
        self.meters.times.extract_ns.fetch_add(nanos(t), Relaxed);
        if warnings.bad_date {
            self.meters.stats.bad_dates.fetch_add(1, Relaxed);
        }
        article
    }
}

/// How a run ended when no fault stopped it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Every input file was read to its end and the sink finished.
    Complete,
    /// The sink asked to stop before the end (a closed pipe).
    StoppedBySink,
}

/// Records of one file, numbered in input order.
struct Batch {
    seq: u64,
    file: Arc<InputFile>,
    records: Vec<Record>,
    /// On the file's last batch: whether the file could not be read to its end.
    end: Option<bool>,
}

/// A batch after the workers: the sink's items with the line each came from.
struct Encoded<I> {
    seq: u64,
    file: Arc<InputFile>,
    items: Vec<(Position, I)>,
    end: Option<bool>,
}

const BATCH_RECORDS: usize = 128;
const BATCH_BYTES: usize = 4 << 20;
/// How often waiting threads look at the kill switch, and the sink ticks.
const POLL: Duration = Duration::from_millis(100);

fn nanos(t: Instant) -> u64 {
    t.elapsed().as_nanos() as u64
}

/// Reports bad input: counted, and printed while there is room for messages.
struct Reporter<'a> {
    stats: &'a IngestStats,
    progress: &'a dyn Progress,
}

impl Reporter<'_> {
    fn fail(&self, failure: Located) {
        if self.stats.fail(&failure) {
            self.progress.message(&failure.to_string());
        }
    }

    fn at(&self, path: &Path, e: RecordError) {
        self.fail(Located {
            path: path.to_path_buf(),
            at: Some(e.at),
            kind: e.kind,
            message: e.message,
        });
    }
}

/// Runs the pipeline over `config.paths` into `sink`. Bad input is counted in
/// `meters` and reading goes on; a fault (the sink's error, a panic) stops every
/// stage and is returned.
pub fn run<S: Sink>(
    config: &PipelineConfig,
    sink: &mut S,
    progress: &dyn Progress,
    meters: &Meters,
) -> anyhow::Result<Ending> {
    let started = Instant::now();
    let stats = &meters.stats;
    let report = Reporter { stats, progress };
    let files = source_files(config, sink, &report);
    progress.start(files.iter().map(|f| f.stamp.size).sum(), files.len());

    let switch = KillSwitch::default();
    let extractor = Extractor::new(config.extract);
    let encoder = sink.encoder();
    let work = Work {
        extractor: &extractor,
        meters,
    };
    let num_threads = config.num_threads.max(1);
    let window = num_threads * 4;
    let (batch_tx, batch_rx) = crossbeam_channel::bounded::<Batch>(window);
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<Encoded<_>>();
    let (ticket_tx, ticket_rx) = crossbeam_channel::bounded::<()>(window);
    for _ in 0..window {
        let _ = ticket_tx.send(());
    }

    std::thread::scope(|scope| {
        let (switch, report, files) = (&switch, &report, &files);
        scope.spawn(move || {
            if let Err(panic) =
                stop::catch(|| read_files(files, batch_tx, ticket_rx, switch, report, meters))
            {
                switch.kill(anyhow::anyhow!(
                    "internal error while reading the input: {panic}"
                ));
            }
        });
        for _ in 0..num_threads {
            let (batch_rx, done_tx) = (batch_rx.clone(), done_tx.clone());
            let (encoder, work) = (&encoder, &work);
            let map = &config.field_map;
            scope.spawn(move || {
                encode_batches(batch_rx, done_tx, encoder, work, map, switch, report)
            });
        }
        drop((batch_rx, done_tx));
        write_in_order(
            sink,
            done_rx,
            ticket_tx,
            switch,
            progress,
            stats,
            started,
            files.len(),
        );
    });

    match switch.take_reason() {
        Some(Stop::Fault(e)) => Err(e),
        Some(Stop::Finished) => Ok(Ending::StoppedBySink),
        None => match stop::catch(|| sink.finish()) {
            Ok(result) => result.map(|()| Ending::Complete),
            Err(panic) => Err(anyhow::anyhow!("internal error while finishing: {panic}")),
        },
    }
}

/// The walk stage: input files, less those the sink holds already.
fn source_files<S: Sink>(config: &PipelineConfig, sink: &S, report: &Reporter) -> Vec<InputFile> {
    let (files, walk_errors) = walk::walk(&config.paths, config.skip_dir.as_deref());
    for e in walk_errors {
        report.fail(Located {
            path: e.path,
            at: None,
            kind: FailureKind::Unreadable,
            message: e.message,
        });
    }
    let stats = report.stats;
    stats.files_seen.store(files.len() as u64, Relaxed);
    files
        .into_iter()
        .filter(|f| {
            let skip = sink.skip_file(f);
            if skip {
                stats.files_skipped_unchanged.fetch_add(1, Relaxed);
            }
            !skip
        })
        .collect()
}

/// Waits for a ticket (a free slot in the window of batches in flight); `false`
/// when the pipeline stops first.
fn take_ticket(tickets: &Receiver<()>, switch: &KillSwitch) -> bool {
    loop {
        match tickets.recv_timeout(POLL) {
            Ok(()) => return switch.is_alive(),
            Err(RecvTimeoutError::Timeout) if switch.is_alive() => {}
            Err(_) => return false,
        }
    }
}

/// The source stage: streams each file's records in bounded batches.
fn read_files(
    files: &[InputFile],
    batches: Sender<Batch>,
    tickets: Receiver<()>,
    switch: &KillSwitch,
    report: &Reporter,
    meters: &Meters,
) {
    let mut seq = 0u64;
    let mut send = |file: &Arc<InputFile>, records: Vec<Record>, end: Option<bool>| -> bool {
        if !take_ticket(&tickets, switch) {
            return false;
        }
        let batch = Batch {
            seq,
            file: file.clone(),
            records,
            end,
        };
        seq += 1;
        batches.send(batch).is_ok()
    };
    let disk_bytes = meters.stats.disk_bytes.clone();
    for input in files {
        if !switch.is_alive() {
            return;
        }
        let file = Arc::new(input.clone());
        let path = input.path.as_path();
        let t = Instant::now();
        let mut batch = Vec::new();
        let mut batch_bytes = 0;
        let mut broken = false;
        let mut read_ns = 0;
        let mut lap = t;
        let mut go_on = true;
        let opened = read::read_file(path, disk_bytes.clone(), &meters.stats.warc, &mut |r| {
            if !switch.is_alive() {
                go_on = false;
                return ControlFlow::Break(());
            }
            match r {
                Ok(rec) => {
                    batch_bytes += rec.bytes.len();
                    batch.push(rec);
                    if batch.len() >= BATCH_RECORDS || batch_bytes >= BATCH_BYTES {
                        read_ns += nanos(lap);
                        go_on = send(&file, std::mem::take(&mut batch), None);
                        batch_bytes = 0;
                        lap = Instant::now();
                    }
                }
                Err(e) => {
                    broken |= matches!(e.kind, FailureKind::Compression | FailureKind::Unreadable);
                    report.at(path, e);
                }
            }
            if go_on {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
        read_ns += nanos(lap);
        meters.times.read_ns.fetch_add(read_ns, Relaxed);
        if let Err(e) = opened {
            report.fail(Located {
                path: path.to_path_buf(),
                at: None,
                kind: FailureKind::Unreadable,
                message: format!("cannot open: {e}"),
            });
            broken = true;
        }
        if !go_on || !send(&file, batch, Some(broken)) {
            return;
        }
    }
}

/// A worker: parses and encodes the records of each batch it takes.
fn encode_batches<E: Encoder>(
    batches: Receiver<Batch>,
    done: Sender<Encoded<E::Item>>,
    encoder: &E,
    work: &Work<'_>,
    map: &parse::FieldMap,
    switch: &KillSwitch,
    report: &Reporter,
) {
    let meters = work.meters;
    for batch in batches {
        let path = batch.file.path.as_path();
        let mut items = Vec::with_capacity(batch.records.len());
        for rec in batch.records {
            if !switch.is_alive() {
                return;
            }
            let at = rec.at;
            let mut id = None;
            let outcome = stop::catch(|| {
                let t = Instant::now();
                let parsed = parse::parse_record_mapped(&rec, map);
                meters.times.parse_ns.fetch_add(nanos(t), Relaxed);
                let raw = match parsed {
                    Ok(raw) => {
                        if rec.web.is_some() {
                            meters.stats.warc.articles.fetch_add(1, Relaxed);
                        }
                        raw
                    }
                    Err(e) => {
                        report.fail(Located {
                            path: path.to_path_buf(),
                            at: Some(at),
                            kind: e.kind,
                            message: e.message,
                        });
                        return None;
                    }
                };
                let text_bytes = raw.body.len() + raw.title.as_ref().map_or(0, String::len);
                meters
                    .stats
                    .text_bytes
                    .fetch_add(text_bytes as u64, Relaxed);
                let doc = Identified::new(raw);
                id = Some(doc.id.clone());
                Some(encoder.encode(doc, Origin { path, at }, work))
            });
            match outcome {
                Ok(Some(item)) => items.push((at, item)),
                Ok(None) => {}
                Err(panic) => {
                    let article = id.map_or(String::new(), |id| format!(" (article {id:?})"));
                    switch.kill(anyhow::anyhow!(
                        "internal error while processing {}{at}{article}: {panic}",
                        path.display()
                    ));
                    return;
                }
            }
        }
        let encoded = Encoded {
            seq: batch.seq,
            file: batch.file,
            items,
            end: batch.end,
        };
        if done.send(encoded).is_err() {
            return;
        }
    }
}

/// The sink stage, on the calling thread: writes batches in input order, gives back
/// their tickets, ticks the sink and the progress display, until the workers are done
/// or the pipeline stops.
#[allow(clippy::too_many_arguments)]
fn write_in_order<S: Sink>(
    sink: &mut S,
    done: Receiver<Encoded<<S::Encoder as Encoder>::Item>>,
    tickets: Sender<()>,
    switch: &KillSwitch,
    progress: &dyn Progress,
    stats: &IngestStats,
    started: Instant,
    num_files: usize,
) {
    let mut waiting = BTreeMap::new();
    let mut next = 0u64;
    let files_done = AtomicU64::new(0);
    let mut last_tick = Instant::now();
    let tick = |sink: &mut S| {
        progress.update(&ProgressState {
            files_done: files_done.load(Relaxed),
            files_total: num_files as u64,
            articles: stats.articles_done(),
            disk_bytes: stats.disk_bytes.load(Relaxed),
            elapsed: started.elapsed(),
        });
        settle(switch, "while ticking", stop::catch(|| sink.tick()));
    };
    while switch.is_alive() {
        match done.recv_timeout(POLL) {
            Ok(batch) => {
                waiting.insert(batch.seq, batch);
                while let Some(batch) = waiting.remove(&next) {
                    next += 1;
                    write_batch(sink, batch, switch, stats, &files_done);
                    let _ = tickets.try_send(());
                    if !switch.is_alive() {
                        return;
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if last_tick.elapsed() >= POLL {
            tick(sink);
            last_tick = Instant::now();
        }
    }
    if switch.is_alive() {
        tick(sink);
    }
}

fn write_batch<S: Sink>(
    sink: &mut S,
    batch: Encoded<<S::Encoder as Encoder>::Item>,
    switch: &KillSwitch,
    stats: &IngestStats,
    files_done: &AtomicU64,
) {
    let path = batch.file.path.as_path();
    for (at, item) in batch.items {
        let at = format!("while writing {}{at}", path.display());
        if !settle(switch, &at, stop::catch(|| sink.write(item))) {
            return;
        }
    }
    if let Some(broken) = batch.end {
        files_done.fetch_add(1, Relaxed);
        if !broken {
            stats.files_read.fetch_add(1, Relaxed);
            sink.file_done(&batch.file);
        }
    }
}

/// Applies what a sink call returned to the switch; `true` to go on.
fn settle(switch: &KillSwitch, at: &str, outcome: Result<anyhow::Result<Flow>, String>) -> bool {
    match outcome {
        Ok(Ok(Flow::Continue)) => true,
        Ok(Ok(Flow::Stop)) => {
            switch.finish();
            false
        }
        Ok(Err(e)) => {
            switch.kill(e);
            false
        }
        Err(panic) => {
            switch.kill(anyhow::anyhow!("internal error {at}: {panic}"));
            false
        }
    }
}
