//! The last step of every document: names end after a genitive apostrophe, and every
//! mention's code-point offsets are counted, in one pass over the text.

use crate::mention::Mention;
use crate::text::{genitive_apostrophe_end, is_word_char, CharCounter};

/// Extends each mention of `mentions` (sorted by start, none overlapping) over a genitive
/// apostrophe right after it (`Marcos' sko`, `KTAS' direktør`), then sets the code-point
/// offsets of every mention from its byte offsets.
///
/// The apostrophe is the genitive ending there, as the `s` of `Danmarks` is elsewhere, and
/// belongs to the name's token ([`genitive_apostrophe_end`], the rule the gazetteer matches
/// end by too); the pattern layers cut names at it. Code points are counted last, so that
/// every offset is counted from the final byte offsets, once.
///
/// Text rebuilt from tokens, as corpora of tokens give it, has the genitive of `P3’s` as
/// three tokens, `P3 ’ s`: the name takes ` ’ s` as well, when nothing follows the `s` but
/// a space or punctuation and no mention starts inside it.
pub(crate) fn finish(text: &str, mentions: &mut [Mention]) {
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
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("popcnt")
    {
        // SAFETY: the processor has AVX2 and POPCNT, all that `code_points_avx2` needs.
        unsafe { code_points_avx2(text.as_bytes(), mentions) };
        return;
    }
    let mut counter = CharCounter::new(text);
    for m in mentions {
        m.start = counter.at(m.byte_start);
        m.end = counter.at(m.byte_end);
    }
}

/// The code-point offsets of `mentions` from their byte offsets, as [`CharCounter`] counts them,
/// with AVX2: a bit per byte of thirty-two, from one compare, and the bits counted by
/// POPCNT. The spans between offsets are short (most under thirty-two bytes), so what
/// counts is the cost per offset: the bytes of a span are the top bits of the thirty-two
/// that end at it, with no branch for its length, and the counting is written out here
/// rather than called.
///
/// # Safety
///
/// The processor must have AVX2 and POPCNT.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
unsafe fn code_points_avx2(text: &[u8], mentions: &mut [Mention]) {
    use std::arch::x86_64::{
        _mm256_add_epi64, _mm256_add_epi8, _mm256_castsi256_si128, _mm256_cmpgt_epi8,
        _mm256_extracti128_si256, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_sad_epu8,
        _mm256_set1_epi8, _mm256_setzero_si256, _mm256_sub_epi8, _mm_add_epi64, _mm_cvtsi128_si64,
        _mm_extract_epi64,
    };
    const LANES: usize = 32;
    const STEP: usize = 4 * LANES;
    // A continuation byte is below -0x40 as a signed byte.
    let limit = _mm256_set1_epi8(-0x40);
    // The continuation bytes from byte `at` on, a [`STEP`] at a time while more than a step
    // is left before `to`, and where the last step ends. The marks of four vectors are
    // summed in a vector rather than counted one vector at a time: fewer instructions per
    // byte over the long gaps between names, which hold most of the bytes counted.
    // SAFETY (of a call): `to <= text.len()`; the caller vouches for AVX2.
    let continuations = |text: &[u8], mut at: usize, to: usize| unsafe {
        let mut sums = _mm256_setzero_si256();
        while to - at > STEP {
            // Each compare gives -1 at a continuation byte: the four of a byte's lane add up
            // to -4 at most, its negation to 4, and the lanes' sums are added four u64 at a
            // time. SAFETY: `at + STEP < to <= text.len()`, so the loads read within `text`.
            let p = text.as_ptr().add(at);
            let c = |o: usize| _mm256_cmpgt_epi8(limit, _mm256_loadu_si256(p.add(o).cast()));
            let lanes = _mm256_add_epi8(
                _mm256_add_epi8(c(0), c(LANES)),
                _mm256_add_epi8(c(2 * LANES), c(3 * LANES)),
            );
            let bytes = _mm256_sub_epi8(_mm256_setzero_si256(), lanes);
            sums = _mm256_add_epi64(sums, _mm256_sad_epu8(bytes, _mm256_setzero_si256()));
            at += STEP;
        }
        let two = _mm_add_epi64(
            _mm256_castsi256_si128(sums),
            _mm256_extracti128_si256::<1>(sums),
        );
        let sum = _mm_cvtsi128_si64(two) + _mm_extract_epi64::<1>(two);
        (sum as usize, at)
    };
    // The continuation bits of the thirty-two bytes from `at`, bit `i` for byte `at + i`.
    // SAFETY (of each use below): `at + LANES <= text.len()`, so the load reads within
    // `text` (it needs no alignment); the caller vouches for AVX2.
    let marks = |at: usize| unsafe {
        let x = _mm256_loadu_si256(text.as_ptr().add(at).cast());
        u64::from(_mm256_movemask_epi8(_mm256_cmpgt_epi8(limit, x)) as u32)
    };
    let (mut byte, mut chars) = (0, 0);
    for m in mentions {
        for (to, out) in [(m.byte_start, &mut m.start), (m.byte_end, &mut m.end)] {
            assert!(to <= text.len());
            // A smaller offset than the last restarts the count from the beginning.
            if to < byte {
                (byte, chars) = (0, 0);
            }
            chars += to - byte;
            let mut at = byte;
            if to - at > STEP {
                let (skipped, past) = continuations(text, at, to);
                chars -= skipped;
                at = past;
            }
            while to - at > LANES {
                chars -= marks(at).count_ones() as usize;
                at += LANES;
            }
            // The last `to - at` bytes (none to thirty-two) of the vector ending at `to`.
            if to >= LANES {
                chars -= (marks(to - LANES) >> (LANES - (to - at))).count_ones() as usize;
            } else {
                chars -= text[at..to].iter().filter(|&&b| (b as i8) < -0x40).count();
            }
            byte = to;
            *out = chars;
        }
    }
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
        /// The counter counts what `chars` counts, over spans of any length (past the 254
        /// vectors a lane holds too) and in any order.
        #[test]
        fn counter_counts_chars(
            text in "(a|æ|€|😀| ){0,5000}",
            cuts in proptest::collection::vec(0usize..20_000, 0..12),
        ) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut counter = CharCounter::new(&text);
            for c in cuts {
                let b = bounds[c % bounds.len()];
                prop_assert_eq!(counter.at(b), text[..b].chars().count());
            }
        }

        /// The AVX2 count agrees with the counter, over spans of any length, in any order.
        #[test]
        #[cfg(target_arch = "x86_64")]
        fn avx2_counts_as_the_counter_does(
            text in "(a|æ|€|😀| ){0,3000}",
            cuts in proptest::collection::vec(0usize..12_000, 0..12),
        ) {
            if !std::arch::is_x86_feature_detected!("avx2")
                || !std::arch::is_x86_feature_detected!("popcnt")
            {
                return Ok(());
            }
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let at: Vec<usize> = cuts.iter().map(|&c| bounds[c % bounds.len()]).collect();
            let mut ms: Vec<Mention> = at
                .chunks(2)
                .filter(|p| p.len() == 2)
                .map(|p| proposal(p[0], p[1], Label::Loc, Method::Pattern))
                .collect();
            // SAFETY: the processor has AVX2 and POPCNT.
            unsafe { code_points_avx2(text.as_bytes(), &mut ms) };
            let mut counter = CharCounter::new(&text);
            for m in &ms {
                prop_assert_eq!(m.start, counter.at(m.byte_start));
                prop_assert_eq!(m.end, counter.at(m.byte_end));
            }
        }

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
