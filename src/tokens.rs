//! Word tokens, for the rule layers that look at a name's neighbours.
//!
//! A word token is a run of letters and digits, joined across a single hyphen or apostrophe
//! between two of them (`Bech-Nielsen`, `O'Brien`, `DR's`). Punctuation and whitespace are not
//! tokens; [`space_between`] tells whether two tokens are separated by plain spaces only.

use crate::text::{ascii_between, char_before, is_combining_mark, is_word_char, HI, LO};
use crate::word_class::pack;

/// A word token: byte offsets into the text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Start in bytes.
    pub start: usize,
    /// End in bytes (exclusive).
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The word tokens of `text[from..]`.
pub fn words(text: &str, from: usize) -> Vec<Token> {
    let mut tokens = Vec::with_capacity((text.len() - from) / 6);
    let mut pos = from;
    // The cutting inlined: one call a token would cost about a sixth of its cut.
    while let Some(t) = next_token_inlined(text, pos) {
        tokens.push(t);
        pos = t.end;
    }
    tokens
}

/// The first token that starts at or after byte `pos`, where `pos` is not inside a token
/// (a token boundary, or the start of the text taken into account).
pub fn next_token(text: &str, pos: usize) -> Option<Token> {
    next_token_inlined(text, pos)
}

/// [`next_token`], inlined into [`words`].
#[inline(always)]
fn next_token_inlined(text: &str, pos: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let mut i = pos;
    while let Some(&b) = bytes.get(i) {
        // Most bytes between tokens are ASCII (a space, punctuation): told from the table.
        let (word, len) = if b < 0x80 {
            (ASCII_CLASS[usize::from(b)] & WORD != 0, 1)
        } else {
            word_char_at(text, i)
        };
        if word {
            return Some(token_from(text, i));
        }
        i += len;
    }
    None
}

/// The token that starts at byte `start`, a token start.
#[inline]
pub fn token_from(text: &str, start: usize) -> Token {
    Token {
        start,
        end: token_end(text, start),
    }
}

/// Where the token that starts at byte `start`, a token start, ends: the cut of
/// [`shaped_token_from`] without working out the shape. ASCII letters and digits are passed
/// eight bytes at a time.
#[inline(always)]
pub fn token_end(text: &str, start: usize) -> usize {
    token_end_after(text, start)
}

/// [`token_end`] of a token whose bytes up to byte `i` are known to be in it (a token start,
/// or past a run of its letters and digits).
#[inline(always)]
fn token_end_after(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        i = run_end(bytes, i, ascii_alphanumeric);
        let Some(&b) = bytes.get(i) else {
            return i;
        };
        i += match b {
            _ if b < 0x80 && ASCII_CLASS[usize::from(b)] & WORD != 0 => 1,
            b'-' | b'\'' if word_char_follows(text, i + 1) => 1,
            _ if b < 0x80 => return i,
            0xC3 if latin1_letter(bytes[i + 1]).is_some() => 2,
            0xC3 => return i,
            _ => {
                let c = text[i..].chars().next().expect("i is a char boundary");
                let len = c.len_utf8();
                if !(is_word_char(c) || c == '’' && word_char_follows(text, i + len)) {
                    return i;
                }
                len
            }
        };
    }
}

/// Where the run of bytes from `i` that `class` marks ends, eight bytes at a time: `class`
/// takes eight bytes as a little-endian word and sets the high bit of each byte in the run's
/// class ([`ascii_between`], [`ascii_classes`]). It stops at the first byte outside the class,
/// or where fewer than eight bytes are left, which the caller then looks at one by one.
#[inline(always)]
fn run_end(bytes: &[u8], mut i: usize, class: impl Fn(u64) -> u64) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let n = (!class(x) & HI).trailing_zeros() as usize / 8;
        i += n;
        if n < 8 {
            break;
        }
    }
    i
}

/// Whether a token that starts at byte `start` starts with a lowercase letter, as most words
/// do, told from its first bytes: its [`Shape`] is then [`Shape::LOWERCASE`].
#[inline]
pub(crate) fn starts_lowercase(bytes: &[u8], start: usize) -> bool {
    match bytes[start] {
        b if b < 0x80 => b.is_ascii_lowercase(),
        0xC3 => latin1_letter(bytes[start + 1]) == Some(false),
        _ => false,
    }
}

/// The shape of token `t` of `text`.
#[inline]
pub fn shape_of(text: &str, t: Token) -> Shape {
    if starts_lowercase(text.as_bytes(), t.start) {
        Shape::LOWERCASE
    } else {
        let (token, shape) = shaped_token_from(text, t.start);
        debug_assert_eq!(token, t);
        shape
    }
}

/// The token that starts at byte `start`, a token start, and its shape. A token that starts
/// with a lowercase letter is only cut ([`token_end`]): its shape is known. So is most of the
/// shape of a capitalised word that goes on in lowercase letters (`Jensen`, `Århus`), cut in
/// one pass over its lowercase run. Any other token is shaped as it is cut, character by
/// character.
#[inline(always)]
pub fn shaped_token_from(text: &str, start: usize) -> (Token, Shape) {
    let bytes = text.as_bytes();
    if starts_lowercase(bytes, start) {
        (token_from(text, start), Shape::LOWERCASE)
    } else if let Some(found) = titlecase_token(bytes, start) {
        found
    } else {
        shaped_token_by_char(text, start)
    }
}

