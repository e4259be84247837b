//! Export formats: JSON lines, CSV (RFC 4180, header row, lists joined by `;`) and
//! Parquet (through the Apache Arrow crates; lists as list columns), with a choice
//! of fields.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};

use super::export::Exported;

/// The fields an export can hold, in their default order.
pub const FIELDS: [&str; 10] = [
    "id", "title", "date", "source", "url", "lang", "authors", "speakers", "places", "text",
];

/// Rows per Parquet row group batch.
const PARQUET_BATCH: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Parquet,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, String> {
        match s.trim() {
            "" | "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            other => Err(format!(
                "format must be jsonl, csv or parquet, not {other:?}"
            )),
        }
    }
}

/// A choice of fields, by index in [`FIELDS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields(Vec<usize>);

impl Default for Fields {
    fn default() -> Self {
        Fields((0..FIELDS.len()).collect())
    }
}

impl Fields {
    /// `id,title,date`; empty: every field.
    pub fn parse(s: &str) -> Result<Fields, String> {
        if s.trim().is_empty() {
            return Ok(Fields::default());
        }
        let mut out = Vec::new();
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let i = FIELDS
                .iter()
                .position(|f| *f == name)
                .ok_or_else(|| format!("unknown field {name:?}; fields: {}", FIELDS.join(",")))?;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        Ok(Fields(out))
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|&i| FIELDS[i])
    }
}

/// A field's value: one text or a list.
enum Cell<'a> {
    One(Option<&'a str>),
    List(&'a [String]),
}

fn cell<'a>(a: &'a Exported, field: usize) -> Cell<'a> {
    match FIELDS[field] {
        "id" => Cell::One(Some(&a.id)),
        "title" => Cell::One(Some(&a.title)),
        "date" => Cell::One(a.date.as_deref()),
        "source" => Cell::One(a.source.as_deref()),
        "url" => Cell::One(a.url.as_deref()),
        "lang" => Cell::One(a.lang.as_deref()),
        "authors" => Cell::List(&a.authors),
        "speakers" => Cell::List(&a.speakers),
        "places" => Cell::List(&a.places),
        _ => Cell::One(Some(&a.text)),
    }
}

/// How articles are turned into output, apart from where it goes: shared by the
/// threads that read the articles ([`crate::search::Searchable::export`]'s `map`), so
/// the lines are formatted in parallel and only written in order.
#[derive(Clone, Debug)]
pub struct Encoder {
    format: Format,
    fields: Fields,
}

/// One article as its format wants it: a JSON or CSV line, or (Parquet, written by
/// columns) the article itself.
pub enum Encoded {
    Line(Vec<u8>),
    Row(Box<Exported>),
}

impl Encoder {
    pub fn new(format: Format, fields: Fields) -> Self {
        Encoder { format, fields }
    }

    pub fn encode(&self, a: Exported) -> std::io::Result<Encoded> {
        match self.format {
            Format::Jsonl => {
                let mut w = Vec::with_capacity(a.text.len() + a.title.len() + 256);
                // Keys in the order asked for.
                for (n, &f) in self.fields.0.iter().enumerate() {
                    w.extend_from_slice(if n == 0 { b"{\"" } else { b",\"" });
                    w.extend_from_slice(FIELDS[f].as_bytes());
                    w.extend_from_slice(b"\":");
                    match cell(&a, f) {
                        Cell::One(v) => serde_json::to_writer(&mut w, &v)?,
                        Cell::List(v) => serde_json::to_writer(&mut w, v)?,
                    }
                }
                w.extend_from_slice(if self.fields.0.is_empty() {
                    b"{}\n"
                } else {
                    b"}\n"
                });
                Ok(Encoded::Line(w))
            }
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::with_capacity(a.text.len() + a.title.len() + 256));
                w.write_record(self.fields.0.iter().map(|&f| match cell(&a, f) {
                    Cell::One(v) => std::borrow::Cow::Borrowed(v.unwrap_or_default().as_bytes()),
                    Cell::List(v) => std::borrow::Cow::Owned(v.join(";").into_bytes()),
                }))
                .map_err(csv_io)?;
                w.into_inner()
                    .map(Encoded::Line)
                    .map_err(|e| std::io::Error::other(e.to_string()))
            }
            Format::Parquet => Ok(Encoded::Row(Box::new(a))),
        }
    }
}

/// Writes exported articles in one format.
pub struct ExportWriter<W: Write + Send> {
    encoder: Encoder,
    sink: Sink<W>,
}

enum Sink<W: Write + Send> {
    /// JSON lines and CSV: lines as encoded.
    Lines(W),
    Parquet {
        writer: Box<parquet::arrow::ArrowWriter<W>>,
        rows: Vec<Exported>,
    },
}

