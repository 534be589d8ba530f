//! The recipes users follow to build datasets from navne's output, run as written:
//!
//! - the README's DuckDB recipes ("Tables with DuckDB") on the sample corpus's output, their
//!   results checked against the CSV read without DuckDB (`tests/recipes/duckdb_recipes.py`);
//! - the Spark job of `examples/spark/` on local Spark, its Parquet datasets checked against
//!   `navne tag` on the same corpus (`tests/recipes/spark_check.py`);
//! - with the cargo feature `parquet`, `--format parquet` on the sample corpus read by DuckDB:
//!   the CSV's rows, and every mention at its offsets (`tests/recipes/parquet_check.py`).
//!
//! The tests need python3 and Java 17 or newer, and the Python packages, which pip installs
//! into `target/python-deps/` the first time (the registry must be reachable then), at the
//! versions [`DUCKDB`] and [`PYSPARK`] pin.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The duckdb release the recipes are checked with.
const DUCKDB: &str = "2.0.1";

/// The pyspark release the Spark job is run with, and the py4j it needs.
const PYSPARK: &str = "4.3.0";
const PY4J: &str = "0.10.9.9";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A directory `target/python-deps/NAME` that holds the Python packages `requirements`
/// (`pkg==version`), installed there by pip if `NAME/MODULE` is not there yet.
fn python_deps(name: &str, module: &str, requirements: &[String]) -> PathBuf {
    let dir = root().join("target/python-deps").join(name);
    if !dir.join(module).is_dir() {
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
            .args(requirements)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "pip could not install {requirements:?} into {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir
}

/// The directory that holds the pinned duckdb.
fn duckdb() -> PathBuf {
    python_deps(
        &format!("duckdb-{DUCKDB}"),
        "duckdb",
        &[format!("duckdb=={DUCKDB}")],
    )
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("navne-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command and fails with its output if it fails.
fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs `navne tag INPUT -o OUT`, with `args` after `tag`.
fn tag_with(args: &[&str], input: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_navne"))
        .args(["tag", "--quiet"])
        .args(args)
        .arg(input)
        .arg("-o")
        .arg(out)
        .status()
        .expect("navne runs");
    assert!(status.success(), "navne tag {}", input.display());
}

/// Runs `navne tag INPUT -o OUT`.
fn tag(input: &Path, out: &Path) {
    tag_with(&[], input, out);
}

/// `--format parquet` on the sample corpus, read by DuckDB: the rows of the CSV, typed, and
/// `text[start:end] == mention` for each.
#[cfg(feature = "parquet")]
#[test]
fn duckdb_reads_the_parquet_format_as_the_csv() {
    let work = scratch("parquet");
    let corpus = root().join("corpus");
    tag(&corpus, &work.join("mentions.csv"));
    tag_with(
        &["--format", "parquet"],
        &corpus,
        &work.join("mentions.parquet"),
    );
    let said = run(
        Command::new("python3")
            .arg(root().join("tests/recipes/parquet_check.py"))
            .arg(work.join("mentions.parquet"))
            .arg(work.join("mentions.csv"))
            .arg(&corpus)
            .env("DUCKDB_PATH", duckdb()),
        "reading the Parquet output with DuckDB",
    );
    let _ = fs::remove_dir_all(&work);
    println!("{said}");
}

#[test]
fn duckdb_recipes_build_their_tables_from_navne_output() {
    let work = scratch("recipes");
    let corpus = root().join("corpus");
    std::os::unix::fs::symlink(&corpus, work.join("corpus")).unwrap();
    tag(&corpus, &work.join("mentions.csv"));
    tag(&corpus.join("nyheder.jsonl"), &work.join("nyheder.csv"));
    let said = run(
        Command::new("python3")
            .arg(root().join("tests/recipes/duckdb_recipes.py"))
            .arg(root().join("README.md"))
            .arg(&work)
            .env("DUCKDB_PATH", duckdb()),
        "the README's DuckDB recipes",
    );
    let _ = fs::remove_dir_all(&work);
    println!("{said}");
}

/// The Spark job of `examples/spark/` on local Spark (`local[2]`, three partitions): its
/// mentions are those of `navne tag` on the same JSON Lines, a malformed line among them
/// skipped, and its entity × month table counts them.
#[test]
fn spark_job_writes_what_navne_tag_finds() {
    let work = scratch("spark");
    // The sample articles many times over, under ids of their own, and one line that is no
    // JSON: the mapper reports and skips it, and the job goes on.
    let sample = fs::read_to_string(root().join("corpus/nyheder.jsonl")).unwrap();
    let mut corpus = String::new();
    for copy in 0..25 {
        for line in sample.lines() {
            corpus += &line.replacen("\"id\": \"", &format!("\"id\": \"{copy}-"), 1);
            corpus.push('\n');
        }
        if copy == 12 {
            corpus += "{\"id\": \"broken\", \"text\": \n";
        }
    }
    let input = work.join("corpus.jsonl");
    fs::write(&input, corpus).unwrap();
    let reference = work.join("reference.csv");
    run(
        Command::new(env!("CARGO_BIN_EXE_navne"))
            .args(["tag", "--quiet", "--keep-going"])
            .arg(&input)
            .arg("-o")
            .arg(&reference),
        "navne tag --keep-going",
    );
    let pyspark = python_deps(
        &format!("pyspark-{PYSPARK}"),
        "pyspark",
        &[format!("pyspark=={PYSPARK}"), format!("py4j=={PY4J}")],
    );
    let out = work.join("out");
    run(
        Command::new(pyspark.join("bin/spark-submit"))
            .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
            .arg(root().join("examples/spark/tag_corpus.py"))
            .arg(&input)
            .arg(&out)
            .args(["--partitions", "3", "--navne", env!("CARGO_BIN_EXE_navne")])
            .env("PYTHONPATH", &pyspark)
            .env("PYSPARK_PYTHON", "python3"),
        "spark-submit examples/spark/tag_corpus.py",
    );
    let said = run(
        Command::new("python3")
            .arg(root().join("tests/recipes/spark_check.py"))
            .arg(&out)
            .arg(&reference)
            .env("DUCKDB_PATH", duckdb()),
        "checking the Spark job's datasets",
    );
    let _ = fs::remove_dir_all(&work);
    println!("{said}");
}
