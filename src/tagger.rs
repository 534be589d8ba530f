//! The tagger: everything that turns one document's text into mentions — the gazetteer pass,
//! then the rule layers.
//!
//! `navne tag` and `navne eval` both go through [`Tagger::tag_text`], so the figures `eval`
//! reports are the figures `tag` earns.

use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::mention::Mention;
use crate::rules::{self, Layers};

/// Tags texts; immutable and shared by all threads.
#[derive(Clone, Debug)]
pub struct Tagger {
    matcher: Matcher,
    lexicon: Lexicon,
    layers: Layers,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Tagger>();
};

impl Tagger {
    /// A tagger over the entries of `gazetteer` with the shipped rule word lists and every
    /// rule layer.
    pub fn new(gazetteer: Gazetteer) -> Result<Tagger> {
        Tagger::with_rules(gazetteer, Lexicon::shipped()?, Layers::all())
    }

    /// A tagger over `gazetteer` with the rule word lists `lexicon` and the rule `layers`.
    pub fn with_rules(gazetteer: Gazetteer, lexicon: Lexicon, layers: Layers) -> Result<Tagger> {
        Ok(Tagger {
            matcher: Matcher::new(gazetteer)?,
            lexicon,
            layers,
        })
    }

    /// The gazetteer matcher, for looking up the entries behind mentions.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The rule layers that run.
    pub fn layers(&self) -> Layers {
        self.layers
    }

    /// The mentions of `doc`, sorted by start, none overlapping.
    pub fn tag(&self, doc: &Document) -> Vec<Mention> {
        self.tag_text(&doc.text, doc.body)
    }

    /// The mentions of `text[body..]`, with offsets relative to the whole `text`; `body`
    /// counts as a sentence start.
    pub fn tag_text(&self, text: &str, body: usize) -> Vec<Mention> {
        if self.layers == Layers::none() {
            return self.matcher.find_from(text, body);
        }
        let (candidates, capitals) = self.matcher.scan_with_capitals(text, body);
        rules::apply(
            text,
            body,
            candidates,
            &capitals,
            &self.matcher,
            &self.lexicon,
            self.layers,
        )
    }
}
