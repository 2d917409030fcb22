"""labcheck's reports of one mixed batch: terminal text, JUnit XML and JSON.

The batch has every verdict: a pass, a failure in a stream section, a
capture cut in its last packet (graded on what was read: FAIL), a file that
is no capture (ERROR) and an unmet requirement (SKIP).
"""
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import SAMPLES
from test_labcheck import LAB_SPEC, lab_case, lc  # noqa: F401 (fixture)


@pytest.fixture
def batch(lc):  # noqa: F811
    lab_case(lc, "pass")
    data = (SAMPLES / "lab_cp949.pcapng").read_bytes()
    (lc.folder / "cut.pcapng").write_bytes(data[: len(data) - 40])
    lc.write("cut.yaml", LAB_SPEC)
    (lc.folder / "junk.pcapng").write_bytes(b"junk" * 100)
    lc.write("junk.yaml", "handshake: complete\n")
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
    return lc.run(*args, "cut.pcapng", "junk.pcapng", "later.pcapng", "pass.pcapng",
                  "streams.pcapng")


def test_terminal_report(batch):
    proc = run_batch(batch)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[:9] == [
        "FAIL  cut.pcapng",
        "      the capture is cut short in the middle of a packet after frame 21: graded on the "
        "21 frames read",
        lines[2],
        "      cut.yaml:2: teardown",
        "        - teardown complete",
        "        + teardown half-closed  (frame 20)",
        "      cut.yaml:24: expert required labproto.teardown.complete",
        "        - labproto.teardown.complete present",
        "        + (none in the scope)",
    ]
    assert lines[2].startswith("      graded: stream 0, 127.0.0.1:")
    assert re.match(r"ERROR junk\.pcapng: tshark failed \(exit status [23]\):", lines[9])
    assert lines[11:] == [
        "SKIP  later.pcapng: requires labproto plugin >= 99 (this is 0.1.0)",
        "PASS  pass.pcapng",
        "FAIL  streams.pcapng",
        "      [stream 0 (only)] streams.yaml:6: client messages",
        "        - message 2: length 9",
        "        + message 2: length 8  (frame 10)",
        "1 passed, 2 failed, 1 error, 1 skipped",
    ]
    assert "\033[" not in proc.stdout  # not a terminal: no colour


def test_quiet_and_colour(batch):
    quiet = run_batch(batch, "-q").stdout
    assert "PASS" not in quiet and "SKIP" not in quiet
    assert "FAIL  streams.pcapng" in quiet and "ERROR junk.pcapng" in quiet
    assert quiet.endswith("1 passed, 2 failed, 1 error, 1 skipped\n")
    coloured = run_batch(batch, "--color", "always").stdout
    assert "\033[32mPASS \033[0m pass.pcapng" in coloured
    assert "\033[31m        - message 2: length 9\033[0m" in coloured


def test_junit_has_a_testcase_per_capture_with_the_terminals_totals(batch):
    run_batch(batch, "--junit", "report.xml")
    root = ET.parse(batch.folder / "report.xml").getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "2", "1")
    assert root.get("skipped") is None  # junit-10 and JUnit 5's schema forbid it there
    suite = root.find("testsuite")
    assert suite.get("skipped") == "1"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert list(cases) == ["cut.pcapng", "junk.pcapng", "later.pcapng", "pass.pcapng",
                           "streams.pcapng"]
    assert all(c.get("file") is None and c.get("classname") == "labcheck" for c in cases.values())
    assert "isn't a capture file" in cases["junk.pcapng"].find("error").text
    assert cases["later.pcapng"].find("skipped").text == (
        "requires labproto plugin >= 99 (this is 0.1.0)")
    assert cases["later.pcapng"].find("skipped").attrib == {}
    assert list(cases["pass.pcapng"]) == []
    # Its stream section failed: so does the capture, named by the first failing check.
    failure = cases["streams.pcapng"].find("failure")
    assert failure.get("message") == ("[stream 0 (only)] streams.yaml:6: client messages: "
                                      "expected message 2: length 9, got message 2: length 8")
    assert failure.text == ("      [stream 0 (only)] streams.yaml:6: client messages\n"
                            "        - message 2: length 9\n"
                            "        + message 2: length 8  (frame 10)\n")
    cut = cases["cut.pcapng"]
    assert cut.find("failure").get("message") == (
        "cut.yaml:2: teardown: expected teardown complete, got teardown half-closed (and 1 more "
        "failed check)")
    assert cut.find("system-out").text.startswith("the capture is cut short in the middle")


def test_json_has_the_same_results(batch):
    run_batch(batch, "--json", "report.json")
    report = json.loads((batch.folder / "report.json").read_text())
    assert report["summary"] == {"passed": 1, "failed": 2, "errors": 1, "skipped": 1,
                                 "updated": 0}
    verdicts = {c["capture"]: c["verdict"] for c in report["captures"]}
    assert verdicts == {"cut.pcapng": "fail", "junk.pcapng": "error", "later.pcapng": "skip",
                        "pass.pcapng": "pass", "streams.pcapng": "fail"}
    assert report["captures"][0]["cut"].startswith("the capture is cut short")
    graded = report["captures"][3]["connections"]["streams"]
    assert [(s["stream"], s["graded"], s["labproto"]) for s in graded] == [(0, True, True)]
    streams = report["captures"][4]
    assert streams["spec"] == "streams.yaml"
    scope = streams["scopes"][1]
    assert (scope["scope"], scope["stream"], scope["passed"]) == ("stream 0 (only)", 0, False)
    assert scope["checks"][0] == {
        "location": "streams.yaml:6", "title": "client messages", "passed": False,
        "description": "",
        "mismatches": [{"expected": "message 2: length 9", "actual": "message 2: length 8",
                        "frame": 10}],
        "more_mismatches": 0}
    passing = report["captures"][3]["scopes"][0]["checks"]
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
