//! Character classes and positions in Danish text: token boundaries, genitive and compound
//! endings, sentence starts, and byte → code-point offsets.

/// Whether `c` can be part of a word: any Unicode letter or digit (æ, ø, å, é, ü, ö included),
/// and a combining mark ([`is_combining_mark`]), which belongs to the letter before it: text
/// in decomposed form (NFD) writes `å` as `a` and a combining ring.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters (`æøå`, `é`) without a table lookup: all but `×` and `÷`.
        0xC0..=0xFF => c != '×' && c != '÷',
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Whether `c` is a combining diacritical mark, of the blocks that Latin letters use in
/// decomposed text (U+0300–U+036F and its supplements): the ring of `å`, the accent of `é`.
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// The character just before byte offset `pos`, if any.
#[inline]
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    let bytes = text.as_bytes();
    match pos.checked_sub(1).map(|i| bytes[i]) {
        None => None,
        Some(b) if b < 0x80 => Some(char::from(b)),
        // U+00C0..=U+00FF (`æøåé`) without decoding.
        Some(b) if pos >= 2 && bytes[pos - 2] == 0xC3 => char::from_u32(0xC0 | u32::from(b & 0x3F)),
        Some(_) => text[..pos].chars().next_back(),
    }
}

/// Whether a token starts at byte offset `pos`: the character before is not a letter or digit.
#[inline]
pub fn is_token_start(text: &str, pos: usize) -> bool {
    char_before(text, pos).is_none_or(|c| !is_word_char(c))
}

/// One in every byte of a word, for testing eight bytes at a time.
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte of a word.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// Whether a name may begin with byte `b`: an ASCII capital or digit, or the first byte of a
/// non-ASCII character (`Å`, `É`, also `æ`). [`NameBytes`] finds these bytes fast.
#[inline]
pub fn may_begin_name(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0xC0
}

/// The byte offsets of `text[from..]` whose byte [`may_begin_name`], in order, and on x86_64
/// those of the rare ASCII bytes between the digits and the capitals (`:;<=>?@`) too, which
/// save a test per sixteen bytes: a caller checks each offset it is given anyway.
///
/// Danish news text is mostly lowercase ASCII, and a name can only start at one of these
/// bytes, so the matcher and the rule layers look at these offsets only. The bytes are tested
/// a block of 64 at a time, into one bit each.
pub struct NameBytes<'t> {
    bytes: &'t [u8],
    /// Offset of the block in `mask`.
    block: usize,
    /// One bit per candidate byte of the current block not yet returned (bit `i` for byte
    /// `block + i`).
    mask: u64,
}

/// Bytes per block of [`NameBytes`]: one bit each in a `u64`.
const BLOCK: usize = 64;

impl<'t> NameBytes<'t> {
    /// The candidate bytes of `text[from..]`.
    pub fn new(text: &'t str, from: usize) -> NameBytes<'t> {
        let bytes = text.as_bytes();
        NameBytes {
            bytes,
            block: from,
            mask: block_mask(bytes, from),
        }
    }
}

impl Iterator for NameBytes<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.block += BLOCK;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.mask = block_mask(self.bytes, self.block);
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.block + k)
    }
}

/// The [`NameBytes`] bits of the (up to) 64 bytes at `at`: bit `i` for byte `at + i`.
#[inline]
fn block_mask(bytes: &[u8], at: usize) -> u64 {
    if let Some(block) = bytes.get(at..at + BLOCK) {
        return name_mask(block.try_into().expect("a block"));
    }
    // The tail, padded with zero bytes, which begin no name.
    let tail = bytes.get(at..).unwrap_or_default();
    let mut padded = [0; BLOCK];
    padded[..tail.len()].copy_from_slice(tail);
    name_mask(&padded)
}

