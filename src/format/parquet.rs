//! The `parquet` format (cargo feature `parquet`): one Parquet file, one row per mention, in
//! the columns of the [`csv`](super::csv) format, for tools that read columns (DuckDB,
//! Spark, pandas, Polars) without parsing text.
//!
//! | column | Parquet type | null when |
//! |---|---|---|
//! | `doc_id` | `BYTE_ARRAY` (`STRING`), required | |
//! | `date` | `BYTE_ARRAY` (`STRING`), optional | the document has no date |
//! | `start` | `INT64`, required | |
//! | `end` | `INT64`, required | |
//! | `mention` | `BYTE_ARRAY` (`STRING`), required | |
//! | `label` | `BYTE_ARRAY` (`STRING`), required | |
//! | `entity_id` | `BYTE_ARRAY` (`STRING`), optional | the mention has no gazetteer entry |
//! | `canonical` | `BYTE_ARRAY` (`STRING`), required | |
//! | `method` | `BYTE_ARRAY` (`STRING`), required | |
//!
//! `start` and `end` are code points, as in every format; the values are those of the
//! [`jsonl`](super::jsonl) format, whose nulls are the CSV's empty fields. Pages are
//! snappy-compressed, with dictionaries and statistics as the `parquet` crate writes them by
//! default.
//!
//! The worker that tags a batch renders its rows into a plain binary layout (each string as
//! its length and bytes, each offset as eight bytes); the writing thread reads the rows of
//! batch after batch into columns, sharing the batch's buffer rather than copying its strings,
//! and writes a row group each time about [`ROW_GROUP_ROWS`] rows (or [`ROW_GROUP_BYTES`]
//! bytes of rows) are in, then the rest and the footer when the run ends. Memory stays bounded
//! by one row group, whatever the corpus. Row groups fall on batch boundaries, so the file is
//! the same bytes whatever the number of threads.
//!
//! A Parquet file is whole only once its footer is written: written with `-o FILE`, it
//! appears only then ([`crate::output::AtomicFile`]); written to a pipe, a run that is cut
//! short leaves bytes that no reader takes for a finished file (no footer, no closing
//! `PAR1`).

use std::io::{self, Write};
use std::sync::Arc;

use bytes::Bytes;
use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::{WriterProperties, WriterVersion};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{Type, TypePtr};

use crate::document::Document;
use crate::format::csv::HEADER;
use crate::format::{BatchWriter, EntryFields, Format};
use crate::matcher::Matcher;
use crate::mention::Mention;

/// A row group is written once this many rows are in: large enough that the footer and the
/// per-group overhead stay small next to the data, small enough to hold in memory.
pub const ROW_GROUP_ROWS: usize = 1 << 17;

/// A row group is also written once its rows' rendered bytes reach this, whatever their
/// number: a bound on memory when mentions or ids are long.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// The length that stands for a null string in the rendered layout.
const NULL: u32 = u32::MAX;

/// The `parquet` format.
#[derive(Clone, Debug)]
pub struct Parquet {
    /// Per gazetteer entry, its `entity_id` and `canonical` values, rendered.
    entries: EntryFields,
}

impl Parquet {
    /// Rows of mentions found by `matcher`.
    pub fn new(matcher: &Matcher) -> Parquet {
        Parquet {
            entries: EntryFields::new(matcher, |out, entry| {
                push_str(out, &entry.id);
                push_str(out, &entry.name);
            }),
        }
    }
}

/// The schema: the CSV's columns, offsets as integers, `date` and `entity_id` optional.
pub fn schema() -> TypePtr {
    let column = |name: &str| {
        let string = |repetition| {
            Type::primitive_type_builder(name, PhysicalType::BYTE_ARRAY)
                .with_repetition(repetition)
                .with_logical_type(Some(LogicalType::String))
                .build()
        };
        let built = match name {
            "start" | "end" => Type::primitive_type_builder(name, PhysicalType::INT64)
                .with_repetition(Repetition::REQUIRED)
                .build(),
            "date" | "entity_id" => string(Repetition::OPTIONAL),
            _ => string(Repetition::REQUIRED),
        };
        Arc::new(built.expect("a valid column"))
    };
    let columns = HEADER.iter().map(|name| column(name)).collect();
    Arc::new(
        Type::group_type_builder("mentions")
            .with_fields(columns)
            .build()
            .expect("a valid schema"),
    )
}

