"""Runs the SQL of the README's "Tables with DuckDB" section on navne's output, and checks
what the queries return against the CSV read without DuckDB.

Usage: duckdb_recipes.py README WORKDIR

WORKDIR holds `mentions.csv` (navne tag corpus/), `nyheder.csv` (navne tag
corpus/nyheder.jsonl) and `corpus/` (the sample corpus), as the recipes expect. duckdb is
imported from DUCKDB_PATH when set (a directory `pip install --target` filled), else from the
installed packages.
"""

import csv
import os
import re
import sys


def sql_blocks(readme):
    """The ```sql blocks of the section "### Tables with DuckDB", in order."""
    text = open(readme, encoding="utf-8").read()
    start = text.index("### Tables with DuckDB")
    end = text.find("\n## ", start)
    section = text[start : end if end >= 0 else len(text)]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def main():
    readme, workdir = sys.argv[1], sys.argv[2]
    if os.environ.get("DUCKDB_PATH"):
        sys.path.insert(0, os.environ["DUCKDB_PATH"])
    import duckdb

    os.chdir(workdir)
    rows = list(csv.DictReader(open("mentions.csv", encoding="utf-8", newline="")))
    assert rows, "navne found no mentions in the sample corpus"
    con = duckdb.connect()
    results = []
    blocks = sql_blocks(readme)
    assert len(blocks) >= 6, f"expected the six recipes, found {len(blocks)} sql blocks"
    for sql in blocks:
        # A block may hold several statements; the last one's rows are its result.
        cur = con.execute(sql)
        results.append(cur.fetchall() if cur.description else None)

    # 1. The view reads every row, with the offsets as numbers.
    (n, total_chars), = con.execute(
        'SELECT count(*), sum("end" - start) FROM mentions').fetchall()
    assert n == len(rows), (n, len(rows))
    assert total_chars == sum(int(r["end"]) - int(r["start"]) for r in rows)

    # 2. Mentions per entity per month: the counts add up to every row, and agree per key.
    per_month = results[1]
    want = {}
    for r in rows:
        key = (r["date"][:7], r["label"], r["canonical"])
        want[key] = want.get(key, 0) + 1
    assert {(m, l, c): k for m, l, c, k in per_month} == want

    # 3. Documents per entity.
    docs = {}
    for r in rows:
        docs.setdefault((r["label"], r["canonical"]), set()).add(r["doc_id"])
    assert {(l, c): k for l, c, k in results[2]} == {k: len(v) for k, v in docs.items()}

    # 4. Co-occurring pairs: each pair of distinct entities of one document, once.
    by_doc = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], set()).add((r["label"], r["canonical"]))
    pairs = {}
    for ents in by_doc.values():
        for a in ents:
            for b in ents:
                if a < b:
                    pairs[(a[1], b[1])] = pairs.get((a[1], b[1]), 0) + 1
    got = {}
    for a, b, k in results[3]:
        got[(a, b)] = got.get((a, b), 0) + k
    assert got == pairs, "co-occurrence counts differ"

    # 5. The Parquet file holds the same rows.
    back = con.execute(
        "SELECT doc_id, start, \"end\", mention FROM 'mentions.parquet' ORDER BY ALL").fetchall()
    assert back == sorted((r["doc_id"], int(r["start"]), int(r["end"]), r["mention"]) for r in rows)

    # 6. The offsets contract in SQL: no row whose code points differ from its mention, and
    # every row of the JSON Lines run was checked.
    (wrong, checked), = results[5]
    with open("nyheder.csv", encoding="utf-8", newline="") as f:
        expected = sum(1 for _ in csv.DictReader(f))
    assert wrong == 0 and checked == expected > 0, (wrong, checked, expected)
    print(f"duckdb {duckdb.__version__}: {len(blocks)} recipes, {n} mentions, offsets hold")


if __name__ == "__main__":
    main()
