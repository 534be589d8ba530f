//! What the benchmarks share: generated corpora, the documents in them, and the surface forms
//! of the shipped gazetteers as the matcher builds them.
//!
//! Corpora are made by `../shared/tools/make-corpus.py` (or `$NAVNE_MAKE_CORPUS`) into
//! `target/bench-corpus/` the first time they are needed and reused afterwards; the same size
//! always gives the same bytes. `NAVNE_BENCH_MB` sets their size (default 20 MB).
#![allow(dead_code)] // each benchmark uses part of this module

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use navne::corpus::{Fields, Input, Units};
use navne::{Document, Gazetteer, Tagger};

/// Corpus size in MB for the criterion benchmarks: `NAVNE_BENCH_MB`, default 20.
pub fn corpus_mb() -> u32 {
    match std::env::var("NAVNE_BENCH_MB") {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("NAVNE_BENCH_MB={v:?} is not a whole number")),
        Err(_) => 20,
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-corpus")
}

fn make_corpus_script() -> PathBuf {
    match std::env::var_os("NAVNE_MAKE_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-corpus.py"),
    }
}

/// Runs make-corpus.py into a temporary name and renames the result to `dest`, so an
/// interrupted run never leaves a corpus that looks complete.
fn generate(dest: &Path, mb: u32, flag: &str) -> PathBuf {
    if dest.exists() {
        return dest.to_path_buf();
    }
    fs::create_dir_all(corpus_dir()).expect("cannot create target/bench-corpus");
    let tmp = dest.with_extension("partial");
    if tmp.is_dir() {
        fs::remove_dir_all(&tmp).expect("cannot remove a partial corpus");
    } else if tmp.exists() {
        fs::remove_file(&tmp).expect("cannot remove a partial corpus");
    }
    let script = make_corpus_script();
    eprintln!(
        "generating {} ({mb} MB) with {}",
        dest.display(),
        script.display()
    );
    let status = Command::new("python3")
        .arg(&script)
        .args(["--mb", &mb.to_string(), flag])
        .arg(&tmp)
        .status()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
    assert!(status.success(), "{} failed: {status}", script.display());
    fs::rename(&tmp, dest).expect("cannot rename the generated corpus");
    dest.to_path_buf()
}

/// A JSON Lines corpus of about `mb` MB of text.
pub fn jsonl_corpus(mb: u32) -> PathBuf {
    generate(
        &corpus_dir().join(format!("corpus-{mb}mb.jsonl")),
        mb,
        "--jsonl",
    )
}

/// A directory of about `mb` MB of small `.txt` articles.
pub fn txt_corpus(mb: u32) -> PathBuf {
    generate(
        &corpus_dir().join(format!("corpus-{mb}mb-txt")),
        mb,
        "--out",
    )
}

/// Every document of `path`, read as `navne tag` reads it.
pub fn load_documents(path: &Path) -> Vec<Document> {
    let fields = Fields::default();
    Units::new(vec![Input::Path(path.to_path_buf())])
        .map(|u| {
            u.load(&fields)
                .unwrap_or_else(|e| panic!("cannot read {e}"))
        })
        .collect()
}

/// Bytes of document text (what the summary line and `Throughput::Bytes` count).
pub fn text_bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

/// Every name and alias of every entry, plus the all-capitals form of each where it differs,
/// distinct, in first-seen order: the patterns of the matcher's automaton.
pub fn surface_forms(gazetteer: &Gazetteer) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut forms = Vec::new();
    for e in gazetteer.entries() {
        for form in e.surface_forms() {
            let upper = form.to_uppercase();
            for f in [form.to_string(), upper] {
                if seen.insert(f.clone()) {
                    forms.push(f);
                }
            }
        }
    }
    forms
}

/// The shipped gazetteers and the tagger over them, built once.
pub fn shipped_tagger() -> (Gazetteer, Tagger) {
    let g = Gazetteer::shipped().expect("the shipped gazetteers load");
    let tagger = Tagger::new(g.clone()).expect("the shipped gazetteers build");
    (g, tagger)
}

/// The surface forms of `gazetteer`, checked against the automaton `tagger` built: a reference
/// scan over other patterns than the tagger's would measure something else.
pub fn checked_surface_forms(gazetteer: &Gazetteer, tagger: &Tagger) -> Vec<String> {
    let forms = surface_forms(gazetteer);
    let built = tagger.matcher().surface_count();
    if forms.len() != built {
        eprintln!(
            "warning: {} surface forms here, {built} in the matcher's automaton; the scan reference \
             no longer uses the matcher's patterns",
            forms.len()
        );
    }
    forms
}
