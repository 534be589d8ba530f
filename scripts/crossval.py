#!/usr/bin/env python3
"""5-fold cross-validation of navne on the train split, to tell rules that generalise from rules
that only fit dev.

    python3 scripts/crossval.py [--folds 5] [--without LAYER ...] [--json]

For each fold k, the train split's sentences with index % folds == k are held out; the
gazetteers are rebuilt from the other sentences (scripts/build_gazetteers.py --train), and
`navne eval` scores the held-out fold with those gazetteers. Prints per-fold and mean
precision, recall and F1 (micro and per label), next to the dev figure of the same build
options. Needs ../shared (sources and data) and a release build (run first if missing).
Python 3.11 standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "uner-da-ddt")
TRAIN = os.path.join(DATA, "da_ddt-ud-train.iob2")
DEV = os.path.join(DATA, "da_ddt-ud-dev.iob2")
NAVNE = os.path.join(ROOT, "target", "release", "navne")


def blocks(path):
    """The sentence blocks of an IOB2 file, each as its text with a trailing blank line."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return [b.strip("\n") + "\n\n" for b in text.split("\n\n") if b.strip()]


def evaluate(gazetteers, gold, without):
    cmd = [NAVNE, "eval", gold, "--json", "--gazetteers", gazetteers]
    for w in without:
        cmd += ["--without", w]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def line(name, r):
    labels = " ".join(f"{l} {r[l]['f1']:.3f}" for l in ("PER", "LOC", "ORG"))
    m = r["micro"]
    return f"{name:<8} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}   {labels}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--without", action="append", default=[], help="rule layer to switch off")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = p.parse_args()
    if not os.path.exists(NAVNE):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    build = [sys.executable, os.path.join(ROOT, "scripts", "build_gazetteers.py"), "--quiet"]
    sentences = blocks(TRAIN)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.folds):
            rest = os.path.join(tmp, f"train-{k}.iob2")
            held = os.path.join(tmp, f"fold-{k}.iob2")
            with open(rest, "w", encoding="utf-8") as r, open(held, "w", encoding="utf-8") as h:
                for i, b in enumerate(sentences):
                    (h if i % a.folds == k else r).write(b)
            gaz = os.path.join(tmp, f"gaz-{k}")
            subprocess.run(build + ["--train", rest, "--out", gaz], check=True, capture_output=True)
            results.append(evaluate(gaz, held, a.without))
        gaz = os.path.join(tmp, "gaz-all")
        subprocess.run(build + ["--out", gaz], check=True, capture_output=True)
        dev = evaluate(gaz, DEV, a.without)
    mean = {}
    for key in ("PER", "LOC", "ORG", "micro"):
        mean[key] = {m: sum(r[key][m] for r in results) / len(results) for m in ("precision", "recall", "f1")}
    if a.json:
        print(json.dumps({"folds": results, "mean": mean, "dev": dev}, indent=2))
        return
    for k, r in enumerate(results):
        print(line(f"fold {k}", r))
    print(line("mean", mean))
    print(line("dev", dev))
    print(f"dev - mean micro F1: {dev['micro']['f1'] - mean['micro']['f1']:+.3f}")


if __name__ == "__main__":
    main()
