//! The JSON that [`jsonl`](super::jsonl) and [`doc_jsonl`](super::doc_jsonl) share: strings
//! escaped as `serde_json` writes them, and the fields of one mention.
//!
//! Written by hand rather than through `serde_json`'s serializer: a mention's fields are a
//! few copies of bytes, and most strings need no escaping at all, which one pass finds.

use std::fmt;

use crate::document::Document;
use crate::format::decimal::push_uint;
use crate::format::EntryFields;
use crate::matcher::Matcher;
use crate::mention::Mention;

/// Appends `s` as a JSON string: in double quotes, with `"`, `\` and the control characters
/// below U+0020 escaped (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX` in lowercase hex), every
/// other character as its UTF-8 bytes; exactly as `serde_json::to_string` writes it.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[plain..i]);
        push_escape(out, b);
        plain = i + 1;
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

/// Appends the escape of the byte `b`, one that [`push_str`] does not write as it is.
#[cold]
fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0C => b'f',
        _ => {
            let escape = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ];
            out.extend_from_slice(&escape);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Appends `s` as a JSON string, or `null` when there is none.
pub(crate) fn push_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// The `"entity_id":…,"canonical":…` members of every entry of a matcher, rendered once.
#[derive(Clone)]
pub(crate) struct EntryMembers(EntryFields);

/// The sizes, not the bytes: a pipeline that is printed should not print every entry.
impl fmt::Debug for EntryMembers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EntryMembers").field(&self.0).finish()
    }
}

impl EntryMembers {
    /// The members of every entry of `matcher`.
    pub(crate) fn new(matcher: &Matcher) -> EntryMembers {
        EntryMembers(EntryFields::new(matcher, |out, entry| {
            out.extend_from_slice(b"\"entity_id\":");
            push_str(out, &entry.id);
            out.extend_from_slice(b",\"canonical\":");
            push_str(out, &entry.name);
        }))
    }
}

/// Appends the members of mention `m` of `doc`, without braces:
/// `"start":…,"end":…,"mention":…,"label":…,"entity_id":…,"canonical":…,"method":…`. The
/// offsets are numbers; `entity_id` is `null` for a mention with no gazetteer entry, whose
/// canonical name is the layer's or else the mention itself, as in the CSV.
pub(crate) fn push_mention(out: &mut Vec<u8>, doc: &Document, m: &Mention, entries: &EntryMembers) {
    let text = m.text(&doc.text);
    out.extend_from_slice(b"\"start\":");
    push_uint(out, m.start);
    out.extend_from_slice(b",\"end\":");
    push_uint(out, m.end);
    out.extend_from_slice(b",\"mention\":");
    push_str(out, text);
    // A label or method name is a plain word: it never needs escaping.
    out.extend_from_slice(b",\"label\":\"");
    out.extend_from_slice(entries.0.label(m.label));
    out.extend_from_slice(b"\",");
    match m.entry {
        Some(id) => out.extend_from_slice(entries.0.get(id)),
        None => {
            out.extend_from_slice(b"\"entity_id\":null,\"canonical\":");
            push_str(out, m.canonical.as_deref().unwrap_or(text));
        }
    }
    out.extend_from_slice(b",\"method\":\"");
    out.extend_from_slice(m.method.as_str().as_bytes());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        push_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_ascii_character_escaped_as_serde_json_does() {
        for b in 0..=0x7Fu8 {
            let s = format!("a{}b", char::from(b));
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{b:#x}");
        }
        for s in [
            "",
            "æøå",
            "😀\u{2028}\u{7f}",
            "\"\\\"",
            "\n\r\t\u{8}\u{c}\u{1}\u{1f}",
        ] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn null_when_there_is_no_string() {
        let mut out = Vec::new();
        push_opt_str(&mut out, None);
        push_opt_str(&mut out, Some("x"));
        assert_eq!(out, b"null\"x\"");
    }

    proptest! {
        #[test]
        fn strings_as_serde_json_writes_them(s in any::<String>(), t in "[\"\\\\\n\t\u{0}-\u{1f}a-cæ]{0,12}") {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
            prop_assert_eq!(ours(&t), serde_json::to_string(&t).unwrap());
        }
    }
}
