//! Gold-standard files: sentences with annotated PER/LOC/ORG spans.
//!
//! Two layouts are read, decided line by line:
//!
//! * **UD / Universal NER** (`.iob2`): blocks separated by a blank line, `# sent_id = …` and
//!   `# text = …` comments, then tab-separated token lines `index  token  tag  …`. A line is
//!   read this way when it holds a tab, has at least three tab-separated columns and its first
//!   column is an integer index.
//! * **CoNLL-2003**: whitespace-separated `token … tag` lines, the token first and the tag last;
//!   `-DOCSTART-` lines are ignored.
//!
//! Tags are `O`, `B-X` or `I-X`, in IOB2 or IOB1: `B-X` always starts a span, and `I-X`
//! continues a span of label `X` or starts one after `O` or another label.
//!
//! Gold spans are code-point offsets into the sentence text. With `# text`, each token is found
//! in the text from the end of the one before; only whitespace may stand between two tokens
//! (none at all is fine: `Danmark.`). Without `# text`, the text is the tokens joined by single
//! spaces. A sentence is named by its `# sent_id`, or `FILE:LINE` of the first line of its block.
//!
//! Labels other than PER, LOC and ORG (`MISC`, …) are kept apart in [`Sentence::ignored`].
//! Anything malformed — a tag that is not `O`/`B-X`/`I-X`, a token that is not next in
//! `# text`, a token line with too few columns, bytes that are not UTF-8 — is an error naming
//! `file:line`; no line is skipped silently.

use std::fs;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;

/// One gold span with a label navne predicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Start, in code points from the start of the sentence text.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The span's label.
    pub label: Label,
}

/// One gold span whose label navne does not predict (`MISC`, …); it is not scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherSpan {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The label as written in the gold file, without `B-`/`I-`.
    pub label: String,
}

/// One gold sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// `# sent_id`, or `FILE:LINE` of the block's first line.
    pub id: String,
    /// The sentence text: `# text`, or the tokens joined by single spaces.
    pub text: String,
    /// 1-based line of the block's first line.
    pub line: u64,
    /// The PER/LOC/ORG spans, in text order.
    pub spans: Vec<Span>,
    /// Spans of other labels, in text order; counted as ignored, never scored.
    pub ignored: Vec<OtherSpan>,
}

/// Reads the gold file at `path`.
pub fn read_gold(path: &Path) -> Result<Vec<Sentence>> {
    let bytes = fs::read(path).map_err(|e| Error::from(e).with_path(path))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..bad].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            return Err(Error::new(ErrorKind::InvalidUtf8).with_path(path).with_line(line));
        }
    };
    parse_gold(&text, path)
}

/// Parses gold data held in memory; `path` names it in sentence ids and errors.
pub fn parse_gold(text: &str, path: &Path) -> Result<Vec<Sentence>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sentences = Vec::new();
    let mut block = Block::default();
    for (i, raw) in text.split('\n').enumerate() {
        let n = i as u64 + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let err = |msg: String| Error::gold(msg).with_path(path).with_line(n);
        if line.trim().is_empty() {
            if let Some(s) = block.finish(path)? {
                sentences.push(s);
            }
            continue;
        }
        if block.start == 0 {
            block.start = n;
        }
        match classify(line).map_err(err)? {
            Line::Comment(Some(Comment::SentId(id))) => {
                if block.id.is_some() {
                    return Err(err("a second `# sent_id` in one sentence".into()));
                }
                block.id = Some(id.to_string());
            }
            Line::Comment(Some(Comment::Text(t))) => {
                if block.text.is_some() {
                    return Err(err("a second `# text` in one sentence".into()));
                }
                block.text = Some((t.to_string(), n));
            }
            Line::Comment(None) | Line::DocStart => {}
            Line::Token { token, tag } => block.tokens.push((n, token.to_string(), tag)),
        }
    }
    if let Some(s) = block.finish(path)? {
        sentences.push(s);
    }
    Ok(sentences)
}

