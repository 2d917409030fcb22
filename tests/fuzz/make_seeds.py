#!/usr/bin/python3
"""Writes the libFuzzer seed corpora from the sample captures.

Every TCP stream of every capture under CAPTURES becomes one seed per fuzz target,
in that target's input format (see the comment at the top of each fuzzers/*.cc),
replaying the capture exactly: the framing seed holds the stream's client data
segments at their real sequence numbers, the connection seed every segment with
its flags, numbers and timing, the heuristic and text seeds each payload.

    /usr/bin/python3 tests/fuzz/make_seeds.py CAPTURES OUT
"""
import argparse
import collections
import pathlib
import struct

from scapy.layers.inet import IP, TCP
from scapy.utils import PcapNgReader

# What the flag bits of the connection fuzzer's segment byte mean.
SERVER_SIDE, SYN, ACK, FIN, RST, RAW_SEQ, RAW_ACK = 1, 2, 4, 8, 16, 2 << 5, 128
TCP_FLAG_BITS = {"S": SYN, "A": ACK, "F": FIN, "R": RST}

Segment = collections.namedtuple("Segment", "server_side flags seq ack payload time_us")


def streams(path):
    """TCP segments of each stream in capture order; the server is the lower port."""
    found = collections.defaultdict(list)
    with PcapNgReader(str(path)) as reader:
        for packet in reader:
            if IP not in packet or TCP not in packet:
                continue
            tcp = packet[TCP]
            server_port = min(tcp.sport, tcp.dport)
            key = (frozenset((packet[IP].src, packet[IP].dst)), frozenset((tcp.sport, tcp.dport)))
            found[key].append(Segment(tcp.sport == server_port, str(tcp.flags), tcp.seq,
                                      tcp.ack, bytes(tcp.payload), int(packet.time * 1e6)))
    return list(found.values())


def framing_seed(segments):
    """pref auto, max_len default, then the client's data segments, each placed by a
    u32 jump from the framing fuzzer's idea of the next sequence number."""
    data = [s for s in segments if not s.server_side and s.payload]
    if not data:
        return None
    out = bytearray(struct.pack(">BBI", 0, 0, data[0].seq))
    next_seq = data[0].seq
    for s in data:
        out += struct.pack(">BIH", 3, (s.seq - next_seq) & 0xFFFFFFFF, len(s.payload))
        out += s.payload
        end = (s.seq + len(s.payload)) & 0xFFFFFFFF
        if 0 < (end - next_seq) & 0xFFFFFFFF < 0x80000000:
            next_seq = end
    return bytes(out)


def connection_seed(segments):
    out = bytearray()
    last_us = segments[0].time_us
    for s in segments:
        flags = RAW_SEQ | RAW_ACK | (SERVER_SIDE if s.server_side else 0)
        for letter, bit in TCP_FLAG_BITS.items():
            flags |= bit if letter in s.flags else 0
        gap = min(max(s.time_us - last_us, 0), 0xFFFF)
        out += struct.pack(">BIIHH", flags, s.seq, s.ack, len(s.payload), gap)
        last_us = s.time_us
    return bytes(out)


def payload_seeds(segments, prefix):
    return [prefix + s.payload for s in segments if s.payload]


def edge_seeds():
    """Inputs the fuzzers found or that guard fixed bugs, kept as seeds."""
    return {
        # A 0x7FFFFFFF-byte message (max_len raised) and a segment 2 GiB into it.
        "framing_fuzzer/edge-largest-message": struct.pack(
            ">BBIBHIBIH", 0, 1, 0, 0, 4, 0xFFFFFF7F, 3, 0x7FFFFFFC, 1) + b"a",
        # A C string's terminator in UTF-8 text.
        "text_fuzzer/edge-nul-terminated": b"\x00" + "안녕하세요\0".encode(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("captures", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    args = parser.parse_args()
    seeds = edge_seeds()
    for path in sorted(args.captures.rglob("*.pcapng")):
        name = path.relative_to(args.captures).with_suffix("").as_posix().replace("/", "-")
        for i, segments in enumerate(streams(path)):
            stem = f"{name}-{i}"
            seeds[f"framing_fuzzer/{stem}"] = framing_seed(segments)
            seeds[f"connection_fuzzer/{stem}"] = connection_seed(segments)
            for j, seed in enumerate(payload_seeds(segments, b"\x00\x00\x00\x00")):
                seeds[f"heuristic_fuzzer/{stem}-{j}"] = seed  # default max_len, auto order, nothing cut
            for j, seed in enumerate(payload_seeds(segments, b"\x00")):
                seeds[f"text_fuzzer/{stem}-{j}"] = seed  # auto encoding
    for relative, seed in seeds.items():
        if seed is None:
            continue
        path = args.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(seed)
    print(f"wrote {sum(s is not None for s in seeds.values())} seeds to {args.out}")


if __name__ == "__main__":
    main()
