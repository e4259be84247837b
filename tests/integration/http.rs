//! The HTTP API, tested over a real socket on loopback: search with filters, facets
//! and histogram, articles, stats, bad requests, headers, new commits picked up,
//! the limits on concurrent and slow searches, and `newsdex serve` itself.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use newsdex::http::Limits;

use crate::util::*;

/// A server on an ephemeral loopback port, running until the test ends.
pub struct Server {
    pub addr: SocketAddr,
    pub dir: TestDir,
    /// The server's search permits, for tests that take them all.
    pub permits: std::sync::Arc<tokio::sync::Semaphore>,
    pub export_permits: std::sync::Arc<tokio::sync::Semaphore>,
    _runtime: tokio::runtime::Runtime,
}

pub fn corpus_dir() -> TestDir {
    let t = news_corpus();
    // An article whose title, text and url try to inject markup and script.
    t.write(
        "hostile.jsonl",
        serde_json::json!({"id": "xss-1", "title": "<script>window.__pwned=1</script> Evil title <img src=x onerror=\"window.__pwned=2\">",
            "text": "Drone makers said <script>window.__pwned=3</script> and <b onmouseover=\"window.__pwned=4\">bold</b> \" onload=\"window.__pwned=5\" things.",
            "date": "2026-01-11", "url": "javascript:window.__pwned=6"}).to_string() + "\n",
    );
    t.ingest();
    t
}

pub fn start(dir: TestDir) -> Server {
    start_with(dir, Limits::default())
}

pub fn start_with(dir: TestDir, limits: Limits) -> Server {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let state = newsdex::http::AppState::open(&dir.index(), limits).unwrap();
    let permits = state.permits.clone();
    let export_permits = state.export_permits.clone();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    runtime.spawn(async move {
        axum::serve(listener, newsdex::http::router(state))
            .await
            .unwrap()
    });
    Server {
        addr,
        dir,
        permits,
        export_permits,
        _runtime: runtime,
    }
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn get(&self, path: &str) -> (u16, serde_json::Value) {
        match ureq::get(&self.url(path))
            .timeout(Duration::from_secs(10))
            .call()
        {
            Ok(r) => (r.status(), r.into_json().unwrap()),
            Err(ureq::Error::Status(code, r)) => {
                (code, r.into_json().unwrap_or(serde_json::Value::Null))
            }
            Err(e) => panic!("{path}: {e}"),
        }
    }
}

#[test]
fn search_api_returns_hits_snippets_facets_and_histogram() {
    let s = start(corpus_dir());
    let (code, v) = s.get("/api/search?q=drone&limit=2");
    assert_eq!(code, 200);
    assert_eq!(
        v["total"], 4,
        "kyiv-1, lviv-1, the seed article (drones), xss-1"
    );
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let hit = &v["hits"][0];
    for key in [
        "id", "title", "url", "date", "source", "score", "snippets", "speakers", "places",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert!(hit["snippets"][0]["highlights"].as_array().is_some());
    assert!(v["facets"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["label"] == "Europe"));
    assert!(v["histogram"]["buckets"].as_array().unwrap().len() > 1);
    assert!(v["elapsed_ms"].is_number());
    // Filters: place prefix drills down, speaker, dates, sort.
    let (_, v) = s.get("/api/search?place=%2FEurope%2FUkraine");
    assert_eq!(v["facets"]["place_parent"], "/Europe/Ukraine");
    assert!(v["total"].as_u64().unwrap() >= 2);
    let (_, v) = s.get("/api/search?speaker=Zelenskyy&speaker=Mark+Rutte");
    assert_eq!(v["total"], 1);
    let (_, v) = s.get("/api/search?q=drone&from=2026-01-01&to=2026-01-10&sort=date");
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "kyiv-1");
}

