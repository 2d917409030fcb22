"""A header sent alone, reassembled by TCP with its body (the default) or paired by labproto
itself (labproto.pair_lone_headers:TRUE).

Either way every message is the same one, in the same frame, and the header shows in its own
segment, in one pass and with -2 (TCP hands that segment to labproto on the first pass only:
the lifecycle postdissector shows it). Held by TCP, a body whose first segment was lost and
overtaken by later ones is decoded with TCP's default preferences: paired, TCP never hands
that retransmitted start to labproto.
"""
import pytest

PAIRED = ("-o", "labproto.pair_lone_headers:TRUE")
MESSAGE_FIELDS = ("labproto.direction", "labproto.msg_index", "labproto.len",
                  "labproto.payload", "labproto.header_in")
# Nagle's header alone (loopback and a router), a 70 kB body, a capture whose snaplen cut
# the body of a header sent alone (TCP cannot reassemble it: labproto pairs them anyway),
# a client killed mid-message.
SAME = ["lab_cp949.pcapng", "large_70k.pcapng", "adversarial/snaplen_60.pcapng",
        "network/nagle_lab/server-pcapng.pcapng", "network/killed_fin/server-pcapng.pcapng"]
OVERTAKEN = "network/loss_jitter/server-pcapng.pcapng"


def messages(tshark, capture, *args):
    """{(frame, direction, index): (len, payload, header_in)} of every message shown."""
    cmd = ["-r", tshark.capture(capture), *args, "-Y", "labproto.msg_index", "-T", "fields",
           "-E", "occurrence=a", "-E", "aggregator=|", "-e", "frame.number"]
    for f in MESSAGE_FIELDS:
        cmd += ["-e", f]
    out = {}
    for line in tshark.run(*cmd).stdout.splitlines():
        frame, direction, index, length, payload, header_in = line.split("\t")
        header_in = header_in.split("|") if header_in else []
        for i, (d, n, ln, p) in enumerate(zip(*(v.split("|") for v in
                                                 (direction, index, length, payload)))):
            out[(int(frame), int(d), int(n))] = (int(ln), p, header_in)
    return out


@pytest.mark.parametrize("capture", SAME)
def test_paired_the_messages_are_those_held_by_tcp(tshark, capture):
    held = messages(tshark, capture)
    assert held, f"labproto decoded nothing in {capture}: the plugin is not loaded"
    assert messages(tshark, capture, "-2") == held
    paired, paired_two_pass = messages(tshark, capture, *PAIRED), messages(tshark, capture, "-2",
                                                                           *PAIRED)
    assert paired == held
    assert paired_two_pass == held


def test_the_header_segment_is_labprotos_in_every_pass(tshark):
    # lab_cp949: each header alone in frames 4, 8, 12, 16, its body in the next data frame.
    capture = tshark.capture("lab_cp949.pcapng")

    def header_segments(*args):
        rows = tshark.fields(capture, ["frame.number", "labproto.header.len", "labproto.body_in",
                                       "tcp.reassembled_in"], *args, "-Y", "tcp.len == 4")
        columns = tshark.columns(capture, *args, "-Y", "tcp.len == 4")
        return [(*row, *columns[int(row[0])]) for row in rows]

    def headers(body_in, reassembled_in):
        return [(frame, length, body, reassembled, "LABPROTO",
                 f"c\u2192s #{n} len={length} [header; body follows]")
                for n, (frame, length, body, reassembled)
                in enumerate(zip(["4", "8", "12", "16"], ["10", "8", "35", "13"],
                                 body_in, reassembled_in), 1)]

    none = [""] * 4
    bodies = ["6", "10", "14", "18"]
    assert header_segments() == headers(none, none)
    # Once the file was read, where the body came is known, and held by TCP, where TCP
    # reassembled the two.
    assert header_segments("-2") == headers(bodies, bodies)
    # Paired, TCP reassembles nothing.
    assert header_segments(*PAIRED) == headers(none, none)
    assert header_segments("-2", *PAIRED) == headers(bodies, none)


def test_held_by_tcp_a_body_whose_start_was_overtaken_is_decoded(tshark):
    # Client to server, the sender's 4th message (5331 bytes): its header came alone in
    # frame 44, the first segment of its body was lost, the next three (45, 47, 53) came,
    # and its retransmission (51) came between them. labproto numbers it #2 (the first
    # messages of the direction were lost before it).
    wanted = (53, 0, 2)
    for two_pass in ((), ("-2",)):
        held = messages(tshark, OVERTAKEN, *two_pass)
        assert wanted in held
        length, payload, header_in = held[wanted]
        assert (length, len(payload) // 2, header_in) == (5331, 5331, ["44"])
        assert wanted not in messages(tshark, OVERTAKEN, *two_pass, *PAIRED)
