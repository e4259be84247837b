//! Ingest: the stages from files to articles (walk → read: decompress, split
//! records → parse: [`RawArticle`](crate::extract::RawArticle) → extract) and the
//! [`pipeline`] that runs them into a sink: the index (`ingest`, with the `index`
//! feature), or JSON lines ([`extract_jsonl`], for `newsdex extract`).

pub mod failure;
pub mod html;
pub mod jsonl;
pub mod manifest;
pub mod parse;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod stats;
pub mod stop;
pub mod table;
pub mod walk;
pub mod warc;

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use serde::Serialize;

use pipeline::{Ending, Meters, PipelineConfig};
use stats::StatsSnapshot;

#[cfg(feature = "index")]
mod index;
#[cfg(feature = "index")]
pub mod index_sink;
#[cfg(feature = "index")]
pub use index::{ingest, ingest_into, IngestConfig, IngestReport};

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

impl StageTimes {
    pub fn seconds(&self) -> StageSeconds {
        let s = |a: &AtomicU64| a.load(Relaxed) as f64 / 1e9;
        StageSeconds {
            read: s(&self.read_ns),
            parse: s(&self.parse_ns),
            extract: s(&self.extract_ns),
            index: s(&self.index_ns),
            commit_merge: s(&self.commit_ns),
        }
    }
}

/// Reads every article under `config.paths` and writes its extraction to `out` as
/// JSON lines, in input order (`newsdex extract`). Returns how the run ended and
/// its counters; a closed `out` ends it early without an error. With `with_text`,
/// each line also holds the article's url, source, authors, language, text and
/// origin.
pub fn extract_jsonl<W: Write>(
    config: PipelineConfig,
    with_text: bool,
    out: W,
    progress: &dyn Progress,
) -> anyhow::Result<(Ending, StatsSnapshot)> {
    let meters = Meters::default();
    let mut sink = jsonl::JsonlSink::new(out, with_text);
    let ending = pipeline::run(&config, &mut sink, progress, &meters)?;
    meters.stats.added.store(sink.written(), Relaxed);
    Ok((ending, meters.stats.snapshot()))
}
