//! The JSON-lines sink of `newsdex extract`: one line per article (its id, title,
//! date, speakers and places, as the index stores them; with `--text` also its url,
//! source, authors, language, main text and where it came from), in input order. A
//! closed output (`newsdex extract dump.jsonl | head`) ends the pipeline quietly.

use std::io::{ErrorKind, Write};

use anyhow::Context;

use serde::Serialize;

use super::pipeline::{Encoder, Flow, Origin, Sink, Work};
use super::read::Position;
use crate::extract::{ExtractOutput, Identified};

/// Writes each article's extraction as a JSON line to `out`.
pub struct JsonlSink<W: Write> {
    out: W,
    written: u64,
    with_text: bool,
}

impl<W: Write> JsonlSink<W> {
    /// `with_text`: each line also holds the article's text and where it came from.
    pub fn new(out: W, with_text: bool) -> Self {
        JsonlSink {
            out,
            written: 0,
            with_text,
        }
    }

    /// Articles written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    fn flow(result: std::io::Result<()>) -> anyhow::Result<Flow> {
        match result {
            Ok(()) => Ok(Flow::Continue),
            Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(Flow::Stop),
            Err(e) => Err(e).context("cannot write the output"),
        }
    }
}

/// A line of `newsdex extract --text`: the extraction, the article's own fields
/// and its origin (`path`, and `offset` in a WARC file or `line` in a text one).
#[derive(Serialize)]
struct WithText<'a> {
    #[serde(flatten)]
    extraction: ExtractOutput,
    url: Option<&'a str>,
    source: Option<&'a str>,
    authors: &'a [String],
    lang: Option<&'a str>,
    text: &'a str,
    path: String,
    /// The byte offset of the record (its compression member's, in a compressed WARC).
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u64>,
    /// The record's offset in the decompressed member, when a member holds several.
    #[serde(skip_serializing_if = "Option::is_none")]
    offset_in_member: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    /// The row of a Parquet file.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    /// When a WARC capture was fetched (`WARC-Date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    fetched: Option<String>,
}

/// Extracts and serialises on the workers.
pub struct JsonlEncoder {
    with_text: bool,
}

impl Encoder for JsonlEncoder {
    type Item = String;

    fn encode(&self, doc: Identified, origin: Origin<'_>, work: &Work<'_>) -> String {
        let article = work.extract(doc);
        let extraction = article.extract_output();
        let serialised = if self.with_text {
            let (offset, offset_in_member, line, row) = match origin.at {
                Position::Offset(o) => (Some(o), None, None, None),
                Position::InMember(m, o) => (Some(m), Some(o), None, None),
                Position::Line(l) => (None, None, Some(l), None),
                Position::Row(r) => (None, None, None, Some(r)),
            };
            serde_json::to_string(&WithText {
                extraction,
                url: article.url.as_deref(),
                source: article.source.as_deref(),
                authors: &article.authors,
                lang: article.language.as_deref(),
                text: &article.body,
                path: origin.path.display().to_string(),
                offset,
                offset_in_member,
                line,
                row,
                fetched: article.fetched.map(crate::extract::date::format_rfc3339),
            })
        } else {
            serde_json::to_string(&extraction)
        };
        let mut line = serialised.expect("an extraction always serialises");
        line.push('\n');
        line
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    type Encoder = JsonlEncoder;

    fn encoder(&self) -> JsonlEncoder {
        JsonlEncoder {
            with_text: self.with_text,
        }
    }

    fn write(&mut self, line: String) -> anyhow::Result<Flow> {
        self.written += 1;
        Self::flow(self.out.write_all(line.as_bytes()))
    }

    /// Lines reach a reader at least every 100 ms, not only when a buffer fills.
    fn tick(&mut self) -> anyhow::Result<Flow> {
        Self::flow(self.out.flush())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        Self::flow(self.out.flush()).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader has gone away after `room` bytes.
    struct ClosedAfter {
        room: usize,
    }

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A writer on a full disk.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stops_quietly_and_other_write_errors_are_faults() {
        let mut sink = JsonlSink::new(ClosedAfter { room: 10 }, false);
        assert_eq!(sink.write("x".repeat(5)).unwrap(), Flow::Continue);
        assert_eq!(sink.write("x".repeat(50)).unwrap(), Flow::Stop);
        let err = JsonlSink::new(Full, false).write("x".into()).unwrap_err();
        assert!(
            format!("{err:#}").starts_with("cannot write the output: "),
            "{err:#}"
        );
    }
}
