//! What the layers ask about a token's text — is it a title, a head, a common word — worked
//! out once per distinct text and thread.
//!
//! The answers depend on the text and the word lists alone. Within a document, each token
//! remembers its answers in a memo cell; across documents, each thread keeps them by text in
//! [`Facts`], so a word seen before (`Danmark`, `Han`, `Jensen`) costs one hash lookup per
//! document instead of one lookup per question.

use std::cell::Cell;

use crate::lexicon::Map;

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
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// The [`crate::Lexicon::id`] the answers hold for.
    lexicon: u64,
    /// Per text, its trait bits as in a memo cell.
    known: Map<u32>,
}

impl Facts {
    /// The most texts kept: past it, the cache starts afresh (a few MB at most).
    const LIMIT: usize = 1 << 17;

    /// Prepares for a document tagged with the lexicon numbered `id`: answers for another
    /// lexicon are dropped.
    pub fn for_lexicon(&mut self, id: u64) {
        if self.lexicon != id {
            self.known.clear();
            self.lexicon = id;
        }
    }

    /// Whether the token with memo cell `cell` and text `text` has `t`: from the cell, else
    /// from what the thread knows of the text, else worked out by `f` and noted in the cell
    /// for [`Facts::learn`].
    pub fn remember(
        &self,
        cell: &Cell<u32>,
        text: &str,
        t: Trait,
        f: impl FnOnce() -> bool,
    ) -> bool {
        let (known, yes) = t.bits();
        let mut bits = cell.get();
        if bits & (known | PROBED) == 0 {
            bits |= PROBED | self.known.get(text).copied().unwrap_or(0);
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
            let text = text_of(i);
            match self.known.get_mut(text) {
                Some(known) => *known |= bits & TRAITS,
                None => {
                    if self.known.len() >= Self::LIMIT {
                        self.known.clear();
                    }
                    self.known.insert(text.to_string(), bits & TRAITS);
                }
            }
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

    /// An answer worked out in one document is given in the next without asking again, and
    /// only under the same lexicon.
    #[test]
    fn answers_carry_over_documents_of_one_lexicon() {
        let mut facts = Facts::default();
        facts.for_lexicon(7);
        let memo = vec![Cell::new(0), Cell::new(0)];
        let texts = ["Jensen", "Stadion"];
        assert!(facts.remember(&memo[0], texts[0], Trait::Title, || true));
        assert!(!facts.remember(&memo[1], texts[1], Trait::Title, || false));
        // Asked again in the same document: the cell answers.
        assert!(facts.remember(&memo[0], texts[0], Trait::Title, || unreachable!()));
        facts.learn(&memo, |i| texts[i]);

        let next = [Cell::new(0)];
        assert!(facts.remember(&next[0], "Jensen", Trait::Title, || unreachable!()));
        assert!(!facts.remember(&next[0], "Jensen", Trait::OrgHead, || false));
        let other = [Cell::new(0)];
        assert!(!facts.remember(&other[0], "Stadion", Trait::Title, || unreachable!()));

        facts.for_lexicon(8);
        let fresh = [Cell::new(0)];
        assert!(!facts.remember(&fresh[0], "Jensen", Trait::Title, || false));
    }
}
