"""The lottery lab (LABPROTO lottery): commands, replies and their pairing, on the
loopback recordings of samples/lab/lottery_*.c and the generated lottery_odd capture."""
import pytest

STRLEN, WHOLE = "lottery/strlen.pcapng", "lottery/whole_buffer.pcapng"
DECODE = {STRLEN: "tcp.port==10000,labproto_lottery", WHOLE: "tcp.port==1235,labproto_lottery"}
PORT = {STRLEN: 10000, WHOLE: 1235}
COMMANDS = ["0", "0", "0", "1", "0", "0", "0", "0", "1", "2"]
REPLIES = ["New number generated: 28", "New number generated: 25", "New number generated: 15",
           "numbers: 28 25 15 0 0 0", "New number generated: 32", "New number generated: 21",
           "New number generated: 34", "Full", "numbers: 28 25 15 32 21 34"]
FIELDS = ["frame.number", "labproto_lottery.command", "labproto_lottery.text",
          "labproto_lottery.reply_to", "labproto_lottery.reply_in"]


def rows(tshark, capture, *args):
    return tshark.fields(tshark.capture(capture), FIELDS, "-Y", "labproto_lottery", *args)


@pytest.mark.parametrize("capture", [STRLEN, WHOLE])
def test_each_command_and_reply_frame_by_frame(tshark, capture):
    got = rows(tshark, capture, "-d", DECODE[capture], "-2")
    # Commands in frames 4, 8, 10, ..., 24; each reply in the frame after its command.
    command_frames = [4] + list(range(8, 25, 2))
    assert [r[0] for r in got if r[1]] == [str(f) for f in command_frames]
    assert [r[1] for r in got if r[1]] == COMMANDS
    assert [r[2] for r in got if r[2]] == REPLIES
    replies = [r for r in got if r[2]]
    assert [r[3] for r in replies] == [str(f) for f in command_frames[:-1]]
    # -2: each command knows where its reply is; END has none (the server closed).
    commands = [r for r in got if r[1]]
    assert [r[4] for r in commands] == [r[0] for r in replies] + [""]


@pytest.mark.parametrize("capture", [STRLEN, WHOLE])
def test_one_pass_shows_the_same_except_where_replies_are(tshark, capture):
    one = rows(tshark, capture, "-d", DECODE[capture])
    two = rows(tshark, capture, "-d", DECODE[capture], "-2")
    assert [r[:4] for r in one] == [r[:4] for r in two]
    assert all(r[4] == "" for r in one)  # a command learns its reply once it was seen


def test_the_port_preference_decodes_as_decode_as_does(tshark):
    by_pref = rows(tshark, STRLEN, "-o", "labproto_lottery.tcp.port:10000", "-2")
    assert by_pref == rows(tshark, STRLEN, "-d", DECODE[STRLEN], "-2")


@pytest.mark.parametrize("capture", [STRLEN, WHOLE])
def test_no_default_port(tshark, capture):
    assert rows(tshark, capture) == []


@pytest.mark.parametrize("capture", [STRLEN, WHOLE])
def test_the_labproto_heuristic_leaves_the_lab_alone(tshark, capture):
    # Before it learned to, LIST's lone 01 00 00 00 read as a 1-byte message header.
    out = tshark.run("-r", tshark.capture(capture), "--enable-heuristic", "labproto_tcp",
                     "-Y", "labproto || labproto_lottery").stdout
    assert out == ""


def test_whole_buffer_replies_show_padding_and_stale_bytes(tshark):
    notes = tshark.fields(tshark.capture(WHOLE), ["frame.number", "_ws.expert.message"],
                          "-d", DECODE[WHOLE], "-Y", "labproto.text.nul_padding ||"
                          " labproto.text.nul_inside")
    by_frame = {int(frame): message for frame, message in notes}
    # The first reply: 24 characters and 232 NULs of the zeroed buffer.
    assert "Body ends in 232 NUL bytes (of 256)" in by_frame[6]
    # "Full" after "New number generated: 34": the tail of the earlier reply is still there.
    assert "NUL at body byte 4; the 251 bytes after it are what the buffer held before" \
        in by_frame[21]
    strlen_notes = tshark.run("-r", tshark.capture(STRLEN), "-d", DECODE[STRLEN], "-Y",
                              "labproto.text.nul_padding || labproto.text.nul_inside").stdout
    assert strlen_notes == ""


def test_what_student_programs_get_wrong(tshark):
    capture = tshark.capture("generated/lottery_odd.pcapng")
    got = tshark.fields(capture, ["frame.number", "_ws.col.Info"], "-d",
                        "tcp.port==9000,labproto_lottery", "-2", "-Y", "labproto_lottery")
    assert got == [
        ["4", "Reply to no command"],
        ["6", "Command #1 GEN"],
        ["8", "Reply to #1: New number "],
        ["10", "Reply to #1: generated: 7"],
        ["12", "Command #2 LIST"],
        ["14", "Reply to #2: numbers: 7 0 0 0 0 0"],
        ["16", "Command #3 unknown (7)"],
        ["18", "Reply to #3: Unknown command"],
        ["20", "Command #4 END"],
    ]
    experts = {(frame, name) for frame, name, _, _ in tshark.expert(
        capture, "-d", "tcp.port==9000,labproto_lottery", layer="labproto_lottery")}
    assert experts >= {(4, "labproto_lottery.reply.unexpected"),
                       (10, "labproto_lottery.reply.continued"),
                       (12, "labproto_lottery.command.big_endian"),
                       (16, "labproto_lottery.command.unknown")}
