#!/usr/bin/env python3
"""Score `navne tag` mentions against gold IOB2 data, independently of `navne eval`.

Python 3.11, standard library only.

Usage
-----
    python3 scripts/score_mentions.py make-input GOLD.iob2 > sentences.jsonl
    navne tag sentences.jsonl -o MENTIONS.csv
    python3 scripts/score_mentions.py score GOLD.iob2 MENTIONS.csv [--json] [--strict]

make-input
    Writes one JSON line per gold sentence, {"id": "<sent_id>", "text": "<# text value>"},
    in file order (UTF-8, ensure_ascii=False).

score
    Compares the mentions CSV with the gold spans and prints, per label (PER, LOC, ORG) and
    micro-averaged over the three: gold count, predicted count, true positives, precision,
    recall and F1. A prediction is correct only on an exact match of
    (sentence id, start, end, label). precision = tp/predicted, recall = tp/gold,
    F1 = 2PR/(P+R); each is 0 when undefined.
    --json   print one JSON object instead of a table:
             {"PER": {...}, "LOC": {...}, "ORG": {...}, "micro": {...}}, where each value is
             {"precision", "recall", "f1", "gold", "predicted", "tp"}.
    --strict exit with status 1 if any CSV row failed a sanity check (see below).

Gold format
    Blocks separated by blank lines. Each block has `# sent_id = ...` and `# text = ...`
    comment lines, then tab-separated token lines `index token tag nested-tag misc`; the third
    column is an IOB2 tag (B-PER, I-PER, O, B-LOC, ...). Gold spans are Unicode code-point
    offsets (Python str indices) into the `# text` string: each token is located with
    text.find(token, end_of_previous_token), and a span runs from its first token's start to its
    last token's end (end exclusive). As in conlleval, an I- tag that does not continue a span
    of the same label starts a new span. Labels other than PER/LOC/ORG are ignored. A token that
    cannot be found in the text is an error reported as file:line.

Mentions CSV
    RFC 4180 with a header row and exactly the columns
    doc_id,date,start,end,mention,label,entity_id,canonical,method
    doc_id is the sentence id; start/end are code-point offsets into the sentence text (end
    exclusive); label is PER/LOC/ORG.

Sanity checks (reported on stderr and counted; the row is still scored by its offsets unless
it cannot be): text[start:end] != mention; doc_id not in the gold file; start/end not integers
or out of range; label not PER/LOC/ORG (row ignored); duplicate (doc_id, start, end, label)
rows (counted once).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field

LABELS = ("PER", "LOC", "ORG")
CSV_COLUMNS = ["doc_id", "date", "start", "end", "mention", "label", "entity_id", "canonical", "method"]
MAX_REPORTED = 20  # per kind of problem, on stderr

_SENT_ID = re.compile(r"^#\s*sent_id\s*=\s?(.*)$")
_TEXT = re.compile(r"^#\s*text\s*=\s?(.*)$")


class InputError(Exception):
    pass


@dataclass
class Sentence:
    sent_id: str
    text: str
    line: int  # line number of the block's first line
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, label)


def read_gold(path: str) -> list[Sentence]:
    """Parse an IOB2 gold file into sentences with code-point gold spans (all labels)."""
    sentences: list[Sentence] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if block:
            sentences.append(_parse_block(path, block))
            block.clear()

    with open(path, encoding="utf-8-sig", newline="") as f:
        for lineno, raw in enumerate(f, start=1):
            line = raw.rstrip("\r\n")
            if line.strip() == "":
                flush()
            else:
                block.append((lineno, line))
        flush()

    seen: dict[str, int] = {}
    for s in sentences:
        if s.sent_id in seen:
            raise InputError(f"{path}:{s.line}: duplicate sent_id {s.sent_id!r} (first at line {seen[s.sent_id]})")
        seen[s.sent_id] = s.line
    return sentences


def _parse_block(path: str, block: list[tuple[int, str]]) -> Sentence:
    sent_id = None
    text = None
    tokens: list[tuple[int, str, str]] = []  # (lineno, token, tag)
    for lineno, line in block:
        if line.startswith("#"):
            m = _SENT_ID.match(line)
            if m:
                sent_id = m.group(1).strip()
                continue
            m = _TEXT.match(line)
            if m:
                text = m.group(1)
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise InputError(f"{path}:{lineno}: expected at least 3 tab-separated columns, got {len(cols)}")
        tokens.append((lineno, cols[1], cols[2].strip()))
    first = block[0][0]
    if sent_id is None:
        raise InputError(f"{path}:{first}: block has no '# sent_id = ...' line")
    if text is None:
        raise InputError(f"{path}:{first}: block has no '# text = ...' line")

    sent = Sentence(sent_id, text, first)
    pos = 0
    cur: list | None = None  # [start, end, label]
    for lineno, token, tag in tokens:
        start = text.find(token, pos)
        if token == "" or start < 0:
            raise InputError(f"{path}:{lineno}: token {token!r} not found in the text of {sent_id} after offset {pos}")
        end = start + len(token)
        pos = end
        if tag.startswith("B-") or tag.startswith("I-"):
            label = tag[2:]
            if tag.startswith("I-") and cur is not None and cur[2] == label:
                cur[1] = end
            else:
                cur = [start, end, label]
                sent.spans.append(cur)  # type: ignore[arg-type]
        else:
            cur = None
    sent.spans = [tuple(s) for s in sent.spans]  # type: ignore[misc]
    return sent


def make_input(gold_path: str) -> int:
    sentences = read_gold(gold_path)
    out = sys.stdout
    for s in sentences:
        out.write(json.dumps({"id": s.sent_id, "text": s.text}, ensure_ascii=False) + "\n")
    return 0


class Problems:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, kind: str, msg: str) -> None:
        n = self.counts.get(kind, 0) + 1
        self.counts[kind] = n
        if n <= MAX_REPORTED:
            print(f"warning: {msg}", file=sys.stderr)
        elif n == MAX_REPORTED + 1:
            print(f"warning: further '{kind}' problems not shown", file=sys.stderr)

    def total(self) -> int:
        return sum(self.counts.values())


def read_mentions(csv_path: str, texts: dict[str, str], problems: Problems) -> set[tuple[str, int, int, str]]:
    predicted: set[tuple[str, int, int, str]] = set()
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(f"{csv_path}: empty file, expected a header row") from None
        if header != CSV_COLUMNS:
            raise InputError(f"{csv_path}:1: header is {','.join(header)!r}, expected {','.join(CSV_COLUMNS)!r}")
        for row in reader:
            where = f"{csv_path}:{reader.line_num}"
            if not row or row == [""]:
                continue
            if len(row) != len(CSV_COLUMNS):
                problems.add("bad row", f"{where}: {len(row)} fields, expected {len(CSV_COLUMNS)}; row ignored")
                continue
            rec = dict(zip(CSV_COLUMNS, row))
            doc_id, label, mention = rec["doc_id"], rec["label"], rec["mention"]
            if label not in LABELS:
                problems.add("other label", f"{where}: label {label!r} is not PER/LOC/ORG; row ignored")
                continue
            try:
                start, end = int(rec["start"]), int(rec["end"])
            except ValueError:
                problems.add("bad offsets", f"{where}: start/end {rec['start']!r}/{rec['end']!r} are not integers; row ignored")
                continue
            text = texts.get(doc_id)
            if text is None:
                problems.add("unknown doc_id", f"{where}: doc_id {doc_id!r} is not a gold sentence id (scored as a false positive)")
            elif not (0 <= start < end <= len(text)):
                problems.add("bad offsets", f"{where}: span {start}-{end} out of range for {doc_id} (length {len(text)})")
            elif text[start:end] != mention:
                problems.add("mention mismatch", f"{where}: {doc_id} text[{start}:{end}] = {text[start:end]!r} but mention = {mention!r}")
            key = (doc_id, start, end, label)
            if key in predicted:
                problems.add("duplicate", f"{where}: duplicate prediction {key}; counted once")
                continue
            predicted.add(key)
    return predicted


def prf(tp: int, gold: int, pred: int) -> dict:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "gold": gold, "predicted": pred, "tp": tp}


def score(gold_path: str, csv_path: str, as_json: bool, strict: bool) -> int:
    sentences = read_gold(gold_path)
    texts = {s.sent_id: s.text for s in sentences}
    gold = {(s.sent_id, a, b, lab) for s in sentences for (a, b, lab) in s.spans if lab in LABELS}
    problems = Problems()
    predicted = read_mentions(csv_path, texts, problems)
    tp_set = gold & predicted

    result: dict[str, dict] = {}
    for lab in LABELS:
        result[lab] = prf(
            sum(1 for k in tp_set if k[3] == lab),
            sum(1 for k in gold if k[3] == lab),
            sum(1 for k in predicted if k[3] == lab),
        )
    result["micro"] = prf(len(tp_set), len(gold), len(predicted))

    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{'label':<6} {'gold':>6} {'pred':>6} {'tp':>6} {'prec':>7} {'rec':>7} {'f1':>7}")
        for name in (*LABELS, "micro"):
            m = result[name]
            print(f"{name:<6} {m['gold']:>6} {m['predicted']:>6} {m['tp']:>6} "
                  f"{m['precision']:>7.4f} {m['recall']:>7.4f} {m['f1']:>7.4f}")
        print(f"sentences: {len(sentences)}")

    if problems.total():
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(problems.counts.items()))
        print(f"CSV sanity checks failed for {problems.total()} row(s) ({summary})", file=sys.stderr)
        if strict:
            return 1
    else:
        print("CSV sanity checks: all rows OK (text[start:end] == mention)", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score `navne tag` mentions against gold IOB2 data.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    mi = sub.add_parser("make-input", help="write sentences as JSON lines for `navne tag`")
    mi.add_argument("gold")
    sc = sub.add_parser("score", help="score a mentions CSV against the gold file")
    sc.add_argument("gold")
    sc.add_argument("mentions")
    sc.add_argument("--json", action="store_true", help="print one JSON object")
    sc.add_argument("--strict", action="store_true", help="exit 1 if any CSV row fails a sanity check")
    args = ap.parse_args(argv)

    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    try:
        if args.cmd == "make-input":
            return make_input(args.gold)
        return score(args.gold, args.mentions, args.json, args.strict)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
