//! A name alone joined by `og` to a person's name is a person's too: `Clinton og Gore`,
//! `Kamala Harris og Walz`, `Lavesen og Grues`. Danish news names two people side by side
//! (running mates, a pair of players, a couple), and the second is often a surname alone that
//! no list holds. In UNER train, of the capitalised words alone after a person's name and
//! `og` or `eller`, 14 of 16 are people; the other two are an acronym (`ALS`) and a compound
//! with a hyphen (`FN-folk`), which the step leaves alone. The people's names of two words or
//! more there (27 of 27 after a person and `og`) the person patterns find themselves.

use crate::label::{Label, Method};

use super::{proposal, View, Work};

/// The fewest characters of a name alone after `og`: `Co` of `Hansen og Co.` is none.
const MIN_CHARS: usize = 3;

/// Makes each word alone after `og` right after a chosen person's name a person's mention:
/// a word in title case ([`MIN_CHARS`] or more letters, lowercase after the first, so no
/// acronym or compound with a hyphen) with one space before and after `og`, no capitalised token
/// right after it, that no chosen mention overlaps, and that is no frequent word, noun in the
/// definite form or head of a name (`Mette Frederiksen og Regeringen`, `Peter og Ulven`,
/// `Hans Jensen og Søn`).
pub(crate) fn find(doc: &View, work: &mut Work) {
    let mut found = Vec::new();
    // The people found are few in a document; most are followed by no `og`.
    for m in work.chosen.iter().filter(|m| m.label == Label::Per) {
        let Some(i) = joined_after(doc, m.byte_end) else {
            continue;
        };
        let t = doc.tokens[i];
        if work.overlapping(t.start, t.end).is_none() {
            found.push(proposal(t.start, t.end, Label::Per, Method::Pattern));
        }
    }
    work.add(found, false);
}

/// The index of the token that is a name alone joined by ` og ` to a name ending at byte
/// `end` ([`find`]), if one is.
fn joined_after(doc: &View, end: usize) -> Option<usize> {
    // Most names are followed by no ` og `, told from four bytes, before the tokens are
    // searched for the word after it.
    const OG: &[u8] = b" og ";
    if doc.text.as_bytes().get(end..end + OG.len()) != Some(OG) {
        return None;
    }
    let at = end + OG.len();
    let i = doc.token_at(at);
    let t = doc.tokens.get(i).filter(|t| t.start == at)?;
    let word = t.text(doc.text);
    let mut chars = word.chars();
    let title_case = chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && word.chars().nth(MIN_CHARS - 1).is_some();
    let alone = title_case
        && !doc.before_capitalised(i)
        && !doc.is_plain_word(i)
        && !doc.is_unnamed_definite(i)
        && !doc.is_any_head(i);
    alone.then_some(i)
}

#[cfg(test)]
mod tests {
    use crate::rules::{labelled_by, tagger_with, Layer, Layers};
    use crate::Label;

    /// The names `text` has, with their labels, with the person patterns alone.
    fn found(text: &str) -> Vec<(String, Label)> {
        let t = tagger_with("", "", Layers::none().with(Layer::PersonPatterns, true));
        labelled_by(&t, text)
    }

    fn people(names: &[&str]) -> Vec<(String, Label)> {
        names.iter().map(|n| (n.to_string(), Label::Per)).collect()
    }

    #[test]
    fn a_word_alone_after_a_person_and_og_is_a_person() {
        assert_eq!(
            found("Han mødte Kamala Harris og Walz i går."),
            people(&["Kamala Harris", "Walz"])
        );
        // In the genitive too, and after a name that is a surname alone.
        assert_eq!(
            found("Det var Bill Clinton og Gores plan."),
            people(&["Bill Clinton", "Gores"])
        );
    }

    #[test]
    fn words_and_other_names_after_og_are_left_alone() {
        // A frequent word, a noun in the definite form, a head, a word too short.
        for (text, word) in [
            ("Det sagde Mette Frederiksen og Mange i går.", "Mange"),
            (
                "Det sagde Mette Frederiksen og Regeringen i går.",
                "Regeringen",
            ),
            ("Det ejer Hans Jensen og Søn nu.", "Søn"),
            ("Det ejer Hans Jensen og Co nu.", "Co"),
        ] {
            let names = found(text);
            assert!(
                names.contains(&("Hans Jensen".to_string(), Label::Per))
                    || names.contains(&("Mette Frederiksen".to_string(), Label::Per)),
                "{text}: {names:?}"
            );
            assert!(names.iter().all(|(n, _)| n != word), "{text}: {names:?}");
        }
        // An acronym, a compound with a hyphen, a name of two words (the person patterns'),
        // a word after `og` across a comma or a line break.
        assert_eq!(
            found("Han takkede Erik Hansen og ALS, Colm Doyle og FN-folk."),
            people(&["Erik Hansen", "Colm Doyle"])
        );
        assert_eq!(
            found("Det sagde Erik Hansen, og Walz svarede."),
            people(&["Erik Hansen"])
        );
    }
}
