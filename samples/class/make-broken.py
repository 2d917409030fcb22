#!/usr/bin/python3
"""Makes the class's files that no recording here produces, from the real
recordings record-class.sh made (run it after that, from anywhere):

  section-C/23_yang  a Windows student's correct run: 02_lee's recording
                     (CP949) with its link layer turned into Windows'
                     NULL/Loopback (4-byte address family instead of Ethernet)
  section-C/24_baek  the same for 09_jang's recording (a NUL terminator)
  section-C/25_nam   01_kim's recording cut in the middle of its last packet
  section-C/26_go    an empty file (0 bytes)
  section-C/27_bae   tshark's text listing of 03_park's recording saved as .pcapng

Linux cannot record on a NULL/Loopback link, so the Windows captures keep
what Linux sent (its 3-segment close, Linux's TCP options); only the link
layer is Windows'. Each converted file says so in a capture comment.
"""
import pathlib
import struct
import subprocess

CLASS = pathlib.Path(__file__).resolve().parent
SHB, IDB, EPB = 0x0A0D0D0A, 1, 6
LINKTYPE_ETHERNET, LINKTYPE_NULL = 1, 0
AF_INET = 2


def blocks(data):
    """(type, body) of each pcapng block; little-endian sections only."""
    at = 0
    while at < len(data):
        kind, length = struct.unpack_from("<II", data, at)
        if kind == SHB and struct.unpack_from("<I", data, at + 8)[0] != 0x1A2B3C4D:
            raise SystemExit("only little-endian pcapng is converted")
        yield kind, data[at + 8:at + length - 4]
        at += length


def block(kind, body):
    body += b"\0" * (-len(body) % 4)
    length = len(body) + 12
    return struct.pack("<II", kind, length) + body + struct.pack("<I", length)


def to_null_link(data):
    """The capture with each Ethernet frame's 14-byte header replaced by
    NULL/Loopback's 4-byte address family (IPv4), in host order as Windows
    writes it."""
    out = b""
    for kind, body in blocks(data):
        if kind == IDB:
            linktype = struct.unpack_from("<H", body)[0]
            if linktype != LINKTYPE_ETHERNET:
                raise SystemExit(f"interface link type {linktype}, not Ethernet")
            body = struct.pack("<H", LINKTYPE_NULL) + body[2:]
        elif kind == EPB:
            iface, high, low, caplen, origlen = struct.unpack_from("<IIIII", body)
            packet = body[20:20 + caplen]
            options = body[20 + caplen + (-caplen % 4):]
            ethertype = struct.unpack_from(">H", packet, 12)[0]
            if ethertype != 0x0800:
                raise SystemExit(f"ethertype {ethertype:#06x}, not IPv4")
            packet = struct.pack("<I", AF_INET) + packet[14:]
            body = (struct.pack("<IIIII", iface, high, low, len(packet), origlen - 10) + packet +
                    b"\0" * (-len(packet) % 4) + options)
        out += block(kind, body)
    return out


def commented(path, comment):
    tmp = path.with_suffix(".tmp")
    subprocess.run(["editcap", "-F", "pcapng", "--capture-comment", comment, str(path),
                    str(tmp)], check=True)
    tmp.replace(path)


def student(name):
    folder = next(CLASS.glob(f"section-*/{name}"), None) or CLASS / "section-C" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "lab.pcapng"


def recording(name):
    path = next(CLASS.glob(f"section-*/{name}/lab.pcapng"))
    return path, path.read_bytes()


def main():
    for target, source in (("23_yang", "02_lee"), ("24_baek", "09_jang")):
        src, data = recording(source)
        out = student(target)
        out.write_bytes(to_null_link(data))
        commented(out, f"labproto class sample: samples/class/make-broken.py, the recording of "
                       f"{source} with its Ethernet link layer turned into Windows' NULL/Loopback")
    src, data = recording("01_kim")
    last = 0
    at = 0
    for kind, body in blocks(data):  # the start of the last packet's block
        if kind == EPB:
            last = at
        at += len(body) + 12
    student("25_nam").write_bytes(data[:last + 40])  # its header and part of the packet
    student("26_go").write_bytes(b"")
    src, _ = recording("03_park")
    listing = subprocess.run(["tshark", "-n", "-r", str(src)], capture_output=True, text=True,
                             check=True, env={"TZ": "UTC", "LC_ALL": "C.UTF-8",
                                              "PATH": "/usr/bin:/bin"}).stdout
    student("27_bae").write_text(listing)


if __name__ == "__main__":
    main()
