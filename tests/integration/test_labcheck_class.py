"""A teaching assistant grades a class: samples/class holds one real loopback
recording per student (samples/class/record-class.sh), in section/student
folders, with the mistakes students make and the broken files they hand in
(samples/class/make-broken.py); samples/class/lab3.yaml is the one spec, as
a TA would write it. Every student's verdict is asserted, and the reports a
CI reads are validated against the Jenkins schemas' rules.
"""
import json
import pathlib
import shutil
import subprocess

import pytest

from conftest import SOURCE_DIR
from test_labcheck import lc  # noqa: F401 (fixture)

CLASS = SOURCE_DIR / "samples" / "class"
SPEC = CLASS / "lab3.yaml"
SCHEMA = pathlib.Path(__file__).parent / "junit-jenkins.xsd"

# What a TA expects of each submission.
VERDICTS = {
    "section-A/01_kim": "pass",     # the lab's four lines, header and body apart
    "section-A/02_lee": "pass",     # the same in CP949, as on the Windows lab machines
    "section-A/03_park": "pass",    # header and body in one send()
    "section-A/04_choi": "fail",    # a typo: 같내요
    "section-A/05_jung": "fail",    # English instead of Korean
    "section-A/06_kang": "fail",    # forgot message 2
    "section-A/07_cho": "fail",     # an extra message
    "section-A/08_yoon": "fail",    # messages 2 and 3 swapped
    "section-A/09_jang": "fail",    # strlen + 1: the NUL terminator sent
    "section-A/10_lim": "fail",     # sizeof buf: the text padded with NULs to 512 bytes
    "section-B/11_han": "fail",     # fgets' newline kept
    "section-B/12_oh": "fail",      # CRLF line ends
    "section-B/13_seo": "fail",     # the length counted in characters
    "section-B/14_shin": "fail",    # the length as ASCII digits "0015"
    "section-B/15_kwon": "fail",    # closed with RST (SO_LINGER 0)
    "section-B/16_hwang": "fail",   # the server closes first
    "section-B/17_ahn": "fail",     # the wrong port (9001)
    "section-B/18_song": "fail",    # captured with snaplen 60
    "section-B/19_ryu": "fail",     # capture stopped before the FIN
    "section-B/20_jeon": "fail",    # capture started after the SYN
    "section-C/21_hong": "pass",    # refused attempts (server not up yet), then a correct run
    "section-C/22_moon": "pass",    # a correct run among DNS junk, HTTP and another TCP flow
    "section-C/23_yang": "pass",    # Windows NULL/Loopback link, correct
    "section-C/24_baek": "fail",    # Windows NULL/Loopback link, NUL terminators
    "section-C/25_nam": "fail",     # the file cut in its last packet: the close never completes
    "section-C/26_go": "error",     # an empty file
    "section-C/27_bae": "error",    # tshark's text output saved as .pcapng
    "section-C/28_jo": "error",     # recorded on the wrong interface: no packets
    "section-C/30_yoo": "pass",     # all four messages in one send()
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from test_labcheck import Labcheck, _require_build
    _require_build()
    folder = tmp_path_factory.mktemp("class")
    proc = Labcheck(folder).run("--spec", SPEC, "--junit", "class.xml", "--json", "class.json",
                                "--report-dir", "reports", CLASS)
    report = json.loads((folder / "class.json").read_text(encoding="utf-8"))
    return proc, report, folder


def by_student(report):
    return {c["label"].rsplit("/", 1)[0]: c for c in report["captures"]}


def failures(capture):
    """Every failed check as (title, [(expected, actual, note)])."""
    return [(c["title"], [(m["expected"], m["actual"], m.get("note")) for m in c["mismatches"]])
            for s in capture["scopes"] for c in s["checks"] if not c["passed"]]


def test_every_students_verdict(graded):
    proc, report, _ = graded
    assert proc.returncode == 1
    assert {s: c["verdict"] for s, c in by_student(report).items()} == VERDICTS
    assert report["summary"] == {"passed": 7, "failed": 19, "errors": 3, "skipped": 0,
                                 "updated": 0}
    assert proc.stdout.endswith("\n7 passed, 19 failed, 3 errors\n")


def test_a_file_discovery_skips_is_listed(graded):
    proc, report, _ = graded
    assert report["not_checked"] == [{
        "path": str(CLASS / "section-C" / "29_ha" / "lab.PCAPNG"),
        "reason": "its extension is not lower case (labcheck reads .pcapng, .pcap, .cap, "
                  ".pcapng.gz, .pcap.gz): rename it"}]
    assert f"NOT CHECKED: 1 file\n      {CLASS}/section-C/29_ha/lab.PCAPNG: its extension" in \
        proc.stdout


def test_what_each_mistake_reads_as(graded):
    students = by_student(graded[1])
    messages = "client messages"
    # NUL terminator, padding, newline, CRLF: exactly the invisible character, where it starts.
    for who, first in (("09_jang", "\u2400"), ("10_lim", "\u2400"), ("11_han", "\\n"),
                       ("12_oh", "\\r")):
        (title, mismatches), = failures(students[f"section-{'A' if who < '11' else 'B'}/{who}"])
        assert title == messages
        assert len(mismatches) == 4
        expected, actual, note = mismatches[0]
        assert expected == 'message 1: text "안녕하세요" (5 characters, 15 bytes)'
        assert actual.startswith(f'message 1: text "안녕하세요{first}')
        assert note.startswith("first difference at character 6: ")
    assert failures(students["section-A/06_kang"]) == [(messages, [(
        'message 2: text "반가워요" (4 characters)',
        "missing message 2 (3 client messages decoded)", None)])]
    assert failures(students["section-A/07_cho"]) == [(messages, [(
        "no message after message 4",
        'unexpected message 5: length 19, text "안녕히 가세요" (7 characters, 19 bytes)', None)])]
    (_, swapped), = failures(students["section-A/08_yoon"])
    assert [m[0].split(":")[0] for m in swapped] == ["message 2", "message 3"]
    (_, typo), = failures(students["section-A/04_choi"])
    assert typo[0][2] == ('first difference at character 19: "내" (U+B0B4) where the spec has '
                          '"네" (U+B124)')
    assert [t for t, _ in failures(students["section-B/15_kwon"])] == ["teardown"]
    assert [t for t, _ in failures(students["section-B/16_hwang"])] == [
        "closed_by", "server messages"]
    assert [t for t, _ in failures(students["section-B/19_ryu"])] == ["teardown", "closed_by"]
    assert failures(students["section-B/20_jeon"]) == [
        ("handshake", [("handshake complete", "handshake missing", None)])]
    # An ASCII length ("0015") reads as no lab message in either order: the stream is left to
    # the port's other dissector, and the report says so where the messages are missing.
    # A snaplen of 60 leaves no payload: the report says the capture cut the frames.
    song = students["section-B/18_song"]["connections"]
    assert song["short_frames"] > 0 and song["snaplen"] == 60
    shin = students["section-B/14_shin"]
    assert "client messages" in [t for t, _ in failures(shin)]
    assert shin["connections"]["streams"][0]["summary"].startswith(
        "not labproto from frame 4 on: its first data is not a lab message")


def test_other_traffic_and_refused_attempts_are_named_not_graded(graded):
    proc, report, _ = graded
    students = by_student(report)
    hong = students["section-C/21_hong"]["connections"]["streams"]
    assert [s["graded"] for s in hong] == [False] * (len(hong) - 1) + [True]
    assert all(s["summary"] == "refused (a RST answered the SYN)" for s in hong[:-1])
    moon = students["section-C/22_moon"]["connections"]
    assert [(s["labproto"], s["graded"]) for s in moon["streams"]] == [
        (False, False), (False, False), (True, True)]
    assert (moon["other_frames"], moon["other_protocols"]) == (1, ["dns"])
    moon_text = proc.stdout.split("PASS  " + str(CLASS / "section-C/22_moon/lab.pcapng") + "\n")[1]
    assert moon_text.startswith("      graded: stream 2, 127.0.0.1:")
    assert "      not graded: 1 frame that is not TCP (dns)\n" in moon_text
    ahn = proc.stdout.split(str(CLASS / "section-B/17_ahn/lab.pcapng") + "\n")[1]
    assert "to decode it as labproto: tshark: {decode_as: [\"tcp.port==9001,labproto\"]}" in ahn


def test_the_cut_file_is_graded_on_what_was_read(graded):
    nam = by_student(graded[1])["section-C/25_nam"]
    assert nam["cut"].startswith("the capture is cut short in the middle of a packet after "
                                 "frame ")
    assert [t for t, _ in failures(nam)] == ["teardown"]


def test_junit_validates_and_agrees_with_the_terminal(graded):
    if not shutil.which("xmllint"):
        pytest.fail("xmllint missing: apt-get install libxml2-utils")
    _, _, folder = graded
    xml = folder / "class.xml"
    check = subprocess.run(["xmllint", "--noout", "--schema", str(SCHEMA), str(xml)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    import xml.etree.ElementTree as ET
    root = ET.parse(xml).getroot()
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("29", "19", "3")
    cases = {c.get("classname"): c for c in root.iter("testcase")}
    assert sorted(cases) == sorted(s.replace("/", ".") for s in VERDICTS)
    assert cases["section-A.06_kang"].find("failure").get("message").endswith(
        "lab3.yaml:10: client messages (the lab's four lines, byte for byte): expected message "
        "2: text \"반가워요\" (4 characters), got missing message 2 (3 client messages decoded)")


def test_the_schema_rejects_what_the_jenkins_schemas_reject(tmp_path):
    """The old report's shape: file on a testcase, skipped on testsuites, a skipped element
    with attributes; each alone makes the schema refuse the file."""
    good = ('<testsuites tests="1"><testsuite name="s" tests="1" failures="0" errors="0">'
            '<testcase classname="a" name="x.pcapng" time="0.1">{}</testcase>'
            '</testsuite></testsuites>')
    cases = {"valid": good.format("<skipped>why</skipped>"),
             "file": good.replace('name="x.pcapng"', 'name="x.pcapng" file="x.pcapng"').format(""),
             "skipped attribute": good.replace("<testsuites ", '<testsuites skipped="0" ')
             .format(""),
             "skipped message": good.format('<skipped message="why"/>'),
             "order": good.format("<failure/><error/>")}
    for name, text in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.xml"
        path.write_text(text)
        check = subprocess.run(["xmllint", "--noout", "--schema", str(SCHEMA), str(path)],
                               capture_output=True, text=True)
        assert (check.returncode == 0) == (name == "valid"), (name, check.stderr)


def test_a_readable_report_per_student(graded):
    _, _, folder = graded
    reports = folder / "reports"
    written = sorted(str(p.relative_to(reports).parent) for p in reports.rglob("*.txt"))
    assert written == sorted(VERDICTS)
    kang = (reports / "section-A" / "06_kang" / "lab.txt").read_text(encoding="utf-8")
    assert kang.startswith("labcheck: section-A/06_kang/lab.pcapng\n")
    assert "verdict: FAIL, 1 of 8 checks failed\n" in kang
    assert ("PASS  " + str(SPEC) + ":4: handshake (the capture starts with the 3-way "
            "handshake)\n") in kang
    assert ("FAIL  " + str(SPEC) + ":10: client messages (the lab's four lines, byte for byte)\n"
            "        - message 2: text \"반가워요\" (4 characters)\n"
            "        + missing message 2 (3 client messages decoded)\n") in kang
    go = (reports / "section-C" / "26_go" / "lab.txt").read_text(encoding="utf-8")
    assert "verdict: ERROR" in go and "is empty (0 bytes)" in go
