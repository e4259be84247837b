//! `newsdex bench query`: latency percentiles per query class for (a) top-10 by BM25
//! with the number of matches, no documents fetched (what `tantivy bench` times)
//! and (b) what `search` does for a user (top-10 documents, snippets, facet counts, date
//! histogram), after a warm-up pass; and throughput with one and with all cores.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::{Latency, Machine};
use crate::search::{SearchRequest, Searchable};

/// One query of the file: its class (or "all") and text.
#[derive(Clone, Debug)]
pub struct BenchQuery {
    pub class: String,
    pub text: String,
}

/// Reads `class<TAB>query` or `query` lines; blank and `#` lines are skipped.
/// Queries the index cannot parse are returned apart with `path:line: reason`.
pub fn read_queries(
    path: &Path,
    index: &Searchable,
) -> anyhow::Result<(Vec<BenchQuery>, Vec<String>)> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (class, q) = match line.split_once('\t') {
            Some((c, q)) => (c.trim().to_string(), q.trim().to_string()),
            None => ("all".to_string(), line.trim().to_string()),
        };
        match index.parse_query(&q) {
            Ok(_) => good.push(BenchQuery { class, text: q }),
            Err(e) => bad.push(format!("{}:{}: {e}", path.display(), n + 1)),
        }
    }
    Ok((good, bad))
}

#[derive(Clone, Debug, Serialize)]
pub struct ClassLatency {
    pub class: String,
    pub queries: usize,
    pub top10: Latency,
    pub user: Latency,
}

#[derive(Clone, Debug, Serialize)]
pub struct QueryBench {
    pub machine: Machine,
    pub index: PathBuf,
    pub num_docs: u64,
    pub queries_file: PathBuf,
    pub runs: usize,
    pub skipped: Vec<String>,
    pub classes: Vec<ClassLatency>,
    pub overall: ClassLatency,
    pub qps_top10_1_thread: f64,
    pub qps_top10_all_threads: f64,
    pub qps_user_1_thread: f64,
    pub qps_user_all_threads: f64,
    pub threads: usize,
    /// Cold searches, one process each, by class and overall (last), when asked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cold: Vec<ClassCold>,
    /// Every query as a quote search (`newsdex quotes`), when the index has quotes:
    /// `top10` the ten best quotes (copies folded), `user` with who-says-it and
    /// per-month counts over every matching quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<ClassLatency>,
}

/// Wall time of `newsdex search` processes, from start to exit, by class.
#[derive(Clone, Debug, Serialize)]
pub struct ClassCold {
    pub class: String,
    pub queries: usize,
    /// `newsdex search --json QUERY`.
    pub plain: Latency,
    /// `newsdex search --json --facets QUERY`.
    pub facets: Latency,
}

/// Times each query as its own `exe search` process, without and with `--facets`,
/// `runs` times each (after one untimed run of each, so the index is in the page
/// cache as it is on a machine that searches it: "cold" is the process, not the disk).
fn cold(
    exe: &Path,
    index_dir: &Path,
    qs: &[BenchQuery],
    runs: usize,
) -> anyhow::Result<Vec<ClassCold>> {
    let time = |q: &str, facets: bool| -> anyhow::Result<f64> {
        let mut cmd = std::process::Command::new(exe);
        cmd.arg("search")
            .arg("--index")
            .arg(index_dir)
            .arg("--json");
        if facets {
            cmd.arg("--facets");
        }
        cmd.arg("--").arg(q);
        cmd.stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let t = Instant::now();
        let status = cmd.status()?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        anyhow::ensure!(status.success(), "`newsdex search -- {q}` failed: {status}");
        Ok(ms)
    };
    for q in qs {
        time(&q.text, true)?;
    }
    let mut by_class: BTreeMap<String, (usize, Vec<f64>, Vec<f64>)> = BTreeMap::new();
    let (mut all_plain, mut all_facets) = (Vec::new(), Vec::new());
    for q in qs {
        by_class.entry(q.class.clone()).or_default().0 += 1;
    }
    for _ in 0..runs.max(1) {
        for q in qs {
            let (a, b) = (time(&q.text, false)?, time(&q.text, true)?);
            let e = by_class.entry(q.class.clone()).or_default();
            e.1.push(a);
            e.2.push(b);
            all_plain.push(a);
            all_facets.push(b);
        }
    }
    let overall = ClassCold {
        class: "overall".into(),
        queries: qs.len(),
        plain: Latency::of(&all_plain),
        facets: Latency::of(&all_facets),
    };
    Ok(by_class
        .into_iter()
        .map(|(class, (n, a, b))| ClassCold {
            class,
            queries: n,
            plain: Latency::of(&a),
            facets: Latency::of(&b),
        })
        .chain(std::iter::once(overall))
        .collect())
}

