//! Crash safety: an ingest killed with SIGKILL at any moment leaves an index that
//! opens, and re-running the same command completes it with every article exactly once
//! and no orphaned segment files.

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
fn a_read_only_index_directory_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDir::new();
    t.write("a.jsonl", jsonl("1", "One", "first words", "2026-01-01"));
    t.ingest();
    std::fs::set_permissions(t.index(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = t.index().join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        // Running as root: permissions do not apply, nothing to test here.
        let _ = std::fs::remove_file(probe);
        std::fs::set_permissions(t.index(), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    t.write("b.jsonl", jsonl("2", "Two", "second words", "2026-01-01"));
    let out = t.run(&["index", "--index", "index", "in"]);
    std::fs::set_permissions(t.index(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        all_ids(&t),
        vec!["1".to_string()],
        "the index stays at its last commit"
    );
}
