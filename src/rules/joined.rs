//! A name alone joined by `og` to a name is a name of the same kind: `Tesanj og Travnik`,
//! `Yamaha og Enghave Motor`, `Geleff og Brix`, `i Gazastriben og Rafah`, `Novo Nordisk og
//! Genmab`, `Kamala Harris og Walz`. Danish news names two of a kind side by side (towns,
//! firms, running mates), and the one alone is often a word that no list holds.
//!
//! In UNER train, of the capitalised words alone right before `og` and a name, 9 of 10 are
//! names of its kind before a person (one is part of a longer name), 30 of 31 before a place
//! and 31 of 33 before an organisation. Of those right after a name and `og` or `eller`, 14 of
//! 16 are people after a person, 31 of 36 places after a place (4 part of a longer place's
//! name, one a noun in the definite form, `Biografen`) and 16 of 20 organisations after an
//! organisation (3 part of a longer name, one a person). The others are acronyms (`EF`,
//! `ALS`), a compound with a hyphen (`FN-folk`), nouns in the definite form and parts of
//! longer names, which the step leaves alone.

use crate::label::{Label, Method};
use crate::mention::Mention;
use crate::tokens::is_title_case;

use super::{proposal, View, Work};

/// The fewest characters of a name alone next to `og`: `Co` of `Hansen og Co.` is none.
const MIN_CHARS: usize = 3;

/// `og` between two names, with one space on each side.
const OG: &[u8; 4] = b" og ";

/// Makes each word alone ([`is_alone`]) right before or after ` og ` and a chosen name a
/// mention of that name's kind, where no chosen mention overlaps it: a person's with
/// `person-patterns` on, a place's with `place-patterns`, an organisation's with
/// `org-patterns`; none next to a name of a user's own kind ([`Label::Custom`]), and no first
/// name in use in Denmark next to a place or an organisation.
pub(crate) fn find(doc: &View, work: &mut Work) {
    let bytes = doc.text.as_bytes();
    // Whether ` og ` stands at byte `at`: one load and compare of four bytes. (An `at` that
    // wrapped below zero asks for an empty range, which `get` refuses.)
    let og_at = |at: usize| {
        bytes
            .get(at..at.wrapping_add(OG.len()))
            .is_some_and(|four| four == OG)
    };
    let mut found = Vec::new();
    // A document has few names, and most have no ` og ` next to them, which is all the loop
    // asks of them; of the rest, most are joined to another chosen name (`Danmark og
    // Sverige`), told from its neighbour in the list.
    let chosen = &work.chosen;
    for (k, m) in chosen.iter().enumerate() {
        let before = og_at(m.byte_start.wrapping_sub(OG.len()))
            && (k == 0 || chosen[k - 1].byte_end + OG.len() != m.byte_start);
        let after = og_at(m.byte_end)
            && chosen
                .get(k + 1)
                .is_none_or(|n| n.byte_start != m.byte_end + OG.len());
        if before || after {
            joined_to(doc, work, m, (before, after), &mut found);
        }
    }
    work.add(found, false);
}

/// Adds to `found` the words alone joined by ` og ` to `m`, which `before` and `after` say
/// stands before and after it ([`find`]).
#[cold]
#[inline(never)]
fn joined_to(
    doc: &View,
    work: &Work,
    m: &Mention,
    (before, after): (bool, bool),
    found: &mut Vec<Mention>,
) {
    // The kinds of a user's gazetteers have no pattern layer: no evidence says how they pair.
    if !work.layers.finds_by_pattern(m.label) {
        return;
    }
    let before = before.then(|| word_before(doc, m.byte_start)).flatten();
    let after = after.then(|| word_after(doc, m.byte_end)).flatten();
    // A first name in use in Denmark next to a place or an organisation is a person's
    // (`København og Pernille`), which the person patterns find.
    let person = |i: usize| doc.may_be_first_name(i) && doc.first_name_is_danish(i);
    for i in before.into_iter().chain(after) {
        if m.label != Label::Per && person(i) {
            continue;
        }
        let t = doc.tokens[i];
        // A word between two names (`Harris og Walz og Biden`) is found once.
        let new = found.last().is_none_or(|f| f.byte_start < t.start);
        if new && work.overlapping(t.start, t.end).is_none() {
            found.push(proposal(t.start, t.end, m.label, Method::Pattern));
        }
    }
}

/// The index of the token alone ([`is_alone`]) right before ` og ` and a name that starts at
/// byte `start` (` og ` stands before it), if one is: not at a sentence start, nor after a
/// capitalised token across plain space.
fn word_before(doc: &View, start: usize) -> Option<usize> {
    let end = start - OG.len();
    let i = doc.token_at(end).checked_sub(1)?;
    let lone = doc.tokens[i].end == end
        && is_alone(doc, i)
        && !doc.starts_sentence(i)
        && doc.token_before(i).is_none_or(|p| !doc.is_capitalised(p));
    lone.then_some(i)
}

/// The index of the token alone ([`is_alone`]) right after a name that ends at byte `end`
/// and ` og ` (which stands after it), if one is: no capitalised token follows it across
/// plain space.
fn word_after(doc: &View, end: usize) -> Option<usize> {
    let at = end + OG.len();
    let i = doc.token_at(at);
    let lone = doc.tokens.get(i)?.start == at && is_alone(doc, i) && !doc.before_capitalised(i);
    lone.then_some(i)
}

