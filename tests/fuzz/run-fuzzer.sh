#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS over its seed corpus, growing its own
# corpus in BUILD_DIR/fuzz/corpus/TARGET. A crash, sanitizer report, broken
# invariant, leak, 10 s input or 2 GB RSS fails the run; the input is kept as
# BUILD_DIR/fuzz/artifacts/TARGET-crash-* (replay: BUILD_DIR/fuzz/build/TARGET FILE).
#
#   tests/fuzz/run-fuzzer.sh BUILD_DIR TARGET SECONDS [libFuzzer options...]
set -euo pipefail

out="$1/fuzz"
target="$2"
seconds="$3"
shift 3

# Inputs that once found a bug (committed, replayed on every run).
regressions="$(cd "$(dirname "$0")" && pwd)/regressions/$target"

mkdir -p "$out/corpus/$target" "$out/artifacts"
corpora=("$out/corpus/$target" "$out/seeds/$target")
if [ -d "$regressions" ]; then corpora+=("$regressions"); fi
exec "$out/build/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" "$@" "${corpora[@]}"
