//! Search: ranking, filters, facets, snippets, the JSON shape and query errors.

use newsdex::search::{SearchRequest, SortBy};

use crate::util::*;

fn corpus() -> TestDir {
    let t = news_corpus();
    t.write(
        "storm.jsonl",
        jsonl(
            "storm-1",
            "Storm in Texas",
            "A storm hit Houston, Texas, on Monday, cutting power to thousands.",
            "2026-01-12",
        ),
    );
    t.write("sourced.json", r#"{"id":"src-1","title":"Energy prices","maintext":"Energy prices rose in Germany.","source_domain":"www.example.de","date_publish":"2026-01-11"}"#);
    t.ingest();
    t
}

#[test]
fn bm25_ranks_and_title_matches_rank_first() {
    let t = corpus();
    let r = t.query("drone");
    assert_eq!(
        r.total,
        3,
        "{:?}",
        r.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    assert_eq!(r.hits[0].id, "kyiv-1", "title match first");
    assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn boolean_and_phrase_queries() {
    let t = corpus();
    assert_eq!(t.query("drone AND lviv").total, 1);
    assert_eq!(t.query("drone -lviv").total, 2);
    assert_eq!(t.query("\"coalition of the willing\"").total, 1);
    assert_eq!(t.query("\"willing coalition\"").total, 0);
    assert_eq!(t.query("title:storm").total, 1);
}

#[test]
fn filters_by_date_speaker_place_and_source() {
    let t = corpus();
    let mut r = SearchRequest::new("");
    r.limit = 100;
    // --from 2026-01-01 --to 2026-01-11: the last day is included whole.
    r.from = Some(newsdex::search::parse_bound("2026-01-01", false).unwrap());
    r.to = Some(newsdex::search::parse_bound("2026-01-11", true).unwrap());
    let ids: Vec<String> = t.search(&r).hits.into_iter().map(|h| h.id).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&"kyiv-1".to_string()) && ids.contains(&"src-1".to_string()));

    let mut r = SearchRequest::new("");
    r.speakers = vec!["Zelenskyy".into()];
    let hits = t.search(&r).hits;
    assert_eq!(hits.len(), 1);
    assert!(hits[0]
        .speakers
        .contains(&"Volodymyr Zelenskyy".to_string()));

    let mut r = SearchRequest::new("");
    r.limit = 100;
    r.places = vec!["/Europe/Ukraine".into()];
    let mut ids: Vec<String> = t.search(&r).hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    assert!(
        ids.contains(&"lviv-1".to_string()) && ids.contains(&"kyiv-1".to_string()),
        "{ids:?}"
    );
    assert!(!ids.contains(&"paris-1".to_string()));

    let mut r = SearchRequest::new("");
    r.places = vec!["Kyiv".into()];
    assert!(t
        .search(&r)
        .hits
        .iter()
        .all(|h| h.places.iter().any(|p| p.ends_with("/Kyiv"))));

    let mut r = SearchRequest::new("energy");
    r.sources = vec!["www.example.de".into()];
    assert_eq!(t.search(&r).total, 1);
}

#[test]
fn facets_count_the_whole_result_set_and_drill_down() {
    let t = corpus();
    let mut r = SearchRequest::new("");
    r.facets = true;
    r.limit = 1;
    let resp = t.search(&r);
    let f = resp.facets.unwrap();
    let europe = f
        .places
        .iter()
        .find(|c| c.label == "Europe")
        .expect("Europe facet");
    assert!(europe.count >= 3, "{:?}", f.places);
    assert!(f.speakers.iter().any(|c| c.label == "Mark Rutte"));
    r.places = vec!["/Europe".into()];
    let f = t.search(&r).facets.unwrap();
    assert_eq!(f.place_parent, "/Europe");
    assert!(
        f.places.iter().any(|c| c.path == "/Europe/Ukraine"),
        "{:?}",
        f.places
    );
    let h = resp.histogram.unwrap();
    assert_eq!(
        h.buckets.iter().map(|b| b.count).sum::<u64>() + h.undated,
        resp.total as u64
    );
}

#[test]
fn snippets_highlight_query_terms_and_sort_by_date() {
    let t = corpus();
    let r = t.query("shelters");
    let s = &r.hits[0].snippets[0];
    let [a, b] = s.highlights[0];
    assert_eq!(&s.text[a..b], "shelters");
    let mut req = SearchRequest::new("");
    req.sort = SortBy::Date;
    req.limit = 3;
    let dates: Vec<String> = t
        .search(&req)
        .hits
        .into_iter()
        .filter_map(|h| h.date)
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn the_binary_prints_snippets_facets_and_json() {
    let t = corpus();
    let out = t.run(&["search", "--index", "index", "Kyiv", "--facets"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("**Kyiv**"), "{text}");
    assert!(text.contains("places under /:"), "{text}");
    let out = t.run(&[
        "search", "--index", "index", "Kyiv", "--facets", "--json", "--limit", "2",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v["total"].as_u64().unwrap() >= 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    for key in [
        "rank", "score", "id", "title", "date", "snippets", "speakers", "places",
    ] {
        assert!(v["hits"][0].get(key).is_some(), "hit lacks {key}");
    }
    assert!(v["facets"]["places"].is_array() && v["histogram"]["buckets"].is_array());
    assert!(v["elapsed_ms"].is_number());
}

#[test]
fn query_syntax_errors_exit_2_with_a_message() {
    let t = corpus();
    let out = t.run(&["search", "--index", "index", "nosuchfield:foo"]);
    assert_eq!(out.status.code(), Some(2));
    // The message is for people: tantivy's Display text, not its Debug form.
    assert!(
        stderr(&out).contains("invalid query: Field does not exist: 'nosuchfield'"),
        "{}",
        stderr(&out)
    );
    let out = t.run(&[
        "search",
        "--index",
        "index",
        "drone",
        "--from",
        "not a date",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = t.run(&["search", "--index", "no-index-here", "drone"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("no newsdex index"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn queries_that_crash_tantivys_grammar_are_query_errors() {
    // Minimal input found by the property test (tantivy issue #3031).
    let t = corpus();
    let out = t.run(&["search", "--index", "index", "--", "- *}"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid query"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

/// Facet counts and the histogram equal a count made by hand from every matching hit,
/// over several segments with a deleted (updated) document, for queries that take
/// the two-pass path (terms, OR) and the one-pass path (AND, phrase, filters, date
/// order), at the top level and under a place filter.
#[test]
fn facet_counts_equal_a_count_of_every_hit() {
    use std::collections::HashMap;
    let t = TestDir::new();
    let lines = wikinews_in_three_segments(&t);
    // An updated article: its old version is deleted, the new one added.
    let mut first: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    let text = first["text"].as_str().unwrap_or_default().to_string();
    first["text"] = format!("{text} Updated.").into();
    t.write("part-0.jsonl", first.to_string() + "\n");
    t.ingest();

    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    let cases: &[(&str, &[&str], SortBy)] = &[
        ("", &[], SortBy::Relevance),
        ("said", &[], SortBy::Relevance),
        ("said OR police", &[], SortBy::Relevance),
        ("+said +police", &[], SortBy::Relevance),
        ("\"prime minister\"", &[], SortBy::Relevance),
        ("said", &["/Europe"], SortBy::Relevance),
        ("", &["/North America"], SortBy::Date),
    ];
    for &(q, places, sort) in cases {
        let mut all = SearchRequest::new(q);
        all.places = places.iter().map(|p| p.to_string()).collect();
        all.sort = sort;
        all.limit = 1000;
        all.snippets = false;
        let hits = s.search(&all).unwrap();
        assert!(hits.total > 0 && hits.total == hits.hits.len(), "{q}");
        let mut counted = all.clone();
        counted.limit = 1;
        counted.facets = true;
        counted.facet_size = 100_000;
        let resp = s.search(&counted).unwrap();
        assert_eq!(resp.total, hits.total, "{q}");
        let facets = resp.facets.unwrap();
        assert!(facets.exact, "a small result set is counted exactly");
        let parent = facets.place_parent.clone();

        let mut speakers: HashMap<String, u64> = HashMap::new();
        let mut sources: HashMap<String, u64> = HashMap::new();
        let mut children: HashMap<String, u64> = HashMap::new();
        for h in &hits.hits {
            for sp in &h.speakers {
                *speakers.entry(format!("/{sp}")).or_default() += 1;
            }
            if let Some(src) = &h.source {
                *sources.entry(format!("/{src}")).or_default() += 1;
            }
            let mut seen: Vec<&str> = h
                .places
                .iter()
                .filter_map(|p| newsdex::search::tables::child_under(p, &parent))
                .collect();
            seen.sort();
            seen.dedup();
            for c in seen {
                *children.entry(c.to_string()).or_default() += 1;
            }
        }
        let got = |v: &[newsdex::search::facets::FacetCount]| -> HashMap<String, u64> {
            v.iter().map(|c| (c.path.clone(), c.count)).collect()
        };
        assert_eq!(got(&facets.speakers), speakers, "speakers of {q:?}");
        assert_eq!(got(&facets.sources), sources, "sources of {q:?}");
        assert_eq!(
            got(&facets.places),
            children,
            "places of {q:?} under {parent}"
        );
        // Most frequent first.
        assert!(facets.speakers.windows(2).all(|w| w[0].count >= w[1].count));

        let h = resp.histogram.unwrap();
        let width = match h.interval {
            newsdex::search::histogram::Interval::Day => 10,
            newsdex::search::histogram::Interval::Month => 7,
            newsdex::search::histogram::Interval::Year => 4,
        };
        let mut days: HashMap<String, u64> = HashMap::new();
        let mut undated = 0;
        for hit in &hits.hits {
            match &hit.date {
                Some(d) => *days.entry(d[..width].to_string()).or_default() += 1,
                None => undated += 1,
            }
        }
        let buckets: HashMap<String, u64> = h
            .buckets
            .iter()
            .filter(|b| b.count > 0)
            .map(|b| (b.key.clone(), b.count))
            .collect();
        assert_eq!(buckets, days, "histogram of {q:?}");
        assert_eq!(h.undated, undated, "undated of {q:?}");
    }
}

/// Long articles: the snippet comes from around the first real occurrence of a query
/// term (stemmed), past false leads that only start like it.
#[test]
fn snippets_of_long_articles_find_late_and_stemmed_terms() {
    let t = TestDir::new();
    let filler = "The council met again and discussed the budget at length. ".repeat(60);
    let body = format!(
        "{filler}A warning was issued about warm weather and wardrobes. {filler}Officials said the wars had ended and the zebras returned to the park. {filler}"
    );
    t.write(
        "long.jsonl",
        jsonl("long-1", "A long report", &body, "2026-01-05"),
    );
    t.ingest();
    for (q, want) in [("war", "wars"), ("zebra", "zebras")] {
        let r = t.query(q);
        assert_eq!(r.total, 1, "{q}");
        let sn = &r.hits[0].snippets[0];
        let marked: Vec<&str> = sn
            .highlights
            .iter()
            .map(|[a, b]| &sn.text[*a..*b])
            .collect();
        assert_eq!(marked, vec![want], "{q}: {:?}", sn.text);
        // The snippet opens and closes with whole words, not the ends of cut ones.
        let words: std::collections::HashSet<&str> = body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let edges: Vec<&str> = sn
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for w in [edges.first(), edges.last()].into_iter().flatten() {
            assert!(words.contains(w), "{q}: cut word {w:?} in {:?}", sn.text);
        }
    }
}

/// One `Searchable` across many commits (no warmer): facet counts follow each new
/// generation, while old generations' tables are let go.
#[test]
fn facet_counts_follow_new_commits() {
    let t = TestDir::new();
    t.write(
        "a0.jsonl",
        jsonl(
            "a0",
            "Kyiv",
            "Drones struck Kyiv, officials in Ukraine said.",
            "2026-01-10",
        ),
    );
    t.ingest();
    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    for n in 1..=6 {
        t.write(
            &format!("a{n}.jsonl"),
            jsonl(
                &format!("a{n}"),
                "Paris",
                "Leaders met in Paris, France, on energy.",
                "2026-01-11",
            ),
        );
        t.ingest();
        s.reader.reload().unwrap();
        let mut r = SearchRequest::new("");
        r.facets = true;
        let resp = s.search(&r).unwrap();
        assert_eq!(resp.total, n + 1);
        let f = resp.facets.unwrap();
        let europe = f
            .places
            .iter()
            .find(|c| c.label == "Europe")
            .map(|c| c.count);
        assert_eq!(europe, Some(n as u64 + 1), "{:?}", f.places);
    }
    // A language first indexed after the searcher opened is searched in its own
    // fields once the new commit is loaded.
    assert_eq!(s.search(&SearchRequest::new("häuser")).unwrap().total, 0);
    t.write(
        "de.jsonl",
        r#"{"id":"de-1","title":"Neue Häuser","text":"In Berlin werden neue Häuser gebaut, sagte der Bürgermeister am Montag. Die Stadt plant viele Wohnungen.","language":"de","date":"2026-01-12"}"#,
    );
    t.ingest();
    s.reader.reload().unwrap();
    assert_eq!(s.search(&SearchRequest::new("haus")).unwrap().total, 1);
}

/// The facet tables an ingest writes beside the index count what tables built from
/// the index count; a damaged or missing file is rebuilt in memory, a re-run writes
/// what is missing, and the files of segments merged away are removed.
#[test]
fn stored_facet_tables_count_as_tables_built_from_the_index() {
    let t = TestDir::new();
    wikinews_in_three_segments(&t);
    let files = |ext: &str| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(t.index())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        v.sort();
        v
    };
    let segments = |s: &newsdex::search::Searchable| -> Vec<String> {
        let mut v: Vec<String> = s
            .searcher()
            .segment_readers()
            .iter()
            .map(|r| format!("{}.ndxt", r.segment_id().uuid_string()))
            .collect();
        v.sort();
        v
    };
    let names = |ps: Vec<std::path::PathBuf>| -> Vec<String> {
        ps.iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let counted = || -> String {
        let s = newsdex::search::Searchable::open(&t.index()).unwrap();
        let mut r = SearchRequest::new("said OR police");
        r.facets = true;
        r.facet_size = 100_000;
        r.snippets = false;
        let resp = s.search(&r).unwrap();
        assert!(resp.total > 10);
        let mut europe = r.clone();
        europe.places = vec!["/Europe".into()];
        europe.speakers = vec!["Obama".into()];
        let narrowed = s.search(&europe).unwrap();
        serde_json::to_string(&(
            &resp.facets,
            &resp.histogram,
            &narrowed.facets,
            narrowed.total,
        ))
        .unwrap()
    };
    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    assert!(s.searcher().segment_readers().len() >= 2);
    assert_eq!(names(files("ndxt")), segments(&s));
    assert_eq!(files("ndxv").len(), 1);
    let stored = counted();

    // Damaged files: cut short, or another file's bytes.
    let tables = files("ndxt");
    let first = std::fs::read(&tables[0]).unwrap();
    std::fs::write(&tables[0], &first[..first.len() / 2]).unwrap();
    std::fs::write(&tables[1], &first).unwrap();
    let view = &files("ndxv")[0];
    let v = std::fs::read(view).unwrap();
    std::fs::write(view, &v[..v.len() - 5]).unwrap();
    assert_eq!(counted(), stored, "damaged files are not read");
    // A re-run (nothing new to add) writes them again.
    t.ingest();
    assert_eq!(std::fs::read(view).unwrap(), v, "the view is written again");
    assert_eq!(std::fs::read(&tables[0]).unwrap(), first);
    assert_ne!(std::fs::read(&tables[1]).unwrap(), first);
    assert_eq!(counted(), stored);
    for p in files("ndxt").into_iter().chain(files("ndxv")) {
        std::fs::remove_file(p).unwrap();
    }
    assert_eq!(counted(), stored, "tables built from the index");

    // Segments merged into one: a re-run (nothing new to add) writes its table and
    // removes the others.
    {
        let index = tantivy::Index::open_in_dir(t.index()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
        let ids = index.searchable_segment_ids().unwrap();
        writer.merge(&ids).wait().unwrap();
        writer.wait_merging_threads().unwrap();
    }
    t.ingest();
    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    assert_eq!(s.searcher().segment_readers().len(), 1);
    assert_eq!(names(files("ndxt")), segments(&s));
    assert_eq!(files("ndxv").len(), 1);
    assert_eq!(counted(), stored, "one merged segment");
}

/// Past the matches counted exactly, facets are estimated from a sample (every `s`-th
/// match, counting `s` times) and say so; the total and the dates stay exact.
#[test]
fn facets_of_large_result_sets_are_estimated_and_say_so() {
    let t = TestDir::new();
    t.write("sample.jsonl", wikinews_sample());
    t.ingest();
    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    let mut exact = SearchRequest::new("");
    exact.facets = true;
    exact.facet_size = 100_000;
    exact.facets_exact_up_to = None;
    let mut estimated = exact.clone();
    estimated.facets_exact_up_to = Some(40);
    let (e, x) = (s.search(&exact).unwrap(), s.search(&estimated).unwrap());
    let (ef, xf) = (e.facets.unwrap(), x.facets.unwrap());
    assert!(ef.exact && !xf.exact);
    assert_eq!(e.total, x.total);
    assert_eq!(
        serde_json::to_string(&e.histogram).unwrap(),
        serde_json::to_string(&x.histogram).unwrap()
    );
    let sum = |v: &[newsdex::search::facets::FacetCount]| v.iter().map(|c| c.count).sum::<u64>();
    let mut differ = false;
    for (exact, est) in [
        (&ef.sources, &xf.sources),
        (&ef.places, &xf.places),
        (&ef.langs, &xf.langs),
    ] {
        // About 40 of some 200 articles: the sum is near, not equal.
        let (a, b) = (sum(exact) as f64, sum(est) as f64);
        assert!((b - a).abs() <= 0.5 * a, "{a} vs {b}");
        differ |= exact.iter().zip(est).any(|(a, b)| a.count != b.count);
    }
    assert!(differ, "the estimates are the exact counts");
    // A small search through the CLI counts exactly and does not say "estimated".
    let out = t.run(&[
        "search",
        "--index",
        t.index().to_str().unwrap(),
        "--facets",
        "said",
    ]);
    assert!(!stdout(&out).contains("estimated"), "{}", stdout(&out));
}

/// A surname alone joins the full name the archive quotes in the same period: found
/// by either; one surname decades apart stays two people, and a search by it says so.
/// Donald Trump by full name and by surname (2017), Gerhard Stoltenberg likewise
/// (1987), Jens Stoltenberg by full name (2017). A full name needs four articles in
/// the period to take its surname alone: Donald Trump and Gerhard Stoltenberg get
/// three more each.
fn people_archive() -> TestDir {
    let t = TestDir::new();
    let mut more = String::new();
    for (i, topic) in ["steel", "trade", "taxes"].iter().enumerate() {
        more += &jsonl(
            &format!("t{}", i + 3),
            &format!("On {topic}"),
            &format!("\"Our {topic} policy is working,\" said Donald Trump on Friday."),
            &format!("2017-02-1{i}"),
        );
        more += &jsonl(
            &format!("s{}", i + 4),
            &format!("Bonn on {topic}"),
            &format!("\"Our {topic} policy is sound,\" said Gerhard Stoltenberg in Bonn."),
            &format!("1987-07-1{i}"),
        );
    }
    t.write(
        "people.jsonl",
        more + &jsonl(
            "t1",
            "Tariffs",
            "\"We will put America first,\" said Donald Trump, the president, on Monday.",
            "2017-02-01",
        ) + &jsonl(
            "t2",
            "Wall",
            "\"We will build the wall,\" Trump said at a rally in Ohio.",
            "2017-03-01",
        ) + &jsonl(
            "s1",
            "Rates",
            "\"Rates will fall,\" said Gerhard Stoltenberg, the West German finance minister.",
            "1987-05-01",
        ) + &jsonl(
            "s2",
            "Mark",
            "\"The mark is stable,\" Stoltenberg told reporters in Bonn.",
            "1987-06-01",
        ) + &jsonl(
            "s3",
            "Alliance",
            "\"The alliance is strong,\" said Jens Stoltenberg, NATO's secretary general.",
            "2017-04-01",
        ),
    );
    t.ingest();
    t
}

#[test]
fn speakers_are_found_as_people_by_any_name_in_their_period() {
    let t = people_archive();
    let ids = |speaker: &str| -> (Vec<String>, newsdex::search::SearchResponse) {
        let mut r = SearchRequest::new("");
        r.speakers = vec![speaker.into()];
        let resp = t.search(&r);
        let mut ids: Vec<String> = resp.hits.iter().map(|h| h.id.clone()).collect();
        ids.sort();
        (ids, resp)
    };
    let trump = ["t1", "t2", "t3", "t4", "t5"];
    assert_eq!(ids("Trump").0, trump);
    assert_eq!(ids("donald trump").0, trump);
    assert_eq!(ids("Mr. Trump").0, trump, "a title names nobody");
    let (stoltenberg, resp) = ids("Stoltenberg");
    assert_eq!(stoltenberg, ["s1", "s2", "s4", "s5", "s6"]);
    let also: Vec<&str> = resp.ambiguous[0]
        .also
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(also, ["Jens Stoltenberg"]);
    assert_eq!(ids("Jens Stoltenberg").0, ["s3"]);

    // `newsdex people NAME`: who the name means, with their forms, and who else.
    let index = t.index();
    let out = t.run(&[
        "people",
        "--index",
        index.to_str().unwrap(),
        "stoltenberg",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["people"][0]["name"], "Gerhard Stoltenberg");
    assert_eq!(v["people"][0]["articles"], 5);
    assert_eq!(v["people"][0]["first"], "1987-05-01");
    assert_eq!(v["also"][0]["name"], "Jens Stoltenberg");
    let out = t.run(&["people", "--index", index.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("as \"Trump\": 1 articles"),
        "{}",
        stdout(&out)
    );
}

/// Facet counts count people, once per article, under the canonical name; hits and
/// exports show canonical names: "Trump" in 2017 is Donald Trump, "Stoltenberg" in
/// 1987 Gerhard Stoltenberg, and Jens Stoltenberg is counted apart.
#[test]
fn facets_hits_and_exports_show_people_not_name_forms() {
    let t = people_archive();
    let mut r = SearchRequest::new("");
    r.facets = true;
    let resp = t.search(&r);
    let speakers: Vec<(String, u64)> = resp
        .facets
        .unwrap()
        .speakers
        .into_iter()
        .map(|f| (f.label, f.count))
        .collect();
    assert_eq!(
        speakers,
        [
            ("Donald Trump".to_string(), 5),
            ("Gerhard Stoltenberg".to_string(), 5),
            ("Jens Stoltenberg".to_string(), 1)
        ]
    );
    let speakers_of = |id: &str| {
        resp.hits
            .iter()
            .find(|h| h.id == id)
            .map(|h| h.speakers.clone())
            .unwrap()
    };
    assert_eq!(speakers_of("t2"), ["Donald Trump"]);
    assert_eq!(speakers_of("s2"), ["Gerhard Stoltenberg"]);
    assert_eq!(speakers_of("s3"), ["Jens Stoltenberg"]);
    let index = t.index();
    let out = t.run(&[
        "export",
        "--index",
        index.to_str().unwrap(),
        "wall",
        "--fields",
        "id,speakers",
    ]);
    assert_eq!(
        stdout(&out).trim(),
        r#"{"id":"t2","speakers":["Donald Trump"]}"#
    );
    // A series split by speaker: one column per person.
    let out = t.run(&[
        "counts",
        "--index",
        index.to_str().unwrap(),
        "--by",
        "year",
        "--split",
        "speaker",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v["columns"],
        serde_json::json!(["Donald Trump", "Gerhard Stoltenberg", "Jens Stoltenberg"])
    );
    assert_eq!(v["column_totals"], serde_json::json!([5, 5, 1]));
}
