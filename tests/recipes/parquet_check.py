"""Reads navne's `--format parquet` output with DuckDB and checks it against the CSV of the
same run: the same rows in the same order, the nulls where the CSV has empty fields, the
offsets as integers, and every mention the code points [start, end) of its document's text.

Usage: parquet_check.py MENTIONS.parquet MENTIONS.csv CORPUS_DIR

CORPUS_DIR is the sample corpus the two were made from: its `.txt` files (the doc id is the
path below CORPUS_DIR; the text is the file after an optional byte-order mark) and its
`.jsonl` files (the text is the `text` member). duckdb is imported from DUCKDB_PATH when set.
"""

import csv
import json
import os
import sys


def texts(corpus):
    """Every document's text by doc id."""
    found = {}
    for root, _, files in os.walk(corpus):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".txt"):
                text = open(path, encoding="utf-8", newline="").read()
                found[os.path.relpath(path, corpus)] = text.removeprefix("\ufeff")
            elif name.endswith(".jsonl"):
                for line in open(path, encoding="utf-8"):
                    if line.strip():
                        doc = json.loads(line)
                        found[str(doc["id"])] = doc["text"]
    return found


def main():
    parquet, csv_path, corpus = sys.argv[1:4]
    if os.environ.get("DUCKDB_PATH"):
        sys.path.insert(0, os.environ["DUCKDB_PATH"])
    import duckdb

    con = duckdb.connect()
    types = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
    assert [(c, t) for c, t, *_ in types] == [
        ("doc_id", "VARCHAR"), ("date", "VARCHAR"), ("start", "BIGINT"), ("end", "BIGINT"),
        ("mention", "VARCHAR"), ("label", "VARCHAR"), ("entity_id", "VARCHAR"),
        ("canonical", "VARCHAR"), ("method", "VARCHAR"),
    ], types
    got = con.execute(f"SELECT * FROM read_parquet('{parquet}')").fetchall()
    want = [
        (r["doc_id"], r["date"] or None, int(r["start"]), int(r["end"]), r["mention"],
         r["label"], r["entity_id"] or None, r["canonical"], r["method"])
        for r in csv.DictReader(open(csv_path, encoding="utf-8", newline=""))
    ]
    assert want, "no mentions in the CSV"
    assert got == want, next((g, w) for g, w in zip(got + [None], want + [None]) if g != w)
    by_id = texts(corpus)
    for doc_id, _, start, end, mention, *_ in got:
        assert by_id[doc_id][start:end] == mention, (doc_id, start, end, mention)
    print(f"parquet: {len(got)} rows read by duckdb {duckdb.__version__} as in the CSV, "
          f"every mention at its offsets")


if __name__ == "__main__":
    main()
