//! An organisation's branch in a country (`Microsoft Danmark`, `Greenpeace Danmark`, `Coop
//! Danmark`, `Amnesty International Danmark`): the organisation's name and the country after
//! it are one organisation, as present-day news names national branches, subsidiaries and
//! sections, where the gazetteers and the head patterns found an organisation and a place.
//!
//! The countries are the `branch` words of `org_heads.txt` ([`crate::lexicon::Heads::is_branch`]):
//! the Nordic ones and the region, in Danish and English. A clause's subject and its object
//! can stand so too (`nu forlader Maersk Danmark`), which is much the rarer reading in news.

use crate::label::{Label, Method};
use crate::mention::Mention;
use crate::tokens::token_from;

use super::{proposal, View, Work};

/// Extends each organisation in `chosen` (sorted, none overlapping) that starts with a
/// capital and that one space and a `branch` word follow over the word, as an organisation
/// found by pattern; the word's own mention (the listed country) goes. Linear in the number
/// of mentions.
pub(crate) fn join_countries(doc: &View, work: &mut Work) {
    let chosen = &mut work.chosen;
    // Most documents have no organisation that a capitalised word follows: nothing is looked
    // at further, and nothing before the first one moves. From there, mentions are moved down
    // over the countries taken in: `write` is where the next one kept goes, `read` the next
    // one to look at.
    let Some(first) = chosen.iter().position(|m| may_branch(doc.text, m)) else {
        return;
    };
    let (mut read, mut write) = (first, first);
    while read < chosen.len() {
        let mut next = read + 1;
        if let Some((end, takes_next)) = branch_end(doc, &chosen[read], chosen.get(read + 1)) {
            chosen[read] = proposal(chosen[read].byte_start, end, Label::Org, Method::Pattern);
            next += usize::from(takes_next);
        }
        if write != read {
            chosen.swap(write, read);
        }
        write += 1;
        read = next;
    }
    chosen.truncate(write);
}

/// Where the branch of the organisation `m` ends, if a `branch` word follows it after one
/// space, and whether it takes in `next`, the mention after `m`: only a place that is the
/// word alone may be taken in.
fn branch_end(doc: &View, m: &Mention, next: Option<&Mention>) -> Option<(usize, bool)> {
    let text = doc.text;
    // A name found by pattern starts with a capital: so does the organisation (not `3F`).
    if !may_branch(text, m) || !m.text(text).starts_with(char::is_uppercase) {
        return None;
    }
    let start = m.byte_end + 1;
    if !text[start..].starts_with(char::is_uppercase) {
        return None;
    }
    let word = token_from(text, start);
    if !doc.lexicon.org_heads().is_branch(word.text(text)) {
        return None;
    }
    match next {
        Some(n) if n.byte_start < word.end => {
            let alone = n.byte_start == start && n.byte_end == word.end && n.label == Label::Loc;
            alone.then_some((word.end, true))
        }
        _ => Some((word.end, false)),
    }
}

/// Whether `m` is an organisation that a space and a byte that may begin a capital follow:
/// every `branch` word is capitalised, and most mentions are turned down by the two bytes
/// after them, a space and an ASCII byte that is no capital.
#[inline(always)]
fn may_branch(text: &str, m: &Mention) -> bool {
    let after = text.as_bytes().get(m.byte_end..m.byte_end + 2);
    matches!(after, Some(&[b' ', b]) if b.is_ascii_uppercase() || !b.is_ascii())
        && m.label == Label::Org
}

#[cfg(test)]
mod tests {
    use crate::rules::{found_by, tagger_of, tagger_with, Layer, Layers};
    use crate::{Label, Tagger};

    /// A tagger whose only gazetteer entries are the places `Danmark` and `Norge` and the
    /// organisations `Microsoft`, `Greenpeace` and `Novo Nordisk`.
    fn tagger() -> Tagger {
        tagger_of(
            "id\tname\taliases\nd\tDanmark\t\nn\tNorge\t\n",
            "id\tname\taliases\nm\tMicrosoft\t\ng\tGreenpeace\t\nn\tNovo Nordisk\t\n",
        )
    }

    fn found(text: &str) -> Vec<(String, Label, String)> {
        found_by(&tagger(), text)
    }

    fn org(name: &str, method: &str) -> (String, Label, String) {
        (name.to_string(), Label::Org, method.to_string())
    }

    fn loc(name: &str) -> (String, Label, String) {
        (name.to_string(), Label::Loc, "gazetteer".to_string())
    }

    #[test]
    fn an_organisation_and_a_country_after_it_are_one_organisation() {
        assert_eq!(
            found("Ifølge Microsoft Danmark og Greenpeace Norge stiger den."),
            [
                org("Microsoft Danmark", "pattern"),
                org("Greenpeace Norge", "pattern")
            ]
        );
        // Two in a row, each with its own country; the country alone stays a place.
        assert_eq!(
            found("Microsoft Danmark Greenpeace Danmark i Danmark"),
            [
                org("Microsoft Danmark", "pattern"),
                org("Greenpeace Danmark", "pattern"),
                loc("Danmark")
            ]
        );
    }

    #[test]
    fn only_a_country_of_the_list_right_after_an_organisation_is_taken_in() {
        // Not in the genitive, not after a place or across more than one space or a comma,
        // not a country of no `branch` line, and not a word that goes on after the country.
        for text in [
            "Nu er Novo Nordisk Danmarks største selskab.",
            "Fra Norge Danmark rundt.",
            "Microsoft  Danmark og Microsoft, Danmark.",
            "Microsoft Tyskland og Microsoft Danmark-afdelingen.",
            "microsoft Danmark",
        ] {
            let found = found(text);
            assert!(
                found
                    .iter()
                    .all(|(m, _, _)| !m.contains(' ') || m == "Novo Nordisk"),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn the_org_patterns_layer_switches_it() {
        let without = Layers::all().with(Layer::OrgPatterns, false);
        let t = tagger_with("", "id\tname\taliases\nm\tMicrosoft\t\n", without);
        let text = "Ifølge Microsoft Danmark stiger den.";
        assert_eq!(found_by(&t, text), [org("Microsoft", "gazetteer")]);
    }

    #[test]
    fn a_speaker_is_no_person_for_a_country_at_the_end() {
        // `oplyser Finans Danmark`: after a speech verb, a name of several words is a
        // person's where its last word is a surname, and `Danmark` is one (borne by 160
        // people). A `branch` word is not read so.
        let t = tagger_of(
            "id\tname\taliases\nd\tDanmark\t\n",
            "id\tname\taliases\nf\tFinans\t\n",
        );
        assert_eq!(
            found_by(&t, "Det oplyser Finans Danmark."),
            [org("Finans Danmark", "pattern")]
        );
        assert_eq!(
            found_by(&t, "Det oplyser Mette Danmark."),
            [(
                "Mette Danmark".to_string(),
                Label::Per,
                "pattern".to_string()
            )]
        );
    }
}
