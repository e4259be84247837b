//! Near-duplicate articles: a story re-issued by other outlets is one cluster, a
//! search folds it into one result ("+N similar") unless asked not to, a later run
//! finds copies of what an earlier one indexed, and `newsdex dups` shows how the
//! story spread.

use crate::http::start;
use crate::util::*;

const STORY: &str = "The port authority said on Tuesday that the harbour dredging project \
    would be delayed by at least eight months after engineers found old munitions on the \
    seabed near the northern breakwater. Navy divers will survey the area before any work \
    resumes, and shipping lanes will stay open with a speed limit for large vessels. Local \
    fishermen said the delay would cost them a season, and the harbour council asked the \
    government for compensation. The project, which will deepen the channel for container \
    ships, was due to finish next spring at a cost of 740 million euros.";

const OTHER: &str = "Rain and strong winds closed two mountain passes on Tuesday, and \
    several villages were cut off for hours while crews cleared fallen rocks from the roads. \
    Schools in the valley sent pupils home early, and the weather service warned that more \
    storms could follow on Thursday. Farmers said the rain came too late for this year's \
    harvest, which a dry summer had already cut by a third.";

fn article(id: &str, source: &str, text: &str, date: &str) -> String {
    serde_json::json!({"id": id, "title": format!("Article {id}"), "text": text,
        "date": date, "source": source})
    .to_string()
        + "\n"
}

pub fn corpus(t: &TestDir) {
    let copy =
        format!("HARBOUR CITY (Wire) - {STORY}\n\nCopyright 2026 Wire. All rights reserved.");
    t.write(
        "a.jsonl",
        article("first", "wire.example", STORY, "2026-03-03")
            + &article("copy", "daily.example", &copy, "2026-03-04")
            + &article("other", "daily.example", OTHER, "2026-03-04"),
    );
}

#[test]
fn copies_are_one_result_with_the_others_a_click_away() {
    let t = TestDir::new();
    corpus(&t);
    let report = t.ingest();
    assert_eq!(report.stats.added, 3);

    let found = t.query("harbour dredging");
    assert_eq!(found.total, 2, "both copies match");
    assert_eq!(found.hits.len(), 1, "folded into one result");
    let hit = &found.hits[0];
    assert_eq!(hit.similar, 1);
    let cluster = hit
        .cluster
        .clone()
        .expect("a hit with copies names its cluster");
    assert!(t.query("mountain passes").hits[0].cluster.is_none());

    let mut all = newsdex::search::SearchRequest::new("harbour dredging");
    all.collapse = false;
    assert_eq!(t.search(&all).hits.len(), 2);

    // The CLI: "+1 similar", --no-collapse, --cluster.
    let out = t.run(&["search", "--index", "index", "harbour dredging"]);
    assert!(stdout(&out).contains(&format!("+1 similar (newsdex search --cluster {cluster}")));
    let out = t.run(&[
        "search",
        "--index",
        "index",
        "harbour dredging",
        "--no-collapse",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let out = t.run(&[
        "search",
        "--index",
        "index",
        "--cluster",
        &cluster,
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["copy", "first"]);
    let out = t.run(&["search", "--index", "index", "--cluster", "nothex"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    // `newsdex dups`: the story, its sources, first and last date.
    let out = t.run(&["dups", "--index", "index", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["copied"], 2);
    let c = &v["largest"][0];
    assert_eq!(c["cluster"], cluster.as_str());
    assert_eq!(c["size"], 2);
    assert_eq!(c["representative"]["id"], "first");
    assert!(c["first"].as_str().unwrap().starts_with("2026-03-03"));
    assert!(c["last"].as_str().unwrap().starts_with("2026-03-04"));
    assert_eq!(c["sources"].as_array().unwrap().len(), 2);
    let text = stdout(&t.run(&["dups", "--index", "index"]));
    assert!(
        text.contains("2 of 3 articles have a copy, in 1 stories"),
        "{text}"
    );

    // The API folds by default, `collapse=false` shows all, `cluster=` one story.
    let s = start(t);
    let (_, v) = s.get("/api/search?q=harbour+dredging");
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    assert_eq!(v["hits"][0]["similar"], 1);
    let (_, v) = s.get("/api/search?q=harbour+dredging&collapse=false");
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let (_, v) = s.get(&format!("/api/search?cluster={cluster}"));
    assert_eq!(v["total"], 2);
    let (code, _) = s.get("/api/search?cluster=zz");
    assert_eq!(code, 400);
}

#[test]
fn a_later_run_finds_copies_of_what_an_earlier_one_indexed() {
    let t = TestDir::new();
    corpus(&t);
    t.ingest();
    let cluster = t.query("harbour dredging").hits[0].cluster.clone().unwrap();
    // Re-running adds nothing, and the clusters stay.
    let again = t.ingest();
    assert_eq!(again.stats.added, 0);
    let trimmed = &STORY[..STORY.find("The project").unwrap()];
    t.write(
        "b.jsonl",
        article(
            "later",
            "weekly.example",
            &format!("By Staff\n\n{trimmed}"),
            "2026-03-09",
        ),
    );
    assert_eq!(t.ingest().stats.added, 1);
    let found = t.query("harbour dredging");
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].similar, 2);
    assert_eq!(found.hits[0].cluster.as_deref(), Some(cluster.as_str()));

    // An updated copy replaces its old version: the story still has three articles
    // (the old version's posting is deleted, not yet merged away).
    let copy = format!("HARBOUR CITY (Wire) - {STORY}\n\nUpdated with more detail later.");
    t.write(
        "a.jsonl",
        article("first", "wire.example", STORY, "2026-03-03")
            + &article("copy", "daily.example", &copy, "2026-03-04")
            + &article("other", "daily.example", OTHER, "2026-03-04"),
    );
    let report = t.ingest();
    assert_eq!((report.stats.added, report.stats.updated), (0, 1));
    let mut all = newsdex::search::SearchRequest::new("harbour dredging");
    all.collapse = false;
    assert_eq!(t.search(&all).hits.len(), 3);
    assert_eq!(t.query("harbour dredging").hits[0].similar, 2);
}
