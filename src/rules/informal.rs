//! Whether a text is written informally ([`is_informal`]), which the layers of informal writing
//! ask: `@handles` and `#hashtags` that spell a name (layer `handles`, [`super::handles`]), and
//! names written in lowercase in text that is written in lowercase (layer `lowercase`,
//! [`super::lowercase`]).
//!
//! A text is written informally when its first letter is lowercase, a fifth or more of its
//! sentences begin in lowercase after `!`, `?` or a line break, or it has an emoji or an
//! emoticon (`😂`, `<3`, `:)`). With the `lowercase` layer on, the `handles` step runs the pass
//! over the text ([`scan`]), which also tells it whether an `@` or a `#` stands in the text, and
//! keeps the answer for the `lowercase` step ([`super::work::Work::informal`]).

use crate::lexicon::Lexicon;
use crate::word_class::WordClass;

/// Whether `text[body..]` is written informally: its first letter is lowercase, or a fifth or
/// more of its sentences ([`INFORMAL_SHARE`]) begin with a lowercase letter after `!`, `?` or
/// a line break (one broken line in an edited article is no informal writing). After `!` and
/// `?`, a speaker named in lowercase is edited dialogue, not informal writing (`- Hvem mig?
/// spurgte han`, `Janne! sagde Lis`): a speech verb, or a word followed by a pronoun or a
/// capitalised word. A full stop before a lowercase word is no sign: abbreviations end in one
/// (`bl.a. hos`).
pub(crate) fn is_informal(text: &str, body: usize, lexicon: &Lexicon) -> bool {
    scan(text, body, lexicon).0
}

/// [`is_informal`] of `text[body..]`, and whether an `@` or a `#` may stand in it: false only
/// where the pass read the whole text and met neither.
pub(super) fn scan(text: &str, body: usize, lexicon: &Lexicon) -> (bool, bool) {
    let rest = &text[body..];
    if rest
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
    {
        return (true, true);
    }
    // One pass finds every byte asked about ([`lowercase_starts`]): an emoji or emoticon makes
    // the text informal wherever it stands, and the sentence ends are counted as they come.
    let bytes = rest.as_bytes();
    let mut tags = false;
    let Some(lowercase) = lowercase_starts(rest, lexicon, &mut tags) else {
        return (true, true);
    };
    if lowercase == 0 {
        return (false, tags);
    }
    // Sentences: counted only until they are too many for the text to be informal, as they
    // soon are in edited text.
    (
        !more_sentences_than(bytes, lowercase * INFORMAL_SHARE),
        tags,
    )
}

/// Whether `bytes` holds more than `most` sentences: one, and one more after each full stop,
/// `!`, `?` or line break that text follows (a run of them, spaces among them, counts once).
/// The sentence ends are found a chunk of bytes at a time ([`super::context::next_end`]),
/// where a loop over every byte took half a million instructions more (callgrind, 5 MB
/// corpus).
fn more_sentences_than(bytes: &[u8], most: usize) -> bool {
    let mut sentences = 1;
    let mut at = 0;
    while let (Some(end), _) = super::context::next_end(&bytes[at..]) {
        // Past the run of ends and spaces from this end on: the text after it, if any, begins
        // a sentence.
        let mut next = at + end + 1;
        while matches!(
            bytes.get(next),
            Some(b'.' | b'!' | b'?' | b'\n' | b' ' | b'\t' | b'\r')
        ) {
            next += 1;
        }
        if next == bytes.len() {
            return false;
        }
        sentences += 1;
        if sentences > most {
            return true;
        }
        at = next;
    }
    false
}

/// Whether an emoji (a pictograph or dingbat: `😂`, `❤`) starts at byte `i` of `bytes`: a
/// mark of chat, not of edited text. Pictographs are four bytes in UTF-8 (U+1F000 and up: a
/// lead byte F0 and then 9F); dingbats and miscellaneous symbols (U+2600 to U+27BF) three,
/// lead byte E2, then 98 to 9E.
fn is_emoji_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xF0 => bytes.get(i + 1) == Some(&0x9F),
        0xE2 => bytes.get(i + 1).is_some_and(|b| (0x98..=0x9E).contains(b)),
        _ => false,
    }
}

