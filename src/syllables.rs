//! Names of East Asia, told by their syllables (`gazetteers/rules/east_asian_names.txt`).
//!
//! The name lists hold few Chinese, Korean or Japanese given names, and the ones they hold are
//! the few borne in Denmark or common abroad: `Li Qiang`, `Yoon Suk-yeol` and `Shinzo Abe` were
//! no name or half of one. But the syllables such names are made of form small, closed sets:
//! a Chinese given name is one to three syllables of pinyin after one of about two hundred
//! surnames; a Korean or Taiwanese one, two syllables joined by a hyphen after such a surname;
//! a Japanese name, two words made of the morae of Hepburn romanisation. [`EastAsianNames`]
//! holds the sets and tells whether a word is made of them; the `east_asia` step of the
//! person patterns reads the words' neighbours.

use crate::error::{Error, Result};
use crate::word_class::{kind_word_lines, pack};

/// The most syllables of a Chinese given name (`Jinping`, `Keqiang`; `Xiaoping`).
const MAX_PINYIN_SYLLABLES: usize = 3;

/// The most letters of a part of a hyphenated given name (`Suk-yeol`, `Ing-wen`, `Geun-hye`):
/// a syllable of Korean or of Wade-Giles is shorter (`hyeon`, `hsien`).
const MAX_SYLLABLE_LETTERS: usize = 5;

/// The fewest morae of the family name, the second word of a Japanese name (`Abe`, `Suga`:
/// two).
pub(crate) const MIN_FAMILY_MORAE: usize = 2;

/// The fewest morae of the given name, the first word of a Japanese name (`Shinzo`, `Kento`,
/// `Hayao`: three): Danish words of two are many (`Pen`, `Maja`).
pub(crate) const MIN_GIVEN_MORAE: usize = 3;

/// The most morae of a word of a Japanese name (`Yoshihide`: five): a longer word made of
/// morae is more likely a word of another language than a name.
const MAX_MORAE: usize = 7;

/// The most bytes of a word whose syllables are looked for: a longer one is no given name.
const MAX_WORD_BYTES: usize = 24;

/// The syllables and morae of `east_asian_names.txt` (its surnames the lexicon keeps).
#[derive(Clone, Debug, Default)]
pub(crate) struct EastAsianNames {
    /// `pinyin` lines, each packed into a number (the word lists' [`pack`]), sorted: looked up
    /// with no hash.
    pinyin: Vec<u64>,
    /// `mora` lines, likewise.
    morae: Vec<u64>,
    /// The most bytes of a syllable of [`EastAsianNames::pinyin`].
    longest_syllable: usize,
    /// The most bytes of a mora of [`EastAsianNames::morae`].
    longest_mora: usize,
}