#[test]
fn article_and_stats_endpoints() {
    let s = start(corpus_dir());
    let (_, v) = s.get("/api/search?q=Zelenskyy");
    let id = v["hits"][0]["id"].as_str().unwrap().to_string();
    let (code, a) = s.get(&format!("/api/articles/{id}"));
    assert_eq!(code, 200);
    let speakers = a["extraction"]["speakers"].as_array().unwrap();
    let z = speakers
        .iter()
        .find(|x| x["name"] == "Volodymyr Zelenskyy")
        .unwrap();
    assert!(!z["quotes"].as_array().unwrap().is_empty());
    let kyiv = a["extraction"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Kyiv")
        .unwrap();
    assert!(kyiv["lat"].as_f64().unwrap() > 50.0);
    assert_eq!(s.get("/api/articles/no-such-id").0, 404);
    let (code, st) = s.get("/api/stats");
    assert_eq!(code, 200);
    assert_eq!(st["num_docs"], 5);
    assert_eq!(st["first_date"], "2024-03-15T00:00:00Z");
    assert!(st["index_bytes"].as_u64().unwrap() > 0);
    // People: by any name, or the most quoted.
    let (code, p) = s.get("/api/people?name=zelenskyy");
    assert_eq!(code, 200);
    assert_eq!(p["people"][0]["name"], "Volodymyr Zelenskyy");
    let (_, top) = s.get("/api/people?limit=1");
    assert_eq!(top["people"].as_array().unwrap().len(), 1);
    assert_eq!(s.get("/api/people?limit=many").0, 400);
    // Quotes: a person's by any name form, ranked by their words.
    let (code, q) = s.get("/api/quotes?speaker=zelenskyy");
    assert_eq!(code, 200, "{q}");
    let hits = q["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{q}");
    assert!(
        hits.iter().all(|h| h["speaker"] == "Volodymyr Zelenskyy"),
        "{q}"
    );
    assert!(hits[0]["text"].as_str().unwrap().len() > 10);
    assert_eq!(s.get("/api/quotes?limit=0").0, 400);
    assert_eq!(s.get("/api/quotes?from=yesterdayish").0, 400);
}

#[test]
fn bad_requests_get_400_with_a_json_message() {
    let s = start(corpus_dir());
    for path in [
        "/api/search?q=nosuchfield:foo",
        "/api/search?q=-%20*%7D",
        "/api/search?from=notadate",
        "/api/search?limit=100000",
        "/api/search?offset=20000",
        "/api/search?sort=sideways",
        "/api/search?q=%FF%FE",
    ] {
        let (code, v) = s.get(path);
        assert_eq!(code, 400, "{path}");
        assert!(
            v["error"].as_str().is_some_and(|m| !m.is_empty()),
            "{path}: {v}"
        );
    }
    let long = format!("/api/search?q={}", "a".repeat(5000));
    assert_eq!(s.get(&long).0, 400);
    let huge = format!("/api/search?q={}", "a".repeat(9000));
    assert_eq!(s.get(&huge).0, 414);
    assert_eq!(s.get("/nope").0, 404);
}

#[test]
fn pages_are_embedded_with_a_strict_content_security_policy() {
    let s = start(corpus_dir());
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let r = ureq::get(&s.url(path)).call().unwrap();
        assert!(
            r.header("content-type").unwrap().starts_with(kind),
            "{path}"
        );
        let csp = r.header("content-security-policy").unwrap().to_string();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        // Nothing is loaded from another origin (the SVG namespace URI is a name, not a load).
        let body = r.into_string().unwrap();
        if path == "/" {
            assert!(
                body.contains("GeoNames") && body.contains("CC BY 4.0"),
                "credit"
            );
        }
        // Links to other sites (the footer's credits) are not loads; <link> tags are.
        for link in body.split("<link").skip(1) {
            let tag = &link[..link.find('>').unwrap_or(link.len())];
            assert!(!tag.contains("http"), "{path} loads {tag}");
        }
        for pattern in [
            "src=\"http",
            "url(http",
            "@import",
            "fetch(\"http",
            "import(",
            "//cdn",
        ] {
            assert!(
                !body.contains(pattern),
                "{path} loads something from outside: {pattern}"
            );
        }
    }
}

#[test]
fn new_commits_are_picked_up_while_serving() {
    let s = start(corpus_dir());
    assert_eq!(s.get("/api/search?q=zeppelin").1["total"], 0);
    s.dir.write(
        "more.jsonl",
        jsonl(
            "new-1",
            "Zeppelin returns",
            "A zeppelin flew over the city.",
            "2026-02-01",
        ),
    );
    s.dir.ingest();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if s.get("/api/search?q=zeppelin").1["total"] == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not pick up the new commit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_search_waits_for_its_turn_at_most_its_time_then_gets_503() {
    let limits = Limits {
        search_timeout: Duration::from_millis(300),
        max_concurrent_searches: 2,
        ..Limits::default()
    };
    let s = start_with(corpus_dir(), limits);
    // Two searches are running: a third waits for one of them, until its deadline.
    let busy = s.permits.clone().try_acquire_many_owned(2).unwrap();
    let started = Instant::now();
    let (code, v) = s.get("/api/search?q=drone");
    let waited = started.elapsed();
    assert_eq!(code, 503, "{v}");
    assert!(v["error"].as_str().unwrap().contains("busy"), "{v}");
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    drop(busy);
    assert_eq!(s.get("/api/search?q=drone").0, 200);
}

#[test]
fn a_search_past_its_time_gets_503_and_the_server_goes_on() {
    let limits = Limits {
        search_timeout: Duration::from_nanos(1),
        max_concurrent_searches: 64,
        ..Limits::default()
    };
    let s = start_with(corpus_dir(), limits);
    // No search finishes within a nanosecond.
    for _ in 0..5 {
        let (code, v) = s.get("/api/search?q=drone&facets=1");
        assert_eq!(code, 503, "{v}");
        assert_eq!(v["error"], "the search took too long");
    }
    assert_eq!(s.get("/api/stats").0, 200);
}

#[cfg(unix)]
#[test]
fn newsdex_serve_answers_on_its_address_and_stops_on_ctrl_c() {
    use std::io::BufRead;
    let t = corpus_dir();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["serve", "--index", "index", "--addr", "127.0.0.1:0"])
        .current_dir(t.dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let stats: serde_json::Value = ureq::get(&format!("{url}api/stats"))
        .timeout(Duration::from_secs(10))
        .call()
        .unwrap()
        .into_json()
        .unwrap();
    assert_eq!(stats["num_docs"], 5);
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn version_names_the_data_the_binary_carries_and_their_licences() {
    let t = TestDir::new();
    let out = t.run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for credit in [
        "GeoNames",
        "CC BY 4.0",
        "world-countries",
        "ODbL",
        "Kantrowitz",
    ] {
        assert!(text.contains(credit), "{credit} missing from {text}");
    }
}
