//! The command line: clap derive structs per command, turned once into typed
//! configs (`IngestConfig`, `SearchRequest`), and one function per command that
//! returns the process exit code.

mod dups;
mod export;
pub mod progress;
pub mod render;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::extract::ExtractOptions;
use crate::ingest::parse::FieldMap;
use crate::ingest::pipeline::PipelineConfig;
use crate::ingest::{self, IngestConfig};
use crate::search::{SearchError, SearchParams, SearchRequest, Searchable};

/// Exit codes, documented in README.
pub const EXIT_OK: i32 = 0;
/// The command ran, but some input could not be used (reported and counted).
pub const EXIT_INPUT_ERRORS: i32 = 1;
/// Bad usage: a wrong argument or an invalid query.
pub const EXIT_USAGE: i32 = 2;
/// Could not run: the index cannot be opened or written.
pub const EXIT_FATAL: i32 = 3;

const DEFAULT_INDEX: &str = "newsdex-index";

/// What `newsdex --version` prints: the version, and the data the binary carries
/// with the credit its licences ask for.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (tantivy ",
    env!("NEWSDEX_TANTIVY_VERSION"),
    ")\n\n",
    "Place names: GeoNames (https://www.geonames.org/, CC BY 4.0) and world-countries\n",
    "(https://github.com/mledoze/countries, ODbL 1.0). First names: Names Corpus 1.3\n",
    "(C) 1991 Mark Kantrowitz, additions by Bill Ross. Frequent words of German, French,\n",
    "Spanish, Italian, Portuguese: wordfreq 3.1.1 (Robyn Speer, CC BY-SA 4.0). See data/README.md.",
);

#[derive(Parser, Debug)]
#[command(
    name = "newsdex",
    version,
    long_version = LONG_VERSION,
    about = "Full-text search for news archives: ingest dumps, extract speakers, places and dates, search with facets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Ingest files or directories of articles into an index (re-runs add nothing twice).
    Index(IndexArgs),
    /// Search an index: ranked snippets, filters, facet counts, date histogram.
    Search(SearchArgs),
    /// Write every article matching a query (no window limit) as JSON lines, CSV or Parquet.
    Export(export::ExportArgs),
    /// Count matching articles per day, week, month or year, optionally per source,
    /// speaker, place or language.
    Counts(export::CountsArgs),
    /// Print the extraction (date, speakers, places) of each article as JSON lines.
    Extract(ExtractArgs),
    /// Index the sample corpus shipped in the repository and show a search.
    Demo(DemoArgs),
    /// Show one stored article with its extraction, as JSON.
    Show(ShowArgs),
    /// People the archive quotes, by any of their names: name forms, articles, dates.
    People(PeopleArgs),
    /// Search the quotes: who said what, ranked by BM25 over the quote's words; the
    /// same quote in several articles is one result.
    Quotes(QuotesArgs),
    /// Near-duplicate articles: the largest clusters of one story re-issued by several
    /// outlets (sources, first and last date), or the articles of one cluster.
    Dups(dups::DupsArgs),
    /// Measure ingest and query speed on your own archive.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Serve the JSON API and the web page (read-only) on loopback.
    #[cfg(feature = "server")]
    Serve(ServeArgs),
}

#[cfg(feature = "server")]
#[derive(Args, Debug)]
pub struct ServeArgs {
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// Address to listen on (loopback by default; anything else exposes the archive).
    #[arg(long, default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,
}

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Ingest a corpus with the `index` pipeline and report throughput, memory, size, stages.
    Ingest(BenchIngestArgs),
    /// Run a query file against an index: latency percentiles per class, throughput.
    Query(BenchQueryArgs),
}

/// Options of the ingest pipeline shared by `index` and `bench ingest`. Unset
/// options keep [`IngestConfig::new`]'s defaults, which are the only ones.
#[derive(Args, Debug)]
pub struct WriterArgs {
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Memory budget of the index writer, e.g. 256MB, 1GB [default: 256MB].
    #[arg(long, value_parser = parse_size)]
    pub memory: Option<usize>,
    /// Commit after this many articles, 0: only by time and at the end [default: 100000].
    #[arg(long)]
    pub commit_every: Option<u64>,
    /// Skip speaker and place extraction (dates are still parsed).
    #[arg(long)]
    pub no_extract: bool,
    /// Columns (CSV, Parquet) or JSON keys holding fields no alias names:
    /// `text=content,date=published_at`, or a file of such lines.
    #[arg(long, value_parser = FieldMap::parse)]
    pub map: Option<FieldMap>,
}

