//! What the tests that run Python share: the repository root, running a command, the pinned
//! Python packages installed into `target/python-deps/`, and the Spark job's corpus and check.
//!
//! Each test binary uses some of it, so the rest is dead code there.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The duckdb release the recipes are checked with.
pub const DUCKDB: &str = "2.0.1";
/// The pyspark release the Spark job is run with, and the py4j it needs.
pub const PYSPARK: &str = "4.3.0";
pub const PY4J: &str = "0.10.9.9";
/// The pyarrow and pandas releases `mapInArrow` needs (pyspark asks for pandas 2.2 or newer
/// even where only Arrow batches cross).
pub const PYARROW: &str = "26.0.1";
pub const PANDAS: &str = "2.3.3";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a command and fails with its output if it fails; else gives its standard output,
/// trimmed.
pub fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A directory `target/python-deps/NAME` that holds the Python packages `requirements`
/// (`pkg==version`), installed there by pip if `NAME/MODULE` is not there yet; with `deps`,
/// their dependencies too.
pub fn python_deps(name: &str, module: &str, requirements: &[String], deps: bool) -> PathBuf {
    let dir = root().join("target/python-deps").join(name);
    if !dir.join(module).is_dir() {
        let mut pip = pip_install(Path::new("python3"));
        if !deps {
            pip.arg("--no-deps");
        }
        let out = pip
            .arg("--target")
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

/// `python -m pip install`, quietly: add what to install.
pub fn pip_install(python: &Path) -> Command {
    let mut pip = Command::new(python);
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]);
    pip
}

/// `spark-submit` of `examples/spark/tag_corpus.py` on local Spark (`local[2]`, no UI, three
/// partitions) from the pinned `pyspark`, on `input` into `out`: add the job's way of
/// running navne and the environment it needs.
pub fn spark_submit(pyspark: &Path, input: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(pyspark.join("bin/spark-submit"));
    cmd.args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
        .arg(root().join("examples/spark/tag_corpus.py"))
        .arg(input)
        .arg(out)
        .args(["--partitions", "3"]);
    cmd
}

/// The directory that holds the pinned duckdb.
pub fn duckdb() -> PathBuf {
    python_deps(
        &format!("duckdb-{DUCKDB}"),
        "duckdb",
        &[format!("duckdb=={DUCKDB}")],
        false,
    )
}

/// The directory that holds the pinned pyspark and py4j.
pub fn pyspark() -> PathBuf {
    python_deps(
        &format!("pyspark-{PYSPARK}"),
        "pyspark",
        &[format!("pyspark=={PYSPARK}"), format!("py4j=={PY4J}")],
        false,
    )
}

/// The directory that holds the pinned pyarrow and pandas, with their dependencies.
pub fn arrow() -> PathBuf {
    python_deps(
        &format!("pyarrow-{PYARROW}-pandas-{PANDAS}"),
        "pandas",
        &[format!("pyarrow=={PYARROW}"), format!("pandas=={PANDAS}")],
        true,
    )
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("navne-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The Spark job's input in `work`: the sample articles many times over, under ids of their
/// own, and one line that is no JSON, which either way of running navne reports and skips.
/// Gives the corpus and `navne tag --keep-going`'s CSV of it (`navne` is the binary).
pub fn spark_corpus(work: &Path, navne: &str) -> (PathBuf, PathBuf) {
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
        Command::new(navne)
            .args(["tag", "--quiet", "--keep-going"])
            .arg(&input)
            .arg("-o")
            .arg(&reference),
        "navne tag --keep-going",
    );
    (input, reference)
}

/// Checks the datasets the Spark job wrote to `out` against `reference`, navne's CSV of the
/// same corpus (`tests/recipes/spark_check.py`); gives what the check says.
pub fn check_spark_output(out: &Path, reference: &Path) -> String {
    run(
        Command::new("python3")
            .arg(root().join("tests/recipes/spark_check.py"))
            .arg(out)
            .arg(reference)
            .env("DUCKDB_PATH", duckdb()),
        "checking the Spark job's datasets",
    )
}
