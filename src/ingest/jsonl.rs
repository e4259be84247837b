//! The JSON-lines sink of `newsdex extract`: one line per article (its id, title,
//! date, speakers and places, as the index stores them), in input order. A closed
//! output (`newsdex extract dump.jsonl | head`) ends the pipeline quietly.

use std::io::{ErrorKind, Write};

use anyhow::Context;

use super::pipeline::{Encoder, Flow, Sink, Work};
use crate::extract::Identified;

/// Writes each article's extraction as a JSON line to `out`.
pub struct JsonlSink<W: Write> {
    out: W,
    written: u64,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink { out, written: 0 }
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

/// Extracts and serialises on the workers.
pub struct JsonlEncoder;

impl Encoder for JsonlEncoder {
    type Item = String;

    fn encode(&self, doc: Identified, work: &Work<'_>) -> String {
        let article = work.extract(doc);
        let mut line = serde_json::to_string(&article.extract_output())
            .expect("an extraction always serialises");
        line.push('\n');
        line
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    type Encoder = JsonlEncoder;

    fn encoder(&self) -> JsonlEncoder {
        JsonlEncoder
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
        let mut sink = JsonlSink::new(ClosedAfter { room: 10 });
        assert_eq!(sink.write("x".repeat(5)).unwrap(), Flow::Continue);
        assert_eq!(sink.write("x".repeat(50)).unwrap(), Flow::Stop);
        let err = JsonlSink::new(Full).write("x".into()).unwrap_err();
        assert!(
            format!("{err:#}").starts_with("cannot write the output: "),
            "{err:#}"
        );
    }
}
