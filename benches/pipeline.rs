//! Criterion benchmarks of the pipeline's hot stages, with byte throughput, on the
//! sample corpus committed in `samples/` (Wikinews, CC BY 2.5): parsing, extraction
//! (date + speakers + places, and each alone), snippet generation and facet counting.
//! Extraction is also measured on real news: 2,000 articles the scaler makes at
//! bench time from `../shared/corpus/news-en.jsonl` (or `$NEWSDEX_BENCH_CORPUS`),
//! which are longer and denser in names than the Wikinews sample (group
//! `extract_news`; skipped, with a note, when the corpus is absent).
//!
//! `cargo bench --bench pipeline`; the extraction figure per core is the
//! `extract/all` and `extract_news/all` throughput (criterion runs one thread).

use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newsdex::extract::RawArticle;
use newsdex::extract::{ExtractOptions, Extractor};
use newsdex::ingest::parse::parse_json;
use newsdex::ingest::{ingest, IngestConfig, NoProgress};
use newsdex::search::{SearchRequest, Searchable};

fn sample_lines() -> Vec<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/wikinews-sample.jsonl");
    std::fs::read_to_string(p)
        .expect("samples/wikinews-sample.jsonl")
        .lines()
        .map(str::to_string)
        .collect()
}

fn articles(lines: &[String]) -> Vec<RawArticle> {
    lines.iter().filter_map(|l| parse_json(l).ok()).collect()
}

fn bench_parse(c: &mut Criterion) {
    let lines = sample_lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("json_lines", |b| {
        b.iter(|| lines.iter().filter_map(|l| parse_json(l).ok()).count())
    });
    g.finish();
}

/// 2,000 articles scaled from the real-news corpus, if it is there.
fn news_articles() -> Option<Vec<RawArticle>> {
    let corpus = std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news-en.jsonl")
        });
    if !corpus.is_file() {
        eprintln!(
            "extract_news: {} not found; set NEWSDEX_BENCH_CORPUS to measure real news",
            corpus.display()
        );
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    let out = dir.path().join("news.jsonl");
    newsdex::bench::scale::scale(&newsdex::bench::scale::ScaleConfig {
        sources: vec![corpus],
        num_articles: 2_000,
        seed: 42,
        out: out.clone(),
        format: newsdex::bench::scale::ScaleFormat::Jsonl,
    })
    .ok()?;
    let lines: Vec<String> = std::fs::read_to_string(out)
        .ok()?
        .lines()
        .map(str::to_string)
        .collect();
    Some(articles(&lines))
}

fn bench_extract(c: &mut Criterion) {
    bench_extract_on(c, "extract", &articles(&sample_lines()));
    if let Some(news) = news_articles() {
        bench_extract_on(c, "extract_news", &news);
    }
    c.bench_function("gazetteer_load", |b| {
        b.iter(newsdex::extract::gazetteer::Gazetteer::embedded)
    });
}

/// Extraction of `arts`, all extractors and each alone, in bytes of body text per
/// second.
fn bench_extract_on(c: &mut Criterion, group: &str, arts: &[RawArticle]) {
    let text_bytes: usize = arts.iter().map(|a| a.body.len()).sum();
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.sample_size(20);
    for (name, opts) in [
        (
            "all",
            ExtractOptions {
                speakers: true,
                places: true,
            },
        ),
        (
            "places",
            ExtractOptions {
                speakers: false,
                places: true,
            },
        ),
        (
            "speakers",
            ExtractOptions {
                speakers: true,
                places: false,
            },
        ),
        (
            "date_only",
            ExtractOptions {
                speakers: false,
                places: false,
            },
        ),
    ] {
        let ex = Extractor::new(opts);
        g.bench_function(name, |b| {
            b.iter_batched(
                || arts.to_vec(),
                |arts| {
                    arts.into_iter()
                        .map(|a| ex.extract(a).0.places.len())
                        .sum::<usize>()
                },
                BatchSize::LargeInput,
            )
        });
    }
    // The near-duplicate sketch the index encoder adds to each article.
    g.bench_function("dup_sketch", |b| {
        b.iter(|| {
            arts.iter()
                .filter_map(|a| newsdex::dups::sketch(&a.body))
                .count()
        })
    });
    g.finish();
}

fn bench_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    ingest(
        &IngestConfig::new(vec![samples], dir.path().join("index")),
        &NoProgress,
    )
    .unwrap();
    let s = Searchable::open(&dir.path().join("index")).unwrap();
    let mut g = c.benchmark_group("search");
    for (name, snippets, facets) in [
        ("top10", false, false),
        ("top10_snippets", true, false),
        ("facets_histogram", false, true),
        ("user_query", true, true),
    ] {
        let mut req = SearchRequest::new("health OR virus OR election");
        req.snippets = snippets;
        req.facets = facets;
        let resp = s.search(&req).unwrap();
        let snippet_bytes: usize = resp
            .hits
            .iter()
            .flat_map(|h| &h.snippets)
            .map(|s| s.text.len())
            .sum();
        if snippets {
            g.throughput(Throughput::Bytes(snippet_bytes.max(1) as u64));
        } else {
            g.throughput(Throughput::Elements(resp.total as u64));
        }
        g.bench_function(name, |b| b.iter(|| s.search(&req).unwrap().total));
    }
    g.finish();
}

criterion_group!(benches, bench_parse, bench_extract, bench_search);
criterion_main!(benches);
