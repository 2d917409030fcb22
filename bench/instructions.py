#!/usr/bin/python3
"""Instructions the plugin costs against TCP-only dissection, under callgrind.

Wall and CPU time on a shared virtual machine move with its speed; instruction
counts do not. This counts every instruction tshark executes for each variant
on a mixed capture of --messages messages, subtracts the start-up (the same
run on a one-message capture) and reports the packet loop of each variant
and its ratio to TCP only. About 3 minutes a mode for 20,000 messages.

    bench/instructions.py [--build DIR] [--scratch DIR] [--messages N] [--mode MODE ...]
"""
import argparse
import pathlib
import re
import subprocess
import sys

from generate import generate
from matrix import MODES, tshark_args, variants
from tshark_env import TsharkEnv, make_world_readable

REPO = pathlib.Path(__file__).resolve().parent.parent
VARIANTS = ("plugin", "tcp-only")


def instructions(env, args, out, plugins=True):
    """Instructions callgrind counted for one tshark run."""
    cmd = env.command(args, plugins)
    at = cmd.index(env.tshark)
    cmd[at:at] = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"callgrind run failed ({proc.returncode}): {proc.stderr[-1000:]}")
    return int(found.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(REPO / "build"))
    parser.add_argument("--scratch", default="/tmp/labproto-instructions")
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--mode", action="append", choices=[m.name for m in MODES])
    args = parser.parse_args()

    scratch = pathlib.Path(args.scratch)
    env = TsharkEnv(args.build, scratch)
    (scratch / "captures").mkdir(parents=True, exist_ok=True)
    capture, startup = scratch / "captures" / "mixed.pcap", scratch / "captures" / "one.pcap"
    generate(capture, "mixed", messages=args.messages)
    generate(startup, "mixed", messages=1)
    (scratch / "callgrind").mkdir(exist_ok=True)
    make_world_readable(scratch)
    (scratch / "callgrind").chmod(0o777)  # callgrind writes as nobody

    chosen = [v for v in variants(env.lua_script) if v.name in VARIANTS]
    print(f"packet loop instructions on {args.messages:,} mixed messages (callgrind; "
          f"start-up on a one-message capture subtracted)")
    for mode in [m for m in MODES if not args.mode or m.name in args.mode]:
        loop = {}
        for variant in chosen:
            counts = [instructions(env, tshark_args(str(path), mode, variant),
                                   scratch / "callgrind" / f"{mode.name}.{variant.name}.{name}")
                      for name, path in (("capture", capture), ("start-up", startup))]
            loop[variant.name] = counts[0] - counts[1]
        ratio = loop["plugin"] / loop["tcp-only"]
        print(f"{mode.label}: plugin {loop['plugin'] / 1e9:.3f} G, TCP only "
              f"{loop['tcp-only'] / 1e9:.3f} G, ratio {ratio:.3f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
