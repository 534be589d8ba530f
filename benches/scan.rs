//! The reference: the cost of scanning every byte. A plain aho-corasick `find_iter`
//! (leftmost-longest, unanchored) over the same documents as the `tag` benchmark, with the same
//! patterns as the matcher's automaton (every name and alias of the shipped gazetteers and the
//! all-capitals form of each), once per automaton kind that builds.
//!
//! `cargo bench --bench scan` runs it under criterion. `cargo bench --bench scan -- --raw FILE`
//! instead reads FILE as `navne tag` would, times the tagger and each scan on its documents
//! (best of `--runs N`, default 3) and prints MB/s; `benches/throughput.sh` uses that mode.
//! There the tagger is timed twice: with every rule layer, and with the gazetteer pass alone.
//! With `--kind NAME` (`ContiguousNFA`, say) only that scan is timed, and no tagger: the
//! quick reference `benches/throughput.sh` takes beside each `navne tag` run it pairs it with.

mod common;

use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{black_box, Criterion, SamplingMode, Throughput};
use navne::{Document, Layers, Lexicon, Tagger};

const KINDS: [AhoCorasickKind; 3] = [
    AhoCorasickKind::NoncontiguousNFA,
    AhoCorasickKind::ContiguousNFA,
    AhoCorasickKind::DFA,
];

/// Builds the scan automaton of `kind`, reporting its build time and heap size on stderr, or
/// why it does not build.
fn automaton(forms: &[String], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    let started = Instant::now();
    let built = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(forms);
    match built {
        Ok(ac) => {
            eprintln!(
                "scan {kind:?}: {} patterns, built in {:.2} s, {:.1} MB heap",
                forms.len(),
                started.elapsed().as_secs_f64(),
                ac.memory_usage() as f64 / 1e6
            );
            Some(ac)
        }
        Err(e) => {
            eprintln!(
                "scan {kind:?}: does not build with {} patterns: {e}",
                forms.len()
            );
            None
        }
    }
}

fn scan(ac: &AhoCorasick, docs: &[Document]) -> usize {
    docs.iter()
        .map(|d| ac.find_iter(d.text.as_str()).count())
        .sum()
}

fn tag(tagger: &Tagger, docs: &[Document]) -> usize {
    docs.iter().map(|d| black_box(tagger.tag(d)).len()).sum()
}

fn criterion_benches(c: &mut Criterion) {
    let mb = common::corpus_mb();
    let docs = common::load_documents(&common::jsonl_corpus(mb));
    let (g, tagger) = common::shipped_tagger();
    let forms = common::checked_surface_forms(&g, &tagger);
    drop(tagger);

    let mut group = c.benchmark_group("scan");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(common::text_bytes(&docs)));
    for kind in KINDS {
        let Some(ac) = automaton(&forms, kind) else {
            continue;
        };
        group.bench_function(format!("{kind:?}/jsonl-{mb}mb"), |b| {
            b.iter(|| scan(&ac, black_box(&docs)))
        });
    }
    group.finish();
}

/// Best-of-`runs` throughput of `f` over `bytes` bytes, in MB/s, and its result.
fn best_mb_per_s(runs: usize, bytes: u64, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut out = 0;
    for _ in 0..runs {
        let started = Instant::now();
        out = black_box(f());
        best = best.min(started.elapsed().as_secs_f64());
    }
    (bytes as f64 / 1e6 / best, out)
}

/// Times the tagger and each scan on the documents of `path` (only the scan of kind `only`,
/// when given), best of `runs` runs each, and prints MB/s.
fn raw(path: &str, runs: usize, only: Option<AhoCorasickKind>) {
    let docs = common::load_documents(path.as_ref());
    let bytes = common::text_bytes(&docs);
    println!(
        "documents: {}, text: {:.1} MB, best of {runs} runs",
        docs.len(),
        bytes as f64 / 1e6
    );
    let (g, tagger) = common::shipped_tagger();
    let forms = common::checked_surface_forms(&g, &tagger);
    if let Some(kind) = only {
        drop(tagger);
        let ac = automaton(&forms, kind).expect("the scan of the kind asked for builds");
        let (mbps, _) = best_mb_per_s(runs, bytes, || scan(&ac, &docs));
        println!("scan best: {mbps:.1} MB/s ({kind:?})");
        return;
    }
    let (mbps, mentions) = best_mb_per_s(runs, bytes, || tag(&tagger, &docs));
    println!("tag: {mbps:.1} MB/s, {mentions} mentions");
    drop(tagger);
    // The gazetteer pass alone (`--without all`): the anchored search at token starts.
    let lexicon = Lexicon::shipped().expect("the shipped word lists load");
    let gazetteer_only = Tagger::with_rules(g.clone(), lexicon, Layers::none())
        .expect("the shipped gazetteers build");
    let (mbps, mentions) = best_mb_per_s(runs, bytes, || tag(&gazetteer_only, &docs));
    println!("tag, gazetteer pass only: {mbps:.1} MB/s, {mentions} mentions");
    drop(gazetteer_only);
    let mut best: Option<(f64, AhoCorasickKind)> = None;
    for kind in KINDS {
        let Some(ac) = automaton(&forms, kind) else {
            println!("scan {kind:?}: does not build");
            continue;
        };
        let (mbps, matches) = best_mb_per_s(runs, bytes, || scan(&ac, &docs));
        println!(
            "scan {kind:?}: {mbps:.1} MB/s, {matches} matches, {:.1} MB heap",
            ac.memory_usage() as f64 / 1e6
        );
        if best.is_none_or(|(b, _)| mbps > b) {
            best = Some((mbps, kind));
        }
    }
    if let Some((mbps, kind)) = best {
        println!("scan best: {mbps:.1} MB/s ({kind:?})");
    }
}

fn main() {
    // `cargo bench` adds `--bench` to whatever follows `--`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(i) = args.iter().position(|a| a == "--raw") {
        let path = args
            .get(i + 1)
            .expect("--raw needs a corpus file or directory");
        let runs = match args.iter().position(|a| a == "--runs") {
            Some(j) => args
                .get(j + 1)
                .and_then(|n| n.parse().ok())
                .expect("--runs needs a number"),
            None => 3,
        };
        let only = args.iter().position(|a| a == "--kind").map(|j| {
            let name = args.get(j + 1).expect("--kind needs a name");
            *KINDS
                .iter()
                .find(|k| format!("{k:?}") == *name)
                .unwrap_or_else(|| panic!("--kind: no scan named {name}; one of {KINDS:?}"))
        });
        raw(path, runs, only);
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c);
    c.final_summary();
}
