//! Surnames of Eastern and Southern Europe, Finland, the Caucasus, Turkey and the
//! Spanish-speaking world that no list holds, alone: `Budanov`, `Zaluzhnyj`, `Plenković`,
//! `Georgescu`, `Mitsotakis`, `Rodríguez`, `Räikkönen`. Their endings
//! (`gazetteers/rules/surname_endings.txt`) are those of no Danish word, and such a word
//! stands in Danish news for a person far more often than for a place or a firm: in UNER
//! train, 22 of the 26 capitalised words with these endings, leaving out the `not` endings of
//! Danish places (`Nakskov`, `Haslev`), are a person's name or part of one; the rest are
//! `Slavonski` of `Slavonski Brod`, not alone, `Iliescus` (his party) and two words. The three
//! words with a Spanish patronymic's ending (`-ez`, `-iz`) and the one with an Italian ending
//! (`Raffaelli`) are each part of a person's name.

use crate::label::{Label, Method};

use super::{proposal, View, Work};

/// Makes each word that the feature pass took for a foreign surname
/// ([`View::is_foreign_surname`]: in title case, no hyphen, known to no list but maybe as a
/// surname borne in Denmark) a person's mention where it stands alone (no capitalised token
/// right before or after it across plain space), or after a given name that no list knows
/// ([`super::person::given_name_before`]: `Aryna Sabalenka`), and overlaps no mention: the
/// layers before found what context says of it (a place after `i`, a name after a first name
/// or a title).
pub(crate) fn find(doc: &View, work: &mut Work) {
    let mut found = Vec::new();
    // The feature pass noted the tokens of such words; most documents have none.
    for i in doc.forms_where(View::is_foreign_surname) {
        let t = doc.tokens[i];
        if doc.before_capitalised(i) {
            continue;
        }
        // Alone, or after a given name that no list knows (`Aryna Sabalenka`).
        let start = match doc.token_before(i).filter(|&k| doc.is_capitalised(k)) {
            None => t.start,
            Some(_) => match super::person::given_name_before(doc, i) {
                Some(p) => doc.tokens[p].start,
                None => continue,
            },
        };
        if work.overlapping(start, t.end).is_none() {
            found.push(proposal(start, t.end, Label::Per, Method::Pattern));
        }
    }
    work.add(found, true);
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

    #[test]
    fn a_lone_word_with_a_foreign_surname_ending_is_a_person() {
        assert_eq!(
            found("Kritikken rammer Budanov, og Plenkovićs regering svarer Georgescu."),
            [
                ("Budanov".to_string(), Label::Per),
                ("Plenkovićs".to_string(), Label::Per),
                ("Georgescu".to_string(), Label::Per)
            ]
        );
        // After a given name that no list knows (`Aryna`), the two; not after a frequent
        // word (`Mange`) or a capitalised word at a sentence start.
        assert_eq!(
            found("Finalen vandt Aryna Sabalenka. Mange Sabalenka."),
            [("Aryna Sabalenka".to_string(), Label::Per)]
        );
        // Women's forms: Belarusian `-enka`, Lithuanian `-ytė`; not the dance `Jenka`.
        assert_eq!(
            found("Finalen vandt Sabalenka, og Šimonytė kom. Jenka danses."),
            [
                ("Sabalenka".to_string(), Label::Per),
                ("Šimonytė".to_string(), Label::Per)
            ]
        );
        // Spanish patronymics and `-iz`, `-az`, `-oz` after the letters that such surnames
        // have before them.
        assert_eq!(
            found("Målet scorede Rodríguez, og Ortiz og Muñoz kom ind. Det ved Márquez."),
            [
                ("Rodríguez".to_string(), Label::Per),
                ("Ortiz".to_string(), Label::Per),
                ("Muñoz".to_string(), Label::Per),
                ("Márquez".to_string(), Label::Per)
            ]
        );
        // Italian and Finnish endings.
        assert_eq!(
            found("Det mener Ancelotti, og Räikkönen og Hämäläinen er enige."),
            [
                ("Ancelotti".to_string(), Label::Per),
                ("Räikkönen".to_string(), Label::Per),
                ("Hämäläinen".to_string(), Label::Per)
            ]
        );
    }

    #[test]
    fn danish_words_and_names_in_a_run_are_left_alone() {
        // `Nakskov` and `Haslev` end in a `not` ending; `Budanov Hotel` is a run of two
        // capitalised words, `Ivov` too short, `Zaluzhnyj-planen` a compound.
        assert!(found("Nakskov og Haslev, Budanov Hotel, Ivov og Zaluzhnyj-planen.").is_empty());
        // A name of several words is the person patterns' (`Leonid Budanov`), not two.
        assert_eq!(
            found("Det ved Leonid Budanov."),
            [("Leonid Budanov".to_string(), Label::Per)]
        );
    }
}
