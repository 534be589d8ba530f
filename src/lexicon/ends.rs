//! Filters and tries on how words end: a filter of words' last bytes in lowercase
//! ([`EndFilter`]) or as written ([`TailFilter`]), a trie of words read backwards
//! ([`SuffixTrie`]), and the two together ([`Endings`]).

use super::case::latin1_lower;
use super::word_table::Bits;

/// A quick answer for most words to "can this word end like one of a set of lowercase words?":
/// one bit per hash of a word's last three bytes, lowercased. A clear bit is a sure no; a set
/// bit sends the word on to the exact lookups.
#[derive(Clone, Debug)]
pub(super) struct EndFilter {
    pub(super) bits: Bits,
    /// A word whose ending the filter cannot lowercase was added: every word may match.
    open: bool,
}

impl Default for EndFilter {
    fn default() -> EndFilter {
        EndFilter {
            bits: Bits::new(16),
            open: false,
        }
    }
}

impl EndFilter {
    pub(super) fn insert(&mut self, word: &str) {
        match Self::key(word.as_bytes()) {
            Some(k) => self.bits.set(k),
            None => self.open = true,
        }
    }

    /// False only if no added word ends like `word` does, in lowercase.
    pub(super) fn may_end(&self, word: &str) -> bool {
        self.may_end_keyed(EndKey::of(word))
    }

    /// [`EndFilter::may_end`] of the word whose key is `key`.
    #[inline]
    pub(super) fn may_end_keyed(&self, key: EndKey) -> bool {
        self.open || key.0.is_none_or(|k| self.bits.has(k))
    }

    /// A 16-bit hash of the last three bytes of `word` in lowercase, or `None` where that
    /// needs more than ASCII and Latin-1 letters (`Ø` → `ø` is `C3 98` → `C3 B8`).
    pub(super) fn key(word: &[u8]) -> Option<usize> {
        let from = word.len().saturating_sub(3);
        let mut h: usize = word.len().min(3);
        for j in from..word.len() {
            h = h.wrapping_mul(257) ^ usize::from(latin1_lower(word, j)?);
        }
        Some(h.wrapping_mul(0x9E37_79B9) >> 16 & 0xFFFF)
    }
}

/// A word's [`EndFilter`] key, worked out once for every filter asked about the word (the
/// feature pass asks three of each new token: the titles' and both suffix heads').
#[derive(Clone, Copy, Debug)]
pub(crate) struct EndKey(Option<usize>);

impl EndKey {
    /// The key of `word`.
    #[inline]
    pub(crate) fn of(word: &str) -> EndKey {
        EndKey(EndFilter::key(word.as_bytes()))
    }
}

/// A quick answer for most words to "may one of a set of words of four bytes or more end this
/// word, as written?": one bit per hash of a word's last four bytes. A clear bit is a sure no
/// (so is a word shorter than four bytes); a set bit sends the word on to the exact walk.
#[derive(Clone, Debug)]
pub(super) struct TailFilter {
    bits: Bits,
}

impl Default for TailFilter {
    fn default() -> TailFilter {
        TailFilter {
            bits: Bits::new(12),
        }
    }
}

impl TailFilter {
    /// Adds `word`, of four bytes or more.
    pub(super) fn insert(&mut self, word: &str) {
        self.bits
            .set(Self::key(word.as_bytes()).expect("four bytes or more"));
    }

    /// False only if no word added ends `word`.
    #[inline]
    pub(super) fn may_end(&self, word: &str) -> bool {
        Self::key(word.as_bytes()).is_some_and(|k| self.bits.has(k))
    }

    /// A 12-bit hash of the last four bytes of `word`, if it has four.
    #[inline]
    fn key(word: &[u8]) -> Option<usize> {
        let last = word.len().checked_sub(4).map(|at| &word[at..])?;
        let w = u32::from_le_bytes(last.try_into().expect("four bytes"));
        Some((w.wrapping_mul(0x9E37_79B9) >> 20) as usize)
    }
}

/// Words stored back to front, to find which of them ends a longer word in one backward walk.
#[derive(Clone, Debug, Default)]
pub(super) struct SuffixTrie {
    /// Per node: its children by byte, and whether a word ends (begins, reading forwards) here.
    nodes: Vec<(Vec<(u8, u32)>, bool)>,
}

