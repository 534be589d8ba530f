//! The last step of every document: names end after a genitive apostrophe, and every
//! mention's code-point offsets are counted, in one pass over the text.

use crate::mention::{count_code_points, Mention};
use crate::text::{genitive_apostrophe_end, is_word_char};

/// Drops the mentions of `mentions` (sorted by start, none overlapping) that are part of a
/// web or e-mail address ([`crate::links`]), extends each other one over a genitive apostrophe
/// right after it (`Marcos' sko`, `KTAS' direktør`), then sets the code-point offsets of
/// every mention from its byte offsets.
///
/// The apostrophe is the genitive ending there, as the `s` of `Danmarks` is elsewhere, and
/// belongs to the name's token ([`genitive_apostrophe_end`], the rule the gazetteer matches
/// end by too); the pattern layers cut names at it. Code points are counted last, so that
/// every offset is counted from the final byte offsets, once.
///
/// Text rebuilt from tokens, as corpora of tokens give it, has the genitive of `P3’s` as
/// three tokens, `P3 ’ s`: the name takes ` ’ s` as well, when nothing follows the `s` but
/// a space or punctuation and no mention starts inside it.
pub(crate) fn finish(text: &str, mentions: &mut Vec<Mention>) {
    crate::links::drop_linked(text, mentions);
    for k in 0..mentions.len() {
        let m = &mentions[k];
        // Both genitives start with an apostrophe (`'`, or `’`: E2 80 99), right after the
        // name or after one space: most names are followed by neither, told from two bytes.
        let apostrophe = |at: usize| matches!(text.as_bytes().get(at), Some(b'\'' | 0xE2));
        let spaced = text.as_bytes().get(m.byte_end) == Some(&b' ');
        if !apostrophe(m.byte_end + usize::from(spaced)) {
            continue;
        }
        let Some(last) = text[..m.byte_end].chars().next_back() else {
            continue;
        };
        let end = genitive_apostrophe_end(text, m.byte_end, last).or_else(|| {
            spaced_genitive_end(text, m.byte_end)
                .filter(|&e| mentions.get(k + 1).is_none_or(|n| n.byte_start >= e))
        });
        if let Some(end) = end {
            mentions[k].byte_end = end;
        }
    }
    count_code_points(text, mentions);
}

/// Where a genitive written as separate tokens (` ’ s`, ` ' s`) that starts at byte `end`
/// ends, if one does.
fn spaced_genitive_end(text: &str, end: usize) -> Option<usize> {
    let rest = text[end..].strip_prefix(' ')?;
    let rest = rest
        .strip_prefix('’')
        .or_else(|| rest.strip_prefix('\''))?
        .strip_prefix(" s")?;
    rest.chars()
        .next()
        .is_none_or(|c| !is_word_char(c))
        .then(|| text.len() - rest.len())
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

    #[test]
    fn spaced_genitives_of_rebuilt_text_join_the_name() {
        // `P3 ’ s` and `Bech ' s` are genitives; `Polaris ’ guldæg` is a quote, `DR ’ sport`
        // a word.
        let text = "P3 ’ s vært, Bech ' s bil, Polaris ’ guldæg, DR ’ sport";
        let spans = [(0, 2), (13, 17), (27, 34), (45, 47)];
        let mut ms: Vec<Mention> = spans
            .iter()
            .map(|&(s, e)| {
                let at = |c: usize| text.char_indices().nth(c).unwrap().0;
                proposal(at(s), at(e), Label::Org, Method::Pattern)
            })
            .collect();
        finish(text, &mut ms);
        let found: Vec<&str> = ms.iter().map(|m| m.text(text)).collect();
        assert_eq!(found, ["P3 ’ s", "Bech ' s", "Polaris", "DR"]);
    }

    proptest! {
        /// Code-point offsets slice out what the byte offsets do, for any sorted mentions.
        #[test]
        fn code_points_agree_with_bytes(
            text in proptest::collection::vec(
                prop::sample::select(&["a", "æ", "€", "😀", "s", "'", "’", " ", " ’ s", " ' s"][..]),
                0..20,
            )
            .prop_map(|pieces| pieces.concat()),
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
            // Where each name ends after its genitive, asked of every name without the
            // filter in front: the filter turns no genitive down.
            let ends: Vec<usize> = before
                .iter()
                .enumerate()
                .map(|(k, m)| {
                    let Some(last) = text[..m.byte_end].chars().next_back() else {
                        return m.byte_end;
                    };
                    genitive_apostrophe_end(&text, m.byte_end, last)
                        .or_else(|| {
                            spaced_genitive_end(&text, m.byte_end)
                                .filter(|&e| before.get(k + 1).is_none_or(|n| n.byte_start >= e))
                        })
                        .unwrap_or(m.byte_end)
                })
                .collect();
            finish(&text, &mut ms);
            let found: Vec<usize> = ms.iter().map(|m| m.byte_end).collect();
            prop_assert_eq!(found, ends);
            for (m, b) in ms.iter().zip(&before) {
                let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                prop_assert_eq!(chars.as_str(), m.text(&text));
                let grown = &text[b.byte_end..m.byte_end];
                prop_assert!(grown.is_empty() || grown.chars().count() == 1 || grown == " ’ s" || grown == " ' s");
            }
        }
    }
}
