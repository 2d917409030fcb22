"""labcheck init (draft a spec from a capture) and --update (bless)."""
import pytest

from test_labcheck import LAB_DRAFT, lab_case, lc  # noqa: F401 (fixture)

SAMPLES_TO_DRAFT = ["lab_cp949", "utf8_echo", "coalesced", "zero_length", "big_endian",
                    "close_server_first", "abort_rst", "refused", "large_70k",
                    "generated/midstream"]


def test_init_writes_what_the_capture_decodes_to(lc):  # noqa: F811
    capture = lc.sample("lab_cp949.pcapng")
    proc = lc.init(capture)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == ("wrote lab_cp949.yaml (4 client messages, 0 server messages, "
                           "handshake complete, teardown complete)\n")
    assert lc.read("lab_cp949.yaml") == (
        "# Drafted by `labcheck init lab_cp949.pcapng`: review every line against what the "
        "capture\n# should show before trusting it.\n" + LAB_DRAFT)


@pytest.mark.parametrize("name", SAMPLES_TO_DRAFT)
def test_init_then_run_passes(lc, name):  # noqa: F811
    capture = lc.sample(f"{name}.pcapng")
    assert lc.init(capture).returncode == 0
    proc = lc.run(capture)
    assert (proc.returncode, proc.stdout) == (0, f"PASS  {capture}\n1 passed, 0 failed\n")


def test_init_keeps_tshark_settings_in_the_spec(lc):  # noqa: F811
    capture = lc.sample("other_port_9230.pcapng")
    proc = lc.init("-d", "tcp.port==9230,labproto", "-o", "labproto.max_len:100",
                   "-o", "tcp.desegment_tcp_streams:TRUE", capture)
    assert proc.returncode == 0, proc.stderr
    spec = lc.read("other_port_9230.yaml")
    assert ('tshark:\n  preferences:\n    labproto.max_len: 100\n'
            '    tcp.desegment_tcp_streams: TRUE\n'
            '  decode_as:\n    - "tcp.port==9230,labproto"\n') in spec
    assert '    - {length: 15, text: "안녕하세요"}\n' in spec
    assert lc.run(capture).returncode == 0


def test_init_does_not_overwrite_a_spec(lc):  # noqa: F811
    capture = lab_case(lc)
    before = lc.read("lab.yaml")
    proc = lc.init(capture)
    assert proc.returncode == 2
    assert proc.stderr == ("labcheck: lab.yaml exists (overwrite with --force, or refresh it "
                           "with: labcheck --update lab.pcapng)\n")
    assert lc.read("lab.yaml") == before
    assert lc.init("--force", capture).returncode == 0
    assert lc.read("lab.yaml") != before


STALE = """\
# Expectations for the reference run.
handshake: complete   # the 3-way handshake
teardown: reset       # how it ends
messages:
  # the four lines, in order
  client:
    - {length: 10, text: "안녕하세요"}
    - {length: 9, text_regex: "^반가"}   # the greeting
    - {length: 35, text_regex: '이야기'}
  server: []
counts:
  - {filter: "tcp.flags.fin == 1", exactly: 1}  # a FIN each way?
fields:
  - {field: labproto.len, client_message: 4, equals: 12}
  - {field: tcp.len, where: "labproto.len", range: [10, 20]}
expert:
  max_severity: chat
  forbidden: [labproto.teardown.complete, labproto.len.too_large]
"""

# Only what differed is rewritten; comments, quoting and layout stay.
BLESSED = """\
# Expectations for the reference run.
handshake: complete   # the 3-way handshake
teardown: complete       # how it ends
messages:
  # the four lines, in order
  client:
    - {length: 10, text: "안녕하세요"}
    - {length: 8, text_regex: "^반가"}   # the greeting
    - {length: 35, text_regex: '이야기'}
    - {length: 13, text: "저도 그렇네요"}
  server: []
counts:
  - {filter: "tcp.flags.fin == 1", exactly: 2}  # a FIN each way?
fields:
  - {field: labproto.len, client_message: 4, equals: 13}
  - {field: tcp.len, where: "labproto.len", range: [8, 35]}
expert:
  max_severity: note
  forbidden: [labproto.len.too_large]
"""


def test_update_round_trips(lc):  # noqa: F811
    capture = lab_case(lc, spec=STALE)
    assert lc.run(capture).returncode == 1
    proc = lc.run("--update", capture)
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0] == "FAIL  lab.pcapng"
    assert "        - teardown reset" in lines
    assert "        + teardown complete  (frame 22)" in lines
    # The summary agrees with the exit status: blessed, it is no failure.
    assert lines[-2:] == ["      updated lab.yaml", "0 passed, 0 failed, 1 updated"]
    assert lc.read("lab.yaml") == BLESSED
    # Now it passes, and blessing again changes nothing.
    assert lc.run(capture).stdout == "PASS  lab.pcapng\n1 passed, 0 failed\n"
    again = lc.run("--update", capture)
    assert (again.returncode, again.stdout) == (0, "PASS  lab.pcapng\n1 passed, 0 failed\n")
    assert lc.read("lab.yaml") == BLESSED


def test_update_refuses_one_spec_for_many_captures(lc):  # noqa: F811
    lab_case(lc, "a")
    lab_case(lc, "b")
    proc = lc.run("--update", "--spec", "a.yaml", "a.pcapng", "b.pcapng")
    assert proc.returncode == 2
    assert "cannot bless one --spec from several captures" in proc.stderr
