//! Crash safety: an ingest killed with SIGKILL at any moment leaves an index that
//! opens, and re-running the same command completes it with every article exactly once
//! and no orphaned segment files. The binary's clear errors on a read-only and on a
//! full disk are tested on a small tmpfs: mounting needs root, so those two tests are
//! `#[ignore]`d by `cargo test` and run by `.ci/run` (`--ignored`); `faults.rs` tests
//! a full disk without a mount.

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use newsdex::search::{SearchRequest, Searchable};

use crate::util::*;

const ARTICLES: usize = 4000;

fn write_corpus(t: &TestDir) {
    for f in 0..8 {
        let mut s = String::new();
        for i in 0..ARTICLES / 8 {
            let n = f * (ARTICLES / 8) + i;
            s += &jsonl(
                &format!("a{n}"),
                &format!("Article {n}"),
                &format!("Officials in Kyiv said on Monday that talks {n} with Poland went well, Mark Rutte said. Words {n} more words. ").repeat(8),
                "2026-01-01",
            );
        }
        t.write(&format!("part{f}.jsonl"), s);
    }
}

fn all_ids(t: &TestDir) -> Vec<String> {
    let s = Searchable::open(&t.index()).expect("the index opens after a crash");
    let mut req = SearchRequest::new("");
    req.limit = 1000;
    req.snippets = false;
    // Every article, also those the search would fold together as copies (the
    // corpus's articles differ in a number).
    req.collapse = false;
    let mut ids = Vec::new();
    loop {
        let page = s.search(&req).unwrap();
        let n = page.hits.len();
        ids.extend(page.hits.into_iter().map(|h| h.id));
        if n < req.limit {
            break;
        }
        req.offset += n;
    }
    ids
}

/// Segment files on disk that meta.json does not list (and would grow on every crash).
fn orphan_files(t: &TestDir) -> Vec<String> {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.index().join("meta.json")).unwrap()).unwrap();
    let live: HashSet<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    std::fs::read_dir(t.index())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let stem = name.split('.').next().unwrap_or("");
            stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit()) && !live.contains(stem)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn sigkill_at_several_points_then_rerun_gives_each_article_once() {
    let mut interrupted = 0;
    for kill_after_ms in [100u64, 300, 600, 1000] {
        let t = TestDir::new();
        write_corpus(&t);
        let args = [
            "index",
            "--index",
            "index",
            "in",
            "--commit-every",
            "300",
            "--threads",
            "2",
            "-q",
        ];
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(args)
            .current_dir(t.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(kill_after_ms));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill(); // SIGKILL on unix
        let _ = child.wait();
        if t.index().join("meta.json").exists() {
            // Whatever was committed is readable and holds no duplicate.
            let ids = all_ids(&t);
            let unique: HashSet<&String> = ids.iter().collect();
            assert_eq!(
                unique.len(),
                ids.len(),
                "duplicates after a kill at {kill_after_ms} ms"
            );
        }
        let out = t.run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "re-run after kill at {kill_after_ms} ms: {}",
            stderr(&out)
        );
        let ids = all_ids(&t);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(ids.len(), ARTICLES, "kill at {kill_after_ms} ms");
        assert_eq!(unique.len(), ARTICLES, "kill at {kill_after_ms} ms");
        assert_eq!(
            orphan_files(&t),
            Vec::<String>::new(),
            "kill at {kill_after_ms} ms"
        );
    }
    assert!(
        interrupted >= 2,
        "only {interrupted} kills hit a running ingest: make the corpus bigger"
    );
}

