"""labcheck end to end: the real tshark with the plugin under test.

Each test works in its own folder with copies of sample captures and specs
written here, so the exact report text can be asserted. The helpers at the
top are shared with test_labcheck_reports.py and test_labcheck_update.py.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest
import yaml

from conftest import BUILD_DIR, BUILT_PLUGIN, SAMPLES, WS_ABI, WS_VERSION

LABCHECK = BUILD_DIR / "tool" / "labcheck"
PLUGIN_DIR = BUILD_DIR / "plugins"
TIMEOUT = 600

# What lab_cp949.pcapng really is (the reference run of LABS.md, re-recorded
# on Linux loopback), as `labcheck init` drafts it below its comment header:
# four CP949 messages, then the client closes first (FIN frame 20, last ACK 22).
LAB_DRAFT = """\
handshake: complete
teardown: complete
closed_by: client
messages:
  client:
    - {length: 10, text: "안녕하세요"}
    - {length: 8, text: "반가워요"}
    - {length: 35, text: "오늘따라 할 이야기가 많을 것 같네요"}
    - {length: 13, text: "저도 그렇네요"}
  server: []
expert:
  max_severity: note
"""

# The draft and more: counts, field values, expert infos that must (not) appear.
LAB_SPEC = LAB_DRAFT.replace("expert:\n  max_severity: note\n", "") + """\
counts:
  - {filter: "tcp.flags.syn == 1", exactly: 2}
  - {filter: "labproto.len", exactly: 4}
  - {filter: "tcp.len == 4", at_least: 4}
fields:
  - {field: labproto.len, frame: 6, equals: 10}
  - {field: labproto.text, client_message: 2, equals: "반가워요"}
  - {field: labproto.encoding, equals: CP949}
  - {field: tcp.len, where: "labproto.len", range: [8, 35]}
  - {field: labproto.len, equals: [10, 8, 35, 13]}
  - {field: labproto.len.too_large, absent: true}
expert:
  max_severity: note
  required: [labproto.handshake.complete, labproto.teardown.complete]
  forbidden: [labproto.len.too_large, labproto.msg.truncated, _ws.malformed]
"""


def _require_build():
    if not LABCHECK.is_file():
        pytest.exit(f"no labcheck at {LABCHECK}: build first (cmake --build build)", 2)
    if not BUILT_PLUGIN.is_file():
        pytest.exit(f"no plugin at {BUILT_PLUGIN}: build first (cmake --build build)", 2)


class Labcheck:
    """Runs the built labcheck in a folder, always with the built plugin."""

    def __init__(self, folder):
        self.folder = pathlib.Path(folder)

    def run(self, *args, plugin_dir=PLUGIN_DIR, env=None, timeout=TIMEOUT):
        cmd = [str(LABCHECK)] + ([] if "--color" in args else ["--color", "never"])
        if plugin_dir is not None:
            cmd += ["--plugin-dir", str(plugin_dir)]
        full_env = dict(os.environ, **(env or {}))
        full_env.pop("WIRESHARK_PLUGIN_DIR", None)
        return subprocess.run(cmd + [str(a) for a in args], cwd=self.folder, env=full_env,
                              capture_output=True, text=True, timeout=timeout)

    def init(self, *args):
        return self.run("init", *args)

    def sample(self, name, as_name=None):
        """Copies a sample capture into the folder; returns its name there."""
        target = self.folder / (as_name or pathlib.Path(name).name)
        shutil.copyfile(SAMPLES / name, target)
        return target.name

    def write(self, name, text):
        (self.folder / name).write_text(text, encoding="utf-8")
        return name

    def read(self, name):
        return (self.folder / name).read_text(encoding="utf-8")


@pytest.fixture
def lc(tmp_path):
    _require_build()
    return Labcheck(tmp_path)


def lab_case(lc, name="lab", spec=LAB_SPEC):
    """lab_cp949.pcapng as NAME.pcapng with the sidecar NAME.yaml."""
    capture = lc.sample("lab_cp949.pcapng", f"{name}.pcapng")
    lc.write(f"{name}.yaml", spec)
    return capture


# --- the plugin under test -------------------------------------------------

def test_tshark_loaded_the_plugin_under_test(lc):
    capture = lab_case(lc)
    proc = lc.run("-v", "--json", "r.json", capture)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"plugin: {BUILT_PLUGIN} (--plugin-dir)" in proc.stderr
    loaded = [l for l in proc.stderr.splitlines() if "labproto plugin" in l and "loaded from" in l]
    assert len(loaded) == 1, proc.stderr
    assert loaded[0].endswith(f"/plugins/{WS_ABI}/epan/labproto.so")
    if os.geteuid() == 0:
        assert "tshark runs as nobody via setpriv" in proc.stderr
        assert "/labcheck-" in loaded[0]  # the staged copy, not the system folder
    report = json.loads(lc.read("r.json"))
    assert report["plugin"]["path"] == str(BUILT_PLUGIN)
    assert report["tshark"]["version"].startswith(WS_ABI + ".")


@pytest.fixture
def broken_plugin_dir():
    """A plugin folder whose labproto.so tshark cannot use."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-broken-"))
    so = folder / WS_ABI / "epan" / "labproto.so"
    so.parent.mkdir(parents=True)
    yield so
    shutil.rmtree(folder)


