//! Acronyms that no list holds: `DKA blev ramt`, `et NWO forsøg`, `FISA tvang ACO`,
//! `DGO's udtalelse`. A word of three to five capitals that is no word names an
//! organisation far more often than anything else in Danish text (a union, a federation, a
//! broadcaster, a paper), and no list can hold every one of them.
//!
//! A first name alone in capitals that the person patterns found (`kører ACO en sag mod FIA`)
//! is such an acronym too, and becomes an organisation.
//!
//! Capitals have other uses, which the step turns down: a word of a headline or of shouting
//! in capitals (a word in capitals stands next to it: `HVAD SKER DER`), a word written in
//! capitals (`DET er`, `AIDS`: [`crate::lexicon::Lexicon::is_short_word`]), a roman numeral
//! (`XIV`), a drawn-out cry (`DDDDD`), and an interjection, which stands alone or ends its
//! clause (`PLZ?`, `for cool OMFG!`, `- HOLLA!`): an acronym is followed by the lowercase word
//! that goes on with the sentence.

use crate::label::{Label, Method};
use crate::lexicon::Lexicon;
use crate::mention::Mention;
use crate::tokens::{strip_genitive, Token};

use super::{proposal, View, Work};

/// The fewest and the most letters of an acronym. Two capitals are as often initials, a
/// nickname or an abbreviation of something else (`JJ`, `RS`, `XD`); more than five are seldom
/// unlisted acronyms.
const LETTERS: std::ops::RangeInclusive<usize> = 3..=5;

/// Adds, as an organisation found by pattern, each acronym ([`is_acronym`]) that has no word
/// in capitals right before it, that a lowercase word follows across plain space, and that no
/// mention overlaps but a person's name found by pattern that is the acronym alone, which
/// becomes an organisation.
pub(crate) fn find(doc: &View, work: &mut Work) {
    let mut found = Vec::new();
    // The feature pass worked out which words are acronyms (few are), once for each word a
    // thread meets, and noted the tokens of such words.
    for i in doc.forms_where(View::is_acronym) {
        let t = doc.tokens[i];
        let next = i + 1;
        let lowercase_follows = next < doc.tokens.len()
            && doc.spaced(t.end, doc.tokens[next].start)
            && doc.tok(next).starts_with(char::is_lowercase);
        if !lowercase_follows || doc.token_before(i).is_some_and(|k| doc.is_caps_word(k)) {
            continue;
        }
        match work.overlapping(t.start, t.end) {
            None => found.push(proposal(t.start, t.end, Label::Org, Method::Pattern)),
            // A first name alone in capitals (`FIA`, `ACO`), which the person patterns found,
            // is an acronym too.
            Some(k) if is_lone_name_by_pattern(&work.chosen[k], t) => {
                work.chosen[k].label = Label::Org;
            }
            Some(_) => {}
        }
    }
    work.add(found, false);
}

/// Whether `m` is a person's name found by pattern that is token `t` alone.
fn is_lone_name_by_pattern(m: &Mention, t: Token) -> bool {
    m.label == Label::Per
        && m.method == Method::Pattern
        && (m.byte_start, m.byte_end) == (t.start, t.end)
}

/// Whether the capitalised `token` is an acronym, alone or in the genitive (`DKA`, `DGO's`,
/// `DGOs`): [`LETTERS`] capitals that are no word
/// ([`crate::lexicon::Lexicon::is_short_word`]: not `DET`, `AIDS`, `NYT`), not all of them
/// roman numerals (`XIV`) and no letter three times in a row (`DDDDD`).
pub(super) fn is_acronym(lexicon: &Lexicon, token: &str) -> bool {
    // Most capitalised tokens are turned down by their second byte (`Hansen`, `Søren`, `C4`).
    if !second_may_be_capital(token.as_bytes()) {
        return false;
    }
    let stem = strip_genitive(token);
    is_acronym_shaped(stem) && !lexicon.is_short_word(&stem.to_lowercase())
}

