//! Writing the results: the score table, the JSON object, and the CSV list of errors.

use std::fmt::Write as _;
use std::io::Write;

use crate::eval::gold::{slice_chars, Sentence, Span};
use crate::eval::score::{overlaps, Alignment, Counts, Report};
use crate::label::{Label, Method};

/// Writes `report` as an aligned table: one row per label and one for the micro-average, with
/// gold, predicted and exact-match counts, precision, recall and F1, then the overlap
/// (boundary-tolerant) precision, recall and F1; then the ignored labels, the optional spans and
/// the predictions they excused (only when there are optional spans, as in DaN+), and the
/// sentence count.
pub fn write_table(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(table(report).as_bytes())
}

/// The table [`write_table`] writes.
pub fn table(report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "label", "gold", "pred", "tp", "P", "R", "F1", "ovl-P", "ovl-R", "ovl-F1"
    );
    let row = |s: &mut String, name: &str, c: &Counts| {
        let _ = writeln!(
            s,
            "{:<6} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
            name,
            c.gold,
            c.predicted,
            c.tp,
            c.precision(),
            c.recall(),
            c.f1(),
            c.overlap_precision(),
            c.overlap_recall(),
            c.overlap_f1()
        );
    };
    for l in Label::ALL {
        row(&mut s, l.as_str(), report.label(l));
    }
    row(&mut s, "micro", &report.micro());
    s.push('\n');
    if report.ignored.is_empty() {
        s.push_str("ignored gold spans: none\n");
    } else {
        let list: Vec<String> = report
            .ignored
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        let _ = writeln!(s, "ignored gold spans (not scored): {}", list.join(", "));
    }
    let optional = report.optional;
    if optional.gold > 0 {
        let _ = writeln!(
            s,
            "optional gold spans (-part, not scored): {}; predictions excused by them (not \
             counted): {}",
            optional.gold, optional.predicted_excused
        );
    }
    let _ = writeln!(s, "sentences: {}", report.sentences);
    s.push_str("exact match of start, end and label; ovl-: a prediction overlapping a gold span ");
    s.push_str("of the same label counts\n");
    s
}

/// Writes `report` as one JSON object and a newline.
pub fn write_json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, report)?;
    out.write_all(b"\n")
}

/// The header of the errors CSV.
pub const ERROR_HEADER: [&str; 10] = [
    "sent_id",
    "kind",
    "start",
    "end",
    "gold_label",
    "pred_label",
    "mention",
    "method",
    "sentence",
    "note",
];

/// Whether an error row is a false positive or a false negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mistake {
    /// A gold span no prediction matches exactly.
    FalseNegative,
    /// A prediction that matches no gold span exactly.
    FalsePositive,
}

impl Mistake {
    /// `FN` or `FP`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mistake::FalseNegative => "FN",
            Mistake::FalsePositive => "FP",
        }
    }
}

/// One row of the errors CSV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    /// The sentence's id.
    pub sent_id: String,
    /// FP or FN.
    pub kind: Mistake,
    /// Start of the span, in code points of the sentence text.
    pub start: usize,
    /// End (exclusive) of the span.
    pub end: usize,
    /// The gold label, for a false negative.
    pub gold_label: Option<Label>,
    /// The predicted label, for a false positive.
    pub pred_label: Option<Label>,
    /// The span's text.
    pub mention: String,
    /// How the prediction was found, for a false positive.
    pub method: Option<Method>,
    /// The whole sentence.
    pub sentence: String,
    /// The spans on the other side that this one overlaps, e.g. `overlaps gold LOC 3-10`;
    /// several are separated by `; `.
    pub note: String,
}

