#!/usr/bin/env bash
# test-on.sh: builds labproto against the Wireshark of another Debian or Ubuntu
# release and runs the whole suite there (style included), then builds the .deb,
# installs it in that release and proves tshark loads it. Everything happens in a
# root made with debootstrap, so one machine tests every supported Wireshark.
#
# Usage, as root on a Debian machine with debootstrap:
#   packaging/test-on.sh [--prepare] RELEASE [ROOT]
#     RELEASE    jammy (Ubuntu 22.04, Wireshark 3.6), bookworm (Debian 12, 4.0),
#                noble (Ubuntu 24.04, 4.2), trixie (Debian 13, 4.4), sid (4.6)
#     ROOT       the release's root (default /var/tmp/labproto-roots/RELEASE, outside
#                the repository). An existing root is reused: only the first run
#                pays for debootstrap and the packages (about 1 GB).
#     --prepare  only make the root and install the build dependencies
#   REV=commit      what to build (default HEAD: the committed tree, never uncommitted
#                   changes), cloned into ROOT/src and built in ROOT/build
#   MIRROR=URL      the release's archive (default: debootstrap's own for the release)
#   CTEST_ARGS=...  extra ctest arguments, e.g. "-R integration" while iterating
#   OUT=DIR         where the .deb is copied (default ROOT/../debs)
#   LABPROTO_SCREENSHOTS=DIR  the GUI test's screenshots of this release, into DIR
#                   (e.g. CTEST_ARGS="-L gui" for Follow, which 3.6 and 4.0 cannot show)
#
# The build dependencies come from packaging/install-build-deps.sh, the README's
# script, which knows what each release calls its packages. The suite runs as it does
# natively: as root, with tshark run as `nobody`, Xvfb for the GUI test. /proc, /sys,
# /dev and a fresh /run are mounted in the root inside a private mount namespace, so
# they vanish with this script whatever happens, and removing a root can never reach
# the host's /dev. The last line is the verdict, e.g.
#   test-on.sh: PASS sid (Debian sid) Wireshark 4.6.2-1: ctest 187/187, ...
# and the exit status is 0 only for PASS.
set -euo pipefail

usage() {
  echo "usage: $0 [--prepare] jammy|bookworm|noble|trixie|sid [ROOT]" >&2
  exit 2
}

script_args=("$@")
prepare_only=0
if [ "${1:-}" = --prepare ]; then prepare_only=1; shift; fi
release=${1:-}
case "$release" in
  jammy) distro=ubuntu label="Ubuntu 22.04" ;;
  noble) distro=ubuntu label="Ubuntu 24.04" ;;
  bookworm) distro=debian label="Debian 12" ;;
  trixie) distro=debian label="Debian 13" ;;
  sid) distro=debian label="Debian sid" ;;
  *) usage ;;
esac
[ $# -le 2 ] || usage
if [ "$(id -u)" != 0 ]; then
  echo "test-on.sh: run as root (debootstrap, mounts and chroot need it)" >&2
  exit 2
fi

src=$(cd "$(dirname "$0")/.." && pwd)
root=${2:-/var/tmp/labproto-roots/$release}
out=${OUT:-$(dirname "$root")/debs}
started=${LABPROTO_TEST_ON_STARTED:-$(date +%s)}

# The rest runs in a private mount namespace: every mount below disappears when
# this script ends, however it ends.
if [ -z "${LABPROTO_TEST_ON_NS:-}" ]; then
  LABPROTO_TEST_ON_NS=1 LABPROTO_TEST_ON_STARTED=$started \
    exec unshare --mount --propagation private -- "$0" "${script_args[@]}"
fi

verdict() { # RESULT DETAIL
  local minutes=$((($(date +%s) - started + 59) / 60))
  echo "test-on.sh: $1 $release ($label) Wireshark ${wireshark:-?}: $2 [${minutes} min]"
}
fail() { # STEP
  verdict FAIL "$1"
  exit 1
}

# CI passes through: in CI the root's build also treats warnings as errors.
in_root() {
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive ${CI:+CI="$CI"} \
    ${LABPROTO_SCREENSHOTS:+LABPROTO_SCREENSHOTS=/screenshots} "$@"
}

# Ubuntu's archive key, for debootstrap to check what it downloads. A Debian host
# has no Ubuntu keyring package of its own release: take Debian's ubuntu-keyring
# from Debian 13 with apt (checked against Debian's own key).
ubuntu_keyring() {
  local keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg
  if [ -s "$keyring" ]; then echo "$keyring"; return; fi
  local dir
  dir=$(dirname "$root")/ubuntu-keyring
  keyring=$dir/usr/share/keyrings/ubuntu-archive-keyring.gpg
  if [ ! -s "$keyring" ]; then
    local apt_dir=$dir/apt uri
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
    uri=$(apt-get indextargets --format '$(REPO_URI)' 'Label: Debian' | head -n 1)
    [ -n "$uri" ] || { echo "no Debian archive in this host's apt sources" >&2; return 1; }
    echo "deb $uri trixie main" >"$apt_dir/sources.list"
    local opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=-
      -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir"
      -o Dir::Cache::archives="$apt_dir/archives" -o Debug::NoLocking=1)
    apt-get "${opts[@]}" -q update >&2
    (cd "$apt_dir" && apt-get "${opts[@]}" -q download ubuntu-keyring >&2)
    dpkg-deb -x "$apt_dir"/ubuntu-keyring_*.deb "$dir"
  fi
  echo "$keyring"
}

