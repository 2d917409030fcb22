"""Seeded labproto traffic: profiles, message texts and write patterns.

A profile says how many messages to send, how they are written (the lab's
header/body split, single writes, several messages coalesced into one write,
and large messages spanning many segments) and how long they are. Many
connections are open at once and interleaved at write granularity, as on a
lab server with several clients; each has a full handshake and close.
"""
import dataclasses
import random
import struct

from pcap_writer import Endpoint, PcapWriter
from tcp_session import CLIENT, SERVER, Clock, TcpSession

SERVER_PORT = 9000

_KOREAN = ("안녕하세요", "반가워요", "오늘따라 할 이야기가 많을 것 같네요", "저도 그렇네요",
           "과제는 언제까지 제출해야 하나요?", "서버가 응답하지 않아요", "다시 접속해 볼게요",
           "네트워크 프로그래밍 실습", "길이 헤더 다음에 본문이 옵니다", "똠방각하")
_ENGLISH = ("hello", "ok", "PING", "how are you today?", "the quick brown fox jumps",
            "length-prefixed framing over TCP", "GET /index.html", "bye", "retry later",
            "message received, thank you")


@dataclasses.dataclass(frozen=True)
class Profile:
    name: str
    messages: int                   # total over all connections
    per_connection: tuple           # (min, max) messages in one connection
    concurrency: int                # connections open at the same time
    patterns: dict                  # write pattern -> weight
    chars: tuple                    # (min, max) characters of an ordinary message
    spanning_chars: tuple           # (min, max) characters of a spanning message
    coalesced: tuple = (2, 6)       # messages per coalesced write
    korean_share: float = 0.5       # connections talking Korean (else English)
    cp949_share: float = 0.3        # Korean connections sending CP949 (else UTF-8)


PROFILES = {
    # Lab chat at scale: the mix of every way a message reaches the wire.
    "mixed": Profile(name="mixed", messages=200_000, per_connection=(40, 160), concurrency=16,
                     patterns={"split": 35, "single": 30, "coalesced": 30, "spanning": 5},
                     chars=(1, 200), spanning_chars=(1_500, 12_000)),
    # Per-message cost: short messages, mostly several to a segment.
    "small": Profile(name="small", messages=200_000, per_connection=(100, 400), concurrency=16,
                     patterns={"single": 45, "coalesced": 44, "split": 10, "spanning": 1},
                     chars=(1, 16), spanning_chars=(40, 400), coalesced=(2, 12),
                     korean_share=0.3),
}


def _corpus(rng, phrases):
    """A long run of shuffled phrases to cut message texts from."""
    words = [rng.choice(phrases) for _ in range(4000)]
    return " ".join(words)


class TextSource:
    """Message bodies of a given character length in one language and encoding."""

    def __init__(self, corpus, encoding):
        self._corpus = corpus
        self._encoding = encoding

    def body(self, rng, chars):
        start = rng.randrange(len(self._corpus) - chars) if chars else 0
        return self._corpus[start:start + chars].encode(self._encoding)


def _message(body):
    return struct.pack("<I", len(body)) + body  # host order on x86


class Generator:
    def __init__(self, profile, seed, mss=1460):
        self.profile = profile
        self.rng = random.Random(seed)
        self.mss = mss
        self._corpora = {"korean": _corpus(self.rng, _KOREAN),
                         "english": _corpus(self.rng, _ENGLISH)}
        self._pattern_names = list(profile.patterns)
        self._pattern_weights = [profile.patterns[p] for p in self._pattern_names]
        self.stats = {"messages": 0, "connections": 0, "bytes": 0, "under_40_bytes": 0}

    def _text_source(self):
        if self.rng.random() < self.profile.korean_share:
            cp949 = self.rng.random() < self.profile.cp949_share
            return TextSource(self._corpora["korean"], "cp949" if cp949 else "utf-8")
        return TextSource(self._corpora["english"], "utf-8")

    def _body(self, source, spanning=False):
        low, high = self.profile.spanning_chars if spanning else self.profile.chars
        body = source.body(self.rng, self.rng.randint(low, high))
        self.stats["messages"] += 1
        self.stats["bytes"] += len(body)
        self.stats["under_40_bytes"] += len(body) < 40
        return body

    def _writes(self, budget):
        """The writes of one connection, as (side, bytes), `budget` messages in all."""
        source = self._text_source()
        while budget > 0:
            side = CLIENT if self.rng.random() < 0.55 else SERVER
            pattern = self.rng.choices(self._pattern_names, self._pattern_weights)[0]
            if pattern == "split":  # the lab's way: header, then body
                body = self._body(source)
                yield side, struct.pack("<I", len(body))
                yield side, body
                budget -= 1
            elif pattern == "coalesced":
                count = min(budget, self.rng.randint(*self.profile.coalesced))
                yield side, b"".join(_message(self._body(source)) for _ in range(count))
                budget -= count
            else:
                yield side, _message(self._body(source, spanning=pattern == "spanning"))
                budget -= 1

    def _connection(self, writer, clock, number, budget):
        """One connection from handshake to close; yields between writes."""
        client = Endpoint((10, 0, (number >> 8) & 0xFF, number & 0xFF), 30000 + number % 30000,
                          b"\x02\x00\x00\x00" + number.to_bytes(2, "big"))
        server = Endpoint((10, 255, 0, 1), SERVER_PORT, b"\x02\xff\x00\x00\x00\x01")
        session = TcpSession(writer, clock, client, server,
                             (self.rng.getrandbits(32), self.rng.getrandbits(32)), self.mss)
        session.handshake()
        yield
        for side, data in self._writes(budget):
            session.write(side, data)
            yield
        session.close(CLIENT if self.rng.random() < 0.7 else SERVER,
                      four_way=self.rng.random() < 0.2)

    def write(self, path):
        """Writes the whole capture; returns the stats."""
        clock = Clock(self.rng)
        remaining = self.profile.messages
        active = []
        with PcapWriter(path) as writer:
            while remaining > 0 or active:
                while remaining > 0 and len(active) < self.profile.concurrency:
                    budget = min(remaining, self.rng.randint(*self.profile.per_connection))
                    remaining -= budget
                    active.append(self._connection(writer, clock, self.stats["connections"],
                                                   budget))
                    self.stats["connections"] += 1
                connection = self.rng.choice(active)
                if next(connection, StopIteration) is StopIteration:
                    active.remove(connection)
            self.stats["frames"] = writer.frames
        return self.stats
