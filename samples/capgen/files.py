"""Capture file writers: classic pcap and pcapng, microsecond timestamps.

Both take frames one at a time, `write(timestamp_us, frame)`, and count them in
`frames`; both are context managers that close the file.
"""
import struct

from .frames import LINKTYPE_ETHERNET

_PCAP_MAGIC_US = 0xA1B2C3D4
_PCAP_RECORD = struct.Struct("<IIII")


class _Writer:
    def __init__(self, path):
        self._file = open(path, "wb")
        self.frames = 0

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class PcapWriter(_Writer):
    """A classic (libpcap 2.4) file; every frame captured whole (up to `snaplen`,
    which the writer does not enforce)."""

    def __init__(self, path, linktype=LINKTYPE_ETHERNET, snaplen=65535):
        super().__init__(path)
        self._file.write(struct.pack("<IHHiIII", _PCAP_MAGIC_US, 2, 4, 0, 0, snaplen, linktype))

    def write(self, timestamp_us, frame):
        self._file.write(_PCAP_RECORD.pack(timestamp_us // 1_000_000, timestamp_us % 1_000_000,
                                           len(frame), len(frame)))
        self._file.write(frame)
        self.frames += 1


def pad4(data):
    return data + b"\0" * (-len(data) % 4)


def pcapng_block(block_type, body, options=()):
    """A block with its options (code, bytes) and the end-of-options marker."""
    opts = b"".join(struct.pack("<HH", code, len(value)) + pad4(value) for code, value in options)
    if options:
        opts += struct.pack("<HH", 0, 0)
    content = pad4(body) + opts
    length = 12 + len(content)
    return struct.pack("<II", block_type, length) + content + struct.pack("<I", length)


class PcapngWriter(_Writer):
    """One section (little-endian, with `comment` and `application` as its shb_comment
    and shb_userappl), one interface of `linktype`, then Enhanced Packet Blocks.

    With a non-zero `snaplen` a longer frame keeps its original length but only
    `snaplen` captured bytes, as a capture made with `-s snaplen`.
    """

    def __init__(self, path, linktype, comment, application, snaplen=0):
        super().__init__(path)
        self._snaplen = snaplen
        shb = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
        idb = struct.pack("<HHI", linktype, 0, snaplen or 262144)  # resolution: microseconds
        self._file.write(pcapng_block(0x0A0D0D0A, shb, [(1, comment.encode()),
                                                        (4, application.encode())]))
        self._file.write(pcapng_block(1, idb))

    def write(self, timestamp_us, frame):
        captured = frame[:self._snaplen] if self._snaplen else frame
        epb = struct.pack("<IIIII", 0, timestamp_us >> 32, timestamp_us & 0xFFFFFFFF,
                          len(captured), len(frame)) + captured
        self._file.write(pcapng_block(6, epb))
        self.frames += 1