def test_a_plugin_tshark_skips_is_an_environment_error(lc, broken_plugin_dir):
    capture = lab_case(lc)
    # A real shared library, but not a Wireshark plugin: tshark skips it and exits 0.
    shutil.copyfile("/lib/x86_64-linux-gnu/libz.so.1", broken_plugin_dir)
    proc = lc.run(capture, plugin_dir=broken_plugin_dir.parents[2])
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith(
        f"labcheck: tshark did not load the labproto plugin {broken_plugin_dir} (tshark ")
    assert proc.stderr.endswith("tshark: The plugin 'labproto.so' has no \"plugin_version\" symbol\n")


def test_a_plugin_that_crashes_tshark_is_an_environment_error(lc, broken_plugin_dir):
    capture = lab_case(lc)
    broken_plugin_dir.write_bytes(BUILT_PLUGIN.read_bytes()[:4096])  # a truncated ELF
    proc = lc.run(capture, plugin_dir=broken_plugin_dir.parents[2])
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("labcheck: tshark crashed (signal ")
    plugin_dir = broken_plugin_dir.parents[2]
    assert f"is the labproto plugin in {plugin_dir} damaged? rebuild it\n" in proc.stderr


def test_missing_plugin_is_an_environment_error(lc, tmp_path):
    capture = lab_case(lc)
    empty = tmp_path / "no-plugins"
    empty.mkdir()
    proc = lc.run(capture, plugin_dir=empty)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"labcheck: no labproto plugin at {empty}/{WS_ABI}/epan/labproto.so (from --plugin-dir): "
        f"build it (cmake --build build), point --plugin-dir at a folder laid out as "
        f"DIR/{WS_ABI}/epan/labproto.so, or use --system-plugin\n")


@pytest.fixture
def open_lc():
    """A Labcheck in a folder that `nobody` may enter and write to."""
    _require_build()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-nobody-"))
    folder.chmod(0o777)
    yield Labcheck(folder)
    shutil.rmtree(folder)


