//! Gold-standard files: sentences with annotated PER/LOC/ORG spans.
//!
//! Three layouts are read. Whether a file is DaN+ is decided once for the whole file; in any
//! other file, UD and CoNLL are decided line by line:
//!
//! * **UD / Universal NER** (`.iob2`): blocks separated by a blank line, `# sent_id = …` and
//!   `# text = …` comments, then tab-separated token lines `index  token  tag  …`. A line is
//!   read this way when it holds a tab, has at least three tab-separated columns and its first
//!   column is an integer index.
//! * **CoNLL-2003**: whitespace-separated `token … tag` lines, the token first and the tag last;
//!   `-DOCSTART-` lines are ignored.
//! * **DaN+** (Plank et al. 2020, `.tsv`): tab-separated `token  tag  nested-tag` lines, a blank
//!   line between sentences, no comments and no index. A file is DaN+ when the first line that
//!   settles it has exactly three tab-separated columns, the second and third tags. A token can
//!   be a number (`2019  O  O`), and such a line is also a valid UD line (index, the token `O`,
//!   a tag), so a line whose first column is an integer settles nothing and the next line
//!   decides; `#` lines of another shape are skipped as comments, and any other line makes the
//!   file UD/CoNLL. Every line of a DaN+ file must then have that shape — a `#` line is a
//!   hashtag token, not a comment. The nested-tag column is checked but not read.
//!
//! Tags are `O`, `B-X` or `I-X`, in IOB2 or IOB1: `B-X` always starts a span, and `I-X`
//! continues a span of label `X` or starts one after `O` or another label.
//!
//! Gold spans are code-point offsets into the sentence text. With `# text`, each token is found
//! in the text from the end of the one before; only whitespace may stand between two tokens
//! (none at all is fine: `Danmark.`). Without `# text`, the text is the tokens joined by single
//! spaces. DaN+ has no text: it is rebuilt as the DaN+ README says (and as held-out DaN+ sets
//! are scored), the tokens joined by single spaces but for none before a token that is exactly
//! one of `. , ! ? : ; ) ] } %` and none after one that is exactly one of `( [ @ #`. A sentence
//! is named by its `# sent_id`, or `FILE:LINE` of the first line of its block.
//!
//! Labels other than PER, LOC and ORG (`MISC`, …) are kept apart in [`Sentence::ignored`]. In a
//! DaN+ file, the `-part` labels (`LOCpart`: a name inside a longer word, `Nato-generalsekretær`)
//! are kept in [`Sentence::optional`] instead; `-deriv` labels (`dansk`) are ignored like MISC.
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

/// One gold span whose label navne does not predict (`MISC`, `LOCpart`, …); it is not scored.
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
    /// The sentence text: `# text`, or the tokens joined by single spaces (in DaN+, none before
    /// closing punctuation or after `( [ @ #`).
    pub text: String,
    /// 1-based line of the block's first line.
    pub line: u64,
    /// The PER/LOC/ORG spans, in text order.
    pub spans: Vec<Span>,
    /// Spans of other labels, in text order; counted as ignored, never scored.
    pub ignored: Vec<OtherSpan>,
    /// Optional spans, in text order: DaN+ `-part` labels, names inside a longer word that a
    /// tagger may or may not find. They are never a miss, and a prediction that overlaps one
    /// but no span of [`spans`](Self::spans) is not counted either (see
    /// [`excused`](crate::eval::score::excused)). Empty for UD and CoNLL files.
    pub optional: Vec<OtherSpan>,
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
    let layout = layout(text);
    let mut sentences = Vec::new();
    let mut block = Block::default();
    for (n, line) in lines(text) {
        let err = |msg: String| Error::gold(msg).with_path(path).with_line(n);
        if line.trim().is_empty() {
            if let Some(s) = block.finish(path, layout)? {
                sentences.push(s);
            }
            continue;
        }
        if block.start == 0 {
            block.start = n;
        }
        let parsed = match layout {
            Layout::Columns => classify(line),
            Layout::DanPlus => danplus_line(line).map(|(token, tag)| Line::Token { token, tag }),
        };
        match parsed.map_err(err)? {
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
    if let Some(s) = block.finish(path, layout)? {
        sentences.push(s);
    }
    Ok(sentences)
}

/// The lines of `text`, numbered from 1, without their `\r\n` or `\n`.
fn lines(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| (i as u64 + 1, raw.strip_suffix('\r').unwrap_or(raw)))
}

