//! The token-feature pass: what the layers ask of a token.
//!
//! Each token the layers can reach is cut once ([`super::neighbourhood`]) and gets its
//! [`Features`] as it is cut: its shape ([`Shape`]: capitalised, in capitals, …) and its word
//! class (`function_words.txt`: a word that opens a clause, an article, a particle, a
//! connector), one table probe. What needs a word list of thousands (a title, a head, a first
//! name, a frequent word) is worked out when a layer first asks, once per token, and
//! remembered per thread by the token's text ([`super::facts`]). No layer looks at a token's
//! letters itself: each asks the accessors here.

use super::facts::Trait;
use super::view::View;
use crate::label::Label;
use crate::lexicon::{FirstName, Heads};
use crate::tokens::{strip_genitive, title_case, Shape, Token};
use crate::word_class::WordClass;

/// What the feature pass finds of one token as it is cut.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Features {
    /// The token's shape.
    pub shape: Shape,
    /// Its word class.
    pub class: WordClass,
}

/// The tokens cut from one document, their features, and which are capitalised.
#[derive(Debug, Default)]
pub(crate) struct Cut {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// Per token, its features.
    pub features: Vec<Features>,
    /// Indices of the capitalised tokens.
    pub capitalised: Vec<usize>,
}

impl Cut {
    /// Adds token `t` with its `features`.
    pub fn push(&mut self, t: Token, features: Features) {
        if features.shape.capitalised {
            self.capitalised.push(self.tokens.len());
        }
        self.tokens.push(t);
        self.features.push(features);
    }

    /// Empties the vectors, keeping their room.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.features.clear();
        self.capitalised.clear();
    }
}

impl<'a> View<'a> {
    /// Whether token `i` is a title or role (`statsminister`, `direktør`).
    pub fn is_title(&self, i: usize) -> bool {
        self.remember(i, Trait::Title, || self.lexicon.is_title(self.tok(i)))
    }

    /// Whether token `i` is a verb that introduces a quote's speaker (`siger`, `sagde`).
    pub fn is_speech_verb(&self, i: usize) -> bool {
        self.remember(i, Trait::SpeechVerb, || {
            self.lexicon.is_speech_verb(self.tok(i))
        })
    }

    /// Whether token `i` (or the name of its genitive) is a surname borne by
    /// [`super::person::LONE_SURNAME_MIN`] people or more in Denmark and no word: one that may name a
    /// person alone.
    pub fn is_lone_surname(&self, i: usize) -> bool {
        self.remember(i, Trait::LoneSurname, || {
            self.lexicon
                .surname(strip_genitive(self.tok(i)))
                .is_some_and(|s| s.count >= super::person::LONE_SURNAME_MIN && !s.word)
        })
    }

    /// Whether token `i` is a frequent ordinary word ([`Lexicon::is_common_word`]).
    pub fn is_common_word(&self, i: usize) -> bool {
        self.remember(i, Trait::CommonWord, || {
            self.lexicon.is_common_word(self.tok(i))
        })
    }

    /// Whether token `i` is a listed first name, as written or, in capitals, in title case
    /// (`JENS`).
    pub fn may_be_first_name(&self, i: usize) -> bool {
        self.remember(i, Trait::FirstName, || self.first_name(i).is_some())
    }

    /// The listed first name token `i` is, as written or, in capitals, in title case.
    pub fn first_name(&self, i: usize) -> Option<FirstName> {
        let token = self.tok(i);
        self.lexicon.first_name(token).or_else(|| {
            let title_case = self.is_all_caps(i).then(|| title_case(token))?;
            self.lexicon.first_name(&title_case)
        })
    }

