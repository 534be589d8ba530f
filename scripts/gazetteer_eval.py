#!/usr/bin/env python3
"""Score a gazetteer directory on an IOB2 file with a small stand-in for navne's matcher.

This is a quick check for people editing the gazetteers; `navne eval` is the reference.
It follows the matching rules the gazetteer files are written for:

* surface forms (name + aliases) match case-sensitively, plus the ALL-CAPITALS form of each;
* a match starts at a token start and ends at a token end, where the last token may carry a
  genitive (`s`, `'s`, `'`) or a hyphen compound (`FN-soldater`) after the form;
* leftmost-longest wins; a form in several files goes to the entry with the highest prior;
* a lone-token match at the start of a sentence is dropped when the form is in ambiguous.txt or
  its entry is flagged `ambiguous`.

  python3 scripts/gazetteer_eval.py GOLD.iob2 [--gazetteers DIR] [--errors FILE.tsv]

Standard library only.
"""
import argparse
import os
import sys
from collections import Counter, defaultdict

FILES = {"people.tsv": "PER", "places.tsv": "LOC", "organisations.tsv": "ORG"}
GENITIVES = ("'s", "’s", "s'", "'", "’", "s")
MAX_TOKENS = 10


def read_iob2(path):
    """Yields (text, tokens, tags) per sentence."""
    text, toks, tags = None, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if toks:
                    yield text, toks, tags
                text, toks, tags = None, [], []
                continue
            if line.startswith("#"):
                if line.startswith("# text = "):
                    text = line[len("# text = "):]
                continue
            p = line.split("\t")
            toks.append(p[1])
            tags.append(p[2])
    if toks:
        yield text, toks, tags


def gold_spans(tags):
    out, cur = [], None
    for i, t in enumerate(tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [i, i + 1, t[2:]]
        elif t.startswith("I-"):
            cur[1] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


def offsets(text, toks):
    """Character offsets of tokens in text (tokens appear in order)."""
    out, pos = [], 0
    for t in toks:
        k = text.find(t, pos) if text is not None else -1
        if k < 0:
            return None
        out.append((k, k + len(t)))
        pos = k + len(t)
    return out


def load_gazetteers(d):
    forms = {}  # form -> (prior, label, ambiguous, id)
    for fn, label in FILES.items():
        path = os.path.join(d, fn)
        if not os.path.exists(path):
            continue
        header = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if header is None:
                    header = {c: i for i, c in enumerate(cols)}
                    continue
                row = {c: cols[i] if i < len(cols) else "" for c, i in header.items()}
                prior = float(row.get("prior") or 0)
                amb = row.get("ambiguous", "") == "yes"
                fs = [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]
                for form in fs:
                    if len(form) < 2 or form.lower() == form:
                        continue
                    for v in (form, form.upper()):
                        key = (prior, label, amb, row["id"])
                        old = forms.get(v)
                        if old is None or (v == form and old[0] < prior):
                            forms[v] = key
    amb_forms = set()
    p = os.path.join(d, "ambiguous.txt")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            amb_forms = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    return forms, amb_forms


def candidates(s, last_tok):
    yield s
    for g in GENITIVES:
        if last_tok.endswith(g) and len(last_tok) > len(g):
            yield s[: -len(g)]
    k = len(last_tok)
    while True:
        k = last_tok.rfind("-", 0, k)
        if k <= 0:
            break
        yield s[: len(s) - (len(last_tok) - k)]


def is_punct(t):
    return all(not c.isalnum() for c in t)


def tag(text, toks, forms, amb_forms):
    offs = offsets(text, toks)
    if offs is None:
        text = " ".join(toks)
        offs = offsets(text, toks)
    out = []
    i, n = 0, len(toks)
    while i < n:
        hit = None
        for j in range(min(n, i + MAX_TOKENS) - 1, i - 1, -1):
            s = text[offs[i][0]:offs[j][1]]
            for c in candidates(s, toks[j]):
                e = forms.get(c)
                if e is None:
                    continue
                initial = all(is_punct(t) for t in toks[:i])
                if i == j and initial and (e[2] or c in amb_forms):
                    continue
                hit = (i, j + 1, e[1], c, e[3])
                break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--gazetteers", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gazetteers"))
    ap.add_argument("--errors", help="write false positives/negatives as TSV")
    a = ap.parse_args()
    forms, amb = load_gazetteers(a.gazetteers)
    tp, fp, fn = Counter(), Counter(), Counter()
    errs = []
    for text, toks, tags in read_iob2(a.gold):
        gold = {(s, e, l) for s, e, l in gold_spans(tags)}
        pred = tag(text, toks, forms, amb)
        predset = {(s, e, l) for s, e, l, _, _ in pred}
        info = {(s, e, l): (f, i) for s, e, l, f, i in pred}
        for g in gold:
            if g in predset:
                tp[g[2]] += 1
            else:
                fn[g[2]] += 1
                errs.append(("FN", g[2], " ".join(toks[g[0]:g[1]]), "", "", text))
        for p in predset - gold:
            fp[p[2]] += 1
            gl = [l for s, e, l in gold if s < p[1] and p[0] < e]
            errs.append(("FP", p[2], " ".join(toks[p[0]:p[1]]), info[p][1], ",".join(gl) or "O", text))
    def prf(t, p_, n_):
        P = t / (t + p_) if t + p_ else 0.0
        R = t / (t + n_) if t + n_ else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        return P, R, F
    print("label\tP\tR\tF1\ttp\tfp\tfn")
    for l in ("PER", "LOC", "ORG"):
        P, R, F = prf(tp[l], fp[l], fn[l])
        print(f"{l}\t{P:.3f}\t{R:.3f}\t{F:.3f}\t{tp[l]}\t{fp[l]}\t{fn[l]}")
    P, R, F = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"micro\t{P:.3f}\t{R:.3f}\t{F:.3f}\t{sum(tp.values())}\t{sum(fp.values())}\t{sum(fn.values())}")
    if a.errors:
        with open(a.errors, "w", encoding="utf-8") as f:
            f.write("kind\tlabel\tspan\tentry\tgold_overlap\tsentence\n")
            for e in sorted(errs):
                f.write("\t".join(e) + "\n")


if __name__ == "__main__":
    sys.exit(main())
