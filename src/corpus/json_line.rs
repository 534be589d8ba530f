//! A JSON line into a document, as [`Unit::load`](super::Unit::load) does it on a tagging
//! thread: the fast path ([`plain_json`]) first, then `serde_json`, which reads the named
//! fields straight off its parser ([`LineVisitor`]) with the result and the error messages of
//! a parse into a whole `Value`. Kept apart from the reading of lines
//! ([`Units`](super::Units)), which only splits the input and never parses it.

use std::cell::RefCell;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::files::path_id;
use super::plain_json;
use super::{Fields, BOM};
use crate::document::{self, Document};
use crate::error::{Error, ErrorKind, Result};

/// Parses one JSON line into a document. The common line (an object of strings, scalars and
/// `null`s) is read by [`plain_json`], which checks its UTF-8 on the way; anything it is not
/// sure about goes through `std::str::from_utf8` and `serde_json`, so the result and every
/// error message are those of `from_utf8`, then `serde_json::from_str::<Value>` followed by a
/// lookup in the map. A byte-order mark before the line (the first line of a file saved by
/// some editors) is dropped, as it is before a text.
///
/// The fast path decodes the text into this thread's [`TEXT_BUFFER`], and the line's own
/// buffer, which is at least as long as the text decoded from it, then takes the text and
/// becomes the document's: a document costs the one allocation of its line. The line is left
/// as it was until the fast path has read all of it, since `serde_json` may still need it.
pub(super) fn parse_json_line(
    mut bytes: Vec<u8>,
    fields: &Fields,
    source: &Path,
    line: u64,
) -> Result<Document> {
    let start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let read = TEXT_BUFFER.with_borrow_mut(|decoded| {
        let named = plain_json::read_fields(&bytes[start..], fields, decoded)?;
        let text = if decoded.capacity() > TEXT_BUFFER_ROOM {
            // A text too big for the buffer is handed over rather than copied, and the buffer
            // starts afresh: it never keeps more than its usual room between lines.
            std::mem::replace(decoded, Vec::with_capacity(TEXT_BUFFER_ROOM))
        } else {
            let mut text = std::mem::take(&mut bytes);
            text.clear();
            text.extend_from_slice(decoded);
            text
        };
        // SAFETY: `read_fields`, which answered `Some`, left valid UTF-8 in `decoded`.
        let text = unsafe { String::from_utf8_unchecked(text) };
        Some(Ok(LineDoc {
            text,
            id: named.id,
            date: named.date,
        }))
    });
    let found = match read {
        Some(found) => found,
        None => {
            // Only a line the fast path read in full gives up its buffer: this one is whole.
            let bytes = &bytes[start..];
            let text =
                std::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8))?;
            read_with_serde(text, fields)
        }
    }?;
    found.into_document(source, line)
}

/// Bytes of room in [`TEXT_BUFFER`]: more than a long article.
const TEXT_BUFFER_ROOM: usize = 64 << 10;

thread_local! {
    /// What [`parse_json_line`] decodes a JSON line's text into, kept from line to line.
    static TEXT_BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(TEXT_BUFFER_ROOM));
}

/// The three named fields of a JSON line, resolved: the text, and the id and date as strings
/// (absent or `null` is `None`).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LineDoc {
    pub(super) text: String,
    pub(super) id: Option<String>,
    pub(super) date: Option<String>,
}

impl LineDoc {
    /// The document, with `source:line` as the id when the line has none; an error if its
    /// date is not a real day or month. An empty date is none.
    fn into_document(self, source: &Path, line: u64) -> Result<Document> {
        let date = self.date.filter(|d| !d.is_empty());
        if let Some(date) = &date {
            document::check_date(date).map_err(|reason| {
                let value = Value::String(date.clone()).to_string();
                Error::new(ErrorKind::Date { value, reason })
            })?;
        }
        let id = self
            .id
            .unwrap_or_else(|| format!("{}:{}", path_id(source), line));
        Ok(Document::plain(id, date, self.text))
    }
}

