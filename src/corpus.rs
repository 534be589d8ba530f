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

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};

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

/// A piece of input that becomes at most one document.
#[derive(Debug)]
pub enum Unit {
    /// A `.txt` or `.txt.gz` file, read when the unit is loaded.
    TextFile {
        /// Where the file is.
        path: PathBuf,
        /// Its doc id: the path relative to the input argument it was found under.
        doc_id: String,
        /// Its size on disk.
        size: u64,
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
    /// Approximate size in bytes, for sizing chunks.
    pub fn size_hint(&self) -> usize {
        match self {
            Unit::TextFile { .. } => 4096,
            Unit::Text { bytes, .. } | Unit::JsonLine { bytes, .. } => bytes.len(),
            Unit::Failed(_) => 0,
        }
    }

    /// Bytes of input the unit stands for (file size, or line length with its newline), for
    /// progress reporting.
    pub fn input_bytes(&self) -> u64 {
        match self {
            Unit::TextFile { size, .. } => *size,
            Unit::Text { bytes, .. } => bytes.len() as u64,
            Unit::JsonLine { bytes, .. } => bytes.len() as u64 + 1,
            Unit::Failed(_) => 0,
        }
    }

    /// Reads, decodes and parses the unit into a document.
    pub fn load(self, fields: &Fields) -> Result<Document> {
        match self {
            Unit::TextFile { path, doc_id, .. } => {
                let bytes = read_file(&path).map_err(|e| e.with_path(&path))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::new(ErrorKind::InvalidUtf8).with_path(&path))?;
                Ok(Document::from_article(doc_id, text))
            }
            Unit::Text { doc_id, bytes } => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::new(ErrorKind::InvalidUtf8).with_path(STDIN_NAME))?;
                Ok(Document::from_article(doc_id, text))
            }
            Unit::JsonLine {
                source,
                line,
                bytes,
            } => parse_json_line(&bytes, fields, &source, line)
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

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let file = File::open(path)?;
    if is_gz(path) {
        MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        BufReader::new(file).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Parses one JSON line into a document, reading the three named fields straight off the
/// parser: no map is built and other fields are parsed (the line must be valid JSON) but not
/// kept. Errors are those of `serde_json::from_str::<Value>` followed by a lookup in the map.
fn parse_json_line(bytes: &[u8], fields: &Fields, source: &Path, line: u64) -> Result<Document> {
    let json_err = |m: String| Error::new(ErrorKind::Json(m));
    let text = std::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8))?;
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
    let scalar = |v: Option<Value>| match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    let id = scalar(found.id).unwrap_or_else(|| format!("{}:{}", source.display(), line));
    let date = scalar(found.date);
    Ok(Document::plain(id, date, text))
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
        Ok(if key == self.0.text {
            Key::Text
        } else if key == self.0.id {
            Key::Id
        } else if key == self.0.date {
            Key::Date
        } else {
            Key::Other
        })
    }
}

/// Any JSON value, parsed in full and dropped. Unlike [`de::IgnoredAny`], which `serde_json`
/// skips with a lighter scan, this goes through the parser a `Value` goes through, so a line
/// is rejected for the same reasons (numbers out of range, lone surrogates in escapes,
/// nesting deeper than the recursion limit).
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

/// The stream of units from a list of inputs, in input order.
pub struct Units {
    inputs: std::vec::IntoIter<Input>,
    /// Directory walk in progress: stack of sorted, not yet visited entries (reversed), and the
    /// root the doc ids are relative to.
    walk: Option<(PathBuf, Vec<Vec<PathBuf>>)>,
    /// JSON Lines file being read.
    lines: Option<LineReader>,
}

struct LineReader {
    source: Arc<Path>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
}

impl Units {
    /// Units of `inputs`, read lazily.
    pub fn new(inputs: Vec<Input>) -> Units {
        Units {
            inputs: inputs.into_iter(),
            walk: None,
            lines: None,
        }
    }

