#!/usr/bin/python3
"""Writes the captures an OS will not produce on demand into captures/generated/
(odd but legal TCP) and captures/adversarial/ (hostile or broken input).

Every scenario is a list of TCP building blocks (handshake, message, ack, fin,
rst, ...) applied to one simulated connection that tracks both sides' sequence
numbers, so seq/ack arithmetic is right by construction (SYN and FIN consume
one). The connection, the IPv4/TCP bytes (correct checksums) and the pcapng
writer are capgen's (samples/capgen/, shared with bench/). Output is
deterministic: fixed ISNs, ports, IP IDs and timestamps; no third-party module.

    /usr/bin/python3 samples/generate.py [--out CAPTURES_DIR] [NAME...]
"""
import argparse
import dataclasses
import pathlib
import struct
import sys

from capgen import tcp
from capgen.files import PcapngWriter
from capgen.frames import (ACK, FIN, LINKTYPE_ETHERNET, LINKTYPE_NULL, PSH, RST, SYN,
                           Endpoint, tcp_options)
from capgen.tcp import CLIENT, SERVER, Segment

CLIENT_IP, SERVER_IP = "127.0.0.1", "127.0.0.1"
SERVER_PORT = 9000
LAB_LINES = ("안녕하세요", "반가워요", "오늘따라 할 이야기가 많을 것 같네요", "저도 그렇네요")


@dataclasses.dataclass(frozen=True)
class Host(tcp.Stack):
    """A stack, and where each side's IP IDs start (each side counts its own)."""

    ip_ids: tuple = (0, 0)  # first IP ID of client and server


# Windows loopback: no timestamps, window scale 8 (10233 x 256 = 2619648).
WINDOWS = Host(ttl=128, syn_window=65535, window=10233, ip_ids=(0x3a10, 0x3a11),
               syn_options=tcp_options(("MSS", 65495), ("NOP", None), ("WScale", 8),
                                       ("NOP", None), ("NOP", None), ("SAckOK", None)))
# Linux-like, without TCP timestamps so every segment's length is easy to read.
LINUX = Host(ttl=64, syn_window=65495, window=512, ip_ids=(0x1000, 0x8000),
             syn_options=tcp_options(("MSS", 65495), ("NOP", None), ("NOP", None),
                                     ("SAckOK", None), ("NOP", None), ("WScale", 7)))


class Connection(tcp.Connection):
    """One scenario's connection (capgen's sequence space) with its clock and frames."""

    def __init__(self, scenario):
        super().__init__(scenario.isns)
        self.scenario = scenario
        self.syn_sent = [False, False]
        self.ip_id = list(scenario.stack.ip_ids)
        self.ends = (Endpoint(CLIENT_IP, scenario.client_port),
                     Endpoint(SERVER_IP, scenario.server_port))
        self.clock_us = scenario.start_us
        self.window = [None, None]  # advertised window when not the stack's usual one
        self.frames = []  # (timestamp in µs, link-layer bytes)

    def emit(self, segment, gap_us=40):
        """Puts `segment` in the capture `gap_us` after the previous frame."""
        self.clock_us += gap_us
        side = segment.side
        frame = self.scenario.stack.frame(self.scenario.link, self.ends[side], self.ends[1 - side],
                                          segment, self.ip_id[side], self.window[side])
        self.ip_id[side] = (self.ip_id[side] + 1) & 0xFFFF
        self.frames.append((self.clock_us, frame))

    def encode(self, text):
        return text.encode(self.scenario.encoding)


# --- TCP building blocks: each scenario step is one of these -------------------------------

def syn(c, side):
    c.syn_sent[side] = True
    c.send(side, SYN, gap_us=0 if not c.frames else 40)


def syn_ack(c, side):
    # In a simultaneous open the SYN,ACK repeats the SYN already sent (same sequence number).
    seq = c.isn[side] if c.syn_sent[side] else None
    c.syn_sent[side] = True
    c.send(side, SYN | ACK, seq=seq)