def as_nobody(lc, *args):
    """Runs labcheck itself as `nobody` in lc's folder (see open_lc)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to become nobody")
    cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "env",
           f"HOME={lc.folder}", "PATH=/usr/bin:/bin", str(LABCHECK)] + [str(a) for a in args]
    proc = subprocess.run(cmd, cwd=lc.folder, capture_output=True, text=True, timeout=TIMEOUT)
    if proc.returncode == 126 or "no labproto plugin at" in proc.stderr:
        pytest.skip("the build folder is not readable by nobody")
    return proc


def test_unprivileged_user_runs_tshark_directly(open_lc):
    """Not root: no setpriv, no staging, WIRESHARK_PLUGIN_DIR straight to tshark."""
    lab_case(open_lc)
    for path in open_lc.folder.iterdir():
        path.chmod(0o644)
    proc = as_nobody(open_lc, "-v", "--plugin-dir", PLUGIN_DIR, "lab.pcapng")
    if "Permission denied" in proc.stderr:
        pytest.skip("the build folder is not readable by nobody")
    assert proc.stdout == "PASS  lab.pcapng\n1 passed, 0 failed\n", proc.stderr
    assert (f"plugin: {BUILT_PLUGIN} (--plugin-dir); tshark runs as this user with "
            f"WIRESHARK_PLUGIN_DIR={PLUGIN_DIR}") in proc.stderr
    assert f"loaded from {BUILT_PLUGIN}\n" in proc.stderr
    assert "setpriv" not in proc.stderr.split("loaded from")[1]


def test_system_plugin_that_is_not_installed(lc):
    if (pathlib.Path("/usr/lib/x86_64-linux-gnu/wireshark/plugins") / WS_ABI / "epan" /
            "labproto.so").exists():
        pytest.skip("a labproto plugin is installed system-wide")
    capture = lab_case(lc)
    proc = lc.run("--system-plugin", capture, plugin_dir=None)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("labcheck: tshark did not load a labproto plugin from its system "
                           "plugin folder: install it there (cmake --install build), or give "
                           "--plugin-dir DIR\n")


def test_missing_tshark_is_an_environment_error(lc):
    capture = lab_case(lc)
    proc = lc.run("--tshark", "/nonexistent/tshark", capture)
    assert proc.returncode == 2
    assert proc.stderr == ("labcheck: tshark not found (/nonexistent/tshark): install it "
                           "(apt-get install tshark) or pass --tshark PATH\n")


# --- verdicts --------------------------------------------------------------

def test_every_sample_passes_its_sidecar_spec(lc):
    """The README's main command: labcheck samples/."""
    proc = lc.run("-j", "2", SAMPLES.parent)
    assert proc.returncode == 0, proc.stdout
    with_specs = [p for p in SAMPLES.rglob("*.pcap*") if p.suffix in (".pcap", ".pcapng")
                  and p.with_suffix(".yaml").is_file()]
    assert len(with_specs) >= 30
    # A spec may require a newer tshark (major.minor) than this one: SKIP, not PASS.
    newer = [p for p in with_specs if required_tshark(p.with_suffix(".yaml")) > WS_VERSION or
             WS_VERSION >= required_tshark(p.with_suffix(".yaml"), "tshark_below", (99,))]
    passed = len(with_specs) - len(newer)
    assert proc.stdout.count("PASS  ") == passed
    assert proc.stdout.count("SKIP  ") == len(newer)
    skipped = f", {len(newer)} skipped" if newer else ""
    assert proc.stdout.endswith(f"\n{passed} passed, 0 failed{skipped}\n")


def required_tshark(spec, key="tshark", default=()):
    """The (major, minor) a spec's requires.KEY names, `default` when it names none."""
    required = (yaml.safe_load(spec.read_text()).get("requires") or {}).get(key)
    return tuple(int(part) for part in str(required).split(".")[:2]) if required else default


def test_passing_spec(lc):
    capture = lab_case(lc)
    proc = lc.run(capture)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0, "PASS  lab.pcapng\n1 passed, 0 failed\n", "")


def test_failing_spec_shows_expected_beside_decoded(lc):
    lc.sample("lab_cp949.pcapng")
    lc.write("wrong.yaml", """\
capture: lab_cp949.pcapng
handshake: complete
teardown: reset
closed_by: server
messages:
  client:
    - {length: 10, text: "안녕하세요"}
    - {length: 8, text: "반가워요"}
    - {length: 34, text_regex: "^오늘"}
  server: []
counts:
  - {filter: "labproto.len", exactly: 3}
fields:
  - {field: labproto.encoding, client_message: 2, equals: UTF-8}
expert:
  forbidden: [labproto.teardown.complete]
""")
    proc = lc.run("wrong.yaml")
    assert proc.returncode == 1
    assert proc.stdout == """\
FAIL  lab_cp949.pcapng
      wrong.yaml:3: teardown
        - teardown reset
        + teardown complete  (frame 22)
      wrong.yaml:4: closed_by
        - closed_by server
        + closed_by client  (frame 20)
      wrong.yaml:7: client messages
        - message 3: length 34, text matching /^오늘/
        + message 3: length 35, text "오늘따라 할 이야기가 많을 것 같네요" (20 characters, 35 bytes)  (frame 14)
        - no message after message 3
        + unexpected message 4: length 13, text "저도 그렇네요" (7 characters, 13 bytes)  (frame 18)
      wrong.yaml:12: count of "labproto.len"
        - exactly 3
        + 4 frames: 6, 10, 14, 18
      wrong.yaml:14: labproto.encoding of client message 2
        - equals UTF-8
        + CP949  (frame 10)
      wrong.yaml:16: expert forbidden labproto.teardown.complete
        - labproto.teardown.complete absent
        + labproto.teardown.complete present  (frame 22)
0 passed, 1 failed
"""