/// [`shaped_token_from`], and the token's first eight bytes as [`pack`] packs them (the key
/// of the feature pass's lookup), taken from the bytes read to cut it.
///
/// Most tokens are short words, lowercase (`og`, `til`) or capitalised (`Jensen`): each is
/// cut and shaped from the eight bytes at its start in one go, when they hold the whole token
/// and the byte after it is ASCII and no joining hyphen or apostrophe. A token that goes on
/// past them is cut on from there; any other goes the way of [`shaped_token_from`].
#[inline(always)]
pub fn shaped_token_packed(text: &str, start: usize) -> (Token, Shape, u64) {
    let bytes = text.as_bytes();
    // Whether the token is known to go to [`shaped_token_by_char`].
    let mut by_char = false;
    if let Some(chunk) = bytes.get(start..start + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // The token's first `n` bytes, and whether the byte after them ends it.
        let cut = |run: u64| {
            let n = (!run & HI).trailing_zeros() as usize / 8;
            let ends = n < 8 && ends_token((x >> (8 * n)) as u8);
            (n, ends)
        };
        let head = |n: usize| x & ((1 << (8 * n)) - 1);
        // The first eight bytes of a token that goes on past the `n` the eight bytes show.
        let head_of = |t: Token| {
            if t.end - t.start >= 8 {
                x
            } else {
                head(t.end - t.start)
            }
        };
        match x as u8 {
            b'a'..=b'z' => {
                // Letters of either case and digits, folded to lowercase by the 0x20 bit, and
                // Latin-1 letters (`på`, `før`).
                let run = if x & HI == 0 {
                    ascii_alphanumeric(x)
                } else {
                    latin1_alphanumeric(x)
                };
                let (n, ends) = cut(run);
                if ends {
                    let token = Token {
                        start,
                        end: start + n,
                    };
                    return (token, Shape::LOWERCASE, head(n));
                }
                // Past the eight bytes, or a letter neither ASCII nor Latin-1, or a hyphen or
                // apostrophe: cut on from the run's end.
                let token = Token {
                    start,
                    end: token_end_after(text, start + n),
                };
                return (token, Shape::LOWERCASE, head_of(token));
            }
            // A Latin-1 lowercase letter (`år`, `ønsker`): cut on after it.
            0xC3 if latin1_letter((x >> 8) as u8) == Some(false) => {
                let token = Token {
                    start,
                    end: token_end_after(text, start + 2),
                };
                return (token, Shape::LOWERCASE, head_of(token));
            }
            b'A'..=b'Z' => {
                // The capital, then lowercase letters.
                let (n, ends) = cut(ascii_between(x, b'a' - 1, b'z' + 1) | 0x80);
                if n >= 2 && ends {
                    let token = Token {
                        start,
                        end: start + n,
                    };
                    return (token, Shape::titlecase(n), head(n));
                }
                // Past the eight bytes, or on in Latin-1 letters (`Søren`, `Jørgensen`):
                // shaped on from the run's end as long as it stays a capital and lowercase
                // letters.
                if n == 8 || (x >> (8 * n)) as u8 == 0xC3 {
                    if let Some((token, shape)) =
                        titlecase_token_after(bytes, start, (start + n, n))
                    {
                        return (token, shape, head_of(token));
                    }
                }
            }
            _ => {}
        }
        // Any other token of ASCII letters and digits that the eight bytes hold (`DR`, `NATO`,
        // `McDonald`, `3F`, `2024`): shaped from their classes.
        if matches!(x as u8, b'A'..=b'Z' | b'0'..=b'9') {
            let (upper, lower, digit) = ascii_classes(x);
            let (n, ends) = cut(upper | lower | digit);
            if ends {
                let token = Token {
                    start,
                    end: start + n,
                };
                return (token, ascii_shape(x, n), head(n));
            }
            // A token that starts with a digit, or with a capital whose lowercase run above
            // stopped at a hyphen, apostrophe, capital, digit or other character than a Latin-1
            // lowercase letter, or that `titlecase_token_after` turned down (`Bech-Nielsen`,
            // `OPLÆSER`, `FN's`): [`titlecase_token`] would turn it down again.
            by_char = true;
        }
    }
    let (token, shape) = if by_char {
        shaped_token_by_char(text, start)
    } else {
        shaped_token_from(text, start)
    };
    (token, shape, pack(&bytes[token.start..token.end]))
}

/// The token of `text[floor..]` that ends at byte `end`, its shape, and its first eight bytes
/// packed ([`pack`]): [`token_start`], [`shape_of`] and [`pack`] at once.
///
/// The token before a name is most often a short word after a space (`til`, `sagde`, `på`):
/// it is cut, shaped and packed from the eight bytes that end at `end` when they hold it and
/// the byte before it is ASCII and no hyphen or apostrophe. Any other goes the long way.
#[inline(always)]
pub fn shaped_token_before(text: &str, floor: usize, end: usize) -> (Token, Shape, u64) {
    let bytes = text.as_bytes();
    // Where the walk back to the token's start starts: bytes from there to `end` are in it.
    let mut known = end;
    if let Some(chunk) = end
        .checked_sub(8)
        .filter(|&at| at >= floor)
        .map(|at| &bytes[at..end])
    {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Most words are ASCII; Danish ones often end in a Latin-1 letter (`på`, `også`).
        let word = if x & HI == 0 {
            ascii_alphanumeric(x)
        } else {
            latin1_alphanumeric(x)
        };
        // The token's last `n` bytes: the top ones of `x`.
        let n = (!word & HI).leading_zeros() as usize / 8;
        known = end - n;
        if (1..8).contains(&n) && ends_token((x >> (8 * (7 - n))) as u8) {
            let token = Token {
                start: end - n,
                end,
            };
            let head = x >> (8 * (8 - n));
            let shape = if starts_lowercase(bytes, token.start) {
                Shape::LOWERCASE
            } else if head & HI == 0 {
                ascii_shape(head, n)
            } else {
                shape_of(text, token)
            };
            return (token, shape, head);
        }
    }
    let token = Token {
        start: token_start(text, floor, known),
        end,
    };
    (token, shape_of(text, token), pack(&bytes[token.start..end]))
}

/// The ASCII letters and digits among the eight bytes of `x`: the high bit of each, as
/// [`ascii_classes`] would give them in three masks. Setting the 0x20 bit folds capitals
/// onto lowercase letters, and no other byte onto one.
#[inline(always)]
fn ascii_alphanumeric(x: u64) -> u64 {
    ascii_between(x | (LO * 0x20), b'a' - 1, b'z' + 1) | ascii_between(x, b'0' - 1, b'9' + 1)
}

