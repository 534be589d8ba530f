#!/usr/bin/env bash
# Time and memory of one huge document against its size: whole books, OCR'd newspaper
# volumes and concatenated dumps are single documents.
#
#   benches/huge_document.sh             documents of 1, 8, 64 and 300 MB
#   benches/huge_document.sh 1 32        documents of the sizes given, in MB
#   benches/huge_document.sh --names 1 8 32
#                                        documents of nothing but names: the worst case
#
# Builds the release binary, joins the articles of the generated 100 MB JSON Lines corpus (see
# benches/lib.sh), over again for a larger size, into one plain-text document of each size,
# paragraphs between them, and runs
# `navne tag --threads 1` on it with every rule layer and the shipped gazetteers, under
# /usr/bin/time. With --names, each document is a sentence and then `FN ` over and over: a
# listed name every three bytes, text as dense in mentions as text gets, whose rows (which a
# document's run holds until they are written) come to 30 bytes of CSV per byte of text. One
# row per size:
#
#   CPU s      user + system time of the whole run (the matcher build, about 0.6 s, included)
#   tag s      CPU s less that of the 1 MB run's start-up: a run on an empty document
#   per MB     tag s / MB, which stays flat when the time is linear in the size
#   RSS MB     peak resident memory
#   rows MB    with --names: the CSV written
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/lib.sh
names=0
case "${1:-}" in
    -h | --help) print_help "$0"; exit 0 ;;
    --names) names=1; shift ;;
esac
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 8 64 300)
for s in "${sizes[@]}"; do [[ "$s" =~ ^[0-9]+$ ]] || unknown_argument "$0" "$s"; done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build_release "$work" navne
[ "$names" = 1 ] || source_corpus=$(corpus jsonl 100)

# The CSV goes to a file only with --names, whose rows are the point; the file is emptied
# before each run.
rows=/dev/null
[ "$names" = 0 ] || rows=$work/rows.csv
run() { # FILE -> "cpu_s rss_kb"
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$work/navne" tag --threads 1 --quiet "$1" -o "$rows"
    awk '{printf "%.2f %d\n", $1 + $2, $3}' "$work/time"
}

: >"$work/empty.txt"
read -r startup _ < <(run "$work/empty.txt")
if [ "$names" = 1 ]; then
    printf '%-8s %8s %8s %8s %8s %8s\n' MB "CPU s" "tag s" "per MB" "RSS MB" "rows MB"
else
    printf '%-8s %8s %8s %8s %8s\n' MB "CPU s" "tag s" "per MB" "RSS MB"
fi
for s in "${sizes[@]}"; do
    if [ "$names" = 1 ]; then
        python3 - "$s" "$work/doc.txt" <<'PY'
import sys
mb, out = int(sys.argv[1]), sys.argv[2]
head = "Navnene er disse. "
with open(out, "w") as o:
    o.write(head + "FN " * ((mb * 1_000_000 - len(head)) // 3))
PY
        read -r cpu rss < <(run "$work/doc.txt")
        awk -v s="$s" -v c="$cpu" -v u="$startup" -v r="$rss" -v w="$(stat -c %s "$rows")" \
            'BEGIN {t = c - u; printf "%-8s %8.2f %8.2f %8.3f %8d %8d\n", s, c, t, t / s, r / 1024, w / 1e6}'
        continue
    fi
    python3 - "$source_corpus" "$s" "$work/doc.txt" <<'PY'
import json, sys
src, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
want, n = mb * 1_000_000, 0
texts = [json.loads(line)["text"] + "\n\n" for line in open(src)]
with open(out, "w") as o:
    while n < want:
        for t in texts:
            b = t.encode()
            if n + len(b) >= want:
                o.write(b[: want - n].decode("utf-8", "ignore"))
                n = want
                break
            o.write(t)
            n += len(b)
PY
    read -r cpu rss < <(run "$work/doc.txt")
    awk -v s="$s" -v c="$cpu" -v u="$startup" -v r="$rss" \
        'BEGIN {t = c - u; printf "%-8s %8.2f %8.2f %8.3f %8d\n", s, c, t, t / s, r / 1024}'
done
