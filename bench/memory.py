#!/usr/bin/python3
"""Where the plugin's memory goes on the mixed capture, by switching parts off.

Peak RSS of tshark -T fields for TCP only, the plugin (TCP reassembles a
header sent alone with its body), the plugin pairing them itself
(labproto.pair_lone_headers:TRUE), and the plugin with its reassembly off
(labproto.desegment:FALSE, which leaves TCP nothing to reassemble for it);
and what TCP reassembled for the plugin: how many messages and how many
bytes, which TCP keeps for the life of the file.
Run it with --build pointing at an older build to see what a change saved.
About a minute.

    bench/memory.py [--build DIR] [--scratch DIR] [--messages N]
"""
import argparse
import pathlib

from generate import generate
from tshark_env import TsharkEnv, make_world_readable

REPO = pathlib.Path(__file__).resolve().parent.parent
FIELDS = ("-T", "fields", "-e", "labproto.len", "-e", "labproto.text")
VARIANTS = (
    ("TCP only (labproto disabled)", ("--disable-protocol", "labproto")),
    ("labproto plugin", ()),
    ("plugin, labproto.pair_lone_headers:TRUE", ("-o", "labproto.pair_lone_headers:TRUE")),
    ("plugin, labproto.desegment:FALSE", ("-o", "labproto.desegment:FALSE")),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(REPO / "build"))
    parser.add_argument("--scratch", default="/tmp/labproto-memory")
    parser.add_argument("--messages", type=int, help="default: the profile's 200,000")
    args = parser.parse_args()

    scratch = pathlib.Path(args.scratch)
    env = TsharkEnv(args.build, scratch)
    (scratch / "captures").mkdir(parents=True, exist_ok=True)
    capture = scratch / "captures" / "mixed.pcap"
    stats = generate(capture, "mixed", messages=args.messages)
    make_world_readable(scratch)
    print(f"mixed capture: {stats['messages']:,} messages, {stats['frames']:,} frames")

    floor = None
    for label, options in VARIANTS:
        rss = env.measure([*options, "-r", capture, *FIELDS]).max_rss_kib / 1024
        floor = floor or rss
        print(f"{label}: peak RSS {rss:.0f} MiB ({rss / floor:.3f} x TCP only)")

    lengths = env.output(["-r", capture, "-Y", "tcp.reassembled.length", "-T", "fields",
                          "-e", "tcp.reassembled.length"]).split()
    print(f"TCP reassembled {len(lengths):,} messages for the plugin, "
          f"{sum(map(int, lengths)):,} bytes")


if __name__ == "__main__":
    main()
