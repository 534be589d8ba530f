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

use std::cell::RefCell;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::Instant;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::document::{self, Document};
use crate::error::{Error, ErrorKind, Result};
use crate::gzip::Members;
use crate::walk::Walk;

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

fn is_gz(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz")
}

/// The name without a trailing `.gz`, lowercased, for telling `.txt` from `.jsonl`.
fn inner_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.strip_suffix(".gz").map(String::from).unwrap_or(name)
}

fn is_jsonl(path: &Path) -> bool {
    let n = inner_name(path);
    n.ends_with(".jsonl") || n.ends_with(".ndjson")
}

/// Whether a file found inside a directory is part of the corpus.
fn is_corpus_file(path: &Path) -> bool {
    let n = inner_name(path);
    n.ends_with(".txt") || n.ends_with(".jsonl") || n.ends_with(".ndjson")
}

/// All of the file at `path` (decompressed if it is gzipped), at most `max_bytes` of it: a
/// longer document is an error, found without holding more than `max_bytes` (a gzip bomb
/// inflates no further). `size` is the file's size, where the walk knows it.
///
/// A plain file is read into this thread's [`READ_BUFFER`] through `take`, whose
/// `read_to_end` does not ask the file for its size and position (system calls that count in
/// a directory of many small files): an article fits the buffer, so it takes two reads, the
/// second finding the end. The bytes are then copied into a vector of their own size. A file
/// known to be larger than the buffer is read straight into a vector of its size.
fn read_file(path: &Path, size: Option<u64>, max_bytes: u64) -> Result<Vec<u8>> {
    let gz = is_gz(path);
    if !gz && size.is_some_and(|s| s > max_bytes) {
        return Err(Error::new(ErrorKind::TooLarge { limit: max_bytes }));
    }
    let file = File::open(path)?;
    if gz {
        let mut bytes = Vec::new();
        read_capped(Members::new(BufReader::new(file)), &mut bytes, max_bytes)?;
        return Ok(bytes);
    }
    if let Some(size) = size.filter(|&s| s > READ_BUFFER_ROOM as u64) {
        // Within `max_bytes`, checked above, which the caller can hold.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        read_capped(file, &mut bytes, max_bytes)?;
        return Ok(bytes);
    }
    READ_BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let read = read_capped(file, buffer, max_bytes);
        if buffer.capacity() > READ_BUFFER_ROOM {
            // A file too big for the buffer is handed over rather than copied, and the buffer
            // starts afresh: it never keeps more than its usual room between files.
            let mut whole = std::mem::replace(buffer, Vec::with_capacity(READ_BUFFER_ROOM));
            read?;
            whole.shrink_to_fit();
            return Ok(whole);
        }
        read?;
        Ok(buffer.as_slice().to_vec())
    })
}

/// Appends what `reader` gives to `buf`, up to its end, or fails as soon as it gives more than
/// `max_bytes`: no more than `max_bytes` are ever held.
fn read_capped(mut reader: impl Read, buf: &mut Vec<u8>, max_bytes: u64) -> Result<()> {
    let read = (&mut reader).take(max_bytes).read_to_end(buf)?;
    if (read as u64) < max_bytes {
        return Ok(());
    }
    // Exactly `max_bytes` so far: the document fits only if nothing follows.
    let mut probe = [0u8; 1];
    loop {
        match reader.read(&mut probe) {
            Ok(0) => return Ok(()),
            Ok(_) => return Err(Error::new(ErrorKind::TooLarge { limit: max_bytes })),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Bytes of room in [`READ_BUFFER`]: more than a long article.
const READ_BUFFER_ROOM: usize = 64 << 10;

thread_local! {
    /// What [`read_file`] reads a plain file into, kept from file to file.
    static READ_BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(READ_BUFFER_ROOM));
}

/// The UTF-8 byte-order mark, which some tools write at the start of a file or stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses one JSON line into a document. The common line (an object of strings, scalars and
/// `null`s) is read by [`plain_json`], which checks its UTF-8 on the way; anything it is not
/// sure about goes through `std::str::from_utf8` and `serde_json`, so the result and every
/// error message are those of `from_utf8`, then `serde_json::from_str::<Value>` followed by a
/// lookup in the map. A byte-order mark before the line (the first line of a file saved by
/// some editors) is dropped, as it is before a text.
///
/// The fast path decodes the text into this thread's [`TEXT_BUFFER`], and the line's own
/// buffer, which is at least as long as the text decoded from it, then takes the text and
/// becomes the document's: a document costs the one allocation of its line. The line is left
/// as it was until the fast path has read all of it, since `serde_json` may still need it.
fn parse_json_line(
    mut bytes: Vec<u8>,
    fields: &Fields,
    source: &Path,
    line: u64,
) -> Result<Document> {
    let start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let read = TEXT_BUFFER.with_borrow_mut(|decoded| {
        let named = plain_json::read_fields(&bytes[start..], fields, decoded)?;
        let text = if decoded.capacity() > TEXT_BUFFER_ROOM {
            // A text too big for the buffer is handed over rather than copied, and the buffer
            // starts afresh: it never keeps more than its usual room between lines.
            std::mem::replace(decoded, Vec::with_capacity(TEXT_BUFFER_ROOM))
        } else {
            let mut text = std::mem::take(&mut bytes);
            text.clear();
            text.extend_from_slice(decoded);
            text
        };
        // SAFETY: `read_fields`, which answered `Some`, left valid UTF-8 in `decoded`.
        let text = unsafe { String::from_utf8_unchecked(text) };
        Some(Ok(LineDoc {
            text,
            id: named.id,
            date: named.date,
        }))
    });
    let found = match read {
        Some(found) => found,
        None => {
            // Only a line the fast path read in full gives up its buffer: this one is whole.
            let bytes = &bytes[start..];
            let text =
                std::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8))?;
            read_with_serde(text, fields)
        }
    }?;
    found.into_document(source, line)
}

/// Bytes of room in [`TEXT_BUFFER`]: more than a long article.
const TEXT_BUFFER_ROOM: usize = 64 << 10;

thread_local! {
    /// What [`parse_json_line`] decodes a JSON line's text into, kept from line to line.
    static TEXT_BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(TEXT_BUFFER_ROOM));
}

/// The three named fields of a JSON line, resolved: the text, and the id and date as strings
/// (absent or `null` is `None`).
#[derive(Debug, PartialEq, Eq)]
struct LineDoc {
    text: String,
    id: Option<String>,
    date: Option<String>,
}

impl LineDoc {
    /// The document, with `source:line` as the id when the line has none; an error if its
    /// date is not a real day or month. An empty date is none.
    fn into_document(self, source: &Path, line: u64) -> Result<Document> {
        let date = self.date.filter(|d| !d.is_empty());
        if let Some(date) = &date {
            document::check_date(date).map_err(|reason| {
                let value = Value::String(date.clone()).to_string();
                Error::new(ErrorKind::Date { value, reason })
            })?;
        }
        let id = self
            .id
            .unwrap_or_else(|| format!("{}:{}", path_id(source), line));
        Ok(Document::plain(id, date, self.text))
    }
}

/// A path as a doc id, losslessly: the path's text where it is UTF-8, each byte that is not
/// part of UTF-8 as `\xHH` (two uppercase hex digits), and a backslash doubled, so that the
/// id can be turned back into the exact path. File names that are not UTF-8 are rare
/// (archives from old systems in Latin-1), but two of them must not become the same id.
#[cfg(unix)]
pub fn path_id(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt;
    let mut id = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                id.push('\\');
            }
            id.push(c);
        }
        for b in chunk.invalid() {
            let _ = write!(id, "\\x{b:02X}");
        }
    }
    id
}