/// How the lines of one file are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// UD or CoNLL, decided line by line by [`classify`].
    Columns,
    /// DaN+: every line is `token  tag  nested-tag` ([`danplus_line`]).
    DanPlus,
}

/// The layout of a whole file: that of its first line that settles it ([`settles`]), and
/// UD/CoNLL when none does, as files were read before DaN+.
fn layout(text: &str) -> Layout {
    lines(text)
        .filter(|(_, line)| !line.trim().is_empty())
        .find_map(|(_, line)| settles(line))
        .unwrap_or(Layout::Columns)
}

/// The layout a non-blank line proves, or `None` when it could stand in either.
///
/// Deciding per line would misread DaN+: `2019  O  O` is the token `2019`, but as a UD line it
/// is index 2019 with the token `O`. Any line whose first column is an integer is left to the
/// next line for that reason; a UD line proper (`1  Danmark  B-LOC`) then settles the file, as
/// its second column is not a tag.
fn settles(line: &str) -> Option<Layout> {
    if let Ok((token, _)) = danplus_line(line) {
        let ud_too = token.trim().parse::<u64>().is_ok();
        return (!ud_too).then_some(Layout::DanPlus);
    }
    if line.starts_with('#') && !is_hash_token_line(line) {
        // A comment: DaN+ has none, but a UD file starts with them.
        return None;
    }
    Some(Layout::Columns)
}

/// A DaN+ line, `token  tag  nested-tag`: exactly three tab-separated columns, a token and two
/// tags; the token and the first tag. The nested tag is checked and dropped: only first-level
/// names are scored.
fn danplus_line(line: &str) -> std::result::Result<(&str, Tag), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let [token, tag, nested] = cols[..] else {
        return Err(format!(
            "{} tab-separated column(s); expected 3 in a DaN+ file (token, tag, nested tag)",
            cols.len()
        ));
    };
    if token.trim().is_empty() {
        return Err("empty token in column 1".into());
    }
    let tag = Tag::parse(tag.trim())?;
    Tag::parse(nested.trim()).map_err(|e| format!("nested {e} in column 3"))?;
    Ok((token, tag))
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
    fn finish(&mut self, path: &Path, layout: Layout) -> Result<Option<Sentence>> {
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
            None => join_tokens(&block.tokens, layout),
        };
        let mut spans = Vec::new();
        let mut ignored = Vec::new();
        let mut optional = Vec::new();
        // The open span: (start, end, label).
        let mut open: Option<(usize, usize, String)> = None;
        let mut close = |open: &mut Option<(usize, usize, String)>| {
            if let Some((start, end, label)) = open.take() {
                match role(&label, layout) {
                    Role::Scored(label) => spans.push(Span { start, end, label }),
                    Role::Optional => optional.push(OtherSpan { start, end, label }),
                    Role::Ignored => ignored.push(OtherSpan { start, end, label }),
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
            optional,
        }))
    }
}

/// What a gold span is to the scorer, by its label.
enum Role {
    /// PER, LOC or ORG: a span to find.
    Scored(Label),
    /// A DaN+ `-part` label: a span a prediction may hit or not.
    Optional,
    /// Any other label: counted, not scored.
    Ignored,
}

/// The role of `label` in a file of `layout`: `-part` labels are optional only in DaN+, so that
/// UD and CoNLL files are scored as they always were.
fn role(label: &str, layout: Layout) -> Role {
    match scored_label(label) {
        Some(l) => Role::Scored(l),
        None if layout == Layout::DanPlus && is_part_label(label) => Role::Optional,
        None => Role::Ignored,
    }
}

/// The scored label written exactly `PER`, `LOC` or `ORG`; any other label is ignored.
fn scored_label(label: &str) -> Option<Label> {
    Label::ALL.into_iter().find(|l| l.as_str() == label)
}

