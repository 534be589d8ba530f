//! Lowercasing without allocation: words of ASCII and Latin-1 letters lowercased in place,
//! a byte or eight bytes at a time, on the stack, with their hash worked out as they go.

use std::borrow::Cow;
use std::hash::Hasher;

#[cfg(test)]
use super::word_table::Set;
use super::word_table::{word_hash, WordHasher};
use crate::text::{ascii_between, HI};

/// `word` in lowercase, borrowed when it already is. Not only uppercase letters change:
/// titlecase ones do too (`ǅ` → `ǆ`, `ᾈ` → `ᾀ`).
pub(super) fn lowercase(word: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        c.is_uppercase() || !c.is_ascii() && !c.is_lowercase() && c.to_lowercase().ne([c])
    };
    if word.chars().any(changes) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Byte `j` of `word` lowercased, where lowercasing keeps every byte in place: ASCII, and the
/// Latin-1 letters `C3 xx` (`Ø` → `ø` is `C3 98` → `C3 B8`). `None` for any other byte, whose
/// character's lowercase form needs decoding.
#[inline]
pub(super) fn latin1_lower(word: &[u8], j: usize) -> Option<u8> {
    let b = word[j];
    match b {
        0..=0x7F => Some(b.to_ascii_lowercase()),
        0xC3 => Some(b),
        0x80..=0xBF if j > 0 && word[j - 1] == 0xC3 => Some(match b {
            0x80..=0x9E if b != 0x97 => b + 0x20,
            _ => b,
        }),
        _ => None,
    }
}

/// Whether `set` holds `word` in lowercase, without allocating for short ASCII-and-Danish
/// words (the lookups run for every capitalised token).
#[cfg(test)]
pub(super) fn contains_lowercase(set: &Set, word: &str) -> bool {
    with_lowercase(word, |w, _| set.contains(w))
}

/// The high bit of each byte of `x` that is zero (exact, byte by byte: no carries).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & !HI) + !HI) | x) & HI
}

/// Eight bytes of a word, packed ([`crate::word_class::pack`]: zero past the word's end),
/// each lowercased as [`latin1_lower`] lowercases it, the byte before them being `before`
/// (any byte but `C3` at the word's start); `None` where that has no answer for one.
#[inline(always)]
fn latin1_lower_word(x: u64, before: u8) -> Option<u64> {
    let upper = ascii_between(x, b'A' - 1, b'Z' + 1);
    let high = x & HI;
    if high == 0 {
        return Some(x | upper >> 2);
    }
    let c3 = crate::text::LO * 0xC3;
    let after_c3 = zero_bytes((x << 8 | u64::from(before)) ^ c3);
    // A byte from 0x80 up that neither is `C3` nor follows one: another character's.
    if high & !(after_c3 | zero_bytes(x ^ c3)) != 0 {
        return None;
    }
    // After `C3`, the capitals `À` to `Þ` but `×`: the bytes 0x80 to 0x9E but 0x97, whose low
    // seven bits are below 0x1F and not 0x17. `| 0x20` makes them lowercase, as it does the
    // ASCII capitals.
    let low = x & !HI;
    let below = !(low + crate::text::LO * (0x80 - 0x1F));
    let capital = high & after_c3 & below & !zero_bytes(low ^ (crate::text::LO * 0x17));
    Some(x | (upper | capital) >> 2)
}

/// What `f` says of `word` in lowercase and its [`word_hash`], without allocating for short
/// ASCII-and-Danish words ([`lowercase_into`], as [`Lexicon::lowercase_bits`] does).
///
/// [`Lexicon::lowercase_bits`]: super::Lexicon::lowercase_bits
pub(super) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str, u64) -> R) -> R {
    let mut buf = [0u8; 64];
    match lowercase_into(word, &mut buf) {
        Some((lower, hash)) => f(lower, hash),
        None => {
            let lower = lowercase(word);
            f(&lower, word_hash(&lower))
        }
    }
}

/// `word` in lowercase ([`latin1_lower_word`]), written to the start of `buf`, and its
/// [`word_hash`]; `None` where it does not fit or needs more than ASCII and Latin-1.
#[inline(always)]
pub(super) fn lowercase_into<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<(&'b str, u64)> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    let mut hash = WordHasher::default();
    let mut before = 0;
    for (at, chunk) in bytes.chunks(8).enumerate() {
        // The last chunk packed, zero above the word, which lowercasing keeps: the hash of
        // the lowercase bytes is folded in as `word_hash` folds them.
        let x = crate::word_class::pack(chunk);
        let lower = latin1_lower_word(x, before)?;
        hash.mix(lower);
        buf[8 * at..8 * at + 8].copy_from_slice(&lower.to_le_bytes());
        before = (x >> 56) as u8;
    }
    let lower = &buf[..bytes.len()];
    debug_assert!(std::str::from_utf8(lower).is_ok());
    // SAFETY: `word` is UTF-8, and `latin1_lower_word` changes only ASCII letters, to ASCII
    // letters, and the second byte of a two-byte sequence `C3 xx`, to another continuation
    // byte: every sequence stays whole and valid.
    Some((
        unsafe { std::str::from_utf8_unchecked(lower) },
        hash.finish(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Lowercasing eight bytes at a time lowercases each byte as [`latin1_lower`] does,
        /// and gives up exactly where it does; the lookup's lowercase word and hash are the
        /// word's in lowercase and that word's hash, for words of every Latin-1 letter, other
        /// scripts and words longer than the lookup's buffer.
        #[test]
        fn words_lowercase_as_their_bytes(
            word in "([a-zA-Z0-9À-ÿ§¤-]|\\PC){0,24}",
            long in proptest::bool::ANY,
        ) {
            let word = if long { format!("{}{word}", "Å".repeat(33)) } else { word };
            let bytes = word.as_bytes();
            let by_byte: Option<Vec<u8>> =
                (0..bytes.len()).map(|j| latin1_lower(bytes, j)).collect();
            let mut by_word = Some(Vec::new());
            let mut before = 0;
            for chunk in bytes.chunks(8) {
                let x = crate::word_class::pack(chunk);
                match (latin1_lower_word(x, before), &mut by_word) {
                    (Some(l), Some(v)) => v.extend_from_slice(&l.to_le_bytes()[..chunk.len()]),
                    _ => by_word = None,
                }
                before = chunk[chunk.len() - 1];
            }
            prop_assert_eq!(&by_word, &by_byte, "{:?}", word);
            let lower = word.to_lowercase();
            let (w, hash) = with_lowercase(&word, |w, hash| (w.to_string(), hash));
            prop_assert_eq!(&w, &lower);
            prop_assert_eq!(hash, word_hash(&lower), "{:?}", word);
        }
    }
}
