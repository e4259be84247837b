//! The corpus scaler: from a real corpus (JSONL articles, e.g. `news-en.jsonl`) it
//! writes N articles, N up to millions, by recombining real titles and paragraphs of
//! the same source, with dates spread over decades and a vocabulary that keeps
//! growing with N (Heaps' law: new words appear at a rate ~ N^0.7, and recur), as a
//! real archive's does. Deterministic for a seed; the output is streamed, as one
//! JSONL file or as a tree of news-please JSON files (`YYYY/MM/ID.json`).

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};

use crate::ingest::parse::parse_json;

/// Output layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleFormat {
    Jsonl,
    NewsPlease,
}

#[derive(Clone, Debug)]
pub struct ScaleConfig {
    pub sources: Vec<PathBuf>,
    pub num_articles: u64,
    pub seed: u64,
    pub out: PathBuf,
    pub format: ScaleFormat,
}

/// SplitMix64: a small, fast, well-mixed generator; one stream per article.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Titles and paragraphs of one source.
#[derive(Default)]
struct Source {
    titles: Vec<String>,
    paragraphs: Vec<String>,
    domain: String,
}

/// A pronounceable word for vocabulary number `n` (distinct for distinct `n`).
pub fn new_word(n: u64) -> String {
    const ONSETS: [&str; 16] = [
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr",
    ];
    const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    let mut w = String::new();
    let mut x = n + 1;
    while x > 0 {
        w.push_str(ONSETS[(x % 16) as usize]);
        x /= 16;
        w.push_str(VOWELS[(x % 8) as usize]);
        x /= 8;
    }
    w.push('n');
    w
}

fn load_sources(paths: &[PathBuf]) -> anyhow::Result<Vec<Source>> {
    let mut by_source: BTreeMap<String, Source> = BTreeMap::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        for line in text.lines() {
            let Ok(a) = parse_json(line) else { continue };
            let name = a.source.clone().unwrap_or_else(|| "unknown".into());
            let s = by_source.entry(name.clone()).or_default();
            if s.domain.is_empty() {
                s.domain = name
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                    .collect::<String>();
                if !s.domain.contains('.') {
                    s.domain.push_str(".example");
                }
            }
            if let Some(t) = a.title.filter(|t| !t.trim().is_empty()) {
                s.titles.push(t);
            }
            for p in a.body.split('\n').map(str::trim).filter(|p| p.len() >= 40) {
                s.paragraphs.push(p.to_string());
            }
        }
    }
    let sources: Vec<Source> = by_source
        .into_values()
        .filter(|s| !s.titles.is_empty() && !s.paragraphs.is_empty())
        .collect();
    anyhow::ensure!(
        !sources.is_empty(),
        "no usable articles in the source corpus"
    );
    Ok(sources)
}

