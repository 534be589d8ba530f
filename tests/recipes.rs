//! The README's DuckDB recipes ("Tables with DuckDB"), run as written on the sample corpus's
//! output, with their results checked against the CSV read without DuckDB
//! (`tests/recipes/duckdb_recipes.py`).
//!
//! The test needs python3, and the duckdb package: it is installed with pip into
//! `target/python-deps/` the first time (the registry must be reachable then), at the version
//! [`DUCKDB`] pins.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The duckdb release the recipes are checked with.
const DUCKDB: &str = "2.0.1";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A directory that holds the pinned duckdb package, installed there by pip if it does not yet.
fn duckdb() -> PathBuf {
    let dir = root().join(format!("target/python-deps/duckdb-{DUCKDB}"));
    if !dir.join("duckdb").is_dir() {
        let out = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--no-deps", "--target"])
            .arg(&dir)
            .arg(format!("duckdb=={DUCKDB}"))
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "pip could not install duckdb {DUCKDB} into {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir
}

/// Runs `navne tag INPUT -o OUT`.
fn tag(input: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_navne"))
        .args(["tag", "--quiet"])
        .arg(input)
        .arg("-o")
        .arg(out)
        .status()
        .expect("navne runs");
    assert!(status.success(), "navne tag {}", input.display());
}

#[test]
fn duckdb_recipes_build_their_tables_from_navne_output() {
    let work = std::env::temp_dir().join(format!("navne-recipes-{}", std::process::id()));
    fs::create_dir_all(&work).unwrap();
    let corpus = root().join("corpus");
    std::os::unix::fs::symlink(&corpus, work.join("corpus")).unwrap();
    tag(&corpus, &work.join("mentions.csv"));
    tag(&corpus.join("nyheder.jsonl"), &work.join("nyheder.csv"));
    let out = Command::new("python3")
        .arg(root().join("tests/recipes/duckdb_recipes.py"))
        .arg(root().join("README.md"))
        .arg(&work)
        .env("DUCKDB_PATH", duckdb())
        .output()
        .expect("python3 runs");
    let _ = fs::remove_dir_all(&work);
    assert!(
        out.status.success(),
        "the README's DuckDB recipes failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{}", String::from_utf8_lossy(&out.stdout).trim());
}