    /// The heads of names labelled `label`: organisations' for `ORG`, places' otherwise.
    pub fn heads(&self, label: Label) -> &'a Heads {
        match label {
            Label::Org => self.lexicon.org_heads(),
            _ => self.lexicon.place_heads(),
        }
    }

    /// Of a trait of organisations' heads and its twin of places' heads, the one of `label`,
    /// chosen as [`View::heads`] chooses the heads.
    fn heads_trait(label: Label, (org, place): (Trait, Trait)) -> Trait {
        match label {
            Label::Org => org,
            _ => place,
        }
    }

    /// Whether the single token `i` is a name with a head of `label` by its ending
    /// ([`crate::lexicon::Heads::has_suffix`]).
    pub fn has_suffix(&self, i: usize, label: Label) -> bool {
        let t = Self::heads_trait(label, (Trait::OrgSuffix, Trait::PlaceSuffix));
        self.remember(i, t, || self.heads(label).has_suffix(self.tok(i)))
    }

    /// Whether token `i` starts a name with a head of `label` (`FC`).
    pub fn is_first(&self, i: usize, label: Label) -> bool {
        let t = Self::heads_trait(label, (Trait::OrgFirst, Trait::PlaceFirst));
        self.remember(i, t, || self.heads(label).is_first(self.tok(i)))
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.features[i].shape.capitalised
    }

    /// Whether token `i` has two or more letters, all capitals.
    pub fn is_all_caps(&self, i: usize) -> bool {
        self.features[i].shape.all_caps
    }

    /// Whether token `i` can be part of a name: capitalised, every hyphenated part too
    /// (`Thorning-Schmidt` yes, `Kosan-direktørerne` no), and not all capitals unless short
    /// (`IV` yes, `NATO` no).
    pub fn is_name_token(&self, i: usize) -> bool {
        let s = self.features[i].shape;
        s.parts_capitalised && !s.long_all_caps
    }

    /// Whether token `i` is an initial or abbreviated name with its full stop: the `M.` of
    /// `Poul M. Jensen`, `Chr.`, `Th.`.
    pub fn is_initial(&self, i: usize) -> bool {
        self.features[i].shape.short_capitalised
            && self.text.as_bytes().get(self.tokens[i].end) == Some(&b'.')
    }

    /// Whether token `i`, also in the genitive, is the last word of a name with a head of
    /// `label` (`Universitet`, `Landsforenings`, `Udviklingsbank`; `Stadion`, `-gade`).
    pub fn is_head(&self, i: usize, label: Label) -> bool {
        let t = Self::heads_trait(label, (Trait::OrgHead, Trait::PlaceHead));
        self.remember(i, t, || {
            let heads = self.heads(label);
            let token = self.tok(i);
            let base = strip_genitive(token);
            heads.is_last(token) || heads.is_last(base) || heads.has_suffix_in_lowercase(base)
        })
    }

    /// Whether token `i` as written is an organisation or place head (`Bryggerierne` is not,
    /// `Plads` is): then a name it is part of is not a person's.
    pub fn is_any_head(&self, i: usize) -> bool {
        self.remember(i, Trait::AnyHead, || {
            let t = self.tok(i);
            [self.lexicon.org_heads(), self.lexicon.place_heads()]
                .iter()
                .any(|h| h.is_last(t) || h.has_suffix_in_lowercase(t))
        })
    }

    /// Whether token `i` is a particle inside a person's name (`van`, `de`).
    pub fn is_particle(&self, i: usize) -> bool {
        self.features[i].class.has(WordClass::PARTICLE)
    }

    /// Whether token `i` is a connector inside an organisation's name (`og`, `for`).
    pub fn is_connector(&self, i: usize) -> bool {
        self.features[i].class.has(WordClass::CONNECTOR)
    }

    /// Whether token `i` is a capitalised word that opens a sentence or clause and is never
    /// inside a name (`clause` and `article` in `function_words.txt`): a name ends before it.
    pub fn opens_clause(&self, i: usize) -> bool {
        let f = self.features[i];
        f.shape.capitalised && f.class.has(WordClass::CLAUSE)
    }

    /// Whether token `i` opens a clause ([`View::opens_clause`]) and is not one of the
    /// articles that also begin names: no name starts with it.
    pub fn begins_no_name(&self, i: usize) -> bool {
        self.opens_clause(i) && !self.is_name_article(i)
    }

    /// Whether token `i` is an article that begins names (`Den` of `Den Blå Avis`).
    pub fn is_name_article(&self, i: usize) -> bool {
        self.features[i].class.has(WordClass::ARTICLE)
    }
}
