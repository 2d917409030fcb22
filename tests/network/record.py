#!/usr/bin/python3
"""Records the network scenarios and checks them: the harness by hand.

    record.py --record DIR [SCENARIO...]     record into DIR/<scenario>/, then check
    record.py --check DIR [SCENARIO...]      check recordings made before (default: all
                                             in DIR)
    record.py --record samples/captures/network --samples nagle_lab ...
                                             re-record committed samples, with their
                                             labcheck sidecar specs (--check --samples:
                                             only rewrite the specs)

Run as root (namespaces) from a build: --build (default: LABPROTO_BUILD_DIR, else
<repo>/build). Prints one report per capture and variant and a summary table; --json
FILE writes the tallies. Exit status 0 when every check passed, 1 otherwise.
"""
import argparse
import json
import os
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
os.environ.setdefault("LABPROTO_BUILD_DIR", str(HERE.parents[1] / "build"))
os.environ.setdefault("LABPROTO_SOURCE_DIR", str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

import check  # noqa: E402
import decode  # noqa: E402
import scenarios  # noqa: E402
import truth  # noqa: E402
from conftest import integration  # noqa: E402


SPEC_PAYLOAD_MAX = 512


def spec_for(tshark, capture, folder, scenario):
    """A labcheck spec of what the capture must decode to: the senders' log, not today's
    decoding; read with tcp.reassemble_out_of_order (where every message must decode)."""
    import yaml
    variant = scenario.variants[0]
    connections = truth.load([folder / "senders.jsonl"])
    segs = decode.segments(tshark, str(capture))
    report = check.Report("spec")
    prefs = {"tcp.reassemble_out_of_order": "TRUE"}
    args, heuristics = list(variant.tshark), []
    while args:
        option, value = args.pop(0), args.pop(0)
        if option == "-o":
            name, _, setting = value.partition(":")
            prefs[name] = setting
        else:
            heuristics.append(value)
    streams = []
    for stream, conn, ss in check.streams_of(segs, connections, report):
        events, initiator = check.tcp_lifecycle(ss, conn.client)
        entry = {"stream": stream,
                 "handshake": "missing" if "handshake-missing" in events else
                 "complete" if "handshake-complete" in events else "incomplete",
                 "teardown": "reset" if "reset" in events else
                 "complete" if "teardown-complete" in events else
                 "half-closed" if any(e.startswith("fin") for e in events) else "open",
                 "closed_by": {truth.C2S: "client", truth.S2C: "server", None: "none"}[initiator],
                 "messages": {}}
        for side, direction in (("client", truth.C2S), ("server", truth.S2C)):
            # Bodies by their bytes up to SPEC_PAYLOAD_MAX, longer ones by length (the
            # harness's own check compares every byte); an empty message by its length only
            # (labcheck reads tshark's missing payload field as <MISSING>, not as "").
            entry["messages"][side] = [
                {"length": w.length,
                 **({"payload": w.body.hex()} if 0 < len(w.body) <= SPEC_PAYLOAD_MAX else {})}
                for w in check.wanted(conn, direction, variant.expect)]
        streams.append(entry)
    spec = {"description": f"{scenario.about} ({capture.name})"}
    # Where Wireshark's own out-of-order reassembly loses messages of this recording
    # beyond 3.6's usual loss, the spec asks for the versions where it does not.
    if variant.expect.spec_tshark:
        since, below = (".".join(map(str, v)) if v else None for v in variant.expect.spec_tshark)
        spec["requires"] = {"tshark": since, **({"tshark_below": below} if below else {})}
    spec |= {"tshark": {"preferences": prefs, **({"heuristics": heuristics} if heuristics else {})},
             "streams": streams}
    header = (f"# {scenario.name}: written by tests/network/record.py from the senders' log\n"
              "# (senders.jsonl): what was sent, not what labproto decodes today. Bodies over\n"
              f"# {SPEC_PAYLOAD_MAX} bytes are given by length; tests/network checks their bytes.\n")
    return header + yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=100)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--record", metavar="DIR", type=pathlib.Path)
    what.add_argument("--check", metavar="DIR", type=pathlib.Path)
    p.add_argument("--samples", action="store_true", help="also write labcheck sidecar specs")
    p.add_argument("--json", type=pathlib.Path, help="write the tallies here")
    p.add_argument("scenario", nargs="*", help=f"default: all ({', '.join(scenarios.BY_NAME)})")
    args = p.parse_args()
    names = args.scenario or [n for n in scenarios.BY_NAME
                              if args.record or (args.check / n / "scenario.json").exists()]
    unknown = [n for n in names if n not in scenarios.BY_NAME]
    if unknown:
        p.error(f"no scenario {', '.join(unknown)} (there are {', '.join(scenarios.BY_NAME)})")
    build = pathlib.Path(os.environ["LABPROTO_BUILD_DIR"])
    impair = os.environ.get("LABPROTO_IMPAIR") or str(build / "tests" / "network" / "impair")
    results, ok = {}, True
    with integration.staged_tshark(build / "plugins") as tshark:
        lua = pathlib.Path(tshark.scratch("labref.lua"))
        shutil.copyfile(HERE / "labref.lua", lua)
        lua.chmod(0o644)
        for name in names:
            scenario = scenarios.BY_NAME[name]
            target = (args.record or args.check) / name
            if args.record:
                facts = scenarios.record(scenario, target, build, impair)
                problem = scenarios.impairment_problem(scenario, facts)
                if problem:
                    print(f"{name}: {problem}")
                    ok = False
            # tshark runs as nobody: check a world-readable copy.
            staged = pathlib.Path(tshark.scratch(name))
            shutil.rmtree(staged, ignore_errors=True)
            shutil.copytree(target, staged)
            for path in [staged, *staged.iterdir()]:
                path.chmod(0o755 if path.is_dir() else 0o644)
            for report in scenarios.check_recording(tshark, staged, scenario, str(lua)):
                print(report.render(), flush=True)
                ok &= report.ok
                results[report.name] = {
                    "ok": report.ok,
                    "modes": {m: [t.right, t.total] for m, t in report.tally.items()},
                    "reference": {m: [t.right, t.total] for m, t in report.reference.items()},
                    "failures": sorted({f.cls for f in report.failures})}
            if args.samples and scenario.variants[0].expect.prefix_may_be_missing:
                print(f"{name}: no labcheck spec (which messages the heuristic may miss is "
                      "not a fixed list)")
            elif args.samples:
                for capture, _, _ in scenarios.recorded_captures(staged):
                    spec = target / (capture.name.rsplit(".", 1)[0] + ".yaml")
                    spec.write_text(spec_for(tshark, capture, staged, scenario))
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    return 0 if ok else 1


def print_table(results):
    modes = [m.name for m in decode.MODES]
    width = max(len(m) for m in modes) + 2
    print(f"\n{'capture':<48}" + "".join(f"{m:>{width}}" for m in modes) + "  failures")
    for name, r in results.items():
        cells = "".join(f"{'%d/%d' % tuple(r['modes'].get(m, (0, 0))):>{width}}" for m in modes)
        print(f"{name:<48}{cells}  {' '.join(r['failures']) or 'none'}")


if __name__ == "__main__":
    sys.exit(main())
