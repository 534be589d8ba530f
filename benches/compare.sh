#!/usr/bin/env bash
# Whether one build of navne tags faster than another on one thread, on a machine whose speed
# moves from run to run.
#
#   benches/compare.sh OLD NEW              two navne binaries, 40 pairs on 20 MB
#   benches/compare.sh --rev OLD_REV        the binary of git revision OLD_REV against the
#                                           working tree's, both built in release mode (the
#                                           old one in target/compare/, a few minutes the
#                                           first time)
#   benches/compare.sh --pairs 60 --mb 100 OLD NEW
#
# Runs `navne tag --threads 1` on the generated JSON Lines corpus (see benches/lib.sh) with
# OLD, then at once with NEW, PAIRS times, and prints each binary's median MB/s (text bytes /
# tag s, from navne's summary line) and, per pair, NEW's MB/s / OLD's: their median, their
# geometric mean, and a 95 % bootstrap interval of the median. The runs of a pair are seconds
# apart, so a slow spell of the machine falls on both; on a machine shared with others the
# speed of single runs moves by half, and tens of pairs are needed to tell a change of a few
# per cent. An interval that holds 1 tells no difference.
#
# The outputs are not compared here; a diff of the two binaries' CSVs does that. For
# instruction counts, which do not move from run to run, see benches/layers.sh --instructions.
set -euo pipefail
cd "$(dirname "$0")/.."
# print_help, unknown_argument, build_release, summary_mbps, and corpus KIND MB
# (benches/lib.sh).
source benches/lib.sh

pairs=40
mb=20
rev=
bins=()
while [ $# -gt 0 ]; do
    case "$1" in
        --pairs) pairs=$2; shift 2 ;;
        --mb) mb=$2; shift 2 ;;
        --rev) rev=$2; shift 2 ;;
        -h|--help) print_help "$0"; exit 0 ;;
        -*) unknown_argument "$0" "$1" ;;
        *) bins+=("$1"); shift ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"; git worktree prune' EXIT

if [ -n "$rev" ]; then
    [ ${#bins[@]} -eq 0 ] || { echo "compare.sh: give --rev or two binaries, not both" >&2; exit 2; }
    echo "building the working tree's binary and that of $rev" >&2
    mkdir -p "$work/new" "$work/old"
    build_release "$work/new" navne
    git worktree add -q --detach "$work/tree" "$rev"
    # The old tree builds in a target directory of its own, kept for the next comparison.
    target=$PWD/target/compare
    (cd "$work/tree" && CARGO_TARGET_DIR="$target" build_release "$work/old" navne)
    git worktree remove --force "$work/tree"
    bins=("$work/old/navne" "$work/new/navne")
fi
if [ ${#bins[@]} -ne 2 ]; then
    echo "compare.sh: give two navne binaries, OLD and NEW, or --rev OLD_REV (see --help)" >&2
    exit 2
fi
old=${bins[0]}
new=${bins[1]}
jsonl=$(corpus jsonl "$mb")

# One run: the MB/s of navne's summary line; a run that prints none stops the script.
mbps() { # BINARY
    local out
    "$1" tag --threads 1 "$jsonl" -o /dev/null 2>"$work/stderr.txt" || true
    out=$(summary_mbps "$work/stderr.txt")
    if [ -z "$out" ]; then
        echo "compare.sh: $1 tag printed no summary line" >&2
        exit 1
    fi
    echo "$out"
}

echo "$pairs pairs of one-thread runs on $jsonl" >&2
for ((i = 1; i <= pairs; i++)); do
    o=$(mbps "$old")
    n=$(mbps "$new")
    echo "$o $n"
done >"$work/pairs.txt"

python3 - "$work/pairs.txt" "$old" "$new" <<'PY'
import random, statistics, sys
pairs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
old = [o for o, _ in pairs]
new = [n for _, n in pairs]
ratios = [n / o for o, n in pairs]
# The same resamples every run, so that a figure quoted can be made again.
random.seed(0)
medians = sorted(
    statistics.median(random.choices(ratios, k=len(ratios))) for _ in range(2000)
)
print(f"OLD {sys.argv[2]}: median {statistics.median(old):.1f} MB/s")
print(f"NEW {sys.argv[3]}: median {statistics.median(new):.1f} MB/s")
print(
    f"NEW / OLD over {len(pairs)} pairs: median {statistics.median(ratios):.3f}, "
    f"geometric mean {statistics.geometric_mean(ratios):.3f}, "
    f"95 % interval of the median {medians[50]:.3f}-{medians[1949]:.3f}"
)
PY