/// What a timed query does.
#[derive(Clone, Copy)]
enum Kind {
    /// Top-10 by BM25 and the number of matches, no documents fetched: what
    /// `tantivy bench` times.
    Top10,
    /// A user's search: top-10 documents with snippets, facet counts, date histogram.
    User,
}

fn request(kind: Kind, q: &str) -> SearchRequest {
    let mut r = SearchRequest::new(q);
    r.facets = matches!(kind, Kind::User);
    r
}

fn run_one(s: &Searchable, kind: Kind, req: &SearchRequest) {
    let _ = match kind {
        Kind::Top10 => s.top_hits(req).map(drop),
        Kind::User => s.search(req).map(drop),
    };
}

fn time_ms(s: &Searchable, kind: Kind, q: &str) -> f64 {
    let req = request(kind, q);
    let t = Instant::now();
    run_one(s, kind, &req);
    t.elapsed().as_secs_f64() * 1e3
}

/// Queries per second running every query `runs` times on `threads` threads, each
/// thread taking the next query as it finishes one (independent clients). Plain
/// threads rather than a rayon pool: a rayon worker waiting on the search's own pool
/// would run other queued queries on its stack meanwhile, nesting without bound.
fn throughput(s: &Searchable, qs: &[BenchQuery], kind: Kind, runs: usize, threads: usize) -> f64 {
    let reqs: Vec<SearchRequest> = qs.iter().map(|q| request(kind, &q.text)).collect();
    let total = reqs.len() * runs;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let t = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    break;
                }
                run_one(s, kind, &reqs[i % reqs.len()]);
            });
        }
    });
    total as f64 / t.elapsed().as_secs_f64().max(1e-9)
}

/// Runs the query benchmark.
pub fn run(
    index_dir: &Path,
    queries_file: &Path,
    runs: usize,
    threads: usize,
    cold_runs: Option<(PathBuf, usize)>,
) -> anyhow::Result<QueryBench> {
    let s = Searchable::open_warmed(index_dir)?;
    let (qs, skipped) = read_queries(queries_file, &s)?;
    anyhow::ensure!(
        !qs.is_empty(),
        "{}: no usable queries",
        queries_file.display()
    );
    // Warm-up: every query once, both ways (page cache, term dictionaries).
    for q in &qs {
        time_ms(&s, Kind::User, &q.text);
        time_ms(&s, Kind::Top10, &q.text);
    }
    let mut by_class: BTreeMap<String, (usize, Vec<f64>, Vec<f64>)> = BTreeMap::new();
    let mut all_top = Vec::new();
    let mut all_user = Vec::new();
    for _ in 0..runs.max(1) {
        for q in &qs {
            let a = time_ms(&s, Kind::Top10, &q.text);
            let b = time_ms(&s, Kind::User, &q.text);
            let e = by_class.entry(q.class.clone()).or_default();
            e.1.push(a);
            e.2.push(b);
            all_top.push(a);
            all_user.push(b);
        }
    }
    for q in &qs {
        by_class.entry(q.class.clone()).or_default().0 += 1;
    }
    let classes = by_class
        .into_iter()
        .map(|(class, (n, a, b))| ClassLatency {
            class,
            queries: n,
            top10: Latency::of(&a),
            user: Latency::of(&b),
        })
        .collect();
    let tp_runs = runs.max(1);
    let quotes = crate::quotes::Quotes::open(index_dir)
        .ok()
        .map(|quotes| quote_latency(&quotes, &qs, runs.max(1)));
    Ok(QueryBench {
        machine: Machine::detect(),
        index: index_dir.to_path_buf(),
        num_docs: s.searcher().num_docs(),
        queries_file: queries_file.to_path_buf(),
        runs,
        skipped,
        classes,
        overall: ClassLatency {
            class: "overall".into(),
            queries: qs.len(),
            top10: Latency::of(&all_top),
            user: Latency::of(&all_user),
        },
        qps_top10_1_thread: throughput(&s, &qs, Kind::Top10, tp_runs, 1),
        qps_top10_all_threads: throughput(&s, &qs, Kind::Top10, tp_runs, threads),
        qps_user_1_thread: throughput(&s, &qs, Kind::User, tp_runs, 1),
        qps_user_all_threads: throughput(&s, &qs, Kind::User, tp_runs, threads),
        threads,
        cold: match cold_runs {
            Some((exe, n)) => cold(&exe, index_dir, &qs, n)?,
            None => Vec::new(),
        },
        quotes,
    })
}