/// A path as a doc id: its text, with characters it cannot hold replaced (names that are not
/// Unicode are not kept losslessly on this system).
#[cfg(not(unix))]
pub fn path_id(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Reads the three named fields straight off `serde_json`'s parser: no map is built and other
/// fields are parsed (the line must be valid JSON) but not kept.
fn read_with_serde(text: &str, fields: &Fields) -> Result<LineDoc> {
    let json_err = |m: String| Error::new(ErrorKind::Json(m));
    if !text.trim_start_matches(JSON_WHITESPACE).starts_with('{') {
        // Not an object, or not JSON: only the error message is needed, and `Value` gives the
        // same one a whole parse would.
        return Err(match serde_json::from_str::<Value>(text) {
            Ok(_) => json_err("not a JSON object".into()),
            Err(e) => json_err(e.to_string()),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let found = de
        .deserialize_map(LineVisitor(fields))
        .and_then(|found| de.end().map(|()| found))
        .map_err(|e| json_err(e.to_string()))?;
    let text = match found.text {
        Some(Value::String(s)) => s,
        Some(_) => return Err(json_err(format!("field {:?} is not a string", fields.text))),
        None => return Err(json_err(format!("no {:?} field", fields.text))),
    };
    let date = match found.date {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            let (value, reason) = (other.to_string(), "not a string".into());
            return Err(Error::new(ErrorKind::Date { value, reason }));
        }
    };
    // Numbers keep their digits as written (`serde_json`'s `arbitrary_precision`): two ids
    // past 2^64 stay two ids.
    let id = match found.id {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    Ok(LineDoc { text, id, date })
}

/// The bytes JSON counts as whitespace between tokens.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// The values of the three named fields of a JSON object, as far as it has them.
#[derive(Default)]
struct LineFields {
    text: Option<Value>,
    id: Option<Value>,
    date: Option<Value>,
}

/// Which of the named fields a key is. A name given to several fields counts for the first of
/// text, id, date, as a lookup that removes the field from the map would find it.
enum Key {
    Text,
    Id,
    Date,
    Other,
}

impl Key {
    /// Which of `fields` the object key `key` names.
    fn of(key: &str, fields: &Fields) -> Key {
        if key == fields.text {
            Key::Text
        } else if key == fields.id {
            Key::Id
        } else if key == fields.date {
            Key::Date
        } else {
            Key::Other
        }
    }
}

/// Reads a JSON object into [`LineFields`]; a key that appears twice keeps its last value, as
/// in a `serde_json::Map`.
struct LineVisitor<'a>(&'a Fields);

impl<'de> Visitor<'de> for LineVisitor<'_> {
    type Value = LineFields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<LineFields, A::Error> {
        let mut found = LineFields::default();
        while let Some(key) = map.next_key_seed(KeySeed(self.0))? {
            match key {
                Key::Text => found.text = Some(map.next_value()?),
                Key::Id => found.id = Some(map.next_value()?),
                Key::Date => found.date = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(found)
    }
}

/// Classifies an object key without allocating it.
struct KeySeed<'a>(&'a Fields);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> std::result::Result<Key, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<Key, E> {
        Ok(Key::of(key, self.0))
    }
}

/// Any JSON value, parsed in full and dropped. Unlike [`de::IgnoredAny`], which `serde_json`
/// skips with a lighter scan, this goes through the parser a `Value` goes through, so a line
/// is rejected for the same reasons (lone surrogates in escapes, nesting deeper than the
/// recursion limit). Numbers are never out of range: `serde_json` keeps their text
/// (`arbitrary_precision`).
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(de: D) -> std::result::Result<Skip, D::Error> {
        de.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// A fast reader for the common JSON line: an object whose values are strings, `null`s,
/// booleans and plain numbers. It accepts only text that is certainly valid JSON and that
/// `serde_json` reads to the same fields; for anything else (nested values, escaped keys,
/// non-string ids and dates, long numbers, errors of any kind) it gives up and the line
/// goes through `serde_json`, which then also words the error.
///
/// It reads bytes, not a `str`: the line's UTF-8 is checked as it goes, so a line it reads is
/// looked at once. Outside strings it takes ASCII bytes only, and the bytes of each string are
/// validated by the same pass that finds the string's next quote or backslash
/// ([`crate::utf8::valid_until_string_stop`]); a line that is not UTF-8 is thus never read,
/// and gets `from_utf8`'s error from the fallback.
///
/// It is faster because it finds the end of a run of plain string bytes sixteen bytes at a
/// time, checking their UTF-8 in the same pass, and copies the run in one piece, where
/// `serde_json` looks at every byte (after `from_utf8` has looked at every byte too) and copies
/// an escaped string through a scratch buffer.
mod plain_json {
    #[cfg(test)]
    use super::LineDoc;
    use super::{Fields, Key};
    use crate::utf8;

    /// The id and date of a line the fast path read (`None` when absent or `null`).
    pub(super) struct Named {
        pub(super) id: Option<String>,
        pub(super) date: Option<String>,
    }

    /// Reads `line` if it is valid UTF-8 and a plain object with a string text field, with
    /// the text decoded into `text` (whatever it held before is dropped), which then holds
    /// valid UTF-8; `None` leaves the line to `std::str::from_utf8` and `serde_json`, and
    /// `text` holding anything.
    pub(super) fn read_fields(line: &[u8], fields: &Fields, text: &mut Vec<u8>) -> Option<Named> {
        let mut cursor = Cursor { line, pos: 0 };
        let found = cursor.object(fields, text)?;
        cursor.skip_whitespace();
        if cursor.pos != line.len() || !found.text {
            return None;
        }
        Some(Named {
            id: found.id,
            date: found.date,
        })
    }

    /// [`read_fields`] with the text as a string of its own.
    #[cfg(test)]
    pub(super) fn read_line(line: &[u8], fields: &Fields) -> Option<LineDoc> {
        let mut text = Vec::new();
        let named = read_fields(line, fields, &mut text)?;
        Some(LineDoc {
            text: String::from_utf8(text).expect("the fast path decodes UTF-8"),
            id: named.id,
            date: named.date,
        })
    }

    /// The named fields seen so far; a later duplicate key replaces the value, as in a map.
    #[derive(Default)]
    struct Found {
        /// Whether a text was read (into the buffer [`Cursor::object`] was given).
        text: bool,
        id: Option<String>,
        date: Option<String>,
    }

    /// More integer digits than this, or more than [`MAX_EXPONENT_DIGITS`] exponent digits,
    /// and a number is left to `serde_json`. It reads any number that follows JSON's grammar
    /// (it keeps a number's text, with `arbitrary_precision`), so the limits only keep the
    /// fast path's numbers to what it has always been checked against.
    const MAX_INTEGER_DIGITS: usize = 18;
    /// See [`MAX_INTEGER_DIGITS`].
    const MAX_EXPONENT_DIGITS: usize = 2;

    /// The character of a two-byte escape, `\` and `byte`; `None` for `\u`, which has four
    /// more, and for a byte that begins no escape.
    #[inline(always)]
    fn short_escape(byte: u8) -> Option<char> {
        Some(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            _ => return None,
        })
    }

    /// A position in a line being read. It only ever moves past ASCII bytes, or past a run of
    /// string bytes [`utf8::valid_until_string_stop`] found valid, so the bytes before it are
    /// valid UTF-8 and it is always on a character boundary.
    struct Cursor<'a> {
        /// The whole line.
        line: &'a [u8],
        /// The index of the next byte to read.
        pos: usize,
    }

    impl<'a> Cursor<'a> {
        /// The line's bytes.
        fn bytes(&self) -> &'a [u8] {
            self.line
        }

        /// The next byte, if any.
        fn peek(&self) -> Option<u8> {
            self.bytes().get(self.pos).copied()
        }

        /// Steps over the bytes JSON counts as whitespace.
        fn skip_whitespace(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.pos += 1;
            }
        }

        /// Steps over `byte` if it is next.
        fn eat(&mut self, byte: u8) -> Option<()> {
            (self.peek() == Some(byte)).then(|| self.pos += 1)
        }

        /// Steps over `word` if it comes next.
        fn eat_word(&mut self, word: &str) -> Option<()> {
            self.bytes()[self.pos..]
                .starts_with(word.as_bytes())
                .then(|| self.pos += word.len())
        }

        /// Steps over a run of ASCII digits and says how long it was.
        fn digits(&mut self) -> usize {
            let start = self.pos;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
            self.pos - start
        }

        /// Reads an object (leading whitespace, braces and all), keeping the named fields: the
        /// text decoded into `text`.
        fn object(&mut self, fields: &Fields, text: &mut Vec<u8>) -> Option<Found> {
            let mut found = Found::default();
            self.skip_whitespace();
            self.eat(b'{')?;
            loop {
                // `{}` has no text field, so an object without a first key is no loss.
                self.skip_whitespace();
                let key = self.key()?;
                self.skip_whitespace();
                self.eat(b':')?;
                self.skip_whitespace();
                match Key::of(key, fields) {
                    Key::Text => {
                        text.clear();
                        self.string_into(text)?;
                        found.text = true;
                    }
                    Key::Id => found.id = self.string_or_null()?,
                    Key::Date => found.date = self.string_or_null()?,
                    Key::Other => self.skip_value()?,
                }
                self.skip_whitespace();
                match self.peek()? {
                    b',' => self.pos += 1,
                    b'}' => {
                        self.pos += 1;
                        return Some(found);
                    }
                    _ => return None,
                }
            }
        }

        /// A key without escapes, borrowed from the line.
        fn key(&mut self) -> Option<&'a str> {
            self.eat(b'"')?;
            let (key, stop) = self.plain_run()?;
            if stop != b'"' {
                return None;
            }
            self.pos += 1;
            Some(key)
        }

        /// The value of an id or date: a string, or `None` for `null`. Other values are
        /// rendered by `serde_json`, so they are left to it.
        fn string_or_null(&mut self) -> Option<Option<String>> {
            if self.eat_word("null").is_some() {
                return Some(None);
            }
            self.string_value().map(Some)
        }

        /// Any value but an object or array, checked and dropped.
        fn skip_value(&mut self) -> Option<()> {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    self.string_body()
                }
                b't' => self.eat_word("true"),
                b'f' => self.eat_word("false"),
                b'n' => self.eat_word("null"),
                b'-' | b'0'..=b'9' => self.number(),
                _ => None,
            }
        }

        /// A number in JSON's grammar, small enough that `serde_json` surely reads it (see
        /// [`MAX_INTEGER_DIGITS`]).
        fn number(&mut self) -> Option<()> {
            let _ = self.eat(b'-');
            let first = self.peek();
            let integer = self.digits();
            if integer == 0 || integer > MAX_INTEGER_DIGITS || (integer > 1 && first == Some(b'0'))
            {
                return None;
            }
            if self.eat(b'.').is_some() && self.digits() == 0 {
                return None;
            }
            if matches!(self.peek(), Some(b'e' | b'E')) {
                self.pos += 1;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.pos += 1;
                }
                let exponent = self.digits();
                if exponent == 0 || exponent > MAX_EXPONENT_DIGITS {
                    return None;
                }
            }
            Some(())
        }

        /// A string value, decoded. A string without escapes (most ids and dates) is copied
        /// once into an allocation of its size; one with escapes gets room for the rest of the
        /// line, which is at least its decoded length, so it is never reallocated, and its
        /// rest is read in one pass by [`Cursor::rest_into`].
        fn string_value(&mut self) -> Option<String> {
            self.eat(b'"')?;
            let (run, stop) = self.plain_run()?;
            if stop == b'"' {
                self.pos += 1;
                return Some(run.to_owned());
            }
            let mut value =
                Vec::with_capacity(run.len() + self.line.len() - self.pos + utf8::COPY_ROOM);
            value.extend_from_slice(run.as_bytes());
            self.rest_into(&mut value)?;
            // SAFETY: `run` is a `str`, and `rest_into`, which answered `Some`, appended valid
            // UTF-8.
            Some(unsafe { String::from_utf8_unchecked(value) })
        }

        /// A string value (a text), decoded and appended to `out` by [`Cursor::rest_into`] from
        /// its opening quote on: a text is long, and most have escapes, which that one pass
        /// reads best. The bytes appended are valid UTF-8.
        fn string_into(&mut self, out: &mut Vec<u8>) -> Option<()> {
            self.eat(b'"')?;
            self.rest_into(out)
        }

        /// The rest of a string from the cursor up to and over its closing quote, decoded and
        /// appended to `out` in one pass by [`utf8::copy_json_string`]; the bytes appended are
        /// valid UTF-8. It reserves room for the rest of the line, so `out` is reallocated at
        /// most once.
        fn rest_into(&mut self, out: &mut Vec<u8>) -> Option<()> {
            let line = self.line;
            self.pos = utf8::copy_json_string(line, self.pos, out, |at| {
                // The escapes of one character (`\n`, `\"` above all) here, in the scan's
                // loop; a `\u` through a call.
                if let Some(c) = line.get(at).copied().and_then(short_escape) {
                    return Some((c, at + 1));
                }
                let mut escape = Cursor { line, pos: at };
                let c = escape.escape()?;
                Some((c, escape.pos))
            })?;
            // `copy_json_string`, which answered `Some`, appended valid UTF-8: the bytes it
            // checks as `valid_until_string_stop` does, and the characters of the escapes.
            Some(())
        }

        /// The rest of a string after its opening quote, up to and over the closing one,
        /// checked and dropped. A raw control byte, an unknown escape or a surrogate escape
        /// that is not half of a pair ends the fast path.
        fn string_body(&mut self) -> Option<()> {
            loop {
                let (_, stop) = self.plain_run()?;
                self.pos += 1;
                match stop {
                    b'"' => return Some(()),
                    b'\\' => {
                        self.escape()?;
                    }
                    _ => return None,
                }
            }
        }

        /// The run of plain string bytes from the cursor up to the next quote, backslash or
        /// control byte, and that byte; the cursor moves onto it. `None` if the string does
        /// not end or the run is not valid UTF-8.
        ///
        /// Inlined where it is called, into the loop of [`Cursor::string_body`], which calls
        /// it once per escape: a call and its return cost a fifth of what the runs' scans
        /// cost (callgrind, 5 MB corpus).
        #[inline(always)]
        fn plain_run(&mut self) -> Option<(&'a str, u8)> {
            if let Some(&byte) = self.line.get(self.pos) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    // An empty run, as between the two escapes of `\n\n` or before a closing
                    // quote: found without the scan's setting up.
                    return Some(("", byte));
                }
            }
            // A short run of ASCII (a key, an id, a date) is found in a few steps, with
            // nothing to validate.
            if let Some(stop) = utf8::short_ascii_stop(self.line, self.pos) {
                let run = &self.line[self.pos..stop];
                // SAFETY: `short_ascii_stop` gives a stop only after bytes that are all ASCII,
                // which is valid UTF-8.
                let run = unsafe { std::str::from_utf8_unchecked(run) };
                self.pos = stop;
                return Some((run, self.line[stop]));
            }
            let stop = utf8::valid_until_string_stop(self.line, self.pos)?;
            let run = &self.line[self.pos..stop];
            // SAFETY: `valid_until_string_stop` gives a stop only when the bytes from `self.pos`
            // up to it are valid UTF-8, with the answer `std::str::from_utf8` gives (the tests
            // of `utf8` hold it to that on arbitrary bytes). Checking again would cost the
            // second pass over every string that the fused scan is there to save.
            let run = unsafe { std::str::from_utf8_unchecked(run) };
            self.pos = stop;
            Some((run, self.line[stop]))
        }

        /// The character of the escape after a backslash.
        fn escape(&mut self) -> Option<char> {
            let byte = self.peek()?;
            self.pos += 1;
            if byte == b'u' {
                return self.unicode_escape();
            }
            short_escape(byte)
        }

        /// The character of a `\uXXXX` escape (its `\u` already read), or of a surrogate
        /// pair. A surrogate on its own is an error to `serde_json`, so `None`.
        fn unicode_escape(&mut self) -> Option<char> {
            let first = self.hex4()?;
            if !(0xD800..0xDC00).contains(&first) {
                // `from_u32` refuses a trailing surrogate.
                return char::from_u32(first);
            }
            self.eat(b'\\')?;
            self.eat(b'u')?;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return None;
            }
            char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        }

        /// Four hex digits, either case.
        fn hex4(&mut self) -> Option<u32> {
            let digits = self.bytes().get(self.pos..self.pos + 4)?;
            let mut value = 0;
            for &d in digits {
                value = value * 16 + char::from(d).to_digit(16)?;
            }
            self.pos += 4;
            Some(value)
        }
    }
}