impl WriterArgs {
    /// The ingest configuration these options give, checked once.
    pub fn config(&self, paths: Vec<PathBuf>, index: PathBuf) -> Result<IngestConfig, String> {
        let mut cfg = IngestConfig::new(paths, index);
        if let Some(t) = self.threads {
            cfg.num_threads = t;
        }
        if let Some(m) = self.memory {
            cfg.memory_budget_bytes = m;
        }
        if let Some(n) = self.commit_every {
            cfg.commit_every_docs = n;
        }
        cfg.extract = ExtractOptions {
            speakers: !self.no_extract,
            places: !self.no_extract,
        };
        cfg.field_map = self.map.clone().unwrap_or_default();
        cfg.writer_threads()?;
        Ok(cfg)
    }
}

#[derive(Args, Debug)]
pub struct BenchIngestArgs {
    #[arg(required = true)]
    pub corpus: Vec<PathBuf>,
    /// Index directory (default: a fresh folder in the temp dir, removed afterwards).
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub writer: WriterArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct BenchQueryArgs {
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// One query per line, optionally `class<TAB>query`.
    #[arg(long)]
    pub queries: PathBuf,
    /// Timed runs of each query after the warm-up.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Threads for the all-cores throughput run (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also time cold searches: each query as its own `newsdex search` process
    /// (start, open, search, print), without and with --facets, this many runs each.
    #[arg(long, value_name = "RUNS")]
    pub cold: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Files or directories (walked recursively) of JSON, JSONL, text, .gz, .zst.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Index directory (created if missing).
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    #[command(flatten)]
    pub writer: WriterArgs,
    /// Commit at least every this many seconds [default: 60].
    #[arg(long)]
    pub commit_interval: Option<u64>,
    /// Re-read files the manifest says are already ingested and unchanged.
    #[arg(long)]
    pub force: bool,
    /// Print the report as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value = "relevance")]
    pub sort: SortArg,
    /// Show facet counts (speakers, places, sources, languages) and the date histogram.
    #[arg(long)]
    pub facets: bool,
    /// Count the facets of every match: without it, past 10,000 matches they are
    /// estimated from a sample of about 10,000 (the total and dates stay exact).
    #[arg(long)]
    pub exact_facets: bool,
    /// Show every copy of a story: without it, the copies of one story (its
    /// near-duplicate cluster) are one result, "+N similar".
    #[arg(long)]
    pub no_collapse: bool,
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
}

/// The query and filters `search`, `export` and `counts` share.
#[derive(Args, Debug)]
pub struct FilterArgs {
    /// Query in tantivy syntax: words, "phrases", AND/OR/NOT, +must -not, field:term. Empty: all.
    #[arg(default_value = "")]
    pub query: String,
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// Published on or after this date (2026-02-01, "Feb 1, 2026", ...).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this date (a day is included whole).
    #[arg(long)]
    pub to: Option<String>,
    /// Only articles quoting this person (full name or surname); repeat for all of several.
    #[arg(long)]
    pub speaker: Vec<String>,
    /// Only articles mentioning a place: a facet path prefix (/Europe/Ukraine) or a name (Kyiv).
    #[arg(long)]
    pub place: Vec<String>,
    /// Only articles from this source (repeat for any of several).
    #[arg(long)]
    pub source: Vec<String>,
    /// Only articles in this language, ISO 639-1 (repeat for any of several): de.
    #[arg(long)]
    pub lang: Vec<String>,
    /// Only the articles of one near-duplicate cluster (its id, as `newsdex dups` and
    /// "+N similar" show it): every copy of one story.
    #[arg(long)]
    pub cluster: Option<String>,
}

impl FilterArgs {
    pub fn params(&self) -> SearchParams {
        SearchParams {
            query: self.query.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            speakers: self.speaker.clone(),
            places: self.place.clone(),
            sources: self.source.clone(),
            langs: self.lang.clone(),
            cluster: self.cluster.clone(),
            ..Default::default()
        }
    }
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also print each article's url, source, authors, language, text and origin.
    #[arg(long)]
    pub text: bool,
    /// Columns (CSV, Parquet) or JSON keys holding fields no alias names:
    /// `text=content,date=published_at`, or a file of such lines.
    #[arg(long, value_parser = FieldMap::parse)]
    pub map: Option<FieldMap>,
    #[arg(long)]
    pub no_speakers: bool,
    #[arg(long)]
    pub no_places: bool,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Where to build the demo index (default: a folder in the system temp dir).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// The sample corpus (default: samples/ next to the binary's source).
    #[arg(long)]
    pub samples: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    pub id: String,
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
}

#[derive(Args, Debug)]
pub struct QuotesArgs {
    /// Words, "phrases", AND/OR/NOT over the quotes' text. Empty: every quote (of the
    /// speaker), newest first.
    #[arg(default_value = "")]
    pub query: String,
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// Only this person's quotes (any name form: full name, surname, with title).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Published on or after this date (2026-02-01, "Feb 1, 2026", ...).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before this date (a day is included whole).
    #[arg(long)]
    pub to: Option<String>,
    /// Only quotes in articles from this source.
    #[arg(long)]
    pub source: Option<String>,
    /// How many quotes to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Also count who says it (quotes per person) and when (per month), over every
    /// matching quote.
    #[arg(long)]
    pub facets: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PeopleArgs {
    /// A name (full name, surname, any case); without one, the most quoted people.
    pub name: Option<String>,
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// How many people to list without a name.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

/// Parses sizes like `512MB`, `1GB`, `300000000`.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim().to_ascii_uppercase();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("not a size: {s:?} (try 256MB)"))?;
    let mult = match unit.trim() {
        "" | "B" => 1.0,
        "K" | "KB" | "KIB" => 1024.0,
        "M" | "MB" | "MIB" => 1024.0 * 1024.0,
        "G" | "GB" | "GIB" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("unknown size unit {other:?} (use KB, MB or GB)")),
    };
    Ok((n * mult) as usize)
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Index(a) => cmd_index(a),
        Command::Search(a) => cmd_search(a),
        Command::Export(a) => export::cmd_export(a),
        Command::Counts(a) => export::cmd_counts(a),
        Command::Extract(a) => cmd_extract(a),
        Command::Demo(a) => cmd_demo(a),
        Command::Show(a) => cmd_show(a),
        Command::People(a) => cmd_people(a),
        Command::Quotes(a) => cmd_quotes(a),
        Command::Dups(a) => dups::cmd_dups(a),
        Command::Bench(BenchCommand::Ingest(a)) => cmd_bench_ingest(a),
        Command::Bench(BenchCommand::Query(a)) => cmd_bench_query(a),
        #[cfg(feature = "server")]
        Command::Serve(a) => cmd_serve(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_FATAL
        }
    }
}

