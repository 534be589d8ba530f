//! Forum quote headers: the user name in the line with which a web forum opens a quoted post
//! (layer `handles`).
//!
//! A forum quotes an earlier post under a header that names its writer, and a user name is a
//! person's name there as an `@handle` is on a social network, however it is spelled
//! (`MiasXkatrine`, `X-HardStyleSo-X`, `xkat`). Two headers are recognised:
//!
//! - **date, time, `skrev`, name**: `02-05- 2006 12:20 skrev WannaBeYours`, `I gr, 21:36
//!   skrev xkat`. The time (`12:20`, `12.20`) right before `skrev` is what makes the line a
//!   header; a time after `kl.` or `klokken` is a clock time in running prose (`kl. 14.30
//!   skrev Ritzau`) and makes none.
//! - **name, `skrev:`** at the start of a line or of the text: `Annasproblembarn skrev:`.
//!
//! The name is the one token after `skrev` (or before `skrev:`), without trailing punctuation;
//! it is a mention (`PER`, method `pattern`) unless it is a word of the language or a
//! pronoun (`skrev han`, `Jeg skrev:`) or a mention is already there (a listed name keeps its
//! label).

use std::sync::LazyLock;

use memchr::memmem;

use crate::label::{Label, Method};
use crate::lexicon::Lexicon;
use crate::mention::Mention;
use crate::word_class::WordClass;

use super::{proposal, View, Work};

/// The most characters of a user name; a longer token is no name.
const MAX_NAME_CHARS: usize = 40;

/// The searcher for `skrev`, built once: building it for each document costs about as much as
/// searching a short one.
static SKREV: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("skrev"));

/// Adds the user names of the document's forum quote headers.
pub(crate) fn quote_headers(doc: &View, work: &mut Work) {
    let found = headers_in(doc.text, doc.body, doc.lexicon);
    if !found.is_empty() {
        work.add(found, false);
    }
}

/// The user names of the quote headers in `text[body..]`, in text order.
fn headers_in(text: &str, body: usize, lexicon: &Lexicon) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    // `find` from each match on rather than `find_iter`, which copies the searcher for every
    // document; `skrev` cannot overlap itself, so the search goes on after a match's end.
    let mut from = body;
    while let Some(i) = find_skrev(&text.as_bytes()[from..]) {
        let at = from + i;
        let after = at + "skrev".len();
        from = after;
        let span = match text.as_bytes().get(after) {
            Some(b' ') if after_time(&text[body..at]) => name_after(text, after),
            Some(b':') => name_before(text, body, at),
            _ => None,
        };
        let Some((start, end)) = span else { continue };
        if is_name(&text[start..end], lexicon) && out.last().is_none_or(|m| m.byte_end <= start) {
            out.push(proposal(start, end, Label::Per, Method::Pattern));
        }
    }
    out
}

/// Where the first `skrev` of `hay` starts, if one does: [`SKREV`]'s answer, found with AVX2
/// where the processor has it ([`find_skrev_avx2`]).
fn find_skrev(hay: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, which is all `find_skrev_avx2` needs.
        return unsafe { find_skrev_avx2(hay) };
    }
    SKREV.find(hay)
}

