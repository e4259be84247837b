//! Faults stop the pipeline at once with one clear message, and never hang: a disk
//! that fills (behind tantivy's `Directory`, no mount needed), a panic in a worker
//! or in the sink, a sink that fails, and a reader of `newsdex extract` that goes
//! away. Each test carries its own time limit.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsdex::extract::{ExtractOptions, Identified};
use newsdex::ingest::pipeline::{self, Encoder, Flow, Meters, Origin, PipelineConfig, Sink, Work};
use newsdex::ingest::{ingest_into, NoProgress};
use newsdex::schema::NewsSchema;
use newsdex::search::Searchable;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::Directory;

use crate::util::*;

/// Runs `f` on a thread and fails the test if it takes longer than `limit`.
fn within<R: Send + 'static>(limit: Duration, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}: a hang"))
}

/// A directory on a disk with `left` bytes free: writes past that fail with ENOSPC,
/// as a full disk's do.
#[derive(Clone, Debug)]
struct SmallDisk {
    inner: MmapDirectory,
    left: Arc<AtomicI64>,
}

fn no_space() -> std::io::Error {
    std::io::Error::from_raw_os_error(28)
}

impl SmallDisk {
    fn take(&self, n: usize) -> std::io::Result<()> {
        if self.left.fetch_sub(n as i64, Ordering::SeqCst) < n as i64 {
            self.left.store(-1, Ordering::SeqCst);
            return Err(no_space());
        }
        Ok(())
    }
}

struct SmallDiskWriter {
    inner: WritePtr,
    disk: SmallDisk,
}

impl Write for SmallDiskWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.disk.take(buf.len())?;
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for SmallDiskWriter {
    fn terminate_ref(&mut self, token: AntiCallToken) -> std::io::Result<()> {
        self.inner.terminate_ref(token)
    }
}

impl Directory for SmallDisk {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let inner = self.inner.open_write(path)?;
        Ok(std::io::BufWriter::new(Box::new(SmallDiskWriter {
            inner,
            disk: self.clone(),
        })))
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.take(data.len())?;
        self.inner.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }
    fn watch(&self, cb: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(cb)
    }
}

/// High-entropy words: neither the doc store nor the postings compress them away.
fn incompressible_articles(n: u64, from: u64) -> String {
    let word = |i: u64, k: u64| {
        format!(
            "{:016x}",
            (i * 1_000_003 + k).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k << 32)
        )
    };
    (from..from + n)
        .map(|i| {
            let body: Vec<String> = (0..60).map(|k| word(i, k)).collect();
            jsonl(&format!("b{i}"), "Big", &body.join(" "), "2026-01-02")
        })
        .collect()
}

#[test]
fn a_disk_that_fills_stops_the_ingest_with_one_clear_error_at_the_last_commit() {
    let t = TestDir::new();
    t.write("a-small.jsonl", incompressible_articles(50, 0));
    t.write("b-big.jsonl", incompressible_articles(40_000, 50));
    let index_dir = t.index();
    std::fs::create_dir_all(&index_dir).unwrap();
    // Room for the first commit of 50 articles, not for the rest.
    let disk = SmallDisk {
        inner: MmapDirectory::open(&index_dir).unwrap(),
        left: Arc::new(AtomicI64::new(i64::MAX)),
    };
    let index =
        tantivy::Index::create(disk.clone(), NewsSchema::new().schema, Default::default()).unwrap();
    let mut cfg = t.config();
    cfg.paths = vec![t.input().join("a-small.jsonl")];
    let first = ingest_into(&cfg, &index, &NoProgress).unwrap();
    assert_eq!(first.num_docs, 50);

    disk.left.store(3 << 20, Ordering::SeqCst);
    cfg.paths = vec![t.input().join("b-big.jsonl")];
    let started = Instant::now();
    let err = within(Duration::from_secs(60), move || {
        ingest_into(&cfg, &index, &NoProgress).unwrap_err()
    });
    let msg = format!("{err:#}");
    assert!(msg.contains("No space left on device"), "{msg}");
    assert!(msg.contains("the index stays at its last commit"), "{msg}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "stopping took {:?}",
        started.elapsed()
    );
    let s = Searchable::open(&index_dir).expect("the index still opens");
    assert_eq!(
        s.searcher().num_docs(),
        50,
        "the index is at its last commit"
    );
}

/// A sink that records what it gets, and can be told to fail or panic.
struct TestSink {
    written: Vec<String>,
    fail_at: Option<usize>,
    panic_at: Option<usize>,
    panic_on_id: Option<&'static str>,
}

impl TestSink {
    fn new() -> Self {
        TestSink {
            written: Vec::new(),
            fail_at: None,
            panic_at: None,
            panic_on_id: None,
        }
    }
}

struct TestEncoder {
    panic_on_id: Option<&'static str>,
}

impl Encoder for TestEncoder {
    type Item = String;
    fn encode(&self, doc: Identified, _: Origin<'_>, _: &Work<'_>) -> String {
        if Some(doc.id.as_str()) == self.panic_on_id {
            panic!("the test's fault switch");
        }
        doc.id
    }
}