fn cmd_index(a: IndexArgs) -> anyhow::Result<i32> {
    let mut cfg = match a.writer.config(a.paths, a.index) {
        Ok(cfg) => cfg,
        Err(msg) => return Ok(usage_error(&msg)),
    };
    if let Some(secs) = a.commit_interval {
        if secs == 0 {
            return Ok(usage_error("--commit-interval must be at least 1 second"));
        }
        cfg.commit_interval = Duration::from_secs(secs);
    }
    cfg.force = a.force;
    let bar = progress::Bar::new(!a.quiet && std::io::stderr().is_terminal());
    let report = ingest::ingest(&cfg, &bar)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        eprint!("{}", render::ingest_report(&report));
    }
    Ok(input_status(report.stats.failed))
}

/// Prints a usage error; its exit status.
fn usage_error(msg: &str) -> i32 {
    eprintln!("error: {msg}");
    EXIT_USAGE
}

/// The exit status of a command that read input: 1 when some of it was bad.
fn input_status(failed: u64) -> i32 {
    if failed > 0 {
        EXIT_INPUT_ERRORS
    } else {
        EXIT_OK
    }
}

impl SearchArgs {
    fn params(&self) -> SearchParams {
        SearchParams {
            sort: Some(
                match self.sort {
                    SortArg::Relevance => "relevance",
                    SortArg::Date => "date",
                }
                .into(),
            ),
            limit: Some(self.limit),
            offset: self.offset,
            exact_facets: self.exact_facets,
            facets: self.facets,
            no_collapse: self.no_collapse,
            ..self.filters.params()
        }
    }
}