/// Whether token `i` may be a name alone: a word in title case ([`MIN_CHARS`] or more
/// letters, lowercase after the first, so no acronym or compound with a hyphen) that is no
/// frequent word, noun in the definite form or head of a name (`Mette Frederiksen og
/// Regeringen`, `Peter og Ulven`, `Hans Jensen og Søn`).
fn is_alone(doc: &View, i: usize) -> bool {
    let word = doc.tok(i);
    is_title_case(word)
        && word.chars().nth(MIN_CHARS - 1).is_some()
        && !doc.is_plain_word(i)
        && !doc.is_unnamed_definite(i)
        && !doc.is_any_head(i)
}

#[cfg(test)]
mod tests {
    use crate::rules::{found_by, labelled_by, tagger_with, Layer, Layers};
    use crate::Label;

    /// The names `text` has, with their labels, with every layer on and the gazetteers
    /// `places` and `orgs` (`id`, name).
    fn found(text: &str) -> Vec<(String, Label)> {
        let places = "id\tname\taliases\nt\tTravnik\t\nb\tBosnien\t\n";
        let orgs = "id\tname\taliases\ne\tEnghave Motor\t\n";
        let t = tagger_with(places, orgs, Layers::all());
        labelled_by(&t, text)
    }

    fn names(names: &[(&str, Label)]) -> Vec<(String, Label)> {
        names.iter().map(|&(n, l)| (n.to_string(), l)).collect()
    }

    #[test]
    fn a_word_alone_after_a_person_and_og_is_a_person() {
        assert_eq!(
            found("Han mødte Kamala Harris og Walz i går."),
            names(&[("Kamala Harris", Label::Per), ("Walz", Label::Per)])
        );
        // In the genitive too, and after a name that is a surname alone.
        assert_eq!(
            found("Det var Kamala Harris og Walz' plan."),
            names(&[("Kamala Harris", Label::Per), ("Walz'", Label::Per)])
        );
    }

    #[test]
    fn a_word_alone_after_a_place_or_organisation_and_og_is_one_too() {
        let places = "id\tname\taliases\nk\tKhan Younis\t\nc\tKøbenhavn\t\n";
        let orgs = "id\tname\taliases\nn\tNovo Nordisk\t\n";
        let text = "Kampene i Khan Younis og Jabalia fortsætter, i København og Biografen. \
            Aktierne i Novo Nordisk og Genmab steg, og København og Pernille. Xyzby og Rafah.";
        let t = tagger_with(places, orgs, Layers::all());
        let by_pattern = |t: &crate::Tagger| -> Vec<(String, Label)> {
            found_by(t, text)
                .into_iter()
                .filter(|(_, _, method)| method == "pattern")
                .map(|(m, label, _)| (m, label))
                .collect()
        };
        // Not a noun in the definite form (`Biografen`), nor a word after a name that no list
        // holds (`Xyzby og Rafah`); a first name is a person's.
        assert_eq!(
            by_pattern(&t),
            names(&[
                ("Jabalia", Label::Loc),
                ("Genmab", Label::Org),
                ("Pernille", Label::Per)
            ])
        );
        // Without the person patterns, the first name is no place either; the organisation
        // is found with the organisation patterns alone.
        let t = tagger_with(
            places,
            orgs,
            Layers::all().with(Layer::PersonPatterns, false),
        );
        assert_eq!(
            by_pattern(&t),
            names(&[("Jabalia", Label::Loc), ("Genmab", Label::Org)])
        );
        let t = tagger_with(places, orgs, Layers::none().with(Layer::OrgPatterns, true));
        assert_eq!(by_pattern(&t), names(&[("Genmab", Label::Org)]));
    }

    #[test]
    fn a_word_alone_before_og_and_a_name_is_a_name_of_its_kind() {
        assert_eq!(
            found("Kampene gik mod Tesanj og Travnik i går."),
            names(&[("Tesanj", Label::Loc), ("Travnik", Label::Loc)])
        );
        assert_eq!(
            found("Han har købt via Yamaha og Enghave Motor i år."),
            names(&[("Yamaha", Label::Org), ("Enghave Motor", Label::Org)])
        );
        assert_eq!(
            found("Der var både Walz og Kamala Harris i går."),
            names(&[("Walz", Label::Per), ("Kamala Harris", Label::Per)])
        );
    }

    #[test]
    fn words_and_other_names_next_to_og_are_left_alone() {
        // A frequent word, a noun in the definite form, a head, a word too short.
        for (text, word) in [
            ("Det sagde Mette Frederiksen og Mange i går.", "Mange"),
            (
                "Det sagde Mette Frederiksen og Regeringen i går.",
                "Regeringen",
            ),
            ("Det ejer Hans Jensen og Søn nu.", "Søn"),
            ("Det ejer Hans Jensen og Co nu.", "Co"),
            (
                "Det sagde Regeringen og Mette Frederiksen i går.",
                "Regeringen",
            ),
        ] {
            let names = found(text);
            assert!(names.iter().all(|(n, _)| n != word), "{text}: {names:?}");
            // The name beside it is found (`Hans Jensen og Co` is a firm's).
            assert!(!names.is_empty(), "{text}");
        }
        // An acronym, a compound with a hyphen, after a comma, at a sentence start, after
        // another capitalised word.
        assert_eq!(
            found("Han takkede Erik Hansen og ALS, Colm Doyle og FN-folk."),
            names(&[("Erik Hansen", Label::Per), ("Colm Doyle", Label::Per)])
        );
        assert_eq!(
            found("Det sagde Erik Hansen, og Walz svarede."),
            names(&[("Erik Hansen", Label::Per)])
        );
        assert_eq!(
            found("Tesanj og Travnik ligger i Bosnien."),
            names(&[("Travnik", Label::Loc), ("Bosnien", Label::Loc)])
        );
    }
}
