"""The LABPROTO statistics tree (`tshark -z labproto,tree`, Statistics > LABPROTO)."""
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


def connection(tree, client_port):
    """The rows of the connection whose client port is `client_port`, by name."""
    prefix = f"Connections/tcp.stream 0: client 127.0.0.1:{client_port}, server 127.0.0.1:9000"
    return {k[len(prefix) + 1:]: v for k, v in tree.items() if k.startswith(prefix + "/")} | \
        {"": tree[prefix]}


def test_echo_connection_each_way_handshake_responses_and_close(tshark):
    tree = stats(tshark, tshark.capture("utf8_echo.pcapng"))
    # The answers' labproto.response_time (test_links.py): 273.547, 115.402 and 110.014 us.
    times = {"count": 3, "average": "166.00", "min": "110", "max": "273"}
    assert tree["Response time (us)"] == times
    rows = connection(tree, 40634)
    lengths = {"count": 3, "average": "20.00", "min": "12", "max": "24"}
    assert rows == {
        "": {"count": 6, "average": "", "min": "", "max": ""},
        "Messages client to server": lengths, "Messages server to client": lengths,
        "Bytes client to server": {"count": 72, "average": "", "min": "", "max": ""},
        "Bytes server to client": {"count": 72, "average": "", "min": "", "max": ""},
        "Response time (us)": times,
        # labproto.conn.handshake_rtt 0.000031367
        "Handshake RTT (us)": {"count": 1, "average": "31.00", "min": "31", "max": "31"},
        "Closed: 3-segment, client closed first": {"count": 1, "average": "", "min": "",
                                                   "max": ""},
    }
    assert tree["Connections"]["count"] == 6


@pytest.mark.parametrize("capture, port, close", [
    (LAB, 40628, "Closed: 3-segment, client closed first"),
    ("close_server_first.pcapng", 51558, "Closed: 3-segment, server closed first"),
    ("half_close.pcapng", 51584, "Closed: 4-way, client closed first"),
    ("abort_rst.pcapng", 51570, "Reset by client"),
    ("refused.pcapng", 51592, "Refused: reset by server"),
])
def test_how_each_connection_closed(tshark, capture, port, close):
    rows = connection(stats(tshark, tshark.capture(capture)), port)
    closes = [name for name in rows if name.startswith(("Closed", "Reset", "Refused"))]
    assert closes == [close]
    assert rows[close]["count"] == 1
    # What did not happen reads 0: a connection refused sent nothing, had no handshake.
    if capture == "refused.pcapng":
        assert {name: row["count"] for name, row in rows.items() if name != close} == {
            "": 0, "Messages client to server": 0, "Messages server to client": 0,
            "Bytes client to server": 0, "Bytes server to client": 0,
            "Response time (us)": 0, "Handshake RTT (us)": 0}


def test_connections_of_several_streams(tshark, three_streams):
    tree = stats(tshark, three_streams)
    names = sorted(k.split("/")[1] for k in tree if k.count("/") == 1 and
                   k.startswith("Connections/"))
    assert [n.split(":")[0] for n in names] == ["tcp.stream 0", "tcp.stream 1", "tcp.stream 2"]
    assert [tree["Connections/" + n]["count"] for n in names] == [4, 6, 3]
