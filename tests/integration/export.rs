//! `newsdex export` and `newsdex counts`, and their API endpoints: every match out
//! of the index (past the search window), in JSON lines, CSV and Parquet read back
//! with their own parsers; counts per period with empty periods and a split.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsdex::search::export::{ExportOrder, Flow};
use newsdex::search::series::{Period, SplitBy};
use newsdex::search::{SearchRequest, Searchable};

use crate::http::{corpus_dir, start};
use crate::util::*;

/// 10,050 articles mentioning a storm (past the 10,000 search window), a month
/// apart in groups, from two sources; and the shared news corpus.
fn many() -> TestDir {
    let t = news_corpus();
    let mut lines = String::new();
    for i in 0..10_050 {
        let month = 1 + (i % 5) * 2; // Jan, Mar, May, Jul, Sep: even months stay empty
        lines += &(serde_json::json!({
            "id": format!("s{i}"), "title": format!("Storm report {i}"),
            "text": format!("A storm passed over the coast, report number {i}."),
            "date": format!("2024-{month:02}-10"), "source": if i % 3 == 0 { "Gazette" } else { "Courier" },
        })
        .to_string()
            + "\n");
    }
    t.write("storms.jsonl", lines);
    t.ingest();
    t
}

#[test]
fn export_returns_every_match_past_the_search_window() {
    let t = many();
    let search_total = t.query("storm").total;
    assert_eq!(search_total, 10_050);
    let index = Searchable::open(&t.index()).unwrap();
    let mut n = 0u64;
    let mut ids = std::collections::HashSet::new();
    // Articles are read on several threads, a batch at a time: none lost or twice.
    let exported = index
        .export(
            &SearchRequest::new("storm"),
            ExportOrder::Index,
            &|a| a,
            &mut |a| {
                assert!(
                    a.title.starts_with("Storm report") && a.date.is_some() && a.source.is_some()
                );
                n += 1;
                ids.insert(a.id);
                Ok(Flow::Continue)
            },
        )
        .unwrap();
    assert_eq!((exported, n, ids.len()), (10_050, 10_050, 10_050));
    // The binary, as JSON lines: one line per match, keys in the order asked for.
    let out = t.run(&[
        "export",
        "--index",
        "index",
        "storm",
        "--fields",
        "id,date,source",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 10_050);
    assert!(lines[0].starts_with("{\"id\":\"s"), "{}", lines[0]);
    assert!(stderr(&out).contains("exported 10050 articles"));
    // Oldest first with --sort date.
    let out = t.run(&[
        "export", "--index", "index", "storm", "--sort", "date", "--fields", "date",
    ]);
    let dates: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn every_field_is_filled_where_the_article_has_it() {
    let t = news_corpus();
    t.ingest();
    let out = t.run(&["export", "--index", "index", "Klitschko"]);
    let v: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], "kyiv-1");
    assert_eq!(v["title"], "Drone attack on Kyiv");
    assert_eq!(v["date"], "2026-01-10T00:00:00Z");
    assert_eq!(v["lang"], "en");
    assert_eq!(v["speakers"], serde_json::json!(["Vitali Klitschko"]));
    assert!(v["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p.as_str().unwrap().ends_with("/Kyiv")));
    assert!(v["text"].as_str().unwrap().contains("We will rebuild"));
}

#[test]
fn csv_and_parquet_read_back_with_their_own_parsers() {
    let t = TestDir::new();
    let title = "Oil, \"gas\" and\nthe coal question";
    t.write(
        "a.jsonl",
        serde_json::json!({"id": "q1", "title": title, "text": "Coal and oil prices rose, traders said.",
            "date": "2025-03-01", "source": "Ledger", "authors": ["Ann Lee", "Bo Ng"]})
        .to_string()
            + "\n"
            + &jsonl("q2", "Plain", "Oil fell.", "2025-03-02"),
    );
    t.ingest();
    let out = t.run(&[
        "export", "--index", "index", "oil", "--format", "csv", "--sort", "date",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[..3], ["id", "title", "date"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((&rows[0][0], &rows[0][1]), ("q1", title));
    let authors = header.iter().position(|h| h == "authors").unwrap();
    assert_eq!(&rows[0][authors], "Ann Lee;Bo Ng");

    let out = t.run(&[
        "export",
        "--index",
        "index",
        "oil",
        "--format",
        "parquet",
        "--sort",
        "date",
        "-o",
        "oil.parquet",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = std::fs::File::open(t.path("oil.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut titles = Vec::new();
    let mut first_authors = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = batch.column_by_name("title").unwrap();
        let col = col
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap();
        titles.extend(col.iter().map(|s| s.unwrap().to_string()));
        let list = batch.column_by_name("authors").unwrap();
        let list = list
            .as_any()
            .downcast_ref::<arrow_array::ListArray>()
            .unwrap();
        let first = list.value(0);
        let first = first
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap();
        first_authors.extend(first.iter().map(|s| s.unwrap().to_string()));
    }
    assert_eq!(titles, ["Oil, \"gas\" and\nthe coal question", "Plain"]);
    assert_eq!(first_authors, ["Ann Lee", "Bo Ng"]);
    // Parquet needs a file.
    let out = t.run(&["export", "--index", "index", "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_pipe_closed_after_one_line_ends_the_export_at_once() {
    let t = many();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["export", "--index", "index"])
        .current_dir(t.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with('{'));
    drop(child.stdout.take());
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "export went on after the pipe closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn counts_list_every_period_with_empty_ones_and_split_columns() {
    let t = many();
    let index = Searchable::open(&t.index()).unwrap();
    let s = index
        .counts(
            &SearchRequest::new("storm"),
            Period::Month,
            Some((SplitBy::Source, 5)),
        )
        .unwrap();
    let periods: Vec<&str> = s.rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(
        periods,
        [
            "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08",
            "2024-09"
        ]
    );
    let counts: Vec<u64> = s.rows.iter().map(|r| r.count).collect();
    assert_eq!(counts, [2010, 0, 2010, 0, 2010, 0, 2010, 0, 2010]);
    assert_eq!(s.columns, ["Courier", "Gazette"]);
    assert_eq!(s.column_totals, [6700, 3350]);
    assert_eq!(s.rows[0].split.iter().sum::<u64>(), 2010);
    assert_eq!(s.total, 10_050);
    // A date range fixes the periods, empty ones included.
    let mut req = SearchRequest::new("storm");
    req.from = Some(1_700_000_000); // 2023-11-14
    req.to = Some(1_704_067_200); // 2024-01-01
    let s = index.counts(&req, Period::Month, None).unwrap();
    assert_eq!(
        s.rows
            .iter()
            .map(|r| (r.period.as_str(), r.count))
            .collect::<Vec<_>>(),
        [("2023-11", 0), ("2023-12", 0)]
    );
    // Weeks are ISO weeks, from Monday.
    let s = index
        .counts(&SearchRequest::new("storm"), Period::Week, None)
        .unwrap();
    assert_eq!(
        (s.rows[0].period.as_str(), s.rows[0].start.as_str()),
        ("2024-W02", "2024-01-08")
    );
    // Speakers (many to an article) are counted through the facet tables.
    let s = index
        .counts(
            &SearchRequest::new("said"),
            Period::Year,
            Some((SplitBy::Speaker, 5)),
        )
        .unwrap();
    let klitschko = s
        .columns
        .iter()
        .position(|c| c == "Vitali Klitschko")
        .unwrap();
    let row = s.rows.iter().find(|r| r.period == "2026").unwrap();
    assert_eq!(row.split[klitschko], 1);
    assert_eq!(s.column_totals[klitschko], 1);
    // The binary prints CSV that parses, one column per split value.
    let out = t.run(&[
        "counts", "--index", "index", "storm", "--by", "year", "--split", "source", "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "period,start,count,Courier,Gazette\n2024,2024-01-01,10050,6700,3350\n"
    );
}

#[test]
fn the_api_streams_exports_and_counts() {
    let s = start(corpus_dir());
    let body = ureq::get(&s.url("/api/export?q=drone&format=csv&fields=id,title"))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let ids: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
    let (_, search) = s.get("/api/search?q=drone&limit=100");
    assert_eq!(ids.len() as u64, search["total"].as_u64().unwrap());
    let (code, v) = s.get("/api/counts?q=drone&by=year&split=source");
    assert_eq!(code, 200, "{v}");
    assert_eq!(v["by"], "year");
    let (code, v) = s.get("/api/export?q=oil+AND+(");
    assert_eq!(code, 400, "{v}");
    // Exports past the limit get a 503 at once.
    let busy = s.export_permits.clone().try_acquire_many_owned(2).unwrap();
    let (code, v) = s.get("/api/export?q=drone");
    assert_eq!(code, 503, "{v}");
    drop(busy);
}