/// The stream of units from a list of inputs, in input order.
pub struct Units {
    inputs: std::vec::IntoIter<Input>,
    /// Directory walk in progress.
    walk: Option<Walk>,
    /// JSON Lines file being read.
    lines: Option<LineReader>,
    /// Live input being read on its own thread.
    live: Option<Live>,
    /// The most bytes one document may have.
    max_doc_bytes: u64,
    /// Buffers of documents already tagged, for the next JSON lines to be read into
    /// ([`Units::recycle`]).
    spare: Vec<Vec<u8>>,
}

/// The most buffers [`Units::recycle`] keeps.
pub const SPARE_BUFFERS: usize = 512;

/// The largest buffer, in bytes of room, that [`Units::recycle`] keeps: more than most news
/// articles take.
pub const SPARE_ROOM: usize = 16 << 10;

struct LineReader {
    source: Arc<Path>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
}

/// What [`Units::next_until`] found.
#[derive(Debug)]
pub enum Next {
    /// The next unit.
    Unit(Unit),
    /// No unit came from a live input by the deadline; the input goes on.
    Pending,
    /// Every input is read.
    End,
}

/// What reading one line of JSON Lines gave.
enum LineRead {
    /// A unit; more lines may follow.
    Unit(Unit),
    /// A unit after which nothing more can be read (a read error).
    Last(Unit),
    /// The input ended.
    End,
}

impl Units {
    /// Units of `inputs`, read lazily, each document at most [`DEFAULT_MAX_DOC_BYTES`].
    pub fn new(inputs: Vec<Input>) -> Units {
        Units {
            inputs: inputs.into_iter(),
            walk: None,
            lines: None,
            live: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            spare: Vec::new(),
        }
    }

    /// Keeps `buffers`, the bytes of documents that are done with (a document's text, as
    /// [`String::into_bytes`] gives it), for the JSON lines read next: a line is read into one
    /// of them rather than into a new allocation. Their content does not matter.
    ///
    /// A pipeline that reads on one thread and tags on others frees each line's buffer on
    /// the thread that tagged it, where the allocator takes it back from the reading thread's
    /// heap; handed back to the reader, the buffers go round instead. At most
    /// [`SPARE_BUFFERS`] buffers of at most [`SPARE_ROOM`] bytes each are kept (8 MB); the
    /// others are dropped.
    pub fn recycle(&mut self, buffers: impl IntoIterator<Item = Vec<u8>>) {
        for buffer in buffers {
            if self.spare.len() == SPARE_BUFFERS {
                break;
            }
            if buffer.capacity() <= SPARE_ROOM && buffer.capacity() > 0 {
                self.spare.push(buffer);
            }
        }
    }

    /// Sets the most bytes one document may have (a text file's content after
    /// decompression, a JSON line, standard input's text). A longer document is a unit that
    /// fails to load, with [`ErrorKind::TooLarge`], and no more than `bytes` of it are ever
    /// held in memory.
    pub fn max_doc_bytes(mut self, bytes: u64) -> Units {
        self.max_doc_bytes = bytes;
        self
    }

