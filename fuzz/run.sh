#!/bin/sh
# Fuzzes one target: `fuzz/run.sh TARGET [SECONDS] [LIBFUZZER-FLAG]...`, from anywhere.
#
# TARGET is one of reader, gazetteer, gold, tagger. The run starts from the kept seeds in
# tests/data/fuzz/TARGET (read, never written) and grows its own corpus in fuzz/corpus/TARGET;
# it uses the target's dictionary of tokens, fuzz/dict/TARGET.dict, and stops after SECONDS
# (default 600), or at the first failure, which libFuzzer saves in fuzz/artifacts/TARGET.
#
# cargo-fuzz asks for nightly compiler flags; RUSTC_BOOTSTRAP=1 lets the stable compiler take
# them. The run is niced: it is meant to share the machine.
set -eu
target=${1:?usage: fuzz/run.sh reader|gazetteer|gold|tagger [SECONDS] [LIBFUZZER-FLAG]...}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift $#
cd "$(dirname "$0")"
mkdir -p "corpus/$target"
exec env RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz run "$target" \
    "corpus/$target" "../tests/data/fuzz/$target" -- \
    -dict="dict/$target.dict" -max_total_time="$seconds" -print_final_stats=1 "$@"