/// [`find_skrev`] with AVX2, a hundred and twenty-eight starts per step. A start is looked at
/// only where its `k` and its `v` stand (in Danish text a few thousand starts in five
/// megabytes: the rarest pair of the word's bytes); the starts of a step are told apart only
/// where one is. The search `memchr` makes picks the same pair but takes three times the
/// instructions per byte (callgrind, 5 MB corpus): it tests thirty-two starts per step.
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn find_skrev_avx2(hay: &[u8]) -> Option<usize> {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };
    const LANES: usize = 32;
    const STEP: usize = 4 * LANES;
    let (k, v) = (_mm256_set1_epi8(b'k' as i8), _mm256_set1_epi8(b'v' as i8));
    let mut at = 0;
    // The `v` of the last start of a step is byte `at + STEP + 3`.
    while at + STEP + 4 <= hay.len() {
        // The starts `at + o` to `at + o + 31` with their `k` and their `v`, one byte each.
        // SAFETY: the loads read `hay[at + o + 1..at + o + 33]` and `hay[at + o + 4..at + o
        // + 36]`, for `o` up to `STEP - LANES`, within `hay` as `at + STEP + 4 <= hay.len()`
        // (they need no alignment); the caller vouches for AVX2. The other intrinsics only
        // compute.
        let pairs = |o: usize| unsafe {
            let p = hay.as_ptr().add(at + o);
            let k = _mm256_cmpeq_epi8(_mm256_loadu_si256(p.add(1).cast()), k);
            let v = _mm256_cmpeq_epi8(_mm256_loadu_si256(p.add(4).cast()), v);
            _mm256_and_si256(k, v)
        };
        let step = [pairs(0), pairs(LANES), pairs(2 * LANES), pairs(3 * LANES)];
        let any = _mm256_or_si256(
            _mm256_or_si256(step[0], step[1]),
            _mm256_or_si256(step[2], step[3]),
        );
        if _mm256_movemask_epi8(any) != 0 {
            for (n, pairs) in step.iter().enumerate() {
                let mut starts = _mm256_movemask_epi8(*pairs) as u32;
                while starts != 0 {
                    let i = at + n * LANES + starts.trailing_zeros() as usize;
                    if &hay[i..i + 5] == b"skrev" {
                        return Some(i);
                    }
                    starts &= starts - 1;
                }
            }
        }
        at += STEP;
    }
    SKREV.find(&hay[at..]).map(|i| at + i)
}

/// Whether `before`, the text before a `skrev`, ends in a time and one space (`21:36 `), not
/// after `kl.` or `klokken`.
fn after_time(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    let b = rest.as_bytes();
    let n = b.len();
    // `H:MM` or `HH:MM`, `.` for `:` too.
    let time = n >= 4
        && b[n - 2..].iter().all(u8::is_ascii_digit)
        && matches!(b[n - 3], b':' | b'.')
        && b[n - 4].is_ascii_digit();
    if !time {
        return false;
    }
    let hour_digits = if n >= 5 && b[n - 5].is_ascii_digit() {
        2
    } else {
        1
    };
    let start = n - 3 - hour_digits;
    if start > 0 && !matches!(b[start - 1], b' ' | b'\n' | b'\t' | b',') {
        return false;
    }
    let prose = rest[..start].trim_end();
    let last = prose.rsplit(' ').next().unwrap_or_default();
    !matches!(last.to_lowercase().as_str(), "kl." | "kl" | "klokken")
}

/// The span of the token after the space at byte `space` (a `skrev `), without trailing
/// punctuation.
fn name_after(text: &str, space: usize) -> Option<(usize, usize)> {
    let start = space + 1;
    let len = text[start..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - start);
    trimmed(text, start, start + len)
}

/// The span of the token before the `skrev:` at byte `at`, when that token opens a line or
/// `text[body..]`.
fn name_before(text: &str, body: usize, at: usize) -> Option<(usize, usize)> {
    let end = body + text[body..at].strip_suffix(' ')?.len();
    let start = text[body..end]
        .rfind(char::is_whitespace)
        .map_or(body, |i| body + i + 1);
    let opens_line = start == body || text.as_bytes()[start - 1] == b'\n';
    if !opens_line {
        return None;
    }
    trimmed(text, start, end)
}

/// `text[start..end]` without trailing punctuation, if a letter is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let name = text[start..end].trim_end_matches([':', ',', ';', '.', '!', '?']);
    name.contains(char::is_alphabetic)
        .then_some((start, start + name.len()))
}

