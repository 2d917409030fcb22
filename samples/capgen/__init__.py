"""capgen: the project's one generator of synthetic TCP captures.

Two tools write captures that no OS produces on demand, and both build them
with this package:

  samples/generate.py   the committed captures of samples/captures/generated/
                        and adversarial/: scenarios of TCP building blocks
  bench/                the benchmark's seeded traffic (bench/traffic.py,
                        bench/http_traffic.py): hundreds of thousands of frames

It lives in samples/ because samples/ is where the project's captures are made
(recorded with record.sh and record-foreign.py, generated with generate.py);
bench/ is one of its users and puts samples/ on its import path in exactly one
place, bench/capgen_path.py. The project has no Python packaging, so there is
no installed copy to import instead.

The three layers, each usable alone:

  frames   IPv4/TCP (with options) headers behind a NULL/Loopback or Ethernet
           link header, built with struct and real checksums: seconds for the
           bench's captures where scapy took minutes, byte for byte what scapy
           built for the samples
  tcp      one simulated connection: both sides' sequence and acknowledgement
           numbers (SYN and FIN consume one; numbers count on past 2^32 and wrap
           on the wire), and TcpSession, a kernel-like sender on top of it (MSS
           segments, delayed ACKs, 3- or 4-segment close) for the bench
  files    classic pcap and pcapng writers

Output is deterministic: nothing here reads the clock or a random source the
caller did not hand in.
"""
