//! `navne eval`: precision, recall and F1 of the tagger against gold-annotated Danish text.
//!
//! Each gold sentence ([`gold`]) is tagged as its own document through
//! [`Tagger::tag_text`](crate::Tagger::tag_text) — the code path of `navne tag` — and the
//! predicted spans are scored against the gold spans ([`score`]); predictions that only touch an
//! optional gold span (DaN+ `-part`) are dropped first, as neither right nor wrong. The results
//! are written as a table or one JSON object, and the false positives and negatives as CSV
//! ([`report`]).
//!
//! ```
//! use navne::eval::{run, EvalOptions};
//! use navne::{Entry, Gazetteer, Label, Tagger};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let gold = dir.path().join("gold.iob2");
//! std::fs::write(&gold, "# sent_id = s1\n# text = Bo bor i Danmark.\n\
//!     1\tBo\tB-PER\n2\tbor\tO\n3\ti\tO\n4\tDanmark\tB-LOC\n5\t.\tO\n").unwrap();
//! let mut g = Gazetteer::new();
//! g.push(Entry { id: "dk".into(), name: "Danmark".into(), aliases: vec![],
//!                label: Label::Loc, ambiguous: false, prior: 0.0 });
//! let tagger = Tagger::new(g).unwrap();
//! let opts = EvalOptions { json: true, errors: None };
//! let mut out = Vec::new();
//! let report = run(&tagger, &[gold], &opts, &mut out).unwrap();
//! assert_eq!(report.micro().gold, 2);
//! assert_eq!(report.label(Label::Loc).tp, 1);
//! assert_eq!(report.sentences, 1);
//! let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(json["LOC"]["recall"], 1.0);
//! ```

pub mod gold;
pub mod report;
pub mod score;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::label::Method;
use crate::tagger::Tagger;

pub use gold::{parse_gold, read_gold, OtherSpan, Sentence, Span};
pub use report::{error_rows, write_errors, write_json, write_table, ErrorRow, Mistake};
pub use score::{align, excused, Alignment, Counts, Optional, Report};

/// Options of `navne eval`.
#[derive(Clone, Debug, Default)]
pub struct EvalOptions {
    /// Write one JSON object instead of the table.
    pub json: bool,
    /// Write every false positive and false negative to this CSV file.
    pub errors: Option<PathBuf>,
}

/// The spans `tagger` predicts for `sentence`, and how each was found.
///
/// Mentions of custom labels (`--gazetteer FILE:EVENT`) are left out: the gold data mark PER,
/// LOC and ORG only, so such a mention is neither right nor wrong there, and scoring it as a
/// false positive would blame the user's list for a label the gold data never use.
pub fn predict(tagger: &Tagger, sentence: &Sentence) -> (Vec<Span>, Vec<Method>) {
    tagger
        .tag_text(&sentence.text, 0)
        .into_iter()
        .filter(|m| !m.label.is_custom())
        .map(|m| {
            (
                Span {
                    start: m.start,
                    end: m.end,
                    label: m.label,
                },
                m.method,
            )
        })
        .unzip()
}

