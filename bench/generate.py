#!/usr/bin/python3
"""Writes a benchmark capture: deterministic for a given profile, seed and MSS.

    bench/generate.py [--profile mixed|small] [--seed N] [--messages N] [--mss N] OUT.pcap
"""
import argparse
import dataclasses
import json
import sys

from traffic import PROFILES, Generator


def generate(path, profile_name, seed=1, messages=None, mss=1460):
    """Writes the capture at `path` and returns its stats (frames, messages, ...)."""
    profile = PROFILES[profile_name]
    if messages is not None:
        profile = dataclasses.replace(profile, messages=messages)
    return Generator(profile, seed, mss).write(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="mixed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--messages", type=int, help="override the profile's message count")
    parser.add_argument("--mss", type=int, default=1460)
    args = parser.parse_args(argv)
    stats = generate(args.out, args.profile, args.seed, args.messages, args.mss)
    json.dump(stats, sys.stdout)
    print()


if __name__ == "__main__":
    main()
