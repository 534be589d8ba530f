//! Replays the inputs kept in `tests/data/fuzz/TARGET/` through the checks the fuzz targets
//! run (`fuzz/src/lib.rs`, compiled here as a module), so that `cargo test` holds each target's
//! properties on them without libFuzzer. The inputs are a few small ones from fuzzing runs,
//! among them every input that once failed. Fuzzing itself is `fuzz/run.sh TARGET`.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod checks;

/// Runs `check` on every file in `tests/data/fuzz/target`, in name order.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for file in files {
        // Printed, so a failing test names its input.
        println!("{}", file.display());
        check(&fs::read(&file).unwrap());
    }
}

#[test]
fn reader() {
    replay("reader", checks::reader);
}

#[test]
fn gazetteer() {
    replay("gazetteer", checks::gazetteer);
}

#[test]
fn gold() {
    replay("gold", checks::gold);
}

#[test]
fn tagger() {
    replay("tagger", checks::tagger);
}
