//! Parties named by a ballot letter (`gazetteers/rules/ballot_letters.tsv`): a capital letter
//! standing alone names a party in parentheses after a person's name (`Anders Andersen (V)`),
//! and in political text (a word with a `politics` stem of `context.txt` within
//! [`POLITICS_WINDOW`] bytes: `partiet`, `statsministeren`, `#dkpol`) anywhere but at a
//! sentence start (`rækker hånden ud til S`, `Ø og V`). `I` counts only in parentheses: alone
//! it is the pronoun.

use std::ops::Range;

use crate::fold;
use crate::label::{Label, Method};
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::mention::Mention;
use crate::text::{is_sentence_start, is_word_char};
use crate::tokens::Token;

use super::{proposal, View, Work};

/// How far before and after a letter a word marking political text is looked for, in bytes.
pub const POLITICS_WINDOW: usize = 300;

/// Adds the ballot letters that name a party, alone in parentheses after a person's name or
/// in political text, where no mention is.
pub(crate) fn find(doc: &View, work: &mut Work) {
    let capitals = doc.capitalised.iter().map(|&i| doc.tokens[i]);
    let found = letters(
        doc.text,
        doc.body,
        capitals,
        (doc.lexicon, doc.matcher),
        &work.chosen,
    );
    // Most documents have none, and the chosen mentions need no pass then.
    if !found.is_empty() {
        work.add(found, false);
    }
}

/// The ballot letters among the capitalised tokens `capitals` of `text[body..]` (in text
/// order) that name a party, in text order; `chosen` are the mentions found so far (sorted),
/// for the names before parentheses.
fn letters(
    text: &str,
    body: usize,
    capitals: impl Iterator<Item = Token>,
    (lexicon, matcher): (&Lexicon, &Matcher),
    chosen: &[Mention],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut searched = None;
    for t in capitals {
        // One letter: the token is one character long (`Ø` is two bytes), told from its
        // bytes: a token of two is one character unless its first is ASCII. Few are, and the
        // rest of the test is out of line, so that this loop over every capitalised token
        // keeps what it needs in registers.
        match t.end - t.start {
            1 => {}
            2 if text.as_bytes()[t.start] >= 0x80 => {}
            _ => continue,
        }
        if let Some(m) = letter_at(text, body, t, (lexicon, matcher), chosen, &mut searched) {
            out.push(m);
        }
    }
    out
}

/// The party the one-character token `t` names, if it is a ballot letter standing alone in
/// parentheses after a person's name or in political text ([`letters`]); `searched` is the
/// last window of the document searched for political text ([`political_text`]).
#[inline(never)]
fn letter_at(
    text: &str,
    body: usize,
    t: Token,
    (lexicon, matcher): (&Lexicon, &Matcher),
    chosen: &[Mention],
    searched: &mut Option<Searched>,
) -> Option<Mention> {
    let (at, end) = (t.start, t.end);
    let before = text[body..at].chars().next_back();
    let after = text[end..].chars().next();
    // A letter alone: no letter, digit, hyphen, apostrophe or full stop (`A.`) beside it.
    let joined = |c: Option<char>| c.is_some_and(|c| is_word_char(c) || "-'’.&".contains(c));
    if joined(before) || joined(after) {
        return None;
    }
    let letter = &text[at..end];
    let (id, name) = lexicon.ballot_letter(letter)?;
    let bracketed = before == Some('(') && after == Some(')') && after_person(text, at - 1, chosen);
    let mut political = || {
        letter != "I"
            && !is_sentence_start(text, at, body)
            && political_text(text, body, at, lexicon, searched)
    };
    (bracketed || political()).then(|| party(matcher, at, end, id, name))
}

/// Whether a person's mention of `chosen` ends right before byte `open` (a `(`), across spaces.
fn after_person(text: &str, open: usize, chosen: &[Mention]) -> bool {
    let end = text[..open].trim_end().len();
    // `chosen` is sorted by start and does not overlap, so it is sorted by end too.
    let k = chosen.partition_point(|m| m.byte_end < end);
    chosen
        .get(k)
        .is_some_and(|m| m.byte_end == end && m.label == Label::Per)
}