impl EastAsianNames {
    /// Reads the lines of `east_asian_names.txt`: `surname WORD`, `pinyin SYLLABLE` or
    /// `mora MORA`; `#` starts a comment line. Keeps the syllables and morae, and gives back
    /// the surnames, which the lexicon keeps with the words as written, where the feature pass
    /// reads them in the one lookup it makes of every new token
    /// ([`crate::Lexicon::is_east_asian_surname`]).
    pub(crate) fn add_lines<'t>(&mut self, text: &'t str) -> Result<Vec<&'t str>> {
        let mut surnames = Vec::new();
        for line in kind_word_lines(text) {
            let (n, kind, word) = line?;
            let sound =
                (1..=8).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_lowercase());
            match kind {
                "surname" => surnames.push(word),
                "pinyin" | "mora" if !sound => {
                    return Err(Error::gazetteer(format!(
                        "a {kind} is one to eight ASCII letters in lowercase, got {word:?}"
                    ))
                    .with_line(n))
                }
                "pinyin" => {
                    self.longest_syllable = self.longest_syllable.max(word.len());
                    insert_sorted(&mut self.pinyin, pack(word.as_bytes()));
                }
                "mora" => {
                    self.longest_mora = self.longest_mora.max(word.len());
                    insert_sorted(&mut self.morae, pack(word.as_bytes()));
                }
                _ => return Err(Error::gazetteer(format!("unknown kind {kind:?}")).with_line(n)),
            }
        }
        Ok(surnames)
    }

    /// If `word` is a Chinese given name in pinyin, in title case and of one to
    /// [`MAX_PINYIN_SYLLABLES`] listed syllables (`Qiang`, `Keqiang`, `Xiaobo`), how many
    /// syllables it has (the fewest it splits into).
    pub(crate) fn pinyin_syllables(&self, word: &str) -> Option<usize> {
        let lower = title_case_ascii(word)?;
        let lower = &lower[..word.len()];
        fewest_parts(lower, &self.pinyin, self.longest_syllable, |_, _| None)
            .filter(|&n| n <= MAX_PINYIN_SYLLABLES)
    }

    /// Whether `word` is a given name of two syllables joined by a hyphen, as Korean and
    /// Taiwanese given names are written (`Suk-yeol`, `Jae-in`, `Ing-wen`): its first letter
    /// its only capital (not `Jae-In`), each part of one to [`MAX_SYLLABLE_LETTERS`] ASCII
    /// letters with a vowel.
    pub(crate) fn is_hyphenated_name(&self, word: &str) -> bool {
        let Some((first, second)) = word.split_once('-') else {
            return false;
        };
        let syllable = |p: &[u8]| {
            (1..=MAX_SYLLABLE_LETTERS).contains(&p.len())
                && p.iter().all(u8::is_ascii_lowercase)
                && p.iter().any(|b| b"aeiouy".contains(b))
        };
        title_case_ascii(first).is_some_and(|f| syllable(&f[..first.len()]))
            && syllable(second.as_bytes())
    }

    /// Whether `word` is a word of a Japanese name: in title case, of `min_morae` to
    /// [`MAX_MORAE`] morae of Hepburn romanisation (`Shinzo`, `Abe`, `Ohtani`), as listed, or a
    /// syllabic `n` before a consonant or at the end (`Kento`), or the first of a doubled
    /// consonant (`Hokkaido`, `Matcha`).
    pub(crate) fn is_romanised_japanese(&self, word: &str, min_morae: usize) -> bool {
        // Most Danish words end in a consonant: told from the last byte, before the copy.
        if !matches!(
            word.as_bytes().last(),
            Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'n')
        ) {
            return false;
        }
        let Some(lower) = title_case_ascii(word) else {
            return false;
        };
        // Most words are turned down by their letters, one pair at a time, before the walk: a
        // mora has no `l`, `q`, `v` or `x`, and two consonants meet only as a doubled one
        // (`kk`, `tch`), after a syllabic `n` or the `h` of a long `oh`, or in `sh`, `ch`, `ts`
        // and before a `y` (`ky`).
        let bytes = &lower[..word.len()];
        let vowel = |c: u8| b"aeiou".contains(&c);
        let foreign = |pair: &[u8]| {
            let (a, b) = (pair[0], pair[1]);
            let cluster = !vowel(a) && !vowel(b) && {
                let joined = a == b && b"kstp".contains(&a)
                    || a == b'n'
                    || a == b'h'
                    || matches!((a, b), (b's' | b'c', b'h') | (b't', b's' | b'c'))
                    || b == b'y' && b"kgnhmrbp".contains(&a);
                !joined
            };
            cluster || b"lqvx".contains(&a) || a == b'c' && b != b'h'
        };
        if bytes.windows(2).any(foreign) {
            return false;
        }
        let extra = |w: &[u8], i: usize| {
            let (b, next) = (w[i], w.get(i + 1).copied());
            let vowel_or_y = |c: u8| b"aeiouy".contains(&c);
            let syllabic_n = b == b'n' && next.is_none_or(|c| !vowel_or_y(c));
            let doubled =
                next.is_some_and(|c| b"kstp".contains(&b) && c == b || b == b't' && c == b'c');
            (syllabic_n || doubled).then_some(1)
        };
        fewest_parts(bytes, &self.morae, self.longest_mora, extra)
            .is_some_and(|n| (min_morae..=MAX_MORAE).contains(&n))
    }
}

/// `word`'s bytes in lowercase, in a buffer of [`MAX_WORD_BYTES`] (the first `word.len()`
/// of them), if it is in title case, of ASCII letters only and no longer (`Qiang`, not
/// `QIANG`, `Xi'an` or `Zhōu`): on the stack, as it is asked of new words of every text.
fn title_case_ascii(word: &str) -> Option<[u8; MAX_WORD_BYTES]> {
    let bytes = word.as_bytes();
    let ok = bytes.len() <= MAX_WORD_BYTES
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes[1..].iter().all(u8::is_ascii_lowercase);
    ok.then(|| {
        let mut lower = [0; MAX_WORD_BYTES];
        lower[..bytes.len()].copy_from_slice(bytes);
        lower[0] = lower[0].to_ascii_lowercase();
        lower
    })
}

/// Inserts `key` into `sorted` where it belongs, once.
fn insert_sorted(sorted: &mut Vec<u64>, key: u64) {
    if let Err(at) = sorted.binary_search(&key) {
        sorted.insert(at, key);
    }
}

