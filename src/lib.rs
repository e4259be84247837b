//! newsdex: a full-text search indexer for news archives.
//!
//! The pipeline stages are modules: [`ingest`] (walk, read, parse, the pipeline
//! and its sinks), [`extract`] (dates, speakers, places), `dups` (near-duplicate
//! articles), `writer` (tantivy
//! documents, the index sink), `search` (queries, snippets, facets, histograms).
//! The frontends are `cli` and `http`; `bench` measures the whole.
//!
//! Cargo features: `index` (tantivy: `writer`, `search`, `bench`), `server`
//! (`http`: tokio, axum) and `cli` (clap); all are on by default. Without them
//! the library is the reader, parser, extractor and pipeline alone, for programs
//! that want speakers, places and dates from news without an index.
//!
//! ```
//! # #[cfg(feature = "index")] {
//! use newsdex::ingest::{ingest, IngestConfig, NoProgress};
//! use newsdex::search::{SearchRequest, Searchable};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let input = dir.path().join("articles.jsonl");
//! std::fs::write(&input, concat!(
//!     r#"{"id":"a","title":"Talks in Abu Dhabi","text":"Delegations met in Abu Dhabi on Wednesday.","date":"2026-02-04"}"#, "\n",
//!     r#"{"id":"b","title":"Storm","text":"A storm hit the coast.","date":"2026-02-05"}"#, "\n",
//! )).unwrap();
//! let index_dir = dir.path().join("index");
//! let report = ingest(&IngestConfig::new(vec![input], index_dir.clone()), &NoProgress).unwrap();
//! assert_eq!(report.stats.added, 2);
//!
//! let index = Searchable::open(&index_dir).unwrap();
//! let found = index.search(&SearchRequest::new("delegations")).unwrap();
//! assert_eq!(found.total, 1);
//! assert_eq!(found.hits[0].id, "a");
//! assert!(found.hits[0].places.iter().any(|p| p.ends_with("/Abu Dhabi")));
//! # }
//! ```

#[cfg(feature = "index")]
pub mod analyzer;
#[cfg(feature = "index")]
pub mod bench;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "index")]
pub mod dups;
pub mod extract;
#[cfg(feature = "server")]
pub mod http;
pub mod ingest;
#[cfg(feature = "index")]
pub mod quotes;
pub mod sanitize;
#[cfg(feature = "index")]
pub mod schema;
#[cfg(feature = "index")]
pub mod search;
#[cfg(feature = "index")]
pub mod writer;