/// A window of a document searched for political text, and where in the document a
/// `politics` stem was found in it ([`Lexicon::politics_at`]), if one was.
struct Searched {
    window: Range<usize>,
    stem: Option<Range<usize>>,
}

/// Whether a word of `text[body..]` within [`POLITICS_WINDOW`] bytes of `at` marks political
/// text. Letters close together share most of their windows: `last`, the window searched
/// before (the answer for this one is kept there in turn), spares most of the search.
fn political_text(
    text: &str,
    body: usize,
    at: usize,
    lexicon: &Lexicon,
    last: &mut Option<Searched>,
) -> bool {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(at.saturating_sub(POLITICS_WINDOW).max(body));
    let to = floor((at + POLITICS_WINDOW).min(text.len()));
    // A stem anywhere in `text[lo..to]`, in the document's positions.
    let search = |lo: usize| {
        lexicon
            .politics_at(&text[lo..to])
            .map(|r| r.start + lo..r.end + lo)
    };
    let stem = match last.take() {
        // A stem found before that lies in this window is found in it.
        Some(Searched { stem: Some(s), .. }) if from <= s.start && s.end <= to => Some(s),
        // No stem in a window that starts and ends no later than this one: a stem in this
        // one ends past the other's end (else it lay in the other), so it starts less than
        // the longest stem's bytes before that end.
        Some(Searched { window, stem: None }) if window.start <= from && window.end <= to => {
            let longest = lexicon.longest_politics_stem();
            search(floor(window.end.saturating_sub(longest)).max(from))
        }
        _ => search(from),
    };
    let found = stem.is_some();
    *last = Some(Searched {
        window: from..to,
        stem,
    });
    found
}

/// The mention of the party `id` (`name`) at `start..end`: its gazetteer entry when the
/// party's name finds it, else a pattern with the party's name as canonical name.
fn party(matcher: &Matcher, start: usize, end: usize, id: &str, name: &str) -> Mention {
    let entry = matcher
        .folded(&fold::key(name))
        .map(|f| f.entry)
        .filter(|&e| matcher.entry(e).id == id);
    match entry {
        Some(e) => Mention {
            entry: Some(e),
            ..proposal(start, end, Label::Org, Method::Gazetteer)
        },
        None => Mention {
            canonical: Some(name.to_string()),
            ..proposal(start, end, Label::Org, Method::Pattern)
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::{Gazetteer, Label, Tagger};

    fn tag(text: &str) -> Vec<(String, String, String)> {
        let mut g = Gazetteer::new();
        let orgs = "id\tname\taliases\nwikidata:Q217321\tVenstre\t\n";
        g.add_tsv(orgs, "o.tsv".as_ref(), Label::Org).unwrap();
        let t = Tagger::new(g).unwrap();
        t.tag_text(text, 0)
            .into_iter()
            .filter(|m| m.label == Label::Org)
            .map(|m| {
                let name = m
                    .canonical
                    .clone()
                    .unwrap_or_else(|| m.text(text).to_string());
                (m.text(text).to_string(), name, m.method.to_string())
            })
            .collect()
    }

    #[test]
    fn a_letter_in_parentheses_after_a_name() {
        assert_eq!(
            tag("Det sagde Søren Pind (V) og Mette Frederiksen (S) i går."),
            [
                ("V".into(), "V".into(), "gazetteer".into()),
                ("S".into(), "Socialdemokratiet".into(), "pattern".into()),
            ]
        );
        // Not after a name, not in political text: a letter.
        assert_eq!(
            tag("Se figur (V) og bilag C."),
            Vec::<(String, String, String)>::new()
        );
    }

    #[test]
    fn a_letter_alone_in_political_text() {
        let t = tag("Statsministeren rækker hånden ud til S og Ø, men I må vente. V. Hansen");
        let letters: Vec<&str> = t.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(letters, ["S", "Ø"]);
    }
}
