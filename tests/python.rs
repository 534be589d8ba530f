//! The Python package and spaCy component of `bindings/python`, as a user installs them: a
//! virtual environment in `target/python-venv/` with the pinned [`MATURIN`], [`PYTEST`] and
//! [`SPACY`] (pip installs them the first time; the registry must be reachable then), the
//! wheel built by maturin into `target/python-wheels/` and installed there, and pytest run on
//! `bindings/python/tests/` (the tagger, `pipe`, errors, the spaCy component), which also
//! compares the package's mentions with this build's `navne tag`. Then the Spark job of
//! `examples/spark/` runs `--via arrow` (`mapInArrow` with the package) on local Spark, with
//! pyspark, pyarrow and pandas from `target/python-deps/` (`tests/common`), and its datasets
//! are checked against `navne tag` on the same corpus, as the `rdd.pipe` way is in
//! `tests/recipes.rs`.
//!
//! The wheel's build shares `target/` with this one (`CARGO_TARGET_DIR`), so only the binding
//! and what its features change are compiled again. `NAVNE_SKIP_PYTHON=1` skips the test (it
//! says so), for a machine without python3 or the registry: such a run checks less than CI
//! does.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{
    arrow, check_spark_output, pip_install, pyspark, root, run, scratch, spark_corpus, spark_submit,
};

/// The maturin that builds the wheel.
const MATURIN: &str = "1.16.0";
/// The pytest that runs the package's tests.
const PYTEST: &str = "9.2.0";
/// The spaCy the component is tested with.
const SPACY: &str = "3.8.18";

/// Whether `NAVNE_SKIP_PYTHON=1` asks to skip the Python tests; says so if it does.
fn skipped() -> bool {
    let skip = std::env::var_os("NAVNE_SKIP_PYTHON").is_some_and(|v| v == "1");
    if skip {
        println!("skipping (NAVNE_SKIP_PYTHON=1): the Python package is not tested");
    }
    skip
}

/// `target/python-venv` with the pinned packages, made (again) when it does not have them.
fn venv() -> PathBuf {
    let venv = root().join("target/python-venv");
    let marker = venv.join(format!(
        "navne-maturin-{MATURIN}-pytest-{PYTEST}-spacy-{SPACY}"
    ));
    if !marker.exists() {
        let _ = fs::remove_dir_all(&venv);
        run(
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "python3 -m venv target/python-venv",
        );
        run(
            pip_install(&venv.join("bin/python"))
                .arg(format!("maturin=={MATURIN}"))
                .arg(format!("pytest=={PYTEST}"))
                .arg(format!("spacy=={SPACY}")),
            "pip install of maturin, pytest and spacy into target/python-venv",
        );
        fs::write(&marker, "").unwrap();
    }
    venv
}

/// The one wheel in `dir`.
fn wheel_in(dir: &Path) -> PathBuf {
    let wheels: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "whl"))
        .collect();
    assert_eq!(
        wheels.len(),
        1,
        "one wheel in {}: {wheels:?}",
        dir.display()
    );
    wheels.into_iter().next().unwrap()
}

/// The venv's python, with this build's wheel built and installed, once for all the tests.
fn python_with_navne() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let root = root();
        let venv = venv();
        let wheels = root.join("target/python-wheels");
        let _ = fs::remove_dir_all(&wheels);
        let mut maturin = Command::new(venv.join("bin/maturin"));
        maturin
            .args(["build", "--release", "--out"])
            .arg(&wheels)
            .arg("--manifest-path")
            .arg(root.join("bindings/python/Cargo.toml"))
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("VIRTUAL_ENV", &venv);
        // What cargo tells this test about its own package is not the binding's.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("CARGO_") && key != "CARGO_HOME" && key != "CARGO_TARGET_DIR" {
                maturin.env_remove(&*key);
            }
        }
        run(&mut maturin, "maturin build of bindings/python");
        let python = venv.join("bin/python");
        run(
            pip_install(&python)
                .args(["--force-reinstall", "--no-deps"])
                .arg(wheel_in(&wheels)),
            "pip install of the wheel",
        );
        python
    })
}

#[test]
fn python_package_passes_its_tests() {
    if skipped() {
        return;
    }
    let root = root();
    let python = python_with_navne();
    let said = run(
        Command::new(python)
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
            .arg(root.join("bindings/python/tests"))
            .env("NAVNE_ROOT", &root)
            .env("NAVNE_BIN", env!("CARGO_BIN_EXE_navne"))
            .current_dir(std::env::temp_dir()),
        "pytest bindings/python/tests",
    );
    println!("{said}");
    let summary = said.lines().last().unwrap_or("");
    assert!(
        summary.contains(" passed") && !summary.contains("skipped"),
        "pytest ran no tests or skipped some: {summary}"
    );
}

/// The Spark job of `examples/spark/` with `--via arrow` on local Spark (`local[2]`, three
/// partitions): the Python workers tag with the package, and the mentions are those of
/// `navne tag` on the same JSON Lines, a malformed line among them skipped.
#[test]
fn spark_job_via_arrow_writes_what_navne_tag_finds() {
    if skipped() {
        return;
    }
    let python = python_with_navne();
    let work = scratch("spark-arrow");
    let (input, reference) = spark_corpus(&work, env!("CARGO_BIN_EXE_navne"));
    let (pyspark, arrow) = (pyspark(), arrow());
    let path = std::env::join_paths([&pyspark, &arrow]).unwrap();
    let out = work.join("out");
    run(
        spark_submit(&pyspark, &input, &out)
            .args(["--via", "arrow"])
            .env("PYTHONPATH", &path)
            .env("PYSPARK_PYTHON", python)
            .env("PYSPARK_DRIVER_PYTHON", python),
        "spark-submit examples/spark/tag_corpus.py --via arrow",
    );
    let said = check_spark_output(&out, &reference);
    let _ = fs::remove_dir_all(&work);
    println!("{said}");
}
