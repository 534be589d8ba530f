#!/usr/bin/env bash
# What each rule layer costs in speed and earns in quality, for choosing `--without` on a
# large corpus.
#
#   benches/layers.sh                20 MB JSON Lines file, 9 rounds
#   benches/layers.sh --mb 100       a larger corpus
#   benches/layers.sh --runs 15      more rounds
#   benches/layers.sh --instructions also count instructions under valgrind (~2 min)
#
# Builds the release binary, generates the JSON Lines corpus if it is missing (see
# benches/lib.sh), and runs `navne tag --threads 1` on it (the CSV on stdout, discarded) with
# every rule layer, with each layer switched off in turn (`--without LAYER`), and with none
# (`--without all`). The runs go in rounds, one run of each setting per round, so that a slow
# spell of the machine falls on every setting alike. Then each setting is scored with
# `navne eval` on the dev split of Universal NER Danish-DDT ($NAVNE_DEV, by default
# ../shared/data/uner-da-ddt/da_ddt-ud-dev.iob2). One row per setting:
#
#   MB/s       text bytes / tag s, from navne's summary line: the median over the rounds
#   time %     the setting's time per MB, in % of the time with every layer
#   mentions   rows written
#   dev F1     micro F1 on the dev split (exact spans and labels)
#   M instr/MB with --instructions: instructions of `Pipeline::run` per MB (10^6 bytes) of the
#              documents' text, counted by valgrind's callgrind on the 5 MB corpus (4.954 MB
#              of text). Unlike times, these do not move from run to run, and tell
#              differences of a few per cent apart.
#
# With --instructions, the table is followed by the two targets on instructions and whether
# each holds: the whole one-thread run at most 40 M per MB, the rule pass (every layer less
# none) at most 20 M.
#
# Each dev sentence is a document of its own, so the layers that look across a document
# (aliases, consistency, much of context) can add little there; the corpus's articles are
# whole documents.
set -euo pipefail
cd "$(dirname "$0")/.."
# print_help, unknown_argument, build_release, and corpus KIND MB: the generated corpus's
# path (benches/lib.sh).
source benches/lib.sh

mb=20
runs=9
instructions=0
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --instructions) instructions=1; shift ;;
        -h|--help) print_help "$0"; exit 0 ;;
        *) unknown_argument "$0" "$1" ;;
    esac
done
dev=${NAVNE_DEV:-../shared/data/uner-da-ddt/da_ddt-ud-dev.iob2}
if [ ! -f "$dev" ]; then
    echo "layers.sh: no dev split at $dev (set NAVNE_DEV)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building the release binary" >&2
build_release "$work" navne
navne=$work/navne
jsonl=$(corpus jsonl "$mb")

# The settings: the layer switched off, or none.
settings=(none person-patterns title-patterns org-patterns place-patterns context consistency aliases all)
without() { [ "$1" = none ] || echo "--without=$1"; }

# Every run: setting MB/s mentions
all_runs=$work/runs.txt
: >"$all_runs"
for ((round = 1; round <= runs; round++)); do
    echo "round $round of $runs" >&2
    for s in "${settings[@]}"; do
        # shellcheck disable=SC2046 # `without` prints one word or none
        "$navne" tag --threads 1 $(without "$s") "$jsonl" >/dev/null 2>"$work/stderr.txt" || {
            echo "navne tag failed on $jsonl:" >&2
            cat "$work/stderr.txt" >&2
            exit 1
        }
        # navne: 72546 documents, 99.1 MB, 660078 mentions (…), 0 skipped, 0.91 s, 109.4 MB/s
        grep '^navne: .* documents, ' "$work/stderr.txt" | tail -n 1 |
            awk -v s="$s" '{ print s, $(NF - 1), $6 }' >>"$all_runs"
    done
done

# Micro F1 on the dev split, per setting.
for s in "${settings[@]}"; do
    # shellcheck disable=SC2046
    "$navne" eval --json $(without "$s") "$dev" |
        python3 -c 'import json, sys; print(sys.argv[1], "%.3f" % json.load(sys.stdin)["micro"]["f1"])' "$s"
done >"$work/f1.txt"

# Instructions per MB, per setting, if asked for.
: >"$work/instructions.txt"
if [ $instructions = 1 ]; then
    command -v valgrind >/dev/null || {
        echo "layers.sh: --instructions needs valgrind (apt-get install valgrind)" >&2
        exit 2
    }
    small=$(corpus jsonl 5)
    # The MB of text, exactly: the summary line rounds it to a tenth (5.0 for 4.954), which
    # would put every figure a per cent off.
    text_mb=$(python3 -c 'import json, sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1], encoding="utf-8")) / 1e6)' "$small")
    for s in "${settings[@]}"; do
        echo "counting instructions: $s" >&2
        # shellcheck disable=SC2046
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
            --toggle-collect='*Pipeline*run*' "$navne" tag --threads 1 $(without "$s") "$small" \
            >/dev/null 2>"$work/valgrind.txt" || {
            echo "navne tag under valgrind failed on $small:" >&2
            cat "$work/valgrind.txt" >&2
            exit 1
        }
        collected=$(awk '/Collected :/ { print $4 }' "$work/valgrind.txt")
        awk -v s="$s" -v n="$collected" -v mb="$text_mb" 'BEGIN { printf "%s %.1f\n", s, n / 1e6 / mb }'
    done >"$work/instructions.txt"
fi

echo
echo "navne tag --threads 1 on $jsonl, median of $runs rounds; dev micro F1 on $dev"
echo
python3 - "$all_runs" "$work/f1.txt" "$work/instructions.txt" "${settings[@]}" <<'EOF'
import statistics, sys
runs, f1s, counts, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
speed, mentions = {}, {}
for line in open(runs):
    s, mbps, n = line.split()
    speed.setdefault(s, []).append(float(mbps))
    mentions[s] = int(n)
f1 = dict(line.split() for line in open(f1s))
instr = dict(line.split() for line in open(counts))
every = statistics.median(speed["none"])
head = f"{'switched off':<18} {'MB/s':>7} {'time %':>7} {'mentions':>10} {'dev F1':>7}"
print(head + (f" {'M instr/MB':>11}" if instr else ""))
for s in settings:
    mbps = statistics.median(speed[s])
    name = "(none)" if s == "none" else s
    row = f"{name:<18} {mbps:>7.1f} {100 * every / mbps:>6.0f}% {mentions[s]:>10} {f1[s]:>7}"
    print(row + (f" {instr[s]:>11}" if instr else ""))
if instr:
    # Setting "none" switches nothing off; "all" switches every layer off.
    whole, gazetteer_pass = float(instr["none"]), float(instr["all"])
    rules = whole - gazetteer_pass
    holds = lambda ok: "holds" if ok else "DOES NOT HOLD"
    print()
    print("targets (instructions of Pipeline::run per MB of text):")
    print(f"  the whole one-thread run, every layer: {whole:.1f} M  (<= 40: {holds(whole <= 40)})")
    print(f"  the rule pass, every layer less none: {rules:.1f} M  (<= 20: {holds(rules <= 20)})")
EOF
