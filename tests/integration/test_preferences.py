"""Preferences, Decode As, the heuristic and desegmentation, with the real tshark."""
import pytest

LAB = "lab_cp949.pcapng"
OTHER_PORT = "other_port_9230.pcapng"
OTHER_PORT_MESSAGES = [
    (6, 0, 1, 15, "안녕하세요"),
    (10, 0, 2, 12, "반가워요"),
    (14, 0, 3, 50, "오늘따라 할 이야기가 많을 것 같네요"),
    (18, 0, 4, 19, "저도 그렇네요"),
]


def experts(tshark, capture, *args, name=None):
    rows = tshark.expert(tshark.capture(capture), *args)
    return [r for r in rows if name is None or r[1] == name]


# --- byte order ----------------------------------------------------------

def test_forced_big_endian_on_little_endian_stream_is_malformed_and_stops(tshark):
    args = ("-o", "labproto.byte_order:big")
    assert tshark.messages(tshark.capture(LAB), *args) == [(4, 0, 1, 167772160, None)]
    errors = experts(tshark, LAB, *args, name="labproto.len.too_large")
    assert errors == [(4, "labproto.len.too_large", "8388608",
                       "Length 167772160 (167772160 as int) is negative or above max_len 1048576")]
    # The bodies after it are not misread as headers: shown unframed, once each.
    lost = experts(tshark, LAB, *args, name="labproto.framing.lost")
    assert [f for f, *_ in lost] == [6, 8, 10, 12, 14, 16, 18]
    assert {m for *_, m in lost} == {"Not decoded: framing of this direction was lost at frame 4"}


def test_forced_little_endian_on_big_endian_stream(tshark):
    msgs = tshark.messages(tshark.capture("big_endian.pcapng"),
                           "-o", "labproto.byte_order:little")
    assert msgs == [(4, 0, 1, 0x0D000000, None)]


def test_forced_orders_that_match_decode_the_same(tshark):
    auto_be = tshark.messages(tshark.capture("big_endian.pcapng"))
    assert tshark.messages(tshark.capture("big_endian.pcapng"),
                           "-o", "labproto.byte_order:big") == auto_be
    auto_le = tshark.messages(tshark.capture(LAB))
    assert tshark.messages(tshark.capture(LAB), "-o", "labproto.byte_order:little") == auto_le


# --- encodings -----------------------------------------------------------

@pytest.mark.parametrize("encoding,first_text,encoding_name,replaced", [
    ("auto", "안녕하세요", "CP949", False),
    ("cp949", "안녕하세요", "CP949", False),
    ("euc-kr", "안녕하세요", "EUC-KR", False),
    ("latin1", "¾È³çÇÏ¼¼¿ä", "ISO-8859-1", False),
    ("ascii", "\ufffd" * 10, "ASCII", True),
    # GLib keeps the byte pairs that happen to be valid UTF-8 (C8 B3 is U+0233).
    ("utf-8", "\ufffd\u0233\ufffd\ufffd\u03fc\ufffd\ufffd\ufffd", "UTF-8", True),
])
def test_encoding_preference_on_cp949_sample(tshark, encoding, first_text, encoding_name,
                                             replaced):
    args = ("-o", f"labproto.encoding:{encoding}")
    rows = tshark.fields(tshark.capture(LAB), ["labproto.text", "labproto.encoding"],
                         "-Y", "frame.number == 6", *args)
    assert rows == [[first_text, encoding_name]]
    invalid = experts(tshark, LAB, *args, name="labproto.text.invalid")
    assert bool(invalid) == replaced
    if replaced:
        assert invalid[0][:3] == (6, "labproto.text.invalid", "4194304")


def test_auto_encoding_prefers_utf8(tshark):
    rows = tshark.fields(tshark.capture("utf8_echo.pcapng"), ["labproto.encoding"],
                         "-Y", "labproto.len")
    assert [r[0] for r in rows] == ["UTF-8"] * 6


# --- max_len ---------------------------------------------------------------

def test_max_len_preference(tshark):
    assert tshark.messages(tshark.capture(LAB), "-o", "labproto.max_len:10")[0] == \
        (6, 0, 1, 10, "안녕하세요")
    msgs = tshark.messages(tshark.capture(LAB), "-o", "labproto.max_len:9")
    assert msgs == [(4, 0, 1, 10, None)]
    assert experts(tshark, LAB, "-o", "labproto.max_len:9", name="labproto.len.too_large")[0][3] \
        == "Length 10 (10 as int) is negative or above max_len 9"


# --- ports, Decode As, heuristic -------------------------------------------

def test_other_port_is_not_decoded_by_default(tshark):
    assert tshark.messages(tshark.capture(OTHER_PORT)) == []


def test_decode_as_other_port(tshark):
    assert tshark.messages(tshark.capture(OTHER_PORT), "-d", "tcp.port==9230,labproto") == \
        OTHER_PORT_MESSAGES


def test_port_preference(tshark):
    assert tshark.messages(tshark.capture(OTHER_PORT), "-o", "labproto.tcp.port:9230") == \
        OTHER_PORT_MESSAGES
    assert tshark.messages(tshark.capture(LAB), "-o", "labproto.tcp.port:9230") == []
    assert len(tshark.messages(tshark.capture(LAB), "-o", "labproto.tcp.port:8000-9100")) == 4