def test_server_closing_first(lc):
    capture = lc.sample("close_server_first.pcapng")
    lc.write("close_server_first.yaml", """\
handshake: complete
teardown: complete
closed_by: client
messages:
  client: [{length: 15, text: "안녕하세요"}]
  server: [{length: 13, text: "Hello, client"}]
""")
    proc = lc.run(capture)
    assert proc.returncode == 1
    assert "        - closed_by client\n        + closed_by server  (frame " in proc.stdout


def test_decode_as_from_the_spec(lc):
    capture = lc.sample("other_port_9230.pcapng")
    messages = "messages:\n  client:\n    - {length: 15, text: \"안녕하세요\"}\n  allow_more: true\n"
    lc.write("other_port_9230.yaml", messages)
    without = lc.run(capture)
    assert without.returncode == 1
    assert "+ missing message 1 (0 client messages decoded)" in without.stdout
    # The report says what it found instead, and how to decode it.
    assert ("      graded: no labproto connection in the capture\n"
            "      not graded: stream 0, 127.0.0.1:") in without.stdout
    assert ("(not decoded as labproto, 22 frames, 112 payload bytes); to decode it as labproto: "
            "tshark: {decode_as: [\"tcp.port==9230,labproto\"]}\n") in without.stdout
    lc.write("other_port_9230.yaml",
             "tshark:\n  decode_as: [\"tcp.port==9230,labproto\"]\n" + messages)
    assert lc.run(capture).stdout == "PASS  other_port_9230.pcapng\n1 passed, 0 failed\n"


def test_preference_and_two_pass_from_the_spec(lc):
    capture = lab_case(lc, spec="""\
tshark:
  preferences: {labproto.encoding: euc-kr}
  two_pass: true
fields:
  - {field: labproto.encoding, equals: EUC-KR}
""")
    proc = lc.run(capture)
    assert proc.stdout == "PASS  lab.pcapng\n1 passed, 0 failed\n", proc.stdout


def test_stream_sections(lc, tmp_path):
    first = SAMPLES / "lab_cp949.pcapng"
    second = SAMPLES / "utf8_echo.pcapng"
    subprocess.run(["mergecap", "-w", str(tmp_path / "two.pcapng"), str(first), str(second)],
                   check=True)
    lc.write("two.yaml", """\
handshake: complete
streams:
  - stream: 0
    name: cp949
    messages: {client: [{length: 10}], allow_more: true}
  - stream: 1
    name: echo
    messages:
      server: [{text: "안녕하세요 labproto"}, {text: "nope"}]
    fields:
      - {field: labproto.encoding, equals: UTF-8}
""")
    proc = lc.run("two.pcapng")
    assert proc.returncode == 1
    assert proc.stdout.startswith(
        "FAIL  two.pcapng\n      [stream 1 (echo)] two.yaml:9: server messages\n"
        "        - message 2: text \"nope\" (4 characters, 4 bytes)\n"
        "        + message 2: text \"hello, world\" (12 characters, 12 bytes)  (frame ")
    assert "stream 0" not in proc.stdout


