//! The taxonomy of bad input: why a record or a file could not be used
//! ([`FailureKind`], [`ParseError`]) and where ([`Position`], [`Located`]). Every
//! stage that reads input reports through these; [`super::stats`] counts them.

use serde::Serialize;

/// Where a record starts in its file: a line (1-based, for text formats) or a
/// byte offset (WARC files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Line(u64),
    /// The offset of the record in an uncompressed file, or of the compression
    /// member (gzip member, zstd frame) it starts.
    Offset(u64),
    /// A record inside a compression member that holds several (a `.warc.gz`
    /// compressed whole): the member's offset, and the record's offset in its
    /// decompressed bytes.
    InMember(u64, u64),
    /// A row of a Parquet file (1-based).
    Row(u64),
}

impl std::fmt::Display for Position {
    /// `:12` after a path for a line, `@4096` for an offset, `@0+4096` in a member,
    /// `:row 12` for a row.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Line(n) => write!(f, ":{n}"),
            Position::Offset(o) => write!(f, "@{o}"),
            Position::InMember(m, o) => write!(f, "@{m}+{o}"),
            Position::Row(n) => write!(f, ":row {n}"),
        }
    }
}

/// Why a file or a record could not be indexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The file could not be opened or read.
    Unreadable,
    /// A JSON record that does not parse, or is not an article object.
    MalformedJson,
    /// Invalid UTF-8 or binary data.
    Encoding,
    /// A corrupt or truncated `.gz` / `.zst` stream.
    Compression,
    /// A record larger than the size limit.
    TooLarge,
    /// An article without text (or an empty file).
    NoText,
    /// A WARC record that is cut, mis-sized or badly encoded, or junk between records.
    BrokenRecord,
    /// A file that is not what its name says (`x.warc.gz` holding no WARC).
    NotWarc,
    /// A CSV/TSV row that does not fit its header, or Parquet rows that do not decode.
    MalformedRow,
}

impl FailureKind {
    pub const ALL: [FailureKind; 9] = [
        FailureKind::Unreadable,
        FailureKind::MalformedJson,
        FailureKind::Encoding,
        FailureKind::Compression,
        FailureKind::TooLarge,
        FailureKind::NoText,
        FailureKind::BrokenRecord,
        FailureKind::NotWarc,
        FailureKind::MalformedRow,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FailureKind::Unreadable => "unreadable",
            FailureKind::MalformedJson => "malformed_json",
            FailureKind::Encoding => "encoding",
            FailureKind::Compression => "compression",
            FailureKind::TooLarge => "too_large",
            FailureKind::NoText => "no_text",
            FailureKind::BrokenRecord => "broken_record",
            FailureKind::NotWarc => "not_warc",
            FailureKind::MalformedRow => "malformed_row",
        }
    }

    pub(super) fn slot(self) -> usize {
        FailureKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(0)
    }
}

/// Why a record is not an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: FailureKind,
    pub message: String,
}

impl ParseError {
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        ParseError {
            kind,
            message: message.into(),
        }
    }
}

/// Bad input at a place in a file: `path:line: reason`, `path@offset: reason`, or
/// `path: reason` when the place is the whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub path: std::path::PathBuf,
    /// Where the record starts; `None` for the file as a whole.
    pub at: Option<Position>,
    pub kind: FailureKind,
    pub message: String,
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}{at}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}
