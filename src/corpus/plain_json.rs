//! A fast reader for the common JSON line: an object whose values are strings, `null`s,
//! booleans and plain numbers. It accepts only text that is certainly valid JSON and that
//! `serde_json` reads to the same fields; for anything else (nested values, escaped keys,
//! non-string ids and dates, long numbers, errors of any kind) it gives up and the line
//! goes through `serde_json`, which then also words the error.
//!
//! It reads bytes, not a `str`: the line's UTF-8 is checked as it goes, so a line it reads is
//! looked at once. Outside strings it takes ASCII bytes only, and the bytes of each string are
//! validated by the same pass that finds the string's next quote or backslash
//! ([`crate::utf8::valid_until_string_stop`]); a line that is not UTF-8 is thus never read,
//! and gets `from_utf8`'s error from the fallback.
//!
//! It is faster because it finds the end of a run of plain string bytes sixteen bytes at a
//! time, checking their UTF-8 in the same pass, and copies the run in one piece, where
//! `serde_json` looks at every byte (after `from_utf8` has looked at every byte too) and copies
//! an escaped string through a scratch buffer.
//!
//! A file of its own because it is a parser of its own, which [`json_line`](super::json_line)
//! asks first ([`read_fields`]) and which answers `None` for whatever it leaves to `serde_json`.

use super::json_line::Key;
#[cfg(test)]
use super::json_line::LineDoc;
use super::Fields;
use crate::utf8;

/// The id and date of a line the fast path read (`None` when absent or `null`).
pub(super) struct Named {
    pub(super) id: Option<String>,
    pub(super) date: Option<String>,
}

/// Reads `line` if it is valid UTF-8 and a plain object with a string text field, with
/// the text decoded into `text` (whatever it held before is dropped), which then holds
/// valid UTF-8; `None` leaves the line to `std::str::from_utf8` and `serde_json`, and
/// `text` holding anything.
pub(super) fn read_fields(line: &[u8], fields: &Fields, text: &mut Vec<u8>) -> Option<Named> {
    let mut cursor = Cursor { line, pos: 0 };
    let found = cursor.object(fields, text)?;
    cursor.skip_whitespace();
    if cursor.pos != line.len() || !found.text {
        return None;
    }
    Some(Named {
        id: found.id,
        date: found.date,
    })
}

/// [`read_fields`] with the text as a string of its own.
#[cfg(test)]
pub(super) fn read_line(line: &[u8], fields: &Fields) -> Option<LineDoc> {
    let mut text = Vec::new();
    let named = read_fields(line, fields, &mut text)?;
    Some(LineDoc {
        text: String::from_utf8(text).expect("the fast path decodes UTF-8"),
        id: named.id,
        date: named.date,
    })
}

/// The named fields seen so far; a later duplicate key replaces the value, as in a map.
#[derive(Default)]
struct Found {
    /// Whether a text was read (into the buffer [`Cursor::object`] was given).
    text: bool,
    id: Option<String>,
    date: Option<String>,
}

/// More integer digits than this, or more than [`MAX_EXPONENT_DIGITS`] exponent digits,
/// and a number is left to `serde_json`. It reads any number that follows JSON's grammar
/// (it keeps a number's text, with `arbitrary_precision`), so the limits only keep the
/// fast path's numbers to what it has always been checked against.
const MAX_INTEGER_DIGITS: usize = 18;
/// See [`MAX_INTEGER_DIGITS`].
const MAX_EXPONENT_DIGITS: usize = 2;