def test_grading_many_captures_with_one_spec(lc):
    lc.sample("lab_cp949.pcapng", "alice.pcapng")
    lc.sample("big_endian.pcapng", "bob.pcapng")
    lc.sample("coalesced.pcapng", "carol.pcapng")
    lc.write("grade.yaml", "handshake: complete\nteardown: complete\n"
                           "counts: [{filter: labproto.len, at_least: 3}]\n")
    proc = lc.run("--spec", "grade.yaml", ".")
    assert proc.returncode == 1
    assert proc.stdout == """\
PASS  ./alice.pcapng
PASS  ./bob.pcapng
FAIL  ./carol.pcapng
      grade.yaml:3: count of "labproto.len"
        - at least 3
        + 1 frame: 4
2 passed, 1 failed
"""


def test_requirements_skip_with_a_reason(lc):
    capture = lab_case(lc, spec="requires: {tshark: 99.0}\nhandshake: complete\n")
    proc = lc.run(capture)
    assert proc.returncode == 0
    assert proc.stdout.startswith("SKIP  lab.pcapng: requires tshark >= 99.0 (this is ")
    assert proc.stdout.endswith("\n0 passed, 0 failed, 1 skipped\n")


# --- spec errors: exit 2, an ERROR for the captures of that spec ------------

BAD_SPECS = [
    ("handshake: complete\nmesages: {client: []}\n",
     "bad.yaml:2: unknown key 'mesages' in the spec (did you mean 'messages'?)"),
    ("messages:\n  client:\n    - {length: ten}\n",
     "bad.yaml:3: messages.client[1].length must be a non-negative integer, not 'ten'"),
    ("fields:\n  - {field: labproto.lenght, frame: 1, equals: 4}\n",
     "bad.yaml:2: unknown field labproto.lenght (did you mean labproto.len?); "
     "list fields with: tshark -G fields"),
    ("counts:\n  - {filter: \"labproto.len >\", exactly: 1}\n",
     "bad.yaml:2: display filter \"labproto.len >\" does not compile:"),
    ("tshark:\n  preferences: {labproto.no_such_pref: 1}\nhandshake: complete\n",
     "bad.yaml:2: tshark rejects the settings -o labproto.no_such_pref:1:"),
    ("fields:\n  - {field: labproto.text, range: [1, 2]}\n",
     "bad.yaml:2: range needs a numeric field; labproto.text is FT_STRING"),
    ("fields:\n  - {field: labproto.len.zero, equals: 1}\n",
     "bad.yaml:2: labproto.len.zero has no value (FT_NONE); test it with present or absent"),
]


@pytest.mark.parametrize("spec,error", BAD_SPECS)
def test_bad_spec_is_rejected_with_its_line(lc, spec, error):
    capture = lc.sample("lab_cp949.pcapng")
    lc.write("bad.yaml", spec)
    proc = lc.run("--spec", "bad.yaml", capture)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0].startswith("labcheck: " + error), proc.stderr
    assert proc.stdout.startswith(f"ERROR {capture}: {error}")
    assert proc.stdout.endswith("\n0 passed, 0 failed, 1 error\n")


def test_usage_errors(lc):
    assert lc.run("nothing.pcapng").stderr == "labcheck: nothing.pcapng: no such capture\n"
    lc.sample("lab_cp949.pcapng")
    proc = lc.run("lab_cp949.pcapng")
    assert proc.returncode == 2
    assert proc.stderr == ("labcheck: lab_cp949.pcapng: no spec (expected lab_cp949.yaml; draft "
                           "one with: labcheck init lab_cp949.pcapng)\n")
    assert lc.run("--shard", "3/2", "lab_cp949.pcapng").returncode == 2
    assert lc.run().returncode == 2


# --- broken captures: an ERROR verdict, the others still run ---------------

