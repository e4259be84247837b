//! The unit the reading stages hand on: a [`Record`] (one article's bytes, its
//! format and place in the file, and for a web capture what the WARC record says),
//! or a [`RecordError`] at a place in the file.

use std::ops::ControlFlow;

use super::failure::{FailureKind, Position};

/// How the records of a file are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON value per line.
    Jsonl,
    /// One JSON object, a JSON array of objects, or several concatenated values.
    Json,
    /// One plain-text article (optional header) per file.
    Text,
    /// One web page (any charset): an `.html` file, or a WARC record's payload.
    Html,
    /// A WARC file of web captures (`.warc`, `.warc.gz`, `.warc.zst`).
    Warc,
    /// A table of articles, one a row: comma-separated (or semicolons) with a header.
    Csv,
    /// Tab-separated, with a header.
    Tsv,
    /// A Parquet file.
    Parquet,
}

/// One article's bytes, with the place where it starts.
#[derive(Debug)]
pub struct Record {
    pub at: Position,
    pub format: Format,
    pub bytes: Vec<u8>,
    /// For a page from a WARC file: what the capture says about it.
    pub web: Option<Box<WebRecord>>,
}

/// What a WARC record says about the page it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebRecord {
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date`: when the page was fetched (never its publication date).
    pub fetched: Option<String>,
    /// `WARC-Record-ID`, the article's id when there is no URL.
    pub record_id: Option<String>,
    /// The HTTP (or WARC, for `resource` records) `Content-Type`.
    pub content_type: Option<String>,
    /// The HTTP `Content-Encoding`, undone when the body is so encoded.
    pub content_encoding: Option<String>,
    /// The body is sent with `Transfer-Encoding: chunked`.
    pub chunked: bool,
    /// `WARC-Truncated`: the crawler kept only part of the payload.
    pub truncated: bool,
}

/// Something wrong at a place in a file; the file may still yield more records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub at: Position,
    pub kind: FailureKind,
    pub message: String,
}

/// Where records go: `ControlFlow::Break` stops reading the file.
pub type Emit<'a> = dyn FnMut(Result<Record, RecordError>) -> ControlFlow<()> + 'a;
