#!/usr/bin/env bash
# End-to-end throughput of `navne tag`, measured on generated corpora.
#
#   benches/throughput.sh                 100 MB JSON Lines file (plain and gzipped) and 100 MB
#                                         of small .txt files
#   benches/throughput.sh --mb 20         smaller corpora
#   benches/throughput.sh --rss-check     also a 1000 MB JSON Lines file, for peak memory
#   benches/throughput.sh --runs 5        best of 5 runs per row (default 3; 1 for 1000 MB)
#
# Builds the release binary, generates missing corpora into target/bench-corpus/ with
# ../shared/tools/make-corpus.py (or $NAVNE_MAKE_CORPUS), runs `navne tag --threads 1` and
# `--threads 2` on each, one after the other in each round (the CSV on stdout, discarded), and
# prints one row per input and number of threads, from the fastest of its runs. Each input is
# tagged once, untimed, before its runs, so that every timed run reads it from the page
# cache. The `jsonl-gz` rows read the same JSON Lines gzipped, as archives are often kept: the
# reading thread inflates it as it goes. The `no-rules` rows run the JSON Lines file again with
# `--without all`: the gazetteer pass end to end, without the Danish rule layers, which shows
# what the rules cost.
#
#   wall s     the whole process under /usr/bin/time (start-up and matcher build included)
#   CPU s      user + system time of the whole process: near wall s × threads when the
#              threads are kept busy
#   tag s      the pipeline alone, from navne's summary line (reading, tagging, writing)
#   MB/s       text bytes / tag s, as navne's summary line reports it
#   med MB/s   the median over the runs (the 2-thread target is judged on medians)
#   docs/s     documents / tag s
#   RSS MB     peak resident set size of the process (the highest of the runs)
#   others %   CPU time other processes used during the run, in % of all cores over its
#              wall time (from /proc/stat): above a few %, other work shared the cores, which
#              slows every figure and the two-thread ones most
#
# then the 2-thread/1-thread speedup (of the best runs, of the medians, and the median of the
# rounds' ratios), and the reference: a plain aho-corasick scan of the same JSON Lines
# documents with the matcher's patterns (`cargo bench --bench scan -- --raw FILE`,
# see benches/scan.rs; it also times the tagger alone on those documents), against which
# one-thread tagging is compared, by the best runs of each and by pairs of runs made one
# right after the other. Last, the project's targets, each marked as holding or not.
set -euo pipefail
cd "$(dirname "$0")/.."
# print_help, unknown_argument, build_release, and corpus KIND MB: the generated corpus's
# path (benches/lib.sh).
source benches/lib.sh

mb=100
runs=3
rss_check=0
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --rss-check) rss_check=1; shift ;;
        -h|--help) print_help "$0"; exit 0 ;;
        *) unknown_argument "$0" "$1" ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Peak RSS: GNU time where it exists; otherwise Python's getrusage of the child, which reads
