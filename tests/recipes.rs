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
//! versions `tests/common` pins.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{check_spark_output, duckdb, pyspark, root, run, scratch, spark_corpus, spark_submit};

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
    let (input, reference) = spark_corpus(&work, env!("CARGO_BIN_EXE_navne"));
    let pyspark = pyspark();
    let out = work.join("out");
    run(
        spark_submit(&pyspark, &input, &out)
            .args(["--navne", env!("CARGO_BIN_EXE_navne")])
            .env("PYTHONPATH", &pyspark)
            .env("PYSPARK_PYTHON", "python3"),
        "spark-submit examples/spark/tag_corpus.py",
    );
    let said = check_spark_output(&out, &reference);
    let _ = fs::remove_dir_all(&work);
    println!("{said}");
}
