"""labcheck given hostile or broken input: every case has a clear message and
its documented exit status, and the other captures of the batch still get
their verdicts, in every report.

Exit status 2: a spec that cannot be used (its captures are ERRORs, the
others are checked), the environment (nothing can be checked), a report that
cannot be written. Exit status 1: a capture that cannot be checked (ERROR).
"""
import json
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import BUILT_PLUGIN, SAMPLES, WS_VERSION
from test_labcheck import (LAB_SPEC, PLUGIN_DIR, as_nobody, broken_plugin_dir,  # noqa: F401
                           fake_tshark, lab_case, lc, open_lc)

# Seconds: no hostile input may make labcheck wait for it (the fake tshark's hang is
# 600 s). A guard against hangs, not a speed target: a busy 2-core machine with 4.6's
# larger field list needs well over a minute for a batch.
BOUNDED = 300

# A pcapng with a section header and an Ethernet interface, and no packets.
NO_PACKETS = (struct.pack("<IIIHHqI", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1, 28) +
              struct.pack("<IIHHII", 1, 20, 1, 0, 0, 20))


def with_a_good_capture(lc, *args, **options):
    """Runs labcheck on ARGS and good.pcapng, which passes whatever else happens."""
    lab_case(lc, "good")
    return lc.run(*args, "good.pcapng", timeout=BOUNDED, **options)


def assert_only_good_passed(proc, errors=1):
    assert "PASS  good.pcapng\n" in proc.stdout
    plural = "" if errors == 1 else "s"
    assert proc.stdout.endswith(f"\n1 passed, 0 failed, {errors} error{plural}\n"), proc.stdout


# --- specs that cannot be used: ERROR for their captures, exit 2 -------------

def billion_laughs():
    """1000 aliases of a list of 1000 values: 8 KB that stand for a million."""
    return ("fields:\n  - &f {field: tcp.len, equals: [" + "1, " * 999 + "1]}\n" +
            "  - *f\n" * 999)


def nested_mappings(levels):
    return "".join(" " * i + "a:\n" for i in range(levels))


HOSTILE_SPECS = {
    "syntax": ("handshake: complete\nmessages: {client: [\n",
               "x.yaml:3: invalid YAML: end of sequence flow not found"),
    "unknown key": ("handshake: complete\nteardwn: reset\n",
                    "x.yaml:2: unknown key 'teardwn' in the spec (did you mean 'teardown'?)"),
    "wrong type": ("messages:\n  client: 4\n", "x.yaml:2: messages.client must be a list"),
    "deep flow": ("[" * 100000, "x.yaml:1: invalid YAML: nested more than 64 levels deep"),
    "deep block": (nested_mappings(1000),
                   "x.yaml:64: invalid YAML: nested more than 64 levels deep"),
    "50 MB": ("description: " + "x" * (50 << 20) + "\n",
              "x.yaml: larger than 4 MiB, the most a spec may be: is it a spec?"),
    "1e6 items": ("fields:\n  - {field: tcp.len, equals: [" + "1, " * 999999 + "1]}\n",
                  "x.yaml:2: more than 500000 values (an alias counts as what it names): "
                  "is it a spec?"),
    "alias bomb": (billion_laughs(), "x.yaml:499: more than 500000 values (an alias counts as "
                                     "what it names): is it a spec?"),
    "alias loop": ("fields: &a [*a]\n",
                   "x.yaml:1: an alias (*name) inside its own anchor: it never ends"),
}


@pytest.mark.parametrize("case", HOSTILE_SPECS)
def test_a_spec_that_cannot_be_read_is_an_error_for_its_capture_only(lc, case):
    spec, error = HOSTILE_SPECS[case]
    lc.sample("lab_cp949.pcapng", "x.pcapng")
    lc.write("x.yaml", spec)
    proc = with_a_good_capture(lc, "x.pcapng")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"labcheck: {error}"), proc.stderr
    assert proc.stdout.startswith(f"ERROR x.pcapng: {error}")
    assert_only_good_passed(proc)


def test_a_spec_that_is_a_folder(lc):
    lc.sample("lab_cp949.pcapng", "x.pcapng")
    (lc.folder / "x.yaml").mkdir()
    proc = with_a_good_capture(lc, "x.pcapng")
    assert proc.returncode == 2
    error = "x.yaml: cannot read the spec file: Is a directory"
    assert (proc.stderr, proc.stdout.splitlines()[0]) == (f"labcheck: {error}\n",
                                                          f"ERROR x.pcapng: {error}")
    assert_only_good_passed(proc)


