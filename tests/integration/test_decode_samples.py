"""Every recorded sample, decoded by tshark with the plugin, frame by frame."""
import pytest

LAB_LINES = ["안녕하세요", "반가워요", "오늘따라 할 이야기가 많을 것 같네요", "저도 그렇네요"]
# labproto pairs a header sent alone with its body itself, instead of TCP reassembling the two.
PAIRED = ("-o", "labproto.pair_lone_headers:TRUE")


def info_column(tshark, capture, frame, *args):
    rows = tshark.fields(tshark.capture(capture), ["_ws.col.Info"], "-Y",
                         f"frame.number == {frame}", *args)
    return rows[0][0]


def test_lab_cp949_four_messages(tshark):
    assert tshark.messages(tshark.capture("lab_cp949.pcapng")) == [
        (6, 0, 1, 10, LAB_LINES[0]),
        (10, 0, 2, 8, LAB_LINES[1]),
        (14, 0, 3, 35, LAB_LINES[2]),
        (18, 0, 4, 13, LAB_LINES[3]),
    ]


@pytest.mark.parametrize("pairing", [(), PAIRED], ids=["held-by-tcp", "paired"])
def test_lab_cp949_header_and_body(tshark, pairing):
    # Each header ends its own segment (send(len), then send(buf)). By default
    # TCP reassembles it with its body; paired by labproto itself, TCP keeps no
    # reassembled copy. Either way the header is shown in its own frame.
    rows = tshark.fields(tshark.capture("lab_cp949.pcapng"),
                         ["frame.number", "tcp.len", "labproto.header_in", "tcp.segment",
                          "labproto.encoding", "labproto.byte_order"], *pairing,
                         "-Y", "labproto.len")
    segments = ["", "", "", ""] if pairing else ["4|6", "8|10", "12|14", "16|18"]
    assert rows == [
        ["6", "10", "4", segments[0], "CP949", "0"],
        ["10", "8", "8", segments[1], "CP949", "0"],
        ["14", "35", "12", segments[2], "CP949", "0"],
        ["18", "13", "16", segments[3], "CP949", "0"],
    ]
    headers = tshark.fields(tshark.capture("lab_cp949.pcapng"),
                            ["frame.number", "labproto.header.len", "labproto.body_in"],
                            *pairing, "-Y", "labproto.header.len")
    assert headers == [["4", "10", ""], ["8", "8", ""], ["12", "35", ""], ["16", "13", ""]]
    columns = tshark.columns(tshark.capture("lab_cp949.pcapng"), *pairing,
                             "-Y", "labproto.header.len")
    assert columns == {
        4: ("LABPROTO", "c\u2192s #1 len=10 [header; body follows]"),
        8: ("LABPROTO", "c\u2192s #2 len=8 [header; body follows]"),
        12: ("LABPROTO", "c\u2192s #3 len=35 [header; body follows]"),
        16: ("LABPROTO", "c\u2192s #4 len=13 [header; body follows]"),
    }
    # Where each body is, is only known after the first pass.
    headers = tshark.fields(tshark.capture("lab_cp949.pcapng"),
                            ["frame.number", "labproto.body_in"], "-2", *pairing,
                            "-Y", "labproto.header.len")
    assert headers == [["4", "6"], ["8", "10"], ["12", "14"], ["16", "18"]]


def test_split_messages_read_the_same_in_two_passes(tshark):
    capture = tshark.capture("lab_cp949.pcapng")
    fields = ["frame.number", "labproto.msg_index", "labproto.len", "labproto.header_in",
              "labproto.text"]
    assert tshark.fields(capture, fields, "-2", "-Y", "labproto.len") == \
        tshark.fields(capture, fields, "-Y", "labproto.len")


@pytest.mark.parametrize("pairing", [(), PAIRED], ids=["held-by-tcp", "paired"])
@pytest.mark.parametrize("passes", [(), ("-2",)], ids=["one-pass", "two-pass"])
def test_split_headers_paired_with_their_bodies(tshark, passes, pairing):
    path = tshark.capture("generated/split_headers.pcapng")
    args = (*passes, *pairing)
    long_text = "긴 본문 " * 300
    assert tshark.messages(path, *args) == [
        (6, 0, 1, 6, "하나"), (10, 0, 2, 3, "둘"), (10, 0, 3, 3, "셋"), (10, 0, 4, 3, "넷"),
        (18, 0, 5, 3300, long_text), (18, 0, 6, 6, "여섯")]
    # By default TCP reassembles each header with its body; paired, only the
    # body longer than its segment is left to TCP reassembly.
    segments = [["", "", "14|16|18"], ["4|6", "8|10", "12|14|16|18"]][not pairing]
    assert tshark.fields(path, ["frame.number", "labproto.header_in", "tcp.segment"], *args,
                         "-Y", "labproto.len") == [
        ["6", "4", segments[0]], ["10", "8", segments[1]], ["18", "12", segments[2]]]
    # Where each body is, is known once the whole capture has been read.
    body_in = ["6", "10", "18", ""] if passes else ["", "", "", ""]
    headers = [["4", "6"], ["8", "3"], ["12", "3300"], ["20", "6"]]
    assert tshark.fields(path, ["frame.number", "labproto.header.len", "labproto.body_in"],
                         *args, "-Y", "labproto.header.len") == [
        header + [body] for header, body in zip(headers, body_in)]
    # Message 7's header came alone and the FIN came instead of its body.
    assert ("FIN cuts message #7 c\u2192s short: 0 of 6 body bytes were sent"
            in tshark.fields(path, ["_ws.expert.message"], *args, "-Y", "frame.number == 22")[0][0])


