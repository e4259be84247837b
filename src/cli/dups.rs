//! `newsdex dups`: the largest clusters of near-duplicate articles, how a story
//! spread (sources, first and last date), or the articles of one cluster.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{DEFAULT_INDEX, EXIT_INPUT_ERRORS, EXIT_OK};
use crate::search::dups::{parse_cluster, DupsRequest, DupsResponse, Member};
use crate::search::Searchable;

#[derive(Args, Debug)]
pub struct DupsArgs {
    #[arg(long, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// How many clusters to show, largest first (0: all).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Leave out clusters of fewer articles.
    #[arg(long, default_value_t = 2)]
    pub min_size: usize,
    /// How many articles of each cluster to list.
    #[arg(long, default_value_t = 5)]
    pub articles: usize,
    /// Only this cluster (its id as `dups` and search results show it), every article.
    #[arg(long)]
    pub cluster: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn cmd_dups(a: DupsArgs) -> anyhow::Result<i32> {
    let s = Searchable::open(&a.index)?;
    let mut out = std::io::stdout().lock();
    if let Some(name) = &a.cluster {
        let Some(cluster) = parse_cluster(name) else {
            eprintln!(
                "error: {name:?} is not a cluster id (16 hex digits, as `newsdex dups` shows)"
            );
            return Ok(super::EXIT_USAGE);
        };
        let members = s.cluster_articles(cluster)?;
        if members.is_empty() {
            eprintln!("error: no article in cluster {name}");
            return Ok(EXIT_INPUT_ERRORS);
        }
        if a.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&members)?)?;
        } else {
            for m in &members {
                writeln!(out, "{}", member_line(m))?;
            }
        }
        return Ok(EXIT_OK);
    }
    let req = DupsRequest {
        limit: a.limit,
        min_size: a.min_size,
        members: a.articles,
    };
    let found = s.dups(&req)?;
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?;
    } else {
        write!(out, "{}", render(&found))?;
    }
    Ok(EXIT_OK)
}

fn day(date: &Option<String>) -> &str {
    date.as_deref()
        .map_or("undated", |d| d.get(..10).unwrap_or(d))
}

fn member_line(m: &Member) -> String {
    format!(
        "  {}  {:<24}  {}  ({})",
        day(&m.date),
        m.source.as_deref().unwrap_or("-"),
        m.title,
        m.id
    )
}

/// The clusters as text.
pub fn render(found: &DupsResponse) -> String {
    let mut s = format!(
        "{} of {} articles have a copy, in {} stories\n",
        found.copied, found.articles, found.clusters
    );
    for c in &found.largest {
        let sources: Vec<String> = c
            .sources
            .iter()
            .take(5)
            .map(|(s, n)| format!("{} {n}", if s.is_empty() { "-" } else { s }))
            .collect();
        let more = c.sources.len().saturating_sub(5);
        s.push_str(&format!(
            "\n{} articles, {} to {}  cluster {}\n  first: {}\n  sources: {}{}\n",
            c.size,
            day(&c.first),
            day(&c.last),
            c.cluster,
            c.representative.title,
            sources.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
        ));
        for m in &c.articles {
            s.push_str(&member_line(m));
            s.push('\n');
        }
        if c.articles.len() < c.size {
            s.push_str(&format!("  ... {} more\n", c.size - c.articles.len()));
        }
    }
    s
}
