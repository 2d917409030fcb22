"""One simulated TCP connection with correct sequence and acknowledgement numbers.

Writes go out in segments of at most MSS bytes, the receiver ACKs every
second full segment and the end of each write (delayed ACK), and the close is
the Linux 3-segment one (FIN / FIN,ACK / ACK) or the 4-segment one, so that
tshark's TCP analysis and labproto's lifecycle tracker see ordinary traffic.
"""
from pcap_writer import ACK, FIN, PSH, SYN

CLIENT, SERVER = 0, 1


class Clock:
    """The capture's clock, shared by all connections so timestamps only grow."""

    def __init__(self, rng, start_us=1_700_000_000_000_000):
        self._rng = rng
        self.now_us = start_us

    def tick(self, max_gap_us=50):
        self.now_us += self._rng.randint(1, max_gap_us)
        return self.now_us


class TcpSession:
    def __init__(self, writer, clock, client, server, isns, mss=1460):
        self._writer = writer
        self._clock = clock
        self._ends = (client, server)
        self._next_seq = list(isns)  # what each side sends next
        self._mss = mss

    def _send(self, side, flags, payload=b""):
        src, dst = self._ends[side], self._ends[1 - side]
        ack = self._next_seq[1 - side] if flags & ACK else 0
        self._writer.tcp(self._clock.tick(), src, dst, self._next_seq[side], ack, flags, payload)
        self._next_seq[side] += len(payload) + bool(flags & (SYN | FIN))

    def handshake(self):
        self._send(CLIENT, SYN)
        self._send(SERVER, SYN | ACK)
        self._send(CLIENT, ACK)

    def write(self, side, data):
        """One send() call: MSS-sized segments, PSH on the last, then ACKs."""
        chunks = [data[i:i + self._mss] for i in range(0, len(data), self._mss)]
        for number, chunk in enumerate(chunks, 1):
            last = number == len(chunks)
            self._send(side, ACK | (PSH if last else 0), chunk)
            if last or number % 2 == 0:
                self._send(1 - side, ACK)

    def close(self, first, four_way=False):
        self._send(first, FIN | ACK)
        if four_way:
            self._send(1 - first, ACK)
        self._send(1 - first, FIN | ACK)
        self._send(first, ACK)