def test_a_field_of_a_newer_tshark_in_a_spec_that_requires_it_is_a_skip(lc):
    lab_case(lc, "future", spec="requires: {tshark: \"99.0\"}\n"
                                "fields:\n  - {field: labproto.from_99, present: true}\n")
    proc = with_a_good_capture(lc, "future.pcapng")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith("SKIP  future.pcapng: requires tshark >= 99.0 (this is ")


def test_unreadable_spec_and_capture_for_an_unprivileged_user(open_lc):
    """labcheck run by `nobody`; root-only files (root itself reads anything)."""
    for name in ("spec", "capture", "fine"):
        lab_case(open_lc, name)
    for path in open_lc.folder.iterdir():
        path.chmod(0o644)
    (open_lc.folder / "spec.yaml").chmod(0o600)
    (open_lc.folder / "capture.pcapng").chmod(0o600)
    proc = as_nobody(open_lc, "--color", "never", "--plugin-dir", PLUGIN_DIR, "--junit",
                     "r.xml", "spec.pcapng", "capture.pcapng", "fine.pcapng")
    assert proc.returncode == 2
    assert proc.stderr == "labcheck: spec.yaml: cannot read the spec file: Permission denied\n"
    assert proc.stdout == """\
ERROR spec.pcapng: spec.yaml: cannot read the spec file: Permission denied
ERROR capture.pcapng: cannot read capture.pcapng: Permission denied
PASS  fine.pcapng
1 passed, 0 failed, 2 errors
"""
    root = ET.parse(open_lc.folder / "r.xml").getroot()
    assert [c.get("name") for c in root.iter("testcase")] == [
        "spec.pcapng", "capture.pcapng", "fine.pcapng"]


# --- captures that cannot be checked: ERROR, exit 1 --------------------------

def test_empty_captures(lc):
    lc.write("zero.pcapng", "")
    (lc.folder / "nothing.pcapng").write_bytes(NO_PACKETS)
    for name in ("zero", "nothing"):
        lc.write(f"{name}.yaml", "fields:\n  - {field: labproto.len, absent: true}\n")
    proc = with_a_good_capture(lc, "zero.pcapng", "nothing.pcapng")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:2] == [
        "ERROR zero.pcapng: zero.pcapng is empty (0 bytes), not a capture file",
        "ERROR nothing.pcapng: the capture has no packets (was it recorded on the wrong "
        "interface?)"]
    assert_only_good_passed(proc, errors=2)


def test_a_spec_naming_a_folder_as_its_capture(lc):
    (lc.folder / "folder.pcapng").mkdir()
    lc.write("x.yaml", "capture: folder.pcapng\nhandshake: complete\n")
    proc = with_a_good_capture(lc, "x.yaml")
    assert proc.returncode == 1
    assert proc.stdout.startswith("ERROR folder.pcapng: folder.pcapng is a folder, not a "
                                  "capture file\n")
    assert_only_good_passed(proc)


# --- reports that cannot be written: the rest is still done, exit 2 ----------

@pytest.mark.parametrize("junit,json_path,unwritable,why", [
    ("missing/r.xml", "r.json", "the JUnit report missing/r.xml", "No such file or directory"),
    ("r.xml", ".", "the JSON report .", "Is a directory"),
])
def test_a_report_that_cannot_be_written(lc, junit, json_path, unwritable, why):
    lab_case(lc, "good")
    proc = lc.run("--junit", junit, "--json", json_path, "good.pcapng", timeout=BOUNDED)
    assert proc.returncode == 2
    assert proc.stderr == f"labcheck: cannot write {unwritable}: {why}\n"
    assert proc.stdout == "PASS  good.pcapng\n1 passed, 0 failed\n"
    written = lc.folder / ("r.json" if json_path == "r.json" else "r.xml")
    assert "good.pcapng" in written.read_text()


def test_init_says_when_it_cannot_write_the_spec(lc):
    capture = lc.sample("lab_cp949.pcapng")
    (lc.folder / "lab_cp949.yaml").mkdir()
    proc = lc.init("--force", capture)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "labcheck: cannot write lab_cp949.yaml: Is a directory\n"


# --- the environment: nothing can be checked, exit 2 -------------------------

