"""Connection lifecycle expert info on every scenario capture, in one pass and with -2."""
import re

import pytest

SYN = "labproto.handshake.syn"
SYNACK = "labproto.handshake.synack"
DONE = "labproto.handshake.complete"
MISSING = "labproto.handshake.missing"
FIN = "labproto.teardown.fin"
CLOSED = "labproto.teardown.complete"
RESET = "labproto.teardown.reset"
CUT = "labproto.msg.truncated"
LIFECYCLE = {SYN, SYNACK, DONE, MISSING, FIN, CLOSED, RESET, CUT}

HANDSHAKE = [
    (1, SYN, "Handshake 1/3: SYN client\u2192server"),
    (2, SYNACK, "Handshake 2/3: SYN,ACK server\u2192client"),
    (3, DONE, re.compile(r"Handshake 3/3: ACK client\u2192server completes the handshake "
                         r"\(RTT 0\.0\d{5} s\)")),
]


def linux_close(first, fin1, client_first=True):
    a, b = ("client\u2192server", "server\u2192client")[::1 if client_first else -1]
    who = "client" if client_first else "server"
    return [
        (fin1, FIN, f"Teardown: FIN {a} (active close)"),
        (fin1 + 1, FIN, f"Teardown: FIN {b} (passive close)"),
        (fin1 + 2, CLOSED, f"Teardown complete: 3-segment close, {who} closed first"),
    ]


EXPECTED = {
    "lab_cp949.pcapng": HANDSHAKE + linux_close("client", 20),
    "close_client_first.pcapng": HANDSHAKE + linux_close("client", 8),
    "close_server_first.pcapng": HANDSHAKE + linux_close("server", 10, client_first=False),
    "half_close.pcapng": HANDSHAKE + [
        (8, FIN, "Teardown: FIN client\u2192server (active close)"),
        (11, FIN, "Teardown: FIN server\u2192client (passive close)"),
        (12, CLOSED, "Teardown complete: 4-way close, client closed first"),
    ],
    "abort_rst.pcapng": HANDSHAKE + [
        (8, RESET, "Reset by client; nothing was unacknowledged"),
    ],
    "refused.pcapng": [
        (1, SYN, "Handshake 1/3: SYN client\u2192server"),
        (2, RESET, "Reset by server: connection refused (no listener answered the SYN)"),
    ],
    "generated/win_null_4way.pcapng": HANDSHAKE + [
        (20, FIN, "Teardown: FIN client\u2192server (active close)"),
        (22, FIN, "Teardown: FIN server\u2192client (passive close)"),
        (23, CLOSED, "Teardown complete: 4-way close, client closed first"),
    ],
    "generated/syn_retransmitted.pcapng": [
        (1, SYN, "Handshake 1/3: SYN client\u2192server"),
        (3, SYNACK, "Handshake 2/3: SYN,ACK server\u2192client"),
        (4, DONE, "Handshake 3/3: ACK client\u2192server completes the handshake "
                  "(RTT 0.000080 s)"),
    ] + linux_close("client", 9),
    "generated/simultaneous_open.pcapng": [
        (1, SYN, "Handshake 1/3: SYN client\u2192server"),
        (2, SYN, "Handshake (simultaneous open): SYN server\u2192client crosses the client's SYN"),
        (4, DONE, "Handshake 3/3: SYN,ACK server\u2192client completes the handshake "
                  "(RTT 0.000120 s)"),
    ] + linux_close("client", 9),
    "generated/simultaneous_close.pcapng": HANDSHAKE + [
        (8, FIN, "Teardown: FIN client\u2192server (active close)"),
        (9, FIN, "Teardown: FIN server\u2192client (simultaneous close)"),
        (11, CLOSED, "Teardown complete: simultaneous close, client closed first"),
    ],
    "generated/midstream.pcapng": [
        (1, MISSING, "Handshake not in the capture: the stream starts mid-connection"),
    ] + linux_close("client", 5),
    "generated/fin_retrans_rst.pcapng": HANDSHAKE + [
        (10, FIN, "Teardown: FIN server\u2192client (active close)"),
        (12, FIN, "Teardown: FIN client\u2192server (passive close)"),
        (18, RESET, "Reset by client; unacknowledged: FIN client\u2192server"),
    ],
    "generated/fin_out_of_order.pcapng": HANDSHAKE + [
        (10, FIN, "Teardown: FIN client\u2192server (active close)"),
        (12, FIN, "Teardown: FIN server\u2192client (passive close)"),
        (13, CLOSED, "Teardown complete: 3-segment close, client closed first"),
    ],
    "generated/fin_cuts_message.pcapng": HANDSHAKE + [
        (12, CUT, "FIN cuts message #2 c\u2192s short: 10 of 31 body bytes were sent"),
        (12, FIN, "Teardown: FIN client\u2192server (active close)"),
        (13, FIN, "Teardown: FIN server\u2192client (passive close)"),
        (14, CLOSED, "Teardown complete: 3-segment close, client closed first"),
    ],
    "generated/rst_cuts_message.pcapng": HANDSHAKE + [
        (12, CUT, "RST cuts message #1 s\u2192c short: 4 of 22 body bytes were sent"),
        (12, RESET, "Reset by client; nothing was unacknowledged"),
    ],
}

