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

/// A news page as a site serves it: navigation, the article, related links, footer.
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="windows-1252">
<title>Floods close the coast road | The Harbour Times</title>
<meta property="article:modified_time" content="2024-05-20T09:00:00+01:00">
<meta property="article:published_time" content="2024-05-13T22:30:00+01:00">
<meta name="author" content="Ann Smith">
<link rel="canonical" href="https://harbourtimes.example/2024/05/13/floods-coast-road">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>Floods close the coast road</h1>
<p>Heavy rain flooded the coast road near Whitby on Monday night, and police closed it until the water drains away.</p>
<p>"We expect it to reopen on Wednesday," said Mark Lowe, the county's highways officer. Residents of Sandsend were told to avoid the caf&eacute; car park, where the water stood knee-deep.</p>
<p>The Environment Agency issued three flood warnings for the area and asked drivers not to pass the barriers.</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Storm season begins</a></li><li><a href="/b">Ten best beaches</a></li></ul></aside>
<footer>Cookie settings. Subscribe to our newsletter. Copyright 2024 Harbour Times.</footer>
</body></html>"#;

#[test]
fn an_html_page_is_one_article_with_its_main_text_and_metadata() {
    let t = TestDir::new();
    // Served in windows-1252: the é of café is one byte.
    let bytes: Vec<u8> = PAGE
        .replace("caf&eacute;", "caf\u{e9}")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    t.write("pages/floods.html", &bytes);
    t.write_gz("pages/floods-copy.htm.gz", &bytes);
    let out = t.run(&["extract", "--text", "in/pages/floods.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["title"], "Floods close the coast road");
    // The published date, in the publisher's local day; not the modified one.
    assert_eq!(v["date"], "2024-05-13");
    assert_eq!(
        v["url"],
        "https://harbourtimes.example/2024/05/13/floods-coast-road"
    );
    assert_eq!(v["source"], "harbourtimes.example");
    assert_eq!(v["authors"], serde_json::json!(["Ann Smith"]));
    assert_eq!(v["lang"], "en-GB");
    assert_eq!(v["path"], "in/pages/floods.html");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Heavy rain flooded the coast road"), "{text}");
    assert!(text.contains("the café car park"), "{text}");
    // Paragraph breaks are kept; navigation, related links and the footer are not text.
    assert!(text.contains("drains away.\n"), "{text}");
    for furniture in ["Sport", "Ten best beaches", "Subscribe", "Cookie"] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
    assert_eq!(v["speakers"][0]["name"], "Mark Lowe");
    // Both copies are one article (same canonical URL): indexed once.
    let r = t.ingest();
    assert_eq!(
        (r.stats.added, r.stats.duplicates, r.stats.failed),
        (1, 1, 0)
    );
    assert_eq!(t.query("Sandsend").total, 1);
    assert_eq!(t.query("beaches").total, 0);
}

#[test]
fn a_page_without_main_text_is_reported_not_indexed() {
    let t = TestDir::new();
    t.write(
        "empty.html",
        "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
    );
    t.write("a.jsonl", jsonl("1", "One", "Some words.", "2026-01-01"));
    let r = t.ingest();
    assert_eq!((r.stats.added, r.stats.failed), (1, 1));
    assert!(
        r.stats.first_errors[0].contains("empty.html:1: no main text"),
        "{:?}",
        r.stats.first_errors
    );
}