/// Writes the scaled corpus; returns the number of articles written.
pub fn scale(cfg: &ScaleConfig) -> anyhow::Result<u64> {
    let sources = load_sources(&cfg.sources)?;
    let weights: Vec<u64> = sources.iter().map(|s| s.titles.len() as u64).collect();
    let total_weight: u64 = weights.iter().sum();
    let mut jsonl = match cfg.format {
        ScaleFormat::Jsonl => {
            if let Some(parent) = cfg.out.parent() {
                std::fs::create_dir_all(parent)?;
            }
            Some(BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(&cfg.out)?,
            ))
        }
        ScaleFormat::NewsPlease => None,
    };
    // Dates from 1995 to 2026.
    let start = DateTime::parse_from_rfc3339("1995-01-01T00:00:00Z")?.timestamp();
    let span = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")?.timestamp() - start;
    let mut vocabulary: u64 = 0;
    for k in 0..cfg.num_articles {
        let mut rng = Rng(cfg.seed ^ k.wrapping_mul(0xA076_1D64_78BD_642F));
        let mut pick = rng.below(total_weight);
        let mut si = 0;
        while pick >= weights[si] {
            pick -= weights[si];
            si += 1;
        }
        let src = &sources[si];
        let title = &src.titles[rng.below(src.titles.len() as u64) as usize];
        let num_paragraphs = 2 + rng.below(6) as usize;
        let mut paragraphs: Vec<String> = (0..num_paragraphs)
            .map(|_| src.paragraphs[rng.below(src.paragraphs.len() as u64) as usize].clone())
            .collect();
        // Heaps' law: the vocabulary after k articles is ~ 30 * k^0.7 new words.
        let target = (30.0 * ((k + 1) as f64).powf(0.7)) as u64;
        let mut extra = Vec::new();
        while vocabulary < target {
            extra.push(vocabulary);
            vocabulary += 1;
        }
        // Earlier new words recur, the recent ones more often.
        for _ in 0..1 + rng.below(3) {
            if vocabulary > 0 {
                let u = rng.unit();
                extra.push(vocabulary - 1 - ((vocabulary as f64) * u * u) as u64 % vocabulary);
            }
        }
        for (n, w) in extra.iter().enumerate() {
            let word = new_word(*w);
            let p = rng.below(paragraphs.len() as u64) as usize;
            let sentence = if n % 2 == 0 {
                let mut c = word.chars();
                let cap: String = c
                    .next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default();
                format!(" Officials in {cap} were informed.")
            } else {
                format!(" The {word} remained a concern.")
            };
            paragraphs[p].push_str(&sentence);
        }
        let ts = start + (rng.unit() * span as f64) as i64;
        let date = DateTime::<Utc>::from_timestamp(ts, 0).unwrap_or_default();
        let id = format!("scaled-{}-{k}", cfg.seed);
        let url = format!(
            "https://{}/{}/{:02}/{:02}/{id}",
            src.domain,
            date.year(),
            date.month(),
            date.day()
        );
        let body = paragraphs.join("\n");
        match &mut jsonl {
            Some(w) => {
                let v = serde_json::json!({
                    "id": id, "title": title, "date": date.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    "source": src.domain, "url": url, "body": body,
                });
                serde_json::to_writer(&mut *w, &v)?;
                w.write_all(b"\n")?;
            }
            None => {
                let dir = cfg
                    .out
                    .join(format!("{}", date.year()))
                    .join(format!("{:02}", date.month()));
                std::fs::create_dir_all(&dir)?;
                let v = serde_json::json!({
                    "title": title, "maintext": body, "date_publish": date.format("%Y-%m-%d %H:%M:%S").to_string(),
                    "url": url, "source_domain": src.domain, "authors": [], "language": "en",
                    "description": null, "filename": format!("{id}.json"),
                });
                std::fs::write(
                    dir.join(format!("{id}.json")),
                    serde_json::to_vec_pretty(&v)?,
                )?;
            }
        }
    }
    if let Some(mut w) = jsonl {
        w.flush()?;
    }
    Ok(cfg.num_articles)
}

/// Where a news-please tree or JSONL output of `scale` lives (for messages).
pub fn describe(cfg: &ScaleConfig) -> String {
    let kind = match cfg.format {
        ScaleFormat::Jsonl => "JSONL file",
        ScaleFormat::NewsPlease => "news-please tree",
    };
    format!(
        "{} articles as a {kind} at {}",
        cfg.num_articles,
        Path::new(&cfg.out).display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(dir: &Path) -> PathBuf {
        let p = dir.join("src.jsonl");
        let mut s = String::new();
        for i in 0..20 {
            s += &serde_json::json!({"id": i, "title": format!("Title {i}"), "source": if i % 2 == 0 { "A" } else { "B" },
                "body": format!("Paragraph one of article {i} is long enough to keep.\nParagraph two of article {i} is also long enough.")}).to_string();
            s.push('\n');
        }
        std::fs::write(&p, s).unwrap();
        p
    }

    #[test]
    fn output_is_deterministic_for_a_seed_and_vocabulary_grows() {
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path());
        let run = |seed: u64, name: &str, n: u64| {
            let out = dir.path().join(name);
            scale(&ScaleConfig {
                sources: vec![src.clone()],
                num_articles: n,
                seed,
                out: out.clone(),
                format: ScaleFormat::Jsonl,
            })
            .unwrap();
            std::fs::read_to_string(out).unwrap()
        };
        let a = run(7, "a.jsonl", 300);
        assert_eq!(a, run(7, "b.jsonl", 300));
        assert_ne!(a, run(8, "c.jsonl", 300));
        assert_eq!(a.lines().count(), 300);
        let words = |text: &str| {
            text.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<std::collections::HashSet<_>>()
                .len()
        };
        let small = run(7, "d.jsonl", 100);
        assert!(words(&a) > words(&small) + 50, "vocabulary grows with N");
        for line in a.lines().take(20) {
            let art = parse_json(line).unwrap();
            assert!(art.date.is_some() && art.url.is_some() && !art.body.is_empty());
        }
    }

    #[test]
    fn news_please_tree_is_readable_by_the_ingest() {
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path());
        let out = dir.path().join("tree");
        scale(&ScaleConfig {
            sources: vec![src],
            num_articles: 25,
            seed: 1,
            out: out.clone(),
            format: ScaleFormat::NewsPlease,
        })
        .unwrap();
        let files = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        assert_eq!(files, 25);
    }
}
