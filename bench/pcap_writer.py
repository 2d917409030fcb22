"""A classic pcap writer for Ethernet/IPv4/TCP frames, built with struct.

The benchmark captures hold hundreds of thousands of frames; building them
with scapy takes minutes, struct takes seconds. Checksums are real (tshark
does not verify them by default, but a capture opened elsewhere should not
light up red).
"""
import struct

LINKTYPE_ETHERNET = 1
_PCAP_MAGIC_US = 0xA1B2C3D4
_ETHERTYPE_IPV4 = 0x0800
_IPPROTO_TCP = 6

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10

_ETHERNET = struct.Struct("!6s6sH")
_IPV4 = struct.Struct("!BBHHHBBH4s4s")
_TCP = struct.Struct("!HHIIBBHHH")
_RECORD = struct.Struct("<IIII")
_SYN_OPTIONS = struct.pack("!BBH", 2, 4, 1460)  # MSS 1460


def _fold(value):
    """Folds a non-negative integer into a 16-bit one's complement sum.

    Since 2**16 == 1 (mod 0xFFFF), a buffer read as one big-endian integer
    has the same residue as the sum of its 16-bit words: one C-level
    conversion instead of a Python loop per word.
    """
    folded = value % 0xFFFF
    return 0xFFFF if folded == 0 and value else folded


def _checksum(*parts):
    """RFC 1071 Internet checksum over the concatenation of even-length parts
    (the last may be odd)."""
    total = 0
    for part in parts:
        if len(part) & 1:
            part += b"\0"
        total += _fold(int.from_bytes(part, "big"))
    return ~_fold(total) & 0xFFFF


class Endpoint:
    """An IPv4 address, TCP port and MAC address."""

    def __init__(self, ip, port, mac):
        self.ip = bytes(ip)
        self.port = port
        self.mac = bytes(mac)


class PcapWriter:
    """Appends Ethernet/IPv4/TCP frames to a microsecond pcap file."""

    def __init__(self, path):
        self._file = open(path, "wb")
        self._file.write(struct.pack("<IHHiIII", _PCAP_MAGIC_US, 2, 4, 0, 0, 65535,
                                     LINKTYPE_ETHERNET))
        self._ip_id = 0
        self.frames = 0

    def tcp(self, time_us, src, dst, seq, ack, flags, payload=b"", window=65535):
        """Writes one TCP segment from `src` to `dst` (Endpoints)."""
        options = _SYN_OPTIONS if flags & SYN else b""
        header_len = 20 + len(options)
        tcp_len = header_len + len(payload)
        tcp = _TCP.pack(src.port, dst.port, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                        (header_len // 4) << 4, flags, window, 0, 0) + options
        pseudo = src.ip + dst.ip + struct.pack("!BBH", 0, _IPPROTO_TCP, tcp_len)
        tcp_sum = _checksum(pseudo, tcp, payload)
        tcp = tcp[:16] + struct.pack("!H", tcp_sum) + tcp[18:]

        self._ip_id = (self._ip_id + 1) & 0xFFFF
        ip = _IPV4.pack(0x45, 0, 20 + tcp_len, self._ip_id, 0x4000, 64, _IPPROTO_TCP, 0,
                        src.ip, dst.ip)
        ip = ip[:10] + struct.pack("!H", _checksum(ip)) + ip[12:]

        frame = _ETHERNET.pack(dst.mac, src.mac, _ETHERTYPE_IPV4) + ip + tcp + payload
        self._file.write(_RECORD.pack(time_us // 1_000_000, time_us % 1_000_000, len(frame),
                                      len(frame)))
        self._file.write(frame)
        self.frames += 1

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
