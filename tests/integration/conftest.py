"""Fixtures that run the real tshark with the freshly built labproto plugin.

tshark silently skips a plugin it cannot load, and as root it ignores
WIRESHARK_PLUGIN_DIR and personal plugin folders. How to run it anyway is
labcheck's to know (`labcheck tshark`, docs/labcheck.md): the build's plugin
is staged in a world-readable temporary folder, tshark runs as `nobody` when
the tests run as root, in a private HOME. Each session asks labcheck once for
that command (--print-command), stages the captures next to the plugin, and
first proves that the plugin tshark lists is byte-for-byte the one just built.
"""
import contextlib
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

BUILD_DIR = pathlib.Path(os.environ.get("LABPROTO_BUILD_DIR", "../../build")).resolve()
SOURCE_DIR = pathlib.Path(os.environ.get("LABPROTO_SOURCE_DIR", "../..")).resolve()
WS_ABI = os.environ.get("LABPROTO_WS_ABI", "4.0")
WS_VERSION = tuple(int(part) for part in WS_ABI.split("."))
BUILT_PLUGIN = BUILD_DIR / "plugins" / WS_ABI / "epan" / "labproto.so"
LABCHECK = BUILD_DIR / "tool" / "labcheck"
SAMPLES = SOURCE_DIR / "samples" / "captures"
TSHARK_TIMEOUT = 300
# tshark's exit status for a capture file cut short in the middle of a packet:
# 2 up to 4.4, WS_EXIT_READ_ERROR (14) from 4.6 on.
CUT_SHORT_EXIT = 14 if WS_VERSION >= (4, 6) else 2
# Wireshark 3.6's out-of-order TCP reassembly (tcp.reassemble_out_of_order) is broken
# whichever dissector asks for reassembly (DNS over TCP on the same port does the same):
# it takes a delayed segment for a retransmission and drops it, and on some streams fails
# its own assertion "fd_head" (packet-tcp.c, missing_segments). 4.0 rewrote that code.
needs_out_of_order_reassembly = pytest.mark.skipif(
    WS_VERSION < (4, 0), reason="Wireshark 3.6's TCP out-of-order reassembly drops delayed "
    "segments as retransmissions and fails its own fd_head assertion (any dissector); 4.0+")


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def print_command(stage, plugin_dir, env=None):
    """labcheck's way to run tshark with `plugin_dir`, staged in `stage` and checked to
    load (`labcheck tshark --print-command`): argv ending with tshark, env, cwd, plugin."""
    if not LABCHECK.is_file():
        pytest.exit(f"no labcheck at {LABCHECK}: build first (cmake --build build)", 2)
    cmd = [str(LABCHECK), "--plugin-dir", str(plugin_dir), "tshark", "--print-command",
           "--stage", str(stage), *(f"--env={k}={v}" for k, v in (env or {}).items())]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TSHARK_TIMEOUT)
    if proc.returncode != 0:
        pytest.exit(f"labcheck tshark cannot run tshark with the plugin under test "
                    f"(exit {proc.returncode}):\n{proc.stderr.strip()}", 2)
    return json.loads(proc.stdout)