def ack(c, side, gap_us=40):
    c.send(side, ACK, gap_us=gap_us)


def handshake(c):
    syn(c, CLIENT)
    syn_ack(c, SERVER)
    ack(c, CLIENT)


def established(c):
    """The capture starts mid-connection: both SYNs were exchanged before it."""
    for side in (CLIENT, SERVER):
        c.snd_nxt[side] = c.isn[side] + 1
        c.rcv_nxt[1 - side] = c.isn[side] + 1


def data(c, side, payload):
    """One PSH,ACK segment carrying `payload` as given."""
    c.send(side, PSH | ACK, payload, gap_us=20000)


def length_field(value):
    """The 4-byte little-endian `int` length; negative values as the sender's int."""
    return struct.pack("<I", value & 0xFFFFFFFF)


def header_len_of(frame):
    before, field, _ = frame
    return len(before) + struct.calcsize(field)


def framed_as(frame, text):
    """`text` framed by a home-grown length prefix: `frame` is (bytes before the length,
    struct format of the length field, whether it counts the header)."""
    before, field, counts_header = frame
    body = text.encode()
    header_len = header_len_of(frame)
    return before + struct.pack(field, len(body) + (header_len if counts_header else 0)) + body


# The length-prefix table's variants: (name, server port, frame, what it is).
PREFIX_ROWS = (
    ("u8", 7101, (b"", "<B", False), "a 1-byte length"),
    ("u16_big", 7102, (b"", ">H", False), "a 2-byte big-endian length"),
    ("u64", 7103, (b"", "<Q", False), "an 8-byte little-endian length"),
    ("type_then_u32_big", 7104, (b"\x01\x00", ">I", False),
     "2 bytes of type and version, then a 4-byte big-endian length"),
    ("u16_counts_header", 7105, (b"", "<H", True),
     "a 2-byte length that counts itself as well as the body"),
)


def lottery_command(value):
    """A lottery lab command: a 4-byte `int` in host order (0 GEN, 1 LIST, 2 END)."""
    return length_field(value)


def raw_header(c, side, value):
    """A header segment holding any 32-bit length, believable or not."""
    data(c, side, length_field(value))


def header(c, side, text):
    raw_header(c, side, len(c.encode(text)))


def body(c, side, text):
    if text:  # send() of zero bytes puts nothing on the wire
        data(c, side, c.encode(text))


def message(c, side, text, split=True):
    """One labproto message, each segment ACKed at once as on loopback."""
    if split:
        header(c, side, text)
        ack(c, 1 - side)
        body(c, side, text)
    else:
        encoded = c.encode(text)
        data(c, side, length_field(len(encoded)) + encoded)
    ack(c, 1 - side)


def cut_message(c, side, text, body_bytes):
    """A header announcing all of `text`, then only its first `body_bytes` bytes."""
    header(c, side, text)
    ack(c, 1 - side)
    data(c, side, c.encode(text)[:body_bytes])
    ack(c, 1 - side)


def framed(c, text):
    encoded = c.encode(text)
    return length_field(len(encoded)) + encoded


def body_then_messages(c, side, text, followers):
    """The body of `text` and whole messages after it, in one segment."""
    data(c, side, c.encode(text) + b"".join(framed(c, t) for t in followers))
    ack(c, 1 - side)


