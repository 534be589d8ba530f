//! What the layers ask about a token's text — is it a title, a head, a common word — worked
//! out once per distinct text and thread.
//!
//! The answers depend on the text and the word lists alone. Within a document, each token
//! remembers its answers in a memo cell; across documents, each thread keeps them by text in
//! [`Facts`], so a word seen before (`Danmark`, `Han`, `Jensen`) costs one hash lookup per
//! document instead of one lookup per question.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::lexicon::Fnv;

/// A yes/no property of a token's text that the layers ask about often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Trait {
    /// A title or role ([`crate::Lexicon::is_title`]).
    Title,
    /// Ends an organisation's name, also in the genitive or as a compound's end.
    OrgHead,
    /// Ends a place's name, likewise.
    PlaceHead,
    /// An organisation or place head as written.
    AnyHead,
    /// A single-word organisation name by its ending (`Fremskridtspartiet`).
    OrgSuffix,
    /// A single-word place name by its ending (`Bådehavnsgade`).
    PlaceSuffix,
    /// Starts an organisation's name (`FC`).
    OrgFirst,
    /// Starts a place's name.
    PlaceFirst,
    /// A frequent ordinary word.
    CommonWord,
    /// A listed first name, as written or, in capitals, in title case.
    FirstName,
}

/// Memo bit: the thread's [`Facts`] have been asked about this token.
const PROBED: u32 = 1 << 30;
/// Memo bit: this token knows a trait the thread's [`Facts`] do not.
const DIRTY: u32 = 1 << 31;
/// The bits of a memo that are about traits.
const TRAITS: u32 = !(PROBED | DIRTY);

impl Trait {
    /// The memo bits of the trait: whether it is known, and whether the token has it.
    fn bits(self) -> (u32, u32) {
        let k = self as u32;
        (1 << (2 * k), 1 << (2 * k + 1))
    }
}

/// The traits worked out for distinct token texts on one thread, all under one lexicon.
///
/// The texts are kept one after another in one string, not one allocation each: most tokens
/// of a document are new to a small cache, and storing them must cost less than the lookups
/// it saves later.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// The [`crate::Lexicon::id`] the answers hold for.
    lexicon: u64,
    /// Per 64-bit hash of a text, its entry: where its text is in `texts` (start, end), and
    /// its trait bits as in a memo cell. Kept in the table itself, so that a lookup reads the
    /// table and the text and nothing else. Two texts with one hash share the entry: the later
    /// one takes it, and the entry's text tells which one it holds.
    index: HashMap<u64, (u32, u32, u32), BuildHasherDefault<HashIsKey>>,
    /// The texts of the entries, one after another.
    texts: String,
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = text_hash(bytes);
    }

    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }
}

/// FNV-1a over `bytes` ([`Fnv`], as the word lists hash), mixed so that the low bits the map
/// uses depend on every byte.
fn text_hash(bytes: &[u8]) -> u64 {
    let mut fnv = Fnv::default();
    fnv.write(bytes);
    let h = fnv.finish();
    h ^ (h >> 29)
}

/// Whether the entry `(start, end, _)` of `texts` holds `text`.
fn holds(texts: &str, &(start, end, _): &(u32, u32, u32), text: &str) -> bool {
    texts.as_bytes().get(start as usize..end as usize) == Some(text.as_bytes())
}

impl Facts {
    /// The most entries, and bytes of text, kept: past either, the cache starts afresh.
    const LIMIT: usize = 1 << 17;
    const TEXT_LIMIT: usize = 4 << 20;
    /// The longest text kept: longer tokens are rare, and asked about anew.
    const LONGEST: usize = 64;

    /// What is known of `text`, as memo bits.
    fn known(&self, text: &str) -> u32 {
        if self.index.is_empty() {
            return 0;
        }
        match self.index.get(&text_hash(text.as_bytes())) {
            Some(e) if holds(&self.texts, e, text) => e.2,
            _ => 0,
        }
    }

    /// Adds `bits` to what is known of `text`.
    fn add(&mut self, text: &str, bits: u32) {
        if text.len() > Self::LONGEST {
            return;
        }
        let hash = text_hash(text.as_bytes());
        if let Some(e) = self.index.get_mut(&hash) {
            if holds(&self.texts, e, text) {
                e.2 |= bits;
                return;
            }
        }
        if self.index.len() >= Self::LIMIT || self.texts.len() + text.len() > Self::TEXT_LIMIT {
            self.index.clear();
            self.texts.clear();
        }
        let start = self.texts.len() as u32;
        self.texts.push_str(text);
        self.index
            .insert(hash, (start, self.texts.len() as u32, bits));
    }

    /// Prepares for a document tagged with the lexicon numbered `id`: answers for another
    /// lexicon are dropped.
    pub fn for_lexicon(&mut self, id: u64) {
        if self.lexicon != id {
            self.index.clear();
            self.texts.clear();
            self.lexicon = id;
        }
    }

