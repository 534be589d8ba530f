//! Output formats: how the mentions of a document become bytes.
//!
//! A format is one type implementing [`Format`], in a file of its own: [`csv`] (the default,
//! one CSV row per mention), [`jsonl`] (one JSON object per mention), [`tsv`] (tab-separated
//! rows keyed by document id, for Hadoop streaming) and [`doc_jsonl`] (one JSON object per
//! document, with its mentions, for stream mappers). [`OutputFormat`] names them, as the
//! command line's `--format` does, and builds one for a matcher.
//!
//! The [`pipeline`](crate::pipeline) renders each batch of documents on the worker thread
//! that tagged it, into the batch's own buffer, and the writing thread only hands the
//! buffers, in input order, to the format's [`BatchWriter`]: a format's cost is spread over the
//! threads as tagging is, and its output is byte-identical whatever the number of threads.
//!
//! The text formats are line-oriented and have no footer: their [`BatchWriter`] is [`Lines`],
//! which copies each batch out as rendered and flushes it. Output cut off after any batch (a
//! killed run, a reader that stops early) is valid up to there, and a stream mapper's output
//! can be read while it is written. A format that needed a closing bracket would lose both.
//! The one exception is Parquet (`--format parquet`, with the cargo feature `parquet`): a
//! columnar file with a footer, whose [`BatchWriter`] gathers the rendered rows into row
//! groups and writes the footer when the run ends; it is meant for `-o FILE`, which appears
//! only when complete.
//!
//! ```
//! use navne::format::{Format, OutputFormat};
//! use navne::{Document, Entry, Gazetteer, Label, Tagger};
//!
//! let mut gazetteer = Gazetteer::new();
//! gazetteer.push(Entry {
//!     id: "cldr:DK".into(),
//!     name: "Danmark".into(),
//!     aliases: vec![],
//!     label: Label::Loc,
//!     ambiguous: false,
//!     prior: 0.0,
//! });
//! let tagger = Tagger::new(gazetteer).unwrap();
//! let doc = Document::plain("d1".into(), None, "Æbler fra Danmarks haver".into());
//! let format = OutputFormat::Jsonl.build(tagger.matcher(), true);
//! let mut out = Vec::new();
//! format.header(&mut out);
//! format.document(&doc, &tagger.tag(&doc), &mut out);
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "{\"doc_id\":\"d1\",\"date\":null,\"start\":10,\"end\":18,\"mention\":\"Danmarks\",\
//!      \"label\":\"LOC\",\"entity_id\":\"cldr:DK\",\"canonical\":\"Danmark\",\
//!      \"method\":\"gazetteer\"}\n"
//! );
//! ```

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use crate::document::Document;
use crate::error::Error;
use crate::gazetteer::Entry;
use crate::label::{Label, LabelNames};
use crate::matcher::{EntryId, Matcher};
use crate::mention::Mention;

pub mod csv;
mod decimal;
pub mod doc_jsonl;
mod json;
pub mod jsonl;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod tsv;

/// One output format: renders a header, the mentions of each document, and (if it says
/// anything about them) the documents that could not be read.
///
/// Rendering appends to a buffer of the batch being written; the pipeline calls
/// [`Format::header`] once, then, for each unit of input in input order, either
/// [`Format::document`] or [`Format::skipped`]. A format is shared by the worker threads,
/// hence `Send + Sync`.
pub trait Format: fmt::Debug + Send + Sync {
    /// Appends what comes before the first document, if anything (the CSV header row).
    fn header(&self, out: &mut Vec<u8>) {
        let _ = out;
    }

    /// Appends the rendering of `doc`, whose mentions, in order, are `mentions`.
    fn document(&self, doc: &Document, mentions: &[Mention], out: &mut Vec<u8>);

    /// Appends what stands for a unit of input that could not be read, if anything. The
    /// error is also reported to the run's `on_skip` and counted, whatever this writes; by
    /// default it writes nothing.
    fn skipped(&self, error: &Error, out: &mut Vec<u8>) {
        let _ = (error, out);
    }

    /// The writer of a run's rendered batches to `out`, made once per run after the header
    /// is written. By default [`Lines`]: each batch's bytes as rendered, flushed.
    fn writer<'w>(&self, out: &'w mut (dyn Write + Send)) -> io::Result<Box<dyn BatchWriter + 'w>> {
        Ok(Box::new(Lines(out)))
    }
}