/// The [`may_begin_name`] bits of a block and those of `:;<=>?@`, which lie between the
/// digits and the capitals: one range of ASCII rather than two, sixteen bytes per SSE2
/// instruction.
#[cfg(target_arch = "x86_64")]
#[inline]
fn name_mask(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_max_epu8,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut mask = 0;
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: `chunk` is 16 readable bytes, which is all `_mm_loadu_si128` reads (it needs
        // no alignment); SSE2 is part of every x86_64 target. The other intrinsics only compute.
        // Worth it: on a 5 MB corpus the gazetteer scan took 63 M instructions with the exact
        // test in SSE2 and 71 M with `name_mask_swar` (callgrind), the difference all in this
        // loop; one range for `0..=Z` rather than two saves 2.3 M more of 42 M.
        let bits = unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().cast());
            // `0..=Z` moved to the bottom of the signed range, then one compare.
            let ascii = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x50)), _mm_set1_epi8(-85));
            // From 0xC0 up: the first byte of a character of two or more bytes.
            let top = _mm_set1_epi8(0xC0_u8 as i8);
            let lead = _mm_cmpeq_epi8(_mm_max_epu8(x, top), x);
            _mm_movemask_epi8(_mm_or_si128(ascii, lead))
        };
        mask |= u64::from(bits as u16) << (16 * i);
    }
    mask
}

/// The [`may_begin_name`] bits of a block (exact: no `:;<=>?@` here).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn name_mask(block: &[u8; BLOCK]) -> u64 {
    name_mask_swar(block)
}

/// The high bit of each byte `b` of `x` with `m < b < n`, for ASCII `b` (the classic "has
/// between" test, exact byte by byte); bytes from 0x80 up never have it. `n` is at most 128.
#[inline(always)]
pub(crate) fn ascii_between(x: u64, m: u8, n: u8) -> u64 {
    let (m, n) = (u64::from(m), u64::from(n));
    (LO * (127 + n)).wrapping_sub(x & (LO * 127)) & !x & ((x & (LO * 127)) + LO * (127 - m)) & HI
}

/// The [`may_begin_name`] bits of a block, eight bytes per `u64` operation.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
fn name_mask_swar(block: &[u8; BLOCK]) -> u64 {
    block
        .chunks_exact(8)
        .enumerate()
        .fold(0, |mask, (i, chunk)| {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // Top two bits set: a byte >= 0xC0.
            let lead = x & (x << 1) & HI;
            let tops = lead | ascii_between(x, 0x40, 0x5B) | ascii_between(x, 0x2F, 0x3A);
            // The top bit of byte j to bit j: each lands alone in the top byte, no carries.
            let bits = (tops >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
            mask | bits << (8 * i)
        })
}

/// The [`may_begin_name`] bits of a block, a byte at a time.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn name_mask_by_byte(block: &[u8; BLOCK]) -> u64 {
    block
        .iter()
        .enumerate()
        .fold(0, |m, (i, &b)| m | u64::from(may_begin_name(b)) << i)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    c == '-'
}

/// Where the token that contains a name ending at byte `end` ends, or `None` if the name ends
/// inside a word in a way Danish does not allow.
///
/// The mention is the whole token, as in the Danish gold standards: a name may be followed by a
/// genitive (`Danmarks`, `FNs`, `DR's`, `Horsens'`) or by a hyphenated compound
/// (`FN-soldater`, `Nato-generalsekretær`), and the token then ends after it. A name followed by
/// letters any other way (`Rusland` in `Ruslandspolitik`) is not a match. `name_last` is the
/// last character of the name: a name ending in punctuation (`A/S`) ends where it ends.
pub fn token_end(text: &str, end: usize, name_last: char) -> Option<usize> {
    if !is_word_char(name_last) {
        return Some(end);
    }
    // The commonest cases, read off the next byte: the end of the text, a space or punctuation,
    // a letter or digit other than `s` (a name inside a longer word).
    match text.as_bytes().get(end) {
        None => Some(end),
        Some(&b) if b.is_ascii_alphanumeric() && b != b's' => None,
        Some(&b) if b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'-' && b != b'\'' => {
            Some(end)
        }
        _ => token_end_by_char(text, end, name_last),
    }
}

/// [`token_end`] for a name with a letter or digit last, read character by character.
fn token_end_by_char(text: &str, end: usize, name_last: char) -> Option<usize> {
    let rest = &text[end..];
    let mut chars = rest.char_indices();
    let Some((_, c)) = chars.next() else {
        return Some(end);
    };
    let ends_token = |i: usize| rest[i..].chars().next().is_none_or(|c| !is_word_char(c));
    match c {
        's' => {
            // Genitive -s, possibly starting a compound (`Danmarks-kortet` is rare but real).
            let after = end + 1;
            if ends_token(1) {
                Some(compound_end(text, after).unwrap_or(after))
            } else {
                None
            }
        }
        c if is_apostrophe(c) => {
            let a = c.len_utf8();
            // `DR's`, `FN's`.
            if rest[a..].starts_with('s') && ends_token(a + 1) {
                return Some(end + a + 1);
            }
            Some(genitive_apostrophe_end(text, end, name_last).unwrap_or(end))
        }
        c if is_hyphen(c) => Some(compound_end(text, end).unwrap_or(end)),
        c if is_word_char(c) => None,
        _ => Some(end),
    }
}

