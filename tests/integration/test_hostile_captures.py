"""Hostile and broken captures (samples/captures/adversarial/, made by samples/generate.py):
the exact expert info and decoding of each (with -2 too where a second pass redoes work)."""
import pytest

from conftest import needs_out_of_order_reassembly

ERROR, WARN, NOTE = "8388608", "6291456", "4194304"
TOO_LARGE = "labproto.len.too_large"
LOST = "labproto.framing.lost"
TRUNCATED = "labproto.msg.truncated"
LOST_AT_8 = "Not decoded: framing of this direction was lost at frame 8"
RAISED_MAX_LEN = ("-o", "labproto.max_len:4294967295")
MESSAGE_ITEMS = "labproto.len || labproto.continuation"
PASSES = pytest.mark.parametrize("passes", [(), ("-2",)], ids=["one-pass", "two-pass"])


def adversarial(tshark, name):
    return tshark.capture(f"adversarial/{name}.pcapng")


def findings(tshark, path, *args):
    """labproto expert infos other than the handshake and teardown chats."""
    return [e for e in tshark.expert(path, *args)
            if not e[1].startswith(("labproto.handshake.", "labproto.teardown."))]


def column(tshark, path, field, *args, where=None):
    """frame number -> the field's value, for frames matching `where` (default: having it)."""
    rows = tshark.fields(path, ["frame.number", field], *args, "-Y", where or field)
    return {int(frame): value for frame, value in rows}


