//! WARC files: every file of `../shared/web/warc` (well-formed, charset cases,
//! hostile) is read without a panic, and gives the records, articles, broken
//! records and skipped records by kind that its `MANIFEST.json` expects; the pages'
//! "with" snippets of the trafilatura evaluation are found in the articles' text
//! (so charsets and codings were undone). Then an index of a WARC file, re-run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsdex::extract::ExtractOptions;
use newsdex::ingest::extract_jsonl;
use newsdex::ingest::pipeline::PipelineConfig;
use serde_json::Value;

use crate::util::*;

fn web_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/web");
    assert!(
        dir.join("warc/MANIFEST.json").is_file(),
        "the tests read ../shared/web (the shared data beside the repository)"
    );
    dir
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_shared_warc_file_gives_what_its_manifest_expects() {
    let web = web_dir();
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(web.join("warc/MANIFEST.json")).unwrap()).unwrap();
    let eval: Value =
        serde_json::from_slice(&std::fs::read(web.join("trafilatura-eval/eval.json")).unwrap())
            .unwrap();
    let (mut snippets, mut found) = (0, 0);
    let mut files = 0;
    for (name, want) in manifest.as_object().unwrap() {
        if name == "about" {
            continue;
        }
        files += 1;
        let path = web.join("warc").join(name);
        let mut out = Vec::new();
        let options = ExtractOptions {
            speakers: false,
            places: false,
        };
        let config = PipelineConfig {
            paths: vec![path],
            num_threads: 2,
            extract: options,
            skip_dir: None,
            field_map: Default::default(),
        };
        let (_, stats) = extract_jsonl(config, true, &mut out, &newsdex::ingest::NoProgress)
            .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let kinds: HashMap<String, u64> = stats.failed_by_kind.iter().cloned().collect();
        let warc = stats.warc.clone().unwrap_or_default();
        let skipped: HashMap<String, u64> = warc.skipped.iter().cloned().collect();
        let n = |v: &Value| v.as_u64().unwrap();
        assert_eq!(warc.records, n(&want["records"]), "{name}: records");
        assert_eq!(
            lines.len() as u64,
            n(&want["articles_expected"]),
            "{name}: articles {:?}",
            stats.first_errors
        );
        assert_eq!(
            kinds.get("broken_record").copied().unwrap_or(0),
            n(&want["broken"]),
            "{name}: broken {:?}",
            stats.first_errors
        );
        assert_eq!(warc.truncated, n(&want["truncated"]), "{name}: truncated");
        for (kind, count) in want["skipped"].as_object().unwrap() {
            assert_eq!(
                skipped.get(kind).copied().unwrap_or(0),
                n(count),
                "{name}: skipped {kind}"
            );
        }
        if name == "not-a-warc.warc.gz" {
            assert_eq!(kinds.get("not_warc"), Some(&1), "{name}");
        }
        // Every article carries its capture's URL, fetch time and WARC offset.
        let by_url: HashMap<&str, &Value> = lines
            .iter()
            .map(|l| (l["url"].as_str().unwrap(), l))
            .collect();
        for article in want["articles"].as_array().into_iter().flatten() {
            let Some(got) = by_url.get(article["uri"].as_str().unwrap()) else {
                continue; // a broken one
            };
            assert!(
                got["fetched"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("2024-05-13")),
                "{name}: {got}"
            );
            assert!(got["offset"].is_u64(), "{name}");
            let Some(page) = article["page"].as_str() else {
                continue;
            };
            let text = collapse(got["text"].as_str().unwrap());
            for s in eval[page]["with"].as_array().into_iter().flatten() {
                snippets += 1;
                found += text.contains(&collapse(s.as_str().unwrap())) as usize;
            }
        }
    }
    assert_eq!(files, 20);
    // Main text is extracted as on the HTML pages themselves (recall ~0.93 there):
    // snippets missing because of a charset or a coding would drag this down.
    let recall = found as f64 / snippets as f64;
    assert!(recall > 0.85, "{found} of {snippets} 'with' snippets found");
}

#[test]
fn a_warc_file_is_indexed_once_and_its_pages_are_searchable_with_their_capture() {
    let web = web_dir();
    let t = TestDir::new();
    std::fs::create_dir_all(t.input()).unwrap();
    std::fs::copy(
        web.join("warc/good-per-record.warc.gz"),
        t.input().join("CC-NEWS-test.warc.gz"),
    )
    .unwrap();
    let first = t.ingest();
    assert_eq!(first.stats.added, 55, "{:?}", first.stats.first_errors);
    let warc = first.stats.warc.clone().unwrap();
    assert_eq!((warc.records, warc.pages, warc.articles), (200, 55, 55));
    // The summary says what the WARC file held.
    let out = t.run(&["index", "--index", "index2", "in", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["stats"]["warc"]["records"], 200);
    assert_eq!(
        report["stats"]["warc"]["skipped"][0],
        serde_json::json!(["warcinfo", 1])
    );
    // Re-runs add nothing: by the manifest, and by id (from the URL) with --force.
    assert_eq!(t.ingest().stats.added, 0);
    let mut forced = t.config();
    forced.force = true;
    let again = newsdex::ingest::ingest(&forced, &newsdex::ingest::NoProgress).unwrap();
    assert_eq!((again.stats.added, again.stats.duplicates), (0, 55));
    let hit = &t.query("multivitamin").hits[0];
    assert!(hit
        .url
        .as_deref()
        .unwrap()
        .starts_with("https://www.thelist.com/"));
    assert_eq!(hit.source.as_deref(), Some("www.thelist.com"));
}