/// If a bare genitive apostrophe follows a name that ends at byte `end` with the character
/// `name_last`, where the apostrophe ends: after a sibilant, and not before a letter or digit
/// (`Horsens'`, `Marx'`, `KTAS’`; not `O'Brien`). Elsewhere an apostrophe is a closing quote,
/// and the name ends before it.
pub fn genitive_apostrophe_end(text: &str, end: usize, name_last: char) -> Option<usize> {
    let rest = &text[end..];
    let a = rest
        .chars()
        .next()
        .filter(|&c| is_apostrophe(c))?
        .len_utf8();
    let ends_token = rest[a..].chars().next().is_none_or(|c| !is_word_char(c));
    (ends_token && matches!(name_last, 's' | 'x' | 'z' | 'S' | 'X' | 'Z')).then_some(end + a)
}

/// If a hyphenated compound continues at byte `pos` (`-soldater`, `-generalsekretærens`),
/// where it ends.
fn compound_end(text: &str, pos: usize) -> Option<usize> {
    let mut end = None;
    let mut i = pos;
    loop {
        let rest = &text[i..];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(h), Some(w)) if is_hyphen(h) && is_word_char(w) => {
                i += h.len_utf8();
                let word: usize = rest[h.len_utf8()..]
                    .chars()
                    .take_while(|&c| is_word_char(c))
                    .map(char::len_utf8)
                    .sum();
                i += word;
                end = Some(i);
            }
            _ => return end,
        }
    }
}

/// Whether byte offset `pos` is at the start of a sentence: nothing but whitespace and opening
/// punctuation stands between it and `.`, `!`, `?`, a blank line, or `floor` (the start of
/// the taggable text); or a quote opens after a colon (`om Rådet: "I Rådets notat …`).
pub fn is_sentence_start(text: &str, pos: usize, floor: usize) -> bool {
    let mut newlines = 0;
    let mut quoted = false;
    for c in text[floor..pos].chars().rev() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            '"' | '«' | '»' | '„' | '“' | '”' => quoted = true,
            '\'' | '‘' | '’' | '(' | '[' | '-' | '–' | '—' => {}
            '.' | '!' | '?' | '…' => return true,
            ':' => return quoted,
            _ => return false,
        }
    }
    true
}