    fn next_line(&mut self) -> Option<Unit> {
        let lr = self.lines.as_mut()?;
        match read_unit(
            &lr.source,
            &mut *lr.reader,
            (&mut lr.line, &mut self.spare),
            self.max_doc_bytes,
        ) {
            LineRead::Unit(unit) => Some(unit),
            LineRead::Last(unit) => {
                self.lines = None;
                Some(unit)
            }
            LineRead::End => {
                self.lines = None;
                None
            }
        }
    }

    fn next_walked(&mut self) -> Option<Unit> {
        let walk = self.walk.as_mut()?;
        let found = match walk.next() {
            Some(Ok(found)) => found,
            Some(Err(e)) => return Some(Unit::Failed(e)),
            None => {
                self.walk = None;
                return None;
            }
        };
        let doc_id = path_id(found.path.strip_prefix(walk.root()).unwrap_or(&found.path));
        if let Some(unit) = self.file_unit(found.path, doc_id, Some(found.size)) {
            return Some(unit);
        }
        self.next_line()
    }

    /// The unit of a text file, or `None` after opening a JSON Lines file, whose lines
    /// [`Units::next_line`] then yields (or, when it is no regular file, the live input's
    /// thread).
    fn file_unit(&mut self, path: PathBuf, doc_id: String, size: Option<u64>) -> Option<Unit> {
        if is_jsonl(&path) && size.is_none() {
            let max_doc_bytes = self.max_doc_bytes;
            self.live = Some(Live::start(&path.clone(), move |send| {
                let source = Arc::from(path.as_path());
                match open_raw(&path) {
                    Ok(raw) => live_lines(source, raw, max_doc_bytes, send),
                    Err(e) => {
                        let _ = send.send(vec![Unit::Failed(e.with_path(&path))]);
                    }
                }
            }));
            None
        } else if is_jsonl(&path) {
            match open_lines(&path) {
                Ok(reader) => {
                    self.lines = Some(LineReader {
                        source: Arc::from(path.as_path()),
                        reader,
                        line: 0,
                    });
                    None
                }
                Err(e) => Some(Unit::Failed(e.with_path(&path))),
            }
        } else {
            Some(Unit::TextFile {
                path,
                doc_id,
                size,
                max_bytes: self.max_doc_bytes,
            })
        }
    }

    fn start_input(&mut self, input: Input) -> Option<Unit> {
        match input {
            Input::Stdin => {
                // Even the first bytes are read on the live input's thread: until they come,
                // the batch before them may be written.
                let max_doc_bytes = self.max_doc_bytes;
                self.live = Some(Live::start(Path::new(STDIN_NAME), move |send| {
                    let unit = match read_stdin(max_doc_bytes) {
                        Ok(StdinInput::Text(bytes)) => Unit::Text {
                            doc_id: STDIN_NAME.into(),
                            bytes,
                        },
                        Ok(StdinInput::Lines(raw)) => {
                            let source = Arc::from(Path::new(STDIN_NAME));
                            return live_lines(source, raw, max_doc_bytes, send);
                        }
                        Err(e) => Unit::Failed(e.with_path(STDIN_NAME)),
                    };
                    let _ = send.send(vec![unit]);
                }));
                None
            }
            Input::Path(path) => {
                let meta = match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return Some(Unit::Failed(Error::from(e).with_path(&path))),
                };
                if meta.is_dir() {
                    match Walk::new(path, &meta, is_corpus_file) {
                        Ok(walk) => self.walk = Some(walk),
                        Err(e) => return Some(Unit::Failed(e)),
                    }
                    return None;
                }
                // A file named on the command line is read whatever it is: a FIFO or device
                // named there is meant to be read, as standard input is (and, for JSON Lines,
                // as live input).
                let doc_id = path_id(path.file_name().map_or(path.as_os_str(), |n| n).as_ref());
                let size = meta.is_file().then_some(meta.len());
                self.file_unit(path, doc_id, size)
            }
        }
    }
}

/// Checks that every path among `inputs` names something, before any is read: a mistyped
/// path is a mistake in the command, better said at once than after a long run.
pub fn check_inputs(inputs: &[Input]) -> Result<()> {
    for input in inputs {
        if let Input::Path(path) = input {
            fs::metadata(path).map_err(|e| Error::from(e).with_path(path))?;
        }
    }
    Ok(())
}

impl Units {
    /// The next unit, as [`Iterator::next`] gives it, except that a live input (standard
    /// input, a named pipe) is waited for only until `deadline` (`None`: as long as it takes):
    /// [`Next::Pending`] when no unit came by then. Files are read as they are asked for,
    /// whatever the deadline: they never pause.
    pub fn next_until(&mut self, deadline: Option<Instant>) -> Next {
        loop {
            if self.lines.is_some() {
                if let Some(u) = self.next_line() {
                    return Next::Unit(u);
                }
                continue;
            }
            if self.walk.is_some() {
                if let Some(u) = self.next_walked() {
                    return Next::Unit(u);
                }
                continue;
            }
            if let Some(live) = &mut self.live {
                match live.next(deadline) {
                    Next::End => self.live = None,
                    next => return next,
                }
                continue;
            }
            let Some(input) = self.inputs.next() else {
                return Next::End;
            };
            if let Some(u) = self.start_input(input) {
                return Next::Unit(u);
            }
        }
    }
}

impl Iterator for Units {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        match self.next_until(None) {
            Next::Unit(u) => Some(u),
            Next::End => None,
            Next::Pending => unreachable!("with no deadline, a live input is waited for"),
        }
    }
}

/// Units of a live input handed over at once, at most: what its thread has read by the time
/// it must wait for more input, or this many.
const LIVE_CHUNK_UNITS: usize = 64;

/// Bytes of units handed over at once, at most (a longer line goes alone).
const LIVE_CHUNK_BYTES: usize = 64 << 10;

/// Chunks of units a live input's thread may read ahead of the pipeline: with the chunk in
/// hand and the one being read, a bound on the memory it holds.
const LIVE_CHUNKS_AHEAD: usize = 2;

/// A live input, read on a thread of its own that hands over its units in chunks.
struct Live {
    chunks: Receiver<Vec<Unit>>,
    chunk: std::vec::IntoIter<Unit>,
}

impl Live {
    /// Starts the thread `read`, which sends the units of `source`, in order, until it ends.
    fn start(source: &Path, read: impl FnOnce(&SyncSender<Vec<Unit>>) + Send + 'static) -> Live {
        let (send, chunks) = mpsc::sync_channel(LIVE_CHUNKS_AHEAD);
        let spawned = std::thread::Builder::new()
            .name("navne-input".into())
            .spawn({
                let send = send.clone();
                move || read(&send)
            });
        if let Err(e) = spawned {
            // No thread to read on: the input is reported unread, as a failed open would be.
            let _ = send.send(vec![Unit::Failed(Error::from(e).with_path(source))]);
        }
        Live {
            chunks,
            chunk: Vec::new().into_iter(),
        }
    }

    /// The next unit, waiting for it until `deadline` (or as long as it takes).
    fn next(&mut self, deadline: Option<Instant>) -> Next {
        loop {
            if let Some(unit) = self.chunk.next() {
                return Next::Unit(unit);
            }
            let chunk = match deadline {
                None => self
                    .chunks
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
                Some(at) => self
                    .chunks
                    .recv_timeout(at.saturating_duration_since(Instant::now())),
            };
            match chunk {
                Ok(chunk) => self.chunk = chunk.into_iter(),
                Err(RecvTimeoutError::Timeout) => return Next::Pending,
                // The thread is done: it sent every unit first.
                Err(RecvTimeoutError::Disconnected) => return Next::End,
            }
        }
    }
}

/// The units read and not yet handed over by a live input's thread.
#[derive(Default)]
struct Chunk {
    units: Vec<Unit>,
    bytes: usize,
}

/// Hands the units read so far to the pipeline before each read of the input, which may wait
/// for the producer: a line is never held back while its reader waits for the next.
struct HandOverFirst {
    inner: Box<dyn Read + Send>,
    pending: Rc<RefCell<Chunk>>,
    send: SyncSender<Vec<Unit>>,
    /// Nobody takes the units any more: read no more.
    closed: bool,
}

impl HandOverFirst {
    fn hand_over(&mut self) {
        let chunk = std::mem::take(&mut *self.pending.borrow_mut());
        if !chunk.units.is_empty() && self.send.send(chunk.units).is_err() {
            self.closed = true;
        }
    }
}

impl Read for HandOverFirst {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.hand_over();
        if self.closed {
            return Ok(0);
        }
        self.inner.read(buf)
    }
}

/// The thread of a live JSON Lines input: reads the lines of `raw` into units, as
/// [`Units::next_line`] does, and sends them in chunks, each before a read that may wait.
fn live_lines(
    source: Arc<Path>,
    raw: Box<dyn Read + Send>,
    max_doc_bytes: u64,
    send: &SyncSender<Vec<Unit>>,
) {
    let pending = Rc::new(RefCell::new(Chunk::default()));
    let mut reader = BufReader::with_capacity(
        1 << 16,
        HandOverFirst {
            inner: raw,
            pending: pending.clone(),
            send: send.clone(),
            closed: false,
        },
    );
    let mut line = 0;
    loop {
        let lines = (&mut line, &mut Vec::new());
        let (unit, last) = match read_unit(&source, &mut reader, lines, max_doc_bytes) {
            LineRead::Unit(unit) => (unit, false),
            LineRead::Last(unit) => (unit, true),
            LineRead::End => break,
        };
        let full = {
            let mut chunk = pending.borrow_mut();
            chunk.bytes = chunk.bytes.saturating_add(unit.size_hint());
            chunk.units.push(unit);
            chunk.units.len() >= LIVE_CHUNK_UNITS || chunk.bytes >= LIVE_CHUNK_BYTES
        };
        if full {
            reader.get_mut().hand_over();
        }
        if last || reader.get_ref().closed {
            break;
        }
    }
    reader.get_mut().hand_over();
}

