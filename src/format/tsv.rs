//! The `tsv` format: one tab-separated row per mention, LF line ends, no header; the key,
//! `doc_id`, first, as Hadoop streaming splits a line into key and value at the first tab.
//!
//! ```text
//! a1→2024-03-05→2→11→København→LOC→geonames:2618425→København→gazetteer
//! ```
//!
//! (each `→` a tab).
//!
//! The columns are the CSV's, in the CSV's order. A missing date or entity id is an empty
//! field. Inside a field a backslash is written `\\`, a tab `\t`, a line feed `\n` and a
//! carriage return `\r`, so that every row is one line of exactly nine fields; no other byte
//! is changed, and there is no quoting (a `"` is an ordinary character).

use crate::document::Document;
use crate::format::decimal::push_uint;
use crate::format::{EntryFields, Format};
use crate::matcher::Matcher;
use crate::mention::Mention;

/// The `tsv` format.
#[derive(Clone, Debug)]
pub struct Tsv {
    /// `entity_id TAB canonical` of every entry.
    entries: EntryFields,
}

impl Tsv {
    /// Rows of mentions found by `matcher`.
    pub fn new(matcher: &Matcher) -> Tsv {
        Tsv {
            entries: EntryFields::new(matcher, |out, entry| {
                push_field(out, &entry.id);
                out.push(b'\t');
                push_field(out, &entry.name);
            }),
        }
    }
}

impl Format for Tsv {
    fn document(&self, doc: &Document, mentions: &[Mention], out: &mut Vec<u8>) {
        if mentions.is_empty() {
            return;
        }
        // `doc_id TAB date TAB` is the same in every row of the document: rendered once and
        // copied into the others.
        let start = out.len();
        push_field(out, &doc.id);
        out.push(b'\t');
        push_field(out, doc.date.as_deref().unwrap_or(""));
        out.push(b'\t');
        let prefix = start..out.len();
        for (k, m) in mentions.iter().enumerate() {
            let text = m.text(&doc.text);
            if k > 0 {
                out.extend_from_within(prefix.clone());
            }
            push_uint(out, m.start);
            out.push(b'\t');
            push_uint(out, m.end);
            out.push(b'\t');
            push_field(out, text);
            out.push(b'\t');
            out.extend_from_slice(self.entries.label(m.label));
            out.push(b'\t');
            match m.entry {
                Some(id) => out.extend_from_slice(self.entries.get(id)),
                None => {
                    out.push(b'\t');
                    push_field(out, m.canonical.as_deref().unwrap_or(text));
                }
            }
            out.push(b'\t');
            out.extend_from_slice(m.method.as_str().as_bytes());
            out.push(b'\n');
        }
    }
}

/// Appends `field` with `\`, tab, LF and CR escaped.
fn push_field(out: &mut Vec<u8>, field: &str) {
    let bytes = field.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'\\' => b'\\',
            b'\t' => b't',
            b'\n' => b'n',
            b'\r' => b'r',
            _ => continue,
        };
        out.extend_from_slice(&bytes[plain..i]);
        out.extend_from_slice(&[b'\\', escape]);
        plain = i + 1;
    }
    out.extend_from_slice(&bytes[plain..]);
}

/// Reads back a field [`push_field`] wrote: the inverse of the escaping, for tests and as
/// the reference for readers of the format.
#[cfg(test)]
pub(crate) fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('\\') => '\\',
            other => panic!("bad escape \\{other:?} in {field:?}"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::format::sample::sample;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        push_field(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes() {
        assert_eq!(escaped("a\tb\nc\rd\\e\"f,g"), "a\\tb\\nc\\rd\\\\e\"f,g");
        assert_eq!(
            escaped("\\t"),
            "\\\\t",
            "a backslash before a t stays two characters"
        );
        assert_eq!(escaped(""), "");
    }

    #[test]
    fn rows_of_nine_fields_key_first() {
        let (matcher, doc, mentions) = sample(None);
        let format = Tsv::new(&matcher);
        let mut out = Vec::new();
        format.header(&mut out);
        assert!(out.is_empty(), "no header");
        format.document(&doc, &mentions, &mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "d\\t1,\"x\"\\\\\t\t0\t10\tPer\\tHansen\tPER\t\tPer\\tHansen\tpattern\n\
             d\\t1,\"x\"\\\\\t\t14\t19\tÅrhus\tLOC\tgeo:\"1\"\tAarhus\\tC\tgazetteer\n\
             d\\t1,\"x\"\\\\\t\t24\t27\tIb\\\\\tPER\t\tIb\\nJensen\talias\n"
        );
        for (line, m) in text.lines().zip(&mentions) {
            let fields: Vec<String> = line.split('\t').map(unescape).collect();
            assert_eq!(fields.len(), 9);
            assert_eq!(fields[0], doc.id);
            assert_eq!(fields[4], m.text(&doc.text));
        }
    }

    proptest! {
        #[test]
        fn escaping_is_undone_by_unescape(s in "[a\\\\tn\t\n\r\"æ]{0,16}", any in any::<String>()) {
            for s in [s, any] {
                let e = escaped(&s);
                prop_assert!(!e.contains(['\t', '\n', '\r']));
                prop_assert_eq!(unescape(&e), s);
            }
        }
    }
}
