"""Packet capture inside a namespace with the tools students use.

Formats (the `format` of a capture):
  pcapng  dumpcap -w (pcapng, Ethernet)
  pcap    tcpdump -w (classic pcap, Ethernet)
  sll     tcpdump -i any -y LINUX_SLL (classic pcap, Linux cooked v1)
  sll2    tcpdump -i any -y LINUX_SLL2 (classic pcap, Linux cooked v2)
"""
import os
import re
import signal
import subprocess
import time

from netns import wait_until

FORMATS = ("pcapng", "pcap", "sll", "sll2")
SUFFIX = {"pcapng": ".pcapng", "pcap": ".pcap", "sll": ".pcap", "sll2": ".pcap"}


class CaptureError(RuntimeError):
    pass


class Capture:
    """One capture process; `stop()` ends it and checks that nothing was dropped."""

    def __init__(self, topology, side, fmt, path, port_filter):
        self.side, self.fmt, self.path = side, fmt, path
        iface = "any" if fmt in ("sll", "sll2") else topology.interface(side)
        # -s 0: whole packets. tcpdump's --immediate-mode: without it packets wait in the
        # kernel's ring buffer, and those still there at Ctrl-C are lost ("22 packets
        # received by filter, 0 packets captured").
        # -B: a 32 MiB kernel buffer, so a loaded machine does not make them miss packets.
        if fmt == "pcapng":
            args = ["dumpcap", "-i", iface, "-s", "0", "-B", "32", "-f", port_filter, "-w", path]
        else:
            args = ["tcpdump", "-i", iface, "-s", "0", "-B", "32768", "--immediate-mode", "-U",
                    "-w", path]
            if fmt in ("sll", "sll2"):
                args += ["-y", "LINUX_SLL" if fmt == "sll" else "LINUX_SLL2"]
            args += [port_filter]
        self.proc = topology.start(side, args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        self.stderr = ""
        # Both tools say when the capture is set up ("Capturing on", "listening on").
        line = self.proc.stderr.readline()
        while line and not re.search(r"Capturing on|listening on", line):
            self.stderr += line
            line = self.proc.stderr.readline()
        self.stderr += line
        if not line:
            raise CaptureError(f"{args[0]} did not start: {self.stderr}")
        # dumpcap says "Capturing on" a little before it captures: once it has written
        # the file's header, it does.
        if not wait_until(lambda: os.path.exists(path) and os.path.getsize(path) > 0):
            raise CaptureError(f"{args[0]} wrote nothing to {path}: {self.stderr}")

    def stop(self):
        """Ends the capture (SIGINT, as Ctrl-C) and returns the file's path."""
        time.sleep(0.3)  # the last ACKs of a teardown
        self.proc.send_signal(signal.SIGINT)
        try:
            rest = self.proc.communicate(timeout=10)[1]
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise CaptureError(f"{self.fmt} capture did not stop")
        self.stderr += rest or ""
        if self.lost_packets():
            raise CaptureError(f"{self.fmt} capture lost packets: {self.stderr}")
        return self.path

    def lost_packets(self):
        """Whether the tool's closing counts say it missed packets."""
        err = self.stderr
        tcpdump = re.search(r"(\d+) packets? captured\s+(\d+) packets? received by filter\s+"
                            r"(\d+) packets? dropped by kernel", err)
        if tcpdump:
            captured, received, dropped = map(int, tcpdump.groups())
            return dropped > 0 or captured < received
        dumpcap = re.search(r"received/dropped on interface '[^']*': (\d+)/(\d+)", err)
        if dumpcap:
            return int(dumpcap.group(2)) > 0
        return True  # no counts: it did not end normally