impl Sink for TestSink {
    type Encoder = TestEncoder;
    fn encoder(&self) -> TestEncoder {
        TestEncoder {
            panic_on_id: self.panic_on_id,
        }
    }
    fn write(&mut self, id: String) -> anyhow::Result<Flow> {
        self.written.push(id);
        let n = self.written.len();
        if self.panic_at == Some(n) {
            panic!("the sink's fault switch");
        }
        if self.fail_at == Some(n) {
            anyhow::bail!("the output is gone");
        }
        Ok(Flow::Continue)
    }
}

fn run(
    paths: Vec<PathBuf>,
    sink: &mut TestSink,
    meters: &Meters,
) -> anyhow::Result<pipeline::Ending> {
    let config = PipelineConfig {
        paths,
        num_threads: 2,
        extract: ExtractOptions {
            speakers: false,
            places: false,
        },
        skip_dir: None,
        field_map: Default::default(),
    };
    pipeline::run(&config, sink, &NoProgress, meters)
}

fn many_articles(t: &TestDir, n: usize) -> PathBuf {
    let lines: String = (0..n)
        .map(|i| jsonl(&format!("a{i}"), "T", "Some words of text.", "2026-01-01"))
        .collect();
    t.write("many.jsonl", lines)
}

#[test]
fn a_worker_panic_is_an_internal_error_naming_the_article_not_a_hang() {
    let t = TestDir::new();
    let path = many_articles(&t, 50_000);
    let (err, written) = within(Duration::from_secs(20), move || {
        let mut sink = TestSink::new();
        sink.panic_on_id = Some("a2");
        let err = run(vec![path], &mut sink, &Meters::default()).unwrap_err();
        (format!("{err:#}"), sink.written.len())
    });
    assert!(err.starts_with("internal error while processing "), "{err}");
    assert!(err.contains("many.jsonl:3 (article \"a2\")"), "{err}");
    assert!(err.contains("the test's fault switch"), "{err}");
    // The sink writes in input order: nothing of the failing batch or after it.
    assert_eq!(written, 0, "{written} articles written after a panic");
}

#[test]
fn a_sink_that_fails_or_panics_stops_the_reader_too() {
    let t = TestDir::new();
    let path = many_articles(&t, 200_000);
    let size = std::fs::metadata(&path).unwrap().len();
    for panics in [false, true] {
        let path = path.clone();
        let (err, written, read) = within(Duration::from_secs(20), move || {
            let mut sink = TestSink::new();
            if panics {
                sink.panic_at = Some(10);
            } else {
                sink.fail_at = Some(10);
            }
            let meters = Meters::default();
            let err = run(vec![path], &mut sink, &meters).unwrap_err();
            let read = meters.stats.disk_bytes.load(Ordering::Relaxed);
            (format!("{err:#}"), sink.written.len(), read)
        });
        if panics {
            assert!(err.starts_with("internal error while writing "), "{err}");
            assert!(
                err.contains("many.jsonl:10: the sink's fault switch"),
                "{err}"
            );
        } else {
            assert_eq!(err, "the output is gone");
        }
        assert_eq!(written, 10, "nothing is written after the fault");
        assert!(
            read < size / 2,
            "the reader went on: {read} of {size} bytes"
        );
    }
}

/// Waits for a child, sampling its peak resident memory (`VmHWM`, KiB) as it runs.
/// (`wait4`'s `ru_maxrss` would not do: it keeps the parent's high-water mark
/// across the spawn.)
#[cfg(target_os = "linux")]
fn wait_sampling_memory(child: &mut std::process::Child, limit: Duration) -> (i32, u64) {
    let status_file = format!("/proc/{}/status", child.id());
    let deadline = Instant::now() + limit;
    let mut peak_kib = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            peak_kib = peak_kib.max(hwm.unwrap_or(0));
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (status.code().expect("exited, not killed"), peak_kib);
        }
        assert!(
            Instant::now() < deadline,
            "did not exit within {limit:?}: a hang"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn extract_into_a_closed_pipe_returns_at_once_in_small_memory() {
    let t = TestDir::new();
    // About 200 MB of articles: reading them all takes seconds, holding them all
    // would take hundreds of MB.
    let body = "Officials in Kyiv said talks went well, Mark Rutte said. ".repeat(60);
    let mut f = std::io::BufWriter::new(std::fs::File::create(t.path("big.jsonl")).unwrap());
    for i in 0..60_000 {
        f.write_all(jsonl(&format!("a{i}"), "Talks", &body, "2026-01-01").as_bytes())
            .unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["extract", "--no-places", "big.jsonl"])
        .current_dir(t.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\":\"a0\""), "{first}");
    // The reader is gone (`| head -1`).
    let mut stderr = child.stderr.take().unwrap();
    let (code, max_rss_kib) = wait_sampling_memory(&mut child, Duration::from_secs(20));
    let elapsed = started.elapsed();
    let mut errors = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut errors).unwrap();
    assert_eq!(code, 0, "{errors}");
    assert_eq!(errors, "", "a closed pipe is not an error");
    assert!(
        elapsed < Duration::from_secs(5),
        "took {elapsed:?} after the pipe closed"
    );
    assert!(
        max_rss_kib < 150 << 10,
        "peak memory {} MB: the input was held",
        max_rss_kib >> 10
    );
}