impl<W: Write + Send> ExportWriter<W> {
    pub fn new(mut out: W, format: Format, fields: Fields) -> std::io::Result<Self> {
        let sink = match format {
            Format::Jsonl => Sink::Lines(out),
            Format::Csv => {
                let mut header = csv::Writer::from_writer(Vec::new());
                header.write_record(fields.names()).map_err(csv_io)?;
                out.write_all(
                    &header
                        .into_inner()
                        .map_err(|e| std::io::Error::other(e.to_string()))?,
                )?;
                Sink::Lines(out)
            }
            Format::Parquet => {
                let schema = parquet_schema(&fields);
                let writer = parquet::arrow::ArrowWriter::try_new(out, schema, None)
                    .map_err(std::io::Error::other)?;
                Sink::Parquet {
                    writer: Box::new(writer),
                    rows: Vec::with_capacity(PARQUET_BATCH),
                }
            }
        };
        Ok(ExportWriter {
            encoder: Encoder::new(format, fields),
            sink,
        })
    }

    /// What encodes articles for this writer (to run on other threads).
    pub fn encoder(&self) -> &Encoder {
        &self.encoder
    }

    pub fn write(&mut self, a: Exported) -> std::io::Result<()> {
        let encoded = self.encoder.encode(a)?;
        self.write_encoded(encoded)
    }

    /// Writes what [`Encoder::encode`] made of an article.
    pub fn write_encoded(&mut self, a: Encoded) -> std::io::Result<()> {
        match (&mut self.sink, a) {
            (Sink::Lines(w), Encoded::Line(line)) => w.write_all(&line),
            (Sink::Parquet { writer, rows }, Encoded::Row(a)) => {
                rows.push(*a);
                if rows.len() >= PARQUET_BATCH {
                    let batch = parquet_batch(&self.encoder.fields, rows)?;
                    rows.clear();
                    writer.write(&batch).map_err(std::io::Error::other)?;
                }
                Ok(())
            }
            _ => Err(std::io::Error::other(
                "an article encoded for another format",
            )),
        }
    }

    /// Writes what is buffered and ends the file (Parquet's footer).
    pub fn finish(self) -> std::io::Result<()> {
        match self.sink {
            Sink::Lines(mut w) => w.flush(),
            Sink::Parquet { mut writer, rows } => {
                if !rows.is_empty() {
                    let batch = parquet_batch(&self.encoder.fields, &rows)?;
                    writer.write(&batch).map_err(std::io::Error::other)?;
                }
                writer.close().map(|_| ()).map_err(std::io::Error::other)
            }
        }
    }
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn parquet_schema(fields: &Fields) -> Arc<arrow_schema::Schema> {
    use arrow_schema::{DataType, Field};
    let cols: Vec<Field> = fields
        .0
        .iter()
        .map(|&f| match FIELDS[f] {
            "authors" | "speakers" | "places" => Field::new(
                FIELDS[f],
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                false,
            ),
            name => Field::new(
                name,
                DataType::Utf8,
                !matches!(name, "id" | "title" | "text"),
            ),
        })
        .collect();
    Arc::new(arrow_schema::Schema::new(cols))
}

fn parquet_batch(fields: &Fields, rows: &[Exported]) -> std::io::Result<RecordBatch> {
    let columns: Vec<ArrayRef> = fields
        .0
        .iter()
        .map(|&f| -> ArrayRef {
            if matches!(FIELDS[f], "authors" | "speakers" | "places") {
                let mut b = ListBuilder::new(StringBuilder::new());
                for r in rows {
                    if let Cell::List(items) = cell(r, f) {
                        for i in items {
                            b.values().append_value(i);
                        }
                    }
                    b.append(true);
                }
                Arc::new(b.finish())
            } else {
                let mut b = StringBuilder::new();
                for r in rows {
                    match cell(r, f) {
                        Cell::One(v) => b.append_option(v),
                        Cell::List(_) => b.append_null(),
                    }
                }
                Arc::new(b.finish())
            }
        })
        .collect();
    RecordBatch::try_new(parquet_schema(fields), columns).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_parse_in_the_order_given() {
        assert_eq!(Fields::parse("").unwrap(), Fields::default());
        let f = Fields::parse("title, id,title").unwrap();
        assert_eq!(f.names().collect::<Vec<_>>(), ["title", "id"]);
        assert!(Fields::parse("id,headline")
            .unwrap_err()
            .contains("headline"));
        assert!(Format::parse("xml").is_err());
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_joins_lists() {
        let a = Exported {
            id: "a1".into(),
            title: "Oil, \"gas\"\nand coal".into(),
            speakers: vec!["Ann Lee".into(), "Bo Ng".into()],
            ..Default::default()
        };
        let mut out = Vec::new();
        let mut w = ExportWriter::new(
            &mut out,
            Format::Csv,
            Fields::parse("id,title,speakers").unwrap(),
        )
        .unwrap();
        w.write(a).unwrap();
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,title,speakers\na1,\"Oil, \"\"gas\"\"\nand coal\",Ann Lee;Bo Ng\n"
        );
    }
}
