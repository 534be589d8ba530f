//! Whole words hashed and found: the hash of the lists ([`WordHasher`]), sets and maps with
//! it, a table of bits, the filter in front of a lookup ([`WordFilter`]) and the table that
//! looks a word up by the hash the filter worked out ([`WordTable`]).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hash of words eight bytes at a time, each word folded in by a multiply whose high and low
/// halves are joined (so every bit of the hash depends on every byte): the lists are looked
/// up for many tokens per document, and the default SipHash, or a hash of a byte at a time
/// (FNV-1a), costs more than the lookups themselves. The keys come from the shipped lists,
/// not from the text, so there is no flooding to defend against.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            self.mix(crate::word_class::pack(chunk));
        }
    }
}

impl WordHasher {
    /// Folds in the next eight bytes of a word, packed ([`crate::word_class::pack`]).
    #[inline(always)]
    pub(super) fn mix(&mut self, x: u64) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let product = u128::from(self.0 ^ x) * u128::from(K);
        self.0 = product as u64 ^ (product >> 64) as u64;
    }
}

/// A set of words, hashed with [`WordHasher`].
pub(crate) type Set = HashSet<String, BuildHasherDefault<WordHasher>>;
/// A map from words, hashed with [`WordHasher`].
pub(crate) type Map<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A table of `2^n` bits, one per key: what the word filters keep ([`WordFilter`] below, and
/// [`super::ends::EndFilter`] and [`super::ends::TailFilter`]), each of its own keys.
#[derive(Clone, Debug)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    /// `2^n` clear bits, `n` at least 6.
    pub(super) fn new(n: u32) -> Bits {
        Bits(vec![0; 1 << (n - 6)])
    }

    /// Sets bit `k`.
    pub(super) fn set(&mut self, k: usize) {
        self.0[k >> 6] |= 1 << (k & 63);
    }

    /// Whether bit `k` is set.
    #[inline]
    pub(super) fn has(&self, k: usize) -> bool {
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// A quick answer for most words to "is this word one of a set?": one bit per hash of a
/// whole word as written ([`WordHasher`]), in a table of 2^18 bits. A clear bit is a sure no;
/// a set bit sends the word on to the exact lookup, which costs several times the hash.
#[derive(Clone, Debug)]
pub(super) struct WordFilter {
    bits: Bits,
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter {
            bits: Bits::new(18),
        }
    }
}

impl WordFilter {
    pub(super) fn insert(&mut self, word: &str) {
        self.bits.set(Self::key(word_hash(word)));
    }

    /// False only if `word` was not added.
    #[inline]
    pub(super) fn may_hold(&self, word: &str) -> bool {
        self.may_hold_hashed(word_hash(word))
    }

    /// [`WordFilter::may_hold`] of the word whose [`word_hash`] is `hash`.
    #[inline]
    pub(super) fn may_hold_hashed(&self, hash: u64) -> bool {
        self.bits.has(Self::key(hash))
    }

    /// An 18-bit hash of a word whose [`word_hash`] is `hash`: its top bits.
    #[inline]
    fn key(hash: u64) -> usize {
        (hash >> 46) as usize
    }
}

/// The [`WordHasher`] hash of `word`'s bytes.
#[inline]
pub(super) fn word_hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Words and a value for each, found by their [`word_hash`]: the hash a [`WordFilter`] in
/// front of the table works out serves the lookup too, where a `HashMap` would hash the word
/// again (and once more for the end of a `str`), and a lookup is a load or two and one compare
/// of the word.
#[derive(Clone, Debug)]
pub(super) struct WordTable<V> {
    /// Open addressing: per slot, the low half of a word's hash and one more than its index in
    /// `words`, or `(0, 0)` for an empty slot. A power of two, at most half full, so that a
    /// probe ends at an empty slot soon.
    slots: Vec<(u32, u32)>,
    /// The words, their hashes and values, in the order added.
    words: Vec<(Box<str>, u64, V)>,
}

impl<V> Default for WordTable<V> {
    fn default() -> WordTable<V> {
        WordTable {
            slots: vec![(0, 0); 16],
            words: Vec::new(),
        }
    }
}

impl<V: Default> WordTable<V> {
    /// The value of `word`, whose [`word_hash`] is `hash`.
    #[inline]
    pub(super) fn get_hashed(&self, word: &str, hash: u64) -> Option<&V> {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(hash);
        loop {
            let (tag, index) = self.slots[slot];
            if index == 0 {
                return None;
            }
            if tag == hash as u32 {
                let (w, _, v) = &self.words[index as usize - 1];
                if **w == *word {
                    return Some(v);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Every word and its value, in the order added.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.words.iter().map(|(w, _, v)| (&**w, v))
    }

    /// The value of `word`.
    #[cfg(test)]
    pub(super) fn get(&self, word: &str) -> Option<&V> {
        self.get_hashed(word, word_hash(word))
    }

    /// The value of `word`, added as the default if missing.
    pub(super) fn entry(&mut self, word: &str) -> &mut V {
        let hash = word_hash(word);
        let index = match self.index_of(word, hash) {
            Some(index) => index,
            None => {
                if 2 * (self.words.len() + 1) > self.slots.len() {
                    self.grow();
                }
                self.words.push((word.into(), hash, V::default()));
                self.place(hash, self.words.len());
                self.words.len() - 1
            }
        };
        &mut self.words[index].2
    }

    /// The index in `words` of `word`, whose hash is `hash`.
    fn index_of(&self, word: &str, hash: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(hash);
        loop {
            match self.slots[slot] {
                (_, 0) => return None,
                (_, index) if *self.words[index as usize - 1].0 == *word => {
                    return Some(index as usize - 1)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Puts the word of hash `hash`, number `number` (its index plus one), in the first empty
    /// slot of its probe.
    fn place(&mut self, hash: u64, number: usize) {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(hash);
        while self.slots[slot].1 != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = (hash as u32, number as u32);
    }

    /// Twice the slots, every word placed again.
    fn grow(&mut self) {
        self.slots = vec![(0, 0); 2 * self.slots.len()];
        for k in 0..self.words.len() {
            self.place(self.words[k].1, k + 1);
        }
    }

    /// Where the probe for a word of hash `hash` starts: its top bits.
    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The words, in the order added.
    #[cfg(test)]
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|(w, _, _)| &**w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table finds each word added, with its value, as it grows, and no word not added.
    #[test]
    fn word_tables_find_their_words() {
        let mut table = WordTable::<u32>::default();
        for n in 0..1000 {
            *table.entry(&format!("w{n}")) += n;
        }
        *table.entry("w7") += 1;
        for n in 0..1000 {
            let want = n + u32::from(n == 7);
            assert_eq!(table.get(&format!("w{n}")), Some(&want), "w{n}");
        }
        for never in ["w1000", "", "w", "w01"] {
            assert_eq!(table.get(never), None, "{never}");
        }
        assert_eq!(table.words().count(), 1000);
    }
}