SEVERITY = {SYN: "2097152", SYNACK: "2097152", DONE: "2097152", FIN: "2097152",
            CLOSED: "2097152", MISSING: "4194304", RESET: "6291456", CUT: "6291456"}


def lifecycle(tshark, capture, *args):
    rows = tshark.expert(tshark.capture(capture), *args)
    return [r for r in rows if r[1] in LIFECYCLE]


def matches(actual, expected):
    frame, name, message = expected
    if isinstance(message, re.Pattern):
        return actual[:2] == (frame, name) and message.fullmatch(actual[3])
    return actual[:2] == (frame, name) and actual[3] == message


@pytest.mark.parametrize("passes", [(), ("-2",)], ids=["one-pass", "two-pass"])
@pytest.mark.parametrize("capture", sorted(EXPECTED))
def test_lifecycle_expert_info(tshark, capture, passes):
    actual = lifecycle(tshark, capture, *passes)
    expected = EXPECTED[capture]
    assert len(actual) == len(expected), actual
    for a, e in zip(actual, expected):
        assert matches(a, e), (a, e)
        assert a[2] == SEVERITY[a[1]], a


def test_connection_fields_follow_the_states(tshark):
    rows = tshark.fields(tshark.capture("lab_cp949.pcapng"),
                         ["frame.number", "labproto.conn.event", "labproto.conn.state",
                          "labproto.conn.close_initiator"], "-Y", "labproto.conn")
    assert rows == [
        ["1", "syn", "SYN_SENT", ""],
        ["2", "synack", "SYN_RECEIVED", ""],
        ["3", "handshake-complete", "ESTABLISHED", ""],
        ["20", "fin", "HALF_CLOSED", "0"],
        ["21", "fin", "CLOSING", "0"],
        ["22", "teardown-complete", "CLOSED", "0"],
    ]
    server_first = tshark.fields(tshark.capture("close_server_first.pcapng"),
                                 ["labproto.conn.close_initiator"], "-Y",
                                 "labproto.conn.event == \"teardown-complete\"")
    assert server_first == [["1"]]


def test_handshake_rtt_field(tshark):
    rows = tshark.fields(tshark.capture("generated/syn_retransmitted.pcapng"),
                         ["frame.number", "labproto.conn.handshake_rtt"],
                         "-Y", "labproto.conn.handshake_rtt")
    assert rows == [["4", "0.000080000"]]


def test_retransmissions_do_not_move_the_state_twice(tshark):
    rows = tshark.fields(tshark.capture("generated/fin_retrans_rst.pcapng"),
                         ["frame.number", "labproto.conn.event"], "-Y", "labproto.conn")
    # The FIN re-sent in frames 13-17 is not a new FIN.
    assert rows == [["1", "syn"], ["2", "synack"], ["3", "handshake-complete"], ["10", "fin"],
                    ["12", "fin"], ["18", "reset"]]