/// Reads the next line of `reader`, line number `line` + 1 of `source`, into a unit: the
/// line, or the failure of a line over `max_doc_bytes` or of the read. Blank lines are no
/// units: they are passed over.
fn read_unit(
    source: &Arc<Path>,
    reader: &mut dyn BufRead,
    (line, spare): (&mut u64, &mut Vec<Vec<u8>>),
    max_doc_bytes: u64,
) -> LineRead {
    // Room for the longest line allowed and its line end; more is read but not kept.
    let room = usize::try_from(max_doc_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(2);
    // A spare buffer if there is one ([`Units::recycle`]), emptied; it goes on to the next
    // line when this one is blank.
    let mut buf = spare.pop().unwrap_or_default();
    loop {
        buf.clear();
        *line += 1;
        match read_line_into(reader, &mut buf, room) {
            Ok(0) => return LineRead::End,
            Ok(read) => {
                let dropped = read > buf.len();
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                }
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                if dropped || buf.len() as u64 > max_doc_bytes {
                    let err = Error::new(ErrorKind::TooLarge {
                        limit: max_doc_bytes,
                    });
                    return LineRead::Unit(Unit::Failed(err.with_path(&**source).with_line(*line)));
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return LineRead::Unit(Unit::JsonLine {
                    source: source.clone(),
                    line: *line,
                    bytes: buf,
                });
            }
            Err(e) => {
                // A truncated .gz or a read error: the rest of the file is lost. Report it
                // once, with the line where reading stopped, and go on with the next input.
                let err = Error::from(e).with_path(&**source).with_line(*line);
                return LineRead::Last(Unit::Failed(err));
            }
        }
    }
}

/// `reader.read_until(b'\n', buf)`, with the newline found by [`newline_in`] instead of the
/// standard library's word-at-a-time search, and with `buf` kept to `room` bytes: the bytes
/// up to and with the next newline (or to the end) appended to `buf` as far as they fit in
/// `room`, the rest consumed and dropped, and the number of bytes read (more than were kept
/// when some were dropped); an interrupted read is retried, any other error returned with
/// what was read so far left in `buf`.
fn read_line_into(reader: &mut dyn BufRead, buf: &mut Vec<u8>, room: usize) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (done, used) = match newline_in(available) {
            Some(at) => (true, at + 1),
            None => (false, available.len()),
        };
        let kept = used.min(room.saturating_sub(buf.len()));
        buf.extend_from_slice(&available[..kept]);
        reader.consume(used);
        read += used;
        if done || used == 0 {
            return Ok(read);
        }
    }
}

/// The index of the first newline in `bytes`, found by `memchr`, which tests 32 bytes per
/// instruction with AVX2 where the processor has it: about half the instructions of a loop of
/// SSE2 compares over blocks of 32 (callgrind, 5 MB corpus).
fn newline_in(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

/// The bytes of `path`, gunzipped if it is a `.gz`, unbuffered: for a live input's thread,
/// which buffers them itself.
fn open_raw(path: &Path) -> Result<Box<dyn Read + Send>> {
    let file = File::open(path)?;
    Ok(if is_gz(path) {
        Box::new(Members::new(BufReader::with_capacity(1 << 16, file)))
    } else {
        Box::new(file)
    })
}

fn open_lines(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    Ok(if is_gz(path) {
        let members = Members::new(BufReader::with_capacity(1 << 16, file));
        Box::new(BufReader::with_capacity(1 << 16, members))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    })
}

enum StdinInput {
    Text(Vec<u8>),
    /// JSON Lines: the bytes of standard input from the start, unbuffered.
    Lines(Box<dyn Read + Send>),
}

/// Looks at standard input's first non-blank byte after an optional byte-order mark: `{`
/// means JSON Lines, read lazily; anything else is one text document of at most `max_bytes`.
fn read_stdin(max_bytes: u64) -> Result<StdinInput> {
    let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
    let mut head = Vec::new();
    let json = loop {
        if let Some(json) = starts_json(&head) {
            break json;
        }
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break false;
        }
        head.extend_from_slice(buf);
        let used = buf.len();
        reader.consume(used);
        if head.len() as u64 > max_bytes {
            // Blanks all the way: no document, but no end to them either.
            return Err(Error::new(ErrorKind::TooLarge { limit: max_bytes }));
        }
    };
    if json {
        let chained = io::Cursor::new(head).chain(reader);
        return Ok(StdinInput::Lines(Box::new(chained)));
    }
    let rest = max_bytes.saturating_sub(head.len() as u64);
    read_capped(reader, &mut head, rest).map_err(|e| match e.kind() {
        // Too large for what was left: say so for the whole.
        ErrorKind::TooLarge { .. } => Error::new(ErrorKind::TooLarge { limit: max_bytes }),
        _ => e,
    })?;
    Ok(StdinInput::Text(head))
}

