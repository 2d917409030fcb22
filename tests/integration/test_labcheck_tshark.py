"""`labcheck tshark`: the one way to run tshark with exactly the chosen plugin
(staged, checked to load, as nobody when root), in labcheck's place or, with
--print-command, as a command for callers; and build/tshark-labproto, its
thin front."""
import json
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from conftest import BUILD_DIR, SAMPLES, WS_ABI
from test_labcheck import LABCHECK, PLUGIN_DIR, _require_build

LAB_SAMPLE = SAMPLES / "lab_cp949.pcapng"
LAB_LENGTHS = ["10", "8", "35", "13"]  # labproto.len of its messages
LENGTHS = ["-Y", "labproto.len", "-T", "fields", "-e", "labproto.len", "-E", "occurrence=a",
           "-E", "aggregator=,"]
TIMEOUT = 300


def labcheck_tshark(*args, plugin_dir=PLUGIN_DIR, before=(), **popen):
    """labcheck [BEFORE] [--plugin-dir DIR] tshark ARGS: its stdout, stderr and status."""
    _require_build()
    env = {k: v for k, v in os.environ.items() if k != "WIRESHARK_PLUGIN_DIR"}
    plugin = [] if plugin_dir is None else ["--plugin-dir", plugin_dir]
    cmd = [LABCHECK, *before, *plugin, "tshark", *args]
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env,
                          timeout=TIMEOUT, **popen)


def lengths(stdout):
    return [n for line in stdout.splitlines() for n in line.split(",")]


@pytest.fixture
def open_folder():
    """A folder nobody (whom tshark, and a wrapper standing in for it, runs as) may
    write to."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-tshark-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_runs_tshark_with_the_plugin_and_says_which_with_v():
    proc = labcheck_tshark("--", "-r", LAB_SAMPLE, *LENGTHS, before=["-v"])
    assert proc.returncode == 0, proc.stderr
    assert lengths(proc.stdout) == LAB_LENGTHS
    loaded = [l for l in proc.stderr.splitlines() if "loaded from" in l]
    assert len(loaded) == 1 and loaded[0].endswith(f"/plugins/{WS_ABI}/epan/labproto.so")
    if os.geteuid() == 0:
        assert "/labcheck-" in loaded[0]  # the staged copy
        assert "tshark runs as nobody via setpriv" in proc.stderr


def test_passes_tsharks_exit_status_on(tshark):
    missing = "/nonexistent/capture.pcapng"
    direct = tshark.run("-r", missing, check=False)
    proc = labcheck_tshark("--", "-r", missing)
    assert direct.returncode != 0
    assert proc.returncode == direct.returncode, proc.stderr
    assert "doesn't exist" in proc.stderr


def stand_in(folder, body):
    """A tshark that answers labcheck's plugin check as tshark, then does `body`."""
    script = folder / "tshark"
    script.write_text("#!/bin/bash\n"
                      'case "$1" in --version|-G) exec tshark "$@" ;; esac\n' + body)
    script.chmod(0o755)
    return script


def test_any_status_of_tsharks_own_is_passed_on(open_folder):
    tshark = stand_in(open_folder, "exit 5\n")
    assert labcheck_tshark("--", "-v", before=["--tshark", tshark]).returncode == 5


def test_a_signal_death_is_128_plus_the_signal(open_folder):
    tshark = stand_in(open_folder, "kill -SEGV $$\n")
    proc = labcheck_tshark("--", "-r", LAB_SAMPLE, before=["--tshark", tshark])
    assert proc.returncode == 128 + signal.SIGSEGV, proc.stderr


