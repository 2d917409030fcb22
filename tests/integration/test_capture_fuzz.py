"""Capture-level fuzzing: tshark loads the plugin built with AddressSanitizer and UBSan
(labproto_asan, see tests/fuzz/CMakeLists.txt) and reads every sample, then samples
mutated by editcap (random byte corruption with fixed seeds, a small snaplen, the file cut
short) and randpkt's random TCP, in one and two passes with the preferences that reach
every labproto code path. No read may crash, print a sanitizer report or a dissector bug,
or hang.

LABPROTO_CAPTURE_FUZZ_ROUNDS (default 2) sets how many seeded mutation rounds run and
LABPROTO_CAPTURE_FUZZ_SEED the first seed; tests/fuzz/run-long.sh runs many more. Each
failing input is kept in <build>/capture-fuzz-failures/.
"""
import concurrent.futures
import os
import random
import shutil
import subprocess

import pytest

from conftest import BUILD_DIR, CUT_SHORT_EXIT, needs_out_of_order_reassembly, staged_tshark

ASAN_PLUGINS = BUILD_DIR / "asan-plugins"
ROUNDS = int(os.environ.get("LABPROTO_CAPTURE_FUZZ_ROUNDS", "2"))
FIRST_SEED = int(os.environ.get("LABPROTO_CAPTURE_FUZZ_SEED", "1"))
RANDPKT_PACKETS = int(os.environ.get("LABPROTO_CAPTURE_FUZZ_RANDPKT", "300"))
READ_TIMEOUT = 300  # seconds for one read of a mutated capture: longer is a hang
FAILURES = BUILD_DIR / "capture-fuzz-failures"

# Ways to read a capture that together reach every labproto code path: one pass, two
# passes (the GUI's first pass, then a redissection with a display filter), no full tree,
# reassembly off in labproto or in TCP, forced byte orders and encodings, max_len raised,
# out-of-order reassembly, every port plus the heuristic, and every port given to the
# lottery and file-transfer dissectors.
READS = {
    "one-pass": ("-V",),
    "two-pass": ("-2", "-V"),
    "gui-refilter": ("-2", "-R", "tcp", "-Y", "labproto || tcp.analysis.flags", "-V"),
    "fields-only": ("-T", "fields", "-e", "labproto.len", "-e", "labproto.text"),
    "no-desegment-big-cp949": ("-V", "-o", "labproto.desegment:FALSE",
                               "-o", "labproto.byte_order:big", "-o", "labproto.encoding:cp949"),
    "no-tcp-desegment-ascii": ("-2", "-V", "-o", "tcp.desegment_tcp_streams:FALSE",
                               "-o", "labproto.encoding:ascii"),
    "huge-max-len": ("-2", "-V", "-o", "labproto.max_len:4294967295",
                     "-o", "labproto.encoding:utf-8"),
    "all-ports-heuristic": ("-V", "-o", "labproto.tcp.port:1-65535",
                            "--enable-heuristic", "labproto_tcp",
                            "-o", "labproto.encoding:latin1"),
    # The other labs' dissectors on every stream: whatever the data, commands, replies,
    # paths and records must read without harm.
    "all-ports-lottery": ("-2", "-V", "-o", "labproto_lottery.tcp.port:1-65535"),
    # A row of the length-prefix table on every port: an odd format (2 bytes of type, a
    # 2-byte big-endian length counting the header) on all data.
    "all-ports-table": ("-2", "-V", "-o",
                        'uat:labproto_formats:"1-65535","2","2","big","TRUE","65535","latin1"'),
    "all-ports-file-transfer": ("-2", "-V", "-o", "labproto_ft.tcp.port:1-65535",
                                "--export-objects", "labproto_ft,exported-files"),
}
# TCP's out-of-order reassembly, with every length believed.
OUT_OF_ORDER_READS = {
    "huge-max-len-ooo": ("-2", "-V", "-o", "labproto.max_len:4294967295",
                         "-o", "tcp.reassemble_out_of_order:TRUE",
                         "-o", "labproto.encoding:utf-8"),
}
# Reports of memory errors, undefined behaviour and failed dissector assertions.
ALARMS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
          "Dissector bug", "DISSECTOR_ASSERT", "** ERROR", "CRITICAL **")


@pytest.fixture(scope="module")
def asan_tshark():
    runtime = ASAN_PLUGINS / "asan-runtime.txt"
    if not runtime.is_file():
        pytest.skip(f"no ASan plugin in {ASAN_PLUGINS}: configure with -DLABPROTO_ASAN_PLUGIN=ON")
    env = {
        # tshark is not instrumented: load the runtime first, as the plugin needs.
        "LD_PRELOAD": runtime.read_text().strip(),
        # Wireshark frees little at exit by design; a leak report would say nothing.
        "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1",
        "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        # One malloc per wmem and GSlice allocation, so ASan sees each block's bounds.
        "WIRESHARK_DEBUG_WMEM_OVERRIDE": "simple",
        "G_SLICE": "always-malloc",
        # Extcap helpers would inherit the preload and hang tshark's start.
        "WIRESHARK_EXTCAP_DIR": "/nonexistent",
    }
    with staged_tshark(ASAN_PLUGINS, env) as t:
        yield t


