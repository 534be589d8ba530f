//! Names that share a part with a truncated word joined to them (`Nord- og Sydamerika`,
//! `Social- og Boligministeriet`, `Klima-, Energi- og Forsyningsministeriet`): Danish writes
//! the first parts with a hyphen for the part they share, and the Danish gold standards mark the
//! whole as one name (`Øst- og Centraleuropa`, `Syd- og Nordslesvig`).

use crate::label::{Label, Method};
use crate::text::{alphabetic_len, char_before, is_word_char};
use crate::tokens::word_char_follows;

use super::layer::Layer;
use super::{proposal, View, Work};

/// Extends each place and organisation in `work.chosen` (sorted, none overlapping) back over
/// the truncated words joined to it by ` og ` or ` eller ` (`Vest- og Sønderjylland`), and
/// over those listed before them with `, ` (`Klima-, Energi- og`), and an organisation that
/// ends in a truncated word forward over the word that completes it (`Institut for Medie- og
/// Kommunikationsvidenskab`), as a name found by pattern, where no other name stands.
/// A truncated word is a capitalised word of letters with a hyphen right after it, which
/// starts a token and is no listed name itself (`Bilka- og OBS-butikker` are two names); a
/// place is extended with `place-patterns` on, an organisation with `org-patterns`.
pub(crate) fn join_truncated(doc: &View, work: &mut Work) {
    let (places, orgs) = (
        work.layers.has(Layer::PlacePatterns),
        work.layers.has(Layer::OrgPatterns),
    );
    let chosen = &mut work.chosen;
    for k in 0..chosen.len() {
        let m = &chosen[k];
        let on = match m.label {
            Label::Loc => places,
            Label::Org => orgs,
            _ => false,
        };
        if !on {
            continue;
        }
        let start =
            joined_start(doc, m.byte_start).filter(|&s| k == 0 || chosen[k - 1].byte_end <= s);
        let end = (m.label == Label::Org)
            .then(|| joined_end(doc, m.byte_end))
            .flatten()
            .filter(|&e| chosen.get(k + 1).is_none_or(|n| n.byte_start >= e));
        if start.is_none() && end.is_none() {
            continue;
        }
        let label = m.label;
        let (start, end) = (start.unwrap_or(m.byte_start), end.unwrap_or(m.byte_end));
        chosen[k] = proposal(start, end, label, Method::Pattern);
    }
}

/// Where a name that starts at byte `at` starts with the truncated words joined to it
/// (`Nord- og` before `Sydamerika`, `Klima-, Energi- og` before `Forsyningsministeriet`), if
/// any stand before it.
fn joined_start(doc: &View, at: usize) -> Option<usize> {
    // The conjunction first: most names follow none, told from the bytes before them.
    let before = conjunction_before(doc.text, doc.body, at)?;
    let mut start = truncated_before(doc, before)?;
    // `Klima-, Energi- og`: the truncated words listed before it.
    while let Some(first) = doc.text[doc.body..start]
        .strip_suffix(", ")
        .and_then(|_| truncated_before(doc, start - 2))
    {
        start = first;
    }
    Some(start)
}

/// Where an organisation's name that ends at byte `end` in a truncated word (`Institut for
/// Medie`, before `- og Kommunikationsvidenskab`) ends with the word that completes it: after
/// a hyphen right after a letter, ` og ` or ` eller ` and a capitalised word of letters that
/// ends a token.
fn joined_end(doc: &View, end: usize) -> Option<usize> {
    let text = doc.text;
    let rest = text[end..].strip_prefix('-')?;
    if !char_before(text, end).is_some_and(char::is_alphabetic) {
        return None;
    }
    let rest = rest
        .strip_prefix(" og ")
        .or_else(|| rest.strip_prefix(" eller "))?;
    let from = text.len() - rest.len();
    let word = &rest[..alphabetic_len(rest)];
    let stop = from + word.len();
    let whole = !word_char_follows(text, stop) && text.as_bytes().get(stop) != Some(&b'-');
    (word.chars().count() >= 2 && word.starts_with(char::is_uppercase) && whole).then_some(stop)
}

/// Where ` og ` or ` eller ` ends at byte `at` of `text` (whose body starts at `body`), the
/// byte where its first space starts.
fn conjunction_before(text: &str, body: usize, at: usize) -> Option<usize> {
    match text.as_bytes()[body..at] {
        [.., b' ', b'o', b'g', b' '] => Some(at - 4),
        [.., b' ', b'e', b'l', b'l', b'e', b'r', b' '] => Some(at - 7),
        _ => None,
    }
}