/// Writes the batches of one run, as its [`Format`] rendered them, in input order, on the
/// thread that runs the pipeline; what a format with a footer or a layout of its own (Parquet)
/// needs besides rendering.
pub trait BatchWriter {
    /// Writes one rendered batch. Whatever the format can already write goes out flushed, so
    /// that a reader of a stream gets it now.
    fn batch(&mut self, rendered: Vec<u8>) -> io::Result<()>;

    /// Writes what is left and what comes after the last batch, if anything, and flushes.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// The [`BatchWriter`] of the line-oriented formats: each batch's bytes copied out as they are
/// and flushed, nothing at the end.
pub struct Lines<'w>(
    /// Where the bytes go.
    pub &'w mut (dyn Write + Send),
);

impl BatchWriter for Lines<'_> {
    fn batch(&mut self, rendered: Vec<u8>) -> io::Result<()> {
        self.0.write_all(&rendered)?;
        self.0.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.0.flush()
    }
}

/// The formats navne writes, by the names `--format` takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// [`csv::Csv`]: one CSV row per mention, CRLF line ends, a header row unless switched
    /// off.
    #[default]
    Csv,
    /// [`jsonl::Jsonl`]: one JSON object per mention per line.
    Jsonl,
    /// [`tsv::Tsv`]: one tab-separated row per mention, the document id first, no header.
    Tsv,
    /// [`doc_jsonl::DocJsonl`]: one JSON object per document per line, with its mentions.
    DocJsonl,
    /// [`parquet::Parquet`]: a Parquet file of one row per mention, in the CSV's columns
    /// (cargo feature `parquet`).
    #[cfg(feature = "parquet")]
    Parquet,
}

impl OutputFormat {
    /// Every format, the default first.
    #[cfg(not(feature = "parquet"))]
    pub const ALL: [OutputFormat; 4] = [
        OutputFormat::Csv,
        OutputFormat::Jsonl,
        OutputFormat::Tsv,
        OutputFormat::DocJsonl,
    ];