/// A parsed IOB tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    /// Outside any span.
    O,
    /// `B-X`: starts a span of label X.
    Begin(String),
    /// `I-X`: continues a span of label X (or starts one after `O` or another label).
    Inside(String),
}

impl Tag {
    /// Parses `O`, `B-X` or `I-X`, where X is any non-empty label.
    pub fn parse(s: &str) -> std::result::Result<Tag, String> {
        let bad = || format!("tag {s:?} is not O, B-X or I-X");
        if s == "O" {
            return Ok(Tag::O);
        }
        let (kind, label) = s.split_at_checked(2).ok_or_else(bad)?;
        if label.is_empty() || label.chars().any(char::is_whitespace) {
            return Err(bad());
        }
        match kind {
            "B-" => Ok(Tag::Begin(label.to_string())),
            "I-" => Ok(Tag::Inside(label.to_string())),
            _ => Err(bad()),
        }
    }
}

enum Comment<'a> {
    SentId(&'a str),
    Text(&'a str),
}

enum Line<'a> {
    /// A `#` line; `Some` for the two comments that matter.
    Comment(Option<Comment<'a>>),
    DocStart,
    Token { token: &'a str, tag: Tag },
}

/// What one non-blank line is.
fn classify(line: &str) -> std::result::Result<Line<'_>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let indexed = cols[0].trim().parse::<u64>().is_ok();
    if line.contains('\t') && indexed && cols.len() >= 3 {
        let token = cols[1];
        if token.is_empty() {
            return Err("empty token in column 2".into());
        }
        return Ok(Line::Token { token, tag: Tag::parse(cols[2].trim())? });
    }
    if line.contains('\t') && indexed && !line.starts_with('#') {
        return Err(format!(
            "{} tab-separated column(s); expected at least 3 (index, token, tag)",
            cols.len()
        ));
    }
    if let Some(rest) = line.strip_prefix('#') {
        if !is_hash_token_line(line) {
            return Ok(Line::Comment(comment(rest)));
        }
    }
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields[0] == "-DOCSTART-" {
        return Ok(Line::DocStart);
    }
    if fields.len() < 2 {
        return Err(format!(
            "token line {line:?} has {} column; expected at least 2 (token … tag)",
            fields.len()
        ));
    }
    let tag = Tag::parse(fields[fields.len() - 1])?;
    Ok(Line::Token { token: fields[0], tag })
}

/// Whether a line starting with `#` is a CoNLL token line for the token `#` (`# NN O`) rather
/// than a comment: its first whitespace field is exactly `#`, it has no `=`, and its last
/// field is a tag.
fn is_hash_token_line(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    fields.len() >= 2
        && fields[0] == "#"
        && !line.contains('=')
        && Tag::parse(fields[fields.len() - 1]).is_ok()
}

/// `# sent_id = …` or `# text = …` (`rest` is what follows the `#`).
fn comment(rest: &str) -> Option<Comment<'_>> {
    let rest = rest.trim_start();
    let (key, value) = rest.split_once('=')?;
    let value = value.strip_prefix(' ').unwrap_or(value);
    match key.trim_end() {
        "sent_id" => Some(Comment::SentId(value.trim())),
        "text" => Some(Comment::Text(value)),
        _ => None,
    }
}

/// The lines of one sentence seen so far.
#[derive(Default)]
struct Block {
    /// Line of the block's first line; 0 before it.
    start: u64,
    id: Option<String>,
    /// `# text` and its line.
    text: Option<(String, u64)>,
    /// (line, token, tag)
    tokens: Vec<(u64, String, Tag)>,
}

