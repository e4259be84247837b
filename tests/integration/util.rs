//! Test harness: a temporary directory to write articles into (plain, .gz, .zst)
//! and helpers to run the library or the `newsdex` binary on it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsdex::ingest::{ingest, IngestConfig, IngestReport, NoProgress};
use newsdex::search::{SearchRequest, SearchResponse, Searchable};

pub struct TestDir {
    pub dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> Self {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The input folder all fixtures go to.
    pub fn input(&self) -> PathBuf {
        self.path("in")
    }

    pub fn index(&self) -> PathBuf {
        self.path("index")
    }

    pub fn write(&self, rel: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let p = self.input().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, data).unwrap();
        p
    }

    pub fn write_gz(&self, rel: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data.as_ref()).unwrap();
        self.write(rel, enc.finish().unwrap())
    }

    pub fn write_zst(&self, rel: &str, data: impl AsRef<[u8]>) -> PathBuf {
        self.write(rel, zstd::encode_all(data.as_ref(), 1).unwrap())
    }

    pub fn config(&self) -> IngestConfig {
        let mut c = IngestConfig::new(vec![self.input()], self.index());
        c.num_threads = 2;
        c.memory_budget_bytes = 50 << 20;
        c
    }

    /// Ingests the input folder with the library.
    pub fn ingest(&self) -> IngestReport {
        ingest(&self.config(), &NoProgress).expect("ingest runs")
    }

    pub fn search(&self, req: &SearchRequest) -> SearchResponse {
        Searchable::open(&self.index())
            .unwrap()
            .search(req)
            .expect("search runs")
    }

    pub fn query(&self, q: &str) -> SearchResponse {
        let mut r = SearchRequest::new(q);
        r.limit = 100;
        self.search(&r)
    }

    /// Runs the binary with arguments, in the temp dir.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("NEWSDEX_INDEX")
            .output()
            .expect("newsdex runs")
    }
}

/// A JSONL line for an article.
pub fn jsonl(id: &str, title: &str, text: &str, date: &str) -> String {
    serde_json::json!({"id": id, "title": title, "text": text, "date": date}).to_string() + "\n"
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The seed article shipped in the repository.
pub fn seed_article() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-article.txt"))
        .unwrap()
}

/// The Wikinews sample shipped in the repository (JSON lines).
pub fn wikinews_sample() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/wikinews-sample.jsonl"),
    )
    .unwrap()
}

/// The Wikinews sample ingested in three parts: three commits, at least three
/// segments. Returns its lines.
pub fn wikinews_in_three_segments(t: &TestDir) -> Vec<String> {
    let sample = wikinews_sample();
    let lines: Vec<String> = sample.lines().map(str::to_string).collect();
    for (i, part) in lines.chunks(lines.len() / 3 + 1).enumerate() {
        t.write(&format!("part-{i}.jsonl"), part.join("\n") + "\n");
        t.ingest();
    }
    lines
}

/// The articles the search and HTTP tests share: the seed article and four short ones.
pub fn news_corpus() -> TestDir {
    let t = TestDir::new();
    t.write("seed.txt", seed_article());
    t.write(
        "news.jsonl",
        jsonl("kyiv-1", "Drone attack on Kyiv", "Drones struck Kyiv overnight, officials in Ukraine said. \"We will rebuild,\" Mayor Vitali Klitschko said.", "2026-01-10")
            + &jsonl("paris-1", "Paris summit", "Leaders met in Paris, France, to discuss energy. \"A good day,\" said Emmanuel Macron.", "2025-06-01")
            + &jsonl("lviv-1", "Lviv prepares", "Residents of Lviv in western Ukraine prepared shelters against drone strikes.", "2024-03-15"),
    );
    t
}
