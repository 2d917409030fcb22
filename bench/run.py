#!/usr/bin/python3
"""The labproto benchmark: the plugin against TCP-only dissection and a Lua
reference dissector, plus labcheck's throughput. Writes bench/RESULTS.md and
bench/results.png.

    bench/run.py [--build DIR] [--scratch DIR] [--runs N] [--labcheck-captures N]
    bench/run.py --quick     # smoke check: tiny captures, one run each, results in --scratch

Generated captures go to --scratch (regenerated on every run, never committed).
Targets are measured and reported, never asserted: the exit status is 0 when
everything ran and every decoding check passed.
"""
import argparse
import datetime
import os
import pathlib
import platform
import shlex
import sys
import time

from generate import generate
from labcheck_bench import LabcheckBench
from matrix import MODES, run_matrix, variants
from report import Context, comparisons, write_chart, write_markdown
from tshark_env import TsharkEnv, make_world_readable, scratch_folder

BENCH_DIR = pathlib.Path(__file__).resolve().parent
REPO = BENCH_DIR.parent


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine_description():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    mem_kib = next(int(line.split()[1]) for line in open("/proc/meminfo")
                   if line.startswith("MemTotal"))
    os_name = next((line.split("=", 1)[1].strip().strip('"') for line in open("/etc/os-release")
                    if line.startswith("PRETTY_NAME")), "unknown OS")
    return [f"{cpu}, {os.cpu_count()} cores, {mem_kib / 1024 ** 2:.0f} GiB RAM",
            f"{os_name}, Linux {platform.release()}"]


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def count_messages(env, capture, variant):
    """Messages the variant decodes (occurrences of its len field)."""
    out = env.output([*variant.options, "-r", capture, "-T", "fields", "-E", "occurrence=a",
                      "-E", "aggregator=,", "-e", f"{variant.field_prefix}.len"])
    return sum(len(line.split(",")) for line in out.splitlines() if line)


def check_decoding(env, captures, stats, variant_list):
    """Both dissectors must find every generated message: otherwise the timings
    compare different work."""
    for profile, capture in captures.items():
        for variant in variant_list:
            if variant.name == "tcp-only":
                continue
            found = count_messages(env, capture, variant)
            log(f"{profile}: {variant.name} decodes {found} of {stats[profile]['messages']} "
                "messages")
            if found != stats[profile]["messages"]:
                raise SystemExit(f"{variant.name} decodes {found} messages in {capture}, "
                                 f"expected {stats[profile]['messages']}")


def run_labcheck(args, env, scratch):
    labcheck = pathlib.Path(args.labcheck or pathlib.Path(args.build) / "tool" / "labcheck")
    if not labcheck.is_file():
        return None, f"no labcheck at {labcheck} (build the labcheck target)."
    bench = LabcheckBench(env, labcheck, scratch / "lab", args.labcheck_captures, seed=args.seed)
    return bench.run(log), None


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(REPO / "build"),
                        help="build folder with plugins/<abi>/epan/labproto.so (default: build)")
    parser.add_argument("--scratch",
                        help="folder for captures and staging, reachable by nobody (default: "
                             "/tmp/labproto-bench; with --quick a temporary folder, removed)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per cell (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--labcheck", help="labcheck binary (default: BUILD/tool/labcheck)")
    parser.add_argument("--labcheck-captures", type=int, default=500)
    parser.add_argument("--quick", action="store_true",
                        help="smoke check: tiny captures, one run, results in the scratch folder")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.labcheck_captures = 1, 4
    return args


def main():
    args = parse_args(sys.argv[1:])
    with scratch_folder(args.scratch, "/tmp/labproto-bench", args.quick) as scratch:
        benchmark(args, scratch, out_dir=scratch if args.quick else BENCH_DIR)
        if args.quick:
            print((scratch / "RESULTS.md").read_text(encoding="utf-8"))


def benchmark(args, scratch, out_dir):
    command = "bench/run.py " + shlex.join(sys.argv[1:])
    load_before = load_average()

    env = TsharkEnv(args.build, scratch)
    variant_list = variants(env.lua_script)

    captures, stats = {}, {}
    (scratch / "captures").mkdir(parents=True, exist_ok=True)
    for profile in ("mixed", "small"):
        capture = scratch / "captures" / f"{profile}.pcap"
        stats[profile] = generate(capture, profile, args.seed,
                                  messages=2000 if args.quick else None)
        captures[profile] = str(capture)
        log(f"generated {capture}: {stats[profile]}")
    make_world_readable(scratch)
    env.check_lua_registers(captures["small"])
    check_decoding(env, captures, stats, variant_list)

    cells = run_matrix(env, captures, variant_list, args.runs, log)
    lab, lab_missing = run_labcheck(args, env, scratch)

    ctx = Context(command=command, date=datetime.datetime.now().astimezone().isoformat(
                      timespec="minutes"),
                  machine=machine_description() + [
                      f"load average (1, 5, 15 min) before: {load_before}, after: "
                      f"{load_average()} (the machine is shared)"],
                  tshark_version=env.version(), captures=stats, runs=args.runs)
    comps = comparisons(cells)
    write_chart(out_dir / "results.png", comps)
    write_markdown(out_dir / "RESULTS.md", ctx, comps, lab, lab_missing, "results.png")
    log(f"wrote {out_dir / 'RESULTS.md'} and {out_dir / 'results.png'}")


if __name__ == "__main__":
    main()
