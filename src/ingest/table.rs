//! Dataset dumps as tables: CSV and TSV files (a header row; quoted fields may span
//! lines; UTF-8, UTF-16 with a byte-order mark, or windows-1252) and Parquet files
//! (read row group by row group through Apache Arrow). Each row becomes a JSON
//! object keyed by its column names and is then read like any JSON article: the
//! same field aliases (`text`, `content`, `published`, ...) and `--map`.

use std::io::BufRead;
use std::ops::ControlFlow;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use serde_json::{Map, Value};

use super::failure::{FailureKind, Position};
use super::record::{Emit, Format, Record, RecordError};

/// Rows of Parquet decoded at a time.
const BATCH_ROWS: usize = 512;

fn row_record(at: Position, row: Map<String, Value>) -> Record {
    Record {
        at,
        format: Format::Json,
        bytes: serde_json::to_vec(&Value::Object(row)).unwrap_or_default(),
        web: None,
    }
}

/// A field's text: UTF-8, or else windows-1252 (what spreadsheets export).
fn field_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Streams the rows of a CSV (or, with `b'\t'`, TSV) file as JSON-object records.
pub fn read_csv(reader: &mut dyn BufRead, delimiter: u8, emit: &mut Emit<'_>) {
    // A UTF-16 file (with its byte-order mark) is turned into UTF-8 first.
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .bom_sniffing(true)
        .utf8_passthru(true)
        .build(reader);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(decoded);
    let header: Vec<String> = match csv.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|c| {
                field_text(c)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect(),
        Err(e) => {
            let _ = emit(Err(RecordError {
                at: Position::Line(1),
                kind: FailureKind::MalformedRow,
                message: format!("cannot read the header row: {e}"),
            }));
            return;
        }
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let at = Position::Line(csv.position().line());
        let flow = match csv.read_byte_record(&mut record) {
            Ok(false) => return,
            Ok(true) => {
                let row: Map<String, Value> = header
                    .iter()
                    .zip(record.iter())
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (k.clone(), Value::String(field_text(v))))
                    .collect();
                emit(Ok(row_record(at, row)))
            }
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                let flow = emit(Err(RecordError {
                    at: e.position().map_or(at, |p| Position::Line(p.line())),
                    kind: FailureKind::MalformedRow,
                    message: format!("bad row: {}", csv_reason(&e)),
                }));
                if fatal {
                    return;
                }
                flow
            }
        };
        if flow.is_break() {
            return;
        }
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    }
}

/// Is this a Parquet file (its magic bytes `PAR1`)?
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(b"PAR1")
}

/// Streams the rows of a Parquet file as JSON-object records.
pub fn read_parquet(file: std::fs::File, emit: &mut Emit<'_>) {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let fail = |message: String| RecordError {
        at: Position::Row(0),
        kind: FailureKind::MalformedRow,
        message,
    };
    let reader = match ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.with_batch_size(BATCH_ROWS).build())
    {
        Ok(r) => r,
        Err(e) => {
            let _ = emit(Err(fail(format!("not a readable Parquet file: {e}"))));
            return;
        }
    };
    let mut row_no = 0u64;
    for batch in reader {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                // A row group that does not decode: reported, and the file ends here
                // (the reader cannot skip it).
                let _ = emit(Err(RecordError {
                    at: Position::Row(row_no + 1),
                    ..fail(format!("cannot decode rows: {e}"))
                }));
                return;
            }
        };
        if rows_of(&batch, &mut row_no, emit).is_break() {
            return;
        }
    }
}

fn rows_of(batch: &RecordBatch, row_no: &mut u64, emit: &mut Emit<'_>) -> ControlFlow<()> {
    let schema = batch.schema();
    for i in 0..batch.num_rows() {
        *row_no += 1;
        let row: Map<String, Value> = schema
            .fields()
            .iter()
            .zip(batch.columns())
            .filter_map(|(f, col)| cell(col.as_ref(), i).map(|v| (f.name().clone(), v)))
            .collect();
        emit(Ok(row_record(Position::Row(*row_no), row)))?;
    }
    ControlFlow::Continue(())
}

