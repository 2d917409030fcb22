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

import capgen_path  # noqa: F401  (samples/ on the import path, for capgen)
from capgen.files import PcapWriter
from capgen.frames import Endpoint
from capgen.tcp import CLIENT, SERVER, Clock, Network, TcpSession

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
                     patterns={"split": 36, "single": 31, "coalesced": 31, "spanning": 2},
                     chars=(1, 200), spanning_chars=(1_500, 8_000)),
    # Per-message cost: short messages, mostly several to a segment.
    "small": Profile(name="small", messages=50_000, per_connection=(100, 400), concurrency=16,
                     patterns={"single": 45, "coalesced": 44, "split": 10, "spanning": 1},
                     chars=(1, 16), spanning_chars=(40, 400), coalesced=(2, 12),
                     korean_share=0.3),
    # One lab run per capture, for labcheck: a connection of a few messages.
    "lab": Profile(name="lab", messages=8, per_connection=(8, 8), concurrency=1,
                   patterns={"split": 40, "single": 35, "coalesced": 20, "spanning": 5},
                   chars=(1, 60), spanning_chars=(600, 3000), coalesced=(2, 3)),
}


def _corpus(rng, phrases):
    """A long run of shuffled phrases to cut message texts from."""
    words = [rng.choice(phrases) for _ in range(4000)]
    return " ".join(words)


class TextSource:
    """Message texts of a given character length in one language and encoding."""

    def __init__(self, corpus, encoding):
        self._corpus = corpus
        self.encoding = encoding

    def text(self, rng, chars):
        start = rng.randrange(len(self._corpus) - chars) if chars else 0
        return self._corpus[start:start + chars]


@dataclasses.dataclass
class Transcript:
    """What one connection said, for writing a labcheck spec about it."""
    messages: tuple = dataclasses.field(default_factory=lambda: ([], []))  # by side: (text, bytes)
    closed_by: int = CLIENT


def _message(body):
    return struct.pack("<I", len(body)) + body  # host order on x86


class Generator:
    def __init__(self, profile, seed, mss=1460, keep_transcripts=False):
        self.profile = profile
        self.rng = random.Random(seed)
        self.mss = mss
        self._corpora = {"korean": _corpus(self.rng, _KOREAN),
                         "english": _corpus(self.rng, _ENGLISH)}
        self._pattern_names = list(profile.patterns)
        self._pattern_weights = [profile.patterns[p] for p in self._pattern_names]
        self.stats = {"messages": 0, "connections": 0, "bytes": 0, "under_40_bytes": 0}
        self.transcripts = [] if keep_transcripts else None

    def _text_source(self):
        if self.rng.random() < self.profile.korean_share:
            cp949 = self.rng.random() < self.profile.cp949_share
            return TextSource(self._corpora["korean"], "cp949" if cp949 else "utf-8")
        return TextSource(self._corpora["english"], "utf-8")

    def _body(self, source, side, transcript, spanning=False):
        low, high = self.profile.spanning_chars if spanning else self.profile.chars
        text = source.text(self.rng, self.rng.randint(low, high))
        body = text.encode(source.encoding)
        transcript.messages[side].append((text, len(body)))
        self.stats["messages"] += 1
        self.stats["bytes"] += len(body)
        self.stats["under_40_bytes"] += len(body) < 40
        return body

    def _writes(self, budget, transcript):
        """The writes of one connection, as (side, bytes), `budget` messages in all."""
        source = self._text_source()
        while budget > 0:
            side = CLIENT if self.rng.random() < 0.55 else SERVER
            pattern = self.rng.choices(self._pattern_names, self._pattern_weights)[0]
            if pattern == "split":  # the lab's way: header, then body
                body = self._body(source, side, transcript)
                yield side, struct.pack("<I", len(body))
                yield side, body
                budget -= 1
            elif pattern == "coalesced":
                count = min(budget, self.rng.randint(*self.profile.coalesced))
                yield side, b"".join(_message(self._body(source, side, transcript))
                                     for _ in range(count))
                budget -= count
            else:
                yield side, _message(self._body(source, side, transcript,
                                                spanning=pattern == "spanning"))
                budget -= 1

    def _connection(self, network, number, budget):
        """One connection from handshake to close; yields between writes."""
        client = Endpoint((10, 0, (number >> 8) & 0xFF, number & 0xFF), 30000 + number % 30000,
                          b"\x02\x00\x00\x00" + number.to_bytes(2, "big"))
        server = Endpoint((10, 255, 0, 1), SERVER_PORT, b"\x02\xff\x00\x00\x00\x01")
        session = TcpSession(network, client, server,
                             (self.rng.getrandbits(32), self.rng.getrandbits(32)), self.mss)
        transcript = Transcript()
        if self.transcripts is not None:
            self.transcripts.append(transcript)
        session.handshake()
        yield
        for side, data in self._writes(budget, transcript):
            session.write(side, data)
            yield
        transcript.closed_by = CLIENT if self.rng.random() < 0.7 else SERVER
        session.close(transcript.closed_by, four_way=self.rng.random() < 0.2)

    def write(self, path):
        """Writes the whole capture; returns the stats."""
        clock = Clock(self.rng)
        remaining = self.profile.messages
        active = []
        with PcapWriter(path) as writer:
            network = Network(writer, clock)
            while remaining > 0 or active:
                while remaining > 0 and len(active) < self.profile.concurrency:
                    budget = min(remaining, self.rng.randint(*self.profile.per_connection))
                    remaining -= budget
                    active.append(self._connection(network, self.stats["connections"], budget))
                    self.stats["connections"] += 1
                connection = self.rng.choice(active)
                if next(connection, StopIteration) is StopIteration:
                    active.remove(connection)
            self.stats["frames"] = writer.frames
        return self.stats
