"""The capture generator (samples/capgen/) and what it wrote.

samples/captures/generated/ and adversarial/ are committed: they must be exactly what
samples/generate.py writes today, so a change to the generator or to a scenario shows up
here until the captures are regenerated and committed with it. capgen's frames are
checked against scapy's (python3-scapy), an implementation of IPv4/TCP of its own, and the
benchmark's traffic against fixed hashes so that changing it is a decision. None of these
need tshark or the build.
"""
import hashlib
import pathlib
import random
import struct
import subprocess
import sys

import pytest

from conftest import SAMPLES, SOURCE_DIR

sys.path.append(str(SOURCE_DIR / "samples"))  # for `import capgen`, as bench/capgen_path.py

from capgen import frames, tcp  # noqa: E402
from capgen.files import PcapngWriter, PcapWriter  # noqa: E402

FOLDERS = ("generated", "adversarial")


def test_the_committed_captures_are_what_generate_py_writes(tmp_path):
    subprocess.run([sys.executable, str(SOURCE_DIR / "samples" / "generate.py"),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.pcapng"))
    committed = sorted(p.relative_to(SAMPLES) for folder in FOLDERS
                       for p in (SAMPLES / folder).glob("*.pcapng"))
    assert written == committed, "a capture without its scenario, or a scenario not committed"
    differing = [str(name) for name in written
                 if (tmp_path / name).read_bytes() != (SAMPLES / name).read_bytes()]
    assert not differing, ("generate.py no longer writes these committed captures: "
                           "regenerate them (samples/generate.py) and commit them with the "
                           f"change, or undo it: {differing}")


def pcap_frames(path):
    """The frames of a classic pcap, as capgen.files.PcapWriter writes it."""
    data = pathlib.Path(path).read_bytes()
    offset, out = 24, []
    while offset < len(data):
        _, _, captured, _ = struct.unpack_from("<IIII", data, offset)
        out.append(data[offset + 16:offset + 16 + captured])
        offset += 16 + captured
    return out


def rebuilt_by_scapy(frame, linktype):
    """`frame` taken apart by scapy and built again with checksums and lengths of its own."""
    from scapy.layers.inet import IP
    from scapy.layers.l2 import Ether, Loopback

    packet = (Loopback if linktype == frames.LINKTYPE_NULL else Ether)(frame)
    del packet[IP].chksum, packet[IP].len, packet["TCP"].chksum, packet["TCP"].dataofs
    return bytes(packet)


def test_capgen_frames_are_what_scapy_builds():
    pytest.importorskip("scapy")
    client = frames.Endpoint("10.0.0.1", 40000, b"\x02\x00\x00\x00\x00\x01")
    server = frames.Endpoint((127, 0, 0, 1), 9000)
    options = frames.tcp_options(("MSS", 65495), ("NOP", None), ("WScale", 8),
                                 ("SAckOK", None))  # 11 bytes: one padding byte
    rng = random.Random(1)
    for linktype in (frames.LINKTYPE_NULL, frames.LINKTYPE_ETHERNET):
        for payload in (b"", b"x", b"\xff" * 1460, bytes(rng.getrandbits(8) for _ in range(77))):
            for flags, opts in ((frames.SYN, options), (frames.PSH | frames.ACK, b""),
                                (frames.FIN | frames.ACK, b""), (frames.RST, b"")):
                frame = frames.frame(linktype, client, server, 2**32 + 5, 0xFFFFFFFF, flags,
                                     512, payload, opts, ttl=128, ip_id=0xBEEF)
                assert rebuilt_by_scapy(frame, linktype) == frame


@pytest.mark.parametrize("make", ["generate.py", "http_traffic"])
def test_bench_frames_are_what_scapy_builds(tmp_path, make):
    pytest.importorskip("scapy")
    path = tmp_path / "bench.pcap"
    code = ("import sys, generate; generate.generate(sys.argv[1], 'mixed', messages=100)"
            if make == "generate.py" else
            "import sys, http_traffic; http_traffic.write_http(sys.argv[1], 10)")
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=SOURCE_DIR / "bench",
                   check=True, capture_output=True)
    written = pcap_frames(path)
    assert len(written) > 100
    assert all(rebuilt_by_scapy(f, frames.LINKTYPE_ETHERNET) == f for f in written)


# sha256 of bench captures as the benchmark has always written them: a change here changes
# what every benchmark figure was measured on (bench/RESULTS.md). If that is meant, run the
# benchmark again and update the hashes.
BENCH_CAPTURES = {
    ("mixed", 200): "cb5fe9ee9dba8797b478e6ecfa93b6fe51d6623dc8aa578345d5408f4f50bad6",
    ("small", 2000): "6a0d2ba5a829b81cf45a8747f5b624090f5a8e931847c1c421b4ad0727d27451",
    ("http", 50): "bdd3e0dfd2ba0f962e7df2832f31515dada533d0306006d7a1f7d3514da40a07",
}


@pytest.mark.parametrize("profile,size", sorted(BENCH_CAPTURES))
def test_the_bench_writes_the_captures_it_always_did(tmp_path, profile, size):
    path = tmp_path / "bench.pcap"
    if profile == "http":
        command = ["-c", "import sys, http_traffic; http_traffic.write_http(sys.argv[1], "
                         f"{size})", str(path)]
    else:
        command = ["generate.py", str(path), "--profile", profile, "--messages", str(size)]
    subprocess.run([sys.executable, *command], cwd=SOURCE_DIR / "bench", check=True,
                   capture_output=True)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == BENCH_CAPTURES[profile, size]


def test_seq_and_ack_follow_what_each_side_received():
    class Recorded(tcp.Connection):
        def emit(self, segment):
            sent.append(segment)

    sent = []
    c = Recorded((2**32 - 1, 100))
    c.send(tcp.CLIENT, frames.SYN)
    c.send(tcp.SERVER, frames.SYN | frames.ACK)
    c.send(tcp.CLIENT, frames.PSH | frames.ACK, b"abc")
    c.send(tcp.CLIENT, frames.FIN | frames.ACK, deliver=False)  # still in flight
    c.send(tcp.SERVER, frames.ACK)
    assert [(s.seq, s.ack) for s in sent] == [
        (2**32 - 1, 0), (100, 2**32), (2**32, 101), (2**32 + 3, 101), (101, 2**32 + 3)]
    c.deliver(sent[3])
    c.send(tcp.SERVER, frames.FIN | frames.ACK)
    assert (sent[-1].seq, sent[-1].ack) == (101, 2**32 + 4)


def test_the_writers_round_trip_through_scapy(tmp_path):
    pytest.importorskip("scapy")
    from scapy.utils import rdpcap

    src, dst = frames.Endpoint("10.0.0.1", 1), frames.Endpoint("10.0.0.2", 2)
    frame = frames.frame(frames.LINKTYPE_ETHERNET, src, dst, 1, 2, frames.ACK, 100, b"hello, world")
    with PcapWriter(tmp_path / "a.pcap") as pcap:
        pcap.write(1_700_000_000_123_456, frame)
    with PcapngWriter(tmp_path / "a.pcapng", frames.LINKTYPE_ETHERNET, "a comment", "test",
                      snaplen=60) as pcapng:
        pcapng.write(1_700_000_000_123_456, frame)
    for name, kept in (("a.pcap", frame), ("a.pcapng", frame[:60])):
        (packet,) = rdpcap(str(tmp_path / name))
        assert bytes(packet) == kept and packet.wirelen == len(frame)
        assert float(packet.time) == pytest.approx(1_700_000_000.123456)
