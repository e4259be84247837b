//! `newsdex-scale`: writes an archive-sized corpus from a real one (see `newsdex::bench::scale`).

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use newsdex::bench::scale::{describe, scale, ScaleConfig, ScaleFormat};

#[derive(Copy, Clone, Debug, ValueEnum)]
enum Format {
    Jsonl,
    NewsPlease,
}

/// Recombines real titles and paragraphs of each source into N articles, with dates
/// spread over 1995-2025 and a vocabulary that grows with N. Deterministic for a seed.
#[derive(Parser, Debug)]
#[command(name = "newsdex-scale", version)]
struct Args {
    /// Source corpus: JSONL articles (any field names `newsdex index` accepts).
    #[arg(long = "from", required = true)]
    sources: Vec<PathBuf>,
    /// Number of articles to write.
    #[arg(long, short = 'n')]
    articles: u64,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output: a .jsonl file, or a directory for --format news-please.
    #[arg(long, short)]
    out: PathBuf,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
}

fn main() {
    let a = Args::parse();
    let cfg = ScaleConfig {
        sources: a.sources,
        num_articles: a.articles,
        seed: a.seed,
        out: a.out,
        format: match a.format {
            Format::Jsonl => ScaleFormat::Jsonl,
            Format::NewsPlease => ScaleFormat::NewsPlease,
        },
    };
    let t = std::time::Instant::now();
    match scale(&cfg) {
        Ok(_) => eprintln!(
            "wrote {} in {:.1} s",
            describe(&cfg),
            t.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(3);
        }
    }
}
