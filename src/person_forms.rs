//! The short forms of a gazetteer person's name that alias resolution
//! (the `aliases` layer) looks for later in a document: the surname (`Stoltenberg` of Jens
//! Stoltenberg) and, for a name of three words or more, first name and surname. The
//! [`crate::Matcher`] works them out once per entry when it is built, rather than every
//! document that names the person cutting the name again.

use std::ops::Range;

use crate::gazetteer::Entry;
use crate::matcher::EntryId;
use crate::text::{ascii_between, HI};
use crate::tokens::{is_capitalised, next_token};

/// The short forms a gazetteer person's name makes for alias resolution ([`person_forms`]), as
/// byte ranges of the name: worked out once per entry when the [`crate::Matcher`] is built
/// ([`crate::Matcher::person_forms`]) rather than in every document that names the person. Ten
/// bytes an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PersonForms {
    /// Not worked out (no person's entry, or a name too long for the ranges): cut the name.
    Unknown,
    /// The name makes no short forms.
    None,
    /// The surname `name[last[0]..last[1]]` is a short form; so is the first name
    /// `name[first[0]..first[1]]` + surname when that range is not empty.
    Some { last: [u16; 2], first: [u16; 2] },
}

impl PersonForms {
    /// The short forms of a person's entry named `name`.
    pub(crate) fn of(name: &str) -> PersonForms {
        if name.len() > usize::from(u16::MAX) {
            return PersonForms::Unknown;
        }
        let at = |r: &Range<usize>| [r.start as u16, r.end as u16];
        match person_forms(name) {
            None => PersonForms::None,
            Some((last, first)) => PersonForms::Some {
                last: at(&last),
                first: first.as_ref().map_or([0, 0], at),
            },
        }
    }

    /// The forms as [`person_forms`] gives them; `None` when not worked out.
    #[allow(clippy::type_complexity)]
    pub(crate) fn ranges(self) -> Option<Option<(Range<usize>, Option<Range<usize>>)>> {
        let range = |[start, end]: [u16; 2]| usize::from(start)..usize::from(end);
        match self {
            PersonForms::Unknown => None,
            PersonForms::None => Some(None),
            PersonForms::Some { last, first } => Some(Some((
                range(last),
                (first[0] < first[1]).then(|| range(first)),
            ))),
        }
    }
}

/// The first name + surname pairs of the entries' `forms`, by entry.
pub(crate) fn person_pairs(entries: &[Entry], forms: &[PersonForms]) -> Vec<(EntryId, Box<str>)> {
    let mut pairs = Vec::new();
    for (i, (e, f)) in entries.iter().zip(forms).enumerate() {
        if let Some(Some((last, Some(first)))) = f.ranges() {
            pairs.push((
                EntryId(i as u32),
                name_pair(&e.name[first], &e.name[last]).into(),
            ));
        }
    }
    pairs
}

/// The short form of first name `first` + surname `surname`: the two, a space between.
pub(crate) fn name_pair(first: &str, surname: &str) -> String {
    let mut pair = String::with_capacity(first.len() + 1 + surname.len());
    pair.push_str(first);
    pair.push(' ');
    pair.push_str(surname);
    pair
}

/// The short forms of the person's name `name`: the range of its surname, when the name has
/// two words or more, all capitalised or short, and the surname is capitalised and three
/// characters or more; with the range of its first name when it has three words or more, for
/// the pair of first name and surname.
pub(crate) fn person_forms(name: &str) -> Option<(Range<usize>, Option<Range<usize>>)> {
    // A word neither capitalised nor short makes no short forms.
    let NameWords { first, last, count } = name_words(name)?;
    let surname = &name[last.clone()];
    (count >= 2 && surname.chars().count() >= 3 && is_capitalised(surname))
        .then(|| (last, (count >= 3).then_some(first)))
}

/// A person's name as alias resolution reads it: its first and last words and how many there
/// are.
#[derive(Debug, PartialEq)]
struct NameWords {
    first: Range<usize>,
    last: Range<usize>,
    count: usize,
}