/// Converts increasing byte offsets in one text to code-point offsets, counting each character
/// once however many offsets are asked for.
pub struct CharCounter<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharCounter<'t> {
    /// A counter at the start of `text`.
    pub fn new(text: &'t str) -> CharCounter<'t> {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte`. Offsets must not decrease between calls
    /// (a smaller one restarts the count from the beginning).
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += count_chars_in(self.text.as_bytes(), self.byte, byte);
        self.byte = byte;
        self.chars
    }
}

/// Number of code points in `bytes[from..to]`, valid UTF-8 between two character boundaries.
///
/// A counter is asked about two offsets per mention, some tens of bytes apart: sixteen bytes
/// per SSE2 instruction, and the last few in one more load of the sixteen bytes that end at
/// `to` (the bytes before `from` masked off), rather than eight and then one at a time.
#[cfg(target_arch = "x86_64")]
fn count_chars_in(bytes: &[u8], from: usize, to: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmplt_epi8, _mm_cvtsi128_si64, _mm_loadu_si128, _mm_sad_epu8,
        _mm_set1_epi8, _mm_setzero_si128, _mm_srli_si128, _mm_sub_epi8,
    };
    /// Sixteen zero bytes, then sixteen of all ones: from offset `r`, a mask that keeps the
    /// last `r` bytes of sixteen.
    static LAST: [u8; 32] = {
        let mut m = [0; 32];
        let mut i = 16;
        while i < 32 {
            m[i] = 0xFF;
            i += 1;
        }
        m
    };
    /// The sum of the bytes of `x`.
    fn sum(x: __m128i) -> usize {
        // SAFETY: SSE2 is part of every x86_64 target; these only compute.
        unsafe {
            let s = _mm_sad_epu8(x, _mm_setzero_si128());
            (_mm_cvtsi128_si64(s) + _mm_cvtsi128_si64(_mm_srli_si128(s, 8))) as usize
        }
    }
    let span = &bytes[from..to];
    let mut chunks = span.chunks_exact(16);
    let rest = chunks.remainder().len();
    let mut continuations = 0;
    // SAFETY: every load reads a slice of sixteen bytes (a chunk, `bytes[to - 16..to]`,
    // `LAST[rest..rest + 16]`), and `_mm_loadu_si128` needs no alignment; SSE2 is part of
    // every x86_64 target. The other intrinsics only compute.
    unsafe {
        // `10xxxxxx`, below -0x40 as a signed byte.
        let below = _mm_set1_epi8(-0x40);
        // One count per byte lane, at most 255 before it is summed.
        let mut counts = _mm_setzero_si128();
        let mut lanes_full = 0;
        for chunk in &mut chunks {
            let x = _mm_loadu_si128(chunk.as_ptr().cast());
            counts = _mm_sub_epi8(counts, _mm_cmplt_epi8(x, below));
            lanes_full += 1;
            if lanes_full == 255 {
                continuations += sum(counts);
                counts = _mm_setzero_si128();
                lanes_full = 0;
            }
        }
        if rest > 0 {
            if to >= 16 {
                let x = _mm_loadu_si128(bytes[to - 16..to].as_ptr().cast());
                let keep = _mm_loadu_si128(LAST[rest..rest + 16].as_ptr().cast());
                let cont = _mm_and_si128(_mm_cmplt_epi8(x, below), keep);
                counts = _mm_sub_epi8(counts, cont);
            } else {
                let tail = chunks.remainder();
                continuations += tail.iter().filter(|&&b| (b as i8) < -0x40).count();
            }
        }
        continuations += sum(counts);
    }
    span.len() - continuations
}

/// Number of code points in `bytes[from..to]`, valid UTF-8 between two character boundaries.
#[cfg(not(target_arch = "x86_64"))]
fn count_chars_in(bytes: &[u8], from: usize, to: usize) -> usize {
    count_chars(&bytes[from..to])
}

/// Number of code points in valid UTF-8 `bytes`: every byte that is not a continuation byte.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn count_chars(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(64);
    let mut continuations = 0;
    for block in &mut blocks {
        continuations += usize::from(continuations_in_block(block));
    }
    let mut chunks = blocks.remainder().chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // `10xxxxxx`: the top bit set and the next one clear.
        let cont = x & !(x << 1) & HI;
        // One per continuation byte, summed into the top byte.
        continuations += ((cont >> 7).wrapping_mul(LO) >> 56) as usize;
    }
    let tail = chunks.remainder();
    bytes.len() - continuations - tail.iter().filter(|&&b| (b as i8) < -0x40).count()
}

/// Number of continuation bytes (`10xxxxxx`) in a block of at most 255 bytes, written so that
/// the compiler counts sixteen bytes per vector instruction.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
fn continuations_in_block(block: &[u8]) -> u8 {
    block
        .iter()
        .map(|&b| u8::from((b as i8) < -0x40))
        .fold(0, u8::wrapping_add)
}

/// The length in bytes of the letters that begin `text`: ASCII letters are told by their
/// byte, and only other characters are decoded.
pub fn alphabetic_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            i += 1;
        } else if b.is_ascii() {
            return i;
        } else if b == 0xC3 && bytes.get(i + 1).is_some_and(|&c| c != 0x97 && c != 0xB7) {
            // U+00C0 to U+00FF (`æ`, `ø`, `å`, `é`), all letters but `×` and `÷`: told by
            // their bytes, where a character's class is looked up in tables.
            i += 2;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_alphabetic() => i += c.len_utf8(),
                _ => return i,
            }
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_measured_in_bytes() {
        for text in [
            "",
            "kommune",
            "kommunes borg",
            "byråd.",
            "højskole-",
            "Ål2",
            "æ😂",
            "x y",
            "ÆØÅ×æøå÷é",
        ] {
            let want = text
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(text.len());
            assert_eq!(super::alphabetic_len(text), want, "{text}");
        }
        // Every character of Latin-1 and the first of the next block, also before a letter.
        for c in '\u{80}'..='\u{17F}' {
            for text in [c.to_string(), format!("{c}a")] {
                let want = text
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(text.len());
                assert_eq!(super::alphabetic_len(&text), want, "{text:?}");
            }
        }
    }

    #[test]
    fn word_chars_are_letters_digits_and_combining_marks() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let mark = [
                0x300..=0x36F,
                0x1AB0..=0x1AFF,
                0x1DC0..=0x1DFF,
                0x20D0..=0x20FF,
            ]
            .iter()
            .any(|r| r.contains(&u32::from(c)));
            assert_eq!(is_word_char(c), c.is_alphanumeric() || mark, "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn char_before_any_boundary(t in "\\PC{0,20}") {
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                proptest::prop_assert_eq!(char_before(&t, i), t[..i].chars().next_back());
            }
        }
    }

    #[test]
    fn token_starts_are_unicode_aware() {
        let t = "Århus og Næstved, æRusland";
        assert!(is_token_start(t, 0));
        assert!(is_token_start(t, t.find("Næstved").unwrap()));
        assert!(!is_token_start(t, t.find("Rusland").unwrap()));
        assert!(!is_token_start("1Nato", 1));
    }

    #[test]
    fn token_end_cases() {
        // (text, name, expected whole token or None)
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Danmark ligger", "Danmark", Some("Danmark")),
            ("Danmarks", "Danmark", Some("Danmarks")),
            ("FNs mål", "FN", Some("FNs")),
            ("DR's vært", "DR", Some("DR's")),
            ("DR’s vært", "DR", Some("DR’s")),
            ("Horsens' borgmester", "Horsens", Some("Horsens'")),
            ("Danmark' er", "Danmark", Some("Danmark")),
            ("FN-soldater", "FN", Some("FN-soldater")),
            (
                "Nato-generalsekretær.",
                "Nato",
                Some("Nato-generalsekretær"),
            ),
            ("EU-landenes", "EU", Some("EU-landenes")),
            ("Nord- og Sydjylland", "Nord", Some("Nord")),
            ("Ruslandspolitik", "Rusland", None),
            ("Danmarksmester", "Danmark", None),
            ("Mærsk A/S's", "Mærsk A/S", Some("Mærsk A/S's")),
            ("Apple Inc.s", "Apple Inc.", Some("Apple Inc.")),
            ("Fyn.", "Fyn", Some("Fyn")),
        ];
        for &(text, name, want) in cases {
            let got = token_end(text, name.len(), name.chars().last().unwrap()).map(|e| &text[..e]);
            assert_eq!(got, want, "{text:?} with {name:?}");
        }
    }

    proptest::proptest! {
        /// The next-byte shortcuts of `token_end` agree with reading characters.
        #[test]
        fn token_end_agrees_with_reading_characters(
            name in "\\PC{0,4}",
            after in "[s'’-]{0,2}([a-zA-Z0-9æÆé ,.'’-]|\\PC){0,6}",
            last in "[aZ9æé.]",
        ) {
            let t = format!("{name}{after}");
            let end = name.len();
            let last = last.chars().next().unwrap();
            let want = if is_word_char(last) { token_end_by_char(&t, end, last) } else { Some(end) };
            proptest::prop_assert_eq!(token_end(&t, end, last), want);
        }
    }

    #[test]
    fn sentence_starts() {
        let t = "Per kom. \"Hans gik\", sagde Bo.\n\nKim! Og (Lund) kom";
        let at = |w: &str| is_sentence_start(t, t.find(w).unwrap(), 0);
        assert!(at("Per"));
        assert!(at("Hans"));
        assert!(!at("Bo"));
        assert!(at("Kim"));
        assert!(!at("Lund"));
        assert!(is_sentence_start("date 2020-01 Per", 13, 13));
        assert!(!is_sentence_start("linje\nPer", 6, 0));
        // A quote after a colon opens a sentence; a colon alone does not.
        let q = "om Rådet: \"I Rådets notat\" og kl. 10: Per";
        assert!(is_sentence_start(q, q.find('I').unwrap(), 0));
        assert!(!is_sentence_start(q, q.find("Per").unwrap(), 0));
    }

    /// Whether [`NameBytes`] gives byte `b`: a name may begin with it, or on x86_64 it is one
    /// of `:;<=>?@`.
    fn loose_byte(b: u8) -> bool {
        may_begin_name(b) || cfg!(target_arch = "x86_64") && (0x3A..=0x40).contains(&b)
    }

    #[test]
    fn name_bytes_are_every_byte_a_name_may_begin_with() {
        let t = "Æblet i Århus, 3 km fra ZOO 🍎 og Kø; NATO-chef Ž. slut: @x? [y] ^_`";
        for from in 0..t.len() {
            let want: Vec<usize> = (from..t.len())
                .filter(|&i| loose_byte(t.as_bytes()[i]))
                .collect();
            assert_eq!(
                NameBytes::new(t, from).collect::<Vec<_>>(),
                want,
                "from {from}"
            );
        }
        assert_eq!(NameBytes::new("", 0).count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn name_bytes_agree_with_the_byte_test(t in "\\PC{0,80}", from in 0usize..90) {
            let from = from.min(t.len());
            let want: Vec<usize> = (from..t.len())
                .filter(|&i| loose_byte(t.as_bytes()[i]))
                .collect();
            proptest::prop_assert_eq!(NameBytes::new(&t, from).collect::<Vec<_>>(), want);
        }
    }

    proptest::proptest! {
        /// The block tests agree with the byte tests on any bytes, valid UTF-8 or not.
        #[test]
        fn name_mask_agrees_with_the_byte_test(
            block in proptest::collection::vec(proptest::num::u8::ANY, BLOCK),
        ) {
            let block: [u8; BLOCK] = block.try_into().unwrap();
            let loose = block
                .iter()
                .enumerate()
                .fold(0, |m, (i, &b)| m | u64::from(loose_byte(b)) << i);
            proptest::prop_assert_eq!(name_mask(&block), loose);
            proptest::prop_assert_eq!(name_mask_swar(&block), name_mask_by_byte(&block));
        }
    }

    #[test]
    fn name_mask_of_every_byte() {
        for b in 0..=255u8 {
            let mut block = [b' '; BLOCK];
            block[b as usize % BLOCK] = b;
            let want = u64::from(may_begin_name(b)) << (b as usize % BLOCK);
            let loose = u64::from(loose_byte(b)) << (b as usize % BLOCK);
            assert_eq!(name_mask(&block), loose, "{b:#x}");
            assert_eq!(name_mask_by_byte(&block), want, "{b:#x}");
            assert_eq!(name_mask_swar(&block), want, "{b:#x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn counts_chars_of_any_text(t in "\\PC{0,300}") {
            proptest::prop_assert_eq!(count_chars(t.as_bytes()), t.chars().count());
        }
    }

    proptest::proptest! {
        /// Any span, of any length, anywhere in a text: at its start (no sixteen bytes before
        /// its end), after ASCII or multi-byte characters.
        #[test]
        fn counts_chars_of_any_span(t in "([aæ€😀 ]|\\PC){0,300}", a in 0usize..1300, b in 0usize..1300) {
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (from, to) = (a.min(b), a.max(b));
            proptest::prop_assert_eq!(count_chars_in(t.as_bytes(), from, to), t[from..to].chars().count());
        }

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
                proptest::prop_assert_eq!(counter.at(b), text[..b].chars().count());
            }
        }

        /// A counter asked about increasing offsets, and then a smaller one.
        #[test]
        fn char_counter_agrees_with_counting_chars(t in "([aæ€😀 ]|\\PC){0,200}", picks in proptest::collection::vec(0usize..1000, 0..12)) {
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            let mut offsets: Vec<usize> = picks.iter().map(|p| bounds[p % bounds.len()]).collect();
            offsets.sort_unstable();
            offsets.extend(offsets.first().copied());
            let mut c = CharCounter::new(&t);
            for o in offsets {
                proptest::prop_assert_eq!(c.at(o), t[..o].chars().count());
            }
        }
    }

    /// A span longer than 255 chunks of sixteen bytes, all continuation bytes but one in
    /// three: the counts per byte lane are summed before they overflow.
    #[test]
    fn counts_chars_of_long_spans() {
        let t = "€".repeat(2000);
        for (from, to) in [
            (0, t.len()),
            (3, t.len() - 3),
            (0, 16 * 255 * 3 / 3),
            (6, 4086),
        ] {
            assert_eq!(
                count_chars_in(t.as_bytes(), from, to),
                t[from..to].chars().count()
            );
        }
    }

    #[test]
    fn char_counter_counts_code_points() {
        let t = "Æblet i Århus 🍎 og Kø";
        let mut c = CharCounter::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(c.at(bi), ci);
        }
        assert_eq!(c.at(t.len()), t.chars().count());
        assert_eq!(c.at(0), 0);
    }
}
