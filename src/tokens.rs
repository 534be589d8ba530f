//! Word tokens, for the rule layers that look at a name's neighbours.
//!
//! A word token is a run of letters and digits, joined across a single hyphen or apostrophe
//! between two of them (`Bech-Nielsen`, `O'Brien`, `DR's`). Punctuation and whitespace are not
//! tokens; [`space_between`] tells whether two tokens are separated by plain spaces only.

use crate::text::{is_word_char, NameBytes};

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
    while let Some(t) = next_token(text, pos) {
        tokens.push(t);
        pos = t.end;
    }
    tokens
}

/// The first token that starts at or after byte `pos`, where `pos` is not inside a token
/// (a token boundary, or the start of the text taken into account).
pub fn next_token(text: &str, pos: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < bytes.len() {
        let (word, len) = word_char_at(text, i);
        if word {
            return Some(token_from(text, i));
        }
        i += len;
    }
    None
}

/// The token that starts at byte `start`, a token start.
pub fn token_from(text: &str, start: usize) -> Token {
    let mut i = start;
    while i < text.len() {
        let (word, len) = word_char_at(text, i);
        if !(word || joins(text, i, len)) {
            break;
        }
        i += len;
    }
    Token { start, end: i }
}

/// Whether a token starts at byte `pos` of `text[floor..]`: a letter or digit there that
/// neither follows another one nor a hyphen or apostrophe joined to one (`Bech-Nielsen`,
/// `O'Brien` are single tokens).
pub fn is_word_start(text: &str, floor: usize, pos: usize) -> bool {
    if pos >= text.len() || !word_char_at(text, pos).0 {
        return false;
    }
    let Some(prev) = text[floor..pos].chars().next_back() else {
        return true;
    };
    if is_word_char(prev) {
        return false;
    }
    let joiner = pos - prev.len_utf8();
    !(matches!(prev, '-' | '\'' | '’')
        && text[floor..joiner]
            .chars()
            .next_back()
            .is_some_and(is_word_char))
}

/// The last token of `text[floor..pos]` that ends at or before `pos`, where `pos` is a token
/// start or boundary.
pub fn prev_token(text: &str, floor: usize, pos: usize) -> Option<Token> {
    let before = &text[floor..pos];
    let (last, c) = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_word_char(c))?;
    let end = floor + last + c.len_utf8();
    // Walk back over letters, digits and joined hyphens and apostrophes.
    let mut start = floor + last;
    let mut rest = text[floor..start].chars().rev().peekable();
    while let Some(c) = rest.next() {
        if is_word_char(c) {
            start -= c.len_utf8();
        } else if matches!(c, '-' | '\'' | '’') && rest.peek().copied().is_some_and(is_word_char)
        {
            start -= c.len_utf8();
        } else {
            break;
        }
    }
    Some(Token { start, end })
}

/// The first byte offset at or after `pos` where a token of `text[floor..]` starts with an
/// uppercase letter (`Århus`, `NATO`; not the `Men` of `x-Men`).
pub fn next_capitalised(text: &str, floor: usize, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    NameBytes::new(text, pos).find(|&i| {
        let upper = match bytes[i] {
            b if b < 0x80 => b.is_ascii_uppercase(),
            // `Æ`, `Ø`, `Å`, `É`: C3 80..=9E, but not `×` (C3 97); `æøå` are C3 A0..=BF.
            0xC3 => matches!(bytes.get(i + 1), Some(&c @ 0x80..=0x9E) if c != 0x97),
            _ => text[i..].chars().next().is_some_and(char::is_uppercase),
        };
        upper && is_word_start(text, floor, i)
    })
}

/// Whether the byte at `i` begins a letter or digit, and the length of its character.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b < 0x80 => (ASCII_WORD[b as usize], 1),
        _ => {
            let c = text[i..].chars().next().expect("i is a char boundary");
            (is_word_char(c), c.len_utf8())
        }
    }
}

/// Whether the `len` bytes at `i` are a hyphen or apostrophe with a letter or digit after it.
fn joins(text: &str, i: usize, len: usize) -> bool {
    matches!(&text[i..i + len], "-" | "'" | "’")
        && text[i + len..].chars().next().is_some_and(is_word_char)
}

/// ASCII letters and digits.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether only spaces or tabs (at least one) stand between byte offsets `a` and `b`.
pub fn space_between(text: &str, a: usize, b: usize) -> bool {
    a < b && text[a..b].bytes().all(|c| c == b' ' || c == b'\t')
}