/// One cell as JSON: text, numbers, dates and times (ISO 8601), lists of those.
fn cell(col: &dyn Array, i: usize) -> Option<Value> {
    if col.is_null(i) {
        return None;
    }
    macro_rules! number {
        ($t:ty) => {
            Value::from(col.as_primitive::<$t>().value(i))
        };
    }
    macro_rules! time {
        ($t:ty) => {
            Value::String(
                col.as_primitive::<$t>()
                    .value_as_datetime(i)?
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            )
        };
    }
    Some(match col.data_type() {
        DataType::Utf8 => Value::String(col.as_string::<i32>().value(i).to_string()),
        DataType::LargeUtf8 => Value::String(col.as_string::<i64>().value(i).to_string()),
        DataType::Utf8View => Value::String(col.as_string_view().value(i).to_string()),
        DataType::Int8 => number!(Int8Type),
        DataType::Int16 => number!(Int16Type),
        DataType::Int32 => number!(Int32Type),
        DataType::Int64 => number!(Int64Type),
        DataType::UInt8 => number!(UInt8Type),
        DataType::UInt16 => number!(UInt16Type),
        DataType::UInt32 => number!(UInt32Type),
        DataType::UInt64 => number!(UInt64Type),
        DataType::Float32 => number!(Float32Type),
        DataType::Float64 => number!(Float64Type),
        DataType::Timestamp(TimeUnit::Second, _) => time!(TimestampSecondType),
        DataType::Timestamp(TimeUnit::Millisecond, _) => time!(TimestampMillisecondType),
        DataType::Timestamp(TimeUnit::Microsecond, _) => time!(TimestampMicrosecondType),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => time!(TimestampNanosecondType),
        DataType::Date32 => Value::String(
            col.as_primitive::<Date32Type>()
                .value_as_date(i)?
                .to_string(),
        ),
        DataType::Date64 => Value::String(
            col.as_primitive::<Date64Type>()
                .value_as_date(i)?
                .to_string(),
        ),
        DataType::List(_) => {
            let items = col.as_list::<i32>().value(i);
            Value::Array(
                (0..items.len())
                    .filter_map(|j| cell(items.as_ref(), j))
                    .collect(),
            )
        }
        DataType::LargeList(_) => {
            let items = col.as_list::<i64>().value(i);
            Value::Array(
                (0..items.len())
                    .filter_map(|j| cell(items.as_ref(), j))
                    .collect(),
            )
        }
        _ => return None,
    })
}

/// The delimiter of a delimited file, from its header line: tabs, semicolons (as
/// spreadsheets in many countries export) or commas, whichever the line has most of.
pub fn delimiter_of(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let tabs = line.iter().filter(|&&b| b == b'\t').count();
    let commas = line.iter().filter(|&&b| b == b',').count();
    let semicolons = line.iter().filter(|&&b| b == b';').count();
    if tabs > commas.max(semicolons) {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8], delimiter: u8) -> Vec<Result<Record, RecordError>> {
        let mut out = Vec::new();
        let mut r: &[u8] = bytes;
        read_csv(&mut r, delimiter, &mut |x| {
            out.push(x);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn utf16_files_with_a_byte_order_mark_are_read() {
        let text = "title,text\nNaïve,Crème brûlée\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let out = rows(&bytes, b',');
        let row: Value = serde_json::from_slice(&out[0].as_ref().unwrap().bytes).unwrap();
        assert_eq!(row["text"], "Crème brûlée");
    }

    #[test]
    fn delimiters_are_read_off_the_header() {
        assert_eq!(delimiter_of(b"title,text,date\nx"), b',');
        assert_eq!(delimiter_of(b"title;text;date\nx,y"), b';');
        assert_eq!(delimiter_of(b"title\ttext\tdate, more\n"), b'\t');
    }
}