def body_in_pieces(c, side, text, pieces, follower):
    """The body of `text` over `pieces` segments, the last also carrying `follower`."""
    encoded = c.encode(text)
    step = -(-len(encoded) // pieces)
    for start in range(0, len(encoded), step):
        last = start + step >= len(encoded)
        data(c, side, encoded[start:start + step] + (framed(c, follower) if last else b""))
        ack(c, 1 - side)


def fin(c, side, gap_us=20000, deliver=True):
    c.send(side, FIN | ACK, gap_us=gap_us, deliver=deliver)


def close_4way(c, first):
    """Windows: FIN,ACK; ACK; FIN,ACK; ACK."""
    fin(c, first)
    ack(c, 1 - first)
    fin(c, 1 - first, gap_us=200)
    ack(c, first)


def close_3way(c, first):
    """Linux: the peer's ACK rides on its own FIN."""
    fin(c, first)
    fin(c, 1 - first, gap_us=60)
    ack(c, first)


def simultaneous_close(c):
    """Both FINs are sent before either arrives; then each side ACKs the other's."""
    crossing = [c.send(side, FIN | ACK, deliver=False, gap_us=20000 if side == CLIENT else 5)
                for side in (CLIENT, SERVER)]
    for segment in crossing:
        c.deliver(segment)
    ack(c, CLIENT)
    ack(c, SERVER, gap_us=5)


def retransmit(c, side, after_s):
    """The side's last segment again, unchanged, after a retransmission timeout."""
    c.emit(c.last[side], round(after_s * 1e6))


def wait(c, seconds):
    c.clock_us += round(seconds * 1e6)


def rst(c, side, gap_us=40):
    c.send(side, RST | ACK, gap_us=gap_us)


def header_bytewise(c, side, text):
    """The length field of `text` in four 1-byte segments, each ACKed."""
    for byte in length_field(len(c.encode(text))):
        data(c, side, bytes([byte]))
        ack(c, 1 - side)


def resend_altered(c, side, payload, after_s=0.2):
    """The side's last segment re-sent from the same sequence number with other bytes."""
    c.emit(dataclasses.replace(c.last[side], payload=payload), round(after_s * 1e6))


def advertise_window(c, side, window):
    """`side` ACKs with `window` from now on (None: its stack's usual window)."""
    c.window[side] = window
    ack(c, side)


def zero_window_probe(c, side, payload):
    """A probe into the peer's zero window: 1 byte at the next sequence number that the
    peer does not accept, so the byte is sent again later and the peer's ACK stays put."""
    probe = Segment(side, ACK, c.snd_nxt[side], c.rcv_nxt[side], payload[:1])
    c.emit(probe, 200000)
    ack(c, 1 - side)


def swap_last_two(c):
    """The later segment overtook the earlier one on its way to the capture point."""
    (t1, f1), (t2, f2) = c.frames[-2:]
    c.frames[-2:] = [(t1, f2), (t2, f1)]


# --- Scenarios -------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    about: str
    steps: tuple  # (building block, *arguments after the connection)
    link: int = LINKTYPE_ETHERNET
    stack: Host = LINUX
    client_port: int = 50000
    server_port: int = SERVER_PORT
    isns: tuple = (1000000000, 2000000000)
    encoding: str = "utf-8"
    start_us: int = 1709528767_000000  # 2024-03-04 05:06:07 UTC
    folder: str = "generated"  # under captures/
    snaplen: int = 0  # captured bytes per frame (0: whole frames)


def lab_message(text):
    return (message, CLIENT, text)


ADVERSARIAL = "adversarial"
MAX_LEN = 1048576  # the plugin's default labproto.max_len
FILLER = "본문처럼 보이는 바이트 ".encode() * 40  # 1320 bytes of plausible body text
PROBED = "창이 닫혔다 열렸습니다"  # sent once the zero window opens


def bad_length_steps(value, one_segment):
    """A good message, a header claiming `value` and 100 bytes meant as its body (in one
    segment or two), another whole message, the server's reply in its own direction, and
    a 3-segment close."""
    if one_segment:
        claim = ((data, CLIENT, length_field(value) + FILLER[:100]), (ack, SERVER))
    else:
        claim = ((raw_header, CLIENT, value), (ack, SERVER), (data, CLIENT, FILLER[:100]),
                 (ack, SERVER))
    return ((handshake,), lab_message("정상 메시지"), *claim, lab_message("그 뒤의 메시지"),
            (message, SERVER, "응답", False), (close_3way, CLIENT))


def adversarial(name, about, steps, client_port, **options):
    """A scenario for captures/adversarial/, with distinct ports and ISNs."""
    k = client_port - 50100
    options.setdefault("isns", (3000000000 + k * 10000000, 4000000000 + k * 10000000))
    return Scenario(name, about, steps, folder=ADVERSARIAL, client_port=client_port, **options)


def claim_steps(claimed, segments):
    """A header claiming `claimed` body bytes, then `segments` ACKed FILLER segments."""
    steps = [(raw_header, CLIENT, claimed), (ack, SERVER)]
    for _ in range(segments):
        steps += [(data, CLIENT, FILLER), (ack, SERVER)]
    return tuple(steps)


SCENARIOS = (
    Scenario(
        "win_null_4way",
        "Replica of the Windows reference run (LABS.md frames 650-672 as 1-23): NULL/Loopback, "
        "the four CP949 lines little-endian, header and body each ACKed, 4-segment close.",
        ((handshake,), *(lab_message(t) for t in LAB_LINES), (close_4way, CLIENT)),
        link=LINKTYPE_NULL, stack=WINDOWS, client_port=55244, isns=(1345203525, 3542995421),
        encoding="cp949", start_us=1709528767_000000),
    Scenario(
        "syn_retransmitted",
        "The client's SYN goes unanswered and is re-sent 1 s later; then a normal handshake, "
        "one message and a 3-segment close.",
        ((syn, CLIENT), (retransmit, CLIENT, 1.0), (syn_ack, SERVER), (ack, CLIENT),
         lab_message("SYN을 다시 보냈습니다"), (close_3way, CLIENT)),
        client_port=50001, isns=(1100000000, 2100000000)),
    Scenario(
        "simultaneous_open",
        "Both sides send SYN, then each answers with SYN,ACK (no separate final ACK); "
        "one message and a 3-segment close.",
        ((syn, CLIENT), (syn, SERVER), (syn_ack, CLIENT), (syn_ack, SERVER),
         lab_message("동시에 열었습니다"), (close_3way, CLIENT)),
        client_port=50002, isns=(1200000000, 2200000000)),
    Scenario(
        "simultaneous_close",
        "Handshake, one message, then both FIN,ACKs cross and each side ACKs the other's.",
        ((handshake,), lab_message("동시에 닫습니다"), (simultaneous_close,)),
        client_port=50003, isns=(1300000000, 2300000000)),
    Scenario(
        "midstream",
        "The capture starts after the handshake: the first frame is a message header, then "
        "its body, then a 3-segment close.",
        ((established,), lab_message("중간부터 캡처"), (close_3way, CLIENT)),
        client_port=50004, isns=(1400000000, 2400000000)),
    Scenario(
        "fin_retrans_rst",
        "LABS.md's abortive close: a request and a reply, the server FINs, the client ACKs, "
        "94 s later the client FINs and re-sends that FIN 5 times (0.3/0.6/1.2/2.4/4.8 s) "
        "unanswered, then RST,ACK.",
        ((handshake,), lab_message("요청"), (message, SERVER, "응답", False), (fin, SERVER),
         (ack, CLIENT), (wait, 94.0), (fin, CLIENT, 0, False),
         *((retransmit, CLIENT, s) for s in (0.3, 0.6, 1.2, 2.4, 4.8)),
         (rst, CLIENT, 9_600_000)),
        client_port=50005, isns=(1500000000, 2500000000)),
    Scenario(
        "fin_out_of_order",
        "Two messages; the client's FIN reaches the capture before the body segment that "
        "precedes it in sequence space; then the server's FIN,ACK and the last ACK.",
        ((handshake,), lab_message("첫 번째"), (header, CLIENT, "마지막"), (ack, SERVER),
         (body, CLIENT, "마지막"), (fin, CLIENT, 30), (swap_last_two,), (fin, SERVER, 60),
         (ack, CLIENT)),
        client_port=50006, isns=(1600000000, 2600000000)),
    Scenario(
        "split_headers",
        "Headers sent alone, each paired with the body after it: msg 1 hdr 4, body 6; msg 2 "
        "hdr 8, its body and msgs 3 and 4 in 10; msg 5 hdr 12, its 3,300-byte body over 14, "
        "16 and 18, where msg 6 follows it; msg 7 hdr 20 and the client's FIN 22 before its "
        "body; close 22-24.",
        ((handshake,), lab_message("하나"), (header, CLIENT, "둘"), (ack, SERVER),
         (body_then_messages, CLIENT, "둘", ("셋", "넷")), (header, CLIENT, "긴 본문 " * 300),
         (ack, SERVER), (body_in_pieces, CLIENT, "긴 본문 " * 300, 3, "여섯"),
         (header, CLIENT, "일곱"), (ack, SERVER), (close_3way, CLIENT)),
        client_port=50009, isns=(1900000000, 2900000000)),
    Scenario(
        "fin_cuts_message",
        "One whole message, then a header announcing 31 bytes of which only 10 are sent "
        "before the client's FIN; 3-segment close.",
        ((handshake,), lab_message("온전한 메시지"), (cut_message, CLIENT, "이 메시지는 잘립니다!!", 10),
         (close_3way, CLIENT)),
        client_port=50007, isns=(1700000000, 2700000000)),
    Scenario(
        "rst_cuts_message",
        "The server starts a 22-byte reply, sends 4 bytes of its body, then the client resets.",
        ((handshake,), lab_message("요청합니다"), (cut_message, SERVER, "응답이 끊깁니다", 4),
         (rst, CLIENT)),
        client_port=50008, isns=(1800000000, 2800000000)),
    # --- hostile or broken input: captures/adversarial/ ---
    *(adversarial(
        name, f"A good message (4/6), frame 8 a header claiming {about}, 10 100 bytes, "
        "12/14 another message, 16 the server's reply; close 18-20.",
        bad_length_steps(value, False), port)
      for name, value, about, port in (
          ("len_0xffffffff", 0xFFFFFFFF, "0xFFFFFFFF (-1 as int)", 50100),
          ("len_0x7fffffff", 0x7FFFFFFF, "0x7FFFFFFF (INT_MAX)", 50101),
          ("len_max_plus_1", MAX_LEN + 1, "max_len + 1 (1048577)", 50103))),
    adversarial(
        "len_negative",
        "A good message (4/6), frame 8 one segment with a header claiming -5 (0xFFFFFFFB) "
        "and 100 bytes, 10/12 another message, 14 the server's reply; close 16-18.",
        bad_length_steps(-5, True), 50102),
    adversarial(
        "len_max",
        "A good message, then frame 8 a header claiming exactly max_len (1048576), "
        "10 and 12 1320 bytes each, and the client's FIN cuts it short; close 14-16.",
        ((handshake,), lab_message("정상 메시지"), *claim_steps(MAX_LEN, 2), (close_3way, CLIENT)),
        50104),
    adversarial(
        "header_bytewise",
        "Frames 4, 6, 8, 10 carry one byte each of a message's length field (each ACKed), "
        "12 its body; then a whole message 14/16; close 18-20.",
        ((handshake,), (header_bytewise, CLIENT, "한 바이트씩 온 헤더"),
         (body, CLIENT, "한 바이트씩 온 헤더"), (ack, SERVER), lab_message("다음 메시지"),
         (close_3way, CLIENT)),
        50105),
    adversarial(
        "out_of_order",
        "Message 1 (4/6); message 2's body (frame 8) reaches the capture before its header "
        "(9), then one ACK (10); message 3 (11/13); close 15-17.",
        ((handshake,), lab_message("첫 번째"), (header, CLIENT, "두 번째가 뒤바뀜"),
         (body, CLIENT, "두 번째가 뒤바뀜"), (swap_last_two,), (ack, SERVER),
         lab_message("세 번째"), (close_3way, CLIENT)),
        50106),
    adversarial(
        "overlap_altered",
        "Message 1 (4/6); message 2 announces 22 bytes (8); its first 7 (10, \"원래 \") are "
        "re-sent from the same sequence number carrying other bytes (11, \"바뀐 \") before "
        "the other 15 (12) complete it; one ACK (13); message 3 (14/16); close 18-20.",
        ((handshake,), lab_message("첫 번째"), (header, CLIENT, "원래 내용입니다"), (ack, SERVER),
         (data, CLIENT, "원래 ".encode()), (resend_altered, CLIENT, "바뀐 ".encode()),
         (data, CLIENT, "내용입니다".encode()), (ack, SERVER), lab_message("세 번째"),
         (close_3way, CLIENT)),
        50107),
    adversarial(
        "snaplen_60",
        "Captured with a 60-byte snaplen (Ethernet+IPv4+TCP = 54 bytes): message 1 header "
        "(4, whole) and body (6, 6 of 31 bytes kept); message 2 as one segment (8, header "
        "and 2 of its 37 body bytes kept); the server's 6-byte reply (10, whole); close 12-14.",
        ((handshake,), lab_message("헤더는 남고 본문은 잘립니다"),
         (message, CLIENT, "한 세그먼트에 담긴 메시지가 잘립니다", False),
         (message, SERVER, "ok", False), (close_3way, CLIENT)),
        50108, snaplen=60),
    adversarial(
        "snaplen_56",
        "Captured with a 56-byte snaplen, 2 bytes into every length field: message 1 (4/6), "
        "message 2 (8/10), the server's reply (12, header and body in one segment); "
        "close 14-16.",
        ((handshake,), lab_message("길이 필드가 잘립니다"), lab_message("다음 메시지"),
         (message, SERVER, "응답", False), (close_3way, CLIENT)),
        50113, snaplen=56),
    adversarial(
        "zero_window",
        "Message 1 (4/6); the server advertises a zero window (8); the client probes it "
        "twice with the first byte of message 2's header (9, 11), each answered by a "
        "zero-window ACK (10, 12); the window opens (13); message 2 in one segment (14); "
        "close 16-18.",
        ((handshake,), lab_message("창이 열려 있을 때"), (advertise_window, SERVER, 0),
         *((zero_window_probe, CLIENT, length_field(len(PROBED.encode()))) for _ in range(2)),
         (advertise_window, SERVER, None), (message, CLIENT, PROBED, False),
         (close_3way, CLIENT)),
        50109),
    adversarial(
        "claims_2gib",
        "Frame 4 a header claiming 0x7FFFFFF0 bytes (2 GiB - 16), then 8 segments of 1320 "
        "bytes (6-20, each ACKed); the client's FIN cuts it short (22); close 22-24. Decoded "
        "as a message only with labproto.max_len raised to 2147483632 or more.",
        ((handshake,), *claim_steps(0x7FFFFFF0, 8), (close_3way, CLIENT)),
        50110),
    adversarial(
        "seq_wrap",
        "The client's sequence numbers wrap past 2^32 inside message 1's body (ISN "
        "2^32 - 20: header 4 at Seq 4294967277, body 6 of 30 bytes ends at Seq 15); "
        "message 2 (8/10); close 12-14.",
        ((handshake,), lab_message("순서 번호가 2^32를 넘어 한 바퀴 돕니다"), lab_message("다음"),
         (close_3way, CLIENT)),
        50111, isns=(2**32 - 20, 4110000000)),
    adversarial(
        "nul_terminated",
        "C strings sent with their terminator: message 1 (4/6) is 안녕하세요 and a NUL "
        "(strlen + 1 = 16 bytes), message 2 (8/10) a whole 32-byte buffer holding \"hi\" "
        "and 30 NULs (sizeof buf); close 12-14.",
        ((handshake,), lab_message("안녕하세요\0"), lab_message("hi" + "\0" * 30),
         (close_3way, CLIENT)),
        50112),
    *(Scenario(
        f"prefix_{name}",
        f"A home-grown length-prefixed protocol on port {port} for the length-prefix table "
        f"(labproto.formats): {about}. Client messages 4 and 6, message 3 with its header "
        "alone in 8 and its body in 10, a server reply 12, 3-segment close.",
        ((handshake,), (data, CLIENT, framed_as(frame, "첫 메시지")), (ack, SERVER),
         (data, CLIENT, framed_as(frame, "second message, in one segment")), (ack, SERVER),
         (data, CLIENT, framed_as(frame, "header alone")[:header_len_of(frame)]), (ack, SERVER),
         (data, CLIENT, framed_as(frame, "header alone")[header_len_of(frame):]), (ack, SERVER),
         (data, SERVER, framed_as(frame, "reply")), (close_3way, CLIENT)),
        client_port=50120 + number, server_port=port)
      for number, (name, port, frame, about) in enumerate(PREFIX_ROWS)),
    Scenario(
        "lottery_odd",
        "The lottery lab (Decode As labproto_lottery) with what a student's programs get "
        "wrong: the server greets before any command (4, answers nothing), GEN (6) answered "
        "in two segments (8 and 10, the second continuing the first), LIST sent with htonl "
        "(12, big-endian) and answered (14), command 7 (16, unknown) answered (18), END "
        "(20); the server closes, 3-segment (21-23).",
        ((handshake,), (data, SERVER, b"Welcome"), (ack, CLIENT),
         (data, CLIENT, lottery_command(0)), (ack, SERVER),
         (data, SERVER, b"New number "), (ack, CLIENT), (data, SERVER, b"generated: 7"),
         (ack, CLIENT),
         (data, CLIENT, struct.pack(">I", 1)), (ack, SERVER),
         (data, SERVER, b"numbers: 7 0 0 0 0 0"), (ack, CLIENT),
         (data, CLIENT, lottery_command(7)), (ack, SERVER),
         (data, SERVER, b"Unknown command"), (ack, CLIENT),
         (data, CLIENT, lottery_command(2)), (close_3way, SERVER)),
        client_port=50113, isns=(1130000000, 2130000000)),
)


def build(scenario):
    c = Connection(scenario)
    for block, *args in scenario.steps:
        block(c, *args)
    return c.frames


def write_pcapng(path, linktype, frames, comment, snaplen=0):
    """The (timestamp in µs, frame) pairs as a pcapng; a non-zero `snaplen` keeps that
    many bytes of each frame (capgen.files.PcapngWriter)."""
    with PcapngWriter(path, linktype, comment, "labproto samples/generate.py", snaplen) as out:
        for timestamp_us, frame in frames:
            out.write(timestamp_us, frame)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = pathlib.Path(__file__).resolve().parent / "captures"
    parser.add_argument("--out", type=pathlib.Path, default=default_out)
    parser.add_argument("names", nargs="*", help="scenarios to write (default: all)")
    args = parser.parse_args()
    known = {s.name for s in SCENARIOS}
    unknown = set(args.names) - known
    if unknown:
        sys.exit(f"unknown scenario(s): {', '.join(sorted(unknown))}; known: {sorted(known)}")
    for scenario in SCENARIOS:
        if args.names and scenario.name not in args.names:
            continue
        frames = build(scenario)
        path = args.out / scenario.folder / f"{scenario.name}.pcapng"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_pcapng(path, scenario.link, frames, f"labproto sample {scenario.name}: "
                     f"samples/generate.py. {scenario.about}", scenario.snaplen)
        print(f"wrote {path} ({len(frames)} frames)")


if __name__ == "__main__":
    main()
