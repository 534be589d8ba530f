//! The tagger: everything that turns one document's text into mentions — the gazetteer pass,
//! then the rule layers.
//!
//! `navne tag` and `navne eval` both go through [`Tagger::tag_text`], so the figures `eval`
//! reports are the figures `tag` earns.

use crate::compose;
use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::mention::{count_code_points_anywhere, Mention};
use crate::room;
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
        Ok(Tagger::with_matcher(
            Matcher::new(gazetteer)?,
            lexicon,
            layers,
        ))
    }

    /// [`Tagger::with_rules`] with the matcher built already: a caller can build it
    /// ([`Matcher::new`]) while another thread loads the word lists, as neither needs the
    /// other.
    pub fn with_matcher(matcher: Matcher, lexicon: Lexicon, layers: Layers) -> Tagger {
        Tagger {
            matcher,
            lexicon,
            layers,
        }
    }

    /// The gazetteer matcher, for looking up the entries behind mentions.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The rule layers that run.
    pub fn layers(&self) -> Layers {
        self.layers
    }

    /// Gives back `mentions` that [`Tagger::tag`] or [`Tagger::tag_text`] returned, once the
    /// caller is done with them: the thread keeps their room for the mentions of the next
    /// text it tags, which saves allocating it. Optional; a caller that keeps the mentions
    /// just does not call it.
    pub fn recycle(&self, mentions: Vec<Mention>) {
        rules::recycle(mentions);
    }

    /// The mentions of `doc`, sorted by start, none overlapping.
    pub fn tag(&self, doc: &Document) -> Vec<Mention> {
        self.tag_text(&doc.text, doc.body)
    }

    /// The mentions of `text[body..]`, with offsets relative to the whole `text`; `body`
    /// counts as a sentence start.
    ///
    /// A text longer than [`SEGMENT_BYTES`] (a book, a newspaper volume, a concatenated dump)
    /// is tagged in segments of at most that size, cut at paragraph breaks where it can be
    /// (see `segment_end`), so that the memory a text takes beyond its own size stays bounded:
    /// the rule layers keep tokens and candidates for the text they look at. Each segment is a
    /// text of its own to the rules: a surname refers back to a full name within its segment
    /// only.
    ///
    /// Decomposed text (NFD) is tagged composed, with offsets into `text` as written
    /// (module `compose`).
    pub fn tag_text(&self, text: &str, body: usize) -> Vec<Mention> {
        if !compose::may_be_decomposed(&text[body..]) {
            return self.tag_in_segments(text, body, SEGMENT_BYTES);
        }
        let composed = compose::Composed::new(text, body);
        let mut mentions = self.tag_in_segments(&composed.text, composed.body, SEGMENT_BYTES);
        composed.restore(text, &mut mentions);
        mentions
    }

    /// Every name the tagger considered in `text[body..]`, overlapping ones included, with
    /// offsets as [`Tagger::tag_text`] gives them: the gazetteer's matches (ambiguous forms held
    /// back at a sentence start too), the names the pattern layers proposed, and the final
    /// mentions, which later layers may have relabelled, extended or added; none that is part
    /// of a web or e-mail address, as no mention is. Sorted by start, then longest first;
    /// no two alike. What [`Tagger::tag_text`] returns is among them, and
    /// unchanged by this: a caller that wants every reading (a spaCy `SpanGroup`, training data
    /// for a model of its own) asks for these, and one that wants the answer, for the mentions.
    pub fn candidates(&self, text: &str, body: usize) -> Vec<Mention> {
        let segment = |t: &str, b: usize| self.candidates_in_segment(t, b);
        if !compose::may_be_decomposed(&text[body..]) {
            return self.in_segments(text, body, SEGMENT_BYTES, &segment);
        }
        let composed = compose::Composed::new(text, body);
        let mut found = self.in_segments(&composed.text, composed.body, SEGMENT_BYTES, &segment);
        composed.restore(text, &mut found);
        found
    }

    /// [`Tagger::candidates`] of a text of one segment.
    fn candidates_in_segment(&self, text: &str, body: usize) -> Vec<Mention> {
        let (candidates, capitals) = self.matcher.scan_bytes_with_capitals(text, body);
        let mut considered = Vec::new();
        let chosen = if self.layers == Layers::none() {
            considered.extend(candidates.into_iter().map(|c| c.mention));
            self.tag_segment(text, body)
        } else {
            let input = (text, body, candidates, capitals.as_slice());
            let (lexicon, layers) = (&self.lexicon, self.layers);
            rules::apply_noting(input, &self.matcher, lexicon, layers, Some(&mut considered))
        };
        count_code_points_anywhere(text, &mut considered);
        considered.extend(chosen);
        // Stable: of two alike, the first stays, and the final mentions come last.
        considered.sort_by_key(|m| (m.byte_start, std::cmp::Reverse(m.byte_end)));
        // Nor is a name in a web or e-mail address a reading of the text.
        crate::links::drop_linked(text, &mut considered);
        let mut unique: Vec<Mention> = Vec::with_capacity(considered.len());
        for m in considered {
            let same_span = unique
                .iter()
                .rev()
                .take_while(|u| (u.byte_start, u.byte_end) == (m.byte_start, m.byte_end));
            if !same_span.into_iter().any(|u| *u == m) {
                unique.push(m);
            }
        }
        unique
    }

    /// [`Tagger::tag_text`] with segments of at most `size` bytes.
    fn tag_in_segments(&self, text: &str, body: usize, size: usize) -> Vec<Mention> {
        self.in_segments(text, body, size, &|t, b| self.tag_segment(t, b))
    }

    /// What `per_segment` finds in `text[body..]` cut into segments of at most `size` bytes
    /// (see [`Tagger::tag_text`]), with offsets into the whole `text`.
    fn in_segments(
        &self,
        text: &str,
        body: usize,
        size: usize,
        per_segment: &dyn Fn(&str, usize) -> Vec<Mention>,
    ) -> Vec<Mention> {
        if text.len() - body <= size {
            return per_segment(text, body);
        }
        let mut mentions = Vec::new();
        let (mut start, mut chars_before) = (body, text[..body].chars().count());
        while start < text.len() {
            let end = segment_end(text, start, size);
            let segment = &text[start..end];
            for mut m in per_segment(segment, 0) {
                m.byte_start += start;
                m.byte_end += start;
                m.start += chars_before;
                m.end += chars_before;
                mentions.push(m);
            }
            chars_before += segment.chars().count();
            start = end;
        }
        mentions
    }

    /// The mentions of `text[body..]`, as [`Tagger::tag_text`] finds them in a text of one
    /// segment.
    fn tag_segment(&self, text: &str, body: usize) -> Vec<Mention> {
        if self.layers == Layers::none() {
            let mut mentions = self.matcher.find_bytes(text, body);
            rules::finish(text, &mut mentions);
            mentions
        } else {
            // The room for the capitals' offsets is the thread's, kept from text to text
            // unless a long text made it larger than CAPITALS_KEPT; so is the room for the
            // candidates, which the rule pass gives back.
            let (mut candidates, mut capitals) = (rules::candidates_room(), room::take(&CAPITALS));
            self.matcher
                .scan_bytes_with_capitals_into(text, body, &mut candidates, &mut capitals);
            let mentions = rules::apply(
                text,
                body,
                candidates,
                &capitals,
                &self.matcher,
                &self.lexicon,
                self.layers,
            );
            room::keep(&CAPITALS, capitals, CAPITALS_KEPT);
            mentions
        }
    }
}

