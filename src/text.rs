//! Character classes and positions in Danish text: token boundaries, genitive and compound
//! endings, sentence starts, and byte → code-point offsets.

/// Whether `c` can be part of a word: any Unicode letter or digit (æ, ø, å, é, ü, ö included).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character just before byte offset `pos`, if any.
#[inline]
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// Whether a token starts at byte offset `pos`: the character before is not a letter or digit.
#[inline]
pub fn is_token_start(text: &str, pos: usize) -> bool {
    char_before(text, pos).is_none_or(|c| !is_word_char(c))
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
            // `Horsens'`, `Marx'`: a bare apostrophe only after a sibilant; otherwise it is a
            // closing quote and the name ends before it.
            if ends_token(a) && matches!(name_last, 's' | 'x' | 'z' | 'S' | 'X' | 'Z') {
                Some(end + a)
            } else {
                Some(end)
            }
        }
        c if is_hyphen(c) => Some(compound_end(text, end).unwrap_or(end)),
        c if is_word_char(c) => None,
        _ => Some(end),
    }
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
/// the taggable text).
pub fn is_sentence_start(text: &str, pos: usize, floor: usize) -> bool {
    let mut newlines = 0;
    for c in text[floor..pos].chars().rev() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            '"' | '\'' | '«' | '»' | '„' | '“' | '”' | '‘' | '’' | '(' | '[' | '-' | '–' | '—' =>
                {}
            '.' | '!' | '?' | '…' => return true,
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
        self.chars += count_chars(&self.text.as_bytes()[self.byte..byte]);
        self.byte = byte;
        self.chars
    }
}

/// Number of code points in valid UTF-8 `bytes`: every byte that is not a continuation byte.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