# the same kernel counter.
if [ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null; then
    timer=gnu
else
    timer=python
    echo "note: /usr/bin/time (GNU time) not found; install it with 'apt-get install time'." >&2
    echo "      Measuring wall time and peak RSS with Python's resource.getrusage instead." >&2
fi

# run_timed OUT_TIMES CMD...: runs CMD, leaves "wall_s peak_rss_kb cpu_s" in OUT_TIMES.
run_timed() {
    local times=$1
    shift
    if [ $timer = gnu ]; then
        /usr/bin/time -v -o "$work/time.txt" "$@"
        awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
            /Maximum resident set size/ { rss = $2 }
            /User time|System time/ { cpu += $2 }
            END { print s, rss, cpu }' "$work/time.txt" >"$times"
    else
        python3 - "$times" "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
code = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t
with open(sys.argv[1], "w") as f:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    f.write(f"{wall:.2f} {r.ru_maxrss} {r.ru_utime + r.ru_stime:.2f}\n")
sys.exit(code)
EOF
    fi
}

# Other work on the machine slows every figure, the two-thread ones most: the load averages
# before and after are printed with the table, and each row says how busy the other processes
# kept the cores.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "building the release binary and the scan reference" >&2
build_release "$work" navne scan
navne=$work/navne
scan=$work/scan

jsonl=$(corpus jsonl "$mb")
jsonl_gz=$(corpus jsonl-gz "$mb")
txt=$(corpus txt "$mb")
# name path runs [extra navne tag arguments]
inputs=(
    "jsonl-${mb}mb $jsonl $runs"
    "jsonl-gz-${mb}mb $jsonl_gz $runs"
    "txt-${mb}mb $txt $runs"
    "no-rules-${mb}mb $jsonl $runs --without=all"
)
if [ $rss_check = 1 ]; then
    inputs+=("jsonl-1000mb $(corpus jsonl 1000) 1")
fi

# Busy CPU time of the whole machine so far, in clock ticks (user nice system irq softirq steal).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
ticks_per_s=$(getconf CLK_TCK)
cores=$(nproc)

# Every run: input threads wall_s tag_s MB MB/s docs/s RSS_MB docs others_% cpu_s
all_runs=$work/runs.txt
: >"$all_runs"
# tag_failed PATH: says that navne failed on PATH, with its messages, and stops.
tag_failed() {
    echo "navne tag failed on $1:" >&2
    cat "$work/stderr.txt" >&2
    exit 1
}
for spec in "${inputs[@]}"; do
    read -r name path n extra <<<"$spec"
    # One run first, not timed, that reads the input into the page cache: the first timed run
    # of the 72,546 small `.txt` files otherwise read them from disk, seven times as slow as the
    # runs after it, and pulled the one-thread median down.
    "$navne" tag --threads 2 ${extra:+"$extra"} "$path" >/dev/null 2>"$work/stderr.txt" || tag_failed "$path"
    # One-thread and two-thread runs alternate, so that a slow spell of the machine, which
    # lasts minutes, falls on both alike and the speedup compares runs seconds apart.
    for ((i = 0; i < n; i++)); do
        for threads in 1 2; do
            busy_before=$(busy_ticks)
            # The CSV goes to stdout, discarded. Not `-o /dev/null`: -o writes a temporary file
            # beside its destination and renames it over it, which would replace /dev/null.
            run_timed "$work/times.txt" "$navne" tag --threads "$threads" ${extra:+"$extra"} "$path" >/dev/null 2>"$work/stderr.txt" || tag_failed "$path"
            read -r wall rss cpu <"$work/times.txt"
            others=$(awk -v b="$busy_before" -v a="$(busy_ticks)" -v hz="$ticks_per_s" -v cpu="$cpu" -v wall="$wall" -v n="$cores" \
                'BEGIN { o = (a - b) / hz - cpu; if (o < 0) o = 0; printf "%.0f", (wall > 0 ? 100 * o / (wall * n) : 0) }')
            # navne: 72546 documents, 99.1 MB, 660078 mentions (…), 0 skipped, 0.91 s, 109.4 MB/s
            grep '^navne: .* documents, ' "$work/stderr.txt" | tail -n 1 |
                awk -v name="$name" -v threads="$threads" -v wall="$wall" -v rss="$rss" -v others="$others" -v cpu="$cpu" '{
                    docs = $2; mb = $4; mbps = $(NF - 1)
                    secs = mbps > 0 ? mb / mbps : 0
                    printf "%s %d %.2f %.2f %.1f %.1f %.0f %.0f %d %s %.2f\n", name, threads, wall, secs, mb, mbps,
                        (secs > 0 ? docs / secs : 0), rss / 1024, docs, others, cpu
                }' | tee -a "$all_runs" | sed 's/^/  /' >&2
        done
    done
