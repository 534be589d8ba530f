//! Corpus reading: turns the inputs given on the command line into a stream of work units in
//! input order, without holding the corpus in memory.
//!
//! Directories are walked recursively, entries sorted by name, so files come in path order.
//! A `.txt` file (optionally `.txt.gz`) is one document in the article format; a `.jsonl` file
//! (optionally `.jsonl.gz`) holds one document per line. `-` is standard input: JSON Lines when
//! its first non-blank character is `{`, else one text document.
//!
//! The reader only splits input into [`Unit`]s; decoding, parsing and tagging a unit happens
//! later, in parallel ([`Unit::load`]).
//!
//! Standard input, and a JSON Lines input that is no regular file (a named pipe, `/dev/stdin`,
//! a shell's `<(…)`), is *live*: a producer may stop writing for a while without closing it,
//! and wait for the answers to what it wrote. Such an input is read on a thread of its own,
//! which hands the lines over as they come, so that [`Units::next_until`] can give up waiting
//! at a deadline and the pipeline can write what it has (see [`crate::pipeline`]). Regular
//! files and directories are read where they are asked for, as before: they never pause.
//!
//! The code is in files by what it does: `units.rs` (the order of units: inputs, directory
//! walks, the lines of a file), `live.rs` (the thread that reads a live input), `files.rs`
//! (opening files and standard input, reading a text whole, doc ids of paths), `json_line.rs`
//! (a JSON line into a document) and `plain_json.rs` (the fast path that reads most lines).

mod files;
mod json_line;
mod live;
mod plain_json;
mod units;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use files::read_file;
use json_line::parse_json_line;

pub use files::path_id;
pub use units::{check_inputs, Next, Units, SPARE_BUFFERS, SPARE_ROOM};

/// One input as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file or directory.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// Names of the JSON fields that hold a document's id, text and date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// Field holding the document id (default `id`).
    pub id: String,
    /// Field holding the text (default `text`).
    pub text: String,
    /// Field holding the date (default `date`).
    pub date: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            id: "id".into(),
            text: "text".into(),
            date: "date".into(),
        }
    }
}

/// The name standard input goes by in doc ids and messages.
pub const STDIN_NAME: &str = "<stdin>";

/// The most bytes one document may have unless told otherwise (512 MB): far more than any
/// article or book, and what a machine tagging on a few threads can hold a few of.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 512_000_000;

/// A piece of input that becomes at most one document.
#[derive(Debug)]
pub enum Unit {
    /// A `.txt` or `.txt.gz` file, read when the unit is loaded.
    TextFile {
        /// Where the file is.
        path: PathBuf,
        /// Its doc id: the path relative to the input argument it was found under.
        doc_id: String,
        /// Its size on disk (compressed, for a `.gz`), when it is a regular file.
        size: Option<u64>,
        /// The most bytes its document may have; a longer one is not read to the end.
        max_bytes: u64,
    },
    /// A text already read (standard input).
    Text {
        /// The doc id.
        doc_id: String,
        /// The raw bytes.
        bytes: Vec<u8>,
    },
    /// One line of a JSON Lines file.
    JsonLine {
        /// The file (or [`STDIN_NAME`]).
        source: Arc<Path>,
        /// 1-based line number.
        line: u64,
        /// The raw line, without the newline.
        bytes: Vec<u8>,
    },
    /// Input that could not be read at all; reported and counted as one skipped document.
    Failed(Error),
}

impl Unit {
    /// Approximate size in bytes, for sizing batches: a text file's size on disk (a guess
    /// of 4 KB when it has none), so that a few large files are batches of their own and are
    /// tagged side by side.
    pub fn size_hint(&self) -> usize {
        match self {
            Unit::TextFile { size, .. } => {
                size.map_or(4096, |s| usize::try_from(s).unwrap_or(usize::MAX))
            }
            Unit::Text { bytes, .. } | Unit::JsonLine { bytes, .. } => bytes.len(),
            Unit::Failed(_) => 0,
        }
    }