/// Whether an emoticon (`<3`, `:)`, `:-)`, `:(`, `:D`, `;)`, `:P`) starts at byte `i` of
/// `bytes`, after a space or at the start: a mark of chat, not of edited text.
fn is_emoticon_at(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied();
    // An emoticon stands apart: `3:)` is a reference in brackets.
    let apart = i == 0 || bytes[i - 1].is_ascii_whitespace();
    apart
        && match bytes[i] {
            b'<' => next(1) == Some(b'3') && next(2).is_none_or(|b| !b.is_ascii_digit()),
            b':' | b';' => {
                let eyes_end = if next(1) == Some(b'-') { 2 } else { 1 };
                let mouth = next(eyes_end);
                let after = next(eyes_end + 1);
                matches!(mouth, Some(b')' | b'(' | b'D' | b'P'))
                    && after.is_none_or(|b| !b.is_ascii_alphanumeric())
            }
            _ => false,
        }
}

/// How many sentences of `text` begin in lowercase after `!`, `?` or a line break, not
/// counting a speaker after `!` and `?` ([`introduces_speaker`]); `None` if `text` has an
/// emoji or an emoticon ([`is_emoji_at`], [`is_emoticon_at`]). Sets `tags` if an `@` or a
/// `#` stands in the text read.
///
/// The bytes asked about ([`is_mark`]: `!`, `?`, line breaks, the lead bytes `F0` and `E2` of
/// emoji, `:`, `;`, `<` of emoticons, with `=`, `>` beside them in one range, and `@`, `#`
/// for [`handles`](super::handles::handles)) are found a
/// block of 64 at a time, into one bit each, with AVX2 where the processor has it: one pass
/// over the text, where three `memchr` searches, one per kind, cost twice as much
/// (callgrind, 5 MB corpus).
fn lowercase_starts(text: &str, lexicon: &Lexicon, tags: &mut bool) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, which is all `lowercase_starts_avx2` needs.
        return unsafe { lowercase_starts_avx2(text, lexicon, tags) };
    }
    lowercase_starts_by(text, lexicon, tags, block_marks)
}

/// [`lowercase_starts`] with AVX2, 32 bytes per instruction.
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn lowercase_starts_avx2(text: &str, lexicon: &Lexicon, tags: &mut bool) -> Option<usize> {
    // SAFETY: the caller vouches for AVX2.
    lowercase_starts_by(text, lexicon, tags, |block| unsafe {
        block_marks_avx2(block)
    })
}

/// [`lowercase_starts`] with `marks` for the marks of each block ([`block_marks`]).
#[inline(always)]
fn lowercase_starts_by(
    text: &str,
    lexicon: &Lexicon,
    tags: &mut bool,
    marks: impl Fn(&[u8; BLOCK]) -> u64,
) -> Option<usize> {
    let mut blocks = text.as_bytes().chunks_exact(BLOCK);
    let mut lowercase = 0;
    // Where the last sentence end's run of line breaks and spaces ended.
    let mut passed = 0;
    for (n, block) in (&mut blocks).enumerate() {
        let mask = marks(block.try_into().expect("a block"));
        let counts = (&mut lowercase, &mut passed);
        read_marks(text, n * BLOCK, mask, lexicon, counts, tags)?;
    }
    let at = text.len() / BLOCK * BLOCK;
    let mask = marks(&padded(blocks.remainder()));
    read_marks(text, at, mask, lexicon, (&mut lowercase, &mut passed), tags)?;
    Some(lowercase)
}