done
# One row per (input, threads): the fastest run, with the highest peak RSS of all its runs and
# the median MB/s of its runs appended.
results=$work/results.txt
awk '{ k = $1 " " $2; order[k] = order[k] ? order[k] : ++n
       if (!(k in best) || $6 > mbps[k]) { best[k] = $0; mbps[k] = $6 }
       if ($8 > rss[k]) rss[k] = $8
       all[k, ++count[k]] = $6 }
     END { for (k in best) {
               c = count[k]
               for (i = 1; i <= c; i++) v[i] = all[k, i]
               for (i = 2; i <= c; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
               median = c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
               split(best[k], f); f[8] = rss[k]
               print order[k], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], median } }' "$all_runs" |
    sort -n | cut -d' ' -f2- >"$results"

echo "scan reference on $jsonl" >&2
"$scan" --raw "$jsonl" --runs "$runs" >"$work/scan.txt" 2>"$work/scan-err.txt" || {
    cat "$work/scan-err.txt" >&2
    exit 1
}
scan_mbps=$(awk '/^scan best:/ { print $3 }' "$work/scan.txt")
tag_only_mbps=$(awk '/^tag:/ { print $2 }' "$work/scan.txt")
gazetteer_only_mbps=$(awk '/^tag, gazetteer pass only:/ { print $5 }' "$work/scan.txt")
# Paired runs: the one-thread target compares two speeds of one machine, and other work on
# it can slow a run by tens of percent from one minute to the next, more than the rows above
# and the reference, minutes apart, would tell. So `runs` more `navne tag --threads 1` runs on
# the JSON Lines file are each followed at once by a scan of the kind that scanned fastest
# above (`--kind`), and the median of the pairs' ratios is given beside the ratio of the best
# runs.
best_kind=$(awk '/^scan best:/ { gsub(/[()]/, "", $5); print $5 }' "$work/scan.txt")
pairs=$work/pairs.txt
: >"$pairs"
echo "paired runs: navne tag --threads 1, then scan $best_kind" >&2
for ((i = 0; i < runs; i++)); do
    "$navne" tag --threads 1 "$jsonl" >/dev/null 2>"$work/stderr.txt"
    t=$(summary_mbps "$work/stderr.txt")
    s=$("$scan" --raw "$jsonl" --runs 1 --kind "$best_kind" 2>/dev/null | awk '/^scan best:/ { print $3 }')
    echo "$t $s" | tee -a "$pairs" | sed 's/^/  /' >&2
done
# median_ratio [FILE]: the median of A / B over lines `A B`.
median_ratio() {
    awk '{ r[NR] = $1 / $2 }
        END { n = NR
              for (i = 2; i <= n; i++) for (j = i; j > 1 && r[j - 1] > r[j]; j--) { t = r[j]; r[j] = r[j - 1]; r[j - 1] = t }
              printf "%.2f", n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2 }' "$@"
}
paired=$(median_ratio "$pairs")
stats=$("$navne" gazetteer stats)
build_s=$(awk '/built in/ { print $(NF - 1) }' <<<"$stats")
patterns=$(awk '/^automaton:/ { print $2 }' <<<"$stats")

echo
echo "navne tag, best of $runs runs$([ $rss_check = 1 ] && echo ' (1000 MB: one run)'), $cores cores, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src gazetteers || echo ' + uncommitted changes to src/ or gazetteers/')"
echo "load average (1, 5, 15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
awk 'BEGIN { printf "%-14s %7s %7s %7s %7s %7s %8s %8s %8s %8s %8s %8s\n", "input", "threads", "wall s", "CPU s", "tag s", "MB", "MB/s", "med MB/s", "docs/s", "RSS MB", "docs", "others %" }
     { printf "%-14s %7d %7.2f %7.2f %7.2f %7.1f %8.1f %8.1f %8.0f %8.0f %8d %8s\n", $1, $2, $3, $11, $4, $5, $6, $12, $7, $8, $9, $10 }' "$results"