def test_missing_corrupt_and_truncated_captures(lc):
    lab_case(lc, "good")
    lc.write("gone.yaml", LAB_SPEC)
    data = (SAMPLES / "lab_cp949.pcapng").read_bytes()
    (lc.folder / "truncated.pcapng").write_bytes(data[:len(data) - 40])
    lc.write("truncated.yaml", LAB_SPEC)
    (lc.folder / "corrupt.pcapng").write_bytes(b"this is not a capture file\n" * 20)
    lc.write("corrupt.yaml", LAB_SPEC)
    proc = lc.run("--junit", "junit.xml", "gone.yaml", "corrupt.pcapng", "good.pcapng",
                  "truncated.pcapng")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "ERROR gone.pcapng: capture not found: gone.pcapng"
    # tshark's own status for a file it cannot read: 2 on 4.0, 3 on 4.4.
    assert re.match(r"ERROR corrupt\.pcapng: tshark failed \(exit status [23]\):", lines[1])
    assert "isn't a capture file in a format TShark understands" in proc.stdout
    assert "PASS  good.pcapng" in lines
    # Cut in its last packet: graded on what was read (the close never completes), and said so.
    truncated = proc.stdout.split("FAIL  truncated.pcapng\n")[1]
    assert truncated.startswith(
        "      the capture is cut short in the middle of a packet after frame 21: graded on the "
        "21 frames read\n")
    assert "        - teardown complete\n        + teardown half-closed  (frame 20)\n" in truncated
    assert lines[-1] == "1 passed, 1 failed, 2 errors"


@pytest.fixture
def fake_tshark():
    """A tshark that hangs or crashes on captures named so, else is tshark."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-fake-"))
    script = folder / "tshark"
    script.write_text("""#!/bin/bash
case "$*" in
  *hang.pcapng*) exec sleep 600 ;;
  *stall.pcapng*) printf '{"index":{"_ind'; exec sleep 600 ;;
  *crash.pcapng*) kill -SEGV $$ ;;
esac
exec tshark "$@"
""")
    folder.chmod(0o755)
    script.chmod(0o755)
    yield script
    shutil.rmtree(folder)


def test_crash_and_timeout_are_errors_for_that_capture(lc, fake_tshark):
    # stall: stopped in the middle of a line, which is not what went wrong. 10 s leaves
    # fine.pcapng time on a busy machine.
    for name in ("hang", "stall", "crash", "fine"):
        lab_case(lc, name)
    proc = lc.run("--tshark", fake_tshark, "--timeout", "10", "-j", "4",
                  "crash.pcapng", "fine.pcapng", "hang.pcapng", "stall.pcapng")
    assert proc.returncode == 1
    assert proc.stdout == """\
ERROR crash.pcapng: tshark crashed (signal 11, Segmentation fault)
PASS  fine.pcapng
ERROR hang.pcapng: tshark timed out after 10 s (raise --timeout?)
ERROR stall.pcapng: tshark timed out after 10 s (raise --timeout?)
1 passed, 0 failed, 3 errors
"""


# --- batches -----------------------------------------------------------------

def _batch(lc):
    names = ["lab_cp949", "utf8_echo", "coalesced", "zero_length", "big_endian", "abort_rst"]
    for n in names:
        lc.sample(f"{n}.pcapng")
        lc.write(f"{n}.yaml", "handshake: complete\nteardown: complete\n"
                              "expert: {max_severity: note}\n")
    return names


def test_parallel_results_are_identical_to_serial(lc):
    _batch(lc)
    serial = lc.run("-j", "1", "--json", "serial.json", "--junit", "serial.xml", ".")
    parallel = lc.run("-j", "2", "--json", "parallel.json", "--junit", "parallel.xml", ".")
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert lc.read("serial.json") == lc.read("parallel.json")
    strip_times = lambda xml: "\n".join(l.split(" time=")[0] for l in xml.splitlines())
    assert strip_times(lc.read("serial.xml")) == strip_times(lc.read("parallel.xml"))
    assert "FAIL  ./abort_rst.pcapng" in serial.stdout


def test_shards_split_the_batch(lc):
    _batch(lc)
    verdicts = lambda proc: [l for l in proc.stdout.splitlines() if not l.startswith(" ")]
    assert verdicts(lc.run("--shard", "1/2", ".")) == [
        "FAIL  ./abort_rst.pcapng", "PASS  ./coalesced.pcapng", "PASS  ./utf8_echo.pcapng",
        "2 passed, 1 failed"]
    assert verdicts(lc.run("--shard", "2/2", ".")) == [
        "PASS  ./big_endian.pcapng", "PASS  ./lab_cp949.pcapng", "PASS  ./zero_length.pcapng",
        "3 passed, 0 failed"]
