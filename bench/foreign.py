#!/usr/bin/python3
"""What the installed plugin costs a capture with no lab traffic at all.

tshark with this build's plugin against the same tshark with no labproto
plugin loaded at all (an empty plugin folder, not --disable-protocol), side
by side in one run: on --connections HTTP connections (bench/http_traffic.py)
in the summary, -T fields, -V and -2 modes, rounds alternated as in run.py.
Reports the median CPU time and the peak RSS of each and their ratios (target:
at most 1.02), and, because a shared machine's speed moves by more than 2 %
between runs, the instructions of the packet loop under callgrind (on
--instructions connections, the start-up, a one-connection capture, taken
off). Rewrites the "Foreign traffic" section of bench/RESULTS.md.

    bench/foreign.py [--build DIR] [--scratch DIR] [--connections N] [--runs N]
                     [--instructions N] [--no-write]
"""
import argparse
import concurrent.futures
import pathlib
import re
import shlex
import sys
import time

from http_traffic import write_http
from instructions import instructions
from matrix import NO_PLUGIN, Mode, Variant, run_matrix, tshark_args
from tshark_env import TsharkEnv, make_world_readable

BENCH_DIR = pathlib.Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
BEGIN, END = "<!-- foreign.py: begin -->", "<!-- foreign.py: end -->"

PLUGIN = Variant("plugin", "labproto plugin", (), "labproto")
MODES = (
    Mode("summary", "summary (tshark -r)", ()),
    Mode("fields", "-T fields -e frame.number -e tcp.stream -e http.request.uri",
         ("-T", "fields", "-e", "frame.number", "-e", "tcp.stream", "-e", "http.request.uri")),
    Mode("verbose", "-V > /dev/null", ("-V",)),
    Mode("two-pass", "-2 -q -z expert", ("-2", "-q", "-z", "expert")),
)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def check_no_lab_traffic(env, capture):
    """The plugin must claim nothing in the capture, or the comparison is not
    about foreign traffic."""
    claimed = env.output(["-r", capture, "-Y", "labproto", "-T", "fields", "-e", "frame.number"])
    if claimed.strip():
        raise SystemExit(f"labproto claims frames of {capture}: {claimed.split()[:10]}")


def table(cells):
    by_mode = {}
    for cell in cells:
        by_mode.setdefault(cell.mode, {})[cell.variant.name] = cell
    rows = ["| mode | CPU no plugin | CPU plugin | CPU ratio | peak RSS no plugin | "
            "peak RSS plugin | RSS ratio |", "|---|---|---|---|---|---|---|"]
    for mode, pair in by_mode.items():
        base, plugin = pair["no-plugin"], pair["plugin"]
        cpu = (base.median("cpu_seconds"), plugin.median("cpu_seconds"))
        rss = (base.peak_rss_mib(), plugin.peak_rss_mib())
        rows.append(f"| {mode.label} | {cpu[0]:.2f} s | {cpu[1]:.2f} s | "
                    f"**{cpu[1] / cpu[0]:.3f}** | {rss[0]:.0f} MiB | {rss[1]:.0f} MiB | "
                    f"**{rss[1] / rss[0]:.3f}** |")
    return rows


def count_instructions(env, scratch, connections):
    """Packet-loop instructions per (mode, variant), two callgrind runs at a time."""
    captures = {"capture": scratch / "captures" / "http-callgrind.pcap",
                "start-up": scratch / "captures" / "http-one.pcap"}
    write_http(captures["capture"], connections)
    write_http(captures["start-up"], 1)
    (scratch / "callgrind").mkdir(exist_ok=True)
    make_world_readable(scratch)
    (scratch / "callgrind").chmod(0o777)  # callgrind writes as nobody
    jobs = {(mode.name, variant.name, name): (
                tshark_args(str(path), mode, variant),
                scratch / "callgrind" / f"http.{mode.name}.{variant.name}.{name}", variant.plugins)
            for mode in MODES for variant in (NO_PLUGIN, PLUGIN) for name, path in captures.items()}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: instructions(env, *job), jobs.values())))
    return {(mode, variant): counts[mode, variant, "capture"] - counts[mode, variant, "start-up"]
            for mode, variant, name in jobs if name == "capture"}


def instruction_rows(loop, connections):
    rows = [f"Instructions of the packet loop (callgrind, {connections:,} connections, "
            "start-up on a one-connection capture taken off):", "",
            "| mode | no plugin | plugin | ratio |", "|---|---|---|---|"]
    for mode in MODES:
        base, plugin = loop[mode.name, "no-plugin"], loop[mode.name, "plugin"]
        rows.append(f"| {mode.label} | {base / 1e9:.3f} G | {plugin / 1e9:.3f} G | "
                    f"**{plugin / base:.4f}** |")
    return rows


def section(command, stats, runs, cells, version, loads, counted):
    return "\n".join([
        BEGIN, "## Foreign traffic: the plugin installed, no lab traffic", "",
        f"`{command}` ({version}; load average before {loads[0]}, after {loads[1]}): "
        f"{stats['connections']:,} HTTP connections, {stats['frames']:,} frames, not one lab "
        "message (labproto claims no frame: checked). tshark with this build's plugin "
        "against the same tshark with no labproto plugin loaded at all; medians of "
        f"{runs} alternated runs (CPU = user + system), peak RSS the largest of the runs. "
        "Target: ratio at most 1.02.", "", *table(cells), "", *counted, "", END])


def write_section(text, begin=BEGIN, end=END):
    """Replaces the section between the markers begin and end in RESULTS.md
    (text includes them), or appends it."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if begin in old:
        old = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: text, old, flags=re.S)
    else:
        old = old.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(old.rstrip("\n") + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(REPO / "build"))
    parser.add_argument("--scratch", default="/tmp/labproto-foreign")
    parser.add_argument("--connections", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--instructions", type=int, default=2_000,
                        help="connections of the callgrind capture (0: no callgrind)")
    parser.add_argument("--no-write", action="store_true", help="print only, keep RESULTS.md")
    args = parser.parse_args()
    command = "bench/foreign.py " + shlex.join(sys.argv[1:])
    loads = [load_average()]

    scratch = pathlib.Path(args.scratch)
    env = TsharkEnv(args.build, scratch)
    (scratch / "captures").mkdir(parents=True, exist_ok=True)
    capture = scratch / "captures" / "http.pcap"
    stats = write_http(capture, args.connections)
    make_world_readable(scratch)
    log(f"generated {capture}: {stats}")
    check_no_lab_traffic(env, str(capture))

    cells = run_matrix(env, {"http": str(capture)}, (NO_PLUGIN, PLUGIN), args.runs, log, MODES)
    loads.append(load_average())
    counted = []
    if args.instructions:
        log(f"callgrind on {args.instructions} connections")
        counted = instruction_rows(count_instructions(env, scratch, args.instructions),
                                   args.instructions)
    text = section(command, stats, args.runs, cells, env.version(), loads, counted)
    print(text)
    if not args.no_write:
        write_section(text)
        log(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