fn cmd_search(a: SearchArgs) -> anyhow::Result<i32> {
    let req = match a.params().validate() {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Ok(EXIT_USAGE);
        }
    };
    let s = Searchable::open(&a.filters.index)?;
    let found = s.search(&req);
    // The process ends now: unmapping a large index and stopping the search threads
    // cost more than a search (10-20 ms at a million articles).
    std::mem::forget(s);
    match found {
        Ok(resp) => {
            let mut out = std::io::stdout().lock();
            if a.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&resp)?)?;
            } else {
                write!(
                    out,
                    "{}",
                    render::search(&resp, std::io::stdout().is_terminal())
                )?;
            }
            Ok(EXIT_OK)
        }
        Err(e @ (SearchError::Query(_) | SearchError::Request(_))) => {
            eprintln!("error: {e}");
            Ok(EXIT_USAGE)
        }
        Err(e) => Err(e.into()),
    }
}

fn cmd_extract(a: ExtractArgs) -> anyhow::Result<i32> {
    let options = ExtractOptions {
        speakers: !a.no_speakers,
        places: !a.no_places,
    };
    let threads = match a.threads {
        Some(0) => return Ok(usage_error("--threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(2, |n| n.get()),
    };
    // Errors go to stderr as they come; lines to stdout in input order.
    let errors = progress::Bar::new(false);
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let config = PipelineConfig {
        paths: a.paths,
        num_threads: threads,
        extract: options,
        skip_dir: None,
        field_map: a.map.unwrap_or_default(),
    };
    let (_, stats) = ingest::extract_jsonl(config, a.text, out, &errors)?;
    if stats.errors_not_shown() > 0 {
        eprintln!(
            "{} more input errors were counted but not shown",
            stats.errors_not_shown()
        );
    }
    Ok(input_status(stats.failed))
}

fn cmd_people(a: PeopleArgs) -> anyhow::Result<i32> {
    let s = Searchable::open(&a.index)?;
    let Some(registry) = s.people() else {
        eprintln!(
            "error: {} has no people registry yet: run `newsdex index --index {} ...` again (it adds nothing twice and writes it)",
            a.index.display(),
            a.index.display()
        );
        return Ok(EXIT_USAGE);
    };
    let (people, also): (Vec<&crate::search::people::Person>, Vec<_>) = match &a.name {
        Some(name) => registry.find(name),
        None => (registry.people.iter().take(a.limit).collect(), Vec::new()),
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "people": people, "also": also }))?
        )?;
    } else {
        write!(out, "{}", render::people(&people, &also))?;
    }
    Ok(if people.is_empty() {
        EXIT_INPUT_ERRORS
    } else {
        EXIT_OK
    })
}

fn cmd_quotes(a: QuotesArgs) -> anyhow::Result<i32> {
    let bound = |s: &Option<String>, end: bool| -> Result<Option<i64>, String> {
        s.as_deref()
            .map(|s| crate::search::parse_bound(s, end).map_err(|e| e.0))
            .transpose()
    };
    let (from, to) = match (bound(&a.from, false), bound(&a.to, true)) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    crate::writer::open_existing(&a.index)?;
    let req = crate::quotes::QuoteRequest {
        query: a.query.clone(),
        speaker: a.speaker.clone(),
        from,
        to,
        source: a.source.clone(),
        limit: a.limit.clamp(1, crate::search::MAX_LIMIT),
        facets: a.facets,
    };
    let results = crate::quotes::search(&a.index, &req)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&results)?)?;
    } else {
        write!(out, "{}", render::quotes(&results))?;
    }
    Ok(EXIT_OK)
}

