//! Every input format and field alias ends up in the index.

use crate::util::*;

#[test]
fn news_please_json_file_is_indexed_with_its_fields() {
    let t = TestDir::new();
    t.write(
        "rt.json",
        include_str!("../fixtures/news-please-sample.json"),
    );
    let r = t.ingest();
    assert_eq!((r.stats.added, r.stats.failed), (1, 0));
    let hit = &t.query("Minsk").hits[0];
    assert_eq!(hit.source.as_deref(), Some("www.rt.com"));
    assert_eq!(hit.date.as_deref(), Some("2017-07-17T17:03:00Z"));
    assert_eq!(
        hit.url.as_deref(),
        Some("https://www.rt.com/news/203203-ukraine-russia-troops-border/")
    );
    assert!(hit.title.starts_with("Moscow to Kiev"));
}

#[test]
fn json_array_jsonl_ndjson_text_and_compressed_files_mix_in_one_dump() {
    let t = TestDir::new();
    t.write("a/array.json", r#"[{"id":"arr1","title":"Array one","body":"alpha text"},{"id":"arr2","title":"Array two","body":"beta text"}]"#);
    t.write(
        "a/lines.jsonl",
        jsonl("l1", "Line one", "gamma text", "2026-01-01")
            + &jsonl("l2", "Line two", "delta text", "2026-01-02"),
    );
    t.write(
        "b/more.ndjson",
        jsonl("n1", "Nd one", "epsilon text", "2026-01-03"),
    );
    t.write("b/plain.txt", "Title: Plain story\nDate: 2026-01-04\nSource: Example Times\n\nzeta text in a plain file.\n");
    t.write("seed.txt", seed_article());
    t.write_gz(
        "c/zipped.jsonl.gz",
        jsonl("g1", "Gz one", "eta text", "2026-01-05"),
    );
    t.write_zst(
        "c/zstd.jsonl.zst",
        jsonl("z1", "Zst one", "theta text", "2026-01-06"),
    );
    t.write_gz(
        "c/article.txt.gz",
        "Title: Zipped text\n\niota text compressed.\n",
    );
    t.write("ignored.png", "not an article");
    let r = t.ingest();
    assert_eq!(r.stats.failed, 0, "{:?}", r.stats.first_errors);
    assert_eq!(r.stats.added, 10);
    for word in [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "Zelenskyy",
    ] {
        assert_eq!(t.query(word).total, 1, "{word}");
    }
    let plain = &t.query("zeta").hits[0];
    assert_eq!(plain.title, "Plain story");
    assert_eq!(plain.source.as_deref(), Some("Example Times"));
    let seed = &t.query("Zelenskyy").hits[0];
    assert_eq!(seed.date.as_deref(), Some("2026-02-04T00:00:00Z"));
}

#[test]
fn field_aliases_are_accepted() {
    let t = TestDir::new();
    t.write(
        "aliases.jsonl",
        concat!(
            r#"{"_id":"x1","headline":"Headline alias","content":"content alias words","published":"February 3, 2026","link":"https://example.org/x1","publisher":"Pub","author":"Ann Author","lang":"en"}"#, "\n",
            r#"{"uuid":"x2","title":"Maintext alias","maintext":"maintext alias words","pubDate":"Tue, 03 Feb 2026 10:00:00 +0000","domain":"example.org","authors":["A","B"],"language":"en"}"#, "\n",
            r#"{"id":"x3","title":"Publish date alias","body":"body alias words","publish_date":"1770163200","url":"https://example.org/x3","source_domain":"example.org"}"#, "\n",
            r#"{"title":"No id, url only","text":"url hash words","url":"https://example.org/2026/02/05/story"}"#, "\n",
        ),
    );
    let r = t.ingest();
    assert_eq!(
        (r.stats.added, r.stats.failed),
        (4, 0),
        "{:?}",
        r.stats.first_errors
    );
    let h = &t.query("content").hits[0];
    assert_eq!((h.id.as_str(), h.title.as_str()), ("x1", "Headline alias"));
    assert_eq!(h.date.as_deref(), Some("2026-02-03T00:00:00Z"));
    assert_eq!(h.source.as_deref(), Some("Pub"));
    assert_eq!(
        t.query("maintext").hits[0].date.as_deref(),
        Some("2026-02-03T10:00:00Z")
    );
    assert_eq!(
        t.query("\"body alias\"").hits[0].date.as_deref(),
        Some("2026-02-04T00:00:00Z")
    );
    let by_url = &t.query("hash").hits[0];
    assert!(by_url.id.starts_with("url-"), "{}", by_url.id);
    assert_eq!(
        by_url.date.as_deref(),
        Some("2026-02-05T00:00:00Z"),
        "date from the URL path"
    );
    assert_eq!(t.query("authors:author").total, 1);
}

#[test]
fn an_article_without_a_date_has_none() {
    let t = TestDir::new();
    t.write(
        "nodate.jsonl",
        r#"{"id":"n","title":"Undated","text":"timeless words"}"#,
    );
    t.ingest();
    assert_eq!(t.query("timeless").hits[0].date, None);
}
