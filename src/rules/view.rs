//! What every layer reads of one document: its text, the tokens the feature pass cut and
//! their features, the word lists and the gazetteers.

use std::cell::Cell;

use super::facts::{Facts, Trait};
use super::features::Cut;
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::text::is_sentence_start;
use crate::tokens::{space_between, Token};

/// One document as the layers see it. Tokens are indexed by their place in [`View::tokens`],
/// which holds only the tokens the layers can reach ([`super::neighbourhood`]).
pub(crate) struct View<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Where the document's body starts in `text`: a sentence start.
    pub body: usize,
    /// The tokens cut, in text order.
    pub tokens: Vec<Token>,
    /// Indices of the tokens that start with a capital: where every pattern starts.
    pub capitalised: Vec<usize>,
    /// The rule word lists.
    pub lexicon: &'a Lexicon,
    /// The gazetteers.
    pub matcher: &'a Matcher,
    /// Per token, what the feature pass found ([`super::features`]).
    pub(super) features: Vec<super::features::Features>,
    /// Per token, the [`Trait`]s worked out so far (see [`Facts::remember`]). Patterns ask
    /// about the same tokens many times.
    memo: Vec<Cell<u32>>,
    /// What this thread knows of token texts from earlier documents.
    facts: Facts,
}

impl<'a> View<'a> {
    /// The view of the tokens `cut` of `text[body..]`; `memo` is any vector, refilled here (a
    /// buffer to reuse), and `facts` what the thread knows of token texts.
    pub(super) fn new(
        (text, body): (&'a str, usize),
        cut: Cut,
        (mut memo, mut facts): (Vec<Cell<u32>>, Facts),
        lexicon: &'a Lexicon,
        matcher: &'a Matcher,
    ) -> View<'a> {
        debug_assert_eq!(cut.tokens.len(), cut.features.len());
        memo.clear();
        memo.resize(cut.tokens.len(), Cell::new(0));
        facts.for_lexicon(lexicon.id());
        View {
            text,
            body,
            tokens: cut.tokens,
            capitalised: cut.capitalised,
            features: cut.features,
            lexicon,
            matcher,
            memo,
            facts,
        }
    }

    /// Whether token `i` has `t`, worked out by `f` the first time it is asked.
    pub(super) fn remember(&self, i: usize, t: Trait, f: impl FnOnce() -> bool) -> bool {
        self.facts.remember(&self.memo[i], || self.tok(i), t, f)
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Whether token `i` begins a sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        is_sentence_start(self.text, self.tokens[i].start, self.body)
    }

    /// Whether a capitalised token follows token `i` with only plain space between them.
    pub fn before_capitalised(&self, i: usize) -> bool {
        i + 1 < self.tokens.len()
            && space_between(self.text, self.tokens[i].end, self.tokens[i + 1].start)
            && self.is_capitalised(i + 1)
    }

    /// The word right before token `i`, separated from it by spaces only.
    pub fn word_before(&self, i: usize) -> Option<&'a str> {
        let prev = self.tokens.get(i.checked_sub(1)?)?;
        space_between(self.text, prev.end, self.tokens[i].start).then(|| prev.text(self.text))
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// The view's vectors, emptied, for the next document to fill, and what the thread knows
    /// of token texts, with what this document learned.
    pub(super) fn into_parts(mut self) -> (Cut, Vec<Cell<u32>>, Facts) {
        let (text, tokens) = (self.text, &self.tokens);
        self.facts.learn(&self.memo, |i| tokens[i].text(text));
        let mut cut = Cut {
            tokens: self.tokens,
            features: self.features,
            capitalised: self.capitalised,
        };
        cut.clear();
        self.memo.clear();
        (cut, self.memo, self.facts)
    }
}
