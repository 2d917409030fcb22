"""What tshark decodes from a capture: TCP's own fields, labproto's messages and
lifecycle, and the Lua reference's messages.

Every function takes the `Tshark` of tests/integration/conftest.py, which runs
tshark with the staged plugin under test (as `nobody` when root), and the path
of a capture that user can read.
"""
import dataclasses
import json

from truth import endpoint

OOO = "tcp.reassemble_out_of_order:TRUE"
PAIRED = "labproto.pair_lone_headers:TRUE"


@dataclasses.dataclass(frozen=True)
class Mode:
    """How tshark reads the capture: one pass or -2, default TCP prefs or out-of-order,
    and whether labproto pairs a header sent alone with its body itself
    (labproto.pair_lone_headers on) instead of leaving the two to TCP's reassembly."""
    two_pass: bool
    out_of_order: bool
    paired: bool = False

    @property
    def name(self):
        return (f"{'-2' if self.two_pass else '1-pass'} "
                f"{'ooo' if self.out_of_order else 'default'}{' paired' if self.paired else ''}")

    def args(self):
        return ((["-2"] if self.two_pass else []) + (["-o", OOO] if self.out_of_order else []) +
                (["-o", PAIRED] if self.paired else []))


MODES = [Mode(False, False), Mode(True, False), Mode(False, True), Mode(True, True),
         Mode(False, False, True), Mode(True, False, True)]


@dataclasses.dataclass
class Segment:
    frame: int
    stream: int
    src: tuple  # truth.endpoint()
    dst: tuple
    flags: int
    seq: int  # relative
    ack: int
    length: int

    syn = property(lambda self: bool(self.flags & 0x02))
    fin = property(lambda self: bool(self.flags & 0x01))
    rst = property(lambda self: bool(self.flags & 0x04))
    has_ack = property(lambda self: bool(self.flags & 0x10))


@dataclasses.dataclass
class Decoded:
    """One message (or malformed length) as a dissector showed it."""
    frame: int
    src: tuple
    dst: tuple
    length: int
    body: bytes = None  # None: a malformed length, nothing framed
    direction: int = None  # labproto.direction
    index: int = None  # labproto.msg_index
    text: str = None
    encoding: str = None
    experts: list = dataclasses.field(default_factory=list)  # [(name, message)]

    @property
    def key(self):
        return (self.length, self.body)


@dataclasses.dataclass
class Decoding:
    """All that one tshark run of the plugin showed."""
    messages: list  # [Decoded] in frame order
    experts: list  # [(frame, name, message)] of every labproto item
    events: dict  # frame -> [labproto.conn.event]
    close_initiator: dict  # frame -> value


def segments(tshark, capture):
    """Every TCP segment of the capture, from TCP's own fields (labproto disabled)."""
    fields = ["frame.number", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "ip.dst",
              "ipv6.dst", "tcp.dstport", "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len"]
    args = ["-r", capture, "--disable-protocol", "labproto", "-Y", "tcp", "-T", "fields",
            "-E", "occurrence=f"]
    for f in fields:
        args += ["-e", f]
    result = []
    for line in tshark.run(*args).stdout.splitlines():
        n, stream, s4, s6, sport, d4, d6, dport, flags, seq, ack, length = line.split("\t")
        result.append(Segment(int(n), int(stream), endpoint(s4 or s6, sport),
                              endpoint(d4 or d6, dport), int(flags, 16), int(seq),
                              int(ack or 0), int(length)))
    return result


def _layers(tshark, capture, proto, args):
    """(frame number, [records of `proto`]) for every frame that has it (tshark -T json)."""
    out = tshark.run("-r", capture, "-T", "json", "--no-duplicate-keys", "-J", f"frame {proto}",
                     "-Y", proto, *args).stdout
    for packet in json.loads(out or "[]"):
        layers = packet["_source"]["layers"]
        records = layers.get(proto, [])
        yield int(layers["frame"]["frame.number"]), (
            records if isinstance(records, list) else [records])


def _experts(node):
    """(expert name, message) of every expert info under a JSON tree node."""
    if isinstance(node, list):
        for item in node:
            yield from _experts(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "_ws.expert":
                for e in value if isinstance(value, list) else [value]:
                    names = [k for k in e if not k.startswith("_ws.")]
                    yield (names[0] if names else "?", e.get("_ws.expert.message", ""))
            else:
                yield from _experts(value)


def _as_list(value):
    return [] if value is None else value if isinstance(value, list) else [value]


def _hex(value):
    return bytes.fromhex(value.replace(":", ""))


def plugin(tshark, capture, by_frame, args):
    """What labproto shows, `by_frame` mapping frame numbers to their Segment."""
    messages, experts, events, initiators = [], [], {}, {}
    for frame, records in _layers(tshark, capture, "labproto", args):
        seg = by_frame[frame]
        for r in records:
            found = list(_experts(r))
            experts += [(frame, name, message) for name, message in found]
            conn = r.get("labproto.conn")
            for c in _as_list(conn):
                events.setdefault(frame, []).extend(_as_list(c.get("labproto.conn.event")))
                if "labproto.conn.close_initiator" in c:
                    initiators[frame] = int(c["labproto.conn.close_initiator"])
            if "labproto.len" not in r:
                continue
            payload = r.get("labproto.payload")
            messages.append(Decoded(
                frame, seg.src, seg.dst, int(r["labproto.len"]),
                None if payload is None else _hex(payload), int(r["labproto.direction"]),
                int(r["labproto.msg_index"]), r.get("labproto.text"), r.get("labproto.encoding"),
                found))
    return Decoding(messages, experts, events, initiators)


def reference(tshark, capture, by_frame, lua_script, args):
    """What the tcp_dissect_pdus-only Lua reference (labref.lua) decodes."""
    result = []
    lua = ["--disable-protocol", "labproto", "-X", f"lua_script:{lua_script}"]
    for frame, records in _layers(tshark, capture, "labref", lua + list(args)):
        seg = by_frame[frame]
        for r in records:
            # tshark leaves a zero-byte field out of the JSON.
            body = _hex(r.get("labref.payload", ""))
            result.append(Decoded(frame, seg.src, seg.dst, int(r["labref.len"]), body))
    return result


def malformed_count(tshark, capture, args):
    """The "Malformed messages" count of labproto's statistics tree (-z labproto,tree)."""
    out = tshark.run("-r", capture, "-q", "-z", "labproto,tree", *args).stdout
    for line in out.splitlines():
        if line.startswith("Malformed messages"):
            return int(line.split()[2])
    raise AssertionError(f"no 'Malformed messages' line in -z labproto,tree:\n{out}")
