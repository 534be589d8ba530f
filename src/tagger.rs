//! The tagger: everything that turns one document's text into mentions.
//!
//! `navne tag` and `navne eval` both go through [`Tagger::tag_text`], so the figures `eval`
//! reports are the figures `tag` earns.

use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::matcher::Matcher;
use crate::mention::Mention;

/// Tags texts; immutable and shared by all threads.
#[derive(Clone, Debug)]
pub struct Tagger {
    matcher: Matcher,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Tagger>();
};

impl Tagger {
    /// A tagger over the entries of `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Result<Tagger> {
        Ok(Tagger::from_matcher(Matcher::new(gazetteer)?))
    }

    /// A tagger around an already built matcher.
    pub fn from_matcher(matcher: Matcher) -> Tagger {
        Tagger { matcher }
    }

    /// The gazetteer matcher, for looking up the entries behind mentions.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The mentions of `doc`, sorted by start, none overlapping.
    pub fn tag(&self, doc: &Document) -> Vec<Mention> {
        self.tag_text(&doc.text, doc.body)
    }

    /// The mentions of `text[body..]`, with offsets relative to the whole `text`.
    pub fn tag_text(&self, text: &str, body: usize) -> Vec<Mention> {
        self.matcher.find_from(text, body)
    }
}
