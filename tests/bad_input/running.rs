//! See the module list in `main.rs`.

use crate::util::*;
use std::time::Duration;

#[test]
fn a_plain_corpus_is_tagged_quickly() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Mette Frederiksen bor i København.".as_bytes(),
    );
    let ran = tag_within(&[dir.path().to_str().unwrap()], Duration::from_secs(60));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    assert!(!rows(&ran.out()).is_empty());
}
