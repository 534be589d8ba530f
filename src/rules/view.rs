//! What every layer reads of one document: its text, the tokens the feature pass cut and
//! their features, the word lists and the gazetteers.

use super::features::Cut;
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::text::is_sentence_start;
use crate::tokens::{space_between, Token};

/// One document as the layers see it. Tokens are indexed by their place in [`View::tokens`],
/// which holds only the tokens the layers can reach
/// ([`super::neighbourhood`](mod@super::neighbourhood)).
pub(crate) struct View<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Where the document's body starts in `text`: a sentence start.
    pub body: usize,
    /// The tokens cut, in text order.
    pub tokens: Vec<Token>,
    /// Indices of the tokens that start with a capital: where every pattern starts.
    pub capitalised: Vec<usize>,
    /// Indices of the tokens that say what a name right after them is (`selskabet`):
    /// [`View::names_after`] asks the rest.
    pub nouns: Vec<usize>,
    /// Indices of the tokens of a form few have, which a step looks for: an acronym, a point
    /// of the compass and a place, a name's compound, a foreign surname, a word that may begin
    /// a name of East Asia ([`View::is_acronym`], [`View::is_point_and_place`],
    /// [`View::is_compound`], [`View::is_foreign_surname`],
    /// [`View::may_begin_east_asian_name`]); a step reads its own with [`View::forms_where`].
    pub forms: Vec<usize>,
    /// The rule word lists.
    pub lexicon: &'a Lexicon,
    /// The gazetteers.
    pub matcher: &'a Matcher,
    /// Per token, what the feature pass found ([`super::features`]).
    pub(super) features: Vec<super::features::Features>,
}

impl<'a> View<'a> {
    /// The view of the tokens `cut` of `text[body..]`.
    pub(super) fn new(
        (text, body): (&'a str, usize),
        cut: Cut,
        lexicon: &'a Lexicon,
        matcher: &'a Matcher,
    ) -> View<'a> {
        debug_assert_eq!(cut.tokens.len(), cut.features.len());
        View {
            text,
            body,
            tokens: cut.tokens,
            capitalised: cut.capitalised,
            nouns: cut.nouns,
            forms: cut.forms,
            features: cut.features,
            lexicon,
            matcher,
        }
    }

    /// The indices of [`View::forms`] whose tokens have the form `is` asks of (`is_acronym`),
    /// in text order.
    pub fn forms_where<'s, F: Fn(&Self, usize) -> bool + 's>(
        &'s self,
        is: F,
    ) -> impl Iterator<Item = usize> + use<'s, 'a, F> {
        self.forms.iter().copied().filter(move |&i| is(self, i))
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Whether token `i` begins a sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        is_sentence_start(self.text, self.tokens[i].start, self.body)
    }

    /// Whether only spaces or tabs (at least one) stand between bytes `a` and `b` of the text
    /// ([`space_between`]): the gap of one byte most words have is told from that byte.
    #[inline(always)]
    pub fn spaced(&self, a: usize, b: usize) -> bool {
        if b == a.wrapping_add(1) {
            matches!(self.text.as_bytes().get(a), Some(b' ' | b'\t'))
        } else {
            space_between(self.text, a, b)
        }
    }

    /// Whether a capitalised token follows token `i` with only plain space between them.
    #[inline]
    pub fn before_capitalised(&self, i: usize) -> bool {
        i + 1 < self.tokens.len()
            && self.is_capitalised(i + 1)
            && self.spaced(self.tokens[i].end, self.tokens[i + 1].start)
    }

    /// The index of the token right before token `i`, separated from it by spaces only.
    pub fn token_before(&self, i: usize) -> Option<usize> {
        let p = i.checked_sub(1)?;
        let prev = self.tokens.get(p)?;
        self.spaced(prev.end, self.tokens[i].start).then_some(p)
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// The view's vectors, emptied, for the next document to fill.
    pub(super) fn into_cut(self) -> Cut {
        let mut cut = Cut {
            tokens: self.tokens,
            features: self.features,
            capitalised: self.capitalised,
            nouns: self.nouns,
            forms: self.forms,
        };
        cut.clear();
        cut
    }
}