/// Where the truncated word that ends at byte `end` of the text starts (`Social-`), if one
/// does: a hyphen at `end - 1` right after a word of letters that starts with an uppercase
/// letter and a token, and that is no listed name.
fn truncated_before(doc: &View, end: usize) -> Option<usize> {
    let text = doc.text;
    let hyphen = end.checked_sub(1).filter(|&h| h >= doc.body)?;
    if text.as_bytes()[hyphen] != b'-' {
        return None;
    }
    let mut start = hyphen;
    while let Some(c) = char_before(text, start).filter(|_| start > doc.body) {
        if !c.is_alphabetic() {
            break;
        }
        start -= c.len_utf8();
    }
    let word = &text[start..hyphen];
    let starts_token =
        start == doc.body || char_before(text, start).is_some_and(|c| !is_word_char(c) && c != '-');
    (word.chars().count() >= 2
        && word.starts_with(char::is_uppercase)
        && starts_token
        && doc.matcher.form(word).is_none())
    .then_some(start)
}

#[cfg(test)]
mod tests {
    use crate::rules::{found_by, tagger_of};
    use crate::{Label, Tagger};

    /// A tagger whose entries are the places `Sydamerika`, `Sønderjylland`, `Danmark` and
    /// `Bilka`'s shop and the organisations `Boligministeriet` and `Forsyningsministeriet`.
    fn tagger() -> Tagger {
        let places = "id\tname\taliases\ns\tSydamerika\t\nj\tSønderjylland\t\nd\tDanmark\t\n";
        let orgs = "id\tname\taliases\nb\tBoligministeriet\t\nf\tForsyningsministeriet\t\n\
                    k\tBilka\t\n";
        tagger_of(places, orgs)
    }

    /// Each mention's text and label ([`found_by`] without the method).
    fn found(t: &Tagger, text: &str) -> Vec<(String, Label)> {
        found_by(t, text)
            .into_iter()
            .map(|(n, l, _)| (n, l))
            .collect()
    }

    #[test]
    fn truncated_words_join_the_name_they_share_a_part_with() {
        let t = tagger();
        for (text, name, label) in [
            (
                "Han rejste i Nord- og Sydamerika.",
                "Nord- og Sydamerika",
                Label::Loc,
            ),
            (
                "Folk fra Vest- eller Sønderjylland.",
                "Vest- eller Sønderjylland",
                Label::Loc,
            ),
            (
                "Det skriver Social- og Boligministeriet.",
                "Social- og Boligministeriet",
                Label::Org,
            ),
            (
                "Han læser på Institut for Medie- og Kommunikationsvidenskab nu.",
                "Institut for Medie- og Kommunikationsvidenskab",
                Label::Org,
            ),
            (
                "Ifølge Klima-, Energi- og Forsyningsministeriet er det sket.",
                "Klima-, Energi- og Forsyningsministeriet",
                Label::Org,
            ),
        ] {
            assert_eq!(found(&t, text), [(name.to_string(), label)], "{text}");
        }
    }

    #[test]
    fn other_words_before_a_conjunction_stay_out() {
        let t = tagger();
        for (text, want) in [
            // A listed name is a name of its own; lowercase, one letter or no hyphen is no
            // truncated word; a hyphen inside a word is no truncation.
            (
                "Varer fra Bilka- og Sønderjylland.",
                vec!["Bilka", "Sønderjylland"],
            ),
            ("Både syd- og Sønderjylland.", vec!["Sønderjylland"]),
            ("Både S- og Sønderjylland.", vec!["Sønderjylland"]),
            ("Både Nord og Sydamerika.", vec!["Sydamerika"]),
            ("Både x-Nord- og Sydamerika.", vec!["Sydamerika"]),
            ("Nord-  og Sydamerika.", vec!["Sydamerika"]),
            // Forward only from an organisation, over a capitalised whole word.
            (
                "Han læser på Institut for Medie- og kommunikation nu.",
                vec!["Institut for Medie"],
            ),
            (
                "Han læser på Institut for Medie- og Kommunikation2 nu.",
                vec!["Institut for Medie"],
            ),
            (
                "Rejser i Sønderjylland- og Fynsområdet.",
                vec!["Sønderjylland"],
            ),
        ] {
            let names: Vec<String> = found(&t, text).into_iter().map(|(n, _)| n).collect();
            assert_eq!(names, want, "{text}");
        }
    }
}
