//! Property tests of every parser of outside input, with a fixed number of cases so
//! CI time is bounded: nothing panics, and what comes out stays inside what went in.

use std::path::Path;
use std::sync::OnceLock;

use newsdex::extract::RawArticle;
use newsdex::extract::{ExtractOptions, Extractor};
use newsdex::ingest::parse::{parse_json, parse_text};
use newsdex::ingest::read::read_records;
use proptest::prelude::*;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(ExtractOptions::default()))
}

/// Text that looks like news: words, capitals, quotes, punctuation, other scripts.
fn newsy_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("said".to_string()),
        Just("Kyiv".to_string()),
        Just("Mr.".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("—".to_string()),
        Just("(@handle)".to_string()),
        Just("according to".to_string()),
        Just("\n".to_string()),
        Just("WALLACE:".to_string()),
        Just("Зеленський".to_string()),
        Just("U.S.".to_string()),
        Just("and".to_string()),
        Just("(D)".to_string()),
        Just("of".to_string()),
        Just("he".to_string()),
        Just("Lake".to_string()),
        Just("Marburg virus".to_string()),
        Just("Port-au-Prince".to_string()),
        Just("WASHINGTON (AP)".to_string()),
        Just("A/California/7/2009".to_string()),
        Just("'s".to_string()),
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,8}",
        "[.,;:!?'’-]",
        "\\PC{1,3}",
    ];
    // Words joined by spaces, nothing, commas or hyphens: rules look at the gaps.
    let sep = prop::sample::select(vec![" ", " ", " ", "", ", ", "-", "/"]);
    prop::collection::vec((word, sep), 0..80)
        .prop_map(|w| w.into_iter().map(|(w, s)| w + s).collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn json_parser_never_panics(s in "\\PC{0,200}") {
        let _ = parse_json(&s);
    }

    #[test]
    fn json_articles_round_trip_their_fields(title in "\\PC{0,40}", body in "\\PC{1,200}", id in "[a-z0-9]{1,12}") {
        let v = serde_json::json!({"id": id, "title": title, "text": body});
        match parse_json(&v.to_string()) {
            Ok(a) => {
                prop_assert_eq!(a.id.as_deref(), Some(id.as_str()));
                prop_assert_eq!(a.body, body.trim());
            }
            Err(e) => prop_assert!(body.trim().is_empty(), "{:?}", e),
        }
    }

    #[test]
    fn text_parser_never_panics(s in "\\PC{0,300}", header in prop::bool::ANY) {
        let s = if header { format!("Title: x\nDate: {s}\n\n{s}") } else { s };
        let _ = parse_text(&s);
    }

    #[test]
    fn date_parser_never_panics_and_parses_real_dates(s in "\\PC{0,40}", y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28) {
        let _ = newsdex::extract::date::parse_date(&s);
        let want = format!("{y:04}-{m:02}-{d:02}");
        const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        let name = MONTHS[(m - 1) as usize];
        for form in [want.clone(), format!("{y:04}/{m:02}/{d:02}"), format!("{name} {d}, {y}"), format!("{d} {} {y}", &name[..3]), format!("{want}T12:00:00Z")] {
            let got = newsdex::extract::date::parse_date(&form).map(newsdex::extract::date::format_day);
            prop_assert_eq!(got.as_deref(), Some(want.as_str()), "{}", form);
        }
    }

    /// WARC framing, HTTP heads and body codings on mangled captures: a real record
    /// with bytes flipped, cut or inserted, plain or as gzip members.
    #[test]
    fn warc_reader_never_panics(
        edits in prop::collection::vec((0usize..1200, any::<u8>()), 0..12),
        cut in 0usize..1300,
        gzip in any::<bool>(),
    ) {
        let page = "<html><head><title>T</title></head><body><p>Some words of a page, enough of them to be an article here.</p></body></html>";
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{page}\r\n0\r\n\r\n", page.len());
        let record = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-05-13T00:00:00Z\r\nWARC-Target-URI: https://example.org/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n", http.len());
        let mut bytes = record.repeat(2).into_bytes();
        for (at, b) in edits {
            if at < bytes.len() { bytes[at] = b; } else { bytes.push(b); }
        }
        bytes.truncate(cut.max(1));
        if gzip {
            use std::io::Write;
            let mut out = Vec::new();
            for half in bytes.chunks(bytes.len().div_ceil(2).max(1)) {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                e.write_all(half).unwrap();
                out.extend(e.finish().unwrap());
            }
            out.truncate(out.len() - cut % 7);
            bytes = out;
        }
        let counts = newsdex::ingest::warc::WarcCounts::default();
        newsdex::ingest::warc::read_warc(&bytes[..], &counts, &mut |rec| {
            if let Ok(rec) = rec {
                let _ = newsdex::ingest::parse::parse_record(&rec);
            }
            std::ops::ControlFlow::Continue(())
        });
    }

    #[test]
    fn record_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000), ext in prop::sample::select(vec!["a.json", "a.jsonl", "a.txt", "a.md", "a.dat", "a.csv", "a.tsv", "a.html", "a.warc"])) {
        let mut r: &[u8] = &bytes;
        read_records(Path::new(ext), &mut r, &mut |rec| {
            if let Ok(rec) = rec {
                assert!(matches!(rec.at, newsdex::ingest::read::Position::Line(n) if n >= 1));
                let _ = newsdex::ingest::parse::parse_record(&rec);
            }
            std::ops::ControlFlow::Continue(())
        });
    }

    #[test]
    fn extraction_never_panics_and_offsets_stay_inside(text in newsy_text(), title in "\\PC{0,30}") {
        let raw = RawArticle { title: Some(title), body: text.clone(), ..Default::default() };
        let (a, _) = extractor().extract(raw);
        for s in &a.speakers {
            prop_assert!(!s.name.is_empty());
            for q in &s.quotes {
                prop_assert!(q.start <= q.end && q.end <= text.len());
                prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
            }
        }
        for p in &a.places {
            // A resolved place has a facet path; a named feature (a street) none.
            prop_assert!(p.path.as_ref().is_none_or(|path| path.starts_with('/')));
            prop_assert_eq!(p.path.is_some(), p.geonameid.is_some());
            for m in &p.mentions {
                prop_assert!(text.contains(m.as_str()), "{} not in text", m);
            }
        }
    }
}

fn searchable() -> &'static newsdex::search::Searchable {
    static S: OnceLock<(tempfile::TempDir, newsdex::search::Searchable)> = OnceLock::new();
    &S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.jsonl");
        std::fs::write(
            &input,
            crate::util::jsonl("1", "Kyiv talks", "Talks in Kyiv went on.", "2026-01-01"),
        )
        .unwrap();
        let index = dir.path().join("index");
        newsdex::ingest::ingest(
            &newsdex::ingest::IngestConfig::new(vec![input], index.clone()),
            &newsdex::ingest::NoProgress,
        )
        .unwrap();
        let s = newsdex::search::Searchable::open(&index).unwrap();
        (dir, s)
    })
    .1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn queries_never_panic(q in "[\\PC&&[^\\x00]]{0,60}|[a-z:\"()+\\-*^~ \\[\\]{}]{0,40}") {
        let s = searchable();
        let mut req = newsdex::search::SearchRequest::new(&q);
        req.facets = true;
        match s.search(&req) {
            Ok(_) | Err(newsdex::search::SearchError::Query(_)) => {}
            Err(e) => prop_assert!(false, "{:?}", e),
        }
    }
}
