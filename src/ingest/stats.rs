//! Counters of an ingest: what was added, updated, skipped and why input failed.
//! Shared between the pipeline's threads as atomics; every failure is counted by
//! kind, and the first [`MAX_KEPT_MESSAGES`] keep their `path:line: reason` message
//! for the report.

use serde::Serialize;

pub use super::failure::{FailureKind, Located};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

/// How many failure messages are kept and printed (all are counted).
pub const MAX_KEPT_MESSAGES: usize = 100;

/// Live counters of one ingest run.
#[derive(Default)]
pub struct IngestStats {
    pub files_seen: AtomicU64,
    pub files_read: AtomicU64,
    pub files_skipped_unchanged: AtomicU64,
    pub added: AtomicU64,
    pub updated: AtomicU64,
    pub duplicates: AtomicU64,
    pub bad_dates: AtomicU64,
    pub text_bytes: AtomicU64,
    pub disk_bytes: std::sync::Arc<AtomicU64>,
    pub commits: AtomicU64,
    /// What WARC files held.
    pub warc: super::warc::WarcCounts,
    failures: [AtomicU64; 9],
    messages: Mutex<Vec<String>>,
}

impl IngestStats {
    /// Counts a failure and keeps its message if there is room; returns whether it
    /// was kept (the caller prints those).
    pub fn fail(&self, failure: &Located) -> bool {
        self.failures[failure.kind.slot()].fetch_add(1, Relaxed);
        let mut m = self.messages.lock().unwrap_or_else(|e| e.into_inner());
        let keep = m.len() < MAX_KEPT_MESSAGES;
        if keep {
            m.push(failure.to_string());
        }
        keep
    }

    pub fn failed(&self, kind: FailureKind) -> u64 {
        self.failures[kind.slot()].load(Relaxed)
    }

    pub fn failed_total(&self) -> u64 {
        self.failures.iter().map(|f| f.load(Relaxed)).sum()
    }

    pub fn articles_done(&self) -> u64 {
        self.added.load(Relaxed) + self.updated.load(Relaxed) + self.duplicates.load(Relaxed)
    }

    /// A plain copy for reports.
    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            files_seen: self.files_seen.load(Relaxed),
            files_read: self.files_read.load(Relaxed),
            files_skipped_unchanged: self.files_skipped_unchanged.load(Relaxed),
            added: self.added.load(Relaxed),
            updated: self.updated.load(Relaxed),
            duplicates: self.duplicates.load(Relaxed),
            failed: self.failed_total(),
            failed_by_kind: FailureKind::ALL
                .iter()
                .filter(|k| self.failed(**k) > 0)
                .map(|k| (k.label().to_string(), self.failed(*k)))
                .collect(),
            bad_dates: self.bad_dates.load(Relaxed),
            text_bytes: self.text_bytes.load(Relaxed),
            disk_bytes: self.disk_bytes.load(Relaxed),
            commits: self.commits.load(Relaxed),
            warc: self.warc.snapshot(),
            first_errors: self.messages.lock().map(|m| m.clone()).unwrap_or_default(),
        }
    }
}

impl StatsSnapshot {
    /// Failures counted but not in `first_errors` (nor printed).
    pub fn errors_not_shown(&self) -> u64 {
        self.failed.saturating_sub(self.first_errors.len() as u64)
    }
}

/// The counters at one moment, as plain numbers.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StatsSnapshot {
    pub files_seen: u64,
    pub files_read: u64,
    pub files_skipped_unchanged: u64,
    pub added: u64,
    pub updated: u64,
    pub duplicates: u64,
    pub failed: u64,
    pub failed_by_kind: Vec<(String, u64)>,
    pub bad_dates: u64,
    pub text_bytes: u64,
    pub disk_bytes: u64,
    pub commits: u64,
    /// Records read from WARC files, pages and articles made, skipped records by kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warc: Option<super::warc::WarcSnapshot>,
    pub first_errors: Vec<String>,
}