class Tshark:
    """tshark with exactly one plugin folder: the staged copy of this build.

    `launch` is labcheck's command (print_command); `env` adds to (or overrides)
    tshark's environment, e.g. a sanitizer runtime.
    """

    def __init__(self, stage, launch, env=None):
        self.stage = stage
        self.launch = launch
        self.extra_env = dict(env or {})
        self.plugin_dir = pathlib.Path(launch["plugin_dir"])
        self.plugin = pathlib.Path(launch["plugin"])
        self.home = pathlib.Path(launch["env"]["HOME"])
        self.as_nobody = launch["as_nobody"]
        self.program = launch["argv"][-1]  # tshark, where a test may put sharkd, say

    def with_env(self, env):
        """The same tshark with `env` added to (or overriding) its environment."""
        return Tshark(self.stage, self.launch, {**self.extra_env, **env})

    def command(self, args):
        env = {**self.launch["env"], "WIRESHARK_ABORT_ON_DISSECTOR_BUG": "1", **self.extra_env}
        *wrapper, program = self.launch["argv"]
        # env(1) sets the folder and environment, so a test can put its own
        # NAME=value (or valgrind) just before the program.
        return [*wrapper, "env", "-i", "-C", self.launch["cwd"],
                *(f"{k}={v}" for k, v in env.items()), program, *map(str, args)]

    def run(self, *args, check=True, timeout=TSHARK_TIMEOUT):
        proc = subprocess.run(self.command(args), capture_output=True, text=True,
                              timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"tshark {' '.join(args)} exited {proc.returncode}:\n"
                                 f"{proc.stderr}")
        return proc

    def capture(self, name):
        """Path of a staged sample, readable by the user tshark runs as."""
        return str(self.stage / "captures" / name)

    def scratch(self, name):
        """A path where a test may write a capture that tshark can read."""
        return str(self.stage / "scratch" / name)

    def packets(self, capture, *args, layer="labproto"):
        """Frames that carry `layer`, each as (frame number, [message dicts]).

        Uses tshark's JSON tree so that several messages in one frame stay
        separate records instead of flattened occurrence lists.
        """
        out = self.run("-r", capture, "-T", "json", "--no-duplicate-keys", "-J",
                       f"frame {layer}", "-Y", layer, *args).stdout
        result = []
        for packet in json.loads(out or "[]"):
            layers = packet["_source"]["layers"]
            records = layers.get(layer, [])
            if isinstance(records, dict):
                records = [records]
            result.append((int(layers["frame"]["frame.number"]), records))
        return result

    def messages(self, capture, *args):
        """Every labproto message as (frame, direction, index, len, text)."""
        rows = []
        for frame, records in self.packets(capture, *args):
            for r in records:
                if "labproto.len" not in r:
                    continue
                rows.append((frame, int(r["labproto.direction"]), int(r["labproto.msg_index"]),
                             int(r["labproto.len"]), r.get("labproto.text")))
        return rows

    def fields(self, capture, fields, *args):
        """-T fields rows (all occurrences joined with '|') as lists of strings."""
        cmd = ["-r", capture, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"]
        for f in fields:
            cmd += ["-e", f]
        out = self.run(*cmd, *args).stdout
        return [line.split("\t") for line in out.splitlines()]

    def columns(self, capture, *args):
        """{frame: (Protocol, Info)} as the packet list shows them.

        From the summary lines, not from the _ws.col fields: from 4.2 on tshark
        takes those before the postdissectors, which also write the columns."""
        fmt = 'gui.column.format:"No.","%m","Protocol","%p","Info","%i"'
        out = self.run("-r", capture, "-T", "tabs", "-o", fmt, *args).stdout
        rows = (line.strip().split("\t") for line in out.splitlines())
        return {int(r[0]): (r[1], r[2] if len(r) > 2 else "") for r in rows}

    def expert(self, capture, *args, layer="labproto"):
        """(frame, expert name, severity, message) for every expert info of `layer`."""
        rows = []
        for frame, records in self.packets(capture, *args, layer=layer):
            for r in records:
                for name, message, severity in _expert_items(r, layer):
                    rows.append((frame, name, severity, message))
        return rows


def _expert_items(node, layer="labproto"):
    """Walks a JSON tree node yielding (expert field, message, severity)."""
    if isinstance(node, list):
        for item in node:
            yield from _expert_items(item, layer)
    elif isinstance(node, dict):
        expert = node.get("_ws.expert")
        if expert is not None:
            for e in (expert if isinstance(expert, list) else [expert]):
                names = [k for k in e if k.startswith(layer + ".")]
                yield (names[0] if names else "?", e.get("_ws.expert.message"),
                       e.get("_ws.expert.severity"))
        for key, value in node.items():
            if key != "_ws.expert":
                yield from _expert_items(value, layer)


@pytest.fixture(scope="session")
def tshark():
    with staged_tshark(BUILD_DIR / "plugins") as t:
        yield t


@contextlib.contextmanager
def staged_tshark(plugin_dir, env=None):
    """A Tshark loading a world-readable copy of `plugin_dir` (<major.minor>/epan/labproto.so),
    proven to load exactly that plugin, with the samples staged next to it."""
    built = plugin_dir / WS_ABI / "epan" / "labproto.so"
    if not built.is_file():
        pytest.exit(f"no plugin at {built}: build first (cmake --build build)", 2)
    stage = pathlib.Path(tempfile.mkdtemp(prefix="labproto-it-"))
    try:
        stage.chmod(0o755)
        launch = print_command(stage, plugin_dir, env)
        if SAMPLES.is_dir():
            shutil.copytree(SAMPLES, stage / "captures")
        (stage / "scratch").mkdir()
        for path in [stage, *stage.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        t = Tshark(stage, launch, env)
        _assert_plugin_under_test_loaded(t, built)
        yield t
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _assert_plugin_under_test_loaded(t, built):
    listing = t.run("-G", "plugins").stdout
    lines = [line.split("\t") for line in listing.splitlines() if "labproto" in line]
    paths = [line[-1].strip() for line in lines]
    if paths != [str(t.plugin)]:
        pytest.exit("tshark did not load the plugin under test.\n"
                    f"expected exactly {t.plugin}\n-G plugins lists: {paths or 'none'}\n"
                    "(a stale labproto.so in the system plugin folder shadows the build?)", 2)
    if sha256(t.plugin) != sha256(built):
        pytest.exit("staged plugin differs from the build's", 2)