/// The character of a two-byte escape, `\` and `byte`; `None` for `\u`, which has four
/// more, and for a byte that begins no escape.
#[inline(always)]
fn short_escape(byte: u8) -> Option<char> {
    Some(match byte {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

/// A position in a line being read. It only ever moves past ASCII bytes, or past a run of
/// string bytes [`utf8::valid_until_string_stop`] found valid, so the bytes before it are
/// valid UTF-8 and it is always on a character boundary.
struct Cursor<'a> {
    /// The whole line.
    line: &'a [u8],
    /// The index of the next byte to read.
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// The line's bytes.
    fn bytes(&self) -> &'a [u8] {
        self.line
    }

    /// The next byte, if any.
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Steps over the bytes JSON counts as whitespace.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Steps over `byte` if it is next.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// Steps over `word` if it comes next.
    fn eat_word(&mut self, word: &str) -> Option<()> {
        self.bytes()[self.pos..]
            .starts_with(word.as_bytes())
            .then(|| self.pos += word.len())
    }

    /// Steps over a run of ASCII digits and says how long it was.
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Reads an object (leading whitespace, braces and all), keeping the named fields: the
    /// text decoded into `text`.
    fn object(&mut self, fields: &Fields, text: &mut Vec<u8>) -> Option<Found> {
        let mut found = Found::default();
        self.skip_whitespace();
        self.eat(b'{')?;
        loop {
            // `{}` has no text field, so an object without a first key is no loss.
            self.skip_whitespace();
            let key = self.key()?;
            self.skip_whitespace();
            self.eat(b':')?;
            self.skip_whitespace();
            match Key::of(key, fields) {
                Key::Text => {
                    text.clear();
                    self.string_into(text)?;
                    found.text = true;
                }
                Key::Id => found.id = self.string_or_null()?,
                Key::Date => found.date = self.string_or_null()?,
                Key::Other => self.skip_value()?,
            }
            self.skip_whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(found);
                }
                _ => return None,
            }
        }
    }

    /// A key without escapes, borrowed from the line.
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let (key, stop) = self.plain_run()?;
        if stop != b'"' {
            return None;
        }
        self.pos += 1;
        Some(key)
    }

    /// The value of an id or date: a string, or `None` for `null`. Other values are
    /// rendered by `serde_json`, so they are left to it.
    fn string_or_null(&mut self) -> Option<Option<String>> {
        if self.eat_word("null").is_some() {
            return Some(None);
        }
        self.string_value().map(Some)
    }

    /// Any value but an object or array, checked and dropped.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => {
                self.pos += 1;
                self.string_body()
            }
            b't' => self.eat_word("true"),
            b'f' => self.eat_word("false"),
            b'n' => self.eat_word("null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// A number in JSON's grammar, small enough that `serde_json` surely reads it (see
    /// [`MAX_INTEGER_DIGITS`]).
    fn number(&mut self) -> Option<()> {
        let _ = self.eat(b'-');
        let first = self.peek();
        let integer = self.digits();
        if integer == 0 || integer > MAX_INTEGER_DIGITS || (integer > 1 && first == Some(b'0')) {
            return None;
        }
        if self.eat(b'.').is_some() && self.digits() == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            let exponent = self.digits();
            if exponent == 0 || exponent > MAX_EXPONENT_DIGITS {
                return None;
            }
        }
        Some(())
    }

    /// A string value, decoded. A string without escapes (most ids and dates) is copied
    /// once into an allocation of its size; one with escapes gets room for the rest of the
    /// line, which is at least its decoded length, so it is never reallocated, and its
    /// rest is read in one pass by [`Cursor::rest_into`].
    fn string_value(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let (run, stop) = self.plain_run()?;
        if stop == b'"' {
            self.pos += 1;
            return Some(run.to_owned());
        }
        let mut value =
            Vec::with_capacity(run.len() + self.line.len() - self.pos + utf8::COPY_ROOM);
        value.extend_from_slice(run.as_bytes());
        self.rest_into(&mut value)?;
        // SAFETY: `run` is a `str`, and `rest_into`, which answered `Some`, appended valid
        // UTF-8.
        Some(unsafe { String::from_utf8_unchecked(value) })
    }

    /// A string value (a text), decoded and appended to `out` by [`Cursor::rest_into`] from
    /// its opening quote on: a text is long, and most have escapes, which that one pass
    /// reads best. The bytes appended are valid UTF-8.
    fn string_into(&mut self, out: &mut Vec<u8>) -> Option<()> {
        self.eat(b'"')?;
        self.rest_into(out)
    }

    /// The rest of a string from the cursor up to and over its closing quote, decoded and
    /// appended to `out` in one pass by [`utf8::copy_json_string`]; the bytes appended are
    /// valid UTF-8. It reserves room for the rest of the line, so `out` is reallocated at
    /// most once.
    fn rest_into(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let line = self.line;
        self.pos = utf8::copy_json_string(line, self.pos, out, |at| {
            // The escapes of one character (`\n`, `\"` above all) here, in the scan's
            // loop; a `\u` through a call.
            if let Some(c) = line.get(at).copied().and_then(short_escape) {
                return Some((c, at + 1));
            }
            let mut escape = Cursor { line, pos: at };
            let c = escape.escape()?;
            Some((c, escape.pos))
        })?;
        // `copy_json_string`, which answered `Some`, appended valid UTF-8: the bytes it
        // checks as `valid_until_string_stop` does, and the characters of the escapes.
        Some(())
    }

    /// The rest of a string after its opening quote, up to and over the closing one,
    /// checked and dropped. A raw control byte, an unknown escape or a surrogate escape
    /// that is not half of a pair ends the fast path.
    fn string_body(&mut self) -> Option<()> {
        loop {
            let (_, stop) = self.plain_run()?;
            self.pos += 1;
            match stop {
                b'"' => return Some(()),
                b'\\' => {
                    self.escape()?;
                }
                _ => return None,
            }
        }
    }

    /// The run of plain string bytes from the cursor up to the next quote, backslash or
    /// control byte, and that byte; the cursor moves onto it. `None` if the string does
    /// not end or the run is not valid UTF-8.
    ///
    /// Inlined where it is called, into the loop of [`Cursor::string_body`], which calls
    /// it once per escape: a call and its return cost a fifth of what the runs' scans
    /// cost (callgrind, 5 MB corpus).
    #[inline(always)]
    fn plain_run(&mut self) -> Option<(&'a str, u8)> {
        if let Some(&byte) = self.line.get(self.pos) {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                // An empty run, as between the two escapes of `\n\n` or before a closing
                // quote: found without the scan's setting up.
                return Some(("", byte));
            }
        }
        // A short run of ASCII (a key, an id, a date) is found in a few steps, with
        // nothing to validate.
        if let Some(stop) = utf8::short_ascii_stop(self.line, self.pos) {
            let run = &self.line[self.pos..stop];
            // SAFETY: `short_ascii_stop` gives a stop only after bytes that are all ASCII,
            // which is valid UTF-8.
            let run = unsafe { std::str::from_utf8_unchecked(run) };
            self.pos = stop;
            return Some((run, self.line[stop]));
        }
        let stop = utf8::valid_until_string_stop(self.line, self.pos)?;
        let run = &self.line[self.pos..stop];
        // SAFETY: `valid_until_string_stop` gives a stop only when the bytes from `self.pos`
        // up to it are valid UTF-8, with the answer `std::str::from_utf8` gives (the tests
        // of `utf8` hold it to that on arbitrary bytes). Checking again would cost the
        // second pass over every string that the fused scan is there to save.
        let run = unsafe { std::str::from_utf8_unchecked(run) };
        self.pos = stop;
        Some((run, self.line[stop]))
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Option<char> {
        let byte = self.peek()?;
        self.pos += 1;
        if byte == b'u' {
            return self.unicode_escape();
        }
        short_escape(byte)
    }

    /// The character of a `\uXXXX` escape (its `\u` already read), or of a surrogate
    /// pair. A surrogate on its own is an error to `serde_json`, so `None`.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            // `from_u32` refuses a trailing surrogate.
            return char::from_u32(first);
        }
        self.eat(b'\\')?;
        self.eat(b'u')?;
        let second = self.hex4()?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    }

    /// Four hex digits, either case.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes().get(self.pos..self.pos + 4)?;
        let mut value = 0;
        for &d in digits {
            value = value * 16 + char::from(d).to_digit(16)?;
        }
        self.pos += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::corpus::json_line::read_with_serde;
    use crate::corpus::plain_json;
    use crate::corpus::test_json::{parsed_with, reference_with};

    /// What the fast path makes of `line`: the text, id and date it reads, or `None` when it
    /// leaves the line to `serde_json`. Whenever it reads a line, `serde_json` must read the
    /// same.
    fn fast_read(line: &str) -> Option<(String, Option<String>, Option<String>)> {
        let fields = Fields::default();
        let fast = plain_json::read_line(line.as_bytes(), &fields)?;
        let serde = read_with_serde(line, &fields).map_err(|e| e.to_string());
        assert_eq!(Ok(&fast), serde.as_ref(), "{line}");
        Some((fast.text, fast.id, fast.date))
    }

    /// The fields the fast path should read.
    fn taken(
        text: &str,
        id: Option<&str>,
        date: Option<&str>,
    ) -> Option<(String, Option<String>, Option<String>)> {
        Some((text.into(), id.map(String::from), date.map(String::from)))
    }

    #[test]
    fn fast_path_cases() {
        let cases = vec![
            (
                r#"{"id": "a", "text": "T", "date": "2020-01"}"#,
                taken("T", Some("a"), Some("2020-01")),
            ),
            (" \t{\"text\":\"T\"}\r\n ", taken("T", None, None)),
            (
                r#"{"text": "T", "id": null, "date": null}"#,
                taken("T", None, None),
            ),
            (
                r#"{"text": "Æble, ø og å"}"#,
                taken("Æble, ø og å", None, None),
            ),
            // every escape, a surrogate pair and hex digits in both cases
            (
                r#"{"text": "a\"b\\c\/d\be\ff\ng\rh\ti\u00e6\u00C6\u0000\ud83d\uDE00"}"#,
                taken(
                    "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti\u{e6}\u{c6}\u{0}\u{1f600}",
                    None,
                    None,
                ),
            ),
            // escapes on both sides of a 16-byte block and of an 8-byte word
            (
                r#"{"text": "0123456789abcde\n0123456\t0123456789abcdef\"", "id": "0123456789abcdef01"}"#,
                taken(
                    "0123456789abcde\n0123456\t0123456789abcdef\"",
                    Some("0123456789abcdef01"),
                    None,
                ),
            ),
            // other fields are checked and dropped
            (
                r#"{"n": -0.5e-3, "m": 0, "k": 123456789012345678, "e": 1E+99, "b": true, "f": false, "z": null, "s": "x\ny", "text": "T"}"#,
                taken("T", None, None),
            ),
            // duplicate keys: the last one counts
            (
                r#"{"text": "A", "id": "a", "text": "B", "id": null}"#,
                taken("B", None, None),
            ),
            (
                r#"{"date": null, "text": "T", "date": "d"}"#,
                taken("T", None, Some("d")),
            ),
            // left to serde_json: it names the key, renders the value, or words the error
            (r#"{"te\u0078t": "T"}"#, None),
            (r#"{"id": 17, "text": "T"}"#, None),
            (r#"{"date": true, "text": "T"}"#, None),
            (r#"{"text": "T", "x": [1]}"#, None),
            (r#"{"text": "T", "x": {}}"#, None),
            (r#"{"text": null}"#, None),
            (r#"{"text": null, "text": "T"}"#, None),
            (r#"{"id": "a"}"#, None),
            ("{}", None),
            (r#"{"text": "T", "x": 1e400}"#, None),
            (r#"{"text": "T", "x": 1e100}"#, None),
            (r#"{"text": "T", "x": 1234567890123456789}"#, None),
            (r#"{"text": "T", "x": 01}"#, None),
            (r#"{"text": "T", "x": -}"#, None),
            (r#"{"text": "T", "x": 1.}"#, None),
            (r#"{"text": "T", "x": .5}"#, None),
            (r#"{"text": "T", "x": 1e}"#, None),
            (r#"{"text": "T", "x": nul}"#, None),
            (r#"{"text": "T", "x": truex}"#, None),
            (r#"{"text": "T", "x": "\ud800"}"#, None),
            (r#"{"text": "T", "x": "\ud800\u0041"}"#, None),
            (r#"{"text": "T", "x": "\udc00"}"#, None),
            (r#"{"text": "T", "x": "\u12"}"#, None),
            (r#"{"text": "T", "x": "\q"}"#, None),
            ("{\"text\": \"a\tb\"}", None),
            ("{\"text\": \"T\", \"x\u{1f}\": 1}", None),
            ("{\"text\": \"T\"}\u{a0}", None),
            (r#"{"text": "T",}"#, None),
            (r#"{"text": "T"} x"#, None),
            (r#"{"text": "T"}{}"#, None),
            (r#"{"text": "T""#, None),
            (r#"{"text": "T"#, None),
            (r#"{"text" "T"}"#, None),
            (r#"["text", "T"]"#, None),
        ];
        for (line, expected) in cases {
            assert_eq!(fast_read(line), expected, "{line}");
        }
    }

    #[test]
    fn lines_that_are_not_utf8_are_never_read_fast() {
        let fields = Fields::default();
        let lines: [&[u8]; 6] = [
            b"{\"text\": \"\xC3\"}",
            b"{\"text\": \"T\", \"x\": \"\xED\xA0\x80\"}",
            b"{\"te\xFFxt\": \"T\", \"text\": \"T\"}",
            b"{\"text\": \"T\"}\xC3",
            b"{\"text\": \"T\xE2\x82\"}",
            b"\xEF\xBB\xBF{\"text\": \"T\"}",
        ];
        for line in lines {
            assert!(plain_json::read_line(line, &fields).is_none(), "{line:x?}");
            assert_eq!(parsed_with(line, &fields), reference_with(line, &fields));
        }
        assert_eq!(
            parsed_with(lines[0], &fields),
            Err("not valid UTF-8".to_string())
        );
    }

    /// A JSON string literal made of pieces: plain text and every escape, now and then a
    /// broken escape, a lone surrogate, a raw control character or any character at all (a
    /// raw quote or backslash among them).
    fn rough_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            20 => "[a-zæøå ]{0,20}",
            6 => prop::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u00e6", r"\u00C6",
                r"\u0000", r"\u001f", r"\ud83d\ude00", r"\uD83D\uDE00", "\u{7f}", "\u{80}",
            ])
            .prop_map(String::from),
            1 => prop::sample::select(vec![
                r"\ud800", r"\udc00", r"\ud800\u0041", r"\ud800\n", r"\ud800\ud800", r"\u12",
                r"\u12g4", r"\q", r"\", r"\U0041", "\t", "\n", "\u{1}",
            ])
            .prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    /// Number-like text: JSON's grammar, sometimes beyond the fast path's limits or out of
    /// `f64`'s range, and near misses (leading zeros, missing digits).
    fn rough_number() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?",
            1 => "-?[0-9]{0,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,2})?",
            1 => "-?[1-9][0-9]{300,320}",
        ]
    }

    /// Any value, well formed or not, nested or not.
    fn rough_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            6 => rough_string(),
            3 => rough_number(),
            2 => prop::sample::select(vec!["null", "true", "false"]).prop_map(String::from),
            1 => prop::sample::select(vec!["nul", "tru", "True", "NaN", ""]).prop_map(String::from),
        ];
        let nested = leaf.clone().prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((rough_key(), inner), 0..3).prop_map(|kv| {
                    let entries: Vec<String> = kv.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{{}}}", entries.join(","))
                }),
            ]
        });
        prop_oneof![6 => leaf, 1 => nested]
    }

    /// A key: mostly the field names, sometimes spelled with an escape or as any string.
    fn rough_key() -> impl Strategy<Value = String> {
        prop_oneof![
            12 => prop::sample::select(vec!["\"text\"", "\"id\"", "\"date\"", "\"x\"", "\"æ\"", "\"\""])
                .prop_map(String::from),
            1 => Just("\"te\\u0078t\"".to_string()),
            1 => rough_string(),
        ]
    }

    /// What may stand between tokens: mostly JSON's whitespace, now and then some that is not.
    fn gap() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            30 => prop::sample::select(vec!["", "", " ", "\t", "\n", "\r", "  "]),
            1 => prop::sample::select(vec!["\u{a0}", "\u{c}", ",", ":"]),
        ]
    }

    /// An object with rough keys and values, gaps between all tokens and, usually, a text.
    fn rough_object() -> impl Strategy<Value = String> {
        let entry = (gap(), rough_key(), gap(), gap(), rough_value(), gap())
            .prop_map(|(a, k, b, c, v, d)| format!("{a}{k}{b}:{c}{v}{d}"));
        let text = proptest::option::weighted(0.9, (any::<prop::sample::Index>(), rough_string()));
        (
            gap(),
            prop::collection::vec(entry, 0..5),
            text,
            gap(),
            prop::bool::weighted(0.05),
        )
            .prop_map(|(before, mut entries, text, after, trailing_comma)| {
                if let Some((at, text)) = text {
                    entries.insert(at.index(entries.len() + 1), format!("\"text\":{text}"));
                }
                let comma = if trailing_comma { "," } else { "" };
                format!("{before}{{{}{comma}}}{after}", entries.join(","))
            })
    }

    /// A string literal the fast path reads: any text, with valid escapes of every kind.
    fn plain_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => "[^\"\\\\\\x00-\\x1f]{0,24}",
            1 => prop::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u00e6",
                r"\u00C6", r"\u0000", r"\ud83d\ude00",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
    }

    /// An object of the subset the fast path reads: plain keys, a string text, ids and dates
    /// that are strings or null, and other fields of any scalar within its limits.
    fn plain_object() -> impl Strategy<Value = String> {
        let string_or_null = prop_oneof![3 => plain_string(), 1 => Just("null".to_string())];
        let scalar = prop_oneof![
            2 => plain_string(),
            2 => "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,2})?",
            1 => prop::sample::select(vec!["null", "true", "false"]).prop_map(String::from),
        ];
        let named = prop_oneof![
            plain_string().prop_map(|v| ("\"text\"".to_string(), v)),
            string_or_null
                .clone()
                .prop_map(|v| ("\"id\"".to_string(), v)),
            string_or_null.prop_map(|v| ("\"date\"".to_string(), v)),
        ];
        let other = (
            prop::sample::select(vec!["\"x\"", "\"æ\"", "\"\"", "\"tekst\""]),
            scalar,
        )
            .prop_map(|(k, v)| (k.to_string(), v));
        let ws = prop::sample::select(vec!["", " ", "\t", "\n", "\r"]);
        (
            plain_string(),
            any::<prop::sample::Index>(),
            prop::collection::vec(prop_oneof![named, other], 0..6),
            ws,
        )
            .prop_map(|(text, at, mut entries, ws)| {
                // A text somewhere, so that the line has one whatever the duplicates say.
                entries.insert(at.index(entries.len() + 1), ("\"text\"".to_string(), text));
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{ws}{k}{ws}:{ws}{v}{ws}"))
                    .collect();
                format!("{ws}{{{}}}{ws}", entries.join(","))
            })
    }

    proptest! {
        #[test]
        fn fast_path_takes_plain_objects(line in plain_object()) {
            let fields = Fields::default();
            let fast = plain_json::read_line(line.as_bytes(), &fields);
            prop_assert!(fast.is_some(), "left to serde_json: {}", line);
            let serde = read_with_serde(&line, &fields).map_err(|e| e.to_string());
            prop_assert_eq!(Ok(fast.unwrap()), serde);
        }
    }

    proptest! {
        // Most lines are broken somewhere; enough cases that the rarer slips (an out-of-range
        // number or a broken nested value in an otherwise clean line) come up.
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn fast_path_never_differs_from_serde(
            line in rough_object(),
            cut in proptest::option::weighted(0.1, any::<prop::sample::Index>()),
            garbage in proptest::option::weighted(0.1, (any::<prop::sample::Index>(), any::<char>())),
        ) {
            let mut line = line;
            if let Some((at, c)) = garbage {
                let at = at.index(line.len() + 1);
                if line.is_char_boundary(at) {
                    line.insert(at, c);
                }
            }
            if let Some(cut) = cut {
                let mut at = cut.index(line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.truncate(at);
            }
            let fields = Fields::default();
            let fast = plain_json::read_line(line.as_bytes(), &fields);
            let serde = read_with_serde(&line, &fields).map_err(|e| e.to_string());
            if let Some(fast) = fast {
                prop_assert_eq!(Ok(fast), serde);
            }
            prop_assert_eq!(parsed_with(line.as_bytes(), &fields), reference_with(line.as_bytes(), &fields));
        }
    }
}
