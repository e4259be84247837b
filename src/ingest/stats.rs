//! Counters of an ingest: what was added, updated, skipped and why things failed.
//! Shared between worker threads as atomics; the first few failures keep their
//! `path:line: reason` message for the report.

use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

/// Why a file or a record could not be indexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The file could not be opened or read.
    Unreadable,
    /// A JSON record that does not parse, or is not an article object.
    MalformedJson,
    /// Invalid UTF-8 or binary data.
    Encoding,
    /// A corrupt or truncated `.gz` / `.zst` stream.
    Compression,
    /// A record larger than the size limit.
    TooLarge,
    /// An article without text (or an empty file).
    NoText,
    /// The index refused the document.
    Index,
}

impl FailureKind {
    pub const ALL: [FailureKind; 7] = [
        FailureKind::Unreadable,
        FailureKind::MalformedJson,
        FailureKind::Encoding,
        FailureKind::Compression,
        FailureKind::TooLarge,
        FailureKind::NoText,
        FailureKind::Index,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FailureKind::Unreadable => "unreadable",
            FailureKind::MalformedJson => "malformed_json",
            FailureKind::Encoding => "encoding",
            FailureKind::Compression => "compression",
            FailureKind::TooLarge => "too_large",
            FailureKind::NoText => "no_text",
            FailureKind::Index => "index",
        }
    }

    fn slot(self) -> usize {
        FailureKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(0)
    }
}

/// How many failure messages are kept for the report (all are counted).
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
    failures: [AtomicU64; 7],
    messages: Mutex<Vec<String>>,
}

impl IngestStats {
    /// Counts a failure and keeps its message if there is room.
    pub fn fail(&self, kind: FailureKind, message: String) {
        self.failures[kind.slot()].fetch_add(1, Relaxed);
        if let Ok(mut m) = self.messages.lock() {
            if m.len() < MAX_KEPT_MESSAGES {
                m.push(message);
            }
        }
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
            first_errors: self.messages.lock().map(|m| m.clone()).unwrap_or_default(),
        }
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
    pub first_errors: Vec<String>,
}