/// Reads the three named fields straight off `serde_json`'s parser: no map is built and other
/// fields are parsed (the line must be valid JSON) but not kept.
pub(super) fn read_with_serde(text: &str, fields: &Fields) -> Result<LineDoc> {
    let json_err = |m: String| Error::new(ErrorKind::Json(m));
    if !text.trim_start_matches(JSON_WHITESPACE).starts_with('{') {
        // Not an object, or not JSON: only the error message is needed, and `Value` gives the
        // same one a whole parse would.
        return Err(match serde_json::from_str::<Value>(text) {
            Ok(_) => json_err("not a JSON object".into()),
            Err(e) => json_err(e.to_string()),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let found = de
        .deserialize_map(LineVisitor(fields))
        .and_then(|found| de.end().map(|()| found))
        .map_err(|e| json_err(e.to_string()))?;
    let text = match found.text {
        Some(Value::String(s)) => s,
        Some(_) => return Err(json_err(format!("field {:?} is not a string", fields.text))),
        None => return Err(json_err(format!("no {:?} field", fields.text))),
    };
    let date = match found.date {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            let (value, reason) = (other.to_string(), "not a string".into());
            return Err(Error::new(ErrorKind::Date { value, reason }));
        }
    };
    // Numbers keep their digits as written (`serde_json`'s `arbitrary_precision`): two ids
    // past 2^64 stay two ids.
    let id = match found.id {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    Ok(LineDoc { text, id, date })
}

/// The bytes JSON counts as whitespace between tokens.
const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// The values of the three named fields of a JSON object, as far as it has them.
#[derive(Default)]
struct LineFields {
    text: Option<Value>,
    id: Option<Value>,
    date: Option<Value>,
}

/// Which of the named fields a key is. A name given to several fields counts for the first of
/// text, id, date, as a lookup that removes the field from the map would find it.
pub(super) enum Key {
    Text,
    Id,
    Date,
    Other,
}

impl Key {
    /// Which of `fields` the object key `key` names.
    pub(super) fn of(key: &str, fields: &Fields) -> Key {
        if key == fields.text {
            Key::Text
        } else if key == fields.id {
            Key::Id
        } else if key == fields.date {
            Key::Date
        } else {
            Key::Other
        }
    }
}

/// Reads a JSON object into [`LineFields`]; a key that appears twice keeps its last value, as
/// in a `serde_json::Map`.
struct LineVisitor<'a>(&'a Fields);

impl<'de> Visitor<'de> for LineVisitor<'_> {
    type Value = LineFields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<LineFields, A::Error> {
        let mut found = LineFields::default();
        while let Some(key) = map.next_key_seed(KeySeed(self.0))? {
            match key {
                Key::Text => found.text = Some(map.next_value()?),
                Key::Id => found.id = Some(map.next_value()?),
                Key::Date => found.date = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(found)
    }
}

/// Classifies an object key without allocating it.
struct KeySeed<'a>(&'a Fields);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> std::result::Result<Key, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<Key, E> {
        Ok(Key::of(key, self.0))
    }
}

/// Any JSON value, parsed in full and dropped. Unlike [`de::IgnoredAny`], which `serde_json`
/// skips with a lighter scan, this goes through the parser a `Value` goes through, so a line
/// is rejected for the same reasons (lone surrogates in escapes, nesting deeper than the
/// recursion limit). Numbers are never out of range: `serde_json` keeps their text
/// (`arbitrary_precision`).
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(de: D) -> std::result::Result<Skip, D::Error> {
        de.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> std::result::Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::corpus::test_json::{parsed_with, reference_with};

    fn doc(id: &str, date: Option<&str>, text: &str) -> std::result::Result<Document, String> {
        Ok(Document::plain(
            id.into(),
            date.map(String::from),
            text.into(),
        ))
    }

    fn bad(message: &str) -> std::result::Result<Document, String> {
        Err(format!("bad JSON line: {message}"))
    }

    #[test]
    fn json_line_cases() {
        let cases: Vec<(&[u8], std::result::Result<Document, String>)> = vec![
            (br#"{"id": "a", "text": "T", "date": "2020-01"}"#, doc("a", Some("2020-01"), "T")),
            (br#"{"text": "T"}"#, doc("f.jsonl:7", None, "T")),
            (br#"  {"text":"T","x":{"y":[1,2,{"z":null}]},"w":-1.5e3} "#, doc("f.jsonl:7", None, "T")),
            // escapes in the text, including a surrogate pair
            (
                br#"{"text": "a\"b\\c\n\t\/\u00e6\ud83d\ude00"}"#,
                doc("f.jsonl:7", None, "a\"b\\c\n\t/æ😀"),
            ),
            // an escaped key still names the field
            (br#"{"te\u0078t": "T"}"#, doc("f.jsonl:7", None, "T")),
            // id and date that are not strings are rendered as JSON
            (br#"{"id": 17, "text": "T"}"#, doc("17", None, "T")),
            (br#"{"id": -3, "text": "T"}"#, doc("-3", None, "T")),
            // numbers keep their digits as written, past 2^64 too
            (br#"{"id": 2.50, "text": "T"}"#, doc("2.50", None, "T")),
            // (an exponent as `e+`/`e-`: the one thing `arbitrary_precision` writes its way)
            (br#"{"id": 1e2, "text": "T"}"#, doc("1e+2", None, "T")),
            (br#"{"id": 1.5E-3, "text": "T"}"#, doc("1.5e-3", None, "T")),
            (br#"{"id": -0, "text": "T"}"#, doc("-0", None, "T")),
            (br#"{"id": 18446744073709551616, "text": "T"}"#, doc("18446744073709551616", None, "T")),
            (br#"{"id": 18446744073709551617, "text": "T"}"#, doc("18446744073709551617", None, "T")),
            (br#"{"id": -9223372036854775809, "text": "T"}"#, doc("-9223372036854775809", None, "T")),
            (br#"{"id": 1e400, "text": "T"}"#, doc("1e+400", None, "T")),
            (br#"{"id": true, "text": "T"}"#, doc("true", None, "T")),
            (br#"{"id": {"b": 1, "a": [2, "x"]}, "text": "T"}"#, doc(r#"{"a":[2,"x"],"b":1}"#, None, "T")),
            // dates: a real month or day, or none
            (br#"{"id": "a", "date": 202001, "text": "T"}"#, Err("bad date 202001: not a string".into())),
            (br#"{"id": "a", "date": "foo", "text": "T"}"#, Err(r#"bad date "foo": not YYYY-MM or YYYY-MM-DD"#.into())),
            (br#"{"id": "a", "date": "2022-02-30", "text": "T"}"#, Err(r#"bad date "2022-02-30": 2022-02 has days 01 to 28"#.into())),
            (br#"{"id": "a", "date": "2024-02-29", "text": "T"}"#, doc("a", Some("2024-02-29"), "T")),
            (br#"{"id": "a", "date": "", "text": "T"}"#, doc("a", None, "T")),
            (br#"{"id": "a", "date": ["2020-01"], "text": "T"}"#, Err(r#"bad date ["2020-01"]: not a string"#.into())),
            // a byte-order mark before the line
            (b"\xEF\xBB\xBF{\"text\": \"T\"}", doc("f.jsonl:7", None, "T")),
            (br#"{"id": null, "date": null, "text": "T"}"#, doc("f.jsonl:7", None, "T")),
            // duplicate keys: the last one counts, for every field
            (br#"{"text": 1, "id": "a", "text": "T", "id": "b"}"#, doc("b", None, "T")),
            (br#"{"text": "T", "text": 1}"#, bad(r#"field "text" is not a string"#)),
            (br#"{"date": "2020", "text": "T", "date": null}"#, doc("f.jsonl:7", None, "T")),
            // errors
            (br#"{"id": "a"}"#, bad(r#"no "text" field"#)),
            (br#"{"text": null}"#, bad(r#"field "text" is not a string"#)),
            (br#"{"text": ["T"]}"#, bad(r#"field "text" is not a string"#)),
            (br#"["text", "T"]"#, bad("not a JSON object")),
            (br#""text""#, bad("not a JSON object")),
            (b"17", bad("not a JSON object")),
            (b"null", bad("not a JSON object")),
            (br#"{"text": "T"} x"#, bad("trailing characters at line 1 column 15")),
            (br#"{"text": "T"}{}"#, bad("trailing characters at line 1 column 14")),
            (br#"{"text": "T", "id": 1,}"#, bad("trailing comma at line 1 column 23")),
            (br#"{"text": "T""#, bad("EOF while parsing an object at line 1 column 12")),
            (br#"{"text": "T", "x": [1, 2"#, bad("EOF while parsing a list at line 1 column 24")),
            (br#"[1, 2"#, bad("EOF while parsing a list at line 1 column 5")),
            // any number is read, however large
            (br#"{"text": "T", "x": 1e400}"#, doc("f.jsonl:7", None, "T")),
            (br#"{"text": "T", "x": "\ud800"}"#, bad("unexpected end of hex escape at line 1 column 27")),
            (br#"{"text": "T", "x": "\q"}"#, bad("invalid escape at line 1 column 22")),
            (b"{\"text\": \"T\", \"x\": \"a\tb\"}", bad("control character (\\u0000-\\u001F) found while parsing a string at line 1 column 22")),
            (b"{\"text\": \"\xc3\x28\"}", Err("not valid UTF-8".into())),
            (b"{\"text\": \"T\"} \xff", Err("not valid UTF-8".into())),
        ];
        let fields = Fields::default();
        for (line, expected) in cases {
            let shown = String::from_utf8_lossy(line);
            assert_eq!(parsed_with(line, &fields), expected, "{shown}");
            assert_eq!(reference_with(line, &fields), expected, "{shown}");
        }
    }

    #[test]
    fn deep_nesting_hits_the_same_limit() {
        for depth in [126, 127, 128, 200] {
            let skipped = format!(
                r#"{{"text": "T", "x": {}{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            );
            let fields = Fields::default();
            assert_eq!(
                parsed_with(skipped.as_bytes(), &fields),
                reference_with(skipped.as_bytes(), &fields),
                "depth {depth}"
            );
        }
    }

    #[test]
    fn renamed_and_shared_field_names() {
        let line = br#"{"body": "T", "key": 5, "when": "2020-01", "text": 1}"#;
        let renamed = Fields {
            id: "key".into(),
            text: "body".into(),
            date: "when".into(),
        };
        assert_eq!(parsed_with(line, &renamed), doc("5", Some("2020-01"), "T"));
        // One name for several fields: text takes it first, then id, as a lookup that removes
        // the field from the map would.
        let shared = [
            ("body", "body", "when"),
            ("key", "body", "key"),
            ("body", "body", "body"),
        ];
        for (id, text, date) in shared {
            let fields = Fields {
                id: id.into(),
                text: text.into(),
                date: date.into(),
            };
            assert_eq!(parsed_with(line, &fields), reference_with(line, &fields));
        }
    }

    /// JSON text with the three field names and their rivals, mostly well formed but not
    /// always: pieces of objects, arrays, scalars and escapes in any order.
    fn json_ish() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            " ",
            "\"text\"",
            "\"id\"",
            "\"date\"",
            "\"x\"",
            "\"te\\u0078t\"",
            "\"T\"",
            "\"a\\\"b\"",
            "\"\\n\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud800\"",
            "17",
            "-0.5",
            "1e400",
            "18446744073709551616",
            "true",
            "null",
            "\"æ\"",
        ]);
        prop::collection::vec(piece, 0..16).prop_map(|p| p.concat().into_bytes())
    }

    /// A JSON value, written out with some spaces.
    fn json_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| format!("{n:e}")),
            ".{0,8}".prop_map(|s| Value::String(s).to_string()),
            Just(r#""\u00e6\n\"""#.to_string()),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec((key(), inner), 0..4).prop_map(|kv| object(&kv)),
            ]
        })
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["text", "id", "date", "x", "te\\u0078t", "y"])
            .prop_map(String::from)
    }

    fn object(entries: &[(String, String)]) -> String {
        let inner: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        format!("{{{}}}", inner.join(", "))
    }

    proptest! {
        #[test]
        fn agrees_with_the_value_parse_on_objects(
            entries in prop::collection::vec((key(), json_value()), 0..6),
            text in proptest::option::of(".{0,12}"),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let mut entries = entries;
            if let Some(text) = text {
                entries.push(("text".into(), Value::String(text).to_string()));
            }
            let mut line = object(&entries).into_bytes();
            if let Some(cut) = cut {
                line.truncate(cut.index(line.len() + 1));
            }
            let fields = Fields::default();
            prop_assert_eq!(parsed_with(&line, &fields), reference_with(&line, &fields));
        }

        #[test]
        fn agrees_with_the_value_parse_on_fragments(line in json_ish()) {
            let fields = Fields::default();
            prop_assert_eq!(parsed_with(&line, &fields), reference_with(&line, &fields));
        }

        #[test]
        fn agrees_with_the_value_parse_on_any_bytes(line in prop::collection::vec(any::<u8>(), 0..24)) {
            let fields = Fields::default();
            prop_assert_eq!(parsed_with(&line, &fields), reference_with(&line, &fields));
        }

    }
}
