//! Public bodies named by a place and a lowercase head (`Odense kommune`, `Frederikshavn
//! politi`, `Vejle amts`): the place mention grows over the head and becomes one organisation,
//! as Danish news writes them and as the Danish gold standards mark them.

use crate::label::{Label, Method};
use crate::text::alphabetic_len;
use crate::tokens::{strip_genitive, word_char_follows};

use super::{proposal, View, Work};

/// Extends each listed place in `chosen` (sorted, none overlapping), written as listed (not in
/// the genitive), that one space and a lowercase head of `lexicon`
/// ([`crate::lexicon::Heads::is_lower`]) follow over the head, as an organisation found by
/// pattern.
pub(crate) fn join_heads(doc: &View, work: &mut Work) {
    let (text, lexicon, matcher) = (doc.text, doc.lexicon, doc.matcher);
    let chosen = &mut work.chosen;
    for k in 0..chosen.len() {
        let m = &chosen[k];
        let Some(entry) = m.entry.filter(|_| m.label == Label::Loc) else {
            continue;
        };
        // The head first: most places are followed by no lowercase head, and this asks the
        // text only, where the genitive test below compares the place's forms. The space is
        // told by its byte before the rest is cut.
        if text.as_bytes().get(m.byte_end) != Some(&b' ') {
            continue;
        }
        let rest = &text[m.byte_end + 1..];
        // A head begins with a lowercase letter: an ASCII byte that is none ends the search
        // before the word is cut.
        if rest
            .as_bytes()
            .first()
            .is_none_or(|b| b.is_ascii() && !b.is_ascii_lowercase())
        {
            continue;
        }
        let len = alphabetic_len(rest);
        let word = &rest[..len];
        let end = m.byte_end + 1 + len;
        // The head is a whole token: not the letters of `kommune2` or of a word that a
        // combining mark goes on in (`kommune` and U+032A).
        if word_char_follows(text, end) {
            continue;
        }
        if word.is_empty()
            || !word.starts_with(char::is_lowercase)
            || !lexicon.org_heads().is_lower(word)
        {
            continue;
        }
        if chosen.get(k + 1).is_some_and(|n| n.byte_start < end) {
            continue;
        }
        // `Københavns byret`, `Palermos byråd`: a place in the genitive owns the body and
        // stays a place of its own.
        let written = m.text(text);
        let base = strip_genitive(written);
        let forms = || matcher.entry(entry).surface_forms();
        if base != written && forms().any(|f| f == base) && !forms().any(|f| f == written) {
            continue;
        }
        chosen[k] = proposal(chosen[k].byte_start, end, Label::Org, Method::Pattern);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tagger_of;
    use crate::{Label, Tagger};

    /// A tagger whose only gazetteer entries are the places `Odense` and `Frederikshavn`.
    fn tagger() -> Tagger {
        tagger_of("id\tname\taliases\no\tOdense\t\nf\tFrederikshavn\t\n", "")
    }

    #[test]
    fn a_place_and_a_lowercase_head_are_one_organisation() {
        let t = tagger();
        let text = "Odense kommunes borgmester ringede til Frederikshavn politi i Odense i går \
                    efter en dom fra Odenses byret.";
        let found: Vec<(String, Label, usize, usize)> = t
            .tag_text(text, 0)
            .into_iter()
            .map(|m| (m.text(text).to_string(), m.label, m.start, m.end))
            .collect();
        assert_eq!(
            found,
            [
                ("Odense kommunes".to_string(), Label::Org, 0, 15),
                ("Frederikshavn politi".to_string(), Label::Org, 39, 59),
                ("Odense".to_string(), Label::Loc, 62, 68),
                ("Odenses".to_string(), Label::Loc, 92, 99),
            ]
        );
    }

    #[test]
    fn a_head_is_a_whole_token() {
        let t = tagger();
        // A digit or a combining mark after the head's letters: the word is no head, and the
        // place stays a place.
        for text in ["Odense kommune2 i dag", "Odense kommune\u{32a}x i dag"] {
            let found: Vec<(&str, Label)> = t
                .tag_text(text, 0)
                .into_iter()
                .map(|m| (m.text(text), m.label))
                .collect();
            assert_eq!(found, [("Odense", Label::Loc)], "{text:?}");
        }
    }
}
