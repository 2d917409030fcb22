"""Frame links: the lifecycle's (labproto.conn.*_frame) and request/response
(labproto.response_in / response_to / response_time), in one pass and with -2."""
import pytest

LINKS = ["frame.number", "labproto.conn.syn_frame", "labproto.conn.synack_frame",
         "labproto.conn.client_fin_frame", "labproto.conn.server_fin_frame"]


def lifecycle_links(tshark, capture, *args):
    return tshark.fields(tshark.capture(capture), LINKS, "-Y",
                         "labproto.conn.syn_frame || labproto.conn.synack_frame || "
                         "labproto.conn.client_fin_frame || labproto.conn.server_fin_frame",
                         *args)


# capture: [frame, SYN, SYN,ACK, client's FIN, server's FIN] of the events that link.
LIFECYCLE = {
    "lab_cp949.pcapng": [["3", "1", "2", "", ""], ["22", "", "", "20", "21"]],
    # The server closed first: its FIN (10) comes before the client's (11).
    "close_server_first.pcapng": [["3", "1", "2", "", ""], ["12", "", "", "11", "10"]],
    "utf8_echo.pcapng": [["3", "1", "2", "", ""], ["20", "", "", "18", "19"]],
    # Frame 1 is the SYN nobody answered; the SYN,ACK answers the re-sent one.
    "generated/syn_retransmitted.pcapng": [["4", "2", "3", "", ""],
                                           ["11", "", "", "9", "10"]],
    "generated/simultaneous_close.pcapng": [["3", "1", "2", "", ""],
                                            ["11", "", "", "8", "9"]],
    # Both sent a SYN; the server's SYN,ACK (4) completes it itself: no 2/3 step.
    "generated/simultaneous_open.pcapng": [["4", "1", "", "", ""],
                                           ["11", "", "", "9", "10"]],
    # A RST ends it: no close completes, nothing links to the FINs.
    "abort_rst.pcapng": [["3", "1", "2", "", ""]],
    "half_close.pcapng": [["3", "1", "2", "", ""], ["12", "", "", "8", "11"]],
    "generated/win_null_4way.pcapng": [["3", "1", "2", "", ""], ["23", "", "", "20", "22"]],
}


@pytest.mark.parametrize("capture", sorted(LIFECYCLE))
def test_lifecycle_links_exact(tshark, capture):
    assert lifecycle_links(tshark, capture) == LIFECYCLE[capture]
    assert lifecycle_links(tshark, capture, "-2") == LIFECYCLE[capture]


def test_links_are_frame_numbers(tshark):
    out = tshark.run("-r", tshark.capture("lab_cp949.pcapng"), "-Y", "frame.number == 22",
                     "-V", "-O", "labproto").stdout
    assert "[Client's FIN in: 20]" in out and "[Server's FIN in: 21]" in out
    # FT_FRAMENUM: a filter compares them as frames.
    rows = tshark.fields(tshark.capture("lab_cp949.pcapng"), ["frame.number"], "-Y",
                         "labproto.conn.synack_frame == 2")
    assert rows == [["3"]]


PAIRS = ["frame.number", "labproto.direction", "labproto.msg_index", "labproto.response_in",
         "labproto.response_to", "labproto.response_time"]


def pairs(tshark, capture, *args):
    return tshark.fields(tshark.capture(capture), PAIRS, "-Y", "labproto.len", *args)


ECHO = [["6", "0", "1", "8", "", ""], ["8", "1", "1", "", "6", "0.000273547"],
        ["11", "0", "2", "13", "", ""], ["13", "1", "2", "", "11", "0.000115402"],
        ["15", "0", "3", "17", "", ""], ["17", "1", "3", "", "15", "0.000110014"]]


def test_echo_pairs_exact(tshark):
    assert pairs(tshark, "utf8_echo.pcapng", "-2") == ECHO
    # One pass: a request cannot know its response yet (as dns.response_in); the
    # responses are the same.
    assert pairs(tshark, "utf8_echo.pcapng") == [row[:3] + [""] + row[4:] for row in ECHO]


def test_response_fields_are_frame_links(tshark):
    out = tshark.run("-r", tshark.capture("utf8_echo.pcapng"), "-2", "-V", "-O", "labproto",
                     "-Y", "frame.number == 6 || frame.number == 8").stdout
    assert "[Response in: 8]" in out and "[Response to: 6]" in out
    # 4.6 writes relative times in the unit that reads best.
    assert ("[Response time: 0.000273547 seconds]" in out or
            "[Response time: 273.547 microseconds]" in out)
    assert tshark.fields(tshark.capture("utf8_echo.pcapng"), ["frame.number"], "-2", "-Y",
                         "labproto.response_time > 0.0002") == [["8"]]


def test_no_answers_no_links(tshark):
    # The lab run: the server answers nothing.
    assert all(row[3:] == ["", "", ""] for row in pairs(tshark, "lab_cp949.pcapng", "-2"))


def message_rows(tshark, capture, *args):
    """(frame, direction, index, response_in, response_to, response_time) per message."""
    rows = []
    for row in pairs(tshark, capture, *args):
        cols = [c.split("|") for c in row[1:3]]
        links = [iter(c.split("|")) if c else iter(()) for c in row[3:]]
        for d, i in zip(*cols):
            rin = next(links[0], "") if d == "0" else ""
            rto, rtime = (next(links[1], ""), next(links[2], "")) if d == "1" else ("", "")
            rows.append((int(row[0]), int(d), int(i), rin, rto, rtime))
    return rows


def test_several_outstanding_oldest_answered_first(tshark):
    # nagle_lab: the client runs ahead of the echo server; before frame 57, #19-#26 are
    # unanswered, and 57's five answers pair with the five oldest, #19-#23.
    capture = "network/nagle_lab/server-pcapng.pcapng"
    prefs = ("-o", "tcp.reassemble_out_of_order:TRUE")
    rows = message_rows(tshark, capture, "-2", *prefs)
    client = {i: frame for frame, d, i, *_ in rows if d == 0}
    server = {i: frame for frame, d, i, *_ in rows if d == 1}
    assert len(client) == len(server) == 30
    for frame, d, i, rin, rto, _ in rows:
        if d == 0:
            assert rin == str(server[i]), (frame, i)
        else:
            assert rto == str(client[i]), (frame, i)
    outstanding_at_57 = sorted(i for i, f in client.items() if f < 57 and server[i] >= 57)
    assert outstanding_at_57 == [19, 20, 21, 22, 23, 24, 25, 26]
    assert [r[3:] for r in rows if r[0] == 57] == [
        ("", "45", "0.008496402"), ("", "46", "0.008485342"), ("", "47", "0.008475513"),
        ("", "48", "0.008466186"), ("", "48", "0.008466186")]
    one_pass = message_rows(tshark, capture, *prefs)
    assert [r[:3] + r[4:] for r in one_pass] == [r[:3] + r[4:] for r in rows]
    assert all(r[3] == "" for r in one_pass)


def test_unanswered_requests_and_an_answer_after_them(tshark):
    # killed_rst: four client messages, then one server message (its greeting, sent
    # late): by position it answers the oldest, #1; #2-#4 stay unanswered.
    rows = message_rows(tshark, "network/killed_rst/server-pcapng.pcapng", "-2", "-o",
                        "tcp.reassemble_out_of_order:TRUE")
    assert rows == [(6, 0, 1, "22", "", ""), (10, 0, 2, "", "", ""), (14, 0, 3, "", "", ""),
                    (18, 0, 4, "", "", ""), (22, 1, 1, "", "6", "0.000620844")]
