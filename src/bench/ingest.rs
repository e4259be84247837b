//! `newsdex bench ingest`: the `index` pipeline on a corpus, with throughput, peak
//! memory, index size and time per stage.

use std::fmt::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{dir_size, peak_rss_bytes, Machine};
use crate::ingest::{ingest, IngestConfig, IngestReport, Progress};

#[derive(Clone, Debug, Serialize)]
pub struct IngestBench {
    pub machine: Machine,
    pub corpus: Vec<PathBuf>,
    pub threads: usize,
    pub memory_budget_bytes: usize,
    pub extraction: bool,
    pub articles: u64,
    pub text_bytes: u64,
    pub input_bytes: u64,
    pub elapsed_secs: f64,
    pub articles_per_sec: f64,
    pub text_mb_per_sec: f64,
    pub text_mb_per_sec_per_core: f64,
    /// Peak resident memory (VmHWM): anonymous memory plus mmap'ed index files.
    pub peak_rss_bytes: Option<u64>,
    /// Peak anonymous resident memory (heap: buffers, the writer's arena), sampled.
    pub peak_anon_bytes: u64,
    /// Peak file-backed resident memory (mmap'ed segments read by merges), sampled.
    pub peak_file_bytes: u64,
    pub index_bytes: u64,
    pub report: IngestReport,
}

/// Runs an ingest and measures it.
pub fn run(config: &IngestConfig, progress: &dyn Progress) -> anyhow::Result<IngestBench> {
    let sampler = super::RssSampler::start();
    let report = ingest(config, progress)?;
    let (peak_anon_bytes, peak_file_bytes) = sampler.finish();
    let s = &report.stats;
    let articles = s.added + s.updated + s.duplicates;
    Ok(IngestBench {
        machine: Machine::detect(),
        corpus: config.paths.clone(),
        threads: config.num_threads,
        memory_budget_bytes: config.memory_budget_bytes,
        extraction: config.extract.places || config.extract.speakers,
        articles,
        text_bytes: s.text_bytes,
        input_bytes: s.disk_bytes,
        elapsed_secs: report.elapsed_secs,
        articles_per_sec: report.articles_per_sec(),
        text_mb_per_sec: report.text_mb_per_sec(),
        text_mb_per_sec_per_core: report.text_mb_per_sec() / config.num_threads.max(1) as f64,
        peak_rss_bytes: peak_rss_bytes(),
        peak_anon_bytes,
        peak_file_bytes,
        index_bytes: dir_size(&config.index_dir),
        report,
    })
}

impl IngestBench {
    pub fn table(&self) -> String {
        let mut o = String::new();
        let mb = |b: u64| b as f64 / 1e6;
        let _ = writeln!(o, "{}", self.machine.line());
        let _ = writeln!(
            o,
            "corpus: {}",
            self.corpus
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            o,
            "settings: {} threads, writer memory {} MB, extraction {}",
            self.threads,
            self.memory_budget_bytes >> 20,
            if self.extraction { "on" } else { "off" }
        );
        let _ = writeln!(o, "{:<28}{:>14}", "articles", self.articles);
        let _ = writeln!(
            o,
            "{:<28}{:>14.1}",
            "article text (MB)",
            mb(self.text_bytes)
        );
        let _ = writeln!(
            o,
            "{:<28}{:>14.1}",
            "input on disk (MB)",
            mb(self.input_bytes)
        );
        let _ = writeln!(o, "{:<28}{:>14.2}", "elapsed (s)", self.elapsed_secs);
        let _ = writeln!(o, "{:<28}{:>14.0}", "articles/s", self.articles_per_sec);
        let _ = writeln!(o, "{:<28}{:>14.2}", "MB/s of text", self.text_mb_per_sec);
        let _ = writeln!(
            o,
            "{:<28}{:>14.2}",
            "MB/s of text per core", self.text_mb_per_sec_per_core
        );
        let _ = writeln!(
            o,
            "{:<28}{:>14.1}",
            "peak resident memory (MB)",
            self.peak_rss_bytes.map_or(f64::NAN, mb)
        );
        let _ = writeln!(
            o,
            "{:<28}{:>14.1}",
            "  of it anonymous, peak",
            mb(self.peak_anon_bytes)
        );
        let _ = writeln!(
            o,
            "{:<28}{:>14.1}",
            "  mmap'ed files, peak",
            mb(self.peak_file_bytes)
        );
        let _ = writeln!(
            o,
            "{:<28}{:>14.1}",
            "index size on disk (MB)",
            mb(self.index_bytes)
        );
        let st = &self.report.stages;
        let _ = writeln!(o, "time per stage, summed over threads (s):");
        let _ = writeln!(o, "  {:<26}{:>14.2}", "read (+decompress)", st.read);
        let _ = writeln!(o, "  {:<26}{:>14.2}", "parse", st.parse);
        let _ = writeln!(o, "  {:<26}{:>14.2}", "extract", st.extract);
        let _ = writeln!(o, "  {:<26}{:>14.2}", "index (add documents)", st.index);
        let _ = writeln!(o, "  {:<26}{:>14.2}", "commit + merge", st.commit_merge);
        if let Some(w) = &self.report.stats.warc {
            let _ = writeln!(
                o,
                "WARC records {}, pages {}, articles {}, skipped {}",
                w.records,
                w.pages,
                w.articles,
                w.skipped.iter().map(|(_, n)| n).sum::<u64>()
            );
        }
        if self.report.stats.failed > 0 {
            let _ = writeln!(o, "failed articles: {}", self.report.stats.failed);
        }
        o
    }
}
