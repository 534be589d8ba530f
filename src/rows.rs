//! CSV rows: one per mention, in the columns downstream datasets rely on.
//!
//! Columns: `doc_id,date,start,end,mention,label,entity_id,canonical,method` (RFC 4180, UTF-8).

use crate::document::Document;
use crate::matcher::Matcher;
use crate::mention::Mention;

/// The header row, exactly as written.
pub const HEADER: [&str; 9] = [
    "doc_id",
    "date",
    "start",
    "end",
    "mention",
    "label",
    "entity_id",
    "canonical",
    "method",
];

/// Renders CSV rows into a byte buffer; cheap to make one per document or per thread.
pub struct RowWriter {
    csv: csv::Writer<Vec<u8>>,
}

impl Default for RowWriter {
    fn default() -> RowWriter {
        RowWriter::new()
    }
}

impl RowWriter {
    /// An empty buffer.
    pub fn new() -> RowWriter {
        RowWriter {
            csv: csv::WriterBuilder::new()
                .has_headers(false)
                .buffer_capacity(1024)
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        }
    }

    /// The header row as bytes.
    pub fn header() -> Vec<u8> {
        let mut w = RowWriter::new();
        w.csv
            .write_record(HEADER)
            .expect("writing to a Vec cannot fail");
        w.into_bytes()
    }

    /// Appends one row per mention of `doc`.
    pub fn write_mentions(&mut self, doc: &Document, mentions: &[Mention], matcher: &Matcher) {
        let date = doc.date.as_deref().unwrap_or("");
        let mut start = itoa_buf();
        let mut end = itoa_buf();
        for m in mentions {
            let (entity_id, canonical) = match m.entry {
                Some(id) => {
                    let e = matcher.entry(id);
                    (e.id.as_str(), e.name.as_str())
                }
                None => ("", m.canonical.as_deref().unwrap_or(m.text(&doc.text))),
            };
            let record = [
                doc.id.as_str(),
                date,
                fmt_usize(&mut start, m.start),
                fmt_usize(&mut end, m.end),
                m.text(&doc.text),
                m.label.as_str(),
                entity_id,
                canonical,
                m.method.as_str(),
            ];
            self.csv
                .write_record(record)
                .expect("writing to a Vec cannot fail");
        }
    }

    /// The rendered bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.csv
            .into_inner()
            .unwrap_or_else(|e| e.into_inner().into_inner().unwrap_or_default())
    }
}

fn itoa_buf() -> String {
    String::with_capacity(20)
}

fn fmt_usize(buf: &mut String, n: usize) -> &str {
    use std::fmt::Write;
    buf.clear();
    write!(buf, "{n}").expect("writing to a String cannot fail");
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_exact() {
        assert_eq!(
            RowWriter::header(),
            b"doc_id,date,start,end,mention,label,entity_id,canonical,method\r\n"
        );
    }
}
