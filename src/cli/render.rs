//! Terminal output of search results and ingest reports. Highlights are bold on a
//! terminal and `**marked**` when piped; article text is sanitised first.

use std::fmt::Write;

use crate::ingest::IngestReport;
use crate::sanitize::for_terminal;
use crate::search::{SearchResponse, SnippetOut};

/// Renders a snippet with its highlights.
pub fn snippet(s: &SnippetOut, color: bool) -> String {
    let (on, off) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut out = String::new();
    let mut pos = 0;
    for [a, b] in &s.highlights {
        let (a, b) = (*a, *b);
        if a < pos || b > s.text.len() || !s.text.is_char_boundary(a) || !s.text.is_char_boundary(b)
        {
            continue;
        }
        out.push_str(&for_terminal(&s.text[pos..a]));
        if !out.is_empty() && s.text[..a].ends_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(on);
        out.push_str(&for_terminal(&s.text[a..b]));
        out.push_str(off);
        if s.text[b..].starts_with(char::is_whitespace) {
            out.push(' ');
        }
        pos = b;
    }
    out.push_str(&for_terminal(&s.text[pos..]));
    out
}

/// The human-readable result page.
pub fn search(r: &SearchResponse, color: bool) -> String {
    let mut o = String::new();
    let (b, n) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let _ = writeln!(
        o,
        "{} results for {:?} in {:.1} ms",
        r.total, r.query, r.elapsed_ms
    );
    for a in &r.ambiguous {
        let who = |ps: &[crate::search::PersonBrief]| -> String {
            ps.iter()
                .map(|p| {
                    format!(
                        "{} ({} articles, {} to {})",
                        for_terminal(&p.name),
                        p.articles,
                        p.first.as_deref().unwrap_or("undated"),
                        p.last.as_deref().unwrap_or("undated")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(
            o,
            "note: speaker {:?} searched as {}",
            for_terminal(&a.name),
            who(&a.people)
        );
        if !a.also.is_empty() {
            let _ = writeln!(
                o,
                "      it also fits (give a full name to search one): {}",
                who(&a.also)
            );
        }
    }
    for h in &r.hits {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}. {b}{}{n}  (score {:.2})",
            h.rank,
            for_terminal(&h.title),
            h.score
        );
        let meta: Vec<String> = [
            h.date
                .as_deref()
                .map(|d| d.get(..10).unwrap_or(d).to_string()),
            h.source.clone(),
            h.url.clone(),
        ]
        .into_iter()
        .flatten()
        .map(|s| for_terminal(&s))
        .collect();
        if !meta.is_empty() {
            let _ = writeln!(o, "   {}", meta.join(" | "));
        }
        for s in &h.snippets {
            let _ = writeln!(o, "   {}", snippet(s, color));
        }
        if !h.speakers.is_empty() {
            let _ = writeln!(o, "   speakers: {}", for_terminal(&h.speakers.join(", ")));
        }
        if !h.places.is_empty() {
            let _ = writeln!(o, "   places: {}", for_terminal(&h.places.join(", ")));
        }
        if let (Some(cluster), true) = (&h.cluster, h.similar > 0) {
            let _ = writeln!(
                o,
                "   +{} similar (newsdex search --cluster {cluster}, or newsdex dups --cluster {cluster})",
                h.similar
            );
        }
    }
    if let Some(f) = &r.facets {
        if f.exact {
            let _ = writeln!(o, "\n{b}Facets{n}");
        } else {
            let _ = writeln!(
                o,
                "\n{b}Facets{n} (estimated from a sample of the matches; --exact-facets counts them all)"
            );
        }
        let list = |items: &[crate::search::facets::FacetCount]| {
            items
                .iter()
                .map(|c| format!("{} ({})", for_terminal(&c.label), c.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(o, "  speakers: {}", list(&f.speakers));
        let _ = writeln!(o, "  places under {}: {}", f.place_parent, list(&f.places));
        let _ = writeln!(o, "  sources: {}", list(&f.sources));
        let _ = writeln!(o, "  languages: {}", list(&f.langs));
    }
    if let Some(h) = &r.histogram {
        let _ = writeln!(
            o,
            "\n{b}Dates{n} (by {:?}, {} undated)",
            h.interval, h.undated
        );
        let max = h.buckets.iter().map(|x| x.count).max().unwrap_or(0).max(1);
        let shown: Vec<_> = h.buckets.iter().filter(|x| x.count > 0).collect();
        for x in shown.iter().take(40) {
            let width = ((x.count as f64 / max as f64) * 40.0).ceil() as usize;
            let _ = writeln!(o, "  {:<10} {:>6} {}", x.key, x.count, "#".repeat(width));
        }
        if shown.len() > 40 {
            let _ = writeln!(o, "  ... {} more buckets (use --json)", shown.len() - 40);
        }
    }
    o
}

/// People and their name forms, one block each.
/// Quote results: each quote with its speaker, date, source and article, and how
/// many articles print it.
pub fn quotes(r: &crate::quotes::QuoteResults) -> String {
    let mut o = String::new();
    if r.hits.is_empty() {
        o.push_str("no quotes found\n");
        return o;
    }
    let _ = writeln!(
        o,
        "{} matching quotes; the {} first:",
        r.total,
        r.hits.len()
    );
    for h in &r.hits {
        let _ = writeln!(o, "\n\u{201c}{}\u{201d}", h.text.trim());
        let mut by = format!("  \u{2014} {}", h.speaker);
        for part in [h.date.as_deref(), h.source.as_deref()]
            .into_iter()
            .flatten()
        {
            let _ = write!(by, ", {part}");
        }
        let _ = writeln!(o, "{by}");
        let _ = writeln!(o, "    {} ({})", h.title, h.article);
        if h.articles > 1 {
            let _ = writeln!(
                o,
                "    in {} articles, first {} ({})",
                h.articles,
                h.first_date.as_deref().unwrap_or("undated"),
                h.first_article
            );
        }
    }
    if let Some(f) = &r.facets {
        let _ = writeln!(o, "\nwho says it (quotes):");
        for c in &f.speakers {
            let _ = writeln!(o, "  {:>6}  {}", c.count, c.name);
        }
        let _ = writeln!(o, "\nwhen (quotes per month):");
        let most = f.months.iter().map(|c| c.count).max().unwrap_or(1).max(1);
        for c in &f.months {
            let bar = "#".repeat(((c.count * 40).div_ceil(most)) as usize);
            let _ = writeln!(o, "  {}  {:>6}  {bar}", c.name, c.count);
        }
        if f.undated > 0 {
            let _ = writeln!(o, "  undated  {:>4}", f.undated);
        }
    }
    o
}

pub fn people(
    people: &[&crate::search::people::Person],
    also: &[&crate::search::people::Person],
) -> String {
    let mut o = String::new();
    if people.is_empty() {
        let _ = writeln!(o, "no one by that name");
    }
    let line = |o: &mut String, p: &crate::search::people::Person| {
        let _ = writeln!(
            o,
            "{}  {} articles, {} to {}  (id {})",
            for_terminal(&p.name),
            p.articles,
            p.first.as_deref().unwrap_or("undated"),
            p.last.as_deref().unwrap_or("undated"),
            p.id
        );
        for f in &p.forms {
            let when = match &f.years {
                None => String::new(),
                Some(ys) => format!(
                    " in {}",
                    ys.iter()
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let _ = writeln!(
                o,
                "    as {:?}{}: {} articles",
                for_terminal(&f.name),
                when,
                f.articles
            );
        }
    };
    for p in people {
        line(&mut o, p);
    }
    if !also.is_empty() {
        let _ = writeln!(o, "\nthe name also fits:");
        for p in also {
            line(&mut o, p);
        }
    }
    o
}

/// The end-of-ingest summary.
pub fn ingest_report(r: &IngestReport) -> String {
    let s = &r.stats;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "indexed: {} added, {} updated, {} duplicates skipped, {} failed; {} documents in the index",
        s.added, s.updated, s.duplicates, s.failed, r.num_docs
    );
    let _ = writeln!(
        o,
        "files: {} seen, {} read, {} unchanged (skipped); {:.1} MB of text, {:.1} MB on disk",
        s.files_seen,
        s.files_read,
        s.files_skipped_unchanged,
        s.text_bytes as f64 / 1e6,
        s.disk_bytes as f64 / 1e6
    );
    let _ = writeln!(
        o,
        "time: {:.2} s, {:.0} articles/s, {:.1} MB/s of text, {} commits",
        r.elapsed_secs,
        r.articles_per_sec(),
        r.text_mb_per_sec(),
        s.commits
    );
    if let Some(w) = &s.warc {
        let skipped: Vec<String> = w.skipped.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(
            o,
            "WARC: {} records, {} pages, {} articles ({} truncated by the crawler); skipped: {}",
            w.records,
            w.pages,
            w.articles,
            w.truncated,
            if skipped.is_empty() {
                "none".to_string()
            } else {
                skipped.join(", ")
            }
        );
    }
    if s.failed > 0 {
        let kinds: Vec<String> = s
            .failed_by_kind
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        let _ = writeln!(o, "failures by kind: {}", kinds.join(", "));
        if s.errors_not_shown() > 0 {
            let _ = writeln!(
                o,
                "{} of the failures were counted but not printed (the first {} were)",
                s.errors_not_shown(),
                s.first_errors.len()
            );
        }
    }
    if s.bad_dates > 0 {
        let _ = writeln!(
            o,
            "warnings: {} articles with an unparseable date (indexed without a date)",
            s.bad_dates
        );
    }
    o
}
