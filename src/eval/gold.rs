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
            return Err(Error::new(ErrorKind::InvalidUtf8)
                .with_path(path)
                .with_line(line));
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
    /// Parses `O`, `B-X` or `I-X`, where the label X starts with a letter and holds letters,
    /// digits, `_`, `-` and `.`.
    pub fn parse(s: &str) -> std::result::Result<Tag, String> {
        let bad = || format!("tag {s:?} is not O, B-X or I-X");
        if s == "O" {
            return Ok(Tag::O);
        }
        let (kind, label) = s.split_at_checked(2).ok_or_else(bad)?;
        let ok = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
        if !label.starts_with(char::is_alphabetic) || !label.chars().all(ok) {
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
    Token {
        token: &'a str,
        tag: Tag,
    },
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
        return Ok(Line::Token {
            token,
            tag: Tag::parse(cols[2].trim())?,
        });
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
    Ok(Line::Token {
        token: fields[0],
        tag,
    })
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
        let id = block
            .id
            .unwrap_or_else(|| format!("{}:{}", path.display(), block.start));
        let (text, offsets) = match block.text {
            Some((text, _)) => {
                let offsets = locate_tokens(&text, &block.tokens).map_err(|(line, msg)| {
                    Error::gold(format!("{msg} (sentence {id})"))
                        .with_path(path)
                        .with_line(line)
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
        Ok(Some(Sentence {
            id,
            text,
            line: block.start,
            spans,
            ignored,
        }))
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
    let mut idx = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let b0 = idx.nth(start).unwrap_or(text.len());
    let b1 = if end > start {
        idx.nth(end - start - 1).unwrap_or(text.len())
    } else {
        b0
    };
    &text[b0..b1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Sentence>> {
        parse_gold(text, Path::new("g.iob2"))
    }

    /// The (text, label) of each scored span.
    fn spans(s: &Sentence) -> Vec<(&str, Label)> {
        s.spans
            .iter()
            .map(|sp| (slice_chars(&s.text, sp.start, sp.end), sp.label))
            .collect()
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn iob2_ud_layout() {
        let g = "# sent_id = dev-1\n# text = Anders Fogh Rasmussen besøgte FN i New York.\n\
                 1\tAnders\tB-PER\tB-PER#O\ts\n2\tFogh\tI-PER\tO\ts\n3\tRasmussen\tI-PER\tO\ts\n\
                 4\tbesøgte\tO\tO\ts\n5\tFN\tB-ORG\tO\ts\n6\ti\tO\tO\ts\n7\tNew\tB-LOC\tO\ts\n\
                 8\tYork\tI-LOC\tO\ts\n9\t.\tO\tO\ts\n\n\
                 # sent_id = dev-2\n# text = Intet her.\n1\tIntet\tO\n2\ther\tO\n3\t.\tO\n";
        let s = parse(g).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "dev-1");
        assert_eq!(s[0].line, 1);
        assert_eq!(
            spans(&s[0]),
            [
                ("Anders Fogh Rasmussen", Label::Per),
                ("FN", Label::Org),
                ("New York", Label::Loc)
            ]
        );
        assert_eq!(
            s[0].spans[0],
            Span {
                start: 0,
                end: 21,
                label: Label::Per
            }
        );
        assert_eq!(
            (s[1].id.as_str(), s[1].line, s[1].spans.len()),
            ("dev-2", 13, 0)
        );
    }

    #[test]
    fn b_after_b_of_the_same_label_starts_a_new_span() {
        let g = "# text = Per Kim\n1\tPer\tB-PER\n2\tKim\tB-PER\n";
        let s = &parse(g).unwrap()[0];
        assert_eq!(spans(s), [("Per", Label::Per), ("Kim", Label::Per)]);
    }

    #[test]
    fn iob1_conll_layout() {
        // IOB1: I- starts a span after O or another label; B- only between two adjacent spans
        // of the same label.
        let g = "Ole I-PER\nHansen I-PER\nog O\nKim I-PER\nB-PER-lignende O\n\
                 Bo I-PER\nJens B-PER\nAarhus I-LOC\nDR I-ORG\n";
        let s = &parse(g).unwrap()[0];
        assert_eq!(
            spans(s),
            [
                ("Ole Hansen", Label::Per),
                ("Kim", Label::Per),
                ("Bo", Label::Per),
                ("Jens", Label::Per),
                ("Aarhus", Label::Loc),
                ("DR", Label::Org)
            ]
        );
    }

    #[test]
    fn conll2003_layout_with_docstart_and_extra_columns() {
        let g = "-DOCSTART- -X- -X- O\n\n\
                 EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\
                 call NN I-NP O\n. . O O\n\n\
                 Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let s = parse(g).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "EU rejects German call .");
        assert_eq!(s[0].id, "g.iob2:3");
        assert_eq!(spans(&s[0]), [("EU", Label::Org)]);
        assert_eq!(
            s[0].ignored,
            [OtherSpan {
                start: 11,
                end: 17,
                label: "MISC".into()
            }]
        );
        assert_eq!(s[1].id, "g.iob2:9");
        assert_eq!(spans(&s[1]), [("Peter Blackburn", Label::Per)]);
        assert_eq!(
            s[1].spans[0],
            Span {
                start: 0,
                end: 15,
                label: Label::Per
            }
        );
    }

    #[test]
    fn layout_is_decided_per_line() {
        // A tab line whose first column is not an index is CoNLL: token first, tag last.
        let g = "Danmark\tB-LOC\n1\tog\tO\nSverige NNP B-LOC\n";
        let s = &parse(g).unwrap()[0];
        assert_eq!(s.text, "Danmark og Sverige");
        assert_eq!(spans(s), [("Danmark", Label::Loc), ("Sverige", Label::Loc)]);
    }

    #[test]
    fn offsets_are_code_points_with_danish_and_multibyte_text() {
        let g = "# text = 🍎 Æbler fra Ærø og Øresund ved Århus\n\
                 1\t🍎\tO\n2\tÆbler\tO\n3\tfra\tO\n4\tÆrø\tB-LOC\n5\tog\tO\n6\tØresund\tB-LOC\n\
                 7\tved\tO\n8\tÅrhus\tB-LOC\n";
        let s = &parse(g).unwrap()[0];
        let offs: Vec<(usize, usize)> = s.spans.iter().map(|sp| (sp.start, sp.end)).collect();
        assert_eq!(offs, [(12, 15), (19, 26), (31, 36)]);
        assert_eq!(
            spans(s),
            [
                ("Ærø", Label::Loc),
                ("Øresund", Label::Loc),
                ("Århus", Label::Loc)
            ]
        );
        // Without `# text` the joined text is used, still in code points.
        let s = &parse("Ærø B-LOC\nog O\nØresund B-LOC\n").unwrap()[0];
        assert_eq!(
            s.spans[1],
            Span {
                start: 7,
                end: 14,
                label: Label::Loc
            }
        );
    }

    #[test]
    fn tokens_without_spaces_between_them() {
        let g = "# text = \"Han bor i Danmark.\" (DR's)\n\
                 1\t\"\tO\n2\tHan\tO\n3\tbor\tO\n4\ti\tO\n5\tDanmark\tB-LOC\n6\t.\tO\n7\t\"\tO\n\
                 8\t(\tO\n9\tDR's\tB-ORG\n10\t)\tO\n";
        let s = &parse(g).unwrap()[0];
        assert_eq!(spans(s), [("Danmark", Label::Loc), ("DR's", Label::Org)]);
        assert_eq!(
            s.spans[0],
            Span {
                start: 11,
                end: 18,
                label: Label::Loc
            }
        );
    }

    #[test]
    fn other_labels_are_ignored_not_scored() {
        let g = "# text = Dansk Folkeparti og danske Tour de France\n\
                 1\tDansk\tB-ORG\n2\tFolkeparti\tI-ORG\n3\tog\tO\n4\tdanske\tB-MISC\n\
                 5\tTour\tB-MISC\n6\tde\tI-MISC\n7\tFrance\tI-MISC\n";
        let s = &parse(g).unwrap()[0];
        assert_eq!(spans(s), [("Dansk Folkeparti", Label::Org)]);
        let ignored: Vec<&str> = s
            .ignored
            .iter()
            .map(|o| slice_chars(&s.text, o.start, o.end))
            .collect();
        assert_eq!(ignored, ["danske", "Tour de France"]);
        assert!(s.ignored.iter().all(|o| o.label == "MISC"));
        // Labels are matched exactly: `per` is another label, counted as ignored.
        let s = &parse("Bo B-per\n").unwrap()[0];
        assert!(s.spans.is_empty());
        assert_eq!(s.ignored[0].label, "per");
    }

    #[test]
    fn crlf_bom_and_hash_tokens() {
        let g = "\u{feff}# sent_id = a\r\n# text = # Bo\r\n1\t#\tO\r\n2\tBo\tB-PER\r\n\r\n\
                 # NN O\nKim B-PER\n";
        let s = parse(g).unwrap();
        assert_eq!(s[0].id, "a");
        assert_eq!(spans(&s[0]), [("Bo", Label::Per)]);
        assert_eq!(
            s[0].spans[0],
            Span {
                start: 2,
                end: 4,
                label: Label::Per
            }
        );
        // `# NN O` is the CoNLL token `#`, not a comment.
        assert_eq!(s[1].text, "# Kim");
        assert_eq!(
            s[1].spans[0],
            Span {
                start: 2,
                end: 5,
                label: Label::Per
            }
        );
        // Comments of other kinds, and blocks without tokens, are not sentences.
        let s = parse("# newdoc id = x\n\n# newpar\n# sent_id = b\n1\tBo\tO\n").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].id.as_str(), s[0].line), ("b", 3));
    }

    #[test]
    fn tag_parsing() {
        assert_eq!(Tag::parse("O"), Ok(Tag::O));
        assert_eq!(Tag::parse("B-LOC"), Ok(Tag::Begin("LOC".into())));
        assert_eq!(Tag::parse("I-MISC"), Ok(Tag::Inside("MISC".into())));
        assert_eq!(Tag::parse("B-PERderiv"), Ok(Tag::Begin("PERderiv".into())));
        assert_eq!(Tag::parse("B-LOC-part"), Ok(Tag::Begin("LOC-part".into())));
        for bad in [
            "", "B", "B-", "S-PER", "E-LOC", "o", "BLOC", "B_LOC", "0", "Ø-LOC", "B-1", "B-?",
        ] {
            assert!(Tag::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bad_tag_names_the_line() {
        let g = "# text = Bo bor\n1\tBo\tB-PER\n2\tbor\tS-LOC\n";
        assert_eq!(
            err(g),
            "g.iob2:3: bad gold annotation: tag \"S-LOC\" is not O, B-X or I-X"
        );
        assert!(err("Bo B-PER\nbor\tX\n").starts_with("g.iob2:2: bad gold annotation: tag \"X\""));
    }

    #[test]
    fn token_not_in_text_names_the_line() {
        let g = "# sent_id = s7\n# text = Bo bor i Vejle\n1\tBo\tB-PER\n2\tbor\tO\n3\ti\tO\n\
                 4\tKolding\tB-LOC\n";
        let e = parse(g).unwrap_err();
        assert_eq!((e.path(), e.line()), (Some(Path::new("g.iob2")), Some(6)));
        assert!(matches!(e.kind(), ErrorKind::Gold(_)));
        assert!(e.to_string().contains("\"Kolding\" not found"), "{e}");
        assert!(e.to_string().contains("s7"), "{e}");
        // Found later, but not next: text would be skipped.
        let g = "# text = Bo bor i Vejle\n1\tBo\tB-PER\n2\ti\tO\n3\tVejle\tB-LOC\n";
        let e = err(g);
        assert!(
            e.starts_with("g.iob2:3: bad gold annotation: token \"i\" is not next"),
            "{e}"
        );
        // Tokens in the wrong order.
        let g = "# text = Bo bor\n1\tbor\tO\n2\tBo\tB-PER\n";
        assert!(err(g).starts_with("g.iob2:2: "));
    }

    #[test]
    fn too_few_columns_names_the_line() {
        let e = err("# text = Bo bor\n1\tBo\tB-PER\n2\tbor\n");
        assert!(
            e.starts_with("g.iob2:3: bad gold annotation: 2 tab-separated column"),
            "{e}"
        );
        let e = err("Bo B-PER\nbor\n");
        assert!(
            e.starts_with("g.iob2:2: bad gold annotation: token line \"bor\" has 1"),
            "{e}"
        );
        let e = err("# text = Bo\n1\t\tO\n");
        assert!(
            e.starts_with("g.iob2:2: bad gold annotation: empty token"),
            "{e}"
        );
    }

    #[test]
    fn other_malformed_blocks_name_the_line() {
        let e = err("# text = a\n# text = b\n1\ta\tO\n");
        assert!(
            e.starts_with("g.iob2:2: bad gold annotation: a second `# text`"),
            "{e}"
        );
        let e = err("# sent_id = a\n# sent_id = b\n1\ta\tO\n");
        assert!(
            e.starts_with("g.iob2:2: bad gold annotation: a second `# sent_id`"),
            "{e}"
        );
        let e = err("1\ta\tO\n\n# sent_id = x\n# text = Bo i Vejle\n\n");
        assert!(
            e.starts_with("g.iob2:4: bad gold annotation: `# text` without token"),
            "{e}"
        );
    }

    #[test]
    fn read_gold_reports_bad_utf8_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.conll");
        std::fs::write(&path, b"Bo B-PER\n\nK\xf8ge B-LOC\n").unwrap();
        let e = read_gold(&path).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidUtf8));
        assert_eq!(e.line(), Some(3));
        assert_eq!(e.path(), Some(path.as_path()));
        let missing = dir.path().join("missing.iob2");
        let e = read_gold(&missing).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Io(_)));
        assert_eq!(e.path(), Some(missing.as_path()));
    }

    #[test]
    fn read_gold_names_sentences_after_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.conll");
        std::fs::write(&path, "Køge B-LOC\n").unwrap();
        let s = read_gold(&path).unwrap();
        assert_eq!(s[0].id, format!("{}:1", path.display()));
    }

    #[test]
    fn slicing_by_code_points() {
        let t = "Æ🍎ø Århus";
        assert_eq!(slice_chars(t, 0, 3), "Æ🍎ø");
        assert_eq!(slice_chars(t, 4, 9), "Århus");
        assert_eq!(slice_chars(t, 4, 4), "");
        assert_eq!(slice_chars(t, 8, 20), "s");
    }
}