    /// Bytes of input the unit stands for (a line's length with its newline, a text's
    /// length), for progress reporting; `None` for a text file, whose size is only known once
    /// it is read (count its document's text then).
    pub fn input_bytes(&self) -> Option<u64> {
        match self {
            Unit::TextFile { .. } => None,
            Unit::Text { bytes, .. } => Some(bytes.len() as u64),
            Unit::JsonLine { bytes, .. } => Some(bytes.len() as u64 + 1),
            Unit::Failed(_) => Some(0),
        }
    }

    /// Reads, decodes and parses the unit into a document.
    pub fn load(self, fields: &Fields) -> Result<Document> {
        match self {
            Unit::TextFile {
                path,
                doc_id,
                size,
                max_bytes,
            } => {
                let bytes = read_file(&path, size, max_bytes).map_err(|e| e.with_path(&path))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::new(ErrorKind::InvalidUtf8).with_path(&path))?;
                Document::from_article(doc_id, text).map_err(|e| e.with_path(&path))
            }
            Unit::Text { doc_id, bytes } => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::new(ErrorKind::InvalidUtf8).with_path(STDIN_NAME))?;
                Document::from_article(doc_id, text).map_err(|e| e.with_path(STDIN_NAME))
            }
            Unit::JsonLine {
                source,
                line,
                bytes,
            } => parse_json_line(bytes, fields, &source, line)
                .map_err(|e| e.with_path(&*source).with_line(line)),
            Unit::Failed(e) => Err(e),
        }
    }
}

/// The UTF-8 byte-order mark, which some tools write at the start of a file or stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[cfg(test)]
mod test_json {
    //! What the tests of `json_line.rs` and `plain_json.rs` both hold a JSON line's parse
    //! against: the parse by way of a whole `Value`.

    use std::path::Path;

    use serde_json::Value;

    use super::json_line::parse_json_line;
    use super::Fields;
    use crate::document::Document;
    use crate::error::{Error, ErrorKind, Result};

    /// The parse by way of a whole `Value`, which `parse_json_line` must agree with exactly.
    fn parse_through_value(
        bytes: &[u8],
        fields: &Fields,
        source: &Path,
        line: u64,
    ) -> Result<Document> {
        let json_err = |m: String| Error::new(ErrorKind::Json(m));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8))?;
        let value: Value = serde_json::from_str(text).map_err(|e| json_err(e.to_string()))?;
        let Value::Object(mut obj) = value else {
            return Err(json_err("not a JSON object".into()));
        };
        let text = match obj.remove(&fields.text) {
            Some(Value::String(s)) => s,
            Some(_) => return Err(json_err(format!("field {:?} is not a string", fields.text))),
            None => return Err(json_err(format!("no {:?} field", fields.text))),
        };
        let scalar = |v: Option<Value>| match v {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => Some(other.to_string()),
        };
        let id = scalar(obj.remove(&fields.id))
            .unwrap_or_else(|| format!("{}:{}", source.display(), line));
        let date = match obj.remove(&fields.date) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(Value::String(s)) => match crate::document::check_date(&s) {
                Ok(()) => Some(s),
                Err(reason) => {
                    let value = Value::String(s).to_string();
                    return Err(Error::new(ErrorKind::Date { value, reason }));
                }
            },
            Some(other) => {
                let (value, reason) = (other.to_string(), "not a string".into());
                return Err(Error::new(ErrorKind::Date { value, reason }));
            }
        };
        Ok(Document::plain(id, date, text))
    }

    /// The document, or the error message, for `line` read with `fields`.
    pub(super) fn parsed_with(
        line: &[u8],
        fields: &Fields,
    ) -> std::result::Result<Document, String> {
        parse_json_line(line.to_vec(), fields, Path::new("f.jsonl"), 7).map_err(|e| e.to_string())
    }

    pub(super) fn reference_with(
        line: &[u8],
        fields: &Fields,
    ) -> std::result::Result<Document, String> {
        parse_through_value(line, fields, Path::new("f.jsonl"), 7).map_err(|e| e.to_string())
    }
}
