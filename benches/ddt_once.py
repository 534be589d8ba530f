#!/usr/bin/env python3
"""Writes the DDT training text once over, with no sentence repeated, as JSON Lines: each
sentence's `# text = ` line, twenty sentences to a document. The generated benchmark corpora
repeat DDT sentences, which flatters anything remembered per word; this file does not.

    benches/ddt_once.py [OUT]   (default target/bench-corpus/ddt-train-once.jsonl)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.join(HERE, "..", "..", "shared", "data", "uner-da-ddt", "da_ddt-ud-train.iob2")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "target", "bench-corpus", "ddt-train-once.jsonl")
PER_DOC = 20

with open(TRAIN, encoding="utf-8") as f:
    sentences = [line[len("# text = "):].rstrip("\n") for line in f if line.startswith("# text = ")]
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as out:
    for i in range(0, len(sentences), PER_DOC):
        doc = {"id": f"d{i}", "text": " ".join(sentences[i:i + PER_DOC])}
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
print(f"{OUT}: {len(sentences)} sentences")
