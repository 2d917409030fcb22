#!/usr/bin/env bash
# test-on-trixie.sh: builds labproto against Wireshark 4.4 and runs its test
# suite there, in a Debian 13 (trixie) root made with debootstrap.
#
# Usage, as root on a Debian machine with debootstrap:
#   packaging/test-on-trixie.sh [ROOT]
#     ROOT     the trixie root (default /var/tmp/labproto-trixie/root). An existing
#              root is reused, so only the first run pays for debootstrap.
#   REV=commit            what to build (default HEAD; uncommitted changes are not)
#   MIRROR=URL            Debian mirror (default http://deb.debian.org/debian)
#   BUILD_TARGETS="..."   what to build (default: all); "labproto" builds only
#                         the plugin and then runs only its tests
#   CTEST_ARGS="..."      ctest arguments (default: -E style, as trixie's newer
#                         clang-format formats differently from bookworm's)
#
# The committed tree (git archive of REV, default HEAD) is unpacked in ROOT/src
# and built in ROOT/build with the root's own packages, installed by
# packaging/install-build-deps.sh. Slow (about 700 MB of packages the first
# time), so it is not part of ctest. The last lines say which Wireshark was
# tested and the ctest summary; the exit status is ctest's.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "test-on-trixie.sh: run as root (debootstrap and chroot need it)" >&2
  exit 2
fi

src=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/var/tmp/labproto-trixie/root}
mirror=${MIRROR:-http://deb.debian.org/debian}
targets=${BUILD_TARGETS:-all}
rev=$(git -C "$src" rev-parse --short "${REV:-HEAD}")
read -r -a ctest_args <<<"${CTEST_ARGS--E style[.]}"

if [ ! -x "$root/usr/bin/apt-get" ]; then
  echo "== debootstrap trixie into $root"
  mkdir -p "$root"
  debootstrap --variant=minbase trixie "$root" "$mirror"
fi

# Only /proc is mounted (debootstrap made the /dev nodes), and always
# unmounted again, so removing the root can never reach the host.
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"

in_root() {
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

echo "== unpacking $rev of $src in $root/src"
rm -rf "$root/src" "$root/build"
mkdir -p "$root/src"
git -C "$src" archive "$rev" | tar -C "$root/src" -xf -

echo "== installing build dependencies in the root"
in_root /src/packaging/install-build-deps.sh

# shellcheck disable=SC2016 # ${Version} is dpkg-query's, not the shell's
wireshark=$(in_root dpkg-query -W -f '${Version}' tshark)
echo "== building against Wireshark $wireshark"
in_root cmake -S /src -B /build -DCMAKE_BUILD_TYPE=RelWithDebInfo
for target in $targets; do
  in_root cmake --build /build -j"$(nproc)" --target "$target"
done

# With only the plugin built, run only the tests that need nothing else.
if [ "$targets" = labproto ]; then
  ctest_args+=(-R "integration[.]test_(decode|gui|hostile|lifecycle|plugin|preferences|stats)")
fi
status=0
in_root ctest --test-dir /build --output-on-failure "${ctest_args[@]}" || status=$?
echo "== labproto $rev, Wireshark $wireshark (Debian trixie): ctest exit status $status"
exit "$status"