def test_sigterm_goes_to_tshark_which_ends_as_it_chooses(open_folder):
    said = open_folder / "said"
    tshark = stand_in(open_folder, f"trap 'echo TERM > {said}; exit 7' TERM\n"
                      "echo ready\nwhile :; do sleep 0.1; done\n")
    _require_build()
    proc = subprocess.Popen([str(LABCHECK), "--tshark", str(tshark), "--plugin-dir",
                             str(PLUGIN_DIR), "tshark", "--", "-V"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 7
    finally:
        proc.kill()
        proc.communicate()
    assert said.read_text() == "TERM\n"


def test_stages_a_capture_nobody_could_read():
    private = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-private-"))  # mode 0700
    try:
        capture = private / "lab.pcapng"
        shutil.copyfile(LAB_SAMPLE, capture)
        capture.chmod(0o600)
        # (tshark 4.0 lists --read-file in its help but refuses it: not tried here.)
        for read in (["-r", capture], [f"-r{capture}"]):
            proc = labcheck_tshark("--", *read, *LENGTHS)
            assert proc.returncode == 0, proc.stderr
            assert lengths(proc.stdout) == LAB_LENGTHS
        assert sorted(p.name for p in private.iterdir()) == ["lab.pcapng"]
        if os.geteuid() == 0:  # a capture that is not there cannot be staged: said so
            missing = labcheck_tshark("--", "-r", private / "gone.pcapng")
            assert missing.returncode == 2
            assert f"cannot stage {private / 'gone.pcapng'} for tshark" in missing.stderr
    finally:
        shutil.rmtree(private)


def test_refuses_a_plugin_tshark_cannot_load():
    broken = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-broken-"))
    try:
        so = broken / WS_ABI / "epan" / "labproto.so"
        so.parent.mkdir(parents=True)
        so.write_bytes(b"not a shared library\n")
        proc = labcheck_tshark("--", "-r", LAB_SAMPLE, plugin_dir=broken)
        assert proc.returncode == 2
        assert proc.stdout == ""  # tshark never ran on the capture
        assert f"tshark did not load the labproto plugin {so}" in proc.stderr
    finally:
        shutil.rmtree(broken)


def test_refuses_a_folder_without_a_plugin():
    empty = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-empty-"))
    try:
        proc = labcheck_tshark("--", "-v", plugin_dir=empty)
        assert proc.returncode == 2
        assert "no labproto plugin at" in proc.stderr
    finally:
        shutil.rmtree(empty)


def run_printed(launch, *args):
    """What a caller of --print-command does: the printed command, then its own args."""
    return subprocess.run([*launch["argv"], *map(str, args)], env=launch["env"],
                          cwd=launch["cwd"], capture_output=True, text=True, timeout=TIMEOUT)


def test_print_command_stages_in_the_callers_folder(open_folder):
    stage = open_folder / "stage"
    proc = labcheck_tshark("--print-command", "--stage", stage)
    assert proc.returncode == 0, proc.stderr
    launch = json.loads(proc.stdout)
    assert launch["argv"][-1] == shutil.which("tshark")
    assert launch["cwd"] == str(stage)
    assert launch["env"]["HOME"] == str(stage / "home")
    assert launch["env"]["TZ"] == "UTC" and launch["env"]["LC_ALL"] == "C.UTF-8"
    assert launch["as_nobody"] == (os.geteuid() == 0)
    if launch["as_nobody"]:
        assert launch["argv"][1:4] == ["--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        assert launch["plugin"] == str(stage / "plugins" / WS_ABI / "epan" / "labproto.so")
    # Still there after labcheck has gone, and it is what tshark loads.
    listing = run_printed(launch, "-G", "plugins").stdout
    assert [l.split("\t")[-1] for l in listing.splitlines() if "labproto" in l] == [
        launch["plugin"]]
    staged = shutil.copy(LAB_SAMPLE, stage)
    assert lengths(run_printed(launch, "-r", staged, *LENGTHS).stdout) == LAB_LENGTHS


def test_print_command_needs_a_stage_and_no_args():
    assert labcheck_tshark("--print-command").returncode == 2
    with_args = labcheck_tshark("--print-command", "--stage", "/tmp/x", "--", "-v")
    assert with_args.returncode == 2 and "append them" in with_args.stderr


def test_no_plugin_is_tshark_without_labproto(open_folder):
    proc = labcheck_tshark("--no-plugin", "--print-command", "--stage", open_folder,
                           plugin_dir=None)
    assert proc.returncode == 0, proc.stderr
    launch = json.loads(proc.stdout)
    assert launch["plugin"] == ""
    assert launch["env"]["WIRESHARK_PLUGIN_DIR"] == str(open_folder / "no-plugins")
    assert "labproto" not in run_printed(launch, "-G", "plugins").stdout


def test_tshark_labproto_is_labcheck_tshark(tshark):
    wrapper = BUILD_DIR / "tshark-labproto"
    if not wrapper.is_file():
        pytest.skip(f"no {wrapper}: configure the build")
    proc = subprocess.run([str(wrapper), "-r", str(LAB_SAMPLE), *LENGTHS], capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    assert lengths(proc.stdout) == LAB_LENGTHS
    bad = subprocess.run([str(wrapper), "-r", "/nonexistent"], capture_output=True, text=True,
                         timeout=TIMEOUT)
    # tshark's own status for it: 2 up to 4.0, 3 (invalid file) on 4.2 and later.
    direct = tshark.run("-r", "/nonexistent", check=False)
    assert bad.returncode == direct.returncode != 0 and "doesn't exist" in bad.stderr