impl Block {
    /// Turns the block into a sentence and resets it; `None` for a block without token lines
    /// (`-DOCSTART-`, document comments).
    fn finish(&mut self, path: &Path) -> Result<Option<Sentence>> {
        let block = std::mem::take(self);
        if block.tokens.is_empty() {
            if let Some((_, line)) = block.text {
                return Err(Error::gold("`# text` without token lines")
                    .with_path(path)
                    .with_line(line));
            }
            return Ok(None);
        }
        let id = block.id.unwrap_or_else(|| format!("{}:{}", path.display(), block.start));
        let (text, offsets) = match block.text {
            Some((text, _)) => {
                let offsets = locate_tokens(&text, &block.tokens).map_err(|(line, msg)| {
                    Error::gold(format!("{msg} (sentence {id})")).with_path(path).with_line(line)
                })?;
                (text, offsets)
            }
            None => join_tokens(&block.tokens),
        };
        let mut spans = Vec::new();
        let mut ignored = Vec::new();
        // The open span: (start, end, label).
        let mut open: Option<(usize, usize, String)> = None;
        let mut close = |open: &mut Option<(usize, usize, String)>| {
            if let Some((start, end, label)) = open.take() {
                match scored_label(&label) {
                    Some(label) => spans.push(Span { start, end, label }),
                    None => ignored.push(OtherSpan { start, end, label }),
                }
            }
        };
        for ((_, _, tag), &(start, end)) in block.tokens.iter().zip(&offsets) {
            match tag {
                Tag::O => close(&mut open),
                Tag::Inside(l) if open.as_ref().is_some_and(|o| &o.2 == l) => {
                    open.as_mut().expect("checked").1 = end;
                }
                Tag::Begin(l) | Tag::Inside(l) => {
                    close(&mut open);
                    open = Some((start, end, l.clone()));
                }
            }
        }
        close(&mut open);
        Ok(Some(Sentence { id, text, line: block.start, spans, ignored }))
    }
}

/// The scored label written exactly `PER`, `LOC` or `ORG`; any other label is ignored.
fn scored_label(label: &str) -> Option<Label> {
    Label::ALL.into_iter().find(|l| l.as_str() == label)
}

/// Code-point offsets of each token in `text`: each token must follow the previous one with
/// nothing but whitespace (or nothing) between them. Errors carry the token's line.
fn locate_tokens(
    text: &str,
    tokens: &[(u64, String, Tag)],
) -> std::result::Result<Vec<(usize, usize)>, (u64, String)> {
    let mut offsets = Vec::with_capacity(tokens.len());
    let mut byte = 0;
    let mut chars = 0;
    for (line, token, _) in tokens {
        let rest = &text[byte..];
        let skipped = rest.len() - rest.trim_start().len();
        if !rest[skipped..].starts_with(token.as_str()) {
            let found = rest.find(token.as_str());
            let at = chars + rest[..skipped].chars().count();
            let msg = match found {
                None => format!("token {token:?} not found in `# text` after offset {at}"),
                Some(b) => format!(
                    "token {token:?} is not next in `# text` at offset {at}: {:?} comes first",
                    &rest[skipped..b]
                ),
            };
            return Err((*line, msg));
        }
        let start = chars + rest[..skipped].chars().count();
        let end = start + token.chars().count();
        offsets.push((start, end));
        byte += skipped + token.len();
        chars = end;
    }
    Ok(offsets)
}

/// The tokens joined by single spaces, and each token's code-point offsets.
fn join_tokens(tokens: &[(u64, String, Tag)]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(tokens.len());
    let mut chars = 0;
    for (i, (_, token, _)) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
            chars += 1;
        }
        text.push_str(token);
        let n = token.chars().count();
        offsets.push((chars, chars + n));
        chars += n;
    }
    (text, offsets)
}

/// The code points `start..end` of `text`.
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut idx = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let b0 = idx.nth(start).unwrap_or(text.len());
    let b1 = if end > start { idx.nth(end - start - 1).unwrap_or(text.len()) } else { b0 };
    &text[b0..b1]
}