#[test]
fn a_second_writer_fails_at_once_with_a_clear_message() {
    let t = TestDir::new();
    t.write("a.jsonl", jsonl("1", "One", "first words", "2026-01-01"));
    t.ingest();
    let index = tantivy::Index::open_in_dir(t.index()).unwrap();
    // Setup retries: other tests spawn child processes, and a child briefly shares
    // the parent's descriptors (and so its file locks) between fork and exec.
    let mut writer = None;
    for _ in 0..100 {
        match index.writer::<tantivy::TantivyDocument>(50_000_000) {
            Ok(w) => {
                writer = Some(w);
                break;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let _writer = writer.expect("the test takes the writer lock");
    let out = t.run(&["index", "--index", "index", "in", "--force"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("another newsdex"), "{}", stderr(&out));
    drop(_writer);
    assert_eq!(all_ids(&t), vec!["1".to_string()], "the index is unharmed");
}

#[cfg(unix)]
#[test]
#[ignore = "mounts a tmpfs: needs root (.ci/run runs it)"]
fn a_read_only_index_directory_is_a_clear_error() {
    // A tmpfs remounted read-only: permissions alone do not stop root, who runs CI.
    let t = TestDir::new();
    let disk = Tmpfs::mount(t.path("disk"), "16m").expect("mount a tmpfs (needs root)");
    t.write("a.jsonl", jsonl("1", "One", "first words", "2026-01-01"));
    let index = disk.dir.join("index");
    let index_arg = index.to_str().unwrap();
    assert_eq!(
        t.run(&["index", "--index", index_arg, "in/a.jsonl", "-q"])
            .status
            .code(),
        Some(0)
    );
    let remount = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.dir)
        .status()
        .unwrap();
    assert!(remount.success());
    t.write("b.jsonl", jsonl("2", "Two", "second words", "2026-01-01"));
    let out = t.run(&["index", "--index", index_arg, "in/b.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).to_lowercase().contains("read-only"),
        "{}",
        stderr(&out)
    );
    // Searching needs a writable directory too (tantivy's reader takes a lock file):
    // make it writable again to check what the failed ingest left.
    assert!(Command::new("mount")
        .args(["-o", "remount,rw"])
        .arg(&disk.dir)
        .status()
        .unwrap()
        .success());
    let s = Searchable::open(&index).expect("the index still opens");
    assert_eq!(
        s.searcher().num_docs(),
        1,
        "the index stays at its last commit"
    );
}

/// A small tmpfs, unmounted when dropped.
struct Tmpfs {
    dir: std::path::PathBuf,
}

impl Tmpfs {
    fn mount(dir: std::path::PathBuf, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(&dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .status()
            .ok()?
            .success();
        ok.then_some(Tmpfs { dir })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

#[cfg(unix)]
#[test]
#[ignore = "mounts a tmpfs: needs root (.ci/run runs it)"]
fn a_full_disk_is_a_clear_error_and_the_index_stays_at_its_last_commit() {
    let t = TestDir::new();
    let disk = Tmpfs::mount(t.path("disk"), "6m").expect("mount a tmpfs (needs root)");
    let small: String = (0..50)
        .map(|i| {
            jsonl(
                &format!("s{i}"),
                "Small",
                &"Small article text about Kyiv. ".repeat(20),
                "2026-01-01",
            )
        })
        .collect();
    t.write("small.jsonl", small);
    let index = disk.dir.join("index");
    let index_arg = index.to_str().unwrap();
    let out = t.run(&["index", "--index", index_arg, "in/small.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // High-entropy words: neither the doc store nor the postings compress them away.
    let word = |i: u64, k: u64| {
        format!(
            "{:016x}",
            (i * 1_000_003 + k).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k << 32)
        )
    };
    let big: String = (0..20_000u64)
        .map(|i| {
            jsonl(
                &format!("b{i}"),
                "Big",
                &(0..60).map(|k| word(i, k)).collect::<Vec<_>>().join(" "),
                "2026-01-02",
            )
        })
        .collect();
    t.write("big.jsonl", big);
    let out = t.run(&[
        "index",
        "--index",
        index_arg,
        "in/big.jsonl",
        "-q",
        "--memory",
        "50MB",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No space left on device"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("the index stays at its last commit"),
        "{}",
        stderr(&out)
    );
    let s = Searchable::open(&index).expect("the index still opens");
    assert_eq!(
        s.searcher().num_docs(),
        50,
        "the index is at its last commit"
    );
}