    fn next_line(&mut self) -> Option<Unit> {
        let lr = self.lines.as_mut()?;
        loop {
            let mut buf = Vec::new();
            lr.line += 1;
            match lr.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(_) => {
                    if buf.last() == Some(&b'\n') {
                        buf.pop();
                    }
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Unit::JsonLine {
                        source: lr.source.clone(),
                        line: lr.line,
                        bytes: buf,
                    });
                }
                Err(e) => {
                    // A truncated .gz or a read error: the rest of the file is lost. Report it
                    // once, with the line where reading stopped, and go on with the next input.
                    let err = Error::from(e).with_path(&*lr.source).with_line(lr.line);
                    self.lines = None;
                    return Some(Unit::Failed(err));
                }
            }
        }
    }

    fn next_walked(&mut self) -> Option<Unit> {
        loop {
            let (root, stack) = self.walk.as_mut()?;
            let Some(top) = stack.last_mut() else {
                self.walk = None;
                return None;
            };
            let Some(path) = top.pop() else {
                stack.pop();
                continue;
            };
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => return Some(Unit::Failed(Error::from(e).with_path(&path))),
            };
            if meta.is_dir() {
                match sorted_dir(&path) {
                    Ok(entries) => stack.push(entries),
                    Err(e) => return Some(Unit::Failed(e.with_path(&path))),
                }
                continue;
            }
            if !is_corpus_file(&path) {
                continue;
            }
            let rel = path
                .strip_prefix(&*root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            if let Some(unit) = self.file_unit(path, rel, meta.len()) {
                return Some(unit);
            }
            return self.next_line();
        }
    }

    /// The unit of a text file, or `None` after opening a JSON Lines file, whose lines
    /// [`Units::next_line`] then yields.
    fn file_unit(&mut self, path: PathBuf, doc_id: String, size: u64) -> Option<Unit> {
        if is_jsonl(&path) {
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
            Some(Unit::TextFile { path, doc_id, size })
        }
    }

    fn start_input(&mut self, input: Input) -> Option<Unit> {
        match input {
            Input::Stdin => match read_stdin() {
                Ok(StdinInput::Text(bytes)) => Some(Unit::Text {
                    doc_id: STDIN_NAME.into(),
                    bytes,
                }),
                Ok(StdinInput::Lines(reader)) => {
                    self.lines = Some(LineReader {
                        source: Arc::from(Path::new(STDIN_NAME)),
                        reader,
                        line: 0,
                    });
                    None
                }
                Err(e) => Some(Unit::Failed(e.with_path(STDIN_NAME))),
            },
            Input::Path(path) => {
                let meta = match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return Some(Unit::Failed(Error::from(e).with_path(&path))),
                };
                if meta.is_dir() {
                    match sorted_dir(&path) {
                        Ok(entries) => self.walk = Some((path, vec![entries])),
                        Err(e) => return Some(Unit::Failed(e.with_path(&path))),
                    }
                    return None;
                }
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let doc_id = name.unwrap_or_else(|| path.to_string_lossy().into_owned());
                self.file_unit(path, doc_id, meta.len())
            }
        }
    }
}

impl Iterator for Units {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if self.lines.is_some() {
                if let Some(u) = self.next_line() {
                    return Some(u);
                }
                continue;
            }
            if self.walk.is_some() {
                if let Some(u) = self.next_walked() {
                    return Some(u);
                }
                continue;
            }
            let input = self.inputs.next()?;
            if let Some(u) = self.start_input(input) {
                return Some(u);
            }
        }
    }
}

/// The entries of `dir`, sorted by name and reversed (so `pop` yields them in order).
fn sorted_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    entries.reverse();
    Ok(entries)
}

fn open_lines(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    Ok(if is_gz(path) {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    })
}

enum StdinInput {
    Text(Vec<u8>),
    Lines(Box<dyn BufRead + Send>),
}

/// Looks at standard input's first non-blank byte: `{` means JSON Lines, read lazily;
/// anything else is one text document.
fn read_stdin() -> Result<StdinInput> {
    let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
    let mut head = Vec::new();
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(StdinInput::Text(head));
        }
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let json = blank < buf.len() && buf[blank] == b'{';
        let done = blank < buf.len();
        head.extend_from_slice(&buf[..blank]);
        reader.consume(blank);
        if done {
            if json {
                let chained = io::Cursor::new(head).chain(reader);
                return Ok(StdinInput::Lines(Box::new(BufReader::new(chained))));
            }
            reader.read_to_end(&mut head)?;
            return Ok(StdinInput::Text(head));
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The parse by way of a whole `Value`, which `parse_json_line` must agree with exactly.
    fn parse_through_value(
        bytes: &[u8],
        fields: &Fields,
        source: &Path,
        line: u64,
    ) -> Result<Document> {
        let json_err = |m: String| Error::new(ErrorKind::Json(m));
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
        let date = scalar(obj.remove(&fields.date));
        Ok(Document::plain(id, date, text))
    }

    /// The document, or the error message, for `line` read with `fields`.
    fn parsed_with(line: &[u8], fields: &Fields) -> std::result::Result<Document, String> {
        parse_json_line(line, fields, Path::new("f.jsonl"), 7).map_err(|e| e.to_string())
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
            (br#"{"id": 2.50, "text": "T"}"#, doc("2.5", None, "T")),
            (br#"{"id": 1e2, "text": "T"}"#, doc("100.0", None, "T")),
            (br#"{"id": true, "text": "T"}"#, doc("true", None, "T")),
            (br#"{"id": {"b": 1, "a": [2, "x"]}, "text": "T"}"#, doc(r#"{"a":[2,"x"],"b":1}"#, None, "T")),
            (br#"{"id": "a", "date": 202001, "text": "T"}"#, doc("a", Some("202001"), "T")),
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
            (br#"{"text": "T", "x": 1e400}"#, bad("number out of range at line 1 column 24")),
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
    }
}
