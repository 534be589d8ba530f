#!/usr/bin/env python3
"""Score navne on every gold set at hand and print the figures side by side, as the README's
Quality section quotes them.

    python3 scripts/quality.py [--crossval] [--markdown] [--without LAYER ...]

Rows (micro precision, recall and F1 of `navne eval`, exact match of start, end and label):

- UNER dev: the dev split of Universal NER Danish-DDT (1980s-90s news), shipped gazetteers;
- UNER dev, no train strings: the same with gazetteers rebuilt by
  `scripts/build_gazetteers.py --no-train` (no string of the train split): text unlike the
  training data;
- DaN+ twitter dev, DaN+ arto dev: modern tweets and web-forum posts (2019 and 2000s);
- crossval (with --crossval, about a minute): `scripts/crossval.py`, the mean over five folds
  of the train split, each scored with gazetteers rebuilt without it.

Needs ../shared (data and sources) and a release build (`cargo build --release`).
Python 3.11 standard library only.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
NAVNE = os.path.join(ROOT, "target", "release", "navne")
GOLD = {
    "UNER dev": os.path.join(SHARED, "data", "uner-da-ddt", "da_ddt-ud-dev.iob2"),
    "DaN+ twitter dev": os.path.join(SHARED, "data", "danplus", "da_twitter_dev.tsv"),
    "DaN+ arto dev": os.path.join(SHARED, "data", "danplus", "da_arto_dev.tsv"),
}


def evaluate(gold, without, gazetteers=None):
    cmd = [NAVNE, "eval", gold, "--json"]
    if gazetteers:
        cmd += ["--gazetteers", gazetteers]
    for w in without:
        cmd += ["--without", w]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["micro"]


def no_train_gazetteers(tmp):
    """Gazetteers without any string of the train split, with the shipped rule lists."""
    out = os.path.join(tmp, "no-train")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build_gazetteers.py"),
                    "--no-train", "--out", out], check=True, capture_output=True)
    rules = os.path.join(out, "rules")
    os.makedirs(rules, exist_ok=True)
    shipped = os.path.join(ROOT, "gazetteers", "rules")
    for name in os.listdir(shipped):
        # Generated into OUT/rules by the build itself (ballot letters) stays as built.
        if not os.path.exists(os.path.join(rules, name)):
            shutil.copy(os.path.join(shipped, name), rules)
    return out


def crossval(without):
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "crossval.py"), "--json"]
    for w in without:
        cmd += ["--without", w]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["mean"]["micro"]


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--crossval", action="store_true", help="also run scripts/crossval.py")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument("--without", action="append", default=[], metavar="LAYER")
    a = p.parse_args()
    if not os.path.exists(NAVNE):
        sys.exit(f"{NAVNE} not found: run `cargo build --release` first")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        nt = no_train_gazetteers(tmp)
        for name, gold in GOLD.items():
            if not os.path.exists(gold):
                print(f"skipping {name}: {gold} not found", file=sys.stderr)
                continue
            rows.append((name, evaluate(gold, a.without)))
            if name == "UNER dev":
                rows.append(("UNER dev, no train strings", evaluate(gold, a.without, nt)))
    if a.crossval:
        rows.append(("UNER train, 5-fold crossval (mean)", crossval(a.without)))

    if a.markdown:
        print("| gold set | P | R | F1 |")
        print("|---|---|---|---|")
        for name, m in rows:
            print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** |")
    else:
        for name, m in rows:
            print(f"{name:36} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")


if __name__ == "__main__":
    main()