@pytest.mark.parametrize("passes", [(), ("-2",)], ids=["one-pass", "two-pass"])
def test_the_lifecycle_follows_the_ports_labproto_is_given(tshark, passes):
    # The connection analysis reads "tcp.port" once per pass: whatever gave
    # labproto the port, its SYN is annotated; no port, no annotation.
    def handshake_frames(*args):
        return [f for f, *_ in experts(tshark, OTHER_PORT, *passes, *args,
                                       name="labproto.handshake.syn")]
    assert handshake_frames() == []
    assert handshake_frames("-d", "tcp.port==9230,labproto") == [1]
    assert handshake_frames("-o", "labproto.tcp.port:9230") == [1]
    assert [f for f, *_ in experts(tshark, LAB, *passes, "-o", "labproto.tcp.port:9230",
                                   name="labproto.handshake.syn")] == []


def test_heuristic_claims_the_stream_when_enabled(tshark):
    args = ("--enable-heuristic", "labproto_tcp")
    assert tshark.messages(tshark.capture(OTHER_PORT), *args) == OTHER_PORT_MESSAGES
    # The claim applies from the first message on, in every pass: frames the
    # heuristic turned down before are not labproto's, and no message is #0.
    assert tshark.messages(tshark.capture(OTHER_PORT), "-2", *args) == OTHER_PORT_MESSAGES
    assert experts(tshark, OTHER_PORT, "-2", *args, name="labproto.handshake.syn") == []


def test_heuristic_leaves_other_protocols_alone(tshark, http_capture):
    rows = tshark.fields(http_capture, ["frame.number"], "--enable-heuristic", "labproto_tcp",
                         "-Y", "labproto")
    assert rows == []


@pytest.fixture
def http_capture(tshark):
    """An HTTP exchange on port 8080, written with scapy at test time."""
    from scapy.all import IP, TCP, Raw, wrpcap  # Debian's python3-scapy
    c, s = ("10.0.0.1", 40000), ("10.0.0.2", 8080)
    request = b"GET / HTTP/1.1\r\nHost: example\r\n\r\n"
    response = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

    def seg(src, dst, flags, seq, ack, data=b""):
        return IP(src=src[0], dst=dst[0]) / TCP(sport=src[1], dport=dst[1], flags=flags,
                                                 seq=seq, ack=ack) / Raw(data)

    packets = [
        seg(c, s, "S", 100, 0), seg(s, c, "SA", 500, 101), seg(c, s, "A", 101, 501),
        seg(c, s, "PA", 101, 501, request),
        seg(s, c, "PA", 501, 101 + len(request), response),
    ]
    path = tshark.scratch("http.pcap")
    wrpcap(path, packets)
    return path


# --- desegmentation off ------------------------------------------------------

def test_tcp_desegmentation_off_marks_partial_messages(tshark):
    args = ("-o", "tcp.desegment_tcp_streams:FALSE")
    assert tshark.messages(tshark.capture(LAB), *args) == [
        (4, 0, 1, 10, ""), (8, 0, 2, 8, ""), (12, 0, 3, 35, ""), (16, 0, 4, 13, ""),
    ]
    partial = experts(tshark, LAB, *args, name="labproto.msg.partial")
    assert [(f, m) for f, _, _, m in partial] == [
        (4, "Message #1 continues in later segments: 0 of 10 bytes here (reassembly is off)"),
        (8, "Message #2 continues in later segments: 0 of 8 bytes here (reassembly is off)"),
        (12, "Message #3 continues in later segments: 0 of 35 bytes here (reassembly is off)"),
        (16, "Message #4 continues in later segments: 0 of 13 bytes here (reassembly is off)"),
    ]
    # TCP itself marks the bodies as continuations and keeps them from labproto.
    rows = tshark.fields(tshark.capture(LAB), ["frame.number", "tcp.continuation_to"], *args,
                         "-Y", "tcp.continuation_to")
    assert rows == [["6", "4"], ["10", "8"], ["14", "12"], ["18", "16"]]


def test_labproto_desegmentation_off_marks_continuations(tshark):
    args = ("-o", "labproto.desegment:FALSE")
    rows = tshark.fields(tshark.capture("large_70k.pcapng"), ["frame.number", "_ws.col.Info"],
                         *args, "-Y", "labproto.len || labproto.continuation")
    assert rows == [
        ["4", "c\u2192s #1 len=70000 [partial]"],
        ["6", "c\u2192s #1 continuation (32768 bytes)"],
        ["8", "c\u2192s #1 continuation (32768 bytes)"],
        ["10", "c\u2192s #1 continuation (4464 bytes)"],
        ["12", "c\u2192s #2 len=3 [partial]"],
        ["14", "c\u2192s #2 continuation (3 bytes)"],
    ]
    cont = experts(tshark, "large_70k.pcapng", *args, name="labproto.msg.continuation")
    assert [(f, m) for f, _, _, m in cont][0] == \
        (6, "Continues the body of message #1 (reassembly is off)")
    # Without reassembly nothing is misread as a header: no malformed lengths.
    assert experts(tshark, "large_70k.pcapng", *args, name="labproto.len.too_large") == []
