"""labcheck throughput: folders of small lab captures with specs.

Times `labcheck -j 1` and `labcheck -j 2`, and bare tshark doing the same
tshark work: the exact arguments labcheck gives tshark for a capture (learnt
by running labcheck once through a logging tshark wrapper), one capture at a
time and two at a time.

The captures are split into parts and the four ways take turns part by part,
so a change in the machine's load lands on all of them alike; labcheck then
pays its start-up (tshark --version, -G plugins, -G fields) once per part.
"""
import concurrent.futures
import dataclasses
import os
import pathlib
import resource
import shutil
import subprocess
import time

from lab_corpus import write_corpus
from matrix import rotated
from tshark_env import make_world_readable

_WRAPPER = """#!/bin/sh
# Logs each argument list labcheck gives tshark (NUL-separated), then runs tshark.
for a in "$@"; do printf '%s\\0' "$a"; done >> "{log}"
printf '\\n' >> "{log}"
exec "{tshark}" "$@"
"""


@dataclasses.dataclass
class LabcheckResult:
    captures: int
    parts: int
    seconds: dict      # label -> wall seconds over all parts
    cpu_seconds: dict  # label -> user + system seconds of everything it ran
    tshark_args: list  # what labcheck runs per capture, {capture} for the path


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(action):
    """Wall and CPU seconds of action(); CPU counts every process it started
    and waited for (labcheck's tshark runs are waited for by labcheck)."""
    cpu, start = _children_cpu(), time.perf_counter()
    action()
    return time.perf_counter() - start, _children_cpu() - cpu


def run_labcheck(env, labcheck, *args, tshark=None):
    """labcheck with env's staged plugin (and tshark, if given, instead of
    the one on PATH)."""
    cmd = [str(labcheck), "--color", "never", "-q", "--plugin-dir", str(env.plugin_dir), *args]
    if tshark:
        cmd += ["--tshark", str(tshark)]
    clean = {k: v for k, v in os.environ.items() if k != "WIRESHARK_PLUGIN_DIR"}
    return subprocess.run(cmd, capture_output=True, text=True, env=clean)


def check_passed(proc, what, captures):
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    if proc.returncode != 0 or not summary.startswith(f"{captures} passed"):
        raise RuntimeError(f"{what} did not pass every capture (exit {proc.returncode}): "
                           f"{summary}\n{proc.stderr[-2000:]}")


def learn_tshark_args(env, labcheck, capture, folder):
    """The argument list labcheck gives tshark to check capture (against its
    sidecar spec), {capture} for the capture's path: labcheck runs once
    through a tshark wrapper writing its log in folder."""
    log = pathlib.Path(folder) / "labcheck-tshark.log"
    wrapper = pathlib.Path(folder) / "tshark-logging"
    log.write_text("")
    log.chmod(0o666)  # tshark runs as nobody
    wrapper.write_text(_WRAPPER.format(log=log, tshark=shutil.which(env.tshark)))
    wrapper.chmod(0o755)
    check_passed(run_labcheck(env, labcheck, "-j", "1", str(capture), tshark=wrapper),
                 f"labcheck {capture.name}", 1)
    for line in log.read_text().splitlines():
        args = line.split("\0")[:-1]
        if "-T" in args and "-r" in args:
            path = args[args.index("-r") + 1]
            return ["{capture}" if a == path else a for a in args]
    raise RuntimeError(f"no capture run of tshark in {log}")


class LabcheckBench:
    def __init__(self, env, labcheck, folder, count, parts=5, seed=1):
        self.env = env
        self.labcheck = pathlib.Path(labcheck)
        self.folder = pathlib.Path(folder)
        shutil.rmtree(self.folder, ignore_errors=True)
        captures = write_corpus(self.folder, count, seed)
        make_world_readable(self.folder)  # else labcheck copies each one for nobody
        self.parts = []
        parts = min(parts, count)
        for number in range(parts):
            part = self.folder / f"part{number + 1}"
            part.mkdir()
            for capture in captures[number::parts]:
                for path in (capture, capture.with_suffix(".yaml")):
                    path.rename(part / path.name)
            self.parts.append(sorted(part.glob("*.pcap")))
        self.count = count

    def _labcheck(self, *args):
        return run_labcheck(self.env, self.labcheck, *args)

    def _run_tshark(self, args, captures, parallel):
        def one(capture):
            self.env.output([a.replace("{capture}", str(capture)) for a in args])
        with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
            list(pool.map(one, captures))

    def _ways(self, args, captures):
        """The four ways to check one part, as (label, action)."""
        folder = str(captures[0].parent)

        def labcheck(jobs):
            check_passed(self._labcheck("-j", str(jobs), folder), f"labcheck -j {jobs} {folder}",
                         len(captures))
        return [("tshark, 1 at a time", lambda: self._run_tshark(args, captures, 1)),
                ("labcheck -j 1", lambda: labcheck(1)),
                ("tshark, 2 at a time", lambda: self._run_tshark(args, captures, 2)),
                ("labcheck -j 2", lambda: labcheck(2))]

    def run(self, log):
        args = learn_tshark_args(self.env, self.labcheck, self.parts[0][0], self.folder)
        log("labcheck runs: tshark " + " ".join(args))
        log("warm-up: bare tshark on 10 captures")
        self._run_tshark(args, self.parts[0][:10], 1)
        seconds, cpu = {}, {}
        for number, captures in enumerate(self.parts):
            ways = self._ways(args, captures)
            for label, action in rotated(ways, number):
                wall, used = _timed(action)
                seconds[label] = seconds.get(label, 0) + wall
                cpu[label] = cpu.get(label, 0) + used
                log(f"part {number + 1}: {label}: {wall:.1f} s wall, {used:.1f} s CPU for "
                    f"{len(captures)} captures")
        order = [label for label, _ in self._ways(args, self.parts[0])]
        return LabcheckResult(self.count, len(self.parts), {k: seconds[k] for k in order},
                              {k: cpu[k] for k in order}, args)
