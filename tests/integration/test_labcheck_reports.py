"""labcheck's reports of one mixed batch: terminal text, JUnit XML and JSON.

The batch has every verdict: a pass, a failure in a stream section, a
truncated capture (ERROR) and an unmet requirement (SKIP).
"""
import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import CUT_SHORT_EXIT, SAMPLES
from test_labcheck import LAB_SPEC, lab_case, lc  # noqa: F401 (fixture)


@pytest.fixture
def batch(lc):  # noqa: F811
    lab_case(lc, "pass")
    data = (SAMPLES / "lab_cp949.pcapng").read_bytes()
    (lc.folder / "cut.pcapng").write_bytes(data[: len(data) - 40])
    lc.write("cut.yaml", LAB_SPEC)
    lab_case(lc, "later", spec="requires: {plugin: 99}\nhandshake: complete\n")
    lab_case(lc, "streams", spec="""\
handshake: complete
streams:
  - stream: 0
    name: only
    messages:
      client: [{length: 10}, {length: 9}]
      allow_more: true
""")
    return lc


def run_batch(lc, *args):
    return lc.run(*args, "cut.pcapng", "later.pcapng", "pass.pcapng", "streams.pcapng")


def test_terminal_report(batch):
    proc = run_batch(batch)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == f"ERROR cut.pcapng: tshark failed (exit status {CUT_SHORT_EXIT}):"
    assert lines[1].startswith("      tshark: The file ")
    assert lines[1].endswith("appears to have been cut short in the middle of a packet.")
    assert lines[2:] == [
        "SKIP  later.pcapng: requires labproto plugin >= 99 (this is 0.1.0)",
        "PASS  pass.pcapng",
        "FAIL  streams.pcapng",
        "      [stream 0 (only)] streams.yaml:6: client messages",
        "        - message 2: length 9",
        "        + message 2: length 8  (frame 10)",
        "1 passed, 1 failed, 1 error, 1 skipped",
    ]
    assert "\033[" not in proc.stdout  # not a terminal: no colour


def test_quiet_and_colour(batch):
    quiet = run_batch(batch, "-q").stdout
    assert "PASS" not in quiet and "SKIP" not in quiet
    assert "FAIL  streams.pcapng" in quiet and "ERROR cut.pcapng" in quiet
    assert quiet.endswith("1 passed, 1 failed, 1 error, 1 skipped\n")
    coloured = run_batch(batch, "--color", "always").stdout
    assert "\033[32mPASS \033[0m pass.pcapng" in coloured
    assert "\033[31m        - message 2: length 9\033[0m" in coloured


def test_junit_lists_every_capture_and_stream(batch):
    run_batch(batch, "--junit", "report.xml")
    root = ET.parse(batch.folder / "report.xml").getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == \
        ("5", "1", "1", "1")
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert list(cases) == ["cut.pcapng", "later.pcapng", "pass.pcapng", "streams.pcapng",
                           "streams.pcapng [stream 0 (only)]"]
    assert "cut short" in cases["cut.pcapng"].find("error").get("message")
    assert cases["later.pcapng"].find("skipped") is not None
    assert list(cases["pass.pcapng"]) == []
    assert list(cases["streams.pcapng"]) == []  # the capture-wide checks passed
    failure = cases["streams.pcapng [stream 0 (only)]"].find("failure")
    assert failure.get("message") == "1 of 1 checks failed"
    assert failure.text == ("      [stream 0 (only)] streams.yaml:6: client messages\n"
                            "        - message 2: length 9\n"
                            "        + message 2: length 8  (frame 10)\n")


def test_json_has_the_same_results(batch):
    run_batch(batch, "--json", "report.json")
    report = json.loads((batch.folder / "report.json").read_text())
    assert report["summary"] == {"passed": 1, "failed": 1, "errors": 1, "skipped": 1}
    verdicts = {c["capture"]: c["verdict"] for c in report["captures"]}
    assert verdicts == {"cut.pcapng": "error", "later.pcapng": "skip", "pass.pcapng": "pass",
                        "streams.pcapng": "fail"}
    streams = report["captures"][3]
    assert streams["spec"] == "streams.yaml"
    scope = streams["scopes"][1]
    assert (scope["scope"], scope["stream"], scope["passed"]) == ("stream 0 (only)", 0, False)
    assert scope["checks"][0] == {
        "location": "streams.yaml:6", "title": "client messages", "passed": False,
        "mismatches": [{"expected": "message 2: length 9", "actual": "message 2: length 8",
                        "frame": 10}],
        "more_mismatches": 0}
    passing = report["captures"][2]["scopes"][0]["checks"]
    assert passing and all(c["passed"] for c in passing)
    assert len(passing) == 20  # every check of LAB_SPEC, listed even when it passes


def test_reports_are_written_even_when_everything_errors(lc):  # noqa: F811
    (lc.folder / "junk.pcapng").write_bytes(b"junk" * 100)
    lc.write("junk.yaml", "handshake: complete\n")
    proc = lc.run("--junit", "j.xml", "--json", "j.json", "junk.pcapng")
    assert proc.returncode == 1
    root = ET.parse(lc.folder / "j.xml").getroot()
    assert [c.get("name") for c in root.iter("testcase")] == ["junk.pcapng"]
    assert json.loads((lc.folder / "j.json").read_text())["summary"]["errors"] == 1
