#!/usr/bin/python3
"""Peak memory of tshark with labproto on streams claiming 2 GiB messages.

Writes variants of samples' claims_2gib scenario with more and more data after the
claim (a header of 0x7FFFFFF0, then N segments of 1320 bytes, then a FIN) and, for
comparison, the same data as ordinary 1316-byte messages, and prints tshark's peak RSS
(maximum resident set size, from wait4) reading each with labproto.max_len raised so
that the claim is believed, in one pass and with -2. Memory must follow the data in
the capture, never the claimed length.

    /usr/bin/python3 tests/fuzz/measure_rss.py BUILD_DIR [SEGMENTS...]
"""
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "integration"), str(HERE.parents[1] / "samples")]
os.environ.setdefault("LABPROTO_BUILD_DIR", sys.argv[1] if len(sys.argv) > 1 else "build")

import conftest  # noqa: E402  (the tests' staged, unprivileged tshark)
import generate  # noqa: E402  (the samples' TCP building blocks)

CLAIM = 0x7FFFFFF0
RAISED = ("-o", "labproto.max_len:4294967295")


def write(t, name, steps):
    scenario = generate.adversarial(name, name, ((generate.handshake,), *steps,
                                                 (generate.close_3way, generate.CLIENT)), 50199)
    path = t.scratch(f"{name}.pcapng")
    generate.write_pcapng(path, scenario.link, generate.build(scenario), name)
    os.chmod(path, 0o666)
    return path


def peak_rss_mib(t, *args):
    proc = subprocess.Popen(t.command(args), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"tshark {' '.join(args)} exited {proc.returncode}")
    return usage.ru_maxrss / 1024


def main():
    counts = [int(n) for n in sys.argv[2:]] or [0, 100, 1000, 10000]
    ordinary = generate.FILLER[:-4]  # header + body = one 1320-byte segment
    with conftest.staged_tshark(conftest.BUILD_DIR / "plugins") as t:
        print("segments  data MB  claim 1-pass  claim -2  ordinary 1-pass  ordinary -2  (MiB)")
        for n in counts:
            claim = write(t, f"claim-{n}", generate.claim_steps(CLAIM, n))
            plain = write(t, f"plain-{n}", [(generate.message, generate.CLIENT,
                                             ordinary.decode(), False)] * n)
            rss = [peak_rss_mib(t, "-r", path, *RAISED, *passes)
                   for path in (claim, plain) for passes in ((), ("-2",))]
            print(f"{n:8}  {n * 1320 / 1e6:7.1f}  {rss[0]:12.0f}  {rss[1]:8.0f}  "
                  f"{rss[2]:15.0f}  {rss[3]:11.0f}")


if __name__ == "__main__":
    main()
