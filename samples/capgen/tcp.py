"""Simulated TCP: sequence and acknowledgement numbers right by construction.

`Connection` keeps both sides' send and receive state; `send()` makes the next
segment of one side, with the ACK of everything that side has received, and
hands it to `emit()`, which a subclass defines to put it in a capture. SYN and
FIN consume one sequence number; numbers count on past 2^32 here and wrap on
the wire (frames.ipv4_tcp).

`TcpSession` is the connection as a kernel would send it (the benchmark's
traffic): writes cut into MSS-sized segments, delayed ACKs, the Linux 3-segment
or the 4-segment close, each segment a tick of a shared `Clock` later.
samples/generate.py has its own building blocks over `Connection`, with
exact gaps and deliberately odd segments.
"""
import dataclasses

from . import frames
from .frames import ACK, FIN, PSH, SYN

CLIENT, SERVER = 0, 1


@dataclasses.dataclass(slots=True)
class Segment:
    side: int  # CLIENT or SERVER: who sends it
    flags: int  # frames.FIN | frames.SYN | ...
    seq: int
    ack: int
    payload: bytes = b""

    @property
    def end(self):
        """The sequence number after it: SYN and FIN count one."""
        return self.seq + len(self.payload) + bool(self.flags & SYN) + bool(self.flags & FIN)


@dataclasses.dataclass(frozen=True)
class Stack:
    """What an OS puts in the headers it sends."""

    ttl: int
    syn_options: bytes  # frames.tcp_options(...), on SYN and SYN,ACK only
    syn_window: int
    window: int

    def frame(self, linktype, src, dst, segment, ip_id, window=None):
        """`segment` from Endpoint `src` to `dst` as a frame of `linktype`; `window`
        overrides the stack's usual one."""
        syn = segment.flags & SYN
        if window is None:
            window = self.syn_window if syn else self.window
        return frames.frame(linktype, src, dst, segment.seq, segment.ack, segment.flags, window,
                            segment.payload, self.syn_options if syn else b"", self.ttl, ip_id)


class Connection:
    """One TCP connection's sequence space, from initial sequence numbers (client, server)."""

    def __init__(self, isns):
        self.isn = list(isns)
        self.snd_nxt = list(isns)  # what each side sends next
        self.rcv_nxt = [0, 0]  # what each side has received up to: what its ACKs say
        self.last = [None, None]  # the last segment each side sent, for retransmissions

    def send(self, side, flags, payload=b"", seq=None, deliver=True, **emit_options):
        """Makes and emits `side`'s next segment; `seq` overrides (a re-sent SYN);
        `deliver=False`: the peer has not got it yet (see deliver())."""
        seq = self.snd_nxt[side] if seq is None else seq
        ack = self.rcv_nxt[side] if flags & ACK else 0
        segment = Segment(side, flags, seq, ack, payload)
        self.snd_nxt[side] = max(self.snd_nxt[side], segment.end)
        self.last[side] = segment
        if deliver:
            self.deliver(segment)
        self.emit(segment, **emit_options)
        return segment

    def deliver(self, segment):
        """The peer has the segment: its next ACK covers it."""
        peer = 1 - segment.side
        self.rcv_nxt[peer] = max(self.rcv_nxt[peer], segment.end)

    def emit(self, segment, **options):
        raise NotImplementedError("a Connection subclass puts segments in its capture")


# The benchmark's hosts: Linux's TTL, a SYN offering MSS 1460, a 65535 window throughout.
KERNEL = Stack(ttl=64, syn_options=frames.tcp_options(("MSS", 1460)), syn_window=65535,
               window=65535)


class Clock:
    """The capture's clock, shared by all connections so timestamps only grow."""

    def __init__(self, rng, start_us=1_700_000_000_000_000):
        self._rng = rng
        self.now_us = start_us

    def tick(self, max_gap_us=50):
        self.now_us += self._rng.randint(1, max_gap_us)
        return self.now_us


class Network:
    """What the connections of one capture share: the writer (files.PcapWriter), the
    clock, the stack, and one IP ID counter for every host (1, 2, 3, ...)."""

    def __init__(self, writer, clock, stack=KERNEL, linktype=frames.LINKTYPE_ETHERNET):
        self.writer = writer
        self.clock = clock
        self.stack = stack
        self.linktype = linktype
        self._ip_id = 0

    def put(self, src, dst, segment):
        """Writes `segment` from Endpoint `src` to `dst`, one clock tick after the last."""
        self._ip_id = (self._ip_id + 1) & 0xFFFF
        self.writer.write(self.clock.tick(), self.stack.frame(self.linktype, src, dst, segment,
                                                              self._ip_id))


class TcpSession(Connection):
    """A connection between Endpoints `client` and `server` as a kernel sends it."""

    def __init__(self, network, client, server, isns, mss=1460):
        super().__init__(isns)
        self._network = network
        self._ends = (client, server)
        self._mss = mss

    def emit(self, segment):
        self._network.put(self._ends[segment.side], self._ends[1 - segment.side], segment)

    def handshake(self):
        self.send(CLIENT, SYN)
        self.send(SERVER, SYN | ACK)
        self.send(CLIENT, ACK)

    def write(self, side, data):
        """One send() call: MSS-sized segments, PSH on the last, then ACKs (every second
        full segment and the end of the write: delayed ACK)."""
        chunks = [data[i:i + self._mss] for i in range(0, len(data), self._mss)]
        for number, chunk in enumerate(chunks, 1):
            last = number == len(chunks)
            self.send(side, ACK | (PSH if last else 0), chunk)
            if last or number % 2 == 0:
                self.send(1 - side, ACK)

    def close(self, first, four_way=False):
        """FIN,ACK; (ACK;) FIN,ACK; ACK: the Linux 3-segment close or the 4-segment one."""
        self.send(first, FIN | ACK)
        if four_way:
            self.send(1 - first, ACK)
        self.send(1 - first, FIN | ACK)
        self.send(first, ACK)
