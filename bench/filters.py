#!/usr/bin/python3
"""How labcheck should learn which frames match its specs' display filters.

Besides the -T ek output it reads, labcheck needs for every capture the set
of frames matching each of K display filters (counts[], where:). Four ways,
side by side on the same captures and the same K filters:

  tap         what labcheck runs: one tshark run, -T ek plus one
              -z labproto,frames,ID,FILTER per filter (the argument list is
              learnt from labcheck itself, through a logging tshark wrapper)
  -Y          that -T ek run without the taps, plus one
              tshark -Y FILTER -T fields -e frame.number per filter (K + 1 runs)
  colinfo     the -T ek run, plus one run of -T fields -e frame.number
              -e _ws.col.Info with tshark's own proto,colinfo tap once per
              filter: -z "proto,colinfo,(FILTER) && MARKER,MARKER" appends
              "MARKER == value" to the Info column of every matching frame.
              tshark 4.0 has no filter-as-column (custom columns take field
              names only), so this is the nearest: a marker tells the filters
              apart, and a frame has only len(MARKERS) fields always present
  lua         the -T ek run with labcheck's former Lua listener per filter
              (frames_listener.lua, -X lua_script), for reference only

Each way's frame sets are checked against tshark's own -Y. The runs are
units (one tshark run each) that take turns, rotated from round to round;
a way's cost in a round is the sum of its units. Medians of wall and CPU
time over --runs rounds, and the instructions of every unit under callgrind
(start-up included: it is what the extra runs pay). Rewrites the "Display
filters" section of bench/RESULTS.md. About 10 minutes on 2 quiet cores,
half of it callgrind (--instructions 0 skips it); --quick is a smoke check.

    bench/filters.py [--build DIR] [--scratch DIR] [--messages N] [--runs N]
                     [--instructions N] [--no-write] [--quick]
"""
import argparse
import concurrent.futures
import dataclasses
import json
import pathlib
import re
import shlex
import shutil
import statistics
import sys

from foreign import load_average, log, write_section
from generate import generate
from instructions import instructions
from labcheck_bench import learn_tshark_args
from matrix import rotated
from tshark_env import Measurement, TsharkEnv, make_world_readable, scratch_folder

BENCH_DIR = pathlib.Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
CLASS_CAPTURE = REPO / "samples" / "class" / "section-A" / "01_kim" / "lab.pcapng"
# Checked for frame sets only, not timed: what the class capture and the
# generated one lack (a reset, truncated messages and expert warnings, TCP's
# analysis on real lossy TCP).
CHECK_ONLY = {name: REPO / "samples" / "captures" / path for name, path in (
    ("abort_rst", "abort_rst.pcapng"),
    ("snaplen_56", "adversarial/snaplen_56.pcapng"),
    ("out_of_order", "adversarial/out_of_order.pcapng"),
    ("loss_jitter", "network/loss_jitter/server-pcapng.pcapng"))}
LISTENER = BENCH_DIR / "frames_listener.lua"
BEGIN, END = "<!-- filters.py: begin -->", "<!-- filters.py: end -->"

# Filters as specs write them (samples/, tests/integration/): K = 1, 4, 16
# take the first K.
FILTERS = (
    "labproto.len > 10",
    'labproto.text contains "요"',
    "tcp.flags.reset == 1",
    "_ws.expert.severity >= warning",
    "tcp.flags.syn == 1 && tcp.flags.ack == 0",
    "tcp.flags.fin == 1",
    "tcp.len == 4",
    "labproto.len",
    "labproto.msg.truncated",
    "labproto.unframed",
    "tcp.analysis.retransmission",
    "labproto.direction == 1",
    "tcp.srcport != 9000 && tcp.len > 0",
    "labproto.conn.close_initiator",
    'labproto.text matches "^[A-Za-z ,.?!]+$"',
    "frame.number >= 10 && frame.number <= 14 && tcp.len > 0",
)
K_VALUES = (1, 4, 16)
# Fields every frame has in tshark 4.0, whatever its link type and file
# format: one per filter tells proto,colinfo's marks apart.
MARKERS = ("frame.number", "frame.len", "frame.cap_len", "frame.time_epoch", "frame.time_delta",
           "frame.time_delta_displayed", "frame.time_relative", "frame.offset_shift",
           "frame.marked", "frame.ignored", "frame.protocols", "frame.encap_type", "frame.time")