    /// Whether the token with memo cell `cell` and text `text()` has `t`: from the cell, else
    /// from what the thread knows of the text, else worked out by `f` and noted in the cell
    /// for [`Facts::learn`]. The text is only cut out when the cell does not answer.
    pub fn remember<'t>(
        &self,
        cell: &Cell<u32>,
        text: impl FnOnce() -> &'t str,
        t: Trait,
        f: impl FnOnce() -> bool,
    ) -> bool {
        let (known, yes) = t.bits();
        let mut bits = cell.get();
        if bits & (known | PROBED) == 0 {
            bits |= PROBED | self.known(text());
            cell.set(bits);
        }
        if bits & known != 0 {
            return bits & yes != 0;
        }
        let has = f();
        cell.set(bits | known | if has { yes } else { 0 } | DIRTY);
        has
    }

    /// Takes in what a document's memo cells learned; `text_of(i)` is the text of token `i`.
    pub fn learn<'t>(&mut self, memo: &[Cell<u32>], text_of: impl Fn(usize) -> &'t str) {
        for (i, cell) in memo.iter().enumerate() {
            let bits = cell.get();
            if bits & DIRTY == 0 {
                continue;
            }
            self.add(text_of(i), bits & TRAITS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every trait has its own two bits, clear of the flags.
    #[test]
    fn trait_bits_are_distinct() {
        let all = [
            Trait::Title,
            Trait::OrgHead,
            Trait::PlaceHead,
            Trait::AnyHead,
            Trait::OrgSuffix,
            Trait::PlaceSuffix,
            Trait::OrgFirst,
            Trait::PlaceFirst,
            Trait::CommonWord,
            Trait::FirstName,
        ];
        let mut seen = 0;
        for t in all {
            let (known, yes) = t.bits();
            assert_eq!((known | yes) & !TRAITS, 0, "{t:?}");
            assert_eq!(seen & (known | yes), 0, "{t:?}");
            seen |= known | yes;
        }
    }

    /// Texts keep their own bits, a text never added knows nothing, and two texts sharing a
    /// hash slot never take each other's bits.
    #[test]
    fn entries_answer_for_their_own_text_only() {
        let mut facts = Facts::default();
        let texts: Vec<String> = (0..5000).map(|n| format!("Ord{n}")).collect();
        for (n, t) in texts.iter().enumerate() {
            facts.add(t, (n as u32 % 7) << 1 | 1);
        }
        for (n, t) in texts.iter().enumerate() {
            assert_eq!(facts.known(t), (n as u32 % 7) << 1 | 1, "{t}");
        }
        assert_eq!(facts.known("Ord5000"), 0);
        assert_eq!(facts.known(""), 0);
        // `Andet` finds the entry of `Ord1` under its hash: it must not read `Ord1`'s bits,
        // and adding it takes the entry over.
        let e = facts.index[&text_hash(b"Ord1")];
        facts.index.insert(text_hash(b"Andet"), e);
        assert_eq!(facts.known("Andet"), 0);
        facts.add("Andet", 0b100);
        assert_eq!(facts.known("Andet"), 0b100);
        assert_eq!(facts.known("Ord1"), 0b11);
        assert_eq!(facts.known("Ord0"), 1);
    }

    /// Past its limit the cache starts afresh, and still answers for what it holds.
    #[test]
    fn a_full_cache_starts_afresh() {
        let mut facts = Facts::default();
        for n in 0..=Facts::LIMIT {
            facts.add(&format!("w{n}"), 1);
        }
        assert_eq!(facts.index.len(), 1);
        assert_eq!(facts.known(&format!("w{}", Facts::LIMIT)), 1);
        assert_eq!(facts.known("w0"), 0);
    }

    /// A text too long to keep is not kept, and asking about it finds nothing.
    #[test]
    fn long_texts_are_not_kept() {
        let mut facts = Facts::default();
        let long = "x".repeat(Facts::LONGEST + 1);
        facts.add(&long, 1);
        assert_eq!(facts.known(&long), 0);
        assert!(facts.texts.is_empty());
    }

    /// An answer worked out in one document is given in the next without asking again, and
    /// only under the same lexicon.
    #[test]
    fn answers_carry_over_documents_of_one_lexicon() {
        let mut facts = Facts::default();
        facts.for_lexicon(7);
        let memo = vec![Cell::new(0), Cell::new(0)];
        let texts = ["Jensen", "Stadion"];
        assert!(facts.remember(&memo[0], || texts[0], Trait::Title, || true));
        assert!(!facts.remember(&memo[1], || texts[1], Trait::Title, || false));
        // Asked again in the same document: the cell answers.
        assert!(facts.remember(&memo[0], || texts[0], Trait::Title, || unreachable!()));
        facts.learn(&memo, |i| texts[i]);

        let next = [Cell::new(0)];
        assert!(facts.remember(&next[0], || "Jensen", Trait::Title, || unreachable!()));
        assert!(!facts.remember(&next[0], || "Jensen", Trait::OrgHead, || false));
        let other = [Cell::new(0)];
        assert!(!facts.remember(&other[0], || "Stadion", Trait::Title, || unreachable!()));

        facts.for_lexicon(8);
        let fresh = [Cell::new(0)];
        assert!(!facts.remember(&fresh[0], || "Jensen", Trait::Title, || false));
    }
}