impl SuffixTrie {
    pub(super) fn insert(&mut self, word: &str) {
        if self.nodes.is_empty() {
            self.nodes.push((Vec::new(), false));
        }
        let mut node = 0;
        for &b in word.as_bytes().iter().rev() {
            node = match self.nodes[node].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => next as usize,
                None => {
                    let next = self.nodes.len();
                    self.nodes.push((Vec::new(), false));
                    self.nodes[node].0.push((b, next as u32));
                    next
                }
            };
        }
        self.nodes[node].1 = true;
    }

    /// The one walk of the trie: along `word` from its last byte back, each byte as
    /// `byte(bytes, k)` gives it; whether a stored word ends there at some `k` where `done(k)`
    /// holds. `None` where `byte` has no byte for a position.
    #[inline(always)]
    fn walk(
        &self,
        word: &str,
        byte: impl Fn(&[u8], usize) -> Option<u8>,
        done: impl Fn(usize) -> bool,
    ) -> Option<bool> {
        if self.nodes.is_empty() {
            return Some(false);
        }
        let bytes = word.as_bytes();
        let mut node = 0;
        for k in (0..bytes.len()).rev() {
            let b = byte(bytes, k)?;
            match self.nodes[node].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => node = next as usize,
                None => return Some(false),
            }
            if self.nodes[node].1 && done(k) {
                return Some(true);
            }
        }
        Some(false)
    }

    /// [`SuffixTrie::walk`] of `word` in lowercase: lowercasing as the walk goes where that
    /// keeps bytes in place ([`latin1_lower`]), and allocating the lowercase word only when it
    /// meets another character.
    fn walk_in_lowercase(&self, word: &str, done: impl Fn(usize) -> bool) -> bool {
        self.walk(word, latin1_lower, &done).unwrap_or_else(|| {
            self.walk(&word.to_lowercase(), |bytes, k| Some(bytes[k]), done) == Some(true)
        })
    }

    /// Whether a stored word ends `word` in lowercase or is `word` in lowercase
    /// (`analysefirmaet`, `Firmaet` and `firmaet` end in `firmaet`).
    pub(super) fn ends_in_lowercase(&self, word: &str) -> bool {
        self.walk_in_lowercase(word, |_| true)
    }

    /// Whether a stored word ends `word` and is shorter than it (`Fremskridtspartiet` ends in
    /// `partiet`; `partiet` itself does not count).
    pub(super) fn ends_longer(&self, word: &str) -> bool {
        self.walk(word, |bytes, k| Some(bytes[k]), |k| k > 0) == Some(true)
    }

    /// Whether a stored word ends `word` in lowercase and is shorter than it.
    pub(super) fn ends_longer_in_lowercase(&self, word: &str) -> bool {
        self.walk_in_lowercase(word, |k| k > 0)
    }

    /// [`SuffixTrie::ends_longer`] and [`SuffixTrie::ends_longer_in_lowercase`] of `word` at
    /// once: one walk where the bytes walked are already lowercase, as they are up to the
    /// capital of most words, and the two walks only where lowercasing changes one. Out of
    /// line, so that the filter in front of it ([`Heads::suffixes_keyed`]) inlines.
    ///
    /// [`Heads::suffixes_keyed`]: super::Heads::suffixes_keyed
    #[inline(never)]
    pub(super) fn ends_longer_both(&self, word: &str) -> (bool, bool) {
        if self.nodes.is_empty() {
            return (false, false);
        }
        let bytes = word.as_bytes();
        let mut node = 0;
        for k in (0..bytes.len()).rev() {
            let b = bytes[k];
            if latin1_lower(bytes, k) != Some(b) {
                return (self.ends_longer(word), self.ends_longer_in_lowercase(word));
            }
            match self.nodes[node].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => node = next as usize,
                None => return (false, false),
            }
            if self.nodes[node].1 && k > 0 {
                return (true, true);
            }
        }
        (false, false)
    }

    /// Whether a stored word ends `word` after at least three characters of it
    /// (`politidirektør` ends in `direktør`).
    pub(super) fn ends_compound(&self, word: &str) -> bool {
        // A prefix up to a character boundary has three characters when the third starts in
        // it.
        let third = word.char_indices().nth(2).map_or(word.len(), |(at, _)| at);
        let prefix_long_enough = |k: usize| k > third && word.is_char_boundary(k);
        self.walk(word, |bytes, k| Some(bytes[k]), prefix_long_enough) == Some(true)
    }
}

/// Endings of words (a [`Heads`]' suffixes or tails): read backwards in a trie, to find one at
/// the end of a word in one walk, behind a filter of how they end, which turns most words down
/// at once.
///
/// [`Heads`]: super::Heads
#[derive(Clone, Debug, Default)]
pub(super) struct Endings {
    pub(super) trie: SuffixTrie,
    pub(super) filter: EndFilter,
}

impl Endings {
    /// Adds `ending`. The filter keys on three bytes: a shorter ending leaves it open.
    pub(super) fn insert(&mut self, ending: &str) {
        if ending.len() < 3 {
            self.filter.open = true;
        }
        self.filter.insert(ending);
        self.trie.insert(ending);
    }

    /// Whether an ending ends `word` in lowercase and is shorter than it; `key` is `word`'s
    /// ([`EndKey::of`]).
    #[inline]
    pub(super) fn end_longer_in_lowercase(&self, word: &str, key: EndKey) -> bool {
        self.filter.may_end_keyed(key) && self.trie.ends_longer_in_lowercase(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A word added to the end filter passes it, and so does any word ending like it,
        /// whatever the case of its last letters.
        #[test]
        fn end_filter_has_no_false_no(word in "[a-zæøåé]{1,6}", prefix in "[A-Za-zÆØÅæøå]{0,4}") {
            let mut f = EndFilter::default();
            f.insert(&word);
            let whole = format!("{prefix}{word}");
            prop_assert!(f.may_end(&word));
            prop_assert!(f.may_end(&whole.to_uppercase()) || whole.len() < 3 || word.len() < 3);
            if word.len() >= 3 {
                prop_assert!(f.may_end(&whole));
            }
        }
    }
}
