//! Writing the results: the score table, the JSON object, and the CSV list of errors.

use std::fmt::Write as _;
use std::io::Write;

use crate::eval::gold::{slice_chars, Sentence, Span};
use crate::eval::score::{overlaps, Alignment, Counts, Report};
use crate::label::{Label, Method};

/// Writes `report` as an aligned table: one row per label and one for the micro-average, with
/// gold, predicted and exact-match counts, precision, recall and F1, then the overlap
/// (boundary-tolerant) precision, recall and F1; then the ignored labels and sentence count.
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
        let list: Vec<String> = report.ignored.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let _ = writeln!(s, "ignored gold spans (not scored): {}", list.join(", "));
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

/// The false negatives and false positives of one sentence, in text order. `pred` and
/// `methods` are the predicted spans and how each was found.
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
        for o in &sentence.ignored {
            let other = Span { start: o.start, end: o.end, label: span.label };
            if overlaps(&other, span) {
                notes.push(describe("gold", &o.label, o.start, o.end, span, " (not scored)"));
            }
        }
        let mut r = row(Mistake::FalsePositive, span, notes.join("; "));
        r.method = methods.get(p).copied();
        rows.push(r);
    }
    rows.sort_by_key(|r| (r.start, r.end, r.kind));
    rows
}

/// `overlaps gold LOC 3-10`, or `same span as gold LOC` when the offsets are equal.
fn describe(side: &str, label: &str, start: usize, end: usize, this: &Span, suffix: &str) -> String {
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
