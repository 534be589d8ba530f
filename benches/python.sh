#!/usr/bin/env bash
# The Python package's speed against the command line's, on the same texts.
#
#   benches/python.sh              20 MB JSON Lines corpus, best of 3 runs each
#   benches/python.sh --mb 50      another size
#   benches/python.sh --runs 5     best of 5
#
# Builds the release binary and the wheel (maturin, in target/python-venv, which
# `cargo test --release` also uses: made here if missing), generates the corpus with
# ../shared/tools/make-corpus.py if missing (benches/lib.sh), then prints MB/s of:
#
#   cli 1 thread      `navne tag --threads 1` on the file, CSV to /dev/null: text bytes / the
#                     pipeline's seconds, from navne's summary line (reading, parsing, tagging
#                     and writing; not the matcher's build)
#   pipe              `Tagger.pipe(texts)` over the same texts, already in a Python list (the
#                     JSON is parsed before the clock starts, as the tagger is built), counting
#                     the mentions of each text without reading their fields: rayon's threads,
#                     one per core
#   pipe, fields      the same, reading every field of every mention (start, end, text, label,
#                     entity_id, canonical, method)
#   pipe, 1 thread    `pipe` with RAYON_NUM_THREADS=1, fields read: one core, as the CLI's row
#
# and each as a ratio of the CLI's one-thread MB/s. The target: `pipe` ≥ 0.7 of it.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/lib.sh

mb=20
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) print_help "$0"; exit 0 ;;
        *) unknown_argument "$0" "$1" ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building the release binary" >&2
build_release "$work" navne
navne=$work/navne

venv=target/python-venv
if [ ! -x "$venv/bin/maturin" ]; then
    echo "making $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check maturin==1.16.0
fi
echo "building the wheel" >&2
"$venv/bin/maturin" build --release --quiet --out "$work/wheels" \
    --manifest-path bindings/python/Cargo.toml >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "$work"/wheels/*.whl

jsonl=$(corpus jsonl "$mb")

best=0
for ((i = 0; i < runs; i++)); do
    "$navne" tag --threads 1 --progress none "$jsonl" >/dev/null 2>"$work/stderr.txt"
    mbps=$(summary_mbps "$work/stderr.txt")
    best=$(awk -v a="$best" -v b="$mbps" 'BEGIN { print (b > a ? b : a) }')
done
echo "cli 1 thread: $best MB/s" >&2

cat >"$work/pipe.py" <<'PY'
import json, sys, time
import navne

path, runs, fields = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "fields"
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
tagger = navne.Tagger()
best = 0.0
for _ in range(runs):
    started = time.perf_counter()
    n = 0
    if fields:
        for mentions in tagger.pipe(texts):
            for m in mentions:
                m.start, m.end, m.text, m.label, m.entity_id, m.canonical, m.method
            n += len(mentions)
    else:
        for mentions in tagger.pipe(texts):
            n += len(mentions)
    best = max(best, mb / (time.perf_counter() - started))
print(f"{best:.1f} {mb:.1f} {len(texts)} {n}")
PY
read -r pipe mbs docs mentions < <("$venv/bin/python" "$work/pipe.py" "$jsonl" "$runs" count)
read -r fields _ _ _ < <("$venv/bin/python" "$work/pipe.py" "$jsonl" "$runs" fields)
read -r one _ _ _ < <(RAYON_NUM_THREADS=1 "$venv/bin/python" "$work/pipe.py" "$jsonl" "$runs" fields)

echo "corpus: $jsonl ($mbs MB, $docs documents, $mentions mentions); $(nproc) cores; best of $runs"
awk -v cli="$best" -v pipe="$pipe" -v fields="$fields" -v one="$one" 'BEGIN {
    printf "%-32s %8s %10s\n", "", "MB/s", "× cli"
    printf "%-32s %8.1f %10.2f\n", "navne tag --threads 1", cli, 1
    printf "%-32s %8.1f %10.2f\n", "Tagger.pipe", pipe, pipe / cli
    printf "%-32s %8.1f %10.2f\n", "Tagger.pipe, every field read", fields, fields / cli
    printf "%-32s %8.1f %10.2f\n", "Tagger.pipe, 1 thread, fields", one, one / cli
    printf "target: Tagger.pipe >= 0.7 x cli: %s\n", (pipe / cli >= 0.7 ? "holds" : "does not hold")
}'