/// What a token looks like, worked out in one pass over its characters: the same answers as
/// [`is_capitalised`], [`is_all_caps`] and friends, for a token the rules ask about often.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// The first character is uppercase ([`is_capitalised`]).
    pub capitalised: bool,
    /// Two or more letters, all uppercase ([`is_all_caps`]).
    pub all_caps: bool,
    /// Every hyphen-separated part is capitalised (`Thorning-Schmidt`, not `Kosan-direktør`).
    pub parts_capitalised: bool,
    /// Every character is a letter.
    pub alphabetic: bool,
    /// Number of characters.
    pub chars: usize,
}

impl Shape {
    /// The shape of `token`.
    pub fn of(token: &str) -> Shape {
        let mut chars = 0;
        let mut letters = 0;
        let mut all_upper = true;
        let mut alphabetic = true;
        let mut parts_capitalised = true;
        // The next character starts a hyphen-separated part.
        let mut part_start = true;
        let mut capitalised = false;
        let mut see = |upper: bool, letter: bool, hyphen: bool| {
            if part_start {
                parts_capitalised &= upper;
                capitalised |= chars == 0 && upper;
            }
            part_start = hyphen;
            chars += 1;
            alphabetic &= letter;
            if letter {
                letters += 1;
                all_upper &= upper;
            }
        };
        let bytes = token.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                see(b.is_ascii_uppercase(), b.is_ascii_alphabetic(), b == b'-');
                i += 1;
            } else {
                let c = token[i..].chars().next().expect("i is a char boundary");
                see(c.is_uppercase(), c.is_alphabetic(), false);
                i += c.len_utf8();
            }
        }
        Shape {
            capitalised,
            all_caps: all_upper && letters >= 2,
            // A token that is empty or ends in a hyphen has an empty last part.
            parts_capitalised: parts_capitalised && !part_start,
            alphabetic,
            chars,
        }
    }
}

/// Whether `token` starts with an uppercase letter.
pub fn is_capitalised(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `token` has two or more letters, all uppercase (`NATO`, `DI`).
pub fn is_all_caps(token: &str) -> bool {
    let mut letters = 0;
    for c in token.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// `HANS` → `Hans`: the first character in capitals, the rest in lowercase.
pub fn title_case(token: &str) -> String {
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

/// The token's text without a genitive ending (`Stoltenbergs` → `Stoltenberg`, `DR's` → `DR`),
/// or the text itself.
pub fn strip_genitive(token: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’", "s"] {
        if let Some(base) = token.strip_suffix(suffix) {
            if base.chars().count() >= 2 {
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

    proptest::proptest! {
        /// The fast tokens agree with cutting the whole text: the capitalised starts, the
        /// token before a start, and the token after.
        #[test]
        fn sparse_tokens_agree_with_words(t in "([a-zA-Zæøå ÆØÅÉé×ß'’.,-]|\\PC){0,60}") {
            let all = words(&t, 0);
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
                proptest::prop_assert_eq!(token_from(&t, w.start), *w);
                proptest::prop_assert_eq!(prev_token(&t, 0, w.start), k.checked_sub(1).map(|j| all[j]));
            }
        }
    }

    proptest::proptest! {
        /// A token's shape says what the single tests say.
        #[test]
        fn shape_agrees_with_the_tests(t in "([a-zA-ZæøåÆØÅÉé'.-]|\\PC){0,12}") {
            let s = Shape::of(&t);
            proptest::prop_assert_eq!(s.capitalised, is_capitalised(&t));
            proptest::prop_assert_eq!(s.all_caps, is_all_caps(&t));
            proptest::prop_assert_eq!(s.parts_capitalised, t.split('-').all(is_capitalised));
            proptest::prop_assert_eq!(s.alphabetic, t.chars().all(char::is_alphabetic));
            proptest::prop_assert_eq!(s.chars, t.chars().count());
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
        assert_eq!(strip_genitive("Stoltenbergs"), "Stoltenberg");
        assert_eq!(strip_genitive("DR's"), "DR");
        assert_eq!(strip_genitive("Jens"), "Jen");
        assert_eq!(strip_genitive("Xs"), "Xs");
        assert_eq!(title_case("JENS"), "Jens");
        assert_eq!(title_case("ÅRHUS"), "Århus");
        assert_eq!(title_case(""), "");
    }
}
