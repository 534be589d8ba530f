//! Public bodies named by a place and a lowercase head (`Odense kommune`, `Frederikshavn
//! politi`, `Vejle amts`): the place mention grows over the head and becomes one organisation,
//! as Danish news writes them and as the Danish gold standards mark them.

use crate::label::{Label, Method};
use crate::tokens::strip_genitive;

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
        // `Københavns byret`, `Palermos byråd`: a place in the genitive owns the body and
        // stays a place of its own.
        let written = m.text(text);
        let base = strip_genitive(written);
        let forms = || matcher.entry(entry).surface_forms();
        if base != written && forms().any(|f| f == base) && !forms().any(|f| f == written) {
            continue;
        }
        let Some(rest) = text[m.byte_end..].strip_prefix(' ') else {
            continue;
        };
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..len];
        if word.is_empty()
            || !word.starts_with(char::is_lowercase)
            || !lexicon.org_heads().is_lower(word)
        {
            continue;
        }
        let end = m.byte_end + 1 + len;
        if chosen.get(k + 1).is_some_and(|n| n.byte_start < end) {
            continue;
        }
        chosen[k] = proposal(chosen[k].byte_start, end, Label::Org, Method::Pattern);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Gazetteer, Label, Tagger};

    #[test]
    fn a_place_and_a_lowercase_head_are_one_organisation() {
        let mut g = Gazetteer::new();
        let places = "id\tname\taliases\no\tOdense\t\nf\tFrederikshavn\t\n";
        g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
        let t = Tagger::new(g).unwrap();
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
}