/// Reads every gold file, tags each sentence with `tagger`, writes the report to `out`
/// (a table, or one JSON object with `json`), and the error list to `opts.errors` if set.
pub fn run(
    tagger: &Tagger,
    files: &[PathBuf],
    opts: &EvalOptions,
    out: &mut dyn Write,
) -> Result<Report> {
    let mut report = Report::new();
    let mut errors = Vec::new();
    for file in files {
        let sentences = read_gold(file)?;
        let predicted: Vec<(Vec<Span>, Vec<Method>)> =
            sentences.par_iter().map(|s| predict(tagger, s)).collect();
        for (sentence, (mut pred, mut methods)) in sentences.iter().zip(predicted) {
            report.drop_excused(sentence, &mut pred, &mut methods);
            let alignment = report.add_sentence(sentence, &pred);
            if opts.errors.is_some() {
                errors.extend(error_rows(sentence, &pred, &methods, &alignment));
            }
        }
    }
    if let Some(path) = &opts.errors {
        let file = File::create(path).map_err(|e| Error::from(e).with_path(path))?;
        write_errors(&errors, BufWriter::new(file))
            .map_err(|e| Error::from(io::Error::other(e)).with_path(path))?;
    }
    if opts.json {
        write_json(&report, out)?;
    } else {
        write_table(&report, out)?;
    }
    out.flush()?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::gazetteer::{Entry, Gazetteer};
    use crate::label::Label;

    fn tagger() -> Tagger {
        let mut g = Gazetteer::new();
        for (id, name, label) in [
            ("p1", "Anne Sørensen", Label::Per),
            ("l1", "Ærø", Label::Loc),
            ("l2", "Køge", Label::Loc),
            ("o1", "Køge Boldklub", Label::Org),
        ] {
            g.push(Entry {
                id: id.into(),
                name: name.into(),
                aliases: vec![],
                label,
                ambiguous: false,
                prior: 0.0,
            });
        }
        Tagger::new(g).unwrap()
    }

    const GOLD: &str = "# sent_id = a\n# text = Anne Sørensen bor på Ærø.\n\
        1\tAnne\tB-PER\n2\tSørensen\tI-PER\n3\tbor\tO\n4\tpå\tO\n5\tÆrø\tB-LOC\n6\t.\tO\n\n\
        # sent_id = b\n# text = Køge Kommune og Køge Boldklub spiller EM\n\
        1\tKøge\tB-ORG\n2\tKommune\tI-ORG\n3\tog\tO\n4\tKøge\tB-ORG\n5\tBoldklub\tI-ORG\n\
        6\tspiller\tO\n7\tEM\tB-MISC\n";

    /// Counts of `spans` per label, as [PER, LOC, ORG].
    fn per_label(spans: impl IntoIterator<Item = Label>) -> [usize; 3] {
        let mut n = [0; 3];
        spans.into_iter().for_each(|l| n[l.index()] += 1);
        n
    }

    #[test]
    fn run_scores_writes_json_and_errors() {
        // What the tagger finds beyond the gazetteer (patterns) may change; the figures are
        // checked against its own predictions and the gold counts, which are fixed.
        let dir = tempfile::tempdir().unwrap();
        let gold = dir.path().join("gold.iob2");
        std::fs::write(&gold, GOLD).unwrap();
        let errors = dir.path().join("errors.csv");
        let opts = EvalOptions {
            json: true,
            errors: Some(errors.clone()),
        };
        let t = tagger();
        let mut out = Vec::new();
        let r = run(&t, &[gold.clone(), gold], &opts, &mut out).unwrap();

        let sentences = parse_gold(GOLD, std::path::Path::new("g")).unwrap();
        let mut want_pred = [0; 3];
        let mut want_tp = [0; 3];
        for s in &sentences {
            let (pred, _) = predict(&t, s);
            for (w, n) in want_pred
                .iter_mut()
                .zip(per_label(pred.iter().map(|p| p.label)))
            {
                *w += 2 * n;
            }
            let exact = pred.iter().filter(|p| s.spans.contains(p)).map(|p| p.label);
            for (w, n) in want_tp.iter_mut().zip(per_label(exact)) {
                *w += 2 * n;
            }
        }
        assert_eq!(r.sentences, 4);
        assert_eq!(r.labels.map(|c| c.gold), [2, 2, 4]);
        assert_eq!(r.labels.map(|c| c.predicted), want_pred);
        assert_eq!(r.labels.map(|c| c.tp), want_tp);
        // The gazetteer names `Anne Sørensen`, `Ærø` and `Køge Boldklub` are found exactly.
        assert!(
            want_tp[0] >= 2 && want_tp[1] >= 2 && want_tp[2] >= 2,
            "{want_tp:?}"
        );
        assert_eq!(r.ignored.get("MISC"), Some(&2));

        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let micro = r.micro();
        assert_eq!(v["micro"]["tp"], micro.tp);
        assert_eq!(v["micro"]["predicted"], micro.predicted);
        assert_eq!(v["micro"]["gold"], 8);
        assert_eq!(v["ORG"]["recall"], r.label(Label::Org).recall());
        assert_eq!(v["sentences"], 4);
        assert_eq!(v["ignored"]["MISC"], 2);
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);

        let mut csv = csv::Reader::from_path(&errors).unwrap();
        assert_eq!(
            csv.headers().unwrap().iter().collect::<Vec<_>>(),
            [
                "sent_id",
                "kind",
                "start",
                "end",
                "gold_label",
                "pred_label",
                "mention",
                "method"
            ]
            .into_iter()
            .chain(["sentence", "note"])
            .collect::<Vec<_>>()
        );
        let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
        let kind = |k: &str| rows.iter().filter(|r| &r[1] == k).count();
        assert_eq!(kind("FN"), micro.gold - micro.tp);
        assert_eq!(kind("FP"), micro.predicted - micro.tp);
        assert!(rows.iter().all(|r| &r[0] == "a" || &r[0] == "b"));
    }

    #[test]
    fn run_writes_a_table_by_default() {
        let dir = tempfile::tempdir().unwrap();
        let gold = dir.path().join("gold.iob2");
        std::fs::write(&gold, GOLD).unwrap();
        let mut out = Vec::new();
        run(&tagger(), &[gold], &EvalOptions::default(), &mut out).unwrap();
        let t = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with("label "), "{t}");
        assert!(lines[1].starts_with("PER         1 "), "{t}");
        assert!(lines[2].starts_with("LOC         1 "), "{t}");
        assert!(lines[3].starts_with("ORG         2 "), "{t}");
        assert!(lines[4].starts_with("micro       4 "), "{t}");
        assert!(t.contains("MISC 1"), "{t}");
        assert!(t.contains("sentences: 2"), "{t}");
    }

    /// A DaN+ file: `Køge Boldklub-fans` and `Køge Kommune-området` are optional (`-part`),
    /// `Ærø` and `Anne Sørensen` are scored.
    const DANPLUS: &str = "Køge\tB-ORGpart\tO\nBoldklub-fans\tI-ORGpart\tO\nrejser\tO\tO\n\
        til\tO\tO\nÆrø\tB-LOC\tO\n!\tO\tO\n\nAnne\tB-PER\tO\nSørensen\tI-PER\tO\nbor\tO\tO\n\
        i\tO\tO\nKøge\tB-LOCpart\tO\nKommune-området\tI-LOCpart\tO\n";

    #[test]
    fn run_drops_predictions_excused_by_optional_spans() {
        let dir = tempfile::tempdir().unwrap();
        let gold = dir.path().join("gold.tsv");
        std::fs::write(&gold, DANPLUS).unwrap();
        let errors = dir.path().join("errors.csv");
        let opts = EvalOptions {
            json: true,
            errors: Some(errors.clone()),
        };
        let t = tagger();
        let mut out = Vec::new();
        let r = run(&t, std::slice::from_ref(&gold), &opts, &mut out).unwrap();

        // The gazetteer's `Køge` is found inside both optional spans; whatever else the rules
        // add, the figures are made here from the tagger's own output.
        let sentences = read_gold(&gold).unwrap();
        assert_eq!(sentences[0].text, "Køge Boldklub-fans rejser til Ærø!");
        let (mut predicted, mut excused_n, mut tp) = (0, 0, 0);
        let mut koge = 0;
        for s in &sentences {
            let (pred, _) = predict(&t, s);
            koge += pred
                .iter()
                .filter(|p| gold::slice_chars(&s.text, p.start, p.end).starts_with("Køge"))
                .count();
            let n = pred.iter().filter(|p| excused(s, p)).count();
            excused_n += n;
            predicted += pred.len() - n;
            tp += pred.iter().filter(|p| s.spans.contains(p)).count();
        }
        assert_eq!(koge, 2, "a Køge name is found in both optional spans");
        assert!(excused_n >= 2);
        assert_eq!(
            r.optional,
            Optional {
                gold: 2,
                predicted_excused: excused_n
            }
        );
        let micro = r.micro();
        assert_eq!((micro.gold, micro.predicted, micro.tp), (2, predicted, tp));
        assert_eq!(tp, 2, "Ærø and Anne Sørensen are found exactly");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["optional"]["gold"], 2);
        assert_eq!(v["optional"]["predicted_excused"], excused_n);

        // The errors list holds the false positives that are left, not the excused ones.
        let rows: Vec<csv::StringRecord> = csv::Reader::from_path(&errors)
            .unwrap()
            .records()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(
            rows.len(),
            micro.predicted - micro.tp + micro.gold - micro.tp
        );
        assert!(rows.iter().all(|r| !r[6].starts_with("Køge")), "{rows:?}");
    }

    #[test]
    fn run_stops_at_a_bad_danplus_line_naming_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let gold = dir.path().join("bad.tsv");
        std::fs::write(&gold, "Bo\tB-PER\tO\nbor\tO\n").unwrap();
        let mut out = Vec::new();
        let files = [gold.clone()];
        let e = run(&tagger(), &files, &EvalOptions::default(), &mut out).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Gold(_)));
        assert_eq!((e.path(), e.line()), (Some(gold.as_path()), Some(2)));
        assert!(
            e.to_string().ends_with(
                "2 tab-separated column(s); expected 3 in a DaN+ file (token, tag, nested tag)"
            ),
            "{e}"
        );
        assert!(out.is_empty());
    }

    #[test]
    fn run_stops_at_bad_gold_naming_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let gold = dir.path().join("bad.iob2");
        std::fs::write(
            &gold,
            "# text = Bo i Køge\n1\tBo\tB-PER\n2\ti\tO\n3\tKøge\tLOC\n",
        )
        .unwrap();
        let mut out = Vec::new();
        let files = [gold.clone()];
        let e = run(&tagger(), &files, &EvalOptions::default(), &mut out).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Gold(_)));
        assert_eq!((e.path(), e.line()), (Some(gold.as_path()), Some(4)));
        assert!(out.is_empty());
    }

    #[test]
    fn predictions_come_from_tag_text() {
        let t = tagger();
        let s = &parse_gold(GOLD, std::path::Path::new("g")).unwrap()[1];
        let (pred, methods) = predict(&t, s);
        let direct = t.tag_text(&s.text, 0);
        assert_eq!(pred.len(), direct.len());
        for ((p, m), d) in pred.iter().zip(&methods).zip(&direct) {
            assert_eq!(
                (p.start, p.end, p.label, *m),
                (d.start, d.end, d.label, d.method)
            );
        }
    }
}