/// The fewest parts `w` (lowercase ASCII, at most [`MAX_WORD_BYTES`]) splits into, each a
/// member of `parts` (keys of [`pack`], sorted; of at most `longest` bytes) or a part of the
/// length that `extra` gives at that byte, if any; `None` if it does not split. A walk over
/// the word's bytes, each asked once, with no allocation: linear in its length.
fn fewest_parts(
    w: &[u8],
    parts: &[u64],
    longest: usize,
    extra: impl Fn(&[u8], usize) -> Option<usize>,
) -> Option<usize> {
    debug_assert!(w.len() <= MAX_WORD_BYTES);
    // `fewest[i]`: the fewest parts of `w[..i]`, `u8::MAX` if it does not split.
    let mut fewest = [u8::MAX; MAX_WORD_BYTES + 1];
    fewest[0] = 0;
    for i in 0..w.len() {
        let here = fewest[i];
        if here == u8::MAX {
            continue;
        }
        let mut reach = |len: usize| fewest[i + len] = fewest[i + len].min(here + 1);
        for len in 1..=longest.min(w.len() - i) {
            if parts.binary_search(&pack(&w[i..i + len])).is_ok() {
                reach(len);
            }
        }
        if let Some(len) = extra(w, i) {
            reach(len);
        }
    }
    (fewest[w.len()] != u8::MAX).then(|| usize::from(fewest[w.len()]))
}

#[cfg(test)]
mod tests {
    use super::{EastAsianNames, MIN_FAMILY_MORAE, MIN_GIVEN_MORAE};

    fn names() -> EastAsianNames {
        let mut n = EastAsianNames::default();
        n.add_lines(include_str!("../gazetteers/rules/east_asian_names.txt"))
            .unwrap();
        n
    }

    #[test]
    fn pinyin_given_names_are_one_to_three_syllables() {
        let n = names();
        for w in [
            "Qiang", "Yi", "Keqiang", "Xiaobo", "Jinping", "Enlai", "Huning", "Leji",
        ] {
            assert!(n.pinyin_syllables(w).is_some(), "{w}");
        }
        // Not pinyin, too many syllables, or not in title case. (Some Danish names are pinyin,
        // `Hansen`, which is why a listed surname must come first.)
        for w in [
            "Peter",
            "Jensen",
            "Zii",
            "Xiaopingxiaoping",
            "qiang",
            "QIANG",
            "Xi'an",
            "",
        ] {
            assert!(n.pinyin_syllables(w).is_none(), "{w}");
        }
        assert_eq!(n.pinyin_syllables("Qiang"), Some(1));
        assert_eq!(n.pinyin_syllables("Keqiang"), Some(2));
    }

    #[test]
    fn hyphenated_given_names_are_two_short_syllables() {
        let n = names();
        for w in [
            "Suk-yeol", "Jae-in", "Jong-un", "Ing-wen", "Ching-te", "Ki-moon",
        ] {
            assert!(n.is_hyphenated_name(w), "{w}");
        }
        for w in [
            "Jae",
            "Jae-In",
            "Hans-aftenen",
            "EU-landene",
            "Gaza-striben",
            "Ab-cd-ef",
        ] {
            assert!(!n.is_hyphenated_name(w), "{w}");
        }
    }

    #[test]
    fn japanese_words_are_made_of_morae() {
        let n = names();
        for w in [
            "Shinzo",
            "Abe",
            "Kento",
            "Momota",
            "Ohtani",
            "Shohei",
            "Fumio",
            "Kishida",
            "Hokkaido",
            "Yoshihide",
            "Suga",
            "Hayao",
            "Miyazaki",
        ] {
            assert!(n.is_romanised_japanese(w, MIN_FAMILY_MORAE), "{w}");
        }
        // A letter no mora has, a consonant at the end, too few or too many morae, not in
        // title case.
        for w in [
            "Lars",
            "Peter",
            "Volvo",
            "Kamp",
            "A",
            "Yokohamanagasakikobe",
            "shinzo",
        ] {
            assert!(!n.is_romanised_japanese(w, MIN_FAMILY_MORAE), "{w}");
        }
        // A given name has three morae or more.
        for (w, given) in [
            ("Shinzo", true),
            ("Kento", true),
            ("Abe", false),
            ("Pen", false),
        ] {
            assert_eq!(n.is_romanised_japanese(w, MIN_GIVEN_MORAE), given, "{w}");
        }
    }

    #[test]
    fn a_line_of_an_unknown_kind_or_a_syllable_not_in_ascii_fails() {
        let mut n = EastAsianNames::default();
        assert!(n.add_lines("surname Wang\nname Li\n").is_err());
        assert!(n.add_lines("pinyin zhōu\n").is_err());
        assert!(n.add_lines("Wang\n").is_err());
    }
}