echo
awk '$2 == 1 { one[$1] = $6; one_med[$1] = $12 } $2 == 2 { two[$1] = $6; two_med[$1] = $12 }
     END { for (k in one) if (k in two) printf "speedup 2/1 threads, %-14s %.2fx (best runs), %.2fx (medians)\n", k":", two[k] / one[k], two_med[k] / one_med[k] }' "$results" | sort
echo
echo "scan reference (aho-corasick find_iter, leftmost-longest, $patterns patterns) on $jsonl:"
sed 's/^/  /' "$work/scan.txt"
echo

# The targets. Each line: the figure, the bound, and whether it holds.
verdict() { awk -v v="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == ">=" ? v >= b : v < b); print (ok ? "holds" : "DOES NOT HOLD") }'; }
tag1=$(awk -v n="jsonl-${mb}mb" '$1 == n && $2 == 1 { print $6 }' "$results")
ratio=$(awk -v t="$tag1" -v s="$scan_mbps" 'BEGIN { printf "%.2f", t / s }')
tag_only_ratio=$(awk -v t="$tag_only_mbps" -v s="$scan_mbps" 'BEGIN { printf "%.2f", t / s }')
echo "targets:"
echo "  navne tag --threads 1 / raw scan (jsonl-${mb}mb): $tag1 / $scan_mbps MB/s = $ratio  (>= 0.6: $(verdict "$ratio" ">=" 0.6))"
echo "    paired, median of $runs runs each followed by a scan: $paired  (>= 0.6: $(verdict "$paired" ">=" 0.6))"
echo "    (tagger alone, no I/O, same documents: $tag_only_mbps MB/s = $tag_only_ratio of the scan)"
gazetteer_only_ratio=$(awk -v t="$gazetteer_only_mbps" -v s="$scan_mbps" 'BEGIN { printf "%.2f", t / s }')
echo "    (gazetteer pass alone, no rule layers, no I/O: $gazetteer_only_mbps MB/s = $gazetteer_only_ratio of the scan)"
no_rules1=$(awk -v n="no-rules-${mb}mb" '$1 == n && $2 == 1 { print $6 }' "$results")
no_rules_ratio=$(awk -v t="$no_rules1" -v s="$scan_mbps" 'BEGIN { printf "%.2f", t / s }')
echo "    (navne tag --without all --threads 1, end to end, no rule layers: $no_rules1 MB/s = $no_rules_ratio of the scan)"
for name in "jsonl-${mb}mb" "txt-${mb}mb"; do
    s=$(awk -v n="$name" '$1 == n && $2 == 1 { o = $12 } $1 == n && $2 == 2 { t = $12 } END { printf "%.2f", t / o }' "$results")
    echo "  2 threads / 1 thread ($name, medians): ${s}x  (>= 1.8: $(verdict "$s" ">=" 1.8))"
    # Each two-thread run over the one-thread run right before it: the median of the rounds.
    p=$(awk -v n="$name" '$1 == n && $2 == 1 { one = $6 } $1 == n && $2 == 2 { print $6, one }' "$all_runs" |
        median_ratio)
    echo "    paired, median of the rounds' ratios: ${p}x  (>= 1.8: $(verdict "$p" ">=" 1.8))"
done
if [ $rss_check = 1 ]; then
    for threads in 1 2; do
        r=$(awk -v n="jsonl-${mb}mb" -v t="$threads" '$1 == n && $2 == t { a = $8 } $1 == "jsonl-1000mb" && $2 == t { b = $8 } END { printf "%.2f", b / a }' "$results")
        echo "  peak RSS 1000 MB / ${mb} MB JSON Lines, $threads thread(s): $r  (<= 1.10: $(verdict "$r" "<" 1.1000001))"
    done
fi
echo "  matcher build (navne gazetteer stats): $build_s s  (< 1 s: $(verdict "$build_s" "<" 1))"
