"""The labproto statistics tree (`tshark -z labproto,tree`, Statistics > labproto)."""
import subprocess

import pytest

LAB = "lab_cp949.pcapng"
COLUMNS = ("count", "average", "min", "max")


def stats(tshark, capture, *args):
    """The tree as {"Parent/Child": {"count": 4, "average": "16.50", ...}}."""
    out = tshark.run("-r", capture, "-q", "-z", "labproto,tree", *args).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Topic / Item"))
    starts = [lines[header].index(name) for name in ("Count", "Average", "Min Val", "Max Val",
                                                       "Rate (ms)")]
    tree, parents = {}, []
    for line in lines[header + 2:]:
        if not line.strip() or line.startswith("-"):
            continue
        name = line[:starts[0]].rstrip()
        depth = len(name) - len(name.lstrip(" "))
        parents[depth:] = [name.strip()]
        values = [line[a:b].strip() for a, b in zip(starts, starts[1:])]
        tree["/".join(parents)] = dict(zip(COLUMNS, [int(values[0])] + values[1:]))
    return tree


def counts(tree, *paths):
    return {p: tree[p]["count"] for p in paths}


def test_listed_among_tshark_statistics(tshark):
    proc = tshark.run("-z", "help")
    assert "labproto,tree" in (proc.stdout + proc.stderr).split()


def test_lab_capture_exact(tshark):
    tree = stats(tshark, tshark.capture(LAB))
    # Lengths 10, 8, 35, 13: all client to server.
    assert tree["Messages"] == {"count": 4, "average": "16.50", "min": "8", "max": "35"}
    assert tree["Messages/Client to server"] == tree["Messages"]
    assert tree["Messages/Server to client"]["count"] == 0
    # 4 headers + 66 body bytes: the client's FIN has Seq=83.
    assert counts(tree, "Bytes (header + body)", "Bytes (header + body)/Client to server",
                  "Bytes (header + body)/Server to client") == {
        "Bytes (header + body)": 82, "Bytes (header + body)/Client to server": 82,
        "Bytes (header + body)/Server to client": 0}
    assert tree["Message length/1-15"] == {"count": 3, "average": "10.33", "min": "8", "max": "13"}
    assert tree["Message length/16-63"]["count"] == 1
    assert tree["Message length"]["count"] == 4
    assert tree["Message length"]["average"] == "16.50"
    assert sum(v["count"] for k, v in tree.items() if k.startswith("Message length/")) == 4
    assert counts(tree, "Streams", "Messages per stream", "Messages per stream/tcp.stream 0") == {
        "Streams": 1, "Messages per stream": 4, "Messages per stream/tcp.stream 0": 4}
    assert counts(tree, "Malformed messages",
                  "Malformed messages/Length negative or above max_len",
                  "Malformed messages/Cut short by the end of the capture") == {
        "Malformed messages": 0, "Malformed messages/Length negative or above max_len": 0,
        "Malformed messages/Cut short by the end of the capture": 0}


@pytest.fixture
def three_streams(tshark):
    """lab_cp949, utf8_echo and zero_length one after the other: tcp.stream 0, 1, 2."""
    path = tshark.scratch("three_streams.pcapng")
    subprocess.run(["mergecap", "-w", path] +
                   [tshark.capture(c) for c in (LAB, "utf8_echo.pcapng", "zero_length.pcapng")],
                   check=True)
    return path


def test_streams_and_directions(tshark, three_streams):
    tree = stats(tshark, three_streams)
    # 4 + 6 (3 echoed back) + 3 messages; lengths add up to 66 + 120 + 32.
    assert tree["Messages"] == {"count": 13, "average": "16.77", "min": "0", "max": "35"}
    assert counts(tree, "Messages/Client to server", "Messages/Server to client") == {
        "Messages/Client to server": 10, "Messages/Server to client": 3}
    assert counts(tree, "Bytes (header + body)", "Bytes (header + body)/Client to server",
                  "Bytes (header + body)/Server to client") == {
        "Bytes (header + body)": 270, "Bytes (header + body)/Client to server": 198,
        "Bytes (header + body)/Server to client": 72}
    assert counts(tree, "Message length/0", "Message length/1-15", "Message length/16-63") == {
        "Message length/0": 1, "Message length/1-15": 6, "Message length/16-63": 6}
    assert tree["Streams"]["count"] == 3
    per_stream = {k.split("/")[1]: v["count"] for k, v in tree.items()
                  if k.startswith("Messages per stream/")}
    assert per_stream == {"tcp.stream 0": 4, "tcp.stream 1": 6, "tcp.stream 2": 3}


def test_same_in_two_passes_and_without_reassembly(tshark, three_streams):
    # -2 is how the GUI sees a file; without reassembly bodies arrive as
    # continuations but every header still counts once, with its length.
    one_pass = stats(tshark, three_streams)
    assert stats(tshark, three_streams, "-2") == one_pass
    unreassembled = stats(tshark, three_streams, "-o", "tcp.desegment_tcp_streams:FALSE")
    assert {k: v["count"] for k, v in unreassembled.items()} == \
        {k: v["count"] for k, v in one_pass.items()}


def test_large_message_bucket(tshark):
    tree = stats(tshark, tshark.capture("large_70k.pcapng"))
    assert tree["Message length/65536-"] == {"count": 1, "average": "70000.00",
                                             "min": "70000", "max": "70000"}
    assert tree["Bytes (header + body)"]["count"] == 4 + 70000 + 4 + 3


def test_malformed_length_is_no_message(tshark):
    # Forced big-endian, the lab's first header (0a 00 00 00) reads 167772160.
    tree = stats(tshark, tshark.capture(LAB), "-o", "labproto.byte_order:big")
    assert counts(tree, "Messages", "Bytes (header + body)", "Message length", "Streams",
                  "Malformed messages",
                  "Malformed messages/Length negative or above max_len") == {
        "Messages": 0, "Bytes (header + body)": 0, "Message length": 0, "Streams": 1,
        "Malformed messages": 1, "Malformed messages/Length negative or above max_len": 1}


def test_message_cut_by_snaplen(tshark):
    # coalesced's one data segment holds five messages; 75 bytes per frame keep
    # 9 of its payload bytes: the first header and 5 of its 6 body bytes.
    cut = tshark.scratch("coalesced_snap75.pcapng")
    subprocess.run(["editcap", "-s", "75", tshark.capture("coalesced.pcapng"), cut], check=True)
    tree = stats(tshark, cut)
    assert counts(tree, "Messages", "Bytes (header + body)", "Malformed messages",
                  "Malformed messages/Cut short by the capture (snaplen)") == {
        "Messages": 1, "Bytes (header + body)": 10, "Malformed messages": 1,
        "Malformed messages/Cut short by the capture (snaplen)": 1}


@pytest.mark.parametrize("capture,args,cause", [
    ("generated/fin_cuts_message.pcapng", (), "a FIN"),
    ("generated/rst_cuts_message.pcapng", (), "a RST"),
    ("lab_cut.pcapng", ("-2",), "the end of the capture"),
])
def test_messages_cut_by_the_connection_or_the_capture_count(tshark, capture, args, cause):
    if capture == "lab_cut.pcapng":  # the lab capture up to message 3's header
        subprocess.run(["editcap", "-r", tshark.capture(LAB), tshark.scratch(capture), "1-12"],
                       check=True)
        path = tshark.scratch(capture)
    else:
        path = tshark.capture(capture)
    tree = stats(tshark, path, *args)
    node = f"Malformed messages/Cut short by {cause}"
    assert counts(tree, "Malformed messages", node) == {"Malformed messages": 1, node: 1}
