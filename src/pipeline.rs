//! The pipeline: read units in batches, tag the batches in parallel, write them in input order.
//!
//! One thread reads batches and hands them to the rayon pool, keeping at most a few per
//! thread in flight, and writes each tagged batch as soon as every batch before it is
//! written; when it has nothing to read or write it tags batches too. There is no step at
//! which every thread waits for the slowest, so two threads stay busy to the end of the
//! input. Memory grows with the batch size and the number of threads, never with the corpus:
//! a batch closes at about 512 KB of input (a larger document is a batch of its own), and
//! beyond one batch per thread no more batches are read while those in flight stand for more
//! than their usual share of bytes, so a run of huge documents does not queue up in memory.
//! The buffers of tagged documents go back with their batch to the reading thread, which reads
//! the next JSON lines into them ([`Units::recycle`], at most 8 MB kept): freed on the thread
//! that tagged them, each was taken back from the reading thread's heap, and two threads ran
//! 1.78 times as fast as one on JSON Lines rather than 1.94 (`benches/throughput.sh`).
//! Output is byte-identical whatever the number of threads, because the output
//! [`Format`] renders each batch on the thread that tagged it and batches are written in input
//! order. Each batch is flushed as it is written, so that a reader of a pipe (a stream mapper's
//! engine) gets the rows of a batch as soon as they are ready, not when a buffer fills or the
//! input ends.
//!
//! Nor does a batch wait for input that pauses. Live input (standard input, a named pipe: see
//! [`crate::corpus`]) may stop for a while without ending, as when a co-process writes one
//! line and waits for its answer: a batch of it also closes [`PAUSE`] after its first unit
//! came, full or not, and while batches are in flight the reading thread takes only the input
//! that is there, and otherwise writes them. So every line's answer is written about
//! [`PAUSE`] after the line came, plus the time to tag it. Files never pause and are batched
//! by size alone. Where batches close changes nothing in the output, which is the same bytes
//! however the input came.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::panic::AssertUnwindSafe;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rayon::Yield;

use crate::corpus::{Fields, Next, Unit, Units, SPARE_ROOM};
use crate::error::Error;
use crate::format::{Format, OutputFormat};
use crate::label::Label;
use crate::tagger::Tagger;

/// How long a batch of live input waits for more units after its first: the most a line's
/// answer waits for lines after it, when the input pauses.
pub const PAUSE: Duration = Duration::from_millis(50);

/// What one run did, for the summary line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Documents tagged.
    pub documents: u64,
    /// Bytes of document text tagged (UTF-8).
    pub bytes: u64,
    /// Mentions written, per label in [`Label::ALL`] order.
    pub mentions: [u64; 3],
    /// Mentions written of each custom label of the gazetteers (`--gazetteer FILE:EVENT`), by
    /// name, in the labels' order ([`crate::LabelNames`]); empty when none is loaded, so the
    /// summary line of the PER, LOC and ORG lists alone keeps its shape.
    pub custom: Vec<(String, u64)>,
    /// Documents that could not be read and were skipped.
    pub skipped: u64,
    /// Bytes of input read, for progress: a JSON line's bytes with its newline, a text
    /// file's text (its size once read, not the `.gz` it came from).
    pub input_bytes: u64,
    /// Wall-clock time of the run (so far, while it runs).
    pub elapsed: Duration,
}

impl Summary {
    /// All mentions written.
    pub fn total_mentions(&self) -> u64 {
        self.mentions.iter().sum::<u64>() + self.custom.iter().map(|(_, n)| n).sum::<u64>()
    }

    /// Counts `label` once: at its place in [`Summary::mentions`], or for a custom label in
    /// [`Summary::custom`], which must have been set up with the names of the labels.
    fn add_mention(&mut self, label: Label) {
        match label {
            Label::Custom(n) => self.custom[n as usize].1 += 1,
            builtin => self.mentions[builtin.index()] += 1,
        }
    }

