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
