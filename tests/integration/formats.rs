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

#[test]
fn csv_tsv_and_parquet_rows_are_articles_with_every_field() {
    use std::sync::Arc;

    use arrow_array::builder::{ListBuilder, StringBuilder};
    use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray, TimestampSecondArray};

    let t = TestDir::new();
    // Aliased columns, a quoted field over two lines, and a row with a field too many.
    t.write(
        "news.csv",
        "title,content,published,link,domain,author\n\
         Harbour reopens,\"The harbour reopened on Monday.\nBoats returned at dawn.\",2024-05-13,https://example.org/harbour,example.org,Ann Smith; Bo Li\n\
         Broken row,text,2024-05-14,https://example.org/x,example.org,A,extra\n\
         Bridge closes,The old bridge closed for repairs.,2024-05-15,https://example.org/bridge,example.org,\n",
    );
    // windows-1252 bytes in a semicolon-separated export.
    let mut latin = b"title;text;date\n".to_vec();
    latin.extend_from_slice(b"Caf\xe9 du port;Le caf\xe9 du port ferme ses portes.;2024-06-01\n");
    t.write("export.csv", latin);
    t.write_gz(
        "more.tsv.gz",
        "headline\tbody\tpubDate\nTram line opens\tThe new tram line opened.\t1715600000\n",
    );
    // Parquet as Hugging Face news datasets have it: strings, a timestamp, a list of authors.
    let mut authors = ListBuilder::new(StringBuilder::new());
    authors.values().append_value("Cara Diaz");
    authors.append(true);
    authors.append(true);
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", Arc::new(Int64Array::from(vec![7, 8]))),
        (
            "title",
            Arc::new(StringArray::from(vec!["Ferry strike ends", "Port strike"])),
        ),
        (
            "text",
            Arc::new(StringArray::from(vec![
                Some("Ferries sail again after the strike."),
                None,
            ])),
        ),
        (
            "published",
            Arc::new(TimestampSecondArray::from(vec![
                1_715_000_000,
                1_715_100_000,
            ])),
        ),
        (
            "url",
            Arc::new(StringArray::from(vec![
                "https://example.org/ferry",
                "https://example.org/port",
            ])),
        ),
        ("authors", Arc::new(authors.finish())),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let mut bytes = Vec::new();
    let mut w = parquet::arrow::ArrowWriter::try_new(&mut bytes, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    t.write("dump.parquet", bytes);

    let r = t.ingest();
    assert_eq!(r.stats.added, 5, "{:?}", r.stats.first_errors);
    // The broken CSV row and the Parquet row without text; the rest is kept.
    let errors = r.stats.first_errors.join("\n");
    assert!(
        errors.contains("news.csv:4: bad row: 7 fields where the header has 6"),
        "{errors}"
    );
    assert!(
        errors.contains("dump.parquet:row 2: article has a title but no text"),
        "{errors}"
    );
    let hit = &t.query("dawn").hits[0];
    assert_eq!(hit.title, "Harbour reopens");
    assert_eq!(hit.date.as_deref(), Some("2024-05-13T00:00:00Z"));
    assert_eq!(hit.url.as_deref(), Some("https://example.org/harbour"));
    assert_eq!(hit.source.as_deref(), Some("example.org"));
    assert_eq!(t.query("café").hits[0].title, "Café du port");
    assert_eq!(
        t.query("tram").hits[0].date.as_deref(),
        Some("2024-05-13T11:33:20Z")
    );
    let ferry = &t.query("ferries").hits[0];
    assert_eq!(
        (ferry.id.as_str(), ferry.title.as_str()),
        ("7", "Ferry strike ends")
    );
    assert_eq!(ferry.date.as_deref(), Some("2024-05-06T12:53:20Z"));
    let s = newsdex::search::Searchable::open(&t.index()).unwrap();
    let stored = s.article("7").unwrap().unwrap();
    assert_eq!(stored.authors, vec!["Cara Diaz"]);
    let harbour = s.article(&t.query("dawn").hits[0].id).unwrap().unwrap();
    assert_eq!(harbour.authors, vec!["Ann Smith", "Bo Li"]);
    assert!(harbour.body.contains("Monday.\nBoats"), "{}", harbour.body);
}

#[test]
fn map_names_the_columns_no_alias_covers() {
    let t = TestDir::new();
    t.write(
        "odd.csv",
        "heading,story,when\nFloods,Floods hit the valley.,2024-05-13\n",
    );
    let out = t.run(&[
        "extract",
        "--text",
        "--map",
        "title=heading,text=story,date=when",
        "in/odd.csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        (v["title"].as_str(), v["date"].as_str()),
        (Some("Floods"), Some("2024-05-13"))
    );
    assert_eq!(v["text"], "Floods hit the valley.");
    // Without the map the row has no text.
    let out = t.run(&["extract", "in/odd.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let out = t.run(&["extract", "--map", "colour=story", "in/odd.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown field"), "{}", stderr(&out));
}