/// Whether the token of bytes `word`, which starts with a capital, may have a capital second:
/// false for most tokens (`Hansen`, `Søren`, `C4`), told from the byte after the first. A
/// token whose first letter is no ASCII one (`ØK`) is asked in full.
#[inline(always)]
fn second_may_be_capital(word: &[u8]) -> bool {
    match word {
        // `A`–`Z`, a Latin-1 capital (`À`–`Þ`, which `Æ`, `Ø` and `Å` are among) or a
        // letter of another script second.
        &[first, second, third, ..] if first < 0x80 => match second {
            b'A'..=b'Z' => true,
            0xC3 => third <= 0x9E,
            _ => second >= 0x80,
        },
        // Three bytes or more, the first of a letter of more than one byte.
        [_, _, _, ..] => true,
        // Fewer than three bytes: no acronym.
        _ => false,
    }
}

/// Whether `stem` is [`LETTERS`] capital letters, not all of them roman numerals (`XIV`), and
/// no letter three times in a row (`DDDDD`).
fn is_acronym_shaped(stem: &str) -> bool {
    let mut n = 0;
    let mut roman = true;
    let mut last = ['\0'; 2];
    for c in stem.chars() {
        if !c.is_uppercase() || n == *LETTERS.end() || last == [c, c] {
            return false;
        }
        roman &= matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M');
        last = [last[1], c];
        n += 1;
    }
    LETTERS.contains(&n) && !roman
}

#[cfg(test)]
mod tests {
    use super::{is_acronym, is_acronym_shaped};
    use crate::rules::{found_by, tagger_of};
    use crate::{Label, Tagger};

    #[test]
    fn an_acronym_is_three_to_five_capitals() {
        for (stem, yes) in [
            ("DKA", true),
            ("ETAHS", true),
            ("DFÅ", true),
            ("JJ", false),
            ("ABCDEF", false),
            ("XIV", false),
            ("MCM", false),
            ("CIK", true),
            ("DDDDD", false),
            ("SÅÅÅ", false),
            ("SÅÅ", true),
            ("DK2", false),
            ("DkA", false),
        ] {
            assert_eq!(is_acronym_shaped(stem), yes, "{stem}");
        }
    }

    #[test]
    fn an_acronym_is_no_word_alone_or_in_the_genitive() {
        let lex = crate::lexicon::Lexicon::shipped().unwrap();
        for (token, yes) in [
            ("DKA", true),
            ("DGO's", true),
            ("DGOs", true),
            ("DGO’s", true),
            ("ØKT", true),
            ("DET", false),
            ("AIDS", false),
            ("NYT", false),
            ("SØREN", false),
            ("Hansen", false),
            ("Søren", false),
            ("ØK", false),
            ("C4", false),
        ] {
            assert_eq!(is_acronym(&lex, token), yes, "{token}");
        }
    }

    /// A tagger whose one entry is the organisation `NATO`.
    fn tagger() -> Tagger {
        tagger_of("", "id\tname\taliases\nn\tNATO\t\n")
    }

    #[test]
    fn an_unlisted_acronym_before_a_lowercase_word_is_an_organisation() {
        let t = tagger();
        let org = |n: &str, m: &str| (n.to_string(), Label::Org, m.to_string());
        let text = "Det er ikke for sjov at DKA blev ramt. Læs DGO's udtalelse og DGOs svar. \
                    FISA tvang dem, og NATO sagde nej. ACO fører sag mod FIA for tabet.";
        assert_eq!(
            found_by(&t, text),
            [
                org("DKA", "pattern"),
                org("DGO's", "pattern"),
                org("DGOs", "pattern"),
                org("FISA", "pattern"),
                org("NATO", "gazetteer"),
                org("ACO", "pattern"),
                org("FIA", "pattern"),
            ]
        );
    }

    #[test]
    fn words_headlines_numerals_and_cries_in_capitals_are_no_acronyms() {
        let t = tagger();
        for text in [
            "DET er godt, og AIDS er en sygdom.",
            "Det står i kapitel XIV om det.",
            "Jeg råber DDDDD hele tiden.",
            "HVAD SKER DER nu?",
            // A word in capitals with a decomposed letter (`Å` as `A` and a ring) is one too.
            "I A\u{30a}RHUS DKA blev ramt.",
            "I dag TRE gange.",
            "Giv mig et tegn ... PLZ?",
            "Du er for cool OMFG!",
            "- HOLLA!",
            "Både DKA, DKR, NWO.",
            "Den hedder DkA her.",
        ] {
            assert!(
                found_by(&t, text).is_empty(),
                "{text}: {:?}",
                found_by(&t, text)
            );
        }
    }
}