/// [`ascii_alphanumeric`], and the Latin-1 letters (`C3 xx`, all of U+00C0..=U+00FF but `×`
/// and `÷`) among the eight bytes of `x`: both bytes of each. A letter whose first byte is
/// not among the eight is not marked.
#[inline(always)]
fn latin1_alphanumeric(x: u64) -> u64 {
    // The high bit of each zero byte of `y`, exactly: no borrow runs between the bytes.
    let zero = |y: u64| !(((y & !HI) + !HI) | y) & HI;
    // Continuation bytes (0x80..=0xBF) right after a `C3`, but those of `×` and `÷`.
    let continuation = x & !(x << 1) & HI;
    let after_c3 = zero(x ^ (LO * 0xC3)) << 8;
    let sign = zero(x ^ (LO * 0x97)) | zero(x ^ (LO * 0xB7));
    let second = continuation & after_c3 & !sign;
    ascii_alphanumeric(x) | second | second >> 8
}

/// The shape of a token of `n` ASCII letters and digits (one to seven), the low bytes of `x`.
#[inline(always)]
fn ascii_shape(x: u64, n: usize) -> Shape {
    debug_assert!((1..8).contains(&n));
    let run = HI & ((1 << (8 * n)) - 1);
    let (upper, lower, digit) = ascii_classes(x);
    let (upper, lower, digit) = (upper & run, lower & run, digit & run);
    let capitalised = upper & 0x80 != 0;
    let letters = upper | lower;
    // No lowercase letter, and two letters or more: more than one bit set.
    let all_caps = lower == 0 && letters & letters.wrapping_sub(1) != 0;
    // With no hyphen, the one part is capitalised when the token is.
    Shape::new(
        capitalised,
        all_caps,
        capitalised,
        all_caps && digit == 0,
        all_caps && n > 3,
        capitalised && n <= 3 && !all_caps,
    )
}

/// Whether ASCII or other byte `b`, right after a run of letters and digits, ends the token:
/// any ASCII byte but a letter, a digit, or a hyphen or apostrophe that may join a word on.
#[inline(always)]
fn ends_token(b: u8) -> bool {
    ENDS_TOKEN[usize::from(b)]
}

/// [`ends_token`] of every byte: one load where the tests would take several branches.
const ENDS_TOKEN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII_CLASS[b] & WORD == 0 && b != b'-' as usize && b != b'\'' as usize;
        b += 1;
    }
    t
};

/// The token that starts at byte `start` and its shape, if it is an uppercase letter followed
/// by lowercase letters only, ASCII or Latin-1 (`Jensen`, `Århus`, `Køge`), as most names are;
/// `None` for any other token (`NATO`, `McDonald`, `Bech-Nielsen`, `DR's`, `3F`), which
/// [`shaped_token_by_char`] shapes. Such a word is capitalised, every part of it too, and not
/// all caps: only its length is left to tell. The lowercase ASCII letters are passed eight
/// bytes at a time.
#[inline]
fn titlecase_token(bytes: &[u8], start: usize) -> Option<(Token, Shape)> {
    let i = match bytes[start] {
        b'A'..=b'Z' => start + 1,
        0xC3 if latin1_letter(bytes[start + 1]) == Some(true) => start + 2,
        _ => return None,
    };
    if !(i < bytes.len() && starts_lowercase(bytes, i)) {
        return None;
    }
    titlecase_token_after(bytes, start, (i, 1))
}

/// [`titlecase_token`] of a token whose first `chars` characters, up to byte `i`, are its
/// capital and lowercase letters (at least one), ASCII or Latin-1.
#[inline(always)]
fn titlecase_token_after(
    bytes: &[u8],
    start: usize,
    (mut i, mut chars): (usize, usize),
) -> Option<(Token, Shape)> {
    loop {
        // Each of the lowercase ASCII letters is one character.
        let run = run_end(bytes, i, |x| ascii_between(x, b'a' - 1, b'z' + 1));
        (i, chars) = (run, chars + run - i);
        match bytes.get(i) {
            Some(b'a'..=b'z') => (i, chars) = (i + 1, chars + 1),
            Some(0xC3) if latin1_letter(bytes[i + 1]) == Some(false) => {
                (i, chars) = (i + 2, chars + 1)
            }
            // A joined hyphen or apostrophe, a capital, a digit, another character.
            Some(b'-' | b'\'' | b'A'..=b'Z' | b'0'..=b'9' | 0x80..) => return None,
            // The end of the text, or a space or punctuation: the token's end.
            _ => break,
        }
    }
    Some((Token { start, end: i }, Shape::titlecase(chars)))
}

/// [`shaped_token_from`] for a token that may not start with a lowercase letter: the shape
/// is worked out as the token is cut.
fn shaped_token_by_char(text: &str, start: usize) -> (Token, Shape) {
    let bytes = text.as_bytes();
    let mut acc = ShapeAcc::default();
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let class = ASCII_CLASS[usize::from(b & 0x7F)];
        if b < 0x80 && class & WORD != 0 {
            acc.see(class & UPPER != 0, class & LETTER != 0, false);
            i = acc.see_ascii_run(bytes, i + 1);
        } else if b < 0x80 {
            if !((b == b'-' || b == b'\'') && word_char_follows(text, i + 1)) {
                break;
            }
            // `Bech-Nielsen`, `O'Brien`: one token.
            acc.see(false, false, b == b'-');
            i += 1;
        } else if b == 0xC3 {
            // Latin-1 letters (`æøåÆØÅé`), the commonest non-ASCII characters in Danish; all
            // of U+00C0..=U+00FF are letters but `×` and `÷`.
            match latin1_letter(bytes[i + 1]) {
                Some(upper) => acc.see(upper, true, false),
                None => break,
            }
            i += 2;
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            let len = c.len_utf8();
            if is_combining_mark(c) && acc.chars > 0 {
                // Part of the letter before (decomposed text): it changes no shape.
            } else if is_word_char(c) {
                acc.see(c.is_uppercase(), c.is_alphabetic(), false);
            } else if c == '’' && word_char_follows(text, i + len) {
                acc.see(false, false, false);
            } else {
                break;
            }
            i += len;
        }
    }
    (Token { start, end: i }, acc.finish())
}