def unframed_bytes(tshark, path, *args):
    return {f: len(v) // 2 for f, v in column(tshark, path, "labproto.unframed", *args).items()}


# --- lengths nobody should believe -------------------------------------------------------

@PASSES
@pytest.mark.parametrize("name,length,as_int", [
    ("len_0xffffffff", 4294967295, -1),
    ("len_0x7fffffff", 2147483647, 2147483647),
    ("len_max_plus_1", 1048577, 1048577),
])
def test_bad_length_loses_framing_of_its_direction_only(tshark, name, length, as_int, passes):
    path = adversarial(tshark, name)
    assert tshark.messages(path, *passes) == [
        (6, 0, 1, 16, "정상 메시지"), (8, 0, 2, length, None), (16, 1, 1, 6, "응답")]
    assert findings(tshark, path, *passes) == [
        (8, TOO_LARGE, ERROR,
         f"Length {length} ({as_int} as int) is negative or above max_len 1048576"),
        (10, LOST, WARN, LOST_AT_8), (12, LOST, WARN, LOST_AT_8), (14, LOST, WARN, LOST_AT_8),
    ]
    # Every later client segment is shown whole and unframed: nothing read as a header.
    assert unframed_bytes(tshark, path, *passes) == {10: 100, 12: 4, 14: 20}


@PASSES
def test_negative_length_with_data_in_its_segment(tshark, passes):
    path = adversarial(tshark, "len_negative")
    assert tshark.messages(path, *passes) == [
        (6, 0, 1, 16, "정상 메시지"), (8, 0, 2, 4294967291, None), (14, 1, 1, 6, "응답")]
    assert findings(tshark, path, *passes) == [
        (8, TOO_LARGE, ERROR, "Length 4294967291 (-5 as int) is negative or above max_len 1048576"),
        (10, LOST, WARN, LOST_AT_8), (12, LOST, WARN, LOST_AT_8),
    ]
    # The 100 bytes after the bad header, in its own segment, are unframed too.
    assert unframed_bytes(tshark, path, *passes) == {8: 100, 10: 4, 12: 20}


def test_exactly_max_len_is_believed_and_cut_by_the_fin(tshark):
    path = adversarial(tshark, "len_max")
    assert tshark.messages(path) == [(6, 0, 1, 16, "정상 메시지")]
    assert findings(tshark, path) == [
        (14, TRUNCATED, WARN, "FIN cuts message #2 c\u2192s short: 2640 of 1048576 body bytes "
                              "were sent")]


def test_exactly_max_len_without_reassembly(tshark):
    path = adversarial(tshark, "len_max")
    args = ("-o", "labproto.desegment:FALSE")
    assert tshark.messages(path, *args) == [(4, 0, 1, 16, ""), (8, 0, 2, 1048576, "")]
    assert column(tshark, path, "_ws.col.Info", *args, where="frame.number in {8, 10, 12}") == {
        8: "c\u2192s #2 len=1048576 [partial]",
        10: "c\u2192s #2 continuation (1320 bytes)",
        12: "c\u2192s #2 continuation (1320 bytes)",
    }
    # One byte less and the same header is refused.
    smaller = ("-o", "labproto.max_len:1048575")
    assert [e[:3] for e in findings(tshark, path, *smaller)] == [(8, TOO_LARGE, ERROR)] + [
        (f, LOST, WARN) for f in (10, 12)]


# --- a stream claiming 2 GiB messages --------------------------------------------------------

def test_2gib_claim_is_not_taken_for_lab_traffic_by_default(tshark):
    # A first length no lab message has: the stream on port 9000 is left to
    # the dissector Wireshark has for the port (S101), with one note.
    path = adversarial(tshark, "claims_2gib")
    assert findings(tshark, path) == [
        (4, "labproto.stream.foreign", NOTE,
         "Not labproto: the first data on port 9000 is not a lab message; S101")]
    assert tshark.messages(path) == []


@PASSES
def test_2gib_claim_with_max_len_raised_waits_and_is_cut(tshark, passes):
    path = adversarial(tshark, "claims_2gib")
    assert tshark.messages(path, *RAISED_MAX_LEN, *passes) == []
    assert findings(tshark, path, *RAISED_MAX_LEN, *passes) == [
        (22, TRUNCATED, WARN, "FIN cuts message #1 c\u2192s short: 10560 of 2147483632 body "
                              "bytes were sent")]


def test_2gib_claim_without_reassembly_shows_continuations(tshark):
    path = adversarial(tshark, "claims_2gib")
    args = (*RAISED_MAX_LEN, "-o", "labproto.desegment:FALSE")
    info = column(tshark, path, "_ws.col.Info", *args, where=MESSAGE_ITEMS)
    assert info[4] == "c\u2192s #1 len=2147483632 [partial]"
    assert [info[f] for f in range(6, 21, 2)] == ["c\u2192s #1 continuation (1320 bytes)"] * 8


# --- TCP oddities ------------------------------------------------------------------------------

def test_header_in_four_one_byte_segments(tshark):
    path = adversarial(tshark, "header_bytewise")
    assert tshark.messages(path) == [
        (12, 0, 1, 27, "한 바이트씩 온 헤더"), (16, 0, 2, 16, "다음 메시지")]
    assert findings(tshark, path) == []
    # TCP reassembles the header that came byte by byte; it ends its segment
    # alone, as the next header does. By default TCP goes on to reassemble each
    # header with its body; paired by labproto, only the header is TCP's.
    where = "labproto.len || labproto.header.len"
    assert column(tshark, path, "tcp.segment", where=where) == {
        10: "", 12: "4|6|8|10|12", 14: "", 16: "14|16"}
    assert column(tshark, path, "tcp.segment", "-o", "labproto.pair_lone_headers:TRUE",
                  where=where) == {10: "4|6|8|10", 12: "", 14: "", 16: ""}
    assert column(tshark, path, "labproto.header_in", where="labproto.len") == {
        12: "10", 16: "14"}


@PASSES
def test_body_overtaking_its_header_is_not_read_as_a_header(tshark, passes):
    # tshark 4.0 hands frame 8 (after a gap) to labproto and keeps the header
    # (frame 9, seen as a retransmission) from it. The body does not start
    # where the next header should: labproto says what is missing instead of
    # reading the body as a length, and finds the next header.
    path = adversarial(tshark, "out_of_order")
    assert tshark.messages(path, *passes) == [(6, 0, 1, 10, "첫 번째"), (13, 0, 2, 10, "세 번째")]
    assert findings(tshark, path, *passes) == [
        (8, "labproto.data.missing", WARN,
         "4 bytes c\u2192s before this segment never reached labproto (lost, or a "
         "retransmission TCP did not hand over; see tcp.reassemble_out_of_order)")]


@needs_out_of_order_reassembly
def test_out_of_order_reassembly_decodes_every_message(tshark):
    path = adversarial(tshark, "out_of_order")
    args = ("-o", "tcp.reassemble_out_of_order:TRUE")
    assert tshark.messages(path, *args) == [
        (6, 0, 1, 10, "첫 번째"), (9, 0, 2, 23, "두 번째가 뒤바뀜"), (13, 0, 3, 10, "세 번째")]
    assert findings(tshark, path, *args) == []


@pytest.mark.parametrize("tcp_prefs", [(), ("-o", "tcp.reassemble_out_of_order:TRUE")],
                         ids=["default", "out-of-order-reassembly"])
def test_altered_retransmission_keeps_the_first_copy(tshark, tcp_prefs):
    path = adversarial(tshark, "overlap_altered")
    assert tshark.messages(path, *tcp_prefs) == [
        (6, 0, 1, 10, "첫 번째"), (12, 0, 2, 22, "원래 내용입니다"), (16, 0, 3, 10, "세 번째")]
    assert findings(tshark, path, *tcp_prefs) == []
    assert column(tshark, path, "tcp.analysis.retransmission", *tcp_prefs) == {11: "1"}


def test_zero_window_probes_are_not_messages(tshark):
    path = adversarial(tshark, "zero_window")
    assert tshark.messages(path) == [
        (6, 0, 1, 24, "창이 열려 있을 때"), (14, 0, 2, 32, "창이 닫혔다 열렸습니다")]
    assert findings(tshark, path) == []
    assert sorted(column(tshark, path, "tcp.analysis.zero_window_probe")) == [9, 11]


def test_sequence_numbers_wrapping_inside_a_body(tshark):
    path = adversarial(tshark, "seq_wrap")
    assert tshark.messages(path) == [
        (6, 0, 1, 52, "순서 번호가 2^32를 넘어 한 바퀴 돕니다"), (10, 0, 2, 6, "다음")]
    assert findings(tshark, path) == []
    assert column(tshark, path, "tcp.seq_raw", where="frame.number in {4, 6}") == {
        4: "4294967277", 6: "4294967281"}


def test_sequence_numbers_wrapping_without_reassembly(tshark):
    path = adversarial(tshark, "seq_wrap")
    args = ("-o", "labproto.desegment:FALSE")
    assert column(tshark, path, "_ws.col.Info", *args, where=MESSAGE_ITEMS) == {
        4: "c\u2192s #1 len=52 [partial]", 6: "c\u2192s #1 continuation (52 bytes)",
        8: "c\u2192s #2 len=6 [partial]", 10: "c\u2192s #2 continuation (6 bytes)"}


# --- what the capture itself lost ----------------------------------------------------------

@PASSES
def test_small_snaplen_truncates_messages(tshark, passes):
    path = adversarial(tshark, "snaplen_60")
    # Message 1's header ends its segment (frame 4); its body (frame 6) is
    # cut by the snaplen: the message is shown there with what was captured.
    assert tshark.messages(path, *passes) == [
        (6, 0, 1, 39, "헤더"), (8, 0, 2, 52, None), (10, 1, 1, 2, "ok")]
    assert findings(tshark, path, *passes) == [
        (6, TRUNCATED, WARN, "Capture ends inside message #1: 6 of 39 bytes present"),
        (8, "labproto.text.undecodable", NOTE,
         "Body is neither valid UTF-8 nor valid CP949; shown as bytes only"),
        (8, TRUNCATED, WARN, "Capture ends inside message #2: 2 of 52 bytes present"),
    ]
    assert column(tshark, path, "labproto.header_in", *passes, where="labproto.len") == {
        6: "4", 8: "", 10: ""}


@PASSES
def test_snaplen_inside_length_fields_loses_framing(tshark, passes):
    # No length, no framing: each direction says so once, then shows its data unframed.
    path = adversarial(tshark, "snaplen_56")
    cut = ("Capture ends inside a length field (2 of 4 bytes present); the rest of this "
           "direction cannot be framed")
    lost = "Not decoded: framing of this direction was lost at frame 4"
    assert tshark.messages(path, *passes) == []
    assert findings(tshark, path, *passes) == [
        (4, TRUNCATED, WARN, cut), (6, LOST, WARN, lost), (8, LOST, WARN, lost),
        (10, LOST, WARN, lost), (12, TRUNCATED, WARN, cut)]


# --- what lab programs really send ---------------------------------------------------------

@PASSES
def test_c_string_terminators_are_part_of_the_text(tshark, passes):
    # A C string sent with its terminator (strlen + 1) and a zero-padded
    # buffer do not read as the clean text: every byte is in labproto.text,
    # NUL as its control picture, and a note says what the NULs are.
    path = adversarial(tshark, "nul_terminated")
    assert tshark.messages(path, *passes) == [
        (6, 0, 1, 16, "안녕하세요\u2400"), (10, 0, 2, 32, "hi" + "\u2400" * 30)]
    assert findings(tshark, path, *passes) == [
        (6, "labproto.text.nul_terminator", NOTE,
         "Body ends in a NUL byte: a C string sent with its terminator (strlen + 1)"),
        (10, "labproto.text.nul_padding", NOTE,
         "Body ends in 30 NUL bytes (of 32): a fixed-size buffer sent whole"),
    ]
    assert column(tshark, path, "labproto.encoding", *passes) == {6: "UTF-8", 10: "UTF-8"}
    assert column(tshark, path, "_ws.col.Info", *passes, where="labproto.len") == {
        6: 'c\u2192s #1 len=16 "안녕하세요\u2400"',
        10: 'c\u2192s #2 len=32 "hi' + "\u2400" * 9 + '\u2026"',
    }
    # A filter matches the text with its NULs, or the payload's last byte.
    rows = tshark.fields(path, ["frame.number"], "-Y",
                         'labproto.text == "안녕하세요\u2400" && labproto.payload[-1:] == 00')
    assert rows == [["6"]]
