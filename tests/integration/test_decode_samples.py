"""Every recorded sample, decoded by tshark with the plugin, frame by frame."""
import pytest

LAB_LINES = ["안녕하세요", "반가워요", "오늘따라 할 이야기가 많을 것 같네요", "저도 그렇네요"]


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


def test_lab_cp949_header_and_body_reassembled(tshark):
    rows = tshark.fields(tshark.capture("lab_cp949.pcapng"),
                         ["frame.number", "tcp.len", "tcp.segment", "labproto.encoding",
                          "labproto.byte_order"], "-Y", "labproto.len")
    assert rows == [
        ["6", "10", "4|6", "CP949", "0"],
        ["10", "8", "8|10", "CP949", "0"],
        ["14", "35", "12|14", "CP949", "0"],
        ["18", "13", "16|18", "CP949", "0"],
    ]
    # Where each header was reassembled is only known after the first pass.
    headers = tshark.fields(tshark.capture("lab_cp949.pcapng"),
                            ["frame.number", "tcp.reassembled_in"], "-2", "-Y", "tcp.len == 4")
    assert headers == [["4", "6"], ["8", "10"], ["12", "14"], ["16", "18"]]


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
    rows = tshark.fields(tshark.capture("large_70k.pcapng"), ["tcp.segment"],
                         "-Y", "labproto.len == 70000")
    assert rows == [["4|6|8|10"]]


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