/// [`ASCII_CLASS`] bit: a letter or digit.
const WORD: u8 = 1;
/// [`ASCII_CLASS`] bit: a letter.
const LETTER: u8 = 2;
/// [`ASCII_CLASS`] bit: an uppercase letter.
const UPPER: u8 = 4;

/// What each ASCII byte is, as [`WORD`], [`LETTER`] and [`UPPER`] bits.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            WORD | LETTER | UPPER
        } else if c.is_ascii_lowercase() {
            WORD | LETTER
        } else if c.is_ascii_digit() {
            WORD
        } else {
            0
        };
        b += 1;
    }
    t
};

/// For the character `C3 b` (U+00C0..=U+00FF): whether it is an uppercase letter, or `None`
/// for `×` and `÷`, which are not letters.
#[inline]
fn latin1_letter(b: u8) -> Option<bool> {
    match b {
        0x97 | 0xB7 => None,
        _ => Some(b <= 0x9E),
    }
}

/// Whether a letter or digit ([`is_word_char`]) starts at byte `i`, told from the bytes for
/// ASCII and Latin-1.
#[inline]
pub fn word_char_follows(text: &str, i: usize) -> bool {
    i < text.len() && word_char_at(text, i).0
}

/// Whether a token starts at byte `pos` of `text[floor..]`: a letter or digit there that
/// neither follows another one nor a hyphen or apostrophe joined to one (`Bech-Nielsen`,
/// `O'Brien` are single tokens).
pub fn is_word_start(text: &str, floor: usize, pos: usize) -> bool {
    if pos >= text.len() || !word_char_at(text, pos).0 {
        return false;
    }
    let Some((prev, len)) = char_ending_at(text, floor, pos) else {
        return true;
    };
    !(is_word_char(prev)
        || matches!(prev, '-' | '\'' | '’')
            && char_ending_at(text, floor, pos - len).is_some_and(|(c, _)| is_word_char(c)))
}

/// The last token of `text[floor..pos]` that ends at or before `pos`, where `pos` is a token
/// start or boundary.
pub fn prev_token(text: &str, floor: usize, pos: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    // Back over what is not a letter or digit; ASCII bytes without decoding.
    let mut end = pos;
    loop {
        if end <= floor {
            return None;
        }
        let b = bytes[end - 1];
        if b < 0x80 {
            if ASCII_CLASS[usize::from(b)] & WORD != 0 {
                break;
            }
            end -= 1;
        } else {
            let (c, len) = char_ending_at(text, floor, end)?;
            if is_word_char(c) {
                break;
            }
            end -= len;
        }
    }
    Some(Token {
        start: token_start(text, floor, end),
        end,
    })
}

/// Where the token of `text[floor..]` that ends at byte `end` starts. ASCII letters and digits
/// are passed eight bytes at a time.
pub fn token_start(text: &str, floor: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    // Back over letters, digits and joined hyphens and apostrophes.
    let mut start = end;
    while start > floor {
        // The eight bytes before `start`, while they lie after `floor`: the run's bytes are
        // the top ones up to the last byte that stops it.
        while start >= floor + 8 {
            let chunk = &bytes[start - 8..start];
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let n = (!ascii_alphanumeric(x) & HI).leading_zeros() as usize / 8;
            start -= n;
            if n < 8 {
                break;
            }
        }
        if start == floor {
            break;
        }
        let b = bytes[start - 1];
        if b < 0x80 && ASCII_CLASS[usize::from(b)] & WORD != 0 {
            start -= 1;
            continue;
        }
        // Any other ASCII byte but a joining hyphen or apostrophe ends the token (a space, as
        // a rule): no character to decode.
        if b < 0x80 && b != b'-' && b != b'\'' {
            break;
        }
        // A Latin-1 character (`C3 xx`, `æøå`): a letter but `×` and `÷`, no decoding.
        if b >= 0x80 && start >= floor + 2 && bytes[start - 2] == 0xC3 {
            if latin1_letter(b).is_none() {
                break;
            }
            start -= 2;
            continue;
        }
        let Some((c, len)) = char_ending_at(text, floor, start) else {
            break;
        };
        let joined = matches!(c, '-' | '\'' | '’')
            && char_ending_at(text, floor, start - len).is_some_and(|(b, _)| is_word_char(b));
        if !(is_word_char(c) || joined) {
            break;
        }
        start -= len;
    }
    start
}

/// The character of `text[floor..]` that ends at byte `end`, and its length.
#[inline]
fn char_ending_at(text: &str, floor: usize, end: usize) -> Option<(char, usize)> {
    // `floor` is a character boundary, so a character ending after it starts at or after it.
    let c = (end > floor).then(|| char_before(text, end)).flatten()?;
    Some((c, c.len_utf8()))
}

/// The first byte offset at or after `pos` where a token of `text[floor..]` starts with an
/// uppercase letter (`Århus`, `NATO`; not the `Men` of `x-Men`): the plain definition that
/// tests hold [`crate::Matcher::scan_with_capitals`] to.
#[cfg(test)]
pub(crate) fn next_capitalised(text: &str, floor: usize, pos: usize) -> Option<usize> {
    crate::text::NameBytes::new(text, pos).find(|&i| starts_capitalised(text, floor, i))
}

/// Whether a token of `text[floor..]` that starts with an uppercase letter starts at byte `i`.
#[inline]
pub fn starts_capitalised(text: &str, floor: usize, i: usize) -> bool {
    let bytes = text.as_bytes();
    let upper = match bytes[i] {
        b if b < 0x80 => b.is_ascii_uppercase(),
        // `Æ`, `Ø`, `Å`, `É`, without decoding.
        0xC3 => latin1_letter(bytes[i + 1]) == Some(true),
        0x80..=0xBF => false,
        _ => text[i..].chars().next().is_some_and(char::is_uppercase),
    };
    upper && is_word_start(text, floor, i)
}

