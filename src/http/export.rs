//! `GET /api/export`: every match of a request, streamed as NDJSON or CSV. The export
//! runs on a blocking thread and hands the response body over in 64 KB chunks
//! through a small channel, so memory stays flat however many articles match; a
//! client that goes away stops it at the next chunk. At most
//! [`Limits::max_concurrent_exports`](super::Limits) run at once; another gets a 503.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

use super::{error, params, raw_query, secure, AppState};
use crate::search::export::Flow;
use crate::search::export_format::{ExportWriter, Format};

const CHUNK: usize = 64 << 10;

/// A writer that sends what it is given to the response in chunks.
struct ChannelWriter {
    buf: Vec<u8>,
    tx: mpsc::Sender<Bytes>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(chunk)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

pub(super) async fn export(State(st): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let raw = match raw_query(raw) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let (req, format, fields, order) = match params::export_request(&raw) {
        Ok(r) => r,
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    };
    // A bad query is a 400 before anything is streamed.
    if let Err(e) = st.index.parse_query(&req.query) {
        return error(StatusCode::BAD_REQUEST, e.to_string());
    }
    let Ok(permit) = st.export_permits.clone().try_acquire_owned() else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "{} exports are running; try again when one ends",
                st.limits.max_concurrent_exports
            ),
        );
    };
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let index = st.index.clone();
    tokio::task::spawn_blocking(move || {
        let out = ChannelWriter {
            buf: Vec::with_capacity(CHUNK),
            tx,
        };
        let Ok(mut writer) = ExportWriter::new(out, format, fields) else {
            return;
        };
        // The export's turn ends before its body does (the channel closes with the
        // writer): a client that has read it all may start the next one at once.
        // (Declared after the writer, so also dropped before it on an error.)
        let permit = permit;
        let encoder = writer.encoder().clone();
        let encode = |a| encoder.encode(a);
        let result = index.export(&req, order, &encode, &mut |encoded| match encoded
            .and_then(|e| writer.write_encoded(e))
        {
            Ok(()) => Ok(Flow::Continue),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Flow::Stop),
            Err(e) => Err(e),
        });
        // On an error mid-stream the body just ends early; the client sees a
        // truncated download rather than a status it can no longer be sent.
        drop(permit);
        if result.is_ok() {
            let _ = writer.finish();
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, std::convert::Infallible>(chunk), rx))
    });
    let (content_type, file) = match format {
        Format::Csv => (
            "text/csv; charset=utf-8",
            "attachment; filename=\"newsdex-export.csv\"",
        ),
        _ => (
            "application/x-ndjson",
            "attachment; filename=\"newsdex-export.jsonl\"",
        ),
    };
    secure(
        (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CONTENT_DISPOSITION, file),
            ],
            Body::from_stream(stream),
        )
            .into_response(),
    )
}
