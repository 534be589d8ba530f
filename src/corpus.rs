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

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
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

fn parse_json_line(bytes: &[u8], fields: &Fields, source: &Path, line: u64) -> Result<Document> {
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
    let id =
        scalar(obj.remove(&fields.id)).unwrap_or_else(|| format!("{}:{}", source.display(), line));
    let date = scalar(obj.remove(&fields.date));
    Ok(Document::plain(id, date, text))
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
