#!/usr/bin/env python3
"""Writes a gazetteer of N generated entries (default 1,000,000) for measuring how the matcher
build scales: `navne gazetteer stats --gazetteer FILE:ORG` under `/usr/bin/time -v`.

Names are one to three capitalised pseudo-words of Danish-looking syllables, every fifth entry
with an alias (its initials), every tenth with a prior; the same N always gives the same bytes.

    python3 benches/big_gazetteer.py --entries 1000000 > target/big-gazetteer.tsv
"""
import argparse
import random
import sys

SYLLABLES = ("an", "ber", "da", "el", "fin", "gaard", "hus", "is", "jen", "kol", "lund",
             "mar", "nis", "ø", "pe", "ros", "sen", "tor", "ud", "vang", "æb", "skov",
             "holm", "ring", "bjerg", "å", "sted", "berg", "kild", "strup")


def word(rng):
    w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return w[0].upper() + w[1:]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--entries", type=int, default=1_000_000)
    args = p.parse_args()
    rng = random.Random(20261202)
    out = sys.stdout
    out.write("id\tname\taliases\tprior\n")
    for i in range(args.entries):
        name = " ".join(word(rng) for _ in range(rng.randint(1, 3)))
        alias = "".join(w[0] for w in name.split()) if i % 5 == 0 and " " in name else ""
        prior = f"{rng.random():.2f}" if i % 10 == 0 else ""
        out.write(f"gen:{i}\t{name}\t{alias}\t{prior}\n")


if __name__ == "__main__":
    main()