def test_info_column_per_message(tshark):
    assert info_column(tshark, "lab_cp949.pcapng", 14) == \
        'c\u2192s #3 len=35 "오늘따라 할 이야기가\u2026"'
    assert info_column(tshark, "lab_cp949.pcapng", 6) == 'c\u2192s #1 len=10 "안녕하세요"'


def test_utf8_echo_both_directions(tshark):
    texts = ["안녕하세요 labproto", "hello, world", "UTF-8 한글 + ASCII 123"]
    assert tshark.messages(tshark.capture("utf8_echo.pcapng")) == [
        (6, 0, 1, 24, texts[0]), (8, 1, 1, 24, texts[0]),
        (11, 0, 2, 12, texts[1]), (13, 1, 2, 12, texts[1]),
        (15, 0, 3, 24, texts[2]), (17, 1, 3, 24, texts[2]),
    ]
    rows = tshark.fields(tshark.capture("utf8_echo.pcapng"), ["labproto.encoding"],
                         "-Y", "labproto.len")
    assert {r[0] for r in rows} == {"UTF-8"}


def test_big_endian_detected_per_direction(tshark):
    assert tshark.messages(tshark.capture("big_endian.pcapng")) == [
        (6, 0, 1, 13, "빅 엔디언"),
        (10, 0, 2, 18, "network byte order"),
        (14, 0, 3, 18, "길이 00 00 00 NN"),
    ]
    rows = tshark.fields(tshark.capture("big_endian.pcapng"), ["labproto.byte_order"],
                         "-Y", "labproto.len")
    assert rows == [["1"], ["1"], ["1"]]


def test_large_message_spans_segments(tshark):
    msgs = tshark.messages(tshark.capture("large_70k.pcapng"))
    assert [(f, d, i, n) for f, d, i, n, _ in msgs] == [(10, 0, 1, 70000), (14, 0, 2, 3)]
    assert len(msgs[0][4]) == 70000 and msgs[0][4].startswith("The quick brown fox")
    assert msgs[1][4] == "끝"
    # The header ended frame 4 alone; TCP reassembles it with the body, or
    # paired by labproto, only the body.
    def segments(*pairing):
        return tshark.fields(tshark.capture("large_70k.pcapng"),
                             ["labproto.header_in", "tcp.segment"], *pairing,
                             "-Y", "labproto.len == 70000")

    assert segments() == [["4", "4|6|8|10"]]
    assert segments(*PAIRED) == [["4", "6|8|10"]]


def test_coalesced_messages_in_one_segment(tshark):
    assert tshark.messages(tshark.capture("coalesced.pcapng")) == [
        (4, 0, 1, 6, "하나"), (4, 0, 2, 3, "둘"), (4, 0, 3, 3, "셋"),
        (4, 0, 4, 3, "넷"), (4, 0, 5, 6, "다섯"),
    ]
    assert info_column(tshark, "coalesced.pcapng", 4) == (
        'c\u2192s #1 len=6 "하나", c\u2192s #2 len=3 "둘", c\u2192s #3 len=3 "셋", '
        'c\u2192s #4 len=3 "넷", c\u2192s #5 len=6 "다섯"')


def test_zero_length_message_is_a_note(tshark):
    assert tshark.messages(tshark.capture("zero_length.pcapng")) == [
        (6, 0, 1, 13, "첫 메시지"), (8, 0, 2, 0, ""), (12, 0, 3, 19, "마지막 메시지"),
    ]
    notes = [e for e in tshark.expert(tshark.capture("zero_length.pcapng"))
             if e[1] == "labproto.len.zero"]
    assert notes == [(8, "labproto.len.zero", "4194304", "Zero-length message")]


@pytest.mark.parametrize("capture,filt,frames", [
    ("large_70k.pcapng", "labproto.len > 100", ["10"]),
    ("lab_cp949.pcapng", "labproto.len > 10", ["14", "18"]),
    ("lab_cp949.pcapng", 'labproto.text contains "반가"', ["10"]),
    ("utf8_echo.pcapng", "labproto.direction == 1 && labproto.msg_index == 2", ["13"]),
    ("coalesced.pcapng", "count(labproto.len) == 5", ["4"]),
])
def test_display_filters(tshark, capture, filt, frames):
    rows = tshark.fields(tshark.capture(capture), ["frame.number"], "-Y", filt)
    assert [r[0] for r in rows] == frames


def test_two_pass_gives_the_same_messages(tshark):
    for capture in ("lab_cp949.pcapng", "utf8_echo.pcapng", "coalesced.pcapng",
                    "large_70k.pcapng"):
        path = tshark.capture(capture)
        assert tshark.messages(path, "-2") == tshark.messages(path), capture
