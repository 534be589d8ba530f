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
use crate::text::genitive_apostrophe_end;

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
        let mut mentions = if self.layers == Layers::none() {
            self.matcher.find_from(text, body)
        } else {
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
        };
        take_genitive_apostrophes(text, &mut mentions);
        mentions
    }
}

/// Extends each mention over a genitive apostrophe right after it (`Marcos' sko`, `KTAS'
/// direktør`), by the rule [`crate::text::token_end`] applies to gazetteer matches
/// ([`genitive_apostrophe_end`]): the apostrophe is the genitive ending there, as the `s` of
/// `Danmarks` is elsewhere, and belongs to the name's token. The rule layers cut names at the
/// apostrophe; this gives their mentions the same ends.
fn take_genitive_apostrophes(text: &str, mentions: &mut [Mention]) {
    for m in mentions {
        let Some(last) = text[..m.byte_end].chars().next_back() else {
            continue;
        };
        if let Some(end) = genitive_apostrophe_end(text, m.byte_end, last) {
            // An apostrophe is one code point.
            m.byte_end = end;
            m.end += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;

    fn tagged(text: &str) -> Vec<String> {
        let mut g = Gazetteer::new();
        let people = "id\tname\taliases\nm\tImelda Marcos\t\n";
        g.add_tsv(people, "p.tsv".as_ref(), Label::Per).unwrap();
        let orgs = "id\tname\taliases\nk\tKTAS\t\no\tO'Brien\t\n";
        g.add_tsv(orgs, "o.tsv".as_ref(), Label::Org).unwrap();
        let t = Tagger::new(g).unwrap();
        t.tag_text(text, 0)
            .iter()
            .map(|m| {
                let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(chars, m.text(text), "code points and bytes agree");
                chars
            })
            .collect()
    }

    #[test]
    fn genitive_apostrophes_belong_to_the_name() {
        assert_eq!(
            tagged("Imelda Marcos' sko og KTAS’ direktør."),
            ["Imelda Marcos'", "KTAS’"]
        );
        // `’s` after a name, typographic apostrophe or not, is the genitive (`DI’s`).
        assert_eq!(tagged("KTAS’s og KTAS's direktør"), ["KTAS’s", "KTAS's"]);
        // A name found by a rule layer, not the gazetteer, ends the same way.
        assert_eq!(
            tagged("siger Jette Dreyer Hughes' kontor"),
            ["Jette Dreyer Hughes'"]
        );
        // Not a genitive: a letter after the apostrophe, or no sibilant before it (`Dreyer`, a
        // frequent surname, is a name alone, but without the apostrophe).
        assert_eq!(tagged("O'Brien og Dreyer' kom"), ["O'Brien", "Dreyer"]);
        assert_eq!(tagged("KTAS'en"), ["KTAS"]);
    }
}