/// Appends `s` as its length (four bytes, little-endian) and its bytes.
fn push_str(out: &mut Vec<u8>, s: &str) {
    // Strings longer than 4 GB cannot be: documents are far smaller (`--max-doc-mb`).
    let len = u32::try_from(s.len()).expect("a string under 4 GB");
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Appends `s`, or the null length when there is none.
fn push_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(&NULL.to_le_bytes()),
    }
}

/// Appends an offset as eight bytes, little-endian.
fn push_offset(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

impl Format for Parquet {
    fn document(&self, doc: &Document, mentions: &[Mention], out: &mut Vec<u8>) {
        for m in mentions {
            let text = m.text(&doc.text);
            push_str(out, &doc.id);
            push_opt_str(out, doc.date.as_deref());
            push_offset(out, m.start);
            push_offset(out, m.end);
            push_str(out, text);
            let label = self.entries.label(m.label);
            push_str(
                out,
                std::str::from_utf8(label).expect("label names are ASCII"),
            );
            match m.entry {
                Some(id) => out.extend_from_slice(self.entries.get(id)),
                None => {
                    push_opt_str(out, None);
                    push_str(out, m.canonical.as_deref().unwrap_or(text));
                }
            }
            push_str(out, m.method.as_str());
        }
    }

    fn writer<'w>(&self, out: &'w mut (dyn Write + Send)) -> io::Result<Box<dyn BatchWriter + 'w>> {
        Ok(Box::new(RowGroups::new(out, ROW_GROUP_ROWS)?))
    }
}

/// The columns of the rows read so far and not yet written.
#[derive(Default)]
struct Columns {
    /// The string columns in schema order, less `date` and `entity_id`.
    strings: [Vec<ByteArray>; 5],
    /// `date` and `entity_id`: their values, without the nulls.
    optional: [Vec<ByteArray>; 2],
    /// Per row, 1 where `date` and `entity_id` have a value, 0 where they are null: their
    /// definition levels.
    defined: [Vec<i16>; 2],
    /// `start` and `end`.
    offsets: [Vec<i64>; 2],
    /// Rows held.
    rows: usize,
    /// Rendered bytes of the rows held.
    bytes: usize,
}

/// A reader of one rendered batch, handing out its values as slices of the batch's buffer.
struct Rendered {
    bytes: Bytes,
    at: usize,
}

impl Rendered {
    fn u32(&mut self) -> u32 {
        let n = u32::from_le_bytes(self.bytes[self.at..self.at + 4].try_into().expect("4"));
        self.at += 4;
        n
    }

    fn offset(&mut self) -> i64 {
        let n = u64::from_le_bytes(self.bytes[self.at..self.at + 8].try_into().expect("8"));
        self.at += 8;
        // Offsets are code points of a document held in memory: far below 2^63.
        i64::try_from(n).expect("an offset below 2^63")
    }

    fn string(&mut self) -> ByteArray {
        let len = self.u32() as usize;
        let value = self.bytes.slice(self.at..self.at + len);
        self.at += len;
        ByteArray::from(value)
    }

    fn optional(&mut self) -> Option<ByteArray> {
        let len = self.u32();
        if len == NULL {
            return None;
        }
        let value = self.bytes.slice(self.at..self.at + len as usize);
        self.at += len as usize;
        Some(ByteArray::from(value))
    }
}

impl Columns {
    /// Reads the rows of one rendered batch into the columns.
    fn read(&mut self, rendered: Vec<u8>) {
        self.bytes += rendered.len();
        let mut r = Rendered {
            bytes: Bytes::from(rendered),
            at: 0,
        };
        while r.at < r.bytes.len() {
            self.strings[0].push(r.string());
            self.push_optional(0, r.optional());
            self.offsets[0].push(r.offset());
            self.offsets[1].push(r.offset());
            for k in [1, 2] {
                self.strings[k].push(r.string());
            }
            self.push_optional(1, r.optional());
            for k in [3, 4] {
                self.strings[k].push(r.string());
            }
            self.rows += 1;
        }
    }

