//! The last step of every document: names end after a genitive apostrophe, and every
//! mention's code-point offsets are counted, in one pass over the text.

use crate::mention::{count_code_points, Mention};
use crate::text::genitive_apostrophe_end;

/// Extends each mention of `mentions` (sorted by start, none overlapping) over a genitive
/// apostrophe right after it (`Marcos' sko`, `KTAS' direktør`), then sets the code-point
/// offsets of every mention from its byte offsets.
///
/// The apostrophe is the genitive ending there, as the `s` of `Danmarks` is elsewhere, and
/// belongs to the name's token ([`genitive_apostrophe_end`], the rule the gazetteer matches
/// end by too); the pattern layers cut names at it. Code points are counted last, so that
/// every offset is counted from the final byte offsets, once.
pub(crate) fn finish(text: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if let Some(last) = text[..m.byte_end].chars().next_back() {
            if let Some(end) = genitive_apostrophe_end(text, m.byte_end, last) {
                m.byte_end = end;
            }
        }
    }
    count_code_points(text, mentions);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::{Label, Method};
    use crate::rules::proposal;
    use proptest::prelude::*;

    #[test]
    fn genitive_apostrophes_join_the_name() {
        // `Lise'` is no genitive: no sibilant before the apostrophe, a closing quote.
        let text = "Æbler fra Marcos' have og KTAS’ chef, ikke O'Brien eller 'Lise'";
        let spans = [(0, 6), (10, 16), (26, 30), (43, 44), (58, 62)];
        let mut ms: Vec<Mention> = spans
            .iter()
            .map(|&(s, e)| {
                let (s, e) = (
                    text.char_indices().nth(s).unwrap().0,
                    text.char_indices().nth(e).unwrap().0,
                );
                proposal(s, e, Label::Per, Method::Pattern)
            })
            .collect();
        finish(text, &mut ms);
        let found: Vec<&str> = ms.iter().map(|m| m.text(text)).collect();
        assert_eq!(found, ["Æbler ", "Marcos'", "KTAS’", "O", "Lise"]);
        for m in &ms {
            let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(chars, m.text(text));
        }
    }

    proptest! {
        /// Code-point offsets slice out what the byte offsets do, for any sorted mentions.
        #[test]
        fn code_points_agree_with_bytes(
            text in "[aæ€😀s' ’]{0,30}",
            cuts in proptest::collection::vec(0usize..40, 0..8),
        ) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut at: Vec<usize> = cuts.iter().map(|&c| bounds[c % bounds.len()]).collect();
            at.sort();
            at.dedup();
            // Mentions between every other pair of cuts, apart from each other.
            let mut ms: Vec<Mention> = at
                .chunks(2)
                .filter(|p| p.len() == 2)
                .map(|p| proposal(p[0], p[1], Label::Loc, Method::Pattern))
                .collect();
            let before = ms.clone();
            finish(&text, &mut ms);
            for (m, b) in ms.iter().zip(&before) {
                let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                prop_assert_eq!(chars.as_str(), m.text(&text));
                prop_assert!(m.byte_end == b.byte_end || text[b.byte_end..m.byte_end].chars().count() == 1);
            }
        }
    }
}