/// Whether the byte at `i` begins a letter or digit, and the length of its character.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b < 0x80 => (ASCII_CLASS[b as usize] & WORD != 0, 1),
        0xC3 => (latin1_letter(text.as_bytes()[i + 1]).is_some(), 2),
        _ => {
            let c = text[i..].chars().next().expect("i is a char boundary");
            (is_word_char(c), c.len_utf8())
        }
    }
}

/// Whether only spaces or tabs (at least one) stand between byte offsets `a` and `b`.
pub fn space_between(text: &str, a: usize, b: usize) -> bool {
    a < b
        && text.as_bytes()[a..b]
            .iter()
            .all(|&c| c == b' ' || c == b'\t')
}

/// What a token looks like, worked out in one pass over its characters: the same answers as
/// [`is_capitalised`], [`is_all_caps`] and friends, for a token the rules ask about often.
///
/// Every answer is no for a token that starts with a lowercase letter ([`Shape::LOWERCASE`]),
/// so most tokens need no pass over their characters.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape(u8);

impl Shape {
    const CAPITALISED: u8 = 1;
    const ALL_CAPS: u8 = 1 << 1;
    const PARTS_CAPITALISED: u8 = 1 << 2;
    const ALL_CAPS_LETTERS: u8 = 1 << 3;
    const LONG_ALL_CAPS: u8 = 1 << 4;
    const INITIAL_SHAPED: u8 = 1 << 5;

    /// The shape with the answers given, one bit each: a token's shape is one byte, which the
    /// feature pass stores with one write.
    #[inline(always)]
    const fn new(
        capitalised: bool,
        all_caps: bool,
        parts_capitalised: bool,
        all_caps_letters: bool,
        long_all_caps: bool,
        initial_shaped: bool,
    ) -> Shape {
        let bit = Shape::bit;
        Shape(
            bit(capitalised, Self::CAPITALISED)
                | bit(all_caps, Self::ALL_CAPS)
                | bit(parts_capitalised, Self::PARTS_CAPITALISED)
                | bit(all_caps_letters, Self::ALL_CAPS_LETTERS)
                | bit(long_all_caps, Self::LONG_ALL_CAPS)
                | bit(initial_shaped, Self::INITIAL_SHAPED),
        )
    }

    /// `bit` if `yes`, else none.
    #[inline(always)]
    const fn bit(yes: bool, bit: u8) -> u8 {
        if yes {
            bit
        } else {
            0
        }
    }

    /// The first character is uppercase ([`is_capitalised`]).
    #[inline(always)]
    pub fn capitalised(self) -> bool {
        self.0 & Self::CAPITALISED != 0
    }

    /// Two or more letters, all uppercase ([`is_all_caps`]).
    #[inline(always)]
    pub fn all_caps(self) -> bool {
        self.0 & Self::ALL_CAPS != 0
    }

    /// Every hyphen-separated part is capitalised (`Thorning-Schmidt`, not `Kosan-direktør`).
    #[inline(always)]
    pub fn parts_capitalised(self) -> bool {
        self.0 & Self::PARTS_CAPITALISED != 0
    }

    /// All caps, and nothing but letters (`NATO`; not `3F`, `DR's`).
    #[inline(always)]
    pub fn all_caps_letters(self) -> bool {
        self.0 & Self::ALL_CAPS_LETTERS != 0
    }

    /// All caps, and more than three characters (`NATO`; not `DR`, `IV`).
    #[inline(always)]
    pub fn long_all_caps(self) -> bool {
        self.0 & Self::LONG_ALL_CAPS != 0
    }

    /// Capitalised, at most three characters, and not two capitals or more: the shape of an
    /// initial or an abbreviated name (`M`, `Chr`, `Th`), not of an abbreviation in capitals
    /// (`EF`, `USA`), whose full stop ends a sentence.
    #[inline(always)]
    pub fn initial_shaped(self) -> bool {
        self.0 & Self::INITIAL_SHAPED != 0
    }

    /// The shape of a capital followed by lowercase letters only (`Jensen`, `Køge`), of
    /// `chars` characters.
    #[inline(always)]
    fn titlecase(chars: usize) -> Shape {
        let short = Self::bit(chars <= 3, Self::INITIAL_SHAPED);
        Shape(Self::CAPITALISED | Self::PARTS_CAPITALISED | short)
    }

    /// The shape of every token that starts with a lowercase letter: nothing holds.
    pub const LOWERCASE: Shape = Shape(0);

    /// The shape of `token` (the tests' reference for the shapes the tokeniser works out as
    /// it cuts).
    #[cfg(test)]
    pub fn of(token: &str) -> Shape {
        let mut acc = ShapeAcc::default();
        for (k, c) in token.chars().enumerate() {
            // A combining mark is part of the letter before it (decomposed text).
            if k > 0 && is_combining_mark(c) {
                continue;
            }
            acc.see(c.is_uppercase(), c.is_alphabetic(), c == '-');
        }
        acc.finish()
    }
}

// Each answer by name, as `assert_eq!` shows two shapes that differ.
impl std::fmt::Debug for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shape")
            .field("capitalised", &self.capitalised())
            .field("all_caps", &self.all_caps())
            .field("parts_capitalised", &self.parts_capitalised())
            .field("all_caps_letters", &self.all_caps_letters())
            .field("long_all_caps", &self.long_all_caps())
            .field("initial_shaped", &self.initial_shaped())
            .finish()
    }
}

/// A [`Shape`] being worked out, one character at a time.
#[derive(Default)]
struct ShapeAcc {
    chars: usize,
    letters: usize,
    /// [`ShapeAcc::LOWER`], [`ShapeAcc::NOT_LETTER`], [`ShapeAcc::PART_LOWER`] once seen.
    seen: u8,
    /// The last character seen was a hyphen: the next starts a part.
    after_hyphen: bool,
    capitalised: bool,
}

impl ShapeAcc {
    /// A lowercase (or caseless) letter.
    const LOWER: u8 = 1;
    /// A character that is not a letter.
    const NOT_LETTER: u8 = 2;
    /// A hyphen-separated part that does not start with a capital.
    const PART_LOWER: u8 = 4;