/// Latency of every query as a quote search, without and with its counts.
fn quote_latency(quotes: &crate::quotes::Quotes, qs: &[BenchQuery], runs: usize) -> ClassLatency {
    let time = |q: &str, facets: bool| {
        let req = crate::quotes::QuoteRequest {
            query: q.to_string(),
            limit: 10,
            facets,
            ..Default::default()
        };
        let t = Instant::now();
        let _ = quotes.search(&req);
        t.elapsed().as_secs_f64() * 1e3
    };
    for q in qs {
        time(&q.text, true);
    }
    let (mut plain, mut counted) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        for q in qs {
            plain.push(time(&q.text, false));
            counted.push(time(&q.text, true));
        }
    }
    ClassLatency {
        class: "quotes".into(),
        queries: qs.len(),
        top10: Latency::of(&plain),
        user: Latency::of(&counted),
    }
}

impl QueryBench {
    pub fn table(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{}", self.machine.line());
        let _ = writeln!(
            o,
            "index: {} ({} documents); queries: {} ({} runs each after a warm-up)",
            self.index.display(),
            self.num_docs,
            self.queries_file.display(),
            self.runs
        );
        for s in &self.skipped {
            let _ = writeln!(o, "skipped {s}");
        }
        let _ = writeln!(
            o,
            "{:<12}{:>6} | {:>8}{:>8}{:>8}{:>8}{:>8} | {:>8}{:>8}{:>8}{:>8}{:>8}",
            "class", "n", "p50", "p95", "p99", "mean", "max", "p50", "p95", "p99", "mean", "max"
        );
        let _ = writeln!(
            o,
            "{:<18} | {:^40} | {:^40}",
            "", "top-10 BM25 + count (ms)", "user search: +snippets +facets +histogram (ms)"
        );
        for c in self.classes.iter().chain(std::iter::once(&self.overall)) {
            let (a, b) = (&c.top10, &c.user);
            let _ = writeln!(
                o,
                "{:<12}{:>6} | {:>8.2}{:>8.2}{:>8.2}{:>8.2}{:>8.2} | {:>8.2}{:>8.2}{:>8.2}{:>8.2}{:>8.2}",
                c.class, c.queries, a.p50_ms, a.p95_ms, a.p99_ms, a.mean_ms, a.max_ms, b.p50_ms, b.p95_ms, b.p99_ms, b.mean_ms, b.max_ms
            );
        }
        if let Some(c) = &self.quotes {
            let (a, b) = (&c.top10, &c.user);
            let _ = writeln!(
                o,
                "{:<12}{:>6} | {:>8.2}{:>8.2}{:>8.2}{:>8.2}{:>8.2} | {:>8.2}{:>8.2}{:>8.2}{:>8.2}{:>8.2}   (every query over the quotes: 10 best | +who says it, per month)",
                c.class, c.queries, a.p50_ms, a.p95_ms, a.p99_ms, a.mean_ms, a.max_ms, b.p50_ms, b.p95_ms, b.p99_ms, b.mean_ms, b.max_ms
            );
        }
        let _ = writeln!(
            o,
            "throughput (queries/s): top-10 {:.0} on 1 thread, {:.0} on {} threads; user search {:.0} on 1 thread, {:.0} on {} threads",
            self.qps_top10_1_thread, self.qps_top10_all_threads, self.threads, self.qps_user_1_thread, self.qps_user_all_threads, self.threads
        );
        if !self.cold.is_empty() {
            let _ = writeln!(
                o,
                "{:<18} | {:^40} | {:^40}",
                "", "cold: `newsdex search` process (ms)", "cold: `newsdex search --facets` (ms)"
            );
            for c in &self.cold {
                let (a, b) = (&c.plain, &c.facets);
                let _ = writeln!(
                    o,
                    "{:<12}{:>6} | {:>8.1}{:>8.1}{:>8.1}{:>8.1}{:>8.1} | {:>8.1}{:>8.1}{:>8.1}{:>8.1}{:>8.1}",
                    c.class, c.queries, a.p50_ms, a.p95_ms, a.p99_ms, a.mean_ms, a.max_ms, b.p50_ms, b.p95_ms, b.p99_ms, b.mean_ms, b.max_ms
                );
            }
        }
        o
    }
}
