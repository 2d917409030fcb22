#!/usr/bin/env bash
# Longer fuzzing than ctest's minute: each libFuzzer target for SECONDS
# (default 600) on every core, then test_capture_fuzz.py with ROUNDS (default
# 100) seeded editcap mutation rounds from seed 1000 on and 5000 randpkt
# packets. Findings stay in BUILD_DIR/fuzz/artifacts and
# BUILD_DIR/capture-fuzz-failures. BUILD_DIR is a configured and built tree
# (the ASan plugin included, -DLABPROTO_ASAN_PLUGIN=ON, the default).
#
#   tests/fuzz/run-long.sh BUILD_DIR [SECONDS] [ROUNDS]
#
# Replay: BUILD_DIR/fuzz/build/TARGET FILE; one capture round:
#   LABPROTO_CAPTURE_FUZZ_SEED=N LABPROTO_CAPTURE_FUZZ_ROUNDS=1 pytest test_capture_fuzz.py
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-600}
rounds=${3:-100}

"$here/build-fuzzers.sh" "$build"
status=0
for target in framing_fuzzer heuristic_fuzzer text_fuzzer connection_fuzzer; do
    echo "=== $target: $seconds s"
    "$here/run-fuzzer.sh" "$build" "$target" "$seconds" -fork="$(nproc)" || status=1
done

echo "=== capture fuzzing: $rounds rounds"
cd "$here/../integration"
LABPROTO_BUILD_DIR="$build" LABPROTO_SOURCE_DIR="$here/../.." \
    LABPROTO_CAPTURE_FUZZ_ROUNDS="$rounds" LABPROTO_CAPTURE_FUZZ_SEED=1000 \
    LABPROTO_CAPTURE_FUZZ_RANDPKT=5000 \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider test_capture_fuzz.py || status=1
exit "$status"