/// The false negatives and false positives of one sentence, in text order (at one start, the
/// false negative first). `pred` and `methods` are the predicted spans and how each was found,
/// less those excused by optional spans ([`Report::drop_excused`]), which are not errors.
pub fn error_rows(
    sentence: &Sentence,
    pred: &[Span],
    methods: &[Method],
    alignment: &Alignment,
) -> Vec<ErrorRow> {
    let mut rows = Vec::new();
    let text = &sentence.text;
    let row = |kind, span: &Span, note: String| ErrorRow {
        sent_id: sentence.id.clone(),
        kind,
        start: span.start,
        end: span.end,
        gold_label: (kind == Mistake::FalseNegative).then_some(span.label),
        pred_label: (kind == Mistake::FalsePositive).then_some(span.label),
        mention: slice_chars(text, span.start, span.end).to_string(),
        method: None,
        sentence: text.clone(),
        note,
    };
    for (g, span) in sentence.spans.iter().enumerate() {
        if alignment.gold_exact[g].is_some() {
            continue;
        }
        let notes: Vec<String> = pred
            .iter()
            .filter(|p| overlaps(p, span))
            .map(|p| describe("pred", p.label.as_str(), p.start, p.end, span, ""))
            .collect();
        rows.push(row(Mistake::FalseNegative, span, notes.join("; ")));
    }
    for (p, span) in pred.iter().enumerate() {
        if alignment.pred_exact[p].is_some() {
            continue;
        }
        let mut notes: Vec<String> = sentence
            .spans
            .iter()
            .filter(|g| overlaps(g, span))
            .map(|g| describe("gold", g.label.as_str(), g.start, g.end, span, ""))
            .collect();
        let others = [
            (&sentence.ignored, " (label not scored)"),
            (&sentence.optional, " (optional)"),
        ];
        for (spans, suffix) in others {
            for o in spans
                .iter()
                .filter(|o| o.start < span.end && span.start < o.end)
            {
                notes.push(describe("gold", &o.label, o.start, o.end, span, suffix));
            }
        }
        let mut r = row(Mistake::FalsePositive, span, notes.join("; "));
        r.method = methods.get(p).copied();
        rows.push(r);
    }
    rows.sort_by_key(|r| (r.start, r.kind, r.end));
    rows
}

/// `overlaps gold LOC 3-10`, or `same span as gold LOC` when the offsets are equal.
fn describe(
    side: &str,
    label: &str,
    start: usize,
    end: usize,
    this: &Span,
    suffix: &str,
) -> String {
    if (start, end) == (this.start, this.end) {
        format!("same span as {side} {label}{suffix}")
    } else {
        format!("overlaps {side} {label} {start}-{end}{suffix}")
    }
}