/// A DaN+ `-part` label: `PERpart`, `LOCpart`, `ORGpart` or `MISCpart`.
fn is_part_label(label: &str) -> bool {
    label
        .strip_suffix("part")
        .is_some_and(|base| matches!(base, "PER" | "LOC" | "ORG" | "MISC"))
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

/// The tokens joined by single spaces (in DaN+, where [`space_between`] says), and each
/// token's code-point offsets.
fn join_tokens(tokens: &[(u64, String, Tag)], layout: Layout) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(tokens.len());
    let mut chars = 0;
    for (i, (_, token, _)) in tokens.iter().enumerate() {
        if i > 0 && space_between(layout, &tokens[i - 1].1, token) {
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

/// Tokens that take no space before them in rebuilt DaN+ text.
const NO_SPACE_BEFORE: [&str; 10] = [".", ",", "!", "?", ":", ";", ")", "]", "}", "%"];
/// Tokens that take no space after them in rebuilt DaN+ text.
const NO_SPACE_AFTER: [&str; 4] = ["(", "[", "@", "#"];

/// Whether rebuilt text has a space between the tokens `prev` and `next`. DaN+ text is rebuilt
/// the way the DaN+ README gives, which is also how held-out DaN+ sets are scored, so that
/// offsets agree; UD and CoNLL tokens are always joined by a space, as they always were.
fn space_between(layout: Layout, prev: &str, next: &str) -> bool {
    match layout {
        Layout::Columns => true,
        Layout::DanPlus => !NO_SPACE_BEFORE.contains(&next) && !NO_SPACE_AFTER.contains(&prev),
    }
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

    /// The (text, label) of each optional or ignored span.
    fn others<'a>(s: &'a Sentence, spans: &'a [OtherSpan]) -> Vec<(&'a str, &'a str)> {
        spans
            .iter()
            .map(|o| (slice_chars(&s.text, o.start, o.end), o.label.as_str()))
            .collect()
    }

    const DANPLUS: &str = include_str!("../../tests/data/eval/small.danplus.tsv");

    #[test]
    fn danplus_fixture_text_and_spans() {
        let s = parse_gold(DANPLUS, Path::new("d.tsv")).unwrap();
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2019 bliver året, hvor Mette Frederiksen (S) flytter ind på Marienborg!",
                "@larsloekke har 30% af stemmerne i Aarhus-området ifølge DR.",
                "Danske fans så Tour de France i Paris #cykling",
                "Pia Kjærsgaard [DF]: Danmark skal være dansk! #dkpol",
            ]
        );
        let ids: Vec<(&str, u64)> = s.iter().map(|s| (s.id.as_str(), s.line)).collect();
        assert_eq!(
            ids,
            [
                ("d.tsv:1", 1),
                ("d.tsv:17", 17),
                ("d.tsv:30", 30),
                ("d.tsv:41", 41)
            ]
        );
        assert_eq!(
            spans(&s[0]),
            [
                ("Mette Frederiksen", Label::Per),
                ("S", Label::Org),
                ("Marienborg", Label::Loc)
            ]
        );
        assert_eq!(
            s[0].spans[0],
            Span {
                start: 23,
                end: 40,
                label: Label::Per
            }
        );
        assert_eq!(
            spans(&s[1]),
            [("larsloekke", Label::Per), ("DR", Label::Org)]
        );
        assert_eq!(
            others(&s[1], &s[1].optional),
            [("Aarhus-området", "LOCpart")]
        );
        assert_eq!(
            s[1].optional[0],
            OtherSpan {
                start: 35,
                end: 49,
                label: "LOCpart".into()
            }
        );
        // The nested B-LOC on `France` is not read: only first-level names count.
        assert_eq!(spans(&s[2]), [("Paris", Label::Loc)]);
        assert_eq!(
            others(&s[2], &s[2].ignored),
            [("Danske", "LOCderiv"), ("Tour de France", "MISC")]
        );
        assert_eq!(
            spans(&s[3]),
            [
                ("Pia Kjærsgaard", Label::Per),
                ("DF", Label::Org),
                ("Danmark", Label::Loc)
            ]
        );
        assert_eq!(others(&s[3], &s[3].ignored), [("dansk", "LOCderiv")]);
        // A line starting with `#` is a hashtag token in DaN+, never a comment.
        assert_eq!(others(&s[3], &s[3].optional), [("#dkpol", "LOCpart")]);
        let none: [&[OtherSpan]; 4] =
            [&s[0].optional, &s[0].ignored, &s[1].ignored, &s[2].optional];
        assert!(none.iter().all(|o| o.is_empty()));
    }

    #[test]
    fn danplus_is_decided_per_file() {
        // Read line by line, `2019  O  O` would be a UD line (index 2019, token `O`).
        let s = &parse("2019\tO\tO\nvar\tO\tO\ngodt\tB-PER\tO\n").unwrap()[0];
        assert_eq!(s.text, "2019 var godt");
        assert_eq!(spans(s), [("godt", Label::Per)]);
        // A number inside the file as well, and no space after `@` or before `!`.
        let s = &parse("@\tO\tO\nBo\tB-PER\tO\n2\tO\tO\n!\tO\tO\n").unwrap()[0];
        assert_eq!(s.text, "@Bo 2!");
        // A UD line with a tag-like token (`O`) settles nothing; the next UD line settles UD.
        let g = "# text = O Danmark\n1\tO\tO\n2\tDanmark\tB-LOC\n";
        let s = &parse(g).unwrap()[0];
        assert_eq!(spans(s), [("Danmark", Label::Loc)]);
        // No line settles it: read as before, per line (UD here).
        let s = &parse("1\tO\tO\n2\tO\tB-LOC\n").unwrap()[0];
        assert_eq!(
            (s.text.as_str(), spans(s)),
            ("O O", vec![("O", Label::Loc)])
        );
        // Outside DaN+, `-part` labels are ignored like any other label, as they always were,
        // and a tab line with two columns is still CoNLL.
        let s = &parse("Nato-chef\tB-ORGpart\n(\tO\n").unwrap()[0];
        assert_eq!(s.text, "Nato-chef (");
        assert!(s.optional.is_empty());
        assert_eq!(s.ignored[0].label, "ORGpart");
    }

    #[test]
    fn danplus_part_labels_are_optional_and_deriv_ignored() {
        let g = "Nato-chef\tB-ORGpart\tO\nPERpart\tB-PERpart\tO\nx\tB-MISCpart\tO\n\
                 y\tB-FOOpart\tO\nz\tB-ORGderiv\tO\nw\tI-ORGderiv\tO\n";
        let s = &parse(g).unwrap()[0];
        assert!(s.spans.is_empty());
        assert_eq!(
            others(s, &s.optional),
            [
                ("Nato-chef", "ORGpart"),
                ("PERpart", "PERpart"),
                ("x", "MISCpart")
            ]
        );
        assert_eq!(
            others(s, &s.ignored),
            [("y", "FOOpart"), ("z w", "ORGderiv")]
        );
    }

    #[test]
    fn malformed_danplus_lines_name_file_and_line() {
        let head = "Bo\tB-PER\tO\nbor\tO\tO\n";
        for (line, want) in [
            (
                "i\tO\n",
                "2 tab-separated column(s); expected 3 in a DaN+ file",
            ),
            (
                "i\tO\tO\tO\n",
                "4 tab-separated column(s); expected 3 in a DaN+ file",
            ),
            (
                "i\tO\tS-LOC\n",
                "nested tag \"S-LOC\" is not O, B-X or I-X in column 3",
            ),
            ("i\tLOC\tO\n", "tag \"LOC\" is not O, B-X or I-X"),
            ("\tO\tO\n", "empty token in column 1"),
            ("# text = Bo bor i\n", "1 tab-separated column(s)"),
        ] {
            let g = format!("{head}\n{head}{line}");
            let e = parse(&g).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::Gold(_)));
            assert_eq!((e.path(), e.line()), (Some(Path::new("g.iob2")), Some(6)));
            let e = e.to_string();
            assert!(
                e.starts_with(&format!("g.iob2:6: bad gold annotation: {want}")),
                "{e}"
            );
        }
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