/// Whether input beginning with `head` is JSON Lines (its first non-blank byte after an
/// optional byte-order mark is `{`), or `None` while `head` holds only blanks or part of a
/// byte-order mark.
fn starts_json(head: &[u8]) -> Option<bool> {
    if head.len() < BOM.len() && BOM.starts_with(head) {
        return None;
    }
    let rest = head.strip_prefix(BOM).unwrap_or(head);
    let first = rest.iter().find(|b| !b.is_ascii_whitespace())?;
    Some(*first == b'{')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Files of any size are read whole, one after another on one thread: nothing of a file
    /// read before shows in the next, and after a file bigger than the read buffer the buffer
    /// is back to its usual room.
    #[test]
    fn text_files_are_read_whole_whatever_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let room = READ_BUFFER_ROOM;
        let sizes = [
            10_000,
            0,
            1,
            room - 1,
            room,
            room + 1,
            3 * room,
            17,
            2 * room,
            5,
        ];
        for (n, size) in sizes.into_iter().enumerate() {
            let path = dir.path().join(format!("{n}.txt"));
            let body: Vec<u8> = (0..size).map(|i| b'a' + ((i + n) % 26) as u8).collect();
            fs::write(&path, &body).unwrap();
            let read = read_file(&path, None, u64::MAX).unwrap();
            assert!(read == body, "size {size}: {} bytes read", read.len());
            let kept = READ_BUFFER.with_borrow(Vec::capacity);
            assert!(
                kept <= room,
                "size {size}: the buffer keeps {kept} bytes of room"
            );
        }
        let missing = read_file(&dir.path().join("missing.txt"), None, u64::MAX).unwrap_err();
        assert!(
            matches!(missing.kind(), ErrorKind::Io(e) if e.kind() == io::ErrorKind::NotFound),
            "{missing}"
        );
    }

    /// Lines are read into the buffers handed back by [`Units::recycle`], whatever those
    /// held before, and come out as they are in the file; at most [`SPARE_BUFFERS`] buffers
    /// of at most [`SPARE_ROOM`] bytes are kept.
    #[test]
    fn recycled_buffers_take_the_next_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let lines: Vec<String> = (0..40)
            .map(|i| format!(r#"{{"text": "{}"}}"#, "x".repeat(i * 7 % 50)))
            .collect();
        fs::write(&path, lines.join("\n\n") + "\n").unwrap();
        let mut units = Units::new(vec![Input::Path(path)]);
        // Buffers full of other bytes, with room for any of the lines (at most 62 bytes).
        let dirty: Vec<Vec<u8>> = (0..10).map(|i| vec![b'#'; 64 + 30 * i]).collect();
        let at: Vec<*const u8> = dirty.iter().map(|b| b.as_ptr()).collect();
        units.recycle(dirty);
        // Every unit is kept, so that no two buffers share an address.
        let read: Vec<Unit> = units.by_ref().collect();
        assert_eq!(read.len(), lines.len());
        let mut reused = 0;
        for (i, unit) in read.iter().enumerate() {
            let Unit::JsonLine { bytes, line, .. } = unit else {
                panic!("{unit:?}");
            };
            assert_eq!(bytes, lines[i].as_bytes(), "line {line}");
            assert_eq!(*line, 2 * i as u64 + 1);
            reused += usize::from(at.contains(&bytes.as_ptr()));
        }
        assert_eq!(reused, 10);
        units.recycle((0..2 * SPARE_BUFFERS).map(|_| Vec::with_capacity(100)));
        units.recycle([Vec::with_capacity(SPARE_ROOM + 1)]);
        assert_eq!(units.spare.len(), SPARE_BUFFERS);
        assert!(units.spare.iter().all(|b| b.capacity() <= SPARE_ROOM));
    }

    /// A directory is walked depth first in path order, into subdirectories and through
    /// links to files and directories, as `fs::metadata` sees them; files that are no corpus
    /// files are passed over, and a link that leads nowhere is reported.
    #[cfg(unix)]
    #[test]
    fn a_walk_follows_directories_and_links() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (dir.path().join("root"), dir.path().join("elsewhere"));
        for d in [&root.join("2024/01"), &root.join("2024/02"), &elsewhere] {
            fs::create_dir_all(d).unwrap();
        }
        for (rel, text) in [
            ("root/2024/01/a.txt", "a"),
            ("root/2024/01/b.txt", "b"),
            ("root/2024/01/notes.md", "n"),
            ("root/2024/02/c.txt", "c"),
            ("root/z.txt", "z"),
            ("elsewhere/d.txt", "d"),
            ("elsewhere/e.txt", "e"),
        ] {
            fs::write(dir.path().join(rel), text).unwrap();
        }
        symlink(&elsewhere, root.join("2024/03")).unwrap();
        symlink(elsewhere.join("e.txt"), root.join("2024/e-link.txt")).unwrap();
        symlink(dir.path().join("gone.txt"), root.join("2024/gone.txt")).unwrap();
        let fields = Fields::default();
        let walked: Vec<String> = Units::new(vec![Input::Path(root)])
            .map(|u| match u.load(&fields) {
                Ok(doc) => format!("{} {}", doc.id, doc.text),
                Err(e) => match e.kind() {
                    ErrorKind::Io(io) => format!("error {:?}", io.kind()),
                    other => format!("error {other}"),
                },
            })
            .collect();
        let want = [
            "2024/01/a.txt a",
            "2024/01/b.txt b",
            "2024/02/c.txt c",
            "2024/03/d.txt d",
            "2024/03/e.txt e",
            "2024/e-link.txt e",
            "error NotFound",
            "z.txt z",
        ];
        assert_eq!(walked, want);
    }

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
    fn parsed_with(line: &[u8], fields: &Fields) -> std::result::Result<Document, String> {
        parse_json_line(line.to_vec(), fields, Path::new("f.jsonl"), 7).map_err(|e| e.to_string())
    }

    fn reference_with(line: &[u8], fields: &Fields) -> std::result::Result<Document, String> {
        parse_through_value(line, fields, Path::new("f.jsonl"), 7).map_err(|e| e.to_string())
    }

    fn doc(id: &str, date: Option<&str>, text: &str) -> std::result::Result<Document, String> {
        Ok(Document::plain(
            id.into(),
            date.map(String::from),
            text.into(),
        ))
    }

    fn bad(message: &str) -> std::result::Result<Document, String> {
        Err(format!("bad JSON line: {message}"))
    }

    #[test]
    fn json_line_cases() {
        let cases: Vec<(&[u8], std::result::Result<Document, String>)> = vec![
            (br#"{"id": "a", "text": "T", "date": "2020-01"}"#, doc("a", Some("2020-01"), "T")),
            (br#"{"text": "T"}"#, doc("f.jsonl:7", None, "T")),
            (br#"  {"text":"T","x":{"y":[1,2,{"z":null}]},"w":-1.5e3} "#, doc("f.jsonl:7", None, "T")),
            // escapes in the text, including a surrogate pair
            (
                br#"{"text": "a\"b\\c\n\t\/\u00e6\ud83d\ude00"}"#,
                doc("f.jsonl:7", None, "a\"b\\c\n\t/æ😀"),
            ),
            // an escaped key still names the field
            (br#"{"te\u0078t": "T"}"#, doc("f.jsonl:7", None, "T")),
            // id and date that are not strings are rendered as JSON
            (br#"{"id": 17, "text": "T"}"#, doc("17", None, "T")),
            (br#"{"id": -3, "text": "T"}"#, doc("-3", None, "T")),
            // numbers keep their digits as written, past 2^64 too
            (br#"{"id": 2.50, "text": "T"}"#, doc("2.50", None, "T")),
            // (an exponent as `e+`/`e-`: the one thing `arbitrary_precision` writes its way)
            (br#"{"id": 1e2, "text": "T"}"#, doc("1e+2", None, "T")),
            (br#"{"id": 1.5E-3, "text": "T"}"#, doc("1.5e-3", None, "T")),
            (br#"{"id": -0, "text": "T"}"#, doc("-0", None, "T")),
            (br#"{"id": 18446744073709551616, "text": "T"}"#, doc("18446744073709551616", None, "T")),
            (br#"{"id": 18446744073709551617, "text": "T"}"#, doc("18446744073709551617", None, "T")),
            (br#"{"id": -9223372036854775809, "text": "T"}"#, doc("-9223372036854775809", None, "T")),
            (br#"{"id": 1e400, "text": "T"}"#, doc("1e+400", None, "T")),
            (br#"{"id": true, "text": "T"}"#, doc("true", None, "T")),
            (br#"{"id": {"b": 1, "a": [2, "x"]}, "text": "T"}"#, doc(r#"{"a":[2,"x"],"b":1}"#, None, "T")),
            // dates: a real month or day, or none
            (br#"{"id": "a", "date": 202001, "text": "T"}"#, Err("bad date 202001: not a string".into())),
            (br#"{"id": "a", "date": "foo", "text": "T"}"#, Err(r#"bad date "foo": not YYYY-MM or YYYY-MM-DD"#.into())),
            (br#"{"id": "a", "date": "2022-02-30", "text": "T"}"#, Err(r#"bad date "2022-02-30": 2022-02 has days 01 to 28"#.into())),
            (br#"{"id": "a", "date": "2024-02-29", "text": "T"}"#, doc("a", Some("2024-02-29"), "T")),
            (br#"{"id": "a", "date": "", "text": "T"}"#, doc("a", None, "T")),
            (br#"{"id": "a", "date": ["2020-01"], "text": "T"}"#, Err(r#"bad date ["2020-01"]: not a string"#.into())),
            // a byte-order mark before the line
            (b"\xEF\xBB\xBF{\"text\": \"T\"}", doc("f.jsonl:7", None, "T")),
            (br#"{"id": null, "date": null, "text": "T"}"#, doc("f.jsonl:7", None, "T")),
            // duplicate keys: the last one counts, for every field
            (br#"{"text": 1, "id": "a", "text": "T", "id": "b"}"#, doc("b", None, "T")),
            (br#"{"text": "T", "text": 1}"#, bad(r#"field "text" is not a string"#)),
            (br#"{"date": "2020", "text": "T", "date": null}"#, doc("f.jsonl:7", None, "T")),
            // errors
            (br#"{"id": "a"}"#, bad(r#"no "text" field"#)),
            (br#"{"text": null}"#, bad(r#"field "text" is not a string"#)),
            (br#"{"text": ["T"]}"#, bad(r#"field "text" is not a string"#)),
            (br#"["text", "T"]"#, bad("not a JSON object")),
            (br#""text""#, bad("not a JSON object")),
            (b"17", bad("not a JSON object")),
            (b"null", bad("not a JSON object")),
            (br#"{"text": "T"} x"#, bad("trailing characters at line 1 column 15")),
            (br#"{"text": "T"}{}"#, bad("trailing characters at line 1 column 14")),
            (br#"{"text": "T", "id": 1,}"#, bad("trailing comma at line 1 column 23")),
            (br#"{"text": "T""#, bad("EOF while parsing an object at line 1 column 12")),
            (br#"{"text": "T", "x": [1, 2"#, bad("EOF while parsing a list at line 1 column 24")),
            (br#"[1, 2"#, bad("EOF while parsing a list at line 1 column 5")),
            // any number is read, however large
            (br#"{"text": "T", "x": 1e400}"#, doc("f.jsonl:7", None, "T")),
            (br#"{"text": "T", "x": "\ud800"}"#, bad("unexpected end of hex escape at line 1 column 27")),
            (br#"{"text": "T", "x": "\q"}"#, bad("invalid escape at line 1 column 22")),
            (b"{\"text\": \"T\", \"x\": \"a\tb\"}", bad("control character (\\u0000-\\u001F) found while parsing a string at line 1 column 22")),
            (b"{\"text\": \"\xc3\x28\"}", Err("not valid UTF-8".into())),
            (b"{\"text\": \"T\"} \xff", Err("not valid UTF-8".into())),
        ];
        let fields = Fields::default();
        for (line, expected) in cases {
            let shown = String::from_utf8_lossy(line);
            assert_eq!(parsed_with(line, &fields), expected, "{shown}");
            assert_eq!(reference_with(line, &fields), expected, "{shown}");
        }
    }

    #[test]
    fn deep_nesting_hits_the_same_limit() {
        for depth in [126, 127, 128, 200] {
            let skipped = format!(
                r#"{{"text": "T", "x": {}{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            );
            let fields = Fields::default();
            assert_eq!(
                parsed_with(skipped.as_bytes(), &fields),
                reference_with(skipped.as_bytes(), &fields),
                "depth {depth}"
            );
        }
    }

    #[test]
    fn renamed_and_shared_field_names() {
        let line = br#"{"body": "T", "key": 5, "when": "2020-01", "text": 1}"#;
        let renamed = Fields {
            id: "key".into(),
            text: "body".into(),
            date: "when".into(),
        };
        assert_eq!(parsed_with(line, &renamed), doc("5", Some("2020-01"), "T"));
        // One name for several fields: text takes it first, then id, as a lookup that removes
        // the field from the map would.
        let shared = [
            ("body", "body", "when"),
            ("key", "body", "key"),
            ("body", "body", "body"),
        ];
        for (id, text, date) in shared {
            let fields = Fields {
                id: id.into(),
                text: text.into(),
                date: date.into(),
            };
            assert_eq!(parsed_with(line, &fields), reference_with(line, &fields));
        }
    }

    /// What the fast path makes of `line`: the text, id and date it reads, or `None` when it
    /// leaves the line to `serde_json`. Whenever it reads a line, `serde_json` must read the
    /// same.
    fn fast_read(line: &str) -> Option<(String, Option<String>, Option<String>)> {
        let fields = Fields::default();
        let fast = plain_json::read_line(line.as_bytes(), &fields)?;
        let serde = read_with_serde(line, &fields).map_err(|e| e.to_string());
        assert_eq!(Ok(&fast), serde.as_ref(), "{line}");
        Some((fast.text, fast.id, fast.date))
    }

    /// The fields the fast path should read.
    fn taken(
        text: &str,
        id: Option<&str>,
        date: Option<&str>,
    ) -> Option<(String, Option<String>, Option<String>)> {
        Some((text.into(), id.map(String::from), date.map(String::from)))
    }

    #[test]
    fn fast_path_cases() {
        let cases = vec![
            (
                r#"{"id": "a", "text": "T", "date": "2020-01"}"#,
                taken("T", Some("a"), Some("2020-01")),
            ),
            (" \t{\"text\":\"T\"}\r\n ", taken("T", None, None)),
            (
                r#"{"text": "T", "id": null, "date": null}"#,
                taken("T", None, None),
            ),
            (
                r#"{"text": "Æble, ø og å"}"#,
                taken("Æble, ø og å", None, None),
            ),
            // every escape, a surrogate pair and hex digits in both cases
            (
                r#"{"text": "a\"b\\c\/d\be\ff\ng\rh\ti\u00e6\u00C6\u0000\ud83d\uDE00"}"#,
                taken(
                    "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti\u{e6}\u{c6}\u{0}\u{1f600}",
                    None,
                    None,
                ),
            ),
            // escapes on both sides of a 16-byte block and of an 8-byte word
            (
                r#"{"text": "0123456789abcde\n0123456\t0123456789abcdef\"", "id": "0123456789abcdef01"}"#,
                taken(
                    "0123456789abcde\n0123456\t0123456789abcdef\"",
                    Some("0123456789abcdef01"),
                    None,
                ),
            ),
            // other fields are checked and dropped
            (
                r#"{"n": -0.5e-3, "m": 0, "k": 123456789012345678, "e": 1E+99, "b": true, "f": false, "z": null, "s": "x\ny", "text": "T"}"#,
                taken("T", None, None),
            ),
            // duplicate keys: the last one counts
            (
                r#"{"text": "A", "id": "a", "text": "B", "id": null}"#,
                taken("B", None, None),
            ),
            (
                r#"{"date": null, "text": "T", "date": "d"}"#,
                taken("T", None, Some("d")),
            ),
            // left to serde_json: it names the key, renders the value, or words the error
            (r#"{"te\u0078t": "T"}"#, None),
            (r#"{"id": 17, "text": "T"}"#, None),
            (r#"{"date": true, "text": "T"}"#, None),
            (r#"{"text": "T", "x": [1]}"#, None),
            (r#"{"text": "T", "x": {}}"#, None),
            (r#"{"text": null}"#, None),
            (r#"{"text": null, "text": "T"}"#, None),
            (r#"{"id": "a"}"#, None),
            ("{}", None),
            (r#"{"text": "T", "x": 1e400}"#, None),
            (r#"{"text": "T", "x": 1e100}"#, None),
            (r#"{"text": "T", "x": 1234567890123456789}"#, None),
            (r#"{"text": "T", "x": 01}"#, None),
            (r#"{"text": "T", "x": -}"#, None),
            (r#"{"text": "T", "x": 1.}"#, None),
            (r#"{"text": "T", "x": .5}"#, None),
            (r#"{"text": "T", "x": 1e}"#, None),
            (r#"{"text": "T", "x": nul}"#, None),
            (r#"{"text": "T", "x": truex}"#, None),
            (r#"{"text": "T", "x": "\ud800"}"#, None),
            (r#"{"text": "T", "x": "\ud800\u0041"}"#, None),
            (r#"{"text": "T", "x": "\udc00"}"#, None),
            (r#"{"text": "T", "x": "\u12"}"#, None),
            (r#"{"text": "T", "x": "\q"}"#, None),
            ("{\"text\": \"a\tb\"}", None),
            ("{\"text\": \"T\", \"x\u{1f}\": 1}", None),
            ("{\"text\": \"T\"}\u{a0}", None),
            (r#"{"text": "T",}"#, None),
            (r#"{"text": "T"} x"#, None),
            (r#"{"text": "T"}{}"#, None),
            (r#"{"text": "T""#, None),
            (r#"{"text": "T"#, None),
            (r#"{"text" "T"}"#, None),
            (r#"["text", "T"]"#, None),
        ];
        for (line, expected) in cases {
            assert_eq!(fast_read(line), expected, "{line}");
        }
    }

    /// A reader that hands out `data` a few bytes at a time, so that lines span its buffer,
    /// and fails with `error` (once, then goes on) when it reaches `fail_at`.
    struct Trickle {
        data: Vec<u8>,
        pos: usize,
        step: usize,
        fail_at: Option<(usize, io::ErrorKind)>,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if let Some((at, kind)) = self.fail_at {
                if self.pos >= at {
                    self.fail_at = None;
                    return Err(io::Error::new(kind, "planned"));
                }
            }
            let end = (self.pos + self.step)
                .min(self.data.len())
                .min(self.pos + out.len());
            let end = self
                .fail_at
                .map_or(end, |(at, _)| end.min(at.max(self.pos + 1)));
            let n = end.saturating_sub(self.pos);
            out[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    /// The lines `read_until` and [`read_line_into`] read from `data`, each call's result and
    /// buffer, until the input ends or fails.
    fn lines_read(
        data: &[u8],
        step: usize,
        capacity: usize,
        fail_at: Option<(usize, io::ErrorKind)>,
        ours: bool,
    ) -> Vec<(std::result::Result<usize, io::ErrorKind>, Vec<u8>)> {
        let trickle = Trickle {
            data: data.to_vec(),
            pos: 0,
            step,
            fail_at,
        };
        let mut reader = BufReader::with_capacity(capacity, trickle);
        let mut calls = Vec::new();
        loop {
            let mut buf = Vec::new();
            let got = if ours {
                read_line_into(&mut reader, &mut buf, usize::MAX)
            } else {
                reader.read_until(b'\n', &mut buf)
            };
            let got = got.map_err(|e| e.kind());
            let end =
                matches!(got, Ok(0) | Err(_)) && !matches!(got, Err(io::ErrorKind::Interrupted));
            calls.push((got, buf));
            if end || calls.len() > data.len() + 4 {
                return calls;
            }
        }
    }

    #[test]
    fn newline_in_finds_the_first_newline_anywhere() {
        for len in 0..100 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'\n';
                assert_eq!(newline_in(&bytes), Some(at));
                bytes[len - 1] = b'\n';
                assert_eq!(newline_in(&bytes), Some(at));
            }
            assert_eq!(newline_in(&vec![0x8a; len]), None);
        }
    }

    #[test]
    fn lines_that_are_not_utf8_are_never_read_fast() {
        let fields = Fields::default();
        let lines: [&[u8]; 6] = [
            b"{\"text\": \"\xC3\"}",
            b"{\"text\": \"T\", \"x\": \"\xED\xA0\x80\"}",
            b"{\"te\xFFxt\": \"T\", \"text\": \"T\"}",
            b"{\"text\": \"T\"}\xC3",
            b"{\"text\": \"T\xE2\x82\"}",
            b"\xEF\xBB\xBF{\"text\": \"T\"}",
        ];
        for line in lines {
            assert!(plain_json::read_line(line, &fields).is_none(), "{line:x?}");
            assert_eq!(parsed_with(line, &fields), reference_with(line, &fields));
        }
        assert_eq!(
            parsed_with(lines[0], &fields),
            Err("not valid UTF-8".to_string())
        );
    }

    /// JSON text with the three field names and their rivals, mostly well formed but not
    /// always: pieces of objects, arrays, scalars and escapes in any order.
    fn json_ish() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            " ",
            "\"text\"",
            "\"id\"",
            "\"date\"",
            "\"x\"",
            "\"te\\u0078t\"",
            "\"T\"",
            "\"a\\\"b\"",
            "\"\\n\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud800\"",
            "17",
            "-0.5",
            "1e400",
            "18446744073709551616",
            "true",
            "null",
            "\"æ\"",
        ]);
        prop::collection::vec(piece, 0..16).prop_map(|p| p.concat().into_bytes())
    }

    /// A JSON value, written out with some spaces.
    fn json_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| format!("{n:e}")),
            ".{0,8}".prop_map(|s| Value::String(s).to_string()),
            Just(r#""\u00e6\n\"""#.to_string()),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec((key(), inner), 0..4).prop_map(|kv| object(&kv)),
            ]
        })
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["text", "id", "date", "x", "te\\u0078t", "y"])
            .prop_map(String::from)
    }

    fn object(entries: &[(String, String)]) -> String {
        let inner: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        format!("{{{}}}", inner.join(", "))
    }

    /// A JSON string literal made of pieces: plain text and every escape, now and then a
    /// broken escape, a lone surrogate, a raw control character or any character at all (a
    /// raw quote or backslash among them).
    fn rough_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            20 => "[a-zæøå ]{0,20}",
            6 => prop::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u00e6", r"\u00C6",
                r"\u0000", r"\u001f", r"\ud83d\ude00", r"\uD83D\uDE00", "\u{7f}", "\u{80}",
            ])
            .prop_map(String::from),
            1 => prop::sample::select(vec![
                r"\ud800", r"\udc00", r"\ud800\u0041", r"\ud800\n", r"\ud800\ud800", r"\u12",
                r"\u12g4", r"\q", r"\", r"\U0041", "\t", "\n", "\u{1}",
            ])
            .prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    /// Number-like text: JSON's grammar, sometimes beyond the fast path's limits or out of
    /// `f64`'s range, and near misses (leading zeros, missing digits).
    fn rough_number() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?",
            1 => "-?[0-9]{0,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,2})?",
            1 => "-?[1-9][0-9]{300,320}",
        ]
    }

    /// Any value, well formed or not, nested or not.
    fn rough_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            6 => rough_string(),
            3 => rough_number(),
            2 => prop::sample::select(vec!["null", "true", "false"]).prop_map(String::from),
            1 => prop::sample::select(vec!["nul", "tru", "True", "NaN", ""]).prop_map(String::from),
        ];
        let nested = leaf.clone().prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((rough_key(), inner), 0..3).prop_map(|kv| {
                    let entries: Vec<String> = kv.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{{}}}", entries.join(","))
                }),
            ]
        });
        prop_oneof![6 => leaf, 1 => nested]
    }

    /// A key: mostly the field names, sometimes spelled with an escape or as any string.
    fn rough_key() -> impl Strategy<Value = String> {
        prop_oneof![
            12 => prop::sample::select(vec!["\"text\"", "\"id\"", "\"date\"", "\"x\"", "\"æ\"", "\"\""])
                .prop_map(String::from),
            1 => Just("\"te\\u0078t\"".to_string()),
            1 => rough_string(),
        ]
    }

    /// What may stand between tokens: mostly JSON's whitespace, now and then some that is not.
    fn gap() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            30 => prop::sample::select(vec!["", "", " ", "\t", "\n", "\r", "  "]),
            1 => prop::sample::select(vec!["\u{a0}", "\u{c}", ",", ":"]),
        ]
    }

    /// An object with rough keys and values, gaps between all tokens and, usually, a text.
    fn rough_object() -> impl Strategy<Value = String> {
        let entry = (gap(), rough_key(), gap(), gap(), rough_value(), gap())
            .prop_map(|(a, k, b, c, v, d)| format!("{a}{k}{b}:{c}{v}{d}"));
        let text = proptest::option::weighted(0.9, (any::<prop::sample::Index>(), rough_string()));
        (
            gap(),
            prop::collection::vec(entry, 0..5),
            text,
            gap(),
            prop::bool::weighted(0.05),
        )
            .prop_map(|(before, mut entries, text, after, trailing_comma)| {
                if let Some((at, text)) = text {
                    entries.insert(at.index(entries.len() + 1), format!("\"text\":{text}"));
                }
                let comma = if trailing_comma { "," } else { "" };
                format!("{before}{{{}{comma}}}{after}", entries.join(","))
            })
    }

    /// A string literal the fast path reads: any text, with valid escapes of every kind.
    fn plain_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => "[^\"\\\\\\x00-\\x1f]{0,24}",
            1 => prop::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u00e6",
                r"\u00C6", r"\u0000", r"\ud83d\ude00",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    /// An object of the subset the fast path reads: plain keys, a string text, ids and dates
    /// that are strings or null, and other fields of any scalar within its limits.
    fn plain_object() -> impl Strategy<Value = String> {
        let string_or_null = prop_oneof![3 => plain_string(), 1 => Just("null".to_string())];
        let scalar = prop_oneof![
            2 => plain_string(),
            2 => "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,2})?",
            1 => prop::sample::select(vec!["null", "true", "false"]).prop_map(String::from),
        ];
        let named = prop_oneof![
            plain_string().prop_map(|v| ("\"text\"".to_string(), v)),
            string_or_null
                .clone()
                .prop_map(|v| ("\"id\"".to_string(), v)),
            string_or_null.prop_map(|v| ("\"date\"".to_string(), v)),
        ];
        let other = (
            prop::sample::select(vec!["\"x\"", "\"æ\"", "\"\"", "\"tekst\""]),
            scalar,
        )
            .prop_map(|(k, v)| (k.to_string(), v));
        let ws = prop::sample::select(vec!["", " ", "\t", "\n", "\r"]);
        (
            plain_string(),
            any::<prop::sample::Index>(),
            prop::collection::vec(prop_oneof![named, other], 0..6),
            ws,
        )
            .prop_map(|(text, at, mut entries, ws)| {
                // A text somewhere, so that the line has one whatever the duplicates say.
                entries.insert(at.index(entries.len() + 1), ("\"text\"".to_string(), text));
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{ws}{k}{ws}:{ws}{v}{ws}"))
                    .collect();
                format!("{ws}{{{}}}{ws}", entries.join(","))
            })
    }

    proptest! {
        #[test]
        fn agrees_with_the_value_parse_on_objects(
            entries in prop::collection::vec((key(), json_value()), 0..6),
            text in proptest::option::of(".{0,12}"),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let mut entries = entries;
            if let Some(text) = text {
                entries.push(("text".into(), Value::String(text).to_string()));
            }
            let mut line = object(&entries).into_bytes();
            if let Some(cut) = cut {
                line.truncate(cut.index(line.len() + 1));
            }
            let fields = Fields::default();
            prop_assert_eq!(parsed_with(&line, &fields), reference_with(&line, &fields));
        }

        #[test]
        fn agrees_with_the_value_parse_on_fragments(line in json_ish()) {
            let fields = Fields::default();
            prop_assert_eq!(parsed_with(&line, &fields), reference_with(&line, &fields));
        }

        #[test]
        fn agrees_with_the_value_parse_on_any_bytes(line in prop::collection::vec(any::<u8>(), 0..24)) {
            let fields = Fields::default();
            prop_assert_eq!(parsed_with(&line, &fields), reference_with(&line, &fields));
        }

        #[test]
        fn fast_path_takes_plain_objects(line in plain_object()) {
            let fields = Fields::default();
            let fast = plain_json::read_line(line.as_bytes(), &fields);
            prop_assert!(fast.is_some(), "left to serde_json: {}", line);
            let serde = read_with_serde(&line, &fields).map_err(|e| e.to_string());
            prop_assert_eq!(Ok(fast.unwrap()), serde);
        }

        #[test]
        fn reads_lines_as_read_until_does(
            pieces in prop::collection::vec(
                prop::sample::select(vec![&b"\n"[..], b"\r\n", b"a", b"abcdefghijklmnopqrstuvwxyz0123456789", b"\xc3\xa6", b"\x8a", b" "]),
                0..40,
            ),
            step in 1usize..50,
            capacity in 1usize..70,
            fail in proptest::option::of((any::<prop::sample::Index>(), prop::sample::select(vec![io::ErrorKind::Interrupted, io::ErrorKind::UnexpectedEof]))),
        ) {
            let data = pieces.concat();
            let fail_at = fail.map(|(at, kind)| (at.index(data.len() + 1), kind));
            prop_assert_eq!(
                lines_read(&data, step, capacity, fail_at, true),
                lines_read(&data, step, capacity, fail_at, false)
            );
        }

        #[test]
        fn newline_in_agrees_with_a_byte_search(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', b'\n', b'\r', 0x8a, 0x0b]), 0..120),
        ) {
            prop_assert_eq!(newline_in(&bytes), bytes.iter().position(|&b| b == b'\n'));
        }
    }

    proptest! {
        // Most lines are broken somewhere; enough cases that the rarer slips (an out-of-range
        // number or a broken nested value in an otherwise clean line) come up.
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn fast_path_never_differs_from_serde(
            line in rough_object(),
            cut in proptest::option::weighted(0.1, any::<prop::sample::Index>()),
            garbage in proptest::option::weighted(0.1, (any::<prop::sample::Index>(), any::<char>())),
        ) {
            let mut line = line;
            if let Some((at, c)) = garbage {
                let at = at.index(line.len() + 1);
                if line.is_char_boundary(at) {
                    line.insert(at, c);
                }
            }
            if let Some(cut) = cut {
                let mut at = cut.index(line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.truncate(at);
            }
            let fields = Fields::default();
            let fast = plain_json::read_line(line.as_bytes(), &fields);
            let serde = read_with_serde(&line, &fields).map_err(|e| e.to_string());
            if let Some(fast) = fast {
                prop_assert_eq!(Ok(fast), serde);
            }
            prop_assert_eq!(parsed_with(line.as_bytes(), &fields), reference_with(line.as_bytes(), &fields));
        }
    }
}
