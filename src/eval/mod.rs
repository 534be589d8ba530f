//! `navne eval`: precision, recall and F1 of the tagger against gold-annotated Danish text.
//!
//! Each gold sentence ([`gold`]) is tagged as its own document through
//! [`Tagger::tag_text`](crate::Tagger::tag_text) — the code path of `navne tag` — and the
//! predicted spans are scored against the gold spans ([`score`]). The results are written as a
//! table or one JSON object, and the false positives and negatives as CSV ([`report`]).
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
//! assert_eq!(report.micro().tp, 1);
//! assert_eq!(report.micro().gold, 2);
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
pub use score::{align, Alignment, Counts, Report};

/// Options of `navne eval`.
#[derive(Clone, Debug, Default)]
pub struct EvalOptions {
    /// Write one JSON object instead of the table.
    pub json: bool,
    /// Write every false positive and false negative to this CSV file.
    pub errors: Option<PathBuf>,
}

/// The spans `tagger` predicts for `sentence`, and how each was found.
pub fn predict(tagger: &Tagger, sentence: &Sentence) -> (Vec<Span>, Vec<Method>) {
    tagger
        .tag_text(&sentence.text, 0)
        .into_iter()
        .map(|m| (Span { start: m.start, end: m.end, label: m.label }, m.method))
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
        for (sentence, (pred, methods)) in sentences.iter().zip(&predicted) {
            let alignment = report.add_sentence(sentence, pred);
            if opts.errors.is_some() {
                errors.extend(error_rows(sentence, pred, methods, &alignment));
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