    fn push_optional(&mut self, k: usize, value: Option<ByteArray>) {
        self.defined[k].push(i16::from(value.is_some()));
        self.optional[k].extend(value);
    }
}

/// The [`BatchWriter`] of the `parquet` format: rows gathered into row groups, the footer at
/// the end.
struct RowGroups<'w> {
    file: SerializedFileWriter<&'w mut (dyn Write + Send)>,
    columns: Columns,
    /// Rows at which a row group is written.
    group_rows: usize,
}

impl<'w> RowGroups<'w> {
    /// The writer of a file to `out` whose row groups are written at `group_rows` rows (or
    /// [`ROW_GROUP_BYTES`]).
    fn new(out: &'w mut (dyn Write + Send), group_rows: usize) -> io::Result<RowGroups<'w>> {
        let properties = WriterProperties::builder()
            .set_writer_version(WriterVersion::PARQUET_1_0)
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("navne {}", env!("CARGO_PKG_VERSION")))
            .build();
        let file = SerializedFileWriter::new(out, schema(), Arc::new(properties)).map_err(to_io)?;
        Ok(RowGroups {
            file,
            columns: Columns::default(),
            group_rows,
        })
    }

    /// Writes the rows held as one row group.
    fn write_row_group(&mut self) -> Result<(), ParquetError> {
        let columns = std::mem::take(&mut self.columns);
        let mut group = self.file.next_row_group()?;
        let mut strings = columns.strings.iter();
        let mut optional = columns.optional.iter().zip(&columns.defined);
        let mut offsets = columns.offsets.iter();
        for name in HEADER {
            let mut column = group.next_column()?.expect("a column per header name");
            match name {
                "start" | "end" => {
                    let values = offsets.next().expect("two offset columns");
                    column
                        .typed::<Int64Type>()
                        .write_batch(values, None, None)?;
                }
                "date" | "entity_id" => {
                    let (values, defined) = optional.next().expect("two optional columns");
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(values, Some(defined), None)?;
                }
                _ => {
                    let values = strings.next().expect("five string columns");
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(values, None, None)?;
                }
            }
            column.close()?;
        }
        group.close()?;
        Ok(())
    }
}

impl BatchWriter for RowGroups<'_> {
    fn batch(&mut self, rendered: Vec<u8>) -> io::Result<()> {
        self.columns.read(rendered);
        if self.columns.rows >= self.group_rows || self.columns.bytes >= ROW_GROUP_BYTES {
            self.write_row_group().map_err(to_io)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        // A run with no mentions still writes a file with its schema and no row group.
        if self.columns.rows > 0 {
            self.write_row_group().map_err(to_io)?;
        }
        let out = self.file.into_inner().map_err(to_io)?;
        out.flush()
    }
}

/// The I/O error inside a Parquet error (a failed write), or the Parquet error as one.
fn to_io(e: ParquetError) -> io::Error {
    match e {
        ParquetError::External(e) => match e.downcast::<io::Error>() {
            Ok(e) => *e,
            Err(e) => io::Error::other(e),
        },
        e => io::Error::other(e),
    }
}