make_root() {
  echo "== debootstrap $release into $root"
  local args=(--variant=minbase) components=main script=()
  if [ "$distro" = ubuntu ]; then
    components=main,universe # Ubuntu's Wireshark is in universe
    args+=(--keyring="$(ubuntu_keyring)")
    # Older debootstraps lack the newest Ubuntu names; every Ubuntu since 7.10 uses
    # the same script.
    [ -e "/usr/share/debootstrap/scripts/$release" ] ||
      script=(/usr/share/debootstrap/scripts/gutsy)
  fi
  rm -rf "$root"
  mkdir -p "$root"
  local where=("$release" "$root")
  if [ -n "${MIRROR:-}" ] || [ ${#script[@]} -gt 0 ]; then
    where+=("${MIRROR:-$(default_mirror)}" "${script[@]}")
  fi
  debootstrap "${args[@]}" --components="$components" "${where[@]}"
  # What a user's machine has: the release with its updates and security fixes.
  local uri
  uri=$(awk '$1 == "deb" { print $2; exit }' "$root/etc/apt/sources.list")
  {
    echo "deb $uri $release ${components//,/ }"
    if [ "$release" != sid ]; then
      echo "deb $uri $release-updates ${components//,/ }"
      if [ "$distro" = debian ]; then
        echo "deb $uri-security $release-security ${components//,/ }"
      else
        echo "deb $uri $release-security ${components//,/ }"
      fi
    fi
  } >"$root/etc/apt/sources.list"
  # Packages never start services in the root.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod +x "$root/usr/sbin/policy-rc.d"
  touch "$root/.labproto-root-complete"
}

# debootstrap's own default Ubuntu archive for this machine (not the ports or
# old-releases ones), needed only when a script path is passed.
default_mirror() {
  sed -n 's/^[[:space:]]*default_mirror[[:space:]]*//p' /usr/share/debootstrap/scripts/gutsy |
    grep -v -e old-releases -e ports | head -n 1
}

# The steps, in a function so that bash has read all of them before it starts:
# editing this file during a run cannot change the run.
main() {
  [ -e "$root/.labproto-root-complete" ] || make_root

  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs tmpfs "$root/run"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # The archive a machine reaches may be a dated copy whose Release files are past
  # their Valid-Until (sid's are valid for a week): signatures are still checked.
  echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99labproto-dated-archive"

  echo "== build dependencies (packaging/install-build-deps.sh in the root)"
  # The script as committed at REV, so the root gets what that tree needs.
  rev=$(git -C "$src" rev-parse --verify "${REV:-HEAD}^{commit}")
  git -C "$src" show "$rev:packaging/install-build-deps.sh" >"$root/install-build-deps.sh"
  chmod +x "$root/install-build-deps.sh"
  in_root /install-build-deps.sh || fail "installing the build dependencies failed"
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's, not the shell's
  wireshark=$(in_root dpkg-query -W -f '${Version}' tshark)
  if [ "$prepare_only" = 1 ]; then
    verdict PREPARED "root ready at $root"
    exit 0
  fi

  # A labproto package left by an interrupted run would shadow the plugin under test.
  if in_root dpkg-query -W labproto >/dev/null 2>&1; then in_root apt-get purge -y -q labproto; fi

  echo "== cloning ${rev:0:12} into $root/src"
  rm -rf "$root/src" "$root/build"
  git clone --quiet --no-checkout "$src" "$root/src"
  git -C "$root/src" checkout --quiet --detach "$rev"

  echo "== building against Wireshark $wireshark"
  in_root cmake -S /src -B /build -DCMAKE_BUILD_TYPE=RelWithDebInfo || fail "cmake configure failed"
  in_root cmake --build /build -j"$(nproc)" || fail "the build failed"

  echo "== the whole suite"
  read -r -a ctest_args <<<"${CTEST_ARGS:-}"
  if [ -n "${LABPROTO_SCREENSHOTS:-}" ]; then
    # The GUI test takes them with xwd and ImageMagick's convert, which only
    # screenshots need: not build dependencies.
    in_root apt-get install -y -q --no-install-recommends x11-apps imagemagick >/dev/null ||
      fail "installing x11-apps and imagemagick for the screenshots failed"
    rm -rf "$root/screenshots"
    mkdir -p "$root/screenshots" "$LABPROTO_SCREENSHOTS"
  fi
  status=0
  in_root ctest --test-dir /build --output-on-failure "${ctest_args[@]}" | tee "$root/ctest.out" ||
    status=$?
  if [ -n "${LABPROTO_SCREENSHOTS:-}" ]; then
    cp "$root"/screenshots/*.png "$LABPROTO_SCREENSHOTS"/ 2>/dev/null || true
  fi
  summary=$(grep -E '^[0-9]+% tests passed' "$root/ctest.out" | tail -n 1 || true)
  # What pytest skipped, with its reasons (pytest -rs in tests/CMakeLists.txt).
  skipped=$(grep -h '^SKIPPED ' "$root/build/Testing/Temporary/LastTest.log" 2>/dev/null || true)
  if [ -n "$skipped" ]; then
    echo "== skipped on $release, with pytest's reasons:"
    echo "$skipped"
  fi
  [ "$status" = 0 ] || fail "ctest: ${summary:-no summary} (exit $status)"

  echo "== the .deb"
  in_root cpack --config /build/CPackConfig.cmake -B /build/deb >/dev/null || fail "cpack failed"
  deb=$(cd "$root/build/deb" && ls labproto_*.deb)
  mkdir -p "$out"
  cp "$root/build/deb/$deb" "$out/"
  in_root dpkg-deb -f "/build/deb/$deb" Depends
  in_root apt-get install -y -q "/build/deb/$deb" >/dev/null || fail "installing $deb failed"
  # As nobody, with no personal plugin folder, tshark loads only the system folder,
  # where the package put the plugin; then it must decode the bundled lab capture.
  abi=$(echo "$deb" | sed 's/.*+ws\([0-9.]*\)_.*/\1/') # labproto_0.1.0+ws4.6_amd64.deb
  installed=$(in_root dpkg -L labproto | grep "/plugins/$abi/epan/labproto.so$" || true)
  as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent)
  loaded=$(in_root "${as_nobody[@]}" tshark -G plugins | awk -F'\t' '/labproto/ { print $NF }')
  decoded=$(in_root "${as_nobody[@]}" tshark -r /src/samples/captures/lab_cp949.pcapng \
    -Y labproto.len -T fields -e labproto.len | wc -l)
  in_root apt-get purge -y -q labproto >/dev/null
  if [ -z "$installed" ] || [ "$(echo "$loaded" | xargs)" != "$installed" ] || [ "$decoded" -eq 0 ]; then
    fail "$deb: installed at '${installed:-nowhere}', tshark loads '${loaded:-nothing}', $decoded messages decoded"
  fi
  echo "== tshark loads $installed and decodes $decoded messages of lab_cp949.pcapng"

  verdict PASS "$summary; $deb installed, tshark loads it; copied to $out"
}

main
exit