/// Writes the header and `rows` as CSV (RFC 4180, UTF-8).
pub fn write_errors<W: Write>(rows: &[ErrorRow], out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ERROR_HEADER)?;
    for r in rows {
        w.write_record([
            r.sent_id.as_str(),
            r.kind.as_str(),
            &r.start.to_string(),
            &r.end.to_string(),
            r.gold_label.map_or("", Label::as_str),
            r.pred_label.map_or("", Label::as_str),
            &r.mention,
            r.method.map_or("", Method::as_str),
            &r.sentence,
            &r.note,
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::OtherSpan;
    use crate::eval::score::align;

    fn sentence() -> Sentence {
        // Gold: Anne Sørensen (PER 0-13), Ærø Kommune (ORG 18-29), Tour de France (MISC 39-53).
        Sentence {
            id: "s1".into(),
            text: "Anne Sørensen fra Ærø Kommune så gerne Tour de France".into(),
            line: 1,
            spans: vec![
                Span {
                    start: 0,
                    end: 13,
                    label: Label::Per,
                },
                Span {
                    start: 18,
                    end: 29,
                    label: Label::Org,
                },
            ],
            ignored: vec![OtherSpan {
                start: 39,
                end: 53,
                label: "MISC".into(),
            }],
            optional: vec![],
        }
    }

    #[test]
    fn error_rows_list_fp_and_fn_with_notes() {
        let s = sentence();
        let pred = [
            Span {
                start: 0,
                end: 13,
                label: Label::Per,
            }, // exact
            Span {
                start: 18,
                end: 21,
                label: Label::Loc,
            }, // `Ærø`: wrong label and boundary
            Span {
                start: 47,
                end: 53,
                label: Label::Loc,
            }, // `France` inside MISC
        ];
        let methods = [Method::Gazetteer, Method::Gazetteer, Method::Pattern];
        let rows = error_rows(&s, &pred, &methods, &align(&s.spans, &pred));
        assert_eq!(rows.len(), 3);
        let fnr = &rows[0];
        assert_eq!(
            (fnr.kind, fnr.start, fnr.end),
            (Mistake::FalseNegative, 18, 29)
        );
        assert_eq!(
            (fnr.gold_label, fnr.pred_label, fnr.method),
            (Some(Label::Org), None, None)
        );
        assert_eq!(fnr.mention, "Ærø Kommune");
        assert_eq!(fnr.note, "overlaps pred LOC 18-21");
        let fp = &rows[1];
        assert_eq!(
            (fp.kind, fp.start, fp.end),
            (Mistake::FalsePositive, 18, 21)
        );
        assert_eq!((fp.gold_label, fp.pred_label), (None, Some(Label::Loc)));
        assert_eq!(fp.method, Some(Method::Gazetteer));
        assert_eq!(fp.mention, "Ærø");
        assert_eq!(fp.note, "overlaps gold ORG 18-29");
        assert_eq!(fp.sentence, s.text);
        assert_eq!(fp.sent_id, "s1");
        let misc = &rows[2];
        assert_eq!(
            (misc.mention.as_str(), misc.method),
            ("France", Some(Method::Pattern))
        );
        assert_eq!(misc.note, "overlaps gold MISC 39-53 (label not scored)");
    }

    #[test]
    fn same_span_with_another_label_says_so() {
        let s = sentence();
        let pred = [Span {
            start: 0,
            end: 13,
            label: Label::Org,
        }];
        let rows = error_rows(&s, &pred, &[Method::Alias], &align(&s.spans, &pred));
        let notes: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.kind.as_str(), r.note.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                ("FN", "same span as pred ORG"),
                ("FP", "same span as gold PER"),
                ("FN", "")
            ]
        );
    }

    #[test]
    fn a_false_positive_on_an_optional_span_says_so() {
        // `Ærø Kommune` is optional here instead of scored; a prediction across it and the scored
        // `Anne Sørensen` is still a false positive, and the note names both.
        let mut s = sentence();
        s.spans.truncate(1);
        s.optional = vec![OtherSpan {
            start: 18,
            end: 29,
            label: "ORGpart".into(),
        }];
        let pred = [Span {
            start: 5,
            end: 21,
            label: Label::Per,
        }];
        let rows = error_rows(&s, &pred, &[Method::Pattern], &align(&s.spans, &pred));
        let fp = rows
            .iter()
            .find(|r| r.kind == Mistake::FalsePositive)
            .unwrap();
        assert_eq!(
            fp.note,
            "overlaps gold PER 0-13; overlaps gold ORGpart 18-29 (optional)"
        );
    }

    #[test]
    fn table_names_optional_spans_only_when_there_are_some() {
        let mut r = Report::new();
        assert!(!table(&r).contains("optional"));
        r.optional.gold = 41;
        r.optional.predicted_excused = 7;
        let t = table(&r);
        assert!(
            t.contains(
                "optional gold spans (-part, not scored): 41; predictions excused by them (not \
                 counted): 7\n"
            ),
            "{t}"
        );
    }

    #[test]
    fn errors_csv_has_a_header_and_quotes_fields() {
        let s = Sentence {
            text: "Hun sagde: \"Køge, ja\"".into(),
            ..sentence()
        };
        let row = ErrorRow {
            sent_id: s.id.clone(),
            kind: Mistake::FalsePositive,
            start: 11,
            end: 16,
            gold_label: None,
            pred_label: Some(Label::Loc),
            mention: "\"Køge".into(),
            method: Some(Method::Gazetteer),
            sentence: s.text.clone(),
            note: String::new(),
        };
        let mut buf = Vec::new();
        write_errors(&[row], &mut buf).unwrap();
        let csv = String::from_utf8(buf).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("sent_id,kind,start,end,gold_label,pred_label,mention,method,sentence,note")
        );
        assert_eq!(
            lines.next(),
            Some(r#"s1,FP,11,16,,LOC,"""Køge",gazetteer,"Hun sagde: ""Køge, ja""","#)
        );
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn table_is_aligned_and_complete() {
        let mut r = Report::new();
        r.labels[Label::Per.index()] = Counts {
            gold: 166,
            predicted: 105,
            tp: 73,
            overlap_tp: 98,
        };
        r.labels[Label::Org.index()] = Counts {
            gold: 2,
            predicted: 0,
            tp: 0,
            overlap_tp: 0,
        };
        r.ignored.insert("MISC".into(), 12);
        r.sentences = 564;
        let t = table(&r);
        let lines: Vec<&str> = t.lines().collect();
        assert!(
            lines[0].starts_with("label    gold   pred     tp      P      R     F1"),
            "{t}"
        );
        assert!(
            lines[1].starts_with("PER       166    105     73  0.695  0.440  0.539"),
            "{t}"
        );
        assert!(
            lines[3].starts_with("ORG         2      0      0  0.000  0.000  0.000"),
            "{t}"
        );
        assert!(lines[4].starts_with("micro     168    105     73"), "{t}");
        assert!(
            lines[..5]
                .iter()
                .all(|l| l.chars().count() == lines[0].chars().count()),
            "{t}"
        );
        assert!(
            t.contains("ignored gold spans (not scored): MISC 12\n"),
            "{t}"
        );
        assert!(t.contains("sentences: 564\n"), "{t}");
        assert!(table(&Report::new()).contains("ignored gold spans: none"));
    }
}