    #[inline(always)]
    fn see(&mut self, upper: bool, letter: bool, hyphen: bool) {
        let first = self.chars == 0;
        self.capitalised |= first & upper;
        let part_start = first | self.after_hyphen;
        if part_start && !upper {
            self.seen |= Self::PART_LOWER;
        }
        if letter && !upper {
            self.seen |= Self::LOWER;
        }
        if !letter {
            self.seen |= Self::NOT_LETTER;
        }
        self.after_hyphen = hyphen;
        self.chars += 1;
        self.letters += usize::from(letter);
    }

    /// Sees the ASCII letters and digits from byte `i` on, none of which starts a part, and
    /// returns where they end. Eight bytes at a time ([`ascii_classes`]), then byte by byte.
    #[inline(always)]
    fn see_ascii_run(&mut self, bytes: &[u8], mut i: usize) -> usize {
        let (mut chars, mut letters, mut seen) = (0, 0, 0);
        let mut ended = false;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let (upper, lower, digit) = ascii_classes(x);
            let stop = !(upper | lower | digit) & HI;
            // Bytes of the run in this chunk: those before the first that stops it.
            let n = (stop.trailing_zeros() / 8) as usize;
            let run = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
            chars += n;
            letters += n;
            if lower & run != 0 {
                seen |= Self::LOWER;
            }
            if digit & run != 0 {
                seen |= Self::NOT_LETTER;
                // Digits are rare in names: count them only when there are some.
                letters -= (digit & run).count_ones() as usize;
            }
            i += n;
            if n < 8 {
                ended = true;
                break;
            }
        }
        while let Some(&b) = bytes.get(i).filter(|_| !ended) {
            let class = ASCII_CLASS[usize::from(b & 0x7F)];
            if b >= 0x80 || class & WORD == 0 {
                break;
            }
            chars += 1;
            letters += usize::from(class & LETTER != 0);
            if class == (WORD | LETTER) {
                seen |= Self::LOWER;
            } else if class & LETTER == 0 {
                seen |= Self::NOT_LETTER;
            }
            i += 1;
        }
        if chars > 0 {
            self.chars += chars;
            self.letters += letters;
            self.seen |= seen;
            self.after_hyphen = false;
        }
        i
    }

    fn finish(self) -> Shape {
        let all_caps = self.seen & Self::LOWER == 0 && self.letters >= 2;
        // An empty token, or one ending in a hyphen, has an empty last part.
        let parts_capitalised =
            self.chars > 0 && self.seen & Self::PART_LOWER == 0 && !self.after_hyphen;
        Shape::new(
            self.capitalised,
            all_caps,
            parts_capitalised,
            all_caps && self.seen & Self::NOT_LETTER == 0,
            all_caps && self.chars > 3,
            self.capitalised && self.chars <= 3 && !all_caps,
        )
    }
}

/// The ASCII uppercase letters, lowercase letters and digits among the eight bytes of `x`
/// (little-endian): the high bit of each such byte, in three masks.
#[inline(always)]
fn ascii_classes(x: u64) -> (u64, u64, u64) {
    (
        ascii_between(x, b'A' - 1, b'Z' + 1),
        ascii_between(x, b'a' - 1, b'z' + 1),
        ascii_between(x, b'0' - 1, b'9' + 1),
    )
}

/// Whether `token` starts with an uppercase letter.
pub fn is_capitalised(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `token` is in title case: an uppercase letter, then one or more lowercase letters
/// and nothing else (`Jensen`, `Køge`; not `K`, `McDonald`, `FN-folk`, `Dokk1`).
pub fn is_title_case(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase)
        && !chars.as_str().is_empty()
        && chars.all(char::is_lowercase)
}