/// A Parquet file's rows read back with the `parquet` crate's own reader, each as its nine
/// values in schema order (`None` for null, offsets in decimal), and its row groups' sizes.
#[cfg(test)]
pub(crate) fn read_back(file: Vec<u8>) -> (Vec<Vec<Option<String>>>, Vec<i64>) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let reader = SerializedFileReader::new(Bytes::from(file)).expect("a Parquet file");
    let groups = reader
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows())
        .collect();
    let rows = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| {
            row.expect("a row")
                .get_column_iter()
                .map(|(_, field)| match field {
                    Field::Null => None,
                    Field::Str(s) => Some(s.clone()),
                    Field::Long(n) => Some(n.to_string()),
                    other => panic!("unexpected value {other:?}"),
                })
                .collect()
        })
        .collect();
    (rows, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::sample::{sample, FailingWriter, TEXT};

    /// The file the format writes for `batches`, each the documents given, rendered as the
    /// pipeline renders them, with row groups at `group_rows`.
    fn file_of(
        format: &Parquet,
        batches: &[Vec<(&Document, &[Mention])>],
        group_rows: usize,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut writer: Box<dyn BatchWriter> =
            Box::new(RowGroups::new(&mut out, group_rows).unwrap());
        for batch in batches {
            let mut rendered = Vec::new();
            for (doc, mentions) in batch {
                format.document(doc, mentions, &mut rendered);
            }
            writer.batch(rendered).unwrap();
        }
        writer.finish().unwrap();
        out
    }

    fn row(values: [Option<&str>; 9]) -> Vec<Option<String>> {
        values.iter().map(|v| v.map(String::from)).collect()
    }

    #[test]
    fn rows_come_back_with_their_values_and_nulls() {
        let (matcher, doc, mentions) = sample(Some("2024-03-05"));
        let format = Parquet::new(&matcher);
        let (_, undated, _) = sample(None);
        let file = file_of(
            &format,
            &[vec![(&doc, &mentions[..]), (&undated, &mentions[..1])]],
            ROW_GROUP_ROWS,
        );
        assert!(file.starts_with(b"PAR1") && file.ends_with(b"PAR1"));
        let (rows, groups) = read_back(file);
        let id = doc.id.as_str();
        let date = Some("2024-03-05");
        assert_eq!(
            rows,
            [
                row([
                    Some(id),
                    date,
                    Some("0"),
                    Some("10"),
                    Some("Per\tHansen"),
                    Some("PER"),
                    None,
                    Some("Per\tHansen"),
                    Some("pattern")
                ]),
                row([
                    Some(id),
                    date,
                    Some("14"),
                    Some("19"),
                    Some("Århus"),
                    Some("LOC"),
                    Some("geo:\"1\""),
                    Some("Aarhus\tC"),
                    Some("gazetteer")
                ]),
                row([
                    Some(id),
                    date,
                    Some("24"),
                    Some("27"),
                    Some("Ib\\"),
                    Some("PER"),
                    None,
                    Some("Ib\nJensen"),
                    Some("alias")
                ]),
                row([
                    Some(id),
                    None,
                    Some("0"),
                    Some("10"),
                    Some("Per\tHansen"),
                    Some("PER"),
                    None,
                    Some("Per\tHansen"),
                    Some("pattern")
                ]),
            ]
        );
        assert_eq!(groups, [4]);
        for r in &rows {
            let (start, end): (usize, usize) = (
                r[2].as_ref().unwrap().parse().unwrap(),
                r[3].as_ref().unwrap().parse().unwrap(),
            );
            let span: String = TEXT.chars().skip(start).take(end - start).collect();
            assert_eq!(Some(span), r[4]);
        }
    }

    #[test]
    fn row_groups_close_at_batch_boundaries_past_the_limit() {
        let (matcher, doc, mentions) = sample(None);
        let format = Parquet::new(&matcher);
        let batch = vec![(&doc, &mentions[..])];
        let batches = vec![batch.clone(), batch.clone(), batch.clone(), vec![], batch];
        let (rows, groups) = read_back(file_of(&format, &batches, 5));
        assert_eq!(rows.len(), 12);
        assert_eq!(
            groups,
            [6, 6],
            "a group closes after the batch that reaches 5 rows"
        );
        let (_, groups) = read_back(file_of(&format, &batches, 1));
        assert_eq!(groups, [3, 3, 3, 3], "an empty batch makes no group");
    }

    #[test]
    fn no_mentions_is_a_file_with_no_rows() {
        let (matcher, doc, _) = sample(None);
        let format = Parquet::new(&matcher);
        let file = file_of(&format, &[vec![(&doc, &[][..])]], ROW_GROUP_ROWS);
        let (rows, groups) = read_back(file);
        assert!(rows.is_empty() && groups.is_empty());
    }

    #[test]
    fn a_failed_write_is_the_writers_io_error() {
        let (matcher, doc, mentions) = sample(None);
        let format = Parquet::new(&matcher);
        let mut out = FailingWriter {
            room: 100,
            kind: io::ErrorKind::BrokenPipe,
        };
        let mut writer = format.writer(&mut out).unwrap();
        let mut rendered = Vec::new();
        format.document(&doc, &mentions, &mut rendered);
        writer.batch(rendered).unwrap();
        let e = writer.finish().expect_err("the pipe is closed");
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe, "{e}");
    }
}