/// Whether `name` may be a user name: not too long, and no word of the language nor a
/// pronoun or other function word.
fn is_name(name: &str, lexicon: &Lexicon) -> bool {
    if name.chars().count() > MAX_NAME_CHARS || !name.contains(char::is_alphabetic) {
        return false;
    }
    let lower = name.to_lowercase();
    !(lexicon.is_lowercase_word(&lower)
        || lexicon.is_common_word(&lower)
        || lexicon.word_class(name) != WordClass::NONE
        || lexicon.word_class(&lower) != WordClass::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// On any text and any body start, the names found lie inside the body, on character
        /// boundaries, in order and apart.
        #[test]
        fn names_are_sound_spans(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("skrev"), Just(" "), Just(":"), Just("\n"), Just("12"), Just("kl."),
                    Just("Æbleø"), Just("x"), Just("😀"), Just("."),
                ],
                0..24,
            ),
            cut in 0usize..64,
        ) {
            let text = parts.concat();
            let bounds: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let body = bounds[cut % bounds.len()];
            let found = headers_in(&text, body, lex());
            let mut last = body;
            for m in &found {
                prop_assert!(last <= m.byte_start && m.byte_start < m.byte_end);
                prop_assert!(text.is_char_boundary(m.byte_start) && text.is_char_boundary(m.byte_end));
                last = m.byte_end;
            }
        }
    }

    proptest! {
        /// The search for `skrev` finds what `memmem` finds, wherever it stands, near the
        /// end too.
        #[test]
        fn skrev_is_found_where_memmem_finds_it(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("skrev"), Just("skre"), Just("krev"), Just("k"), Just("v"),
                    Just(" "), Just("sk"), Just("ev"), Just("æ"),
                ],
                0..160,
            ),
        ) {
            let hay = parts.concat();
            prop_assert_eq!(find_skrev(hay.as_bytes()), SKREV.find(hay.as_bytes()));
        }
    }

    /// The shipped word lists, loaded once for every test and case here.
    fn lex() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::shipped().unwrap())
    }

    fn names(text: &str) -> Vec<&str> {
        headers_in(text, 0, lex())
            .iter()
            .map(|m| &text[m.byte_start..m.byte_end])
            .collect()
    }

    #[test]
    fn names_after_a_time_and_skrev() {
        assert_eq!(
            names("02-05- 2006 12:20 skrev WannaBeYours P14 Virkelig smukt skrevet"),
            ["WannaBeYours"]
        );
        assert_eq!(
            names("I gr, 21:36 skrev X-HardStyleSo-X P18 Altid"),
            ["X-HardStyleSo-X"]
        );
        assert_eq!(
            names("det 09-06- 2006 21:28 skrev michelle-er P13 det 9.30 skrev xkat: hej"),
            ["michelle-er", "xkat"]
        );
    }

    #[test]
    fn names_before_skrev_colon_at_a_line_start() {
        assert_eq!(names("Annasproblembarn skrev: nej"), ["Annasproblembarn"]);
        assert_eq!(names("Hej\nFrille88 skrev:\nja"), ["Frille88"]);
        // Not at a line start: prose.
        assert_eq!(names("og så Frille88 skrev: nej"), Vec::<&str>::new());
    }

    #[test]
    fn the_body_bounds_the_search() {
        // `skrev:` right at the body's start, a space before it in the title.
        let text = "Titel skrev: nej";
        assert!(headers_in(text, 6, lex()).is_empty());
        assert!(headers_in(text, 5, lex()).is_empty());
    }

    #[test]
    fn prose_makes_no_header() {
        for text in [
            "Kl. 14.30 skrev Ritzau at",
            "klokken 9:15 skrev Nielsen",
            "Han skrev: nej",
            "Jeg skrev:",
            "12:20 skrev han",
            "12:20 skrev avisen",
            "Hun skrev et brev",
            "2006 skrev Hansen",
            "112:20 skrev Mette",
            "nedskrev",
        ] {
            assert_eq!(names(text), Vec::<&str>::new(), "{text}");
        }
    }
}