/// Whether `token` has two or more letters, all uppercase (`NATO`, `DI`). A combining mark
/// after the first character is part of the letter before it (decomposed text), as the
/// tokeniser takes it, and no letter of its own.
pub fn is_all_caps(token: &str) -> bool {
    let mut letters = 0;
    let own = token
        .chars()
        .enumerate()
        .filter(|&(k, c)| k == 0 || !is_combining_mark(c));
    for c in own.map(|(_, c)| c).filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// `HANS` → `Hans`: the first character in capitals, the rest in lowercase.
///
/// ASCII and Latin-1 characters, nearly all there are in Danish names, are lowercased without
/// a look in the Unicode tables: the capitals `A`–`Z` and `À`–`Þ` (but `×`) are 0x20 below
/// their lowercase letters, and no other of them has a lowercase form of its own.
pub fn title_case(token: &str) -> String {
    let mut chars = token.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(token.len());
    out.extend(first.to_uppercase());
    for c in chars {
        match c {
            'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => {
                out.push(char::from_u32(u32::from(c) + 0x20).expect("a lowercase letter"));
            }
            '\0'..='\u{FF}' => out.push(c),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The token's text without a genitive ending (`Stoltenbergs` → `Stoltenberg`, `DR's` → `DR`),
/// or the text itself.
pub fn strip_genitive(token: &str) -> &str {
    // Most tokens end in none of the endings: `s`, an apostrophe, or the last byte of `’`.
    if !matches!(token.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return token;
    }
    for suffix in ["'s", "’s", "'", "’", "s"] {
        if let Some(base) = token.strip_suffix(suffix) {
            // Two characters or more: a second one after the first.
            if base.chars().nth(1).is_some() {
                return base;
            }
        }
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_is_a_capital_then_lowercase_letters() {
        for word in ["Jensen", "Køge", "Åb", "Émile"] {
            assert!(is_title_case(word), "{word}");
        }
        for word in [
            "", "K", "Æ", "McDonald", "FN-folk", "Dokk1", "NATO", "jensen", "Walz'",
        ] {
            assert!(!is_title_case(word), "{word}");
        }
    }

    #[test]
    fn tokenises_danish_words() {
        let t = "Helle Thorning-Schmidt, O'Brien og DR's - x-";
        let got: Vec<&str> = words(t, 0).iter().map(|w| w.text(t)).collect();
        assert_eq!(
            got,
            ["Helle", "Thorning-Schmidt", "O'Brien", "og", "DR's", "x"]
        );
        let got: Vec<&str> = words(t, 6).iter().map(|w| w.text(t)).take(1).collect();
        assert_eq!(got, ["Thorning-Schmidt"]);
    }

    /// Tokens cut the plain way, character by character: what the fast functions must agree
    /// with.
    fn reference_words(text: &str) -> Vec<Token> {
        let joins = |i: usize, c: char| {
            matches!(c, '-' | '\'' | '’')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
        };
        let mut tokens = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(i);
            } else if start.is_some() && joins(i, c) {
            } else if let Some(s) = start.take() {
                tokens.push(Token { start: s, end: i });
            }
        }
        if let Some(s) = start {
            tokens.push(Token {
                start: s,
                end: text.len(),
            });
        }
        tokens
    }

    proptest::proptest! {
        /// The fast tokens agree with cutting the whole text: the capitalised starts, the
        /// token before a start, and the token after.
        #[test]
        fn sparse_tokens_agree_with_words(t in "([a-zA-Zæøå ÆØÅÉé×ß'’.,-]|\\PC){0,60}") {
            let all = reference_words(&t);
            proptest::prop_assert_eq!(&words(&t, 0), &all);
            let caps: Vec<usize> = all
                .iter()
                .filter(|w| is_capitalised(w.text(&t)))
                .map(|w| w.start)
                .collect();
            let mut found = Vec::new();
            let mut pos = 0;
            while let Some(p) = next_capitalised(&t, 0, pos) {
                found.push(p);
                pos = p + 1;
            }
            proptest::prop_assert_eq!(&found, &caps);
            for (k, w) in all.iter().enumerate() {
                proptest::prop_assert!(is_word_start(&t, 0, w.start));
                let (token, shape) = shaped_token_from(&t, w.start);
                proptest::prop_assert_eq!(token, *w);
                proptest::prop_assert_eq!(shape, Shape::of(w.text(&t)));
                let head = pack(w.text(&t).as_bytes());
                proptest::prop_assert_eq!(shaped_token_packed(&t, w.start), (token, shape, head));
                proptest::prop_assert_eq!(shaped_token_before(&t, 0, w.end), (token, shape, head));
                proptest::prop_assert_eq!(prev_token(&t, 0, w.start), k.checked_sub(1).map(|j| all[j]));
            }
        }
    }

    /// The characters the fast paths' tests mix: ASCII letters, digits, hyphens, apostrophes,
    /// spaces and punctuation, Latin-1 letters and signs, and other letters, marks and symbols
    /// (`»`, `–`, `’`, an emoji, a combining ring).
    const MIXED: &str = "([a-zA-Z]|[A-Z]{1,4}|[0-9]|[-']|[ .,:]|[æøåÆØÅéüÉÜßÀÞÿ×÷]|[»–’łŁΣσ😀\u{30a}\u{20d0}]|\\PC){0,40}";

    proptest::proptest! {
        /// The tokens [`next_token`] cuts, telling ASCII bytes between them from the table, are
        /// those of the plain tokeniser; and at every token start, [`shaped_token_packed`]
        /// cuts, shapes and packs as [`shaped_token_from`] and [`pack`] do, whichever way it
        /// goes.
        #[test]
        fn mixed_tokens_agree_with_the_plain_ones(t in MIXED) {
            let all = reference_words(&t);
            proptest::prop_assert_eq!(&words(&t, 0), &all);
            for w in all {
                let (token, shape) = shaped_token_from(&t, w.start);
                proptest::prop_assert_eq!(token, w);
                proptest::prop_assert_eq!(shape, Shape::of(w.text(&t)));
                let head = pack(w.text(&t).as_bytes());
                proptest::prop_assert_eq!(shaped_token_packed(&t, w.start), (token, shape, head));
                proptest::prop_assert_eq!(next_token(&t, w.start), Some(w));
            }
        }
    }

    /// `title_case` as it was first written: the first character in capitals, the rest in
    /// lowercase, every one through the Unicode tables.
    fn reference_title_case(token: &str) -> String {
        let mut chars = token.chars();
        chars
            .next()
            .map(|c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every ASCII and Latin-1 character is lowercased as the Unicode tables say, wherever it
    /// stands after the first.
    #[test]
    fn title_case_lowercases_latin1_as_unicode() {
        for c in '\0'..='\u{FF}' {
            let t = format!("x{c}{c}");
            assert_eq!(title_case(&t), reference_title_case(&t), "{c:?}");
        }
    }

    proptest::proptest! {
        /// `title_case` agrees with the plain one on any mix of characters.
        #[test]
        fn title_case_agrees_with_the_reference(t in MIXED) {
            proptest::prop_assert_eq!(title_case(&t), reference_title_case(&t));
        }
    }

    /// Every byte value, at every position of the eight, is classed as `ASCII_CLASS` says.
    #[test]
    fn ascii_classes_agree_with_the_table() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut chunk = [b'.'; 8];
                chunk[k] = b;
                let (upper, lower, digit) = ascii_classes(u64::from_le_bytes(chunk));
                let bit = 0x80u64 << (8 * k);
                let class = if b < 0x80 {
                    ASCII_CLASS[usize::from(b)]
                } else {
                    0
                };
                assert_eq!(upper & bit != 0, class & UPPER != 0, "{b:#x} at {k}");
                assert_eq!(lower & bit != 0, class == WORD | LETTER, "{b:#x} at {k}");
                assert_eq!(digit & bit != 0, class == WORD, "{b:#x} at {k}");
                assert_eq!((upper | lower | digit) & !bit, 0, "{b:#x} at {k}");
            }
        }
    }

    proptest::proptest! {
        /// Long ASCII runs, read eight bytes at a time forwards and backwards, cut and shape as
        /// the plain tokeniser and [`Shape::of`] do, wherever the run ends in its chunk and near
        /// either end of the text.
        #[test]
        fn long_ascii_tokens_agree_with_words(
            t in "([A-Za-z0-9]{1,19}[ .,'-]?){0,5}[æøÅé’]?[A-Za-z0-9]{0,12}",
        ) {
            let all = reference_words(&t);
            proptest::prop_assert_eq!(&words(&t, 0), &all);
            for (k, w) in all.iter().enumerate() {
                let (token, shape) = shaped_token_from(&t, w.start);
                proptest::prop_assert_eq!(token, *w);
                proptest::prop_assert_eq!(shape, Shape::of(w.text(&t)));
                let head = pack(w.text(&t).as_bytes());
                proptest::prop_assert_eq!(shaped_token_packed(&t, w.start), (token, shape, head));
                proptest::prop_assert_eq!(shaped_token_before(&t, 0, w.end), (token, shape, head));
                proptest::prop_assert_eq!(token_start(&t, 0, w.end), w.start);
                let before = k.checked_sub(1).map(|j| all[j]);
                proptest::prop_assert_eq!(prev_token(&t, 0, w.start), before);
            }
        }
    }

    proptest::proptest! {
        /// A token's shape says what the single tests say.
        #[test]
        fn shape_agrees_with_the_tests(t in "([a-zA-ZæøåÆØÅÉé'.-]|\\PC){0,12}") {
            let s = Shape::of(&t);
            proptest::prop_assert_eq!(s.capitalised(), is_capitalised(&t));
            proptest::prop_assert_eq!(s.all_caps(), is_all_caps(&t));
            proptest::prop_assert_eq!(s.parts_capitalised(), t.split('-').all(is_capitalised));
            // A combining mark after the first character is part of the letter before it
            // (decomposed text): it is no character of its own, and no non-letter.
            let own = || t.chars().enumerate().filter(|&(k, c)| k == 0 || !is_combining_mark(c));
            let alphabetic = own().all(|(_, c)| c.is_alphabetic());
            let chars = own().count();
            proptest::prop_assert_eq!(s.all_caps_letters(), s.all_caps() && alphabetic);
            proptest::prop_assert_eq!(s.long_all_caps(), s.all_caps() && chars > 3);
            proptest::prop_assert_eq!(
                s.initial_shaped(),
                s.capitalised() && chars <= 3 && !s.all_caps()
            );
            // What the shape of a token starting with a lowercase letter is taken to be.
            if t.chars().next().is_some_and(char::is_lowercase) {
                proptest::prop_assert_eq!(s, Shape::LOWERCASE);
            }
        }
    }

    /// ASCII letters and digits and Latin-1 letters are marked, both bytes of a Latin-1 one,
    /// wherever they stand among the eight bytes; `×`, `÷` and other characters are not.
    #[test]
    fn latin1_letters_are_marked_in_eights() {
        for c in [
            'a', 'Z', '7', 'æ', 'Ø', 'é', 'À', 'ÿ', '×', '÷', 'ł', '’', '-', ' ',
        ] {
            let mut buf = [0; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            for k in 0..=8 - enc.len() {
                let mut chunk = [b'.'; 8];
                chunk[k..k + enc.len()].copy_from_slice(enc);
                let latin1 = c.is_ascii() || ('\u{C0}'..='\u{FF}').contains(&c);
                let want: u64 = if is_word_char(c) && latin1 {
                    (0..enc.len()).map(|j| 0x80 << (8 * (k + j))).sum()
                } else {
                    0
                };
                let got = latin1_alphanumeric(u64::from_le_bytes(chunk));
                assert_eq!(got, want, "{c} at {k}");
            }
        }
        // The second byte of `ø`, whose first byte is not among the eight.
        let x = u64::from_le_bytes([0xB8, b'a', b' ', b' ', b' ', b' ', b' ', b' ']);
        assert_eq!(latin1_alphanumeric(x), 0x80 << 8);
    }

    #[test]
    fn latin1_letters_agree_with_char() {
        for c in '\u{C0}'..='\u{FF}' {
            let mut buf = [0; 2];
            let b = c.encode_utf8(&mut buf).as_bytes()[1];
            let want = c.is_alphanumeric().then(|| c.is_uppercase());
            assert_eq!(latin1_letter(b), want, "{c}");
            assert_eq!(c.is_alphabetic(), c.is_alphanumeric(), "{c}");
        }
    }

    #[test]
    fn shapes() {
        assert!(is_capitalised("Århus") && !is_capitalised("århus"));
        assert!(
            is_all_caps("NATO") && is_all_caps("DI") && !is_all_caps("Nato") && !is_all_caps("A")
        );
        assert!(
            space_between("a  b", 1, 3)
                && !space_between("a. b", 1, 3)
                && !space_between("ab", 1, 1)
        );
        // A combining mark belongs to the letter before it: `AA` with a mark above is two
        // capitals, nothing but letters; `A𐂀` + grave + `b` is three characters.
        for (t, chars) in [("AA\u{20d0}", 2), ("A𐂀\u{300}b", 3)] {
            let (token, shape) = shaped_token_from(t, 0);
            assert_eq!((token.end, shape), (t.len(), Shape::of(t)), "{t}");
            assert!(
                shape.capitalised() && shape.initial_shaped() == (chars <= 3 && !shape.all_caps()),
                "{t}"
            );
        }
        assert!(Shape::of("AA\u{20d0}").all_caps_letters());
        // A combining mark that is a letter in Unicode (U+1ACC) is still part of the capital
        // before it.
        assert!(is_all_caps("Àϒ\u{1acc}") && Shape::of("Àϒ\u{1acc}").all_caps());
        assert_eq!(strip_genitive("Stoltenbergs"), "Stoltenberg");
        assert_eq!(strip_genitive("DR's"), "DR");
        assert_eq!(strip_genitive("Jens"), "Jen");
        assert_eq!(strip_genitive("Xs"), "Xs");
        assert_eq!(strip_genitive("Øs"), "Øs");
        assert_eq!(strip_genitive("Øls"), "Øl");
        assert_eq!(title_case("JENS"), "Jens");
        assert_eq!(title_case("ÅRHUS"), "Århus");
        assert_eq!(title_case(""), "");
    }
}
