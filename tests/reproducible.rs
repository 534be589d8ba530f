//! Checks against the shared data beside the repository (`../shared`), which fail where it
//! or python3 is absent unless `NAVNE_SKIP_SHARED=1` asks to skip them: the committed gazetteers are exactly what the build scripts make, and
//! `navne eval` agrees with an independent scorer of `navne tag` output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`. When it or python3 is missing the test fails, so that a run without them never
/// passes as a full one, or with `NAVNE_SKIP_SHARED=1` gives `None` and a message.
fn shared() -> Option<PathBuf> {
    let shared = root().join("../shared");
    let missing = if !shared.join("sources").is_dir() || !shared.join("data/uner-da-ddt").is_dir() {
        format!("{} not found", shared.display())
    } else if Command::new("python3").arg("--version").output().is_err() {
        "python3 not found".to_string()
    } else {
        return Some(shared);
    };
    assert!(
        std::env::var_os("NAVNE_SKIP_SHARED").is_some_and(|v| v == "1"),
        "{missing}: this test needs ../shared beside the repository and python3 \
         (NAVNE_SKIP_SHARED=1 skips it)"
    );
    println!("skipping (NAVNE_SKIP_SHARED=1): {missing}");
    None
}

fn python(args: &[&str]) -> Vec<u8> {
    let out = Command::new("python3")
        .args(args)
        .current_dir(root())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Every file `fresh` has must be byte-identical in `committed`.
fn same_files(fresh: &Path, committed: &Path) {
    let mut n = 0;
    for entry in fs::read_dir(fresh).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let name = path.file_name().unwrap();
            let want = fs::read(committed.join(name)).unwrap_or_default();
            assert!(
                fs::read(&path).unwrap() == want,
                "{} differs from a fresh build: rebuild and commit it",
                committed.join(name).display()
            );
            n += 1;
        }
    }
    assert!(n > 0, "the build wrote nothing to {}", fresh.display());
}

#[test]
fn committed_gazetteers_are_what_the_build_makes() {
    if shared().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gazetteers");
    python(&[
        "scripts/build_gazetteers.py",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    same_files(&out, &root().join("gazetteers"));
    // The ballot letters the gazetteer build writes beside the rule lists.
    let ballot = "rules/ballot_letters.tsv";
    assert!(
        std::fs::read(out.join(ballot)).unwrap()
            == std::fs::read(root().join("gazetteers").join(ballot)).unwrap(),
        "gazetteers/{ballot} differs from what scripts/build_gazetteers.py makes"
    );
    // The rule lists, from the gazetteers just built (lowercase_words.txt and legal_forms.txt
    // read them).
    let rules = tmp.path().join("rules");
    python(&[
        "scripts/build_rule_lists.py",
        "--gazetteers",
        out.to_str().unwrap(),
        "--out",
        rules.to_str().unwrap(),
    ]);
    same_files(&rules, &root().join("gazetteers/rules"));
}

#[test]
fn eval_agrees_with_an_independent_scorer() {
    let Some(shared) = shared() else { return };
    let dev = shared.join("data/uner-da-ddt/da_ddt-ud-dev.iob2");
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("dev.jsonl");
    let mentions = tmp.path().join("mentions.csv");
    fs::write(
        &input,
        python(&[
            "scripts/score_mentions.py",
            "make-input",
            dev.to_str().unwrap(),
        ]),
    )
    .unwrap();
    let tag = Command::new(env!("CARGO_BIN_EXE_navne"))
        .args([
            "tag",
            "--quiet",
            input.to_str().unwrap(),
            "-o",
            mentions.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(tag.success());
    let scored = python(&[
        "scripts/score_mentions.py",
        "score",
        dev.to_str().unwrap(),
        mentions.to_str().unwrap(),
        "--json",
        "--strict",
    ]);
    let independent: serde_json::Value = serde_json::from_slice(&scored).unwrap();
    let eval = Command::new(env!("CARGO_BIN_EXE_navne"))
        .args(["eval", "--json", dev.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(eval.status.success());
    let own: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    for key in ["PER", "LOC", "ORG", "micro"] {
        let (a, b) = (
            own[key]["f1"].as_f64().unwrap(),
            independent[key]["f1"].as_f64().unwrap(),
        );
        assert!(
            (a - b).abs() <= 0.005,
            "{key}: navne eval F1 {a} vs independent {b}"
        );
    }
}
