//! A mention: one span of a document that names an entity.

use crate::label::{Label, Method};
use crate::matcher::EntryId;
use crate::text::CharCounter;

/// One mention found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Start, in Unicode code points from the start of the text.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Start in bytes, for slicing the text.
    pub byte_start: usize,
    /// End (exclusive) in bytes.
    pub byte_end: usize,
    /// The entity's label.
    pub label: Label,
    /// The gazetteer entry named, if any (names found by patterns have none).
    pub entry: Option<EntryId>,
    /// How the mention was found.
    pub method: Method,
    /// The canonical name when there is no gazetteer entry (an alias of a name found by a
    /// pattern); `None` means the entry's name, or else the mention itself.
    pub canonical: Option<String>,
}

impl Mention {
    /// The mention's text in `text`, the text it was found in.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.byte_start..self.byte_end]
    }
}

/// Sets the code-point offsets of `mentions`, sorted by start and none overlapping, from their
/// byte offsets into `text`: one count over the text, however many mentions.
pub(crate) fn count_code_points(text: &str, mentions: &mut [Mention]) {
    count_code_points_of(text, mentions, |m| m);
}

/// [`count_code_points`] of the mentions of `items`, which `mention` gives (a candidate's, say).
///
/// Where the processor has AVX2 and POPCNT the bytes are counted thirty-two at a time
/// ([`code_points_avx2`]), chosen once for all the mentions; elsewhere by a [`CharCounter`].
pub(crate) fn count_code_points_of<T>(
    text: &str,
    items: &mut [T],
    mention: impl Fn(&mut T) -> &mut Mention,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("popcnt")
    {
        // SAFETY: the processor has AVX2 and POPCNT, all that `code_points_avx2` needs.
        unsafe { code_points_avx2(text.as_bytes(), items, mention) };
        return;
    }
    let mut counter = CharCounter::new(text);
    for item in items {
        let m = mention(item);
        m.start = counter.at(m.byte_start);
        m.end = counter.at(m.byte_end);
    }
}

/// [`count_code_points_of`] with AVX2: a bit per byte of thirty-two, from one compare, and
/// the bits counted by POPCNT. The spans between offsets are short (most under thirty-two
/// bytes), so what counts is the cost per offset: the bytes of a span are the top bits of the
/// thirty-two that end at it, with no branch for its length, and the counting is written out
/// here rather than called.
///
/// # Safety
///
/// The processor must have AVX2 and POPCNT.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
unsafe fn code_points_avx2<T>(
    text: &[u8],
    items: &mut [T],
    mention: impl Fn(&mut T) -> &mut Mention,
) {
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
    for item in items {
        let m = mention(item);
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

/// Sets the code-point offsets of `mentions`, in any order and overlapping, from their byte
/// offsets into `text`: one count over the text for all their offsets, sorted.
pub(crate) fn count_code_points_anywhere(text: &str, mentions: &mut [Mention]) {
    let mut bytes: Vec<usize> = mentions
        .iter()
        .flat_map(|m| [m.byte_start, m.byte_end])
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    let mut counter = CharCounter::new(text);
    let chars: Vec<usize> = bytes.iter().map(|&b| counter.at(b)).collect();
    let at = |b: usize| chars[bytes.binary_search(&b).expect("every offset was counted")];
    for m in mentions {
        m.start = at(m.byte_start);
        m.end = at(m.byte_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::proposal;
    use proptest::prelude::*;

    proptest! {
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
            unsafe { code_points_avx2(text.as_bytes(), &mut ms, |m| m) };
            let mut counter = CharCounter::new(&text);
            for m in &ms {
                prop_assert_eq!(m.start, counter.at(m.byte_start));
                prop_assert_eq!(m.end, counter.at(m.byte_end));
            }
        }
    }
}
