#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzzers, with clang) into
# BUILD_DIR/fuzz/build and writes their seed corpora, from the sample
# captures, into BUILD_DIR/fuzz/seeds. ctest's fuzz.build and run-long.sh run it.
#
#   tests/fuzz/build-fuzzers.sh BUILD_DIR    (CLANGXX and CMAKE override clang++ and cmake)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$1/fuzz"

cmake=${CMAKE:-cmake}
"$cmake" -S "$here/fuzzers" -B "$out/build" -DCMAKE_CXX_COMPILER="${CLANGXX:-clang++}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo
"$cmake" --build "$out/build" -j"$(nproc)"
rm -rf "$out/seeds"
/usr/bin/python3 "$here/make_seeds.py" "$here/../../samples/captures" "$out/seeds"
