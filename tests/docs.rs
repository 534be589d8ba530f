//! The API documentation builds without a warning: no link to an item that is gone or
//! renamed, and no link from a public item's docs to a private one, which would be broken in
//! the public documentation. Both builds are checked: the public one (`cargo doc`) and the
//! one for the project's engineers, which documents the private modules too
//! (`cargo doc --document-private-items`).

use std::process::Command;

/// Runs `cargo doc --no-deps` with `extra` arguments, warnings denied, into a target
/// directory of its own, so that it waits for no lock the test run holds; panics with
/// rustdoc's messages if it fails.
fn doc_builds_cleanly(extra: &[&str]) {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO"))
        .args([
            "doc",
            "--no-deps",
            "--quiet",
            "--target-dir",
            "target/doc-check",
        ])
        .args(extra)
        .current_dir(root)
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo doc --no-deps {} failed:\n{}",
        extra.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn public_docs_build_without_warnings() {
    doc_builds_cleanly(&[]);
}

#[test]
fn private_docs_build_without_warnings() {
    doc_builds_cleanly(&["--document-private-items"]);
}