    /// An empty summary that counts the custom labels of `labels`.
    fn for_labels(labels: &crate::LabelNames) -> Summary {
        Summary {
            custom: labels.custom().map(|(_, n)| (n.to_string(), 0)).collect(),
            ..Summary::default()
        }
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
        for (l, n) in Label::ALL.iter().zip(self.mentions) {
            let sep = if *l == Label::Per { "" } else { ", " };
            write!(f, "{sep}{l} {n}")?;
        }
        for (name, n) in &self.custom {
            write!(f, ", {name} {n}")?;
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

/// What tagging one batch of units gave: the output of its units in unit order, what they
/// counted, and the units that could not be read, in order.
#[derive(Debug, Default)]
struct Tagged {
    output: Vec<u8>,
    documents: u64,
    bytes: u64,
    /// Mentions per label, counted as [`Summary`] counts them.
    mentions: Summary,
    /// Bytes of input the batch stood for, for progress.
    input: u64,
    skipped: Vec<Error>,
    /// The documents' texts, done with, for the reader's next lines ([`Units::recycle`]).
    spare: Vec<Vec<u8>>,
}

/// A batch's result as a worker hands it back: tagged, or the panic that stopped it, to be
/// raised again on the thread that runs the pipeline.
type Finished = std::thread::Result<Tagged>;

/// Batches tagged out of order, held until every batch before them is written.
struct InOrder {
    /// The number of the next batch to write.
    next: u64,
    /// Batches `next`, `next + 1`, …: `None` where one is still being tagged.
    waiting: VecDeque<Option<Finished>>,
}

impl InOrder {
    fn new() -> InOrder {
        InOrder {
            next: 0,
            waiting: VecDeque::new(),
        }
    }

    /// Keeps the result of batch `seq`, which is at or after [`InOrder::next`].
    fn put(&mut self, seq: u64, finished: Finished) {
        let at = usize::try_from(seq - self.next).expect("at most a few batches wait");
        if self.waiting.len() <= at {
            self.waiting.resize_with(at + 1, || None);
        }
        self.waiting[at] = Some(finished);
    }

    /// The result of batch [`InOrder::next`] if it is in, moving on to the batch after it.
    fn take_next(&mut self) -> Option<Finished> {
        let finished = self.waiting.front_mut()?.take()?;
        self.waiting.pop_front();
        self.next += 1;
        Some(finished)
    }
}

/// Adds a written batch to `summary` and reports its skipped units.
fn count(tagged: Tagged, summary: &mut Summary, on_skip: &mut impl FnMut(&Error)) {
    summary.documents += tagged.documents;
    summary.bytes += tagged.bytes;
    for (total, n) in summary.mentions.iter_mut().zip(tagged.mentions.mentions) {
        *total += n;
    }
    for ((_, total), (_, n)) in summary.custom.iter_mut().zip(tagged.mentions.custom) {
        *total += n;
    }
    summary.skipped += tagged.skipped.len() as u64;
    summary.input_bytes += tagged.input;
    for e in &tagged.skipped {
        on_skip(e);
    }
}

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct Pipeline<'t> {
    tagger: &'t Tagger,
    /// How the mentions are written.
    format: Arc<dyn Format>,
    fields: Fields,
    batch_units: usize,
    batch_bytes: usize,
    batches_per_thread: usize,
}

impl<'t> Pipeline<'t> {
    /// A pipeline over `tagger` with the default batch size (256 units or about 512 KB), at
    /// most four batches per thread in flight, writing CSV with a header row.
    pub fn new(tagger: &'t Tagger, fields: Fields) -> Pipeline<'t> {
        Pipeline {
            tagger,
            format: OutputFormat::Csv.build(tagger.matcher(), true),
            fields,
            batch_units: 256,
            batch_bytes: 512 << 10,
            batches_per_thread: 4,
        }
    }

    /// Sets the output format, such as one of [`OutputFormat::build`] for this pipeline's
    /// tagger's matcher (a format that renders gazetteer mentions must have been built for
    /// the matcher that finds them).
    pub fn format(mut self, format: Arc<dyn Format>) -> Pipeline<'t> {
        self.format = format;
        self
    }

    /// Sets the batch size: a batch closes at `units` units or about `bytes` bytes.
    pub fn batch_size(mut self, units: usize, bytes: usize) -> Pipeline<'t> {
        self.batch_units = units.max(1);
        self.batch_bytes = bytes.max(1);
        self
    }

    /// Sets how many batches per thread may be read but not yet written: the bound on
    /// memory, besides the batch size.
    pub fn batches_per_thread(mut self, n: usize) -> Pipeline<'t> {
        self.batches_per_thread = n.max(1);
        self
    }

