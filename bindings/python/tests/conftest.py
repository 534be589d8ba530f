"""Shared fixtures: the repository's sample corpus and the `navne` binary built by cargo.

`tests/python.rs` runs these tests with NAVNE_ROOT (the repository) and NAVNE_BIN (the
`navne` command line) set; run by hand, NAVNE_ROOT defaults to the repository this file is
in and NAVNE_BIN to `target/release/navne` there.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

import navne

ROOT = Path(os.environ.get("NAVNE_ROOT", Path(__file__).resolve().parents[3]))
BIN = Path(os.environ.get("NAVNE_BIN", ROOT / "target" / "release" / "navne"))

# The date header of the article format (`date 1990-10`), which `navne tag` does not tag.
HEADER = re.compile(r"\s*date \d{4}-\d{2}(-\d{2})?")


@pytest.fixture(scope="session")
def tagger():
    """One tagger with the shipped gazetteers, built once for every test."""
    return navne.Tagger()


def corpus_documents():
    """(doc_id, text, body) of every document of the sample corpus, as `navne tag` reads
    them: `body` is where the taggable text starts (after an article's date header)."""
    corpus = ROOT / "corpus"
    docs = []
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        header = HEADER.match(text)
        docs.append((path.relative_to(corpus).as_posix(), text, header.end() if header else 0))
    for path in sorted(corpus.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                docs.append((str(row["id"]), row["text"], 0))
    assert len(docs) >= 10, f"the sample corpus at {corpus} has {len(docs)} documents"
    return docs


@pytest.fixture(scope="session")
def cli_mentions():
    """The mentions `navne tag --format jsonl` writes for the sample corpus, by document."""
    assert BIN.exists(), f"{BIN} not found: build it with `cargo build --release`"
    out = subprocess.run(
        [str(BIN), "tag", "--format", "jsonl", "--quiet", str(ROOT / "corpus")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    by_doc = {}
    for line in out.splitlines():
        row = json.loads(line)
        by_doc.setdefault(row["doc_id"], []).append(row)
    return by_doc
