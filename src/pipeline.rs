//! The pipeline: read a chunk of units, tag it in parallel, write it in order, repeat.
//!
//! Memory grows with the chunk, never with the corpus. While one chunk is tagged, the chunk
//! before it is written and the next one read, so reading (and decompressing) and writing
//! overlap tagging. Output is byte-identical whatever the
//! number of threads, because rows are rendered per document and written in input order.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::corpus::{Fields, Unit, Units};
use crate::error::Error;
use crate::label::Label;
use crate::rows::RowWriter;
use crate::tagger::Tagger;

/// What one run did, for the summary line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Documents tagged.
    pub documents: u64,
    /// Bytes of document text tagged (UTF-8).
    pub bytes: u64,
    /// Mentions written, per label in [`Label::ALL`] order.
    pub mentions: [u64; 3],
    /// Documents that could not be read and were skipped.
    pub skipped: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// All mentions written.
    pub fn total_mentions(&self) -> u64 {
        self.mentions.iter().sum()
    }

    /// Throughput in MB (10^6 bytes) of text per second.
    pub fn mb_per_s(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents, {:.1} MB, {} mentions (",
            self.documents,
            self.bytes as f64 / 1e6,
            self.total_mentions()
        )?;
        for (i, l) in Label::ALL.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{l} {}", self.mentions[l.index()])?;
        }
        write!(
            f,
            "), {} skipped, {:.2} s, {:.1} MB/s",
            self.skipped,
            self.elapsed.as_secs_f64(),
            self.mb_per_s()
        )
    }
}

/// The result of one unit.
enum Outcome {
    Tagged {
        rows: Vec<u8>,
        counts: [u64; 3],
        bytes: u64,
        input: u64,
    },
    Skipped(Error),
}

/// Writes the rows of tagged units in order, reports the skipped ones, and counts both.
fn write_outcomes<W: Write>(
    outcomes: Vec<Outcome>,
    out: &mut W,
    summary: &mut Summary,
    progress: &ProgressBar,
    on_skip: &mut impl FnMut(&Error),
) -> io::Result<()> {
    for outcome in outcomes {
        match outcome {
            Outcome::Tagged {
                rows,
                counts,
                bytes,
                input,
            } => {
                out.write_all(&rows)?;
                summary.documents += 1;
                summary.bytes += bytes;
                for (total, n) in summary.mentions.iter_mut().zip(counts) {
                    *total += n;
                }
                progress.inc(input);
            }
            Outcome::Skipped(e) => {
                summary.skipped += 1;
                on_skip(&e);
            }
        }
    }
    progress.set_message(format!("{} documents", summary.documents));
    Ok(())
}

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct Pipeline<'t> {
    tagger: &'t Tagger,
    fields: Fields,
    chunk_units: usize,
    chunk_bytes: usize,
}

impl<'t> Pipeline<'t> {
    /// A pipeline over `tagger` with the default chunk size (4096 units or 8 MB).
    pub fn new(tagger: &'t Tagger, fields: Fields) -> Pipeline<'t> {
        Pipeline {
            tagger,
            fields,
            chunk_units: 4096,
            chunk_bytes: 8 << 20,
        }
    }

    /// Sets the chunk size: a chunk closes at `units` units or about `bytes` bytes.
    pub fn chunk_size(mut self, units: usize, bytes: usize) -> Pipeline<'t> {
        self.chunk_units = units.max(1);
        self.chunk_bytes = bytes.max(1);
        self
    }

    /// Tags every unit of `units` and writes the rows, header first, to `out`.
    ///
    /// Each document that cannot be read is passed to `on_skip` and counted; the others are
    /// tagged. Only a failure to write `out` ends the run early. Runs on the current rayon
    /// pool (use `ThreadPool::install` to choose the number of threads).
    pub fn run<W: Write + Send>(
        &self,
        mut units: Units,
        out: &mut W,
        progress: &ProgressBar,
        mut on_skip: impl FnMut(&Error) + Send,
    ) -> io::Result<Summary> {
        let started = Instant::now();
        let mut summary = Summary::default();
        out.write_all(&RowWriter::header())?;
        let mut chunk = self.read_chunk(&mut units);
        let mut done: Vec<Outcome> = Vec::new();
        // While one chunk is tagged, the one before it is written and the next one read, so
        // that only tagging is on the critical path.
        while !chunk.is_empty() {
            let ((written, next), outcomes) = rayon::join(
                || {
                    let written = write_outcomes(done, out, &mut summary, progress, &mut on_skip);
                    (written, self.read_chunk(&mut units))
                },
                || self.tag_chunk(chunk),
            );
            written?;
            done = outcomes;
            chunk = next;
        }
        write_outcomes(done, out, &mut summary, progress, &mut on_skip)?;
        out.flush()?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    fn read_chunk(&self, units: &mut Units) -> Vec<Unit> {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while chunk.len() < self.chunk_units && bytes < self.chunk_bytes {
            match units.next() {
                Some(u) => {
                    bytes += u.size_hint();
                    chunk.push(u);
                }
                None => break,
            }
        }
        chunk
    }

    fn tag_chunk(&self, chunk: Vec<Unit>) -> Vec<Outcome> {
        chunk.into_par_iter().map(|u| self.tag_unit(u)).collect()
    }

    fn tag_unit(&self, unit: Unit) -> Outcome {
        let input = unit.input_bytes();
        let doc = match unit.load(&self.fields) {
            Ok(doc) => doc,
            Err(e) => return Outcome::Skipped(e),
        };
        let mentions = self.tagger.tag(&doc);
        let mut counts = [0u64; 3];
        for m in &mentions {
            counts[m.label.index()] += 1;
        }
        let mut rows = RowWriter::new();
        rows.write_mentions(&doc, &mentions, self.tagger.matcher());
        Outcome::Tagged {
            rows: rows.into_bytes(),
            counts,
            bytes: doc.text.len() as u64,
            input,
        }
    }
}
