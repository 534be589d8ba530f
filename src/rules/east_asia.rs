//! Names of East Asia that no list holds, told by their syllables ([`crate::syllables`]): a
//! Chinese given name in pinyin after a surname of the list (`Li Qiang`, `Wang Yi`), a Korean
//! or Taiwanese given name of two syllables joined by a hyphen after one (`Yoon Suk-yeol`,
//! `Tsai Ing-wen`, `Son Heung-min`), and two words made of Japanese morae the first of which
//! the lists know nothing of (`Shinzo Abe`, `Kento Momota`, `Hayao Miyazaki`).
//!
//! The lists of first names hold the given names of Europe and of those borne in Denmark, so
//! such a name was no name, a given name alone (`Qiang`), or a place (`Miyazaki`). No gold
//! set has many: UNER's news of the 1990s names Chinese and Korean leaders its lists hold
//! (`Li Peng`, `Kim Il Sung`), DaN+ none; the pattern is for the news, sport and culture of
//! today (badminton's `Shi Yuqi` and `Kento Momota`, Korea's presidents).

use crate::label::{Label, Method};
use crate::lexicon::Lexicon;
use crate::syllables::{MIN_FAMILY_MORAE, MIN_GIVEN_MORAE};

use super::{proposal, View, Work};

/// Makes each pair of tokens that the syllables say is a name of East Asia a person's mention:
/// a word that may begin one ([`View::may_begin_east_asian_name`]) and the capitalised token
/// right after it across plain space, the two alone (no capitalised token right after them, nor
/// right before them but a genitive: `Kinas Li Qiang`), where no chosen mention covers them
/// both (`Hong Kong`, `Xi Jinping`) and the first is no chosen mention of another label
/// (`Kobe Osaka`, two cities); a mention inside them gives way (`Qiang`, `Miyazaki`).
///
/// - After a listed surname, the given name is a word of pinyin (`Qiang`, `Dan`), or a
///   hyphenated one (`Suk-yeol`); the surname may not open a clause (`Han`), nor, before
///   one syllable of pinyin, be a frequent word at a sentence start (`Min Fan`), where it is
///   that word (but `Li Keqiang`).
///   Capitalised mid-sentence, a surname that is also a word of informal Danish is the
///   surname (`Li`, `Son`). Neither word may open a clause (`Li Men`).
/// - Else the first word is one that the lists know nothing of, made of three Japanese morae
///   or more, and the second is made of two or more, which the lists may know (`Abe`, a
///   word; `Osaka`, a city), but for a first name or a patronymic ([`japanese`]).
///
/// A word twice is no name (`Bang Bang`, a song).
pub(crate) fn find(doc: &View, work: &mut Work) {
    let names = doc.lexicon.east_asian_names();
    let mut found = Vec::new();
    // The feature pass noted the words that may begin such a name; most documents have none.
    for i in doc.forms_where(View::may_begin_east_asian_name) {
        let k = i + 1;
        if !doc.before_capitalised(i) || doc.before_capitalised(k) || doc.opens_clause(k) {
            continue;
        }
        let before = doc
            .token_before(i)
            .is_some_and(|p| doc.is_capitalised(p) && !doc.tok(p).ends_with('s'));
        if before || doc.opens_clause(i) {
            continue;
        }
        let given = doc.tok(k);
        // `Bang Bang`, a song: a word twice is no name.
        if given == doc.tok(i) {
            continue;
        }
        let name = if doc.lexicon.is_east_asian_surname(doc.tok(i)) {
            // `Min Fan` at a sentence start: the word `min`, before a syllable that is a word
            // too. Before two syllables or more (`Li Keqiang`), a name: a capitalised Danish
            // word that splits into pinyin (`Hansen`) is itself a name there.
            let word_at_start = || doc.is_common_word(i) && doc.starts_sentence(i);
            names.is_hyphenated_name(given)
                || names
                    .pinyin_syllables(given)
                    .is_some_and(|n| n > 1 || !word_at_start())
        } else {
            japanese(doc, k)
        };
        // Not a name of another label of the gazetteers (`Kobe Osaka`), nor one that covers
        // both words.
        let (start, end) = (doc.tokens[i].start, doc.tokens[k].end);
        let other = work
            .overlapping(start, doc.tokens[i].end)
            .is_some_and(|m| work.chosen[m].label != Label::Per);
        if name && !other && !work.covers(start, end) {
            found.push(proposal(start, end, Label::Per, Method::Pattern));
        }
    }
    work.add(found, true);
}

