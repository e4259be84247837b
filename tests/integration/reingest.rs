//! Idempotence: the same dump twice adds nothing; new files add only themselves;
//! a changed article replaces its old version.

use crate::util::*;

#[test]
fn reingesting_the_same_dump_adds_nothing() {
    let t = TestDir::new();
    t.write(
        "a.jsonl",
        jsonl("1", "One", "first words", "2026-01-01")
            + &jsonl("2", "Two", "second words", "2026-01-02"),
    );
    t.write("seed.txt", seed_article());
    let first = t.ingest();
    assert_eq!((first.stats.added, first.num_docs), (3, 3));
    // Unchanged files are skipped by the manifest.
    let second = t.ingest();
    assert_eq!(
        (
            second.stats.added,
            second.stats.files_skipped_unchanged,
            second.num_docs
        ),
        (0, 2, 3)
    );
    // Even when forced to re-read, every article is a duplicate.
    let mut forced = t.config();
    forced.force = true;
    let third = newsdex::ingest::ingest(&forced, &newsdex::ingest::NoProgress).unwrap();
    assert_eq!(
        (third.stats.added, third.stats.duplicates, third.num_docs),
        (0, 3, 3)
    );
}

#[test]
fn the_same_article_in_two_files_is_indexed_once() {
    let t = TestDir::new();
    t.write(
        "a.jsonl",
        jsonl("dup", "Dup", "duplicate words", "2026-01-01"),
    );
    t.write(
        "b.jsonl",
        jsonl("dup", "Dup", "duplicate words", "2026-01-01"),
    );
    let r = t.ingest();
    assert_eq!((r.stats.added, r.stats.duplicates, r.num_docs), (1, 1, 1));
}

#[test]
fn new_files_add_only_their_articles_and_changes_update() {
    let t = TestDir::new();
    t.write("a.jsonl", jsonl("1", "One", "first words", "2026-01-01"));
    t.ingest();
    t.write("b.jsonl", jsonl("2", "Two", "second words", "2026-01-02"));
    let r = t.ingest();
    assert_eq!((r.stats.added, r.stats.files_read, r.num_docs), (1, 1, 2));
    // The same id with new text replaces the old version.
    t.write(
        "c.jsonl",
        jsonl("1", "One", "rewritten words", "2026-01-01"),
    );
    let r = t.ingest();
    assert_eq!((r.stats.updated, r.num_docs), (1, 2));
    assert_eq!(t.query("first").total, 0);
    assert_eq!(t.query("rewritten").total, 1);
}

#[test]
fn an_index_inside_the_input_folder_is_not_read_as_articles() {
    let t = TestDir::new();
    t.write("a.jsonl", jsonl("1", "One", "first words", "2026-01-01"));
    let mut cfg = t.config();
    cfg.index_dir = t.input().join("idx");
    let first = newsdex::ingest::ingest(&cfg, &newsdex::ingest::NoProgress).unwrap();
    cfg.force = true;
    let again = newsdex::ingest::ingest(&cfg, &newsdex::ingest::NoProgress).unwrap();
    assert_eq!(
        (first.stats.failed, again.stats.failed, again.num_docs),
        (0, 0, 1),
        "{:?}",
        again.stats.first_errors
    );
}

#[test]
fn an_index_built_by_another_version_is_refused_with_what_to_do() {
    let t = TestDir::new();
    t.write(
        "a.jsonl",
        jsonl("1", "One", "Organizations met.", "2026-01-01"),
    );
    t.ingest();
    // As version 1 left it: stems of the older English stemmer, no payload.
    let meta_path = t.index().join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    assert_eq!(meta["payload"], "newsdex-schema-6");
    meta["payload"] = serde_json::Value::Null;
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();
    for args in [
        &["search", "--index", "index", "organizations"][..],
        &["index", "--index", "index", "in"][..],
    ] {
        let out = t.run(args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("built by another version of newsdex (newsdex-schema-1")
                && err.contains("delete it and index again"),
            "{err}"
        );
    }
}