    /// Every format, the default first.
    #[cfg(feature = "parquet")]
    pub const ALL: [OutputFormat; 5] = [
        OutputFormat::Csv,
        OutputFormat::Jsonl,
        OutputFormat::Tsv,
        OutputFormat::DocJsonl,
        OutputFormat::Parquet,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Tsv => "tsv",
            OutputFormat::DocJsonl => "doc-jsonl",
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet => "parquet",
        }
    }

    /// Whether the format writes bytes that are not text (Parquet): no output for a terminal.
    pub fn is_binary(self) -> bool {
        match self {
            OutputFormat::Csv
            | OutputFormat::Jsonl
            | OutputFormat::Tsv
            | OutputFormat::DocJsonl => false,
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet => true,
        }
    }

    /// One line on what the format writes, for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            OutputFormat::Csv => "one CSV row per mention after a header row (RFC 4180, CRLF)",
            OutputFormat::Jsonl => "one JSON object per mention per line",
            OutputFormat::Tsv => {
                "one row per mention, tab-separated, doc_id first, no header (Hadoop streaming)"
            }
            OutputFormat::DocJsonl => {
                "one JSON object per document per line with its mentions, in input order \
                 (stream mappers)"
            }
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet => {
                "a Parquet file, one row per mention in the CSV's columns, snappy-compressed \
                 (to -o FILE or a pipe)"
            }
        }
    }

    /// The format for mentions found by `matcher`; `header` says whether the CSV has its
    /// header row (the other formats have none).
    pub fn build(self, matcher: &Matcher, header: bool) -> Arc<dyn Format> {
        match self {
            OutputFormat::Csv => Arc::new(csv::Csv::new(matcher, header)),
            OutputFormat::Jsonl => Arc::new(jsonl::Jsonl::new(matcher)),
            OutputFormat::Tsv => Arc::new(tsv::Tsv::new(matcher)),
            OutputFormat::DocJsonl => Arc::new(doc_jsonl::DocJsonl::new(matcher)),
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet => Arc::new(parquet::Parquet::new(matcher)),
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The entity fields of every entry of a matcher, rendered once per run in one format's
/// notation: a gazetteer mention then copies its entry's fields in one piece, instead of
/// looking through the entry's id and name for bytes to quote or escape in every row.
#[derive(Clone)]
pub(crate) struct EntryFields {
    /// The fields of every entry, one entry after another.
    bytes: Vec<u8>,
    /// Per entry, by [`EntryId`], where its fields end in `bytes`; they start where the
    /// previous entry's end.
    ends: Vec<usize>,
    /// The names of the matcher's custom labels: a mention's label is written by its name,
    /// which needs no quoting or escaping in any format ([`crate::label::check_label_name`]).
    labels: LabelNames,
}

/// Bytes that [`EntryFields::get_with_pad`] can always read past the start of an entry's
/// fields.
pub(crate) const PAD: usize = 32;

/// The sizes, not the bytes: a pipeline that is printed should not print every entry.
impl fmt::Debug for EntryFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntryFields")
            .field("entries", &self.ends.len())
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl EntryFields {
    /// The fields of every entry of `matcher`, each as `render` appends them.
    pub(crate) fn new(matcher: &Matcher, render: impl Fn(&mut Vec<u8>, &Entry)) -> EntryFields {
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(matcher.entry_count());
        for i in 0..matcher.entry_count() {
            render(&mut bytes, matcher.entry(EntryId(i as u32)));
            ends.push(bytes.len());
        }
        // Bytes after the last entry's fields, so that every entry's fields can be read as
        // a block of `PAD` bytes ([`EntryFields::get_with_pad`]).
        bytes.resize(bytes.len() + PAD, 0);
        EntryFields {
            bytes,
            ends,
            labels: matcher.labels().clone(),
        }
    }

    /// The name of `label` as written: `PER`, `LOC`, `ORG` or a custom label's.
    pub(crate) fn label(&self, label: Label) -> &[u8] {
        self.labels.name(label).as_bytes()
    }

    /// The fields of the entry `id`, and after them at least [`PAD`] bytes more (of the
    /// next entries, or padding), for a writer that copies a block of fixed size: the
    /// fields are the first `len` bytes, `len` the second value.
    pub(crate) fn get_with_pad(&self, id: EntryId) -> (&[u8], usize) {
        let i = id.0 as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (&self.bytes[start..], self.ends[i] - start)
    }

    /// The fields of the entry `id`.
    pub(crate) fn get(&self, id: EntryId) -> &[u8] {
        let i = id.0 as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
}

/// A document and mentions of every kind, with the bytes each format must escape in its
/// id, text and entity fields, for the formats' unit tests.
#[cfg(test)]
pub(crate) mod sample {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::label::{Label, Method};

    /// A writer that takes `room` bytes, then fails with an error of `kind` (a full disk, a
    /// closed pipe).
    pub(crate) struct FailingWriter {
        pub room: usize,
        pub kind: std::io::ErrorKind,
    }

    impl std::io::Write for FailingWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::new(self.kind, "no room"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The JSON values of output that is JSON lines: each ends in LF, none has a CR.
    pub(crate) fn json_lines(out: Vec<u8>) -> Vec<serde_json::Value> {
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with('\n') && !text.contains('\r'));
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// The sample's text: a tab, quotes, a backslash and a line break among its names.
    pub(crate) const TEXT: &str = "Per\tHansen i \"Århus\"\nog Ib\\";

    /// A matcher whose one entry has a tab and a quote in its id and name, the document
    /// (`date` as given) and its mentions: a gazetteer one, a pattern one (no canonical name)
    /// and an alias (with one).
    pub(crate) fn sample(date: Option<&str>) -> (Matcher, Document, Vec<Mention>) {
        let mut g = Gazetteer::new();
        g.push(Entry {
            id: "geo:\"1\"".into(),
            name: "Aarhus\tC".into(),
            aliases: vec![],
            label: Label::Loc,
            ambiguous: false,
            prior: 0.0,
        });
        let matcher = Matcher::new(g).unwrap();
        let doc = Document::plain("d\t1,\"x\"\\".into(), date.map(String::from), TEXT.into());
        let mention = |text: &str, label, entry, method, canonical: Option<&str>| {
            let byte_start = TEXT.find(text).unwrap();
            let start = TEXT[..byte_start].chars().count();
            Mention {
                start,
                end: start + text.chars().count(),
                byte_start,
                byte_end: byte_start + text.len(),
                label,
                entry,
                method,
                canonical: canonical.map(String::from),
            }
        };
        let mentions = vec![
            mention("Per\tHansen", Label::Per, None, Method::Pattern, None),
            mention(
                "Århus",
                Label::Loc,
                Some(EntryId(0)),
                Method::Gazetteer,
                None,
            ),
            mention("Ib\\", Label::Per, None, Method::Alias, Some("Ib\nJensen")),
        ];
        (matcher, doc, mentions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::label::Label;

    #[test]
    fn names_are_distinct_and_the_default_is_csv() {
        assert_eq!(OutputFormat::default(), OutputFormat::Csv);
        assert_eq!(OutputFormat::ALL[0], OutputFormat::default());
        let mut names: Vec<_> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), OutputFormat::ALL.len());
    }

    #[test]
    fn entry_fields_are_found_by_id() {
        let mut g = Gazetteer::new();
        for (id, name) in [("a", "Aarhus"), ("b", "B"), ("c", "Esbjerg")] {
            g.push(Entry {
                id: id.into(),
                name: name.into(),
                aliases: vec![],
                label: Label::Loc,
                ambiguous: false,
                prior: 0.0,
            });
        }
        let matcher = Matcher::new(g).unwrap();
        let fields = EntryFields::new(&matcher, |out, e| {
            out.extend_from_slice(e.id.as_bytes());
            out.push(b'=');
            out.extend_from_slice(e.name.as_bytes());
        });
        let got: Vec<_> = (0..3).map(|i| fields.get(EntryId(i)).to_vec()).collect();
        assert_eq!(
            got,
            [b"a=Aarhus".to_vec(), b"b=B".to_vec(), b"c=Esbjerg".to_vec()]
        );
    }

    proptest::proptest! {
        // Each case builds a tagger, which loads the word lists: a few dozen names suffice.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

        /// A mention of any valid custom label comes back from every format with that label's
        /// name, as written.
        #[test]
        fn custom_label_names_come_back_from_every_format(
            name in "[A-Z][A-Z0-9_-]{0,31}",
        ) {
            proptest::prop_assume!(!["PER", "LOC", "ORG"].contains(&name.as_str()));
            let mut g = Gazetteer::new();
            let label = g.label(&name).unwrap();
            let tsv = "id\tname\taliases\ne1\tRoskilde Festival\t\n";
            g.add_tsv(tsv, "events.tsv".as_ref(), label).unwrap();
            let tagger = crate::Tagger::new(g).unwrap();
            let text = "Vi tog på Roskilde Festival i juli.";
            let doc = crate::Document::plain("d".into(), None, text.into());
            let mentions = tagger.tag(&doc);
            proptest::prop_assert_eq!(mentions.len(), 1);
            for format in OutputFormat::ALL {
                let mut out = Vec::new();
                let f = format.build(tagger.matcher(), false);
                f.document(&doc, &mentions, &mut out);
                #[cfg(feature = "parquet")]
                let raw = out.clone();
                // Parquet's rendered rows are binary: shown, when the test fails, as lossy text.
                let out = String::from_utf8_lossy(&out).into_owned();
                let labels: Vec<String> = match format {
                    OutputFormat::Csv => out.lines().map(|l| l.split(',').nth(5).unwrap().to_string()).collect(),
                    OutputFormat::Tsv => out.lines().map(|l| l.split('\t').nth(5).unwrap().to_string()).collect(),
                    OutputFormat::Jsonl => out
                        .lines()
                        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["label"].as_str().unwrap().to_string())
                        .collect(),
                    OutputFormat::DocJsonl => {
                        let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
                        v["mentions"].as_array().unwrap().iter().map(|m| m["label"].as_str().unwrap().to_string()).collect()
                    }
                    #[cfg(feature = "parquet")]
                    OutputFormat::Parquet => {
                        let mut file = Vec::new();
                        let mut writer = f.writer(&mut file).unwrap();
                        writer.batch(raw.clone()).unwrap();
                        writer.finish().unwrap();
                        let (rows, _) = parquet::read_back(file);
                        rows.into_iter().map(|r| r[5].clone().unwrap()).collect()
                    }
                };
                proptest::prop_assert_eq!(labels, vec![name.clone()], "{}: {}", format.name(), out);
            }
        }
    }
}