    /// Tags every unit of `units` and writes them in the pipeline's format, header first, to
    /// `out`, through the format's [`BatchWriter`](crate::format::BatchWriter): each batch
    /// flushed as it is written, for the line-oriented formats.
    ///
    /// Each document that cannot be read is passed to `on_skip`, in input order, and counted;
    /// the others are tagged. After each batch is written, `on_progress` gets the summary so
    /// far (`elapsed` included), on the calling thread: where a progress bar or log line is
    /// drawn. Only a failure to write `out` ends the run early. Runs on the current rayon pool
    /// (use `ThreadPool::install` to choose the number of threads).
    ///
    /// The calling thread reads batches of units and hands them to the pool, and writes the
    /// tagged batches in input order as they come back; while it has nothing to read or
    /// write it tags batches itself. No batch waits for another to start, so the threads
    /// stay busy to the end of the input.
    // Never inlined: it runs once per corpus, and `benches/layers.sh` counts the instructions
    // of a run under this name.
    #[inline(never)]
    pub fn run<W: Write + Send>(
        &self,
        mut units: Units,
        out: &mut W,
        mut on_progress: impl FnMut(&Summary) + Send,
        mut on_skip: impl FnMut(&Error) + Send,
    ) -> io::Result<Summary> {
        let started = Instant::now();
        let mut summary = Summary::for_labels(self.tagger.matcher().labels());
        let mut header = Vec::new();
        self.format.header(&mut header);
        out.write_all(&header)?;
        let mut writer = self.format.writer(out)?;
        let threads = rayon::current_num_threads() as u64;
        let limit = self.batches_per_thread as u64 * threads;
        // Bytes (by the units' size hints) of the batches read and not yet written, oldest
        // first: past `budget`, only a thread with no batch of its own gets another.
        let mut in_flight: VecDeque<usize> = VecDeque::new();
        let budget = self.batch_bytes.saturating_mul(limit as usize);
        let (done, finished) = mpsc::channel::<(u64, Finished)>();
        let mut in_order = InOrder::new();
        // Batches handed to the pool so far; those from `in_order.next` on are not written.
        let mut sent = 0u64;
        let mut read_all = false;
        rayon::in_place_scope_fifo(|scope| {
            loop {
                while let Some(tagged) = in_order.take_next() {
                    let mut tagged =
                        tagged.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    writer.batch(std::mem::take(&mut tagged.output))?;
                    units.recycle(std::mem::take(&mut tagged.spare));
                    count(tagged, &mut summary, &mut on_skip);
                    summary.elapsed = started.elapsed();
                    on_progress(&summary);
                    in_flight.pop_front();
                }
                while !read_all
                    && sent - in_order.next < limit
                    && (sent - in_order.next < threads || in_flight.iter().sum::<usize>() < budget)
                {
                    // With every batch written, wait for input as long as it takes; with some
                    // in flight, take only what live input has now, and write them meanwhile.
                    let (batch, ended) = self.read_batch(&mut units, sent == in_order.next);
                    read_all = ended;
                    if batch.is_empty() {
                        break;
                    }
                    in_flight.push_back(batch.iter().map(Unit::size_hint).sum());
                    let (seq, done) = (sent, done.clone());
                    scope.spawn_fifo(move |_| {
                        let tagged =
                            std::panic::catch_unwind(AssertUnwindSafe(|| self.tag_batch(batch)));
                        // The receiver lives until every batch is in.
                        let _ = done.send((seq, tagged));
                    });
                    sent += 1;
                }
                if in_order.next == sent {
                    // Nothing in flight: the last read waited, so the input is all read.
                    debug_assert!(read_all);
                    break;
                }
                // Nothing to write or read: take what came back, or tag a batch here, or
                // wait for one.
                let (seq, tagged) = match finished.try_recv() {
                    Ok(f) => f,
                    Err(_) => match rayon::yield_now() {
                        Some(Yield::Executed) => continue,
                        _ => finished.recv().expect("a sender is held here"),
                    },
                };
                in_order.put(seq, tagged);
                while let Ok((seq, tagged)) = finished.try_recv() {
                    in_order.put(seq, tagged);
                }
            }
            io::Result::Ok(())
        })?;
        writer.finish()?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// The next units, up to the batch size in units or (by their size hints) bytes, and
    /// whether the input is all read. Live input is waited for, for the first unit, as long as
    /// it takes when `wait` is set, else not at all; for the others, until [`PAUSE`] after the
    /// first came. Files are read as they come.
    fn read_batch(&self, units: &mut Units, wait: bool) -> (Vec<Unit>, bool) {
        // Room for a full batch of units, which most batches of a file are (about 512 KB
        // makes more than 256 lines of news): pushing onto an empty vector grows it eight
        // times.
        let mut batch = Vec::with_capacity(self.batch_units.min(256));
        let mut bytes = 0usize;
        let mut deadline = (!wait).then(Instant::now);
        while batch.len() < self.batch_units && bytes < self.batch_bytes {
            match units.next_until(deadline) {
                Next::Unit(u) => {
                    if batch.is_empty() {
                        deadline = Some(Instant::now() + PAUSE);
                    }
                    bytes = bytes.saturating_add(u.size_hint());
                    batch.push(u);
                }
                Next::Pending => return (batch, false),
                Next::End => return (batch, true),
            }
        }
        (batch, false)
    }

    fn tag_batch(&self, batch: Vec<Unit>) -> Tagged {
        let mut tagged = Tagged {
            mentions: Summary::for_labels(self.tagger.matcher().labels()),
            ..Tagged::default()
        };
        // CSV rows of news text come to about 0.6 bytes per byte of input (the JSON formats to
        // more, and their buffers grow as needed): room for 0.75 up front
        // (by the units' size hints), a margin over that, so that the buffer is not copied as
        // it grows in a batch with more names than most, but no more than a batch's worth for
        // one huge document.
        let hinted = batch
            .iter()
            .fold(0usize, |n, u| n.saturating_add(u.size_hint()));
        let mut output = Vec::with_capacity((hinted / 4 * 3).min(self.batch_bytes));
        tagged.spare.reserve(batch.len());
        for unit in batch {
            let input = unit.input_bytes();
            let doc = match unit.load(&self.fields) {
                Ok(doc) => doc,
                Err(e) => {
                    tagged.input += input.unwrap_or(0);
                    self.format.skipped(&e, &mut output);
                    tagged.skipped.push(e);
                    continue;
                }
            };
            tagged.input += input.unwrap_or(doc.text.len() as u64);
            let mentions = self.tagger.tag(&doc);
            for m in &mentions {
                tagged.mentions.add_mention(m.label);
            }
            self.format.document(&doc, &mentions, &mut output);
            self.tagger.recycle(mentions);
            tagged.documents += 1;
            tagged.bytes += doc.text.len() as u64;
            // A JSON line's text is in the line's own buffer, which goes back to the reader;
            // a larger one is freed now rather than held until the batch is written.
            if doc.text.capacity() <= SPARE_ROOM {
                tagged.spare.push(doc.text.into_bytes());
            }
        }
        tagged.output = output;
        tagged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Input;
    use crate::format::csv::{EntryColumns, RowWriter};
    use crate::format::sample::FailingWriter;
    use crate::rules::Layers;
    use crate::{Gazetteer, Label, Lexicon};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn tagger() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            let mut g = Gazetteer::new();
            g.add_tsv(
                "id\tname\taliases\tprior\nl\tBrøndby\t\t\nv\tVejle\t\t\n",
                "p.tsv".as_ref(),
                Label::Loc,
            )
            .unwrap();
            Tagger::with_rules(g, Lexicon::shipped().unwrap(), Layers::all()).unwrap()
        })
    }

    /// One JSON Lines line: a document naming `n` places, or (`bad`) a line that cannot be
    /// read, by turns broken JSON and invalid UTF-8.
    fn line(i: usize, n: usize, bad: bool) -> Vec<u8> {
        if bad {
            return if i % 2 == 0 {
                format!("{{\"id\": \"d{i}\", \"text\": ").into_bytes()
            } else {
                b"{\"id\": \"x\", \"text\": \"\xff\"}".to_vec()
            };
        }
        let text: Vec<&str> = (0..n)
            .map(|k| ["Han bor i Vejle.", "Brøndby vandt.", "Intet her."][(i + k) % 3])
            .collect();
        format!("{{\"id\": \"d{i}\", \"text\": \"{}\"}}", text.join(" ")).into_bytes()
    }

    /// The rows, skipped line numbers and counts of `path`, one unit after another with no
    /// pipeline: what every run must reproduce.
    fn one_by_one(path: &std::path::Path) -> (Vec<u8>, Vec<Option<u64>>, Summary) {
        let tagger = tagger();
        let columns = EntryColumns::new(tagger.matcher());
        let mut rows = RowWriter::new();
        let mut skipped = Vec::new();
        let mut summary = Summary::for_labels(tagger.matcher().labels());
        for unit in Units::new(vec![Input::Path(path.to_path_buf())]) {
            match unit.load(&Fields::default()) {
                Ok(doc) => {
                    let mentions = tagger.tag(&doc);
                    for m in &mentions {
                        summary.add_mention(m.label);
                    }
                    rows.write_mentions(&doc, &mentions, &columns);
                    summary.documents += 1;
                    summary.bytes += doc.text.len() as u64;
                }
                Err(e) => {
                    skipped.push(e.line());
                    summary.skipped += 1;
                }
            }
        }
        let mut out = RowWriter::header();
        out.extend(rows.into_bytes());
        (out, skipped, summary)
    }

    fn run(
        path: &std::path::Path,
        threads: usize,
        (units, per_thread): (usize, usize),
    ) -> (Vec<u8>, Vec<Option<u64>>, Summary) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let pipeline = Pipeline::new(tagger(), Fields::default())
            .batch_size(units, usize::MAX)
            .batches_per_thread(per_thread);
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        let units_in = Units::new(vec![Input::Path(path.to_path_buf())]);
        let summary = pool
            .install(|| pipeline.run(units_in, &mut out, |_| {}, |e| skipped.push(e.line())))
            .unwrap();
        (out, skipped, summary)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Rows, skipped documents and counts are those of tagging one unit after another,
        /// whatever the threads, the batch size and the batches in flight.
        #[test]
        fn output_is_in_input_order_whatever_the_threads(
            docs in prop::collection::vec((0usize..4, prop::bool::weighted(0.15)), 0..120),
            threads in 1usize..5,
            batch in 1usize..9,
            per_thread in 1usize..4,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("c.jsonl");
            let mut body = Vec::new();
            for (i, &(n, bad)) in docs.iter().enumerate() {
                body.extend(line(i, n, bad));
                body.push(b'\n');
            }
            std::fs::write(&path, body).unwrap();
            let (rows, skipped, expected) = one_by_one(&path);
            let (out, got_skipped, summary) = run(&path, threads, (batch, per_thread));
            prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&rows));
            prop_assert_eq!(got_skipped, skipped);
            prop_assert_eq!(summary.documents, expected.documents);
            prop_assert_eq!(summary.bytes, expected.bytes);
            prop_assert_eq!(summary.mentions, expected.mentions);
            prop_assert_eq!(summary.skipped, expected.skipped);
        }
    }

    #[test]
    fn a_failing_writer_ends_the_run_with_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let body: Vec<u8> = (0..500)
            .flat_map(|i| [line(i, 3, false), b"\n".to_vec()].concat())
            .collect();
        std::fs::write(&path, body).unwrap();
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let pipeline = Pipeline::new(tagger(), Fields::default()).batch_size(7, usize::MAX);
            let units = Units::new(vec![Input::Path(path.clone())]);
            let mut out = FailingWriter {
                room: 2000,
                kind: io::ErrorKind::StorageFull,
            };
            let result = pool.install(|| pipeline.run(units, &mut out, |_| {}, |_| {}));
            let e = result.expect_err("the writer fails");
            assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{threads} threads");
        }
    }

    /// Text files are batched by their sizes: a few large ones are a batch each, so that
    /// the threads tag them side by side; many small ones share a batch.
    #[test]
    fn large_text_files_are_batches_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..8 {
            std::fs::write(dir.path().join(format!("big{i}.txt")), vec![b'a'; 600_000]).unwrap();
        }
        for i in 0..300 {
            std::fs::write(dir.path().join(format!("small{i:03}.txt")), "Vejle").unwrap();
        }
        let pipeline = Pipeline::new(tagger(), Fields::default());
        let mut units = Units::new(vec![Input::Path(dir.path().to_path_buf())]);
        let mut sizes = Vec::new();
        loop {
            let (batch, ended) = pipeline.read_batch(&mut units, true);
            if batch.is_empty() {
                assert!(ended);
                break;
            }
            sizes.push(batch.len());
        }
        assert_eq!(sizes, [1, 1, 1, 1, 1, 1, 1, 1, 256, 44]);
    }

    #[test]
    fn batches_come_out_in_order_whatever_order_they_finish_in() {
        let mut in_order = InOrder::new();
        let batch = |documents| {
            Ok(Tagged {
                documents,
                ..Tagged::default()
            })
        };
        in_order.put(2, batch(2));
        in_order.put(1, batch(1));
        assert!(in_order.take_next().is_none(), "batch 0 is not in");
        in_order.put(0, batch(0));
        for want in 0..3 {
            assert_eq!(in_order.take_next().unwrap().unwrap().documents, want);
        }
        assert!(in_order.take_next().is_none());
        in_order.put(3, batch(3));
        assert_eq!(in_order.take_next().unwrap().unwrap().documents, 3);
    }
}
