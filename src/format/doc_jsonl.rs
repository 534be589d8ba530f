//! The `doc-jsonl` format: one JSON object per document, one per line (LF), with its mentions;
//! what a stream mapper (Spark `rdd.pipe`, Hadoop streaming, Dask, Ray) needs, one line out
//! for each line in.
//!
//! ```text
//! {"doc_id":"a1","date":"2024-03-05","mentions":[{"start":2,"end":11,"mention":"København","label":"LOC","entity_id":"geonames:2618425","canonical":"København","method":"gazetteer"}]}
//! {"doc_id":"a2","date":null,"mentions":[]}
//! ```
//!
//! Every document gets its line, in input order, those with no mentions included
//! (`"mentions":[]`). The mentions' members are those of the [`jsonl`](super::jsonl) format
//! less `doc_id` and `date`, which the document's object holds once.
//!
//! A unit of input that could not be read (a line that is not JSON, a bad date, a document
//! over `--max-doc-mb`) gets a line too, so that output line N still answers input line N
//! (blank input lines, which are no documents, excepted): `doc_id` and `date` are `null`,
//! `mentions` is empty, and `error` says what was wrong, with the file and line, as the report
//! on stderr does:
//!
//! ```text
//! {"doc_id":null,"date":null,"mentions":[],"error":"<stdin>:7: bad JSON line: EOF while parsing a string at line 1 column 12"}
//! ```

use crate::document::Document;
use crate::error::Error;
use crate::format::json::{push_mention, push_opt_str, push_str, EntryMembers};
use crate::format::Format;
use crate::matcher::Matcher;
use crate::mention::Mention;

/// The `doc-jsonl` format.
#[derive(Clone, Debug)]
pub struct DocJsonl {
    entries: EntryMembers,
}

impl DocJsonl {
    /// Lines of documents whose mentions `matcher` found.
    pub fn new(matcher: &Matcher) -> DocJsonl {
        DocJsonl {
            entries: EntryMembers::new(matcher),
        }
    }
}

impl Format for DocJsonl {
    fn document(&self, doc: &Document, mentions: &[Mention], out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"doc_id\":");
        push_str(out, &doc.id);
        out.extend_from_slice(b",\"date\":");
        push_opt_str(out, doc.date.as_deref());
        out.extend_from_slice(b",\"mentions\":[");
        for (k, m) in mentions.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.push(b'{');
            push_mention(out, doc, m, &self.entries);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}\n");
    }

    fn skipped(&self, error: &Error, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"doc_id\":null,\"date\":null,\"mentions\":[],\"error\":");
        push_str(out, &error.to_string());
        out.extend_from_slice(b"}\n");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::error::ErrorKind;
    use crate::format::sample::{json_lines, sample};

    #[test]
    fn one_line_per_document_with_its_mentions() {
        let (matcher, doc, mentions) = sample(Some("2024-03-05"));
        let format = DocJsonl::new(&matcher);
        let mut out = Vec::new();
        format.header(&mut out);
        assert!(out.is_empty(), "no header");
        format.document(&doc, &mentions, &mut out);
        format.document(&doc, &[], &mut out);
        let lines = json_lines(out);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["doc_id"], json!(doc.id));
        assert_eq!(lines[0]["date"], json!("2024-03-05"));
        assert_eq!(
            lines[0]["mentions"][1],
            json!({"start": 14, "end": 19, "mention": "Århus", "label": "LOC",
                   "entity_id": "geo:\"1\"", "canonical": "Aarhus\tC", "method": "gazetteer"})
        );
        let texts: Vec<&str> = lines[0]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["mention"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["Per\tHansen", "Århus", "Ib\\"]);
        assert_eq!(lines[1]["mentions"], json!([]));
        assert!(lines[0].get("error").is_none());
    }

    #[test]
    fn an_unreadable_unit_gets_a_line_with_its_error() {
        let (matcher, _, _) = sample(None);
        let mut out = Vec::new();
        let error = Error::new(ErrorKind::Json("EOF \"here\"".into()))
            .with_path("<stdin>")
            .with_line(7);
        DocJsonl::new(&matcher).skipped(&error, &mut out);
        assert_eq!(
            json_lines(out),
            [json!({"doc_id": null, "date": null, "mentions": [],
                    "error": "<stdin>:7: bad JSON line: EOF \"here\""})]
        );
    }
}