def test_a_plugin_built_for_another_wireshark_version(lc, broken_plugin_dir):  # noqa: F811
    if not shutil.which("cc"):
        pytest.skip("no C compiler")
    major, minor = (4, 0) if WS_VERSION == (3, 6) else (3, 6)  # any other than this one
    source = broken_plugin_dir.parents[2] / "other_wireshark.c"
    source.write_text('const char plugin_version[] = "0.1.0";\n'
                      f"const int plugin_want_major = {major}, plugin_want_minor = {minor};\n"
                      "void plugin_register(void) {}\n")
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(broken_plugin_dir), str(source)],
                   check=True)
    proc = with_a_good_capture(lc, plugin_dir=broken_plugin_dir.parents[2])
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith(
        f"labcheck: tshark did not load the labproto plugin {broken_plugin_dir} (tshark ")
    assert proc.stderr.endswith(
        f"tshark: The plugin 'labproto.so' was compiled for Wireshark version {major}.{minor}\n")


def test_a_tshark_that_is_not_a_program(lc):
    proc = with_a_good_capture(lc, "--tshark", "./good.yaml")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("labcheck: ./good.yaml is not an executable program: pass --tshark "
                           "the path of tshark\n")


# --- one batch with every kind of error: complete reports --------------------

def test_a_batch_with_every_kind_of_error_writes_complete_reports(lc, fake_tshark):  # noqa: F811
    lab_case(lc, "pass")
    lab_case(lc, "fail", spec="handshake: complete\nteardown: reset\n")
    for name in ("crash", "hang"):
        lab_case(lc, name)
    lc.sample("lab_cp949.pcapng", "syntax.pcapng")
    (lc.folder / "syntax.yaml").write_bytes(b'handshake: "\\\xff"\n')  # quoted in the reports
    lab_case(lc, "nofield", spec="fields:\n  - {field: labproto.lenght, present: true}\n")
    lab_case(lc, "nofilter", spec="counts:\n  - {filter: \"labproto.len >\", exactly: 1}\n")
    data = (SAMPLES / "lab_cp949.pcapng").read_bytes()
    (lc.folder / "cut.pcapng").write_bytes(data[:-40])
    (lc.folder / "empty.pcapng").write_bytes(NO_PACKETS)
    for name in ("cut", "empty"):
        lc.write(f"{name}.yaml", LAB_SPEC)
    lc.write("gone.yaml", "handshake: complete\n")
    names = ["pass", "fail", "crash", "hang", "syntax", "nofield", "nofilter", "cut", "empty",
             "gone"]
    paths = [f"{n}.yaml" if n == "gone" else f"{n}.pcapng" for n in names]
    proc = lc.run("--tshark", fake_tshark, "--timeout", "10", "-j", "4", "--junit", "r.xml",
                  "--json", "r.json", *paths, timeout=BOUNDED)
    assert proc.returncode == 2  # the specs that cannot be used
    verdicts = {"pass": "pass", "fail": "fail"}
    verdicts.update({n: "error" for n in names[2:]})
    verdicts["cut"] = "fail"  # graded on what was read, the cut said
    heads = [line.split(":")[0] for line in proc.stdout.splitlines() if line[0] != " "]
    assert heads == [f"{verdicts[n].upper():<5} {n}.pcapng" for n in names] + [
        "1 passed, 2 failed, 7 errors"]

    cases = {c.get("name"): c for c in ET.parse(lc.folder / "r.xml").getroot().iter("testcase")}
    assert list(cases) == [f"{n}.pcapng" for n in names]
    for n in names:
        kind = {"pass": None, "fail": "failure", "error": "error"}[verdicts[n]]
        tags = [child.tag for child in cases[n + ".pcapng"] if child.tag != "system-out"]
        assert tags == ([kind] if kind else [])
    assert "cut short" in cases["cut.pcapng"].find("system-out").text
    assert cases["syntax.pcapng"].find("error").get("message") == (
        "syntax.yaml:1: invalid YAML: unknown escape character: \ufffd")
    assert "signal 11" in cases["crash.pcapng"].find("error").get("message")
    assert "timed out" in cases["hang.pcapng"].find("error").get("message")

    report = json.loads((lc.folder / "r.json").read_text())
    assert report["summary"] == {"passed": 1, "failed": 2, "errors": 7, "skipped": 0,
                                 "updated": 0}
    assert {c["capture"]: c["verdict"] for c in report["captures"]} == {
        f"{n}.pcapng": verdicts[n] for n in names}
    reasons = {c["capture"]: c["reason"] for c in report["captures"]}
    assert reasons["nofield.pcapng"].startswith("nofield.yaml:2: unknown field labproto.lenght")
    assert reasons["nofilter.pcapng"].startswith("nofilter.yaml:2: display filter")
    assert reasons["gone.pcapng"] == "capture not found: gone.pcapng"
    assert reasons["empty.pcapng"].startswith("the capture has no packets")
