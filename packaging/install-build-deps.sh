#!/usr/bin/env bash
# Installs what building and testing labproto needs on Debian 12 or later, or
# Ubuntu 22.04 or later (packaging/test-on.sh runs it in each supported release).
# --no-gui leaves out Wireshark's GUI and the X server its test needs (CI jobs
# that only build and run labcheck).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libwireshark-dev wireshark-dev tshark libglib2.0-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev
  python3 python3-pytest python3-scapy python3-yaml
  util-linux iproute2 tcpdump clang-format clang
  # style.clang-tidy runs where this is LLVM 14 (Debian 12, Ubuntu 22.04)
  clang-tidy
  # the .deb (CPack runs file and dpkg-shlibdeps) and labcheck(1)
  dpkg-dev file help2man
  # labcheck's JUnit reports are validated against a schema (test_labcheck_class.py)
  libxml2-utils
  # bench/run.py (bench.smoke in ctest): GNU time for peak RSS, the chart
  time python3-matplotlib
  # tests/network: impairment on a router namespace (NFQUEUE, TEE)
  iptables libnetfilter-queue-dev
  # packaging/test-on.sh (CI's Wireshark 4.6 leg): roots of other releases
  debootstrap
)
gui_packages=(
  # the GUI test: Wireshark itself (Qt) under a virtual X server, Korean fonts for
  # the lab's text, pdftotext to read back the flow graph the GUI exports
  wireshark xvfb xdotool fonts-nanum poppler-utils
)

# The sanitizer and libFuzzer runtimes (tests/fuzz): libclang-rt-dev since LLVM 15;
# Ubuntu 22.04's LLVM 14 ships them in libclang-common-14-dev, which clang needs.
# shellcheck disable=SC1091 # the running system's
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ "$codename" != jammy ]; then packages+=(libclang-rt-dev); fi

case "${1:-}" in
  --no-gui) ;;
  "") packages+=("${gui_packages[@]}") ;;
  *) echo "usage: $0 [--no-gui]" >&2; exit 2 ;;
esac

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
