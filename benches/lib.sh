# Helpers for the benchmark scripts; sourced, not run. Paths are relative to the repository's
# top, where the scripts run.
#
#   build_release DIR TARGET...
#                     builds the release binary `navne` and benchmark targets (`scan`) in one
#                     cargo run and copies them into DIR, so that every figure of a run comes
#                     from the same source tree even while it changes.
#   corpus KIND MB    prints the path of the corpus of MB megabytes, generating it first if
#                     it is missing. KIND: jsonl (one JSON Lines file), jsonl-gz (the same
#                     file gzipped) or txt (a directory of small .txt files).
#   summary_mbps FILE prints the MB/s of the last summary line navne wrote to FILE (its
#                     stderr), nothing if it wrote none.
#   print_help SCRIPT prints the comment block at the top of SCRIPT, up to `set -e`: its help.
#   unknown_argument SCRIPT ARG
#                     says SCRIPT was given an argument it does not know, and exits with 2.
#
# Corpora go to target/bench-corpus/ and are made by ../shared/tools/make-corpus.py, or the
# script $NAVNE_MAKE_CORPUS names; the same size always gives the same bytes.

corpora=target/bench-corpus
make_corpus=${NAVNE_MAKE_CORPUS:-../shared/tools/make-corpus.py}

# Generates a corpus under a temporary name first, so an interrupted run never leaves one that
# looks complete.
corpus() { # KIND(jsonl|jsonl-gz|txt) MB -> prints the path
    local kind=$1 size=$2 path
    case "$kind" in
        jsonl) path=$corpora/corpus-${size}mb.jsonl ;;
        jsonl-gz) path=$corpora/corpus-${size}mb.jsonl.gz ;;
        *) path=$corpora/corpus-${size}mb-txt ;;
    esac
    if [ ! -e "$path" ]; then
        mkdir -p "$corpora"
        rm -rf "$path.partial"
        echo "generating $path" >&2
        case "$kind" in
            jsonl) python3 "$make_corpus" --mb "$size" --jsonl "$path.partial" ;;
            # The plain file of the same size, compressed: the same documents, generated once.
            jsonl-gz) python3 -c 'import gzip, shutil, sys
with open(sys.argv[1], "rb") as src, gzip.open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)' "$(corpus jsonl "$size")" "$path.partial" ;;
            *) python3 "$make_corpus" --mb "$size" --out "$path.partial" ;;
        esac
        mv "$path.partial" "$path"
    fi
    echo "$path"
}

build_release() { # DIR TARGET...: `navne` and `--bench` targets, built and copied into DIR
    local dir=$1 target
    shift
    local args=()
    for target in "$@"; do
        case "$target" in
            navne) args+=(--bin navne) ;;
            *) args+=(--bench "$target") ;;
        esac
    done
    cargo build --release "${args[@]}" --message-format=json-render-diagnostics >"$dir/build.json"
    python3 - "$dir/build.json" "$dir" "$@" <<'PY'
import json, shutil, sys
wanted = set(sys.argv[3:])
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] in wanted:
        shutil.copy(m["executable"], f"{sys.argv[2]}/{m['target']['name']}")
PY
}

summary_mbps() { # FILE: the MB/s of navne's last summary line there
    # navne: 72546 documents, 99.1 MB, 660078 mentions (…), 0 skipped, 0.91 s, 109.4 MB/s
    grep '^navne: .* documents, ' "$1" | tail -n 1 | awk '{ print $(NF - 1) }'
}

print_help() { # SCRIPT: its leading comment block, without the `#`s
    sed -n '2,/^set -e/p' "$1" | sed '$d; s/^# \{0,1\}//'
}

unknown_argument() { # SCRIPT ARG
    echo "$(basename "$1"): unknown argument $2 (see --help)" >&2
    exit 2
}