def test_reset_and_refused_states(tshark):
    rows = tshark.fields(tshark.capture("refused.pcapng"),
                         ["frame.number", "labproto.conn.state"], "-Y", "labproto.conn")
    assert rows == [["1", "SYN_SENT"], ["2", "RESET"]]


def test_filterable_in_ci(tshark):
    rows = tshark.fields(tshark.capture("generated/win_null_4way.pcapng"), ["frame.number"],
                         "-Y", "labproto.teardown.complete || labproto.handshake.complete")
    assert rows == [["3"], ["23"]]


def test_tshark_expert_statistics_list_them(tshark):
    out = tshark.run("-r", tshark.capture("generated/win_null_4way.pcapng"), "-q",
                     "-z", "expert").stdout
    assert "Handshake 1/3: SYN client\u2192server" in out
    assert "Teardown complete: 4-way close, client closed first" in out


def test_end_of_capture_cut_is_known_only_after_a_full_pass(tshark):
    # Keep frames 1-12 of the lab capture: it ends after message 3's header.
    cut = tshark.scratch("lab_cut.pcapng")
    tshark_cmd = ["editcap", "-r", tshark.capture("lab_cp949.pcapng"), cut, "1-12"]
    import subprocess
    subprocess.run(tshark_cmd, check=True)
    assert [r for r in lifecycle(tshark, cut) if r[1] == CUT] == []
    assert [r for r in lifecycle(tshark, cut, "-2") if r[1] == CUT] == [
        (12, CUT, "6291456", "End of capture cuts message #3 c\u2192s short: "
                             "0 of 35 body bytes were sent"),
    ]


def test_heuristic_stream_is_annotated_from_the_claim_in_every_pass(tshark):
    args = ("--enable-heuristic", "labproto_tcp")
    one = lifecycle(tshark, "other_port_9230.pcapng", *args)
    # The SYN, SYN,ACK and ACK went by before the heuristic saw the first
    # message: only the close is annotated, and (TCP saw the handshake) no
    # handshake is reported missing. Frames before the claim read the same
    # in every pass.
    assert [(f, n) for f, n, *_ in one] == [(20, FIN), (21, FIN), (22, CLOSED)]
    two = lifecycle(tshark, "other_port_9230.pcapng", "-2", *args)
    assert two == one


def expert_summary_rows(tshark, capture, *args):
    """(severity, protocol, summary) of every line of `tshark -q -z expert`."""
    out = tshark.run("-r", tshark.capture(capture), "-q", "-z", "expert", *args).stdout
    found = re.findall(r"^ +\d+ +(\S+) +(\S+) +(.+)$", out, re.MULTILINE)
    return [(group, protocol, summary) for group, protocol, summary in found
            if group != "Group"]


def test_the_analysis_is_filed_under_labproto_and_obeys_enabled_protocols(tshark):
    # The connection postdissector's handle names no protocol (it costs less on
    # foreign traffic): it must still say whose its expert info is, and stop
    # when labproto is disabled.
    rows = expert_summary_rows(tshark, "lab_cp949.pcapng")
    ours = [r for r in rows if r[2].startswith(("Handshake", "Teardown"))]
    assert len(ours) == 6, rows
    assert {protocol for _, protocol, _ in ours} == {"labproto"}
    disabled = expert_summary_rows(tshark, "lab_cp949.pcapng", "--disable-protocol", "labproto")
    assert disabled and all(protocol != "labproto" for _, protocol, _ in disabled), disabled
    assert not any(summary.startswith(("Handshake", "Teardown")) for _, _, summary in disabled)
    assert tshark.fields(tshark.capture("lab_cp949.pcapng"), ["frame.number"], "-Y",
                         "labproto.conn", "--disable-protocol", "labproto") == []