/// The words of the name `name`, unless one is neither capitalised nor short (`van`, `de`):
/// cut as [`next_token`] cuts them, in one pass over the bytes for a name of ASCII letters
/// and digits, Latin-1 letters and single spaces, as most are ([`plain_name_words`]).
fn name_words(name: &str) -> Option<NameWords> {
    plain_name_words(name).unwrap_or_else(|| cut_name_words(name))
}

/// Whether a word of a person's name lets the name have short forms: capitalised or short.
fn fits(word: &str) -> bool {
    is_capitalised(word) || word.len() <= 3
}

/// [`name_words`] of a name of only ASCII letters and digits, Latin-1 letters (`ø`, `é`)
/// and spaces, whose words are the runs between the spaces; `None` for any other name. The
/// bytes taken are those [`next_token`] takes for word characters (`0xC3` and a second byte
/// other than those of `×` and `÷`); ASCII letters and digits are passed eight bytes at a
/// time.
fn plain_name_words(name: &str) -> Option<Option<NameWords>> {
    let b = name.as_bytes();
    let mut words = NameWords {
        first: 0..0,
        last: 0..0,
        count: 0,
    };
    let mut i = 0;
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if i == b.len() {
            return Some(Some(words));
        }
        let start = i;
        loop {
            i = alphanumeric_run_end(b, i);
            match b.get(i) {
                None | Some(b' ') => break,
                Some(0xC3) if !matches!(b[i + 1], 0x97 | 0xB7) => i += 2,
                _ => return None,
            }
        }
        // [`fits`], from the first bytes: an ASCII capital, or a Latin-1 one (`À` to `Þ`).
        let capitalised = match b[start] {
            b'A'..=b'Z' => true,
            0xC3 => b[start + 1] <= 0x9E,
            _ => false,
        };
        if !(capitalised || i - start <= 3) {
            return Some(None);
        }
        if words.count == 0 {
            words.first = start..i;
        }
        words.last = start..i;
        words.count += 1;
    }
}

/// Where the run of ASCII letters and digits from byte `i` of `b` ends, eight bytes at a
/// time.
fn alphanumeric_run_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let x = eight_bytes(b, i);
        let alphanumeric = ascii_between(x, b'0' - 1, b'9' + 1)
            | ascii_between(x, b'A' - 1, b'Z' + 1)
            | ascii_between(x, b'a' - 1, b'z' + 1);
        let n = (!alphanumeric & HI).trailing_zeros() as usize / 8;
        i += n;
        if n < 8 {
            break;
        }
    }
    i.min(b.len())
}

/// The eight bytes of `b` from `i` (`i < b.len()`) as a little-endian word, with zero bytes
/// past the end.
#[inline]
fn eight_bytes(b: &[u8], i: usize) -> u64 {
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().expect("eight bytes"));
    match b.get(i..i + 8) {
        Some(c) => word(c),
        // The last eight bytes, shifted down to start at `i`.
        None if b.len() >= 8 => word(&b[b.len() - 8..]) >> (8 * (i + 8 - b.len())),
        None => b[i..].iter().rev().fold(0, |x, &c| (x << 8) | u64::from(c)),
    }
}

/// [`name_words`] of any name, cut by [`next_token`].
fn cut_name_words(name: &str) -> Option<NameWords> {
    let mut words = NameWords {
        first: 0..0,
        last: 0..0,
        count: 0,
    };
    let mut pos = 0;
    while let Some(t) = next_token(name, pos) {
        if !fits(t.text(name)) {
            return None;
        }
        if words.count == 0 {
            words.first = t.start..t.end;
        }
        words.last = t.start..t.end;
        words.count += 1;
        pos = t.end;
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass cut of plain names finds the words [`next_token`] cuts.
        #[test]
        fn plain_names_are_cut_as_tokens(name in "[ aAzZ09øØéÞß×÷.'-]{0,20}") {
            if let Some(words) = plain_name_words(&name) {
                proptest::prop_assert_eq!(words, cut_name_words(&name));
            }
        }

    }
}