/// Reads the marks of `text` at `at + i` for each bit `i` of `mask` ([`lowercase_starts`]):
/// adds the sentences that begin in lowercase to `lowercase`, sets `tags` at an `@` or a `#`;
/// `None` at an emoji or emoticon. A sentence end's run of line breaks and spaces, which
/// `passed` marks the end of, ends one sentence: the breaks inside it are passed over
/// (`\n\n`, `!\n`).
#[inline(always)]
fn read_marks(
    text: &str,
    at: usize,
    mut mask: u64,
    lexicon: &Lexicon,
    (lowercase, passed): (&mut usize, &mut usize),
    tags: &mut bool,
) -> Option<()> {
    let bytes = text.as_bytes();
    while mask != 0 {
        let i = at + mask.trailing_zeros() as usize;
        mask &= mask - 1;
        match bytes[i] {
            b'\n' if i < *passed => {}
            b'!' | b'?' | b'\n' => {
                // `!!!` and `?!` end one sentence.
                let mut j = i + 1;
                while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                    j += 1;
                }
                *passed = j;
                // An ASCII byte is its character: lowercase only from `a` to `z`.
                let starts_lowercase = match bytes.get(j) {
                    None => false,
                    Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
                    Some(_) => text[j..].chars().next().is_some_and(char::is_lowercase),
                };
                if starts_lowercase
                    && (bytes[i] == b'\n' || !introduces_speaker(&text[j..], lexicon))
                {
                    *lowercase += 1;
                }
            }
            0xF0 | 0xE2 if is_emoji_at(bytes, i) => return None,
            b':' | b';' | b'<' if is_emoticon_at(bytes, i) => return None,
            b'@' | b'#' => *tags = true,
            // `=`, `>`, which the mask lets through, and marks that are none of these.
            _ => {}
        }
    }
    Some(())
}

/// Bytes per block of [`lowercase_starts`]: one bit each in a `u64`.
const BLOCK: usize = 64;

/// The (fewer than [`BLOCK`]) bytes `tail` padded with zero bytes, which are no mark.
fn padded(tail: &[u8]) -> [u8; BLOCK] {
    let mut block = [0; BLOCK];
    block[..tail.len()].copy_from_slice(tail);
    block
}

/// Whether [`lowercase_starts`] stops at byte `b`.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn is_mark(b: u8) -> bool {
    matches!(b, b'!' | b'#' | b'\n' | 0xE2 | 0xF0 | b':'..=b'@')
}

/// The [`is_mark`] bits of a block, sixteen bytes per SSE2 instruction: bit `i` for byte `i`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_marks(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let mut mask = 0;
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: `chunk` is 16 readable bytes, which is all `_mm_loadu_si128` reads (it needs
        // no alignment); SSE2 is part of every x86_64 target. The other intrinsics only compute.
        let bits = unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().cast());
            let eq = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
            // `:` to `?` moved to the bottom of the signed range, then one compare.
            let range = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x46)), _mm_set1_epi8(-122));
            let marks = _mm_or_si128(
                _mm_or_si128(range, _mm_or_si128(eq(b'!'), eq(b'\n'))),
                _mm_or_si128(
                    _mm_or_si128(eq(0xE2), eq(0xF0)),
                    _mm_or_si128(eq(b'#'), eq(b'@')),
                ),
            );
            _mm_movemask_epi8(marks)
        };
        mask |= u64::from(bits as u16) << (16 * i);
    }
    mask
}

/// [`block_marks`] with AVX2, thirty-two bytes per instruction, and fewer of them: a byte is
/// looked up by each half (its low and its high four bits) in a table of sixteen bytes, and
/// is a mark where the two answers share a bit. A bit stands for one value of the high half:
/// `0` (line break), `2` (`!`, `#`), `3` (`:` to `?`), `4` (`@`), `E` (`E2`) and `F` (`F0`).
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn block_marks_avx2(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_set1_epi8, _mm256_setr_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8,
        _mm256_srli_epi16,
    };
    // By the low half: `F0` and `@`; `!`; `E2`; `#`; line break and `:`; `;` to `?`. The byte shuffle
    // looks up within each 16-byte lane, so each table is written twice.
    #[rustfmt::skip]
    let lo = _mm256_setr_epi8(
        0x30, 0x02, 0x08, 0x02, 0, 0, 0, 0, 0, 0, 0x05, 0x04, 0x04, 0x04, 0x04, 0x04,
        0x30, 0x02, 0x08, 0x02, 0, 0, 0, 0, 0, 0, 0x05, 0x04, 0x04, 0x04, 0x04, 0x04,
    );
    #[rustfmt::skip]
    let hi = _mm256_setr_epi8(
        0x01, 0, 0x02, 0x04, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x10,
        0x01, 0, 0x02, 0x04, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x10,
    );
    let mut mask = 0;
    for (i, half) in block.chunks_exact(32).enumerate() {
        // SAFETY: `half` is 32 readable bytes, which is all `_mm256_loadu_si256` reads (it
        // needs no alignment); the caller vouches for AVX2. The other intrinsics only compute.
        let none = unsafe {
            let x = _mm256_loadu_si256(half.as_ptr().cast());
            let nibble = _mm256_set1_epi8(0x0F);
            let by_lo = _mm256_shuffle_epi8(lo, _mm256_and_si256(x, nibble));
            let by_hi = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble));
            let shared = _mm256_and_si256(by_lo, by_hi);
            _mm256_movemask_epi8(_mm256_cmpeq_epi8(shared, _mm256_setzero_si256()))
        };
        mask |= u64::from(!none as u32) << (32 * i);
    }
    mask
}