/// The most offsets of capitalised tokens a thread keeps room for between texts (512 KiB):
/// the room a text of 2 MiB has the scan make.
const CAPITALS_KEPT: usize = 1 << 16;

thread_local! {
    /// This thread's room for the offsets of capitalised tokens ([`Tagger::tag_segment`]).
    static CAPITALS: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most bytes of a text that [`Tagger::tag_text`] tags at once: 8 MiB, a hundred times a
/// long article, so that no article is ever cut.
pub const SEGMENT_BYTES: usize = 8 << 20;

/// Where the segment of `text` that starts at byte `start` ends: the text's end if it is
/// within `size` bytes; else, within that size, after the last paragraph break (a blank
/// line) in the segment's second half, or else after its last line break, sentence end
/// (`. `), space, in that order; or at the last character boundary if the segment has none
/// of them. The cut never falls inside a word, and at a paragraph break no name spans it.
fn segment_end(text: &str, start: usize, size: usize) -> usize {
    let limit = start + size;
    if limit >= text.len() {
        return text.len();
    }
    let half = start + size / 2;
    let window = &text.as_bytes()[half..limit];
    let after = |i: usize, len: usize| half + i + len;
    memchr::memmem::rfind(window, b"\n\n")
        .map(|i| after(i, 2))
        .or_else(|| memchr::memrchr(b'\n', window).map(|i| after(i, 1)))
        .or_else(|| memchr::memmem::rfind(window, b". ").map(|i| after(i, 2)))
        .or_else(|| memchr::memrchr(b' ', window).map(|i| after(i, 1)))
        .unwrap_or_else(|| {
            (start + 1..=limit)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(limit)
        })
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

    /// A tagger that knows one name, built once for every case of a property.
    fn marcos_tagger() -> &'static Tagger {
        static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        TAGGER.get_or_init(|| {
            let mut g = Gazetteer::new();
            let people = "id\tname\taliases\nm\tImelda Marcos\t\n";
            g.add_tsv(people, "p.tsv".as_ref(), Label::Per).unwrap();
            Tagger::new(g).unwrap()
        })
    }

    proptest::proptest! {
        /// A text tagged in segments gets the mentions of each segment tagged alone, at
        /// their places in the whole text, in order; every segment but the last is cut at a
        /// break and holds at least half a segment.
        #[test]
        fn segments_are_tagged_as_texts_of_their_own(
            text in "((Imelda Marcos|KTAS|bor i|og|\\.|\n\n?|æøå|🎉|[a-z]{1,30}) ?){0,60}",
            size in 8usize..200,
        ) {
            let t = marcos_tagger();
            let whole = t.tag_in_segments(&text, 0, size);
            let mut expected = Vec::new();
            let mut start = 0;
            while start < text.len() {
                let end = segment_end(&text, start, size);
                proptest::prop_assert!(end > start && end - start <= size.max(4));
                if end < text.len() {
                    proptest::prop_assert!(end - start >= size / 2 || end - start <= 4);
                }
                let chars = text[..start].chars().count();
                for m in t.tag_text(&text[start..end], 0) {
                    expected.push((m.start + chars, m.end + chars, m.text(&text[start..end]).to_string()));
                }
                start = end;
            }
            let got: Vec<(usize, usize, String)> = whole
                .iter()
                .map(|m| {
                    let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                    assert_eq!(chars, m.text(&text), "code points and bytes agree");
                    (m.start, m.end, chars)
                })
                .collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    proptest::proptest! {
        /// The candidates hold every mention, alike, sorted by start then longest first,
        /// none twice, each with code points that agree with its bytes.
        #[test]
        fn candidates_hold_every_mention(
            text in "((Imelda Marcos|Imelda|Marcos|KTAS|Direktør|Jens Hansen|bor i|og|\\.|\n\n?|æøå|🎉|A\u{30A}rhus|[a-z]{1,30}) ?){0,60}",
        ) {
            let t = marcos_tagger();
            let mentions = t.tag_text(&text, 0);
            let candidates = t.candidates(&text, 0);
            for m in &mentions {
                proptest::prop_assert!(candidates.contains(m), "{m:?} not among {candidates:?}");
            }
            for (k, c) in candidates.iter().enumerate() {
                let chars: String = text.chars().skip(c.start).take(c.end - c.start).collect();
                proptest::prop_assert_eq!(chars.as_str(), c.text(&text));
                if let Some(next) = candidates.get(k + 1) {
                    let key = |m: &Mention| (m.byte_start, std::cmp::Reverse(m.byte_end));
                    proptest::prop_assert!(key(c) <= key(next));
                    proptest::prop_assert!(!candidates[k + 1..].contains(c));
                }
            }
        }
    }

    #[test]
    fn candidates_overlap_where_the_mentions_do_not() {
        let t = marcos_tagger();
        // The listed name, and the pattern layers' proposals for its parts alone.
        let text = "Imelda Marcos kom. Senere sagde Marcos og Imelda nej.";
        let mentions = t.tag_text(text, 0);
        let candidates = t.candidates(text, 0);
        assert!(candidates.len() > mentions.len(), "{candidates:?}");
        assert!(mentions.iter().all(|m| candidates.contains(m)));
        // The layers off: the gazetteer's matches, and the mentions they give.
        let mut g = Gazetteer::new();
        let places = "id\tname\taliases\ns\tSkagen\t\n";
        g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
        g.add_ambiguous_list("Skagen\n");
        let bare = Tagger::with_rules(g, Lexicon::shipped().unwrap(), Layers::none()).unwrap();
        // An ambiguous form alone at a sentence start is held back: a candidate only.
        assert!(bare.tag_text("Skagen er fin.", 0).is_empty());
        let held = bare.candidates("Skagen er fin.", 0);
        assert_eq!(held.len(), 1, "{held:?}");
        assert_eq!((held[0].start, held[0].end), (0, 6));
    }

    #[test]
    fn names_in_web_and_email_addresses_are_no_mentions() {
        let text = "Imelda Marcos på https://x.dk/Imelda-Marcos og KTAS@x.dk, og KTAS.";
        assert_eq!(tagged(text), ["Imelda Marcos", "KTAS"]);
        // Nor with the rule layers off, nor among the candidates.
        let mut g = Gazetteer::new();
        let people = "id\tname\taliases\nm\tImelda Marcos\t\n";
        g.add_tsv(people, "p.tsv".as_ref(), Label::Per).unwrap();
        let lexicon = Lexicon::shipped().unwrap();
        let bare = Tagger::with_rules(g, lexicon, Layers::none()).unwrap();
        let mentions = bare.tag_text(text, 0);
        assert_eq!(mentions.len(), 1, "{mentions:?}");
        let considered = marcos_tagger().candidates(text, 0);
        assert!(
            considered.iter().all(|m| m.byte_start == 0),
            "{considered:?}"
        );
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