fn cmd_show(a: ShowArgs) -> anyhow::Result<i32> {
    let s = Searchable::open(&a.index)?;
    match s.article(&a.id)? {
        Some(article) => {
            println!("{}", serde_json::to_string_pretty(&article)?);
            Ok(EXIT_OK)
        }
        None => {
            eprintln!("error: no article with id {:?}", a.id);
            Ok(EXIT_INPUT_ERRORS)
        }
    }
}

/// The sample corpus: `samples/` in the source tree (or the working directory).
fn samples_dir(arg: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = arg {
        return Ok(p);
    }
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples"),
        PathBuf::from("samples"),
    ];
    candidates
        .into_iter()
        .find(|p| p.is_dir())
        .context("cannot find the samples/ folder; pass --samples DIR")
}

fn cmd_demo(a: DemoArgs) -> anyhow::Result<i32> {
    let samples = samples_dir(a.samples)?;
    // The default demo index is rebuilt each time, so it reflects this build's extraction.
    let index = match a.index {
        Some(dir) => dir,
        None => {
            let dir = std::env::temp_dir().join("newsdex-demo-index");
            if dir.join("meta.json").exists() {
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("cannot reset {}", dir.display()))?;
            }
            dir
        }
    };
    println!(
        "== newsdex demo: indexing {} into {}",
        samples.display(),
        index.display()
    );
    let cfg = IngestConfig::new(vec![samples], index.clone());
    let bar = progress::Bar::new(std::io::stderr().is_terminal());
    let report = ingest::ingest(&cfg, &bar)?;
    print!("{}", render::ingest_report(&report));
    let s = Searchable::open(&index)?;
    let color = std::io::stdout().is_terminal();
    let demos: [(&str, &[&str]); 2] = [
        ("\"peace talks\" OR ceasefire OR Ukraine", &[]),
        ("election", &["/Europe"]),
    ];
    for (q, places) in demos {
        let mut req = SearchRequest::new(q);
        req.limit = 5;
        req.facets = true;
        req.places = places.iter().map(|p| p.to_string()).collect();
        let filter = if places.is_empty() {
            String::new()
        } else {
            format!(" --place {}", places.join(" --place "))
        };
        println!(
            "\n== newsdex search --index {} '{q}'{filter} --limit 5 --facets\n",
            index.display()
        );
        let resp = s.search(&req).map_err(|e| anyhow::anyhow!("{e}"))?;
        print!("{}", render::search(&resp, color));
    }
    println!(
        "\nTry your own: newsdex search --index {} 'your query' --facets",
        index.display()
    );
    println!(
        "Who said what: newsdex quotes --index {} 'your words' --facets",
        index.display()
    );
    Ok(EXIT_OK)
}

fn cmd_bench_ingest(a: BenchIngestArgs) -> anyhow::Result<i32> {
    let temp = match &a.index {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new()
                .prefix("newsdex-bench-")
                .tempdir()?,
        ),
    };
    let index = a.index.clone().unwrap_or_else(|| {
        temp.as_ref()
            .map(|t| t.path().join("index"))
            .unwrap_or_default()
    });
    let cfg = match a.writer.config(a.corpus, index) {
        Ok(cfg) => cfg,
        Err(msg) => return Ok(usage_error(&msg)),
    };
    let bar = progress::Bar::new(std::io::stderr().is_terminal());
    let report = crate::bench::ingest::run(&cfg, &bar)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(input_status(report.report.stats.failed))
}

fn cmd_bench_query(a: BenchQueryArgs) -> anyhow::Result<i32> {
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let cold = match a.cold {
        Some(runs) => Some((std::env::current_exe()?, runs)),
        None => None,
    };
    let report = crate::bench::query::run(&a.index, &a.queries, a.runs, threads, cold)?;
    for s in &report.skipped {
        eprintln!("{}", crate::sanitize::for_terminal(s));
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(if report.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_INPUT_ERRORS
    })
}

#[cfg(feature = "server")]
fn cmd_serve(a: ServeArgs) -> anyhow::Result<i32> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(crate::http::serve(&a.index, a.addr))?;
    Ok(EXIT_OK)
}