/// The [`is_mark`] bits of a block, a byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn block_marks(block: &[u8; BLOCK]) -> u64 {
    block
        .iter()
        .enumerate()
        .fold(0, |m, (i, &b)| m | u64::from(is_mark(b)) << i)
}

/// One in this many sentences beginning in lowercase makes a text informal ([`is_informal`]).
const INFORMAL_SHARE: usize = 5;

/// Whether `after`, the words after a question or exclamation, begin by naming its speaker: a
/// speech verb (`sagde`), or a word and then a pronoun or a capitalised word (`bad Lise`).
fn introduces_speaker(after: &str, lexicon: &Lexicon) -> bool {
    let mut words = after.split(' ');
    let verb = words.next().unwrap_or_default();
    let verb = verb.trim_end_matches([',', '.']);
    if lexicon.is_speech_verb(verb) {
        return true;
    }
    let next = words.next().unwrap_or_default();
    let next = next.trim_end_matches([',', '.', '!', '?']);
    lexicon.word_class(next).has(WordClass::PRONOUN) || next.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::shipped().unwrap()
    }

    #[test]
    fn informal_is_lowercase_writing() {
        assert!(is_informal("hej med dig", 0, &lex()));
        assert!(is_informal("Hej! hvordan går det", 0, &lex()));
        assert!(is_informal("Hej\nhvordan går det", 0, &lex()));
        assert!(!is_informal("Ca. 300 kom. Det var bl.a. Jens", 0, &lex()));
        assert!(!is_informal("Hvad? Det ved jeg ikke!", 0, &lex()));
        assert!(is_informal("Fedt! jeg glæder mig", 0, &lex()));
        // Emoji and emoticons.
        for text in [
            "Sejt 😂",
            "Vi ses <3",
            "Tak :)",
            "Åh nej :-(",
            "Haha :D.",
            "Fedt ❤",
        ] {
            assert!(is_informal(text, 0, &lex()), "{text}");
        }
        for text in [
            "Kl. 10:30 i Odense",
            "Note (se side 3:)",
            "Pris: 30 kr. <30 stk>",
            "Se: Dansk",
        ] {
            assert!(!is_informal(text, 0, &lex()), "{text}");
        }
        // Edited dialogue: the speaker after a question or exclamation.
        assert!(!is_informal(
            "- Hvem mig? spurgte Bucks undrende.",
            0,
            &lex()
        ));
        assert!(!is_informal("- Kan vi ikke gå lidt? bad Lise.", 0, &lex()));
        assert!(!is_informal("Daddy! mumlede han. Ellers", 0, &lex()));
        assert!(!is_informal("Skyd den! råbte hun.", 0, &lex()));
        // One broken line in a long edited text; several in a short one.
        let edited = "Det var en god dag. ".repeat(10) + "\nsc Jorden slibes. Så kom de.";
        assert!(!is_informal(&edited, 0, &lex()));
        assert!(is_informal(
            "Hej alle. Jeg har en bil.\nhvad gør jeg?",
            0,
            &lex()
        ));
    }

    /// The block tests find the bytes [`is_mark`] names, at every place in a block.
    #[test]
    fn marks_are_the_bytes_asked_about() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for block in bytes.chunks_exact(BLOCK) {
            let block: &[u8; BLOCK] = block.try_into().unwrap();
            let want = (0..BLOCK).fold(0, |m, i| m | u64::from(is_mark(block[i])) << i);
            assert_eq!(block_marks(block), want);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                assert_eq!(unsafe { block_marks_avx2(block) }, want);
            }
        }
    }

    /// Sentences that begin in lowercase are counted in every block and in the tail, as a
    /// search for each mark finds them.
    #[test]
    fn lowercase_starts_are_counted() {
        let lex = lex();
        // Each mark, but a line break in the run of breaks and spaces after another.
        let by_search = |text: &str| {
            let mut passed = 0;
            let lower = memchr::memchr3_iter(b'!', b'?', b'\n', text.as_bytes()).filter(|&i| {
                if text.as_bytes()[i] == b'\n' && i < passed {
                    return false;
                }
                let after = text[i + 1..].trim_start_matches([' ', '\t', '\r', '\n']);
                passed = text.len() - after.len();
                after.chars().next().is_some_and(char::is_lowercase)
                    && (text.as_bytes()[i] == b'\n' || !introduces_speaker(after, &lex))
            });
            lower.count()
        };
        let text = "Hej! hvad så? Intet.\nja\n\nnej! sagde han. Åh?\tæv ".repeat(9);
        let mut tags = false;
        assert_eq!(
            lowercase_starts(&text, &lex, &mut tags),
            Some(by_search(&text))
        );
        assert!(by_search(&text) >= 27);
        // `\n\n` and `?\n` before a lowercase word are one sentence's end.
        assert_eq!(
            lowercase_starts("Ja.\n\nnej?\nja", &lex, &mut tags),
            Some(2)
        );
        assert!(!tags);
        assert_eq!(lowercase_starts(&(text + "ok :)"), &lex, &mut tags), None);
        assert_eq!(lowercase_starts("", &lex, &mut tags), Some(0));
        // An `@` or a `#` anywhere, in any block, is noted.
        for at in [0, 63, 64, 200] {
            for tag in ["@", "#"] {
                let mut text = "Hej. Det var det.".repeat(16);
                text.insert_str(at, tag);
                let mut tags = false;
                lowercase_starts(&text, &lex, &mut tags);
                assert!(tags, "{tag} at {at}");
            }
        }
    }

    proptest::proptest! {
        /// The sentences are counted as a walk over every byte counts them.
        #[test]
        fn sentences_are_counted_as_byte_by_byte(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("."), proptest::strategy::Just("!"),
                    proptest::strategy::Just("?"), proptest::strategy::Just("\n"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\t"),
                    proptest::strategy::Just("\r"), proptest::strategy::Just("a"),
                    proptest::strategy::Just("æ"), proptest::strategy::Just("Hej med dig"),
                    proptest::strategy::Just("-"),
                ],
                0..60,
            ),
            most in 0usize..12,
        ) {
            let text = parts.concat();
            let mut sentences = 1;
            let mut ended = false;
            let mut more = false;
            for &b in text.as_bytes() {
                match b {
                    b'.' | b'!' | b'?' | b'\n' => ended = true,
                    b' ' | b'\t' | b'\r' => {}
                    _ if ended => {
                        sentences += 1;
                        ended = false;
                        more |= sentences > most;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(more_sentences_than(text.as_bytes(), most), more, "{:?}", text);
        }
    }

    /// With the `lowercase` layer on, the `handles` step's pass tells it whether the text is
    /// informal: the same answer as its own.
    #[test]
    fn the_scan_agrees_with_is_informal() {
        let lex = lex();
        for text in [
            "hej med dig @mette",
            "Hej! hvordan går det #dkpol",
            "Ca. 300 kom. Det var bl.a. Jens",
            "Fedt! jeg glæder mig 😂",
            "Mail: ole@dr.dk. Det var det.",
            "",
        ] {
            let (informal, tags) = scan(text, 0, &lex);
            assert_eq!(informal, is_informal(text, 0, &lex), "{text}");
            assert!(tags || !text.contains(['@', '#']), "{text}");
        }
        assert!(!scan("Ca. 300 kom. Det var bl.a. Jens", 0, &lex).1);
    }
}
