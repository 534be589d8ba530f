//! The `jsonl` format: one JSON object per mention, one per line (LF), no header.
//!
//! ```text
//! {"doc_id":"a1","date":"2024-03-05","start":2,"end":11,"mention":"København","label":"LOC","entity_id":"geonames:2618425","canonical":"København","method":"gazetteer"}
//! ```
//!
//! The members are the CSV's columns, in the CSV's order. `start` and `end` are numbers (code
//! points, as in the CSV); `date` is `null` for a document with no date and `entity_id` is
//! `null` for a mention with no gazetteer entry; every other member is a string. `doc_id` is
//! a string even when the input's id was a JSON number (its digits as written). Strings are
//! UTF-8 with only `"`, `\` and control characters escaped, as `serde_json` writes them.

use crate::document::Document;
use crate::format::json::{push_mention, push_opt_str, push_str, EntryMembers};
use crate::format::Format;
use crate::matcher::Matcher;
use crate::mention::Mention;

/// The `jsonl` format.
#[derive(Clone, Debug)]
pub struct Jsonl {
    entries: EntryMembers,
}

impl Jsonl {
    /// Lines of mentions found by `matcher`.
    pub fn new(matcher: &Matcher) -> Jsonl {
        Jsonl {
            entries: EntryMembers::new(matcher),
        }
    }
}

impl Format for Jsonl {
    fn document(&self, doc: &Document, mentions: &[Mention], out: &mut Vec<u8>) {
        if mentions.is_empty() {
            return;
        }
        // `{"doc_id":…,"date":…,` is the same in every line of the document: rendered once,
        // as the start of the first line, and copied from there into the others.
        let start = out.len();
        out.extend_from_slice(b"{\"doc_id\":");
        push_str(out, &doc.id);
        out.extend_from_slice(b",\"date\":");
        push_opt_str(out, doc.date.as_deref());
        out.push(b',');
        let prefix = start..out.len();
        for (k, m) in mentions.iter().enumerate() {
            if k > 0 {
                out.extend_from_within(prefix.clone());
            }
            push_mention(out, doc, m, &self.entries);
            out.extend_from_slice(b"}\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::format::sample::{json_lines, sample};

    fn lines(date: Option<&str>) -> Vec<Value> {
        let (matcher, doc, mentions) = sample(date);
        let format = Jsonl::new(&matcher);
        let mut out = Vec::new();
        format.header(&mut out);
        assert!(out.is_empty(), "no header");
        format.document(&doc, &mentions, &mut out);
        json_lines(out)
    }

    #[test]
    fn one_object_per_mention_with_the_csv_columns() {
        let id = "d\t1,\"x\"\\";
        assert_eq!(
            lines(Some("2024-03")),
            [
                json!({"doc_id": id, "date": "2024-03", "start": 0, "end": 10,
                       "mention": "Per\tHansen", "label": "PER", "entity_id": null,
                       "canonical": "Per\tHansen", "method": "pattern"}),
                json!({"doc_id": id, "date": "2024-03", "start": 14, "end": 19,
                       "mention": "Århus", "label": "LOC", "entity_id": "geo:\"1\"",
                       "canonical": "Aarhus\tC", "method": "gazetteer"}),
                json!({"doc_id": id, "date": "2024-03", "start": 24, "end": 27,
                       "mention": "Ib\\", "label": "PER", "entity_id": null,
                       "canonical": "Ib\nJensen", "method": "alias"}),
            ]
        );
    }

    #[test]
    fn keys_in_the_csv_column_order() {
        let (matcher, doc, mentions) = sample(None);
        let mut out = Vec::new();
        Jsonl::new(&matcher).document(&doc, &mentions[..1], &mut out);
        let line = String::from_utf8(out).unwrap();
        let mut at = 0;
        for key in crate::format::csv::HEADER {
            let found = line[at..].find(&format!("\"{key}\":")).expect(key);
            at += found;
        }
        assert!(line.contains("\"date\":null"), "{line}");
    }

    #[test]
    fn no_mentions_no_lines() {
        let (matcher, doc, _) = sample(None);
        let mut out = Vec::new();
        Jsonl::new(&matcher).document(&doc, &[], &mut out);
        assert!(out.is_empty());
    }
}
