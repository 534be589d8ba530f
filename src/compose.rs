//! Decomposed text (Unicode NFD, as macOS file names and some web pages write it: `å` as `a`
//! and a combining ring) is tagged in composed form (NFC), so that the gazetteers and word
//! lists, which are composed, find its names; the mentions' offsets are then taken back to
//! the text as it was written.

use unicode_normalization::UnicodeNormalization;

use crate::mention::{count_code_points, Mention};
use crate::text::is_combining_mark;

/// Whether `text` may hold combining marks: the lead bytes of U+0300–U+037F in UTF-8. (Greek
/// letters share them; such text is composed to no effect.) Composed text, nearly all text,
/// is told by one fast byte search.
pub(crate) fn may_be_decomposed(text: &str) -> bool {
    memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some()
}

/// A text with each letter or digit and the combining marks after it composed (NFC), and
/// where its changed letters lie in the original text.
pub(crate) struct Composed {
    /// The composed text.
    pub text: String,
    /// Where the original text's body starts in the composed one.
    pub body: usize,
    /// Each letter that composing changed: its byte ranges in the composed text and in the
    /// original, in text order.
    changed: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
}

impl Composed {
    /// `text`, whose body starts at byte `body`, composed.
    pub fn new(text: &str, body: usize) -> Composed {
        let mut out = Composed {
            text: String::with_capacity(text.len()),
            body: 0,
            changed: Vec::new(),
        };
        // `copied`: where the original text not yet copied starts.
        let mut copied = 0;
        let mut chars = text.char_indices().peekable();
        let mut body_seen = body == 0;
        while let Some((i, c)) = chars.next() {
            if !body_seen && i >= body {
                out.text.push_str(&text[copied..i]);
                copied = i;
                out.body = out.text.len();
                body_seen = true;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, m)) = chars.peek().filter(|&&(_, m)| is_combining_mark(m)) {
                end = j + m.len_utf8();
                chars.next();
            }
            // Marks after anything but a letter or digit are left as written: composed, they
            // could become a character of another class (`=` and U+0338 compose to `≠`) or
            // change places (canonical order), and a token would start or end elsewhere in the
            // composed text than in the original, where the mentions' offsets go back to.
            if end == i + c.len_utf8() || !c.is_alphanumeric() {
                continue;
            }
            // A letter or digit with marks: copy what lies before it, then compose it.
            out.text.push_str(&text[copied..i]);
            let from = out.text.len();
            out.text.extend(text[i..end].nfc());
            out.changed.push((from..out.text.len(), i..end));
            copied = end;
        }
        out.text.push_str(&text[copied..]);
        if !body_seen {
            out.body = out.text.len();
        }
        out
    }

    /// The byte offset of the original text that composed offset `pos` stands for: a start
    /// (`end` false) or an end of a mention. An offset inside a changed letter stands for its
    /// start, or as an end for its end.
    fn original(&self, pos: usize, end: bool) -> usize {
        let k = self.changed.partition_point(|(new, _)| new.start < pos);
        // `pos` is where a changed letter starts.
        if let Some((_, old)) = self.changed.get(k).filter(|(new, _)| new.start == pos) {
            return old.start;
        }
        // Else it lies inside or after the last changed letter before it, if any.
        match k.checked_sub(1).map(|k| &self.changed[k]) {
            None => pos,
            Some((new, old)) if pos < new.end => {
                if end {
                    old.end
                } else {
                    old.start
                }
            }
            Some((new, old)) => old.end + (pos - new.end),
        }
    }

    /// Takes `mentions` found in the composed text (sorted by start, none overlapping) back to
    /// `original`, the text this was composed from: byte and code-point offsets.
    pub fn restore(&self, original: &str, mentions: &mut [Mention]) {
        for m in mentions.iter_mut() {
            m.byte_start = self.original(m.byte_start, false);
            m.byte_end = self.original(m.byte_end, true);
        }
        count_code_points(original, mentions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_with_marks_are_composed_and_found_again() {
        let text = "date 2024\nA\u{30A}rhus og Rene\u{301} i Zu\u{308}rich.";
        let c = Composed::new(text, 10);
        assert_eq!(c.text, "date 2024\nÅrhus og René i Zürich.");
        assert_eq!(c.body, 10);
        let arhus = c.text.find("Århus").unwrap();
        assert_eq!(c.original(arhus, false), text.find("A\u{30A}rhus").unwrap());
        let (s, e) = (c.text.find("Zürich").unwrap(), c.text.find('.').unwrap());
        assert_eq!(
            &text[c.original(s, false)..c.original(e, true)],
            "Zu\u{308}rich"
        );
        assert!(may_be_decomposed(text) && !may_be_decomposed(&c.text));
    }

    #[test]
    fn marks_after_no_letter_are_left_as_written() {
        // Composed, `=` and U+0338 would be `≠`, and U+07EE and U+0359 would change places:
        // either would put a token start before `Jens` that the original text does not have.
        for text in ["=\u{338}Jens", ".\u{7ee}\u{359}Jens", "(\u{301}\u{300}x"] {
            assert_eq!(Composed::new(text, 0).text, text, "{text:?}");
        }
        assert_eq!(Composed::new("(e\u{301}\u{300}", 0).text, "(\u{e9}\u{300}");
    }

    proptest::proptest! {
        /// Every composed character boundary maps to an original one, in order, and a range
        /// of the composed text maps to a range whose composed form it is.
        #[test]
        fn offsets_map_back_to_the_original(
            t in "([a-zA-Z .æøå]|[aeuAE][\u{300}-\u{30A}]{1,2}|\u{301}){0,30}",
            a: usize,
            b: usize,
        ) {
            let c = Composed::new(&t, 0);
            let bounds: Vec<usize> =
                (0..=c.text.len()).filter(|&i| c.text.is_char_boundary(i)).collect();
            let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (s, e) = (x.min(y), x.max(y));
            let (os, oe) = (c.original(s, false), c.original(e, true));
            proptest::prop_assert!(os <= oe && oe <= t.len());
            proptest::prop_assert!(t.is_char_boundary(os) && t.is_char_boundary(oe));
            let recomposed: String = t[os..oe].nfc().collect();
            proptest::prop_assert!(recomposed.contains(&c.text[s..e]), "{:?} {:?}", &t[os..oe], &c.text[s..e]);
        }
    }
}
