"""Link, IPv4 and TCP headers built with struct, with real checksums.

A frame is bytes: link header + IPv4 header + TCP header (+ options) + payload.
tshark does not verify checksums by default, but a capture opened elsewhere
should not light up red, so they are computed (RFC 1071, the same values scapy
writes).
"""
import dataclasses
import struct

LINKTYPE_NULL = 0  # BSD/Windows loopback: a 4-byte address family in the host's order
LINKTYPE_ETHERNET = 1

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10

ETHERTYPE_IPV4 = 0x0800
AF_INET = 2
IPPROTO_TCP = 6
ZERO_MAC = bytes(6)

_ETHERNET = struct.Struct("!6s6sH")
_NULL = struct.Struct("<I")  # little-endian, as a Windows (x86) host writes it
_IPV4 = struct.Struct("!BBHHHBBH4s4s")
_TCP = struct.Struct("!HHIIBBHHH")
_PSEUDO = struct.Struct("!4s4sBBH")
_DONT_FRAGMENT = 0x4000


def ipv4_address(address):
    """4 bytes from "a.b.c.d", a tuple of four numbers, or bytes."""
    if isinstance(address, str):
        return bytes(int(part) for part in address.split("."))
    return bytes(address)


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """One end of a connection: IPv4 address (4 bytes), TCP port and MAC address."""

    ip: bytes
    port: int
    mac: bytes = ZERO_MAC

    def __post_init__(self):
        object.__setattr__(self, "ip", ipv4_address(self.ip))
        object.__setattr__(self, "mac", bytes(self.mac))


def tcp_options(*options):
    """TCP option bytes from (kind, value) pairs, padded with zeros to 32 bits:
    ("MSS", 1460), ("WScale", 7), ("SAckOK", None), ("NOP", None)."""
    out = b""
    for kind, value in options:
        if kind == "MSS":
            out += struct.pack("!BBH", 2, 4, value)
        elif kind == "WScale":
            out += struct.pack("!BBB", 3, 3, value)
        elif kind == "SAckOK":
            out += b"\x04\x02"
        elif kind == "NOP":
            out += b"\x01"
        else:
            raise ValueError(f"unknown TCP option {kind}")
    return out + b"\0" * (-len(out) % 4)


def _fold(value):
    """Folds a non-negative integer into a 16-bit one's complement sum.

    Since 2**16 == 1 (mod 0xFFFF), a buffer read as one big-endian integer
    has the same residue as the sum of its 16-bit words: one C-level
    conversion instead of a Python loop per word.
    """
    folded = value % 0xFFFF
    return 0xFFFF if folded == 0 and value else folded


def checksum(data):
    """RFC 1071 Internet checksum of `data` (an odd last byte is padded with zero)."""
    if len(data) & 1:
        data += b"\0"
    return ~_fold(int.from_bytes(data, "big")) & 0xFFFF


def ethernet_header(src_mac, dst_mac):
    return _ETHERNET.pack(dst_mac, src_mac, ETHERTYPE_IPV4)


def null_header():
    return _NULL.pack(AF_INET)


def link_header(linktype, src, dst):
    """The link header of a frame from Endpoint `src` to `dst`."""
    if linktype == LINKTYPE_NULL:
        return null_header()
    if linktype == LINKTYPE_ETHERNET:
        return ethernet_header(src.mac, dst.mac)
    raise ValueError(f"unsupported link type {linktype}")


def ipv4_tcp(src, dst, seq, ack, flags, window, payload=b"", options=b"", ttl=64, ip_id=0):
    """IPv4 (Don't Fragment, no IP options) + TCP header + `payload` from Endpoint
    `src` to `dst`; `seq` and `ack` are taken modulo 2^32."""
    header_len = 20 + len(options)
    tcp_len = header_len + len(payload)
    seq &= 0xFFFFFFFF
    ack &= 0xFFFFFFFF
    offset = (header_len // 4) << 4
    tail = options + payload
    tcp_sum = checksum(_PSEUDO.pack(src.ip, dst.ip, 0, IPPROTO_TCP, tcp_len)
                       + _TCP.pack(src.port, dst.port, seq, ack, offset, flags, window, 0, 0)
                       + tail)
    ip = (0x45, 0, 20 + tcp_len, ip_id, _DONT_FRAGMENT, ttl, IPPROTO_TCP)
    ip_sum = checksum(_IPV4.pack(*ip, 0, src.ip, dst.ip))
    return (_IPV4.pack(*ip, ip_sum, src.ip, dst.ip)
            + _TCP.pack(src.port, dst.port, seq, ack, offset, flags, window, tcp_sum, 0) + tail)


def frame(linktype, src, dst, seq, ack, flags, window, payload=b"", options=b"", ttl=64,
          ip_id=0):
    """A whole frame: the link header, then ipv4_tcp()."""
    return link_header(linktype, src, dst) + ipv4_tcp(src, dst, seq, ack, flags, window,
                                                      payload, options, ttl, ip_id)