@pytest.fixture(scope="module")
def all_samples(asan_tshark):
    """Every staged sample capture, one after the other in one file."""
    captures = sorted(str(p) for p in (asan_tshark.stage / "captures").rglob("*.pcapng"))
    return merged(asan_tshark, "all-samples.pcapng", captures)


def merged(t, name, captures):
    path = t.scratch(name)
    subprocess.run(["mergecap", "-a", "-F", "pcapng", "-w", path, *captures], check=True)
    os.chmod(path, 0o666)
    return path


def alarms(proc, may_be_cut_short):
    """What is wrong with one tshark run, if anything."""
    found = [mark for mark in ALARMS if mark in proc.stderr or mark in proc.stdout]
    cut_short = may_be_cut_short and proc.returncode == CUT_SHORT_EXIT and "cut short" in proc.stderr
    if proc.returncode < 0:
        found.append(f"killed by signal {-proc.returncode}")
    elif proc.returncode != 0 and not cut_short:
        found.append(f"exit status {proc.returncode}")
    return found


def read_all_ways(t, capture, reads=READS, may_be_cut_short=False):
    """Reads `capture` every way in `reads` (two at a time); the failures as text."""
    def one(name):
        args = ("-r", capture, *reads[name])
        try:
            proc = t.run(*args, check=False, timeout=READ_TIMEOUT)
        except subprocess.TimeoutExpired:
            return f"{name}: no answer in {READ_TIMEOUT} s (hang)"
        found = alarms(proc, may_be_cut_short)
        if not found:
            return None
        return f"{name}: {', '.join(found)}\ntshark {' '.join(args)}\n{proc.stderr[-3000:]}"

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(one, reads) if f]
    if failures:
        FAILURES.mkdir(exist_ok=True)
        shutil.copy(capture, FAILURES)
        failures.append(f"input kept as {FAILURES / os.path.basename(capture)}")
    return failures


def mutation(seed):
    """editcap arguments for one seeded round: byte corruption, sometimes only of the
    TCP payload (skipping the first 54 bytes), sometimes with a snaplen too."""
    rng = random.Random(seed)
    args = ["-E", str(rng.choice((0.001, 0.005, 0.02))), "--seed", str(seed)]
    if rng.random() < 0.5:
        args += ["-o", "54"]
    if rng.random() < 0.4:
        args += ["-s", str(rng.randint(40, 120))]
    return args, rng


def test_sanitizer_runtime_is_live(asan_tshark):
    verbose = {**asan_tshark.extra_env, "ASAN_OPTIONS": "detect_leaks=0:verbosity=1"}
    proc = asan_tshark.with_env(verbose).run("-v")
    assert "AddressSanitizer" in proc.stderr


def test_every_sample_every_way(asan_tshark, all_samples):
    assert read_all_ways(asan_tshark, all_samples) == []


@needs_out_of_order_reassembly
def test_every_sample_out_of_order(asan_tshark, all_samples):
    assert read_all_ways(asan_tshark, all_samples, OUT_OF_ORDER_READS) == []


def mutated_sample(t, all_samples, seed, tag):
    """The seeded mutation of all samples; whether the file was cut short; editcap's args."""
    args, rng = mutation(seed)
    mutated = t.scratch(f"mutated-{seed}{tag}.pcapng")
    subprocess.run(["editcap", *args, all_samples, mutated], check=True, capture_output=True)
    cut_short = rng.random() < 0.3
    if cut_short:  # the file itself ends in the middle of a block
        with open(mutated, "r+b") as f:
            f.truncate(rng.randint(1000, os.path.getsize(mutated)))
    os.chmod(mutated, 0o666)
    return mutated, cut_short, args


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + ROUNDS))
def test_mutated_samples(asan_tshark, all_samples, seed):
    mutated, cut_short, args = mutated_sample(asan_tshark, all_samples, seed, "")
    assert read_all_ways(asan_tshark, mutated, may_be_cut_short=cut_short) == [], args


@needs_out_of_order_reassembly
@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + ROUNDS))
def test_mutated_samples_out_of_order(asan_tshark, all_samples, seed):
    mutated, cut_short, args = mutated_sample(asan_tshark, all_samples, seed, "-ooo")
    assert read_all_ways(asan_tshark, mutated, OUT_OF_ORDER_READS, cut_short) == [], args


@pytest.mark.skipif(not shutil.which("randpkt"), reason="randpkt is not installed")
def test_randpkt_tcp(asan_tshark):
    # randpkt cannot be seeded: a failing capture is kept for replay.
    capture = asan_tshark.scratch("randpkt-tcp.pcap")
    subprocess.run(["randpkt", "-b", "1500", "-c", str(RANDPKT_PACKETS), "-t", "tcp", capture],
                   check=True)
    os.chmod(capture, 0o666)
    reads = {name: READS[name] for name in ("two-pass", "all-ports-heuristic")}
    assert read_all_ways(asan_tshark, capture, reads) == []