/// Whether `word`, which the lists know nothing of, may be a Japanese given name: made of
/// [`MIN_GIVEN_MORAE`] morae or more, and like no Danish noun: no definite form in `-en`
/// (`Paraden`), no compound ending in a frequent word (`Kokkepige`). Asked by the feature
/// pass of each new word the lists know nothing of.
pub(super) fn may_be_japanese(lexicon: &Lexicon, word: &str) -> bool {
    !word.ends_with("en")
        && lexicon
            .east_asian_names()
            .is_romanised_japanese(word, MIN_GIVEN_MORAE)
        && !lexicon.ends_in_common_word(word)
}

/// Whether token `k` is the family name of a Japanese name after a token that may be a given
/// name ([`may_be_japanese`]): made of two morae or more, and no first name and no patronymic
/// of the lists (`Panorama Mette`, `Panorama Hansen`: a word and a Danish name, both made of
/// morae).
fn japanese(doc: &View, k: usize) -> bool {
    doc.lexicon
        .east_asian_names()
        .is_romanised_japanese(doc.tok(k), MIN_FAMILY_MORAE)
        && !doc.may_be_first_name(k)
        && !doc.is_patronymic(k)
}

#[cfg(test)]
mod tests {
    use crate::rules::{labelled_by, tagger_of, tagger_with, Layer, Layers};
    use crate::Label;

    /// The persons `text` has, with the person patterns alone.
    fn persons(text: &str) -> Vec<String> {
        let t = tagger_with("", "", Layers::none().with(Layer::PersonPatterns, true));
        labelled_by(&t, text)
            .into_iter()
            .filter(|(_, l)| *l == Label::Per)
            .map(|(m, _)| m)
            .collect()
    }

    #[test]
    fn chinese_korean_and_japanese_names_by_their_syllables() {
        assert_eq!(
            persons("Blinken mødte Wang Yi og premierminister Li Qiang i går."),
            ["Wang Yi", "Li Qiang"]
        );
        assert_eq!(
            persons("Valget stod mellem Yoon Suk-yeol og Lee Jae-myung, mens Son Heung-min så."),
            ["Yoon Suk-yeol", "Lee Jae-myung", "Son Heung-min"]
        );
        assert_eq!(
            persons("I finalen slog Kento Momota og Shinzo Abe hinanden."),
            ["Kento Momota", "Shinzo Abe"]
        );
        // After a genitive too, and at a sentence start, where `Li` is a word, before two
        // syllables.
        assert_eq!(persons("Kinas Li Qiang kom."), ["Li Qiang"]);
        assert_eq!(persons("Li Keqiang døde i 2023."), ["Li Keqiang"]);
    }

    #[test]
    fn words_of_danish_are_no_names_of_east_asia() {
        for text in [
            // A surname that opens a clause, or a frequent word before pinyin at a sentence
            // start (`Han Sang`, `Min Fan`); a word that opens a clause as the given name
            // (`Men`); a word that is no pinyin (`Lars`).
            "Han Sang for os.",
            "Min Fan kom.",
            "Det ved Li Men ikke.",
            "Det ved Wang Lars.",
            // Danish words and names made of morae.
            "Panorama Mette kom.",
            "Panorama Hansen kom.",
            "Paraden Momota gik.",
            "Kokkepige Momota gik.",
        ] {
            assert!(
                !persons(text).iter().any(|p| p.contains(' ')),
                "{text}: {:?}",
                persons(text)
            );
        }
        // A run of three capitalised words: not its first two.
        assert!(!persons("Han kom med Wang Yi Ling.").contains(&"Wang Yi".to_string()));
    }

    #[test]
    fn a_listed_name_stays_and_one_inside_gives_way() {
        let places = "id\tname\taliases\nhk\tHong Kong\t\nm\tMiyazaki\t\nk\tKobe\t\n";
        let t = tagger_of(places, "");
        let found = labelled_by(&t, "Fra Hong Kong og Kobe Miyazaki med Hayao Miyazaki.");
        let loc = |s: &str| (s.to_string(), Label::Loc);
        assert_eq!(
            found,
            [
                loc("Hong Kong"),
                loc("Kobe"),
                loc("Miyazaki"),
                ("Hayao Miyazaki".to_string(), Label::Per)
            ]
        );
    }
}
