//! `newsdex export` and `newsdex counts`: every match of a query out of the index,
//! and the number of matches per period for plots.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{usage_error, FilterArgs, EXIT_OK, EXIT_USAGE};
use crate::search::export::{ExportError, ExportOrder, Flow};
use crate::search::export_format::{ExportWriter, Fields, Format};
use crate::search::series::{Period, Series, SplitBy};
use crate::search::{SearchError, SearchRequest, Searchable};

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: FormatArg,
    /// Fields to write, in order (default: all): id,title,date,source,url,lang,authors,speakers,places,text
    #[arg(long, default_value = "")]
    pub fields: String,
    /// `none`: index order, streamed from the first match; `date`: oldest first.
    #[arg(long, value_enum, default_value = "none")]
    pub sort: ExportSortArg,
    /// Write to this file instead of standard output (Parquet needs a file).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    Jsonl,
    Csv,
    Parquet,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ExportSortArg {
    None,
    Date,
}

#[derive(Args, Debug)]
pub struct CountsArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    pub by: PeriodArg,
    /// One column per top value of a facet.
    #[arg(long, value_enum)]
    pub split: Option<SplitArg>,
    /// How many values the split shows.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: CountsFormatArg,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SplitArg {
    Source,
    Speaker,
    Place,
    Lang,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum CountsFormatArg {
    Table,
    Csv,
    Json,
}

fn request(filters: &FilterArgs) -> Result<SearchRequest, String> {
    filters.params().validate().map_err(|e| e.to_string())
}

pub fn cmd_export(a: ExportArgs) -> anyhow::Result<i32> {
    let req = match request(&a.filters) {
        Ok(r) => r,
        Err(msg) => return Ok(usage_error(&msg)),
    };
    let fields = match Fields::parse(&a.fields) {
        Ok(f) => f,
        Err(msg) => return Ok(usage_error(&msg)),
    };
    let format = match a.format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Parquet => Format::Parquet,
    };
    if format == Format::Parquet && a.output.is_none() {
        return Ok(usage_error("Parquet needs a file: add -o FILE.parquet"));
    }
    let order = match a.sort {
        ExportSortArg::None => ExportOrder::Index,
        ExportSortArg::Date => ExportOrder::Date,
    };
    let index = Searchable::open(&a.filters.index)?;
    let out: Box<dyn Write + Send> = match &a.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?,
        ),
        None => Box::new(std::io::stdout()),
    };
    let mut writer = ExportWriter::new(
        std::io::BufWriter::with_capacity(1 << 16, out),
        format,
        fields,
    )?;
    // A count on a terminal as it goes; the total at the end.
    let bar = indicatif::ProgressBar::with_draw_target(
        None,
        if std::io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {pos} articles {per_sec}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let mut closed = false;
    let encoder = writer.encoder().clone();
    let encode = |article| encoder.encode(article);
    let result = index.export(&req, order, &encode, &mut |encoded| match encoded
        .and_then(|e| writer.write_encoded(e))
    {
        Ok(()) => {
            bar.inc(1);
            Ok(Flow::Continue)
        }
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            closed = true;
            Ok(Flow::Stop)
        }
        Err(e) => Err(e),
    });
    bar.finish_and_clear();
    let n = match result {
        Ok(n) => n,
        Err(ExportError::Search(e @ (SearchError::Query(_) | SearchError::Request(_)))) => {
            return Ok(usage_error(&e.to_string()))
        }
        Err(e) => return Err(e.into()),
    };
    if closed {
        // The reader has gone (`| head`): nothing more to say, and nobody to say it to.
        return Ok(EXIT_OK);
    }
    match writer.finish() {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(EXIT_OK),
        Err(e) => return Err(anyhow::anyhow!("cannot write the export: {e}")),
    }
    eprintln!(
        "exported {n} article{}{}",
        if n == 1 { "" } else { "s" },
        a.output
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default()
    );
    Ok(EXIT_OK)
}

pub fn cmd_counts(a: CountsArgs) -> anyhow::Result<i32> {
    let req = match request(&a.filters) {
        Ok(r) => r,
        Err(msg) => return Ok(usage_error(&msg)),
    };
    if a.top == 0 {
        return Ok(usage_error("--top must be at least 1"));
    }
    let by = match a.by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let split = a.split.map(|s| {
        let s = match s {
            SplitArg::Source => SplitBy::Source,
            SplitArg::Speaker => SplitBy::Speaker,
            SplitArg::Place => SplitBy::Place,
            SplitArg::Lang => SplitBy::Lang,
        };
        (s, a.top)
    });
    let index = Searchable::open(&a.filters.index)?;
    let series = match index.counts(&req, by, split) {
        Ok(s) => s,
        Err(e @ (SearchError::Query(_) | SearchError::Request(_))) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = std::io::stdout().lock();
    let written = match a.format {
        CountsFormatArg::Json => writeln!(out, "{}", serde_json::to_string_pretty(&series)?),
        CountsFormatArg::Csv => out.write_all(&crate::search::series::to_csv(&series)?),
        CountsFormatArg::Table => out.write_all(series_table(&series).as_bytes()),
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(EXIT_OK),
    }
}

/// A series as an aligned table, with the undated matches noted.
fn series_table(s: &Series) -> String {
    let mut header = vec!["period".to_string(), "count".into()];
    header.extend(s.columns.iter().map(|c| crate::sanitize::for_terminal(c)));
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.period.clone(), r.count.to_string()];
            row.extend(r.split.iter().map(u64::to_string));
            row
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(&header);
    for r in &rows {
        out += &line(r);
    }
    out += &format!("{} matches, {} without a date\n", s.total, s.undated);
    out
}
