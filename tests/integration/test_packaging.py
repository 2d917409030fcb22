"""The .deb, `cmake --install` and install-user-plugin, each installed for real.

Nothing is installed into this machine's own folders: a stale labproto.so in
the system plugin folder would shadow the build in every other test (and
conftest.py refuses to run then). Instead the .deb is installed with
`dpkg --root` into a throwaway root whose package database is a copy of this
machine's, so its Depends are checked against what is really installed; then
tshark, as nobody, loads the plugin from that root and decodes a sample.
"""
import gzip
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

from conftest import BUILD_DIR, WS_ABI

LAB_LENGTHS = [10, 8, 35, 13]
PLUGIN_FILE = "labproto.so"


def run(cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True,
                          timeout=600, **kwargs)


@pytest.fixture
def scratch_dir():
    """A temporary folder that nobody (the user tshark runs as) can read."""
    path = pathlib.Path(tempfile.mkdtemp(prefix="labproto-pkg-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def tshark_for(tshark, stage, plugin_dir=None):
    """The session's tshark (run as labcheck runs it), but with `plugin_dir` as its
    plugin folder and HOME in stage/home."""
    (stage / "home" / "config").mkdir(parents=True, exist_ok=True)
    if plugin_dir is not None:
        (stage / "plugins").symlink_to(plugin_dir)
    for path in [stage, *stage.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o777)
    return tshark.with_env({"HOME": str(stage / "home"),
                            "WIRESHARK_CONFIG_DIR": str(stage / "home" / "config"),
                            "WIRESHARK_PLUGIN_DIR": str(stage / "plugins")})


def loaded_plugin(t):
    """Real path of the labproto.so tshark loads, or None."""
    lines = [l.split("\t") for l in t.run("-G", "plugins").stdout.splitlines() if PLUGIN_FILE in l]
    assert len(lines) <= 1, lines
    return os.path.realpath(lines[0][-1].strip()) if lines else None


def folder(listing, name):
    """One line of `tshark -G folders` output, e.g. "Global Plugins"."""
    for line in listing.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    raise AssertionError(f"tshark -G folders has no {name!r}")


def decodes_lab_sample(t, main):
    return [m[3] for m in t.messages(main.capture("lab_cp949.pcapng"))] == LAB_LENGTHS


@pytest.fixture(scope="module")
def system_plugin_dir():
    """tshark's own system plugin folder without the leading "/", e.g.
    usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0 (no WIRESHARK_PLUGIN_DIR here)."""
    with tempfile.TemporaryDirectory() as home:
        listing = run(["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}", "tshark", "-G",
                       "folders"]).stdout
    return folder(listing, "Global Plugins").lstrip("/")


# --- the .deb ---------------------------------------------------------------

@pytest.fixture(scope="module")
def deb():
    out = pathlib.Path(tempfile.mkdtemp(prefix="labproto-cpack-"))
    try:
        run(["cpack", "-G", "DEB", "--config", BUILD_DIR / "CPackConfig.cmake", "-B", out])
        debs = list(out.glob("*.deb"))
        assert len(debs) == 1, debs
        yield debs[0]
    finally:
        shutil.rmtree(out, ignore_errors=True)


def libwireshark_package():
    """The Debian package of the libwireshark the built plugin links against."""
    plugin = BUILD_DIR / "plugins" / WS_ABI / "epan" / PLUGIN_FILE
    needed = [l.split("[")[1].rstrip("]") for l in run(["readelf", "-d", plugin]).stdout.splitlines()
              if "(NEEDED)" in l and "libwireshark.so" in l]
    assert len(needed) == 1, needed
    owner = run(["dpkg-query", "--search", f"*/{needed[0]}"]).stdout.splitlines()[0]
    return owner.split(":")[0]


def test_deb_pins_the_wireshark_minor_it_was_built_for(deb):
    depends = [d.strip() for d in run(["dpkg-deb", "--field", deb, "Depends"]).stdout.split(",")]
    major, minor = WS_ABI.split(".")
    upper = f"{major}.{int(minor) + 1}"
    lib = libwireshark_package()
    for package in (lib, "tshark"):
        assert f"{package} (>= {WS_ABI})" in depends
        assert f"{package} (<< {upper})" in depends
    assert run(["dpkg-deb", "--field", deb, "Version"]).stdout.strip().endswith(f"+ws{WS_ABI}")


def test_deb_contents(deb, system_plugin_dir):
    files = sorted(l.split()[-1] for l in run(["dpkg-deb", "--contents", deb]).stdout.splitlines()
                   if not l.startswith("d"))
    assert files == sorted([
        "./usr/bin/labcheck",
        f"./{system_plugin_dir}/epan/{PLUGIN_FILE}",
        "./usr/share/man/man1/labcheck.1.gz",
    ])


def dpkg_root(path):
    """A throwaway root for `dpkg --root`: this machine's package database, no files."""
    admin = path / "var" / "lib" / "dpkg"
    for sub in ("info", "updates", "triggers"):
        (admin / sub).mkdir(parents=True)
    shutil.copy("/var/lib/dpkg/status", admin / "status")
    return path


def test_deb_installs_loads_decodes_and_removes(deb, system_plugin_dir, tshark, scratch_dir):
    root = dpkg_root(scratch_dir / "root")
    # No --force-depends: every Depends must be met by what this machine has.
    run(["dpkg", "--root", root, "--install", deb])
    assert "install ok installed" in run(["dpkg", "--root", root, "--status", "labproto"]).stdout

    system_dir = root / system_plugin_dir
    installed = system_dir / "epan" / PLUGIN_FILE
    t = tshark_for(tshark, scratch_dir / "stage", system_dir.parent)
    assert loaded_plugin(t) == str(installed)
    assert decodes_lab_sample(t, tshark)
    assert "labproto,tree" in t.run("-z", "help").stderr.split()

    labcheck = run([root / "usr/bin/labcheck", "--help"]).stdout
    assert "--junit" in labcheck
    man = gzip.decompress((root / "usr/share/man/man1/labcheck.1.gz").read_bytes()).decode()
    assert man.startswith('.\\" DO NOT MODIFY THIS FILE!  It was generated by help2man')
    assert ".TH LABCHECK \"1\"" in man and "junit" in man

    run(["dpkg", "--root", root, "--remove", "labproto"])
    assert not installed.exists() and not (root / "usr/bin/labcheck").exists()
    assert subprocess.run(["dpkg", "--root", root, "--status", "labproto"],
                          capture_output=True).returncode != 0


# --- cmake --install and install-user-plugin ------------------------------------

def test_cmake_install_matches_the_deb_layout(system_plugin_dir, scratch_dir):
    dest = scratch_dir / "destdir"
    run(["cmake", "--install", BUILD_DIR], env={**os.environ, "DESTDIR": str(dest)})
    files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert files == sorted([
        f"{system_plugin_dir}/epan/{PLUGIN_FILE}",
        "usr/bin/labcheck",
        "usr/share/man/man1/labcheck.1.gz",
    ])


def test_install_user_plugin_target(tshark, scratch_dir):
    home = scratch_dir / "stage" / "home"
    home.mkdir(parents=True)
    run(["cmake", "--build", BUILD_DIR, "--target", "install-user-plugin"],
        env={**os.environ, "HOME": str(home)})
    # The folder tshark itself names as personal, for that HOME.
    t = tshark_for(tshark, scratch_dir / "stage")
    personal = pathlib.Path(folder(t.run("-G", "folders").stdout, "Personal Plugins"))
    assert personal == home / ".local/lib/wireshark/plugins" / WS_ABI
    assert loaded_plugin(t) == str(personal / "epan" / PLUGIN_FILE)
    assert decodes_lab_sample(t, tshark)
