//! Quotes as search results (issue 17): `newsdex quotes` ranks quotes by their words,
//! filters by speaker and date, folds one quote printed by several outlets into one
//! result, and keeps the quote index in step with the articles across re-runs.

use newsdex::quotes::{search, QuoteRequest};

use crate::util::{jsonl, stdout, TestDir};

fn wire(id: &str, source: &str, date: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": format!("Story {id}"), "text": body, "date": date, "source": source})
        .to_string()
        + "\n"
}

const COPY: &str = "\"The bridge will reopen in May,\" said Maria Lopez, the city's transport chief. Traffic was slow.";

fn archive(t: &TestDir, third: &str) {
    t.write(
        "quotes.jsonl",
        wire("a1", "Herald", "2024-03-02", COPY)
            + &wire("a2", "Courier", "2024-03-01", COPY)
            + &jsonl("a3", "Budget", third, "2024-04-10"),
    );
}

fn ask(t: &TestDir, query: &str, speaker: Option<&str>) -> newsdex::quotes::QuoteResults {
    let req = QuoteRequest {
        query: query.into(),
        speaker: speaker.map(String::from),
        limit: 10,
        ..Default::default()
    };
    search(&t.index(), &req).expect("quote search")
}

#[test]
fn one_quote_in_two_outlets_is_one_result_found_by_its_words_and_speaker() {
    let t = TestDir::new();
    archive(
        &t,
        "\"The budget is balanced,\" said Tom Reyes, the city treasurer, on Monday.",
    );
    t.ingest();
    let r = ask(&t, "bridge reopen", None);
    assert_eq!(r.total, 2, "both copies match");
    assert_eq!(r.hits.len(), 1, "one result: {:?}", r.hits);
    let h = &r.hits[0];
    assert_eq!(h.speaker, "Maria Lopez");
    assert!(
        h.text.contains("The bridge will reopen in May"),
        "{}",
        h.text
    );
    assert_eq!(h.articles, 2);
    assert_eq!(h.first_article, "a2", "the earlier copy");
    assert_eq!(h.first_date.as_deref(), Some("2024-03-01"));
    // By speaker alone (any name form): their quotes, newest first.
    let r = ask(&t, "", Some("Lopez"));
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].speaker, "Maria Lopez");
    let r = ask(&t, "bridge", Some("Tom Reyes"));
    assert_eq!(r.total, 0);
    // A date window.
    let req = QuoteRequest {
        from: Some(newsdex::search::parse_bound("2024-04-01", false).unwrap()),
        limit: 10,
        ..Default::default()
    };
    let r = search(&t.index(), &req).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].speaker, "Tom Reyes");
    // Who says it and when, over every matching quote (copies counted).
    let req = QuoteRequest {
        limit: 10,
        facets: true,
        ..Default::default()
    };
    let f = search(&t.index(), &req).unwrap().facets.expect("facets");
    let counts = |v: &[newsdex::quotes::Counted]| {
        v.iter()
            .map(|c| (c.name.clone(), c.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        counts(&f.speakers),
        vec![("Maria Lopez".to_string(), 2), ("Tom Reyes".to_string(), 1)]
    );
    assert_eq!(
        counts(&f.months),
        vec![("2024-03".to_string(), 2), ("2024-04".to_string(), 1)]
    );
    // From the terminal.
    let out = t.run(&["quotes", "--index", t.index().to_str().unwrap(), "bridge"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("Maria Lopez") && text.contains("in 2 articles"),
        "{text}"
    );
}

#[test]
fn a_rerun_adds_no_quote_twice_and_an_updated_article_replaces_its_quotes() {
    let t = TestDir::new();
    archive(
        &t,
        "\"The budget is balanced,\" said Tom Reyes, the city treasurer, on Monday.",
    );
    t.ingest();
    let all = |t: &TestDir| ask(t, "", None).total;
    assert_eq!(all(&t), 3);
    t.ingest();
    assert_eq!(all(&t), 3, "the same dump again adds nothing");
    archive(
        &t,
        "\"The budget has a deficit,\" said Tom Reyes, the city treasurer, on Monday.",
    );
    t.ingest();
    assert_eq!(all(&t), 3);
    assert_eq!(ask(&t, "balanced", None).total, 0, "the old quote is gone");
    assert_eq!(ask(&t, "deficit", None).total, 1);
}

#[test]
fn an_index_made_before_quotes_gets_them_from_the_next_run() {
    let t = TestDir::new();
    archive(
        &t,
        "\"The budget is balanced,\" said Tom Reyes, the city treasurer, on Monday.",
    );
    t.ingest();
    std::fs::remove_dir_all(t.index().join(newsdex::quotes::DIR)).unwrap();
    let err = search(&t.index(), &QuoteRequest::default()).unwrap_err();
    assert!(err.to_string().contains("newsdex index"), "{err}");
    let report = t.ingest();
    assert_eq!(report.stats.added, 0, "no article twice");
    assert_eq!(ask(&t, "", None).total, 3);
    t.ingest();
    assert_eq!(ask(&t, "", None).total, 3, "and no quote twice after");
}
