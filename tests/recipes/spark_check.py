"""Checks the Parquet datasets of examples/spark/tag_corpus.py against navne's CSV of the same
corpus: the same mentions (as a multiset: Spark writes partitions in its own order), and the
entity × month table's counts.

Usage: spark_check.py OUT REFERENCE.csv

duckdb is imported from DUCKDB_PATH when set.
"""

import collections
import csv
import os
import sys


def main():
    out, reference = sys.argv[1], sys.argv[2]
    if os.environ.get("DUCKDB_PATH"):
        sys.path.insert(0, os.environ["DUCKDB_PATH"])
    import duckdb

    with open(reference, encoding="utf-8", newline="") as f:
        want = [
            (r["doc_id"], r["date"] or None, int(r["start"]), int(r["end"]), r["mention"],
             r["label"], r["entity_id"] or None, r["canonical"], r["method"])
            for r in csv.DictReader(f)
        ]
    assert want, "navne found no mentions"
    con = duckdb.connect()
    got = con.execute(
        f"""SELECT doc_id, date, start, "end", mention, label, entity_id, canonical, method
        FROM read_parquet('{out}/mentions/*/*.parquet', hive_partitioning = true)"""
    ).fetchall()
    assert collections.Counter(got) == collections.Counter(want), (
        f"Spark wrote {len(got)} mentions, navne tag {len(want)}; they differ")

    per_entity = collections.Counter()
    docs = collections.defaultdict(set)
    for doc_id, date, _, _, _, label, entity_id, canonical, _ in want:
        key = ((date or "")[:7] or None, label, canonical, entity_id)
        per_entity[key] += 1
        docs[key].add(doc_id)
    rows = con.execute(
        f"""SELECT month, label, canonical, entity_id, mentions, documents
        FROM read_parquet('{out}/entity_month/*.parquet')"""
    ).fetchall()
    table = {(m or None, l, c, e): (n, d) for m, l, c, e, n, d in rows}
    assert table == {k: (n, len(docs[k])) for k, n in per_entity.items()}, "entity_month differs"
    print(f"spark: {len(got)} mentions, {len(rows)} entity-month rows, as navne tag")


if __name__ == "__main__":
    main()