WAYS = ("tap", "-Y", "colinfo", "lua")
WAY_LABELS = {
    "tap": "tap: -T ek + K × -z labproto,frames (labcheck)",
    "-Y": "-T ek, then K × tshark -Y FILTER -T fields",
    "colinfo": "-T ek, then 1 × tshark -z proto,colinfo × K",
    "lua": "-T ek + K Lua listeners (-X lua_script), reference",
}
_MARK = re.compile(r'  (frame\.[a-z_]+) == ("[^"]*"|\S+)$')


@dataclasses.dataclass
class Unit:
    """One tshark run; frames() reads the frame sets from its output."""
    name: str
    args: list  # {capture} for the capture's path
    frames: object

    def argv(self, capture):
        return [a.replace("{capture}", str(capture)) for a in self.args]


def strip_taps(args):
    """labcheck's argument list without its -z labproto,frames options."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == "-z":
            skip = True
        else:
            out.append(a)
    return out


def json_frames(stdout, count, key):
    """Frame sets from the lines {"KEY":[ID,FRAME]} among tshark's output,
    and the other JSON lines of the same origin (KEY's first word): its
    totals or its readiness, as [(key, value)]."""
    found, others = {i: set() for i in range(count)}, []
    for line in stdout.splitlines():
        if line.startswith('{"' + key.split("_")[0] + "_"):
            record = json.loads(line)
            if key in record:
                found[record[key][0]].add(record[key][1])
            else:
                others.extend(record.items())
    return found, others


def tap_frames(count):
    def frames(stdout):
        found, others = json_frames(stdout, count, "labproto_frames")
        totals = dict(value for name, value in others if name == "labproto_frames_total")
        if totals != {i: len(f) for i, f in found.items()}:
            raise RuntimeError(f"frames tap totals {totals} do not match its lines")
        return found
    return frames


def lua_frames(count):
    def frames(stdout):
        found, others = json_frames(stdout, count, "labcheck_match")
        if others != [("labcheck_ready", count)]:
            raise RuntimeError(f"the Lua listener did not register {count} filters: {others}")
        return found
    return frames


def filter_frames(index):
    return lambda stdout: {index: {int(line) for line in stdout.split()}}


def colinfo_frames(count):
    """The marks at the end of each Info column: "  MARKER == value" per
    matching filter. (A dissector's own Info text ending like a mark would
    read as one: this way cannot rule that out.)"""
    owner = {marker: i for i, marker in enumerate(MARKERS[:count])}

    def frames(stdout):
        found = {i: set() for i in range(count)}
        for line in stdout.splitlines():
            number, _, info = line.partition("\t")
            while (mark := _MARK.search(info)) and mark.group(1) in owner:
                found[owner[mark.group(1)]].add(int(number))
                info = info[:mark.start()]
        return found
    return frames


def no_frames(stdout):
    return {}


def write_learning_spec(folder, count):
    """A capture with a sidecar spec counting the first `count` filters: what
    labcheck runs for it is what it runs for such a spec."""
    folder.mkdir(parents=True, exist_ok=True)
    capture = folder / "class.pcapng"
    shutil.copyfile(CLASS_CAPTURE, capture)
    counts = "".join(f"  - {{filter: {json.dumps(f)}, at_least: 0}}\n" for f in FILTERS[:count])
    capture.with_suffix(".yaml").write_text(f"counts:\n{counts}", encoding="utf-8")
    make_world_readable(folder)
    return capture


def build_units(env, labcheck, scratch):
    """Every unit, and each way's units for every K."""
    listener = env.stage_file(LISTENER)
    units, ways, ek = {}, {}, None
    for count in K_VALUES:
        learnt = learn_tshark_args(env, labcheck,
                                   write_learning_spec(scratch / f"learn{count}", count),
                                   scratch / f"learn{count}")
        if ek is not None and strip_taps(learnt) != ek:
            raise RuntimeError(f"labcheck's -T ek run changes with the filters: {learnt}")
        ek = strip_taps(learnt)
        units[f"tap{count}"] = Unit(f"tap{count}", learnt, tap_frames(count))
        lua = [a for f in FILTERS[:count] for a in ("-X", f"lua_script1:{f}")]
        units[f"lua{count}"] = Unit(f"lua{count}", [*ek, "-X", f"lua_script:{listener}", *lua],
                                    lua_frames(count))
        if count <= len(MARKERS):
            taps = [a for f, m in zip(FILTERS, MARKERS[:count])
                    for a in ("-z", f"proto,colinfo,({f}) && {m},{m}")]
            units[f"colinfo{count}"] = Unit(
                f"colinfo{count}", ["-n", "-r", "{capture}", "-T", "fields", "-e", "frame.number",
                                    "-e", "_ws.col.Info", *taps], colinfo_frames(count))
    units["ek"] = Unit("ek", ek, no_frames)
    for i, f in enumerate(FILTERS):
        units[f"filter{i}"] = Unit(f"filter{i}", ["-n", "-r", "{capture}", "-Y", f, "-T", "fields",
                                                  "-e", "frame.number"], filter_frames(i))
    for count in K_VALUES:
        ways["tap", count] = [f"tap{count}"]
        ways["-Y", count] = ["ek", *(f"filter{i}" for i in range(count))]
        ways["lua", count] = [f"lua{count}"]
        if f"colinfo{count}" in units:
            ways["colinfo", count] = ["ek", f"colinfo{count}"]
    return units, ways, ek


def check_frame_sets(env, captures, units, ways):
    """Per (capture, way, K): True when its frame sets are -Y's. Also returns
    how many frames each filter matches in each capture. Runs every unit once
    (the warm-up)."""
    holds, matched = {}, {}
    for name, capture in captures.items():
        found = {u: unit.frames(env.output(unit.argv(capture))) for u, unit in units.items()}
        reference = {}
        for i in range(len(FILTERS)):
            reference.update(found[f"filter{i}"])
        matched[name] = [len(reference[i]) for i in range(len(FILTERS))]
        for (way, count), names in ways.items():
            sets = {}
            for u in names:
                sets.update(found[u])
            holds[name, way, count] = sets == {i: reference[i] for i in range(count)}
            if not holds[name, way, count]:
                log(f"{name}: {way} with {count} filters does not give -Y's frame sets")
    return holds, matched


def time_units(env, captures, units, runs):
    """Measurements per (capture, unit), one per round, units rotated."""
    timed = {(name, u): [] for name in captures for u in units}
    order = list(units)
    for round_number in range(runs):
        for name, capture in captures.items():
            for u in rotated(order, round_number):
                timed[name, u].append(env.measure(units[u].argv(capture)))
        log(f"round {round_number + 1} of {runs} done")
    return timed


def way_medians(timed, names, capture):
    """Median over the rounds of the way's summed wall and CPU time."""
    rounds = zip(*(timed[capture, u] for u in names))
    totals = [Measurement(sum(m.seconds for m in r), sum(m.cpu_seconds for m in r),
                          max(m.max_rss_kib for m in r)) for r in rounds]
    return (statistics.median(t.seconds for t in totals),
            statistics.median(t.cpu_seconds for t in totals))


def count_instructions(env, scratch, captures, units):
    """Instructions per (capture, unit), two callgrind runs at a time."""
    folder = scratch / "callgrind"
    folder.mkdir(exist_ok=True)
    folder.chmod(0o777)  # callgrind writes as nobody
    jobs = {(name, u): (unit.argv(capture), folder / f"filters.{name}.{u}")
            for name, capture in captures.items() for u, unit in units.items()}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return dict(zip(jobs, pool.map(lambda job: instructions(env, *job), jobs.values())))


def table(captures, ways, timed, counted, holds):
    rows = ["| capture | K | way | tshark runs | wall | CPU | CPU ÷ tap | instructions "
            "| instructions ÷ tap | frame sets |", "|---|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for name in captures:
        for count in K_VALUES:
            base = None
            for way in WAYS:
                if (way, count) not in ways:
                    rows.append(f"| {name} | {count} | {WAY_LABELS[way]} | — | — | — | — | — | — "
                                f"| n/a: only {len(MARKERS)} markers |")
                    continue
                names = ways[way, count]
                wall, cpu = way_medians(timed, names, name)
                instr = sum(counted[name, u] for u in names) if counted else None
                base = base or (cpu, instr)
                instr_cells = (f"{instr / 1e9:.3f} G | {instr / base[1]:.2f}" if counted
                               else "— | —")
                rows.append(f"| {name} | {count} | {WAY_LABELS[way]} | {len(names)} "
                            f"| {wall:.2f} s | {cpu:.2f} s | {cpu / base[0]:.2f} | {instr_cells} "
                            f"| {'same as -Y' if holds[name, way, count] else '**differ**'} |")
    return rows


def filter_rows(captures, matched):
    rows = ["| # | filter | " + " | ".join(f"frames in {n}" for n in captures) + " |",
            "|---:|---|" + "---:|" * len(captures)]
    for i, f in enumerate(FILTERS):
        counts = " | ".join(str(matched[n][i]) for n in captures)
        rows.append(f"| {i + 1} | `{f.replace('|', chr(92) + '|')}` | {counts} |")
    return rows


def check_only_line(holds):
    wrong = sorted({f"{way} (K = {count}) on {name}" for (name, way, count), ok in holds.items()
                    if name in CHECK_ONLY and not ok})
    checked = ", ".join(f"`{path.relative_to(REPO)}`" for path in CHECK_ONLY.values())
    return (f"Frame sets also checked (not timed) on {checked}: "
            + (f"**differ**: {'; '.join(wrong)}." if wrong else "every way gives -Y's."))


def section(command, version, loads, described, runs, rows, checked_line, filters_table,
            counted_on):
    counted = (f"Instructions: callgrind, every tshark run whole (start-up included, which "
               f"each extra run pays again), on {counted_on}." if counted_on else
               "Instructions: not counted (--instructions 0).")
    return "\n".join([
        BEGIN, "## Display filters: how labcheck learns which frames match", "",
        f"`{command}` ({version}; load average before {loads[0]}, after {loads[1]}): "
        f"{described}. Medians of {runs} rounds in which every tshark run took its turn, "
        "rotated from round to round; a way's time in a round is the sum of its runs (CPU = "
        f"user + system). {counted} \"frame sets\": each filter's frames against tshark's own "
        "`-Y` (the `-Y` way is that reference).", "", *rows, "", checked_line, "",
        "colinfo: tshark 4.0 has no display filter as a column (a custom column "
        "`%Cus:tcp.len == 4` is accepted and prints nothing; columns take any filter "
        "expression from Wireshark 4.4 on), so the nearest upstream mechanism is measured: "
        "`-z \"proto,colinfo,(FILTER) && MARKER,MARKER\"` per filter appends `MARKER == value` "
        "to the Info column of matching frames. Telling the filters apart needs one field "
        f"present in every frame per filter; tshark 4.0 has {len(MARKERS)}, so 16 filters "
        "do not fit in one run; and an Info text that itself ends like a mark would read as "
        "one. `-z io,stat,0,FILTER,...` counts in one run but gives no frame numbers, which "
        "`where:` needs.", "", "The filters (K takes the first K):", "", *filters_table, "",
        END])


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(REPO / "build"))
    parser.add_argument("--labcheck", help="labcheck binary (default: BUILD/tool/labcheck)")
    parser.add_argument("--scratch", help="folder reachable by nobody (default: "
                        "/tmp/labproto-filters; with --quick a temporary folder, removed)")
    parser.add_argument("--messages", type=int, default=20_000,
                        help="messages of the generated capture (mixed profile)")
    parser.add_argument("--runs", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--instructions", type=int, default=1_000,
                        help="messages of the generated capture counted under callgrind, "
                             "beside the class capture (0: no callgrind)")
    parser.add_argument("--no-write", action="store_true", help="print only, keep RESULTS.md")
    parser.add_argument("--quick", action="store_true", help="smoke check: 200 messages, one "
                        "round, no callgrind, RESULTS.md kept")
    args = parser.parse_args(argv)
    if args.quick:
        args.messages, args.runs, args.instructions, args.no_write = 200, 1, 0, True
    return args


def main():
    args = parse_args(sys.argv[1:])
    with scratch_folder(args.scratch, "/tmp/labproto-filters", args.quick) as scratch:
        benchmark(args, scratch)


def benchmark(args, scratch):
    command = shlex.join(["bench/filters.py", *sys.argv[1:]])
    loads = [load_average()]
    labcheck = pathlib.Path(args.labcheck or pathlib.Path(args.build) / "tool" / "labcheck")
    if not labcheck.is_file():
        raise SystemExit(f"no labcheck at {labcheck} (build the labcheck target)")

    env = TsharkEnv(args.build, scratch)
    folder = scratch / "captures"
    folder.mkdir(parents=True, exist_ok=True)
    captures = {"class": folder / "class.pcapng", "generated": folder / "mixed.pcap"}
    shutil.copyfile(CLASS_CAPTURE, captures["class"])
    checked = dict(captures)
    for name, path in CHECK_ONLY.items():
        checked[name] = folder / path.name
        shutil.copyfile(path, checked[name])
    stats = generate(captures["generated"], "mixed", messages=args.messages)
    make_world_readable(scratch)
    units, ways, ek = build_units(env, labcheck, scratch)
    log("labcheck's -T ek run: tshark " + shlex.join(ek))

    holds, matched = check_frame_sets(env, checked, units, ways)
    timed = time_units(env, captures, units, args.runs)
    loads.append(load_average())
    counted, counted_on = {}, ""
    if args.instructions:
        small = {"class": captures["class"], "generated": folder / "mixed-callgrind.pcap"}
        small_stats = generate(small["generated"], "mixed", messages=args.instructions)
        make_world_readable(scratch)
        log(f"callgrind: {len(units) * len(small)} runs")
        counted = count_instructions(env, scratch, small, units)
        counted_on = (f"the class capture and a generated one of {args.instructions:,} "
                      f"messages ({small_stats['frames']:,} frames)")
    frames = int(env.output(["-r", captures["class"], "-T", "fields", "-e", "frame.number"])
                 .split()[-1])
    described = (f"class = `{CLASS_CAPTURE.relative_to(REPO)}` ({frames} frames, a typical "
                 f"class submission), generated = `bench/generate.py --messages "
                 f"{args.messages}` ({stats['frames']:,} frames, {stats['connections']} "
                 "connections)")
    text = section(command, env.version(), loads, described, args.runs,
                   table(captures, ways, timed, counted, holds), check_only_line(holds),
                   filter_rows(checked, matched), counted_on)
    print(text)
    if not args.no_write:
        write_section(text, BEGIN, END)
        log(f"wrote {BENCH_DIR / 'RESULTS.md'}")
    if not all(holds[name, "tap", count] for name in checked for count in K_VALUES):
        raise SystemExit("labcheck's frames tap does not give -Y's frame sets")


if __name__ == "__main__":
    main()
