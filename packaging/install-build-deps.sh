#!/usr/bin/env bash
# Installs what building and testing labproto needs on Debian 12 (or later).
# --no-gui leaves out Wireshark's GUI and the X server its test needs (CI jobs
# that only build and run labcheck).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libwireshark-dev wireshark-dev tshark libglib2.0-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev
  python3 python3-pytest python3-scapy python3-yaml
  util-linux iproute2 tcpdump clang-format clang libclang-rt-dev
  # the .deb (CPack runs file and dpkg-shlibdeps) and labcheck(1)
  dpkg-dev file help2man
  # bench/run.py (bench.smoke in ctest): GNU time for peak RSS, the chart
  time python3-matplotlib
  # tests/network: impairment on a router namespace (NFQUEUE, TEE)
  iptables libnetfilter-queue-dev
)
gui_packages=(
  # the GUI test: Wireshark itself (Qt) under a virtual X server
  wireshark xvfb xdotool
)

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
