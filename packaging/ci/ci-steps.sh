#!/usr/bin/env bash
# ci-steps.sh: the steps of the CI examples next to it (github-workflow.yml,
# gitlab-ci.yml). Builds the labproto plugin and labcheck, checks every capture
# with a sidecar spec under $LABCHECK_CAPTURES, and writes a JUnit report to
# $LABCHECK_JUNIT for the CI to publish. tests/integration/test_packaging_ci.py
# runs the command lines of both examples, so they cannot rot.
#
# Usage: packaging/ci/ci-steps.sh [--install-deps]
#   --install-deps      first install the build dependencies without the GUI
#                       (Debian; as root, or with sudo)
#   LABCHECK_CAPTURES   captures and their specs (default: samples)
#   LABCHECK_JUNIT      the JUnit report (default: labcheck-junit.xml)
#   LABPROTO_BUILD_DIR  the build folder (default: build); an existing one is
#                       reused as configured
# Relative paths are relative to the repository. Exit status: labcheck's
# (0 all passed, 1 some failed, 2 spec or environment error).
set -euo pipefail
cd "$(dirname "$0")/../.."

case "${1:-}" in
  --install-deps) packaging/install-build-deps.sh --no-gui ;;
  "") ;;
  *) echo "usage: $0 [--install-deps]" >&2; exit 2 ;;
esac
captures=${LABCHECK_CAPTURES:-samples}
junit=${LABCHECK_JUNIT:-labcheck-junit.xml}
build=${LABPROTO_BUILD_DIR:-build}

# A fresh build needs neither the tests nor their dependencies.
configure=()
if [ ! -f "$build/CMakeCache.txt" ]; then configure=(-DBUILD_TESTING=OFF); fi
cmake -S . -B "$build" "${configure[@]}"
cmake --build "$build" -j"$(nproc)" --target labproto labcheck

"$build/tool/labcheck" --plugin-dir "$build/plugins" --junit "$junit" "$captures"
