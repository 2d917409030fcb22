"""The LABPROTO flow graph: `tshark -z flow,labproto,standard` (Statistics > Flow Graph, flow
type LABPROTO). One arrow per segment of a stream labproto owns, labelled with the messages
it carried (`#3 len=35 "…"`, a header sent alone as `#1 len=10 [header]`) or its TCP flags,
then the connection step it was (`[Handshake 1/3]`, `[FIN]`, `[Reset]`); the comment is
TCP's view (flags, Seq, Ack, Len). Nodes are address:port, so loopback has two columns.

tshark draws each label in the width between two columns, cut by bytes (so a Korean label
is cut short and misaligns the row): that drawing is tshark's own; these are its exact lines.
"""
import platform
import shutil
import subprocess

import pytest

import libwireshark_layout
from conftest import BUILD_DIR


def flow(tshark, capture, *args):
    """The flow graph's lines, trailing blanks removed (tshark pads the header line)."""
    proc = tshark.run("-r", tshark.capture(capture), "-q", "-z", "flow,labproto,standard", *args)
    assert proc.stderr == ""
    return [line.rstrip() for line in proc.stdout.splitlines()]


LAB_CP949 = [
    '|Time     | 127.0.0.1:40628                       |',
    '|         |                   | 127.0.0.1:9000    |',
    '|0.000000000|         SYN [Handshake 1/3]           |SYN Seq=0 Ack=0 Len=0',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.000013189|         SYN, ACK [Handshake           |SYN, ACK Seq=0 Ack=1 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.000025608|         ACK [Handshake 3/3]           |ACK Seq=1 Ack=1 Len=0',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.000085847|         #1 len=10 [header]            |PSH, ACK Seq=1 Ack=1 Len=4',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.000091926|         ACK       |                   |ACK Seq=1 Ack=5 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.020288507|         #1 len=10 "안녕하세요"             |PSH, ACK Seq=5 Ack=1 Len=10',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.020307465|         ACK       |                   |ACK Seq=1 Ack=15 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.040574571|         #2 len=8 [header]             |PSH, ACK Seq=15 Ack=1 Len=4',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.040592317|         ACK       |                   |ACK Seq=1 Ack=19 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.060779634|         #2 len=8 "반가워요"               |PSH, ACK Seq=19 Ack=1 Len=8',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.060802979|         ACK       |                   |ACK Seq=1 Ack=27 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.081098166|         #3 len=35 [header]            |PSH, ACK Seq=27 Ack=1 Len=4',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.081123103|         ACK       |                   |ACK Seq=1 Ack=31 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.101396708|         #3 len=35 "오늘따라 할 이야          |PSH, ACK Seq=31 Ack=1 Len=35',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.101420934|         ACK       |                   |ACK Seq=1 Ack=66 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.121626118|         #4 len=13 [header]            |PSH, ACK Seq=66 Ack=1 Len=4',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.121646258|         ACK       |                   |ACK Seq=1 Ack=70 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.141886984|         #4 len=13 "저도 그렇네요"           |PSH, ACK Seq=70 Ack=1 Len=13',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.141911100|         ACK       |                   |ACK Seq=1 Ack=83 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.162170914|         FIN, ACK [FIN]                |FIN, ACK Seq=83 Ack=1 Len=0',
    '|         |(40628)  ------------------>  (9000)   |',
    '|0.162580945|         FIN, ACK [FIN]                |FIN, ACK Seq=1 Ack=84 Len=0',
    '|         |(40628)  <------------------  (9000)   |',
    '|0.162600344|         ACK [Teardown comple          |ACK Seq=84 Ack=2 Len=0',
    '|         |(40628)  ------------------>  (9000)   |',
]

ABORT_RST = [
    '|Time     | 127.0.0.1:51570                       |',
    '|         |                   | 127.0.0.1:9000    |',
    '|0.000000000|         SYN [Handshake 1/3]           |SYN Seq=0 Ack=0 Len=0',
    '|         |(51570)  ------------------>  (9000)   |',
    '|0.000010315|         SYN, ACK [Handshake           |SYN, ACK Seq=0 Ack=1 Len=0',
    '|         |(51570)  <------------------  (9000)   |',
    '|0.000021842|         ACK [Handshake 3/3]           |ACK Seq=1 Ack=1 Len=0',
    '|         |(51570)  ------------------>  (9000)   |',
    '|0.000057055|         #1 len=15 [header]            |PSH, ACK Seq=1 Ack=1 Len=4',
    '|         |(51570)  ------------------>  (9000)   |',
    '|0.000061872|         ACK       |                   |ACK Seq=1 Ack=5 Len=0',
    '|         |(51570)  <------------------  (9000)   |',
    '|0.020198534|         #1 len=15 "안녕하세요"             |PSH, ACK Seq=5 Ack=1 Len=15',
    '|         |(51570)  ------------------>  (9000)   |',
    '|0.020219355|         ACK       |                   |ACK Seq=1 Ack=20 Len=0',
    '|         |(51570)  <------------------  (9000)   |',
    '|0.040382265|         RST, ACK [Reset]              |RST, ACK Seq=20 Ack=1 Len=0',
    '|         |(51570)  ------------------>  (9000)   |',
]


def test_listed_among_tshark_statistics(tshark):
    proc = tshark.run("-z", "help")
    assert "flow,labproto" in (proc.stdout + proc.stderr).split()


@pytest.mark.parametrize("passes", [(), ("-2",)], ids=["one-pass", "two-pass"])
def test_cp949_lab_run_on_loopback(tshark, passes):
    # Two columns for 127.0.0.1, told apart by port; the CP949 text decoded; every
    # header sent alone, its body, the ACKs, the handshake and the 4-way close.
    assert flow(tshark, "lab_cp949.pcapng", *passes) == LAB_CP949


def test_reset(tshark):
    assert flow(tshark, "abort_rst.pcapng") == ABORT_RST
    assert flow(tshark, "abort_rst.pcapng", "-2") == ABORT_RST


def test_several_messages_in_one_segment(tshark):
    lines = flow(tshark, "coalesced.pcapng")
    assert lines[8] == '|0.000064135|         #1 len=6 "하나" #2 len          |PSH, ACK Seq=1 Ack=1 Len=41'


def test_comment_follows_tcps_sequence_numbers(tshark):
    lines = flow(tshark, "abort_rst.pcapng", "-o", "tcp.relative_sequence_numbers:FALSE")
    assert lines[2].endswith("|SYN Seq=96063982 Ack=0 Len=0"), lines[2]


def test_no_arrows_where_labproto_owns_nothing(tshark):
    # A stream on port 9000 that turned out to be FastCGI: labproto gives it up, and on
    # the second pass shows nothing of it, the flow graph included.
    assert flow(tshark, "foreign/fastcgi_9000.pcapng", "-2") == []
    # No labproto port at all.
    assert flow(tshark, "other_port_9230.pcapng") == []


@pytest.mark.skipif(platform.machine() != "x86_64" or not shutil.which("objdump"),
                    reason="reads x86-64 machine code with binutils' objdump")
def test_declarations_match_this_libwireshark(tshark):
    # No distribution installs epan/sequence_analysis.h: the plugin declares the graph's
    # structures for each version itself. They must be where this version's libwireshark
    # reads them, or the flow graph would be corrupted.
    ldd = subprocess.run(["ldd", shutil.which("tshark")], capture_output=True, text=True).stdout
    lib = next(l.split("=>")[1].split()[0] for l in ldd.splitlines() if "libwireshark" in l)
    compiled = subprocess.run([str(BUILD_DIR / "tests" / "labproto_seq_layout")],
                              capture_output=True, text=True, check=True).stdout
    declared = {name: int(value, 16) for name, value in (l.split() for l in compiled.splitlines())}
    assert declared == libwireshark_layout.layout(lib), lib
