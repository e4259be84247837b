//! `newsdex extract` prints what the index stores, one JSON object per article.

use crate::util::*;

#[test]
fn extract_prints_the_seed_articles_speakers_places_and_date() {
    let t = TestDir::new();
    t.write("seed.txt", seed_article());
    let out = t.run(&["extract", "in/seed.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["date"], "2026-02-04");
    let speakers: Vec<&str> = v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        speakers.contains(&"Volodymyr Zelenskyy") && speakers.contains(&"Mark Rutte"),
        "{speakers:?}"
    );
    let paths: Vec<&str> = v["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    for want in [
        "/Europe/Ukraine/Kyiv City/Kyiv",
        "/Europe/Ukraine",
        "/Asia/United Arab Emirates",
    ] {
        assert!(paths.contains(&want), "{want} not in {paths:?}");
    }
    let kyiv = v["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Kyiv")
        .unwrap();
    assert_eq!(kyiv["geonameid"], 703448);
}

#[test]
fn the_index_stores_exactly_what_extract_prints() {
    let t = TestDir::new();
    t.write("seed.txt", seed_article());
    let printed = stdout(&t.run(&["extract", "in/seed.txt"]));
    let printed: newsdex::extract::ExtractOutput = serde_json::from_str(printed.trim()).unwrap();
    t.ingest();
    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    let stored = s.article(&printed.id).unwrap().unwrap().extraction.unwrap();
    assert_eq!(
        serde_json::to_value(&stored).unwrap(),
        serde_json::to_value(&printed).unwrap()
    );
    let hit = &t.query("Zelenskyy").hits[0];
    let mut facet_speakers = hit.speakers.clone();
    facet_speakers.sort();
    let mut names: Vec<String> = printed.speakers.iter().map(|s| s.name.clone()).collect();
    names.sort();
    assert_eq!(facet_speakers, names);
}
