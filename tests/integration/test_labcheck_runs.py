"""How labcheck runs tshark: without Lua, within its timeout (the whole
process group), stopped by SIGINT and SIGTERM, staged where nobody can read
as root, and its command line's own rules (--version, -j, --update --spec).
"""
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from conftest import BUILD_DIR, SOURCE_DIR
from test_labcheck import LABCHECK, LAB_SPEC, PLUGIN_DIR, Labcheck, _require_build, lab_case, lc  # noqa: F401

# The capture the wrappers below stall on: a real one, so that nothing but the
# stall is wrong with the run.
STALLED_CAPTURE = SOURCE_DIR / "samples" / "captures" / "lab_cp949.pcapng"


@pytest.fixture
def open_folder():
    """A folder everyone may write to: the wrappers below run as nobody."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-runs-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def wrapper(folder, name, body):
    script = folder / name
    script.write_text("#!/bin/bash\n" + body)
    script.chmod(0o755)
    return script


# A tshark run by a wrapper that does not exec it: tshark is the wrapper's
# child. For slow.pcap that tshark waits for ever to read a FIFO nobody writes
# (a capture on a share that stopped answering) -- on any machine, however
# fast -- and the wrapper records its pid and its plugin folder.
CHILD_TSHARK = """\
case "$*" in
  *slow.pcap*)
    mkfifo "{folder}/never" 2>/dev/null
    tshark -r "{folder}/never" &
    echo $! > "{folder}/tshark.pid"
    echo "$WIRESHARK_PLUGIN_DIR" > "{folder}/staging"
    wait
    ;;
  *) exec tshark "$@" ;;
esac
"""


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended: it only waits for its parent.
    return pathlib.Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def ends_soon(pid):
    """Whether the process is gone within 5 s: SIGKILL is sent, but on a busy
    machine the kernel takes a moment to finish it."""
    for _ in range(100):
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_timeout_says_so_and_kills_the_wrappers_child(lc, open_folder):
    shutil.copyfile(STALLED_CAPTURE, lc.folder / "slow.pcap")
    lc.write("slow.yaml", "handshake: complete\n")
    tshark = wrapper(open_folder, "tshark", CHILD_TSHARK.format(folder=open_folder))
    start = time.monotonic()
    proc = lc.run("--tshark", tshark, "--timeout", "2", "slow.pcap")
    elapsed = time.monotonic() - start
    assert proc.stdout == ("ERROR slow.pcap: tshark timed out after 2 s (raise --timeout?)\n"
                           "0 passed, 0 failed, 1 error\n"), proc.stderr
    assert proc.returncode == 1
    # The wrapper's tshark died with it, not 30 s later: nothing of the run is left.
    pid = int((open_folder / "tshark.pid").read_text())
    assert ends_soon(pid)
    assert elapsed < 30  # a bound on correctness (the old labcheck took 32 s), not a speed target


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_sigint_and_sigterm_stop_tshark_and_remove_the_staging_folder(open_folder, sig):
    _require_build()
    shutil.copyfile(STALLED_CAPTURE, open_folder / "slow.pcap")
    (open_folder / "slow.yaml").write_text("handshake: complete\n")
    tshark = wrapper(open_folder, "tshark", CHILD_TSHARK.format(folder=open_folder))
    proc = subprocess.Popen([str(LABCHECK), "--plugin-dir", str(PLUGIN_DIR), "--tshark",
                             str(tshark), "slow.pcap"], cwd=open_folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pid_file = open_folder / "tshark.pid"
    for _ in range(600):
        if pid_file.is_file() and pid_file.read_text().strip():
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("tshark never started on the capture")
    tshark_pid = int(pid_file.read_text())
    staging = pathlib.Path((open_folder / "staging").read_text().strip()).parent
    assert staging.is_dir()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -sig  # died of the signal, as an interrupted program does
    what = "interrupted (SIGINT)" if sig == signal.SIGINT else "terminated (SIGTERM)"
    assert err.endswith(f"labcheck: {what}: stopped tshark and removed the staging folder\n")
    assert ends_soon(tshark_pid)
    if os.geteuid() == 0:  # staged copies only exist when tshark runs as nobody
        assert not staging.exists()


# A tshark built without Lua ignores -X lua_script options and says nothing
# (and some tshark builds have no Lua at all): this one drops them.
WITHOUT_LUA = """\
args=()
while (($#)); do
  if [[ $1 == -X && $2 == lua_script* ]]; then shift 2; continue; fi
  args+=("$1"); shift
done
exec tshark "${args[@]}"
"""


def test_counts_and_where_need_no_lua(lc, open_folder):
    capture = lab_case(lc)  # LAB_SPEC has counts and a where: filter
    tshark = wrapper(open_folder, "tshark", WITHOUT_LUA)
    proc = lc.run("-v", "--tshark", tshark, capture)
    assert proc.stdout == "PASS  lab.pcapng\n1 passed, 0 failed\n", proc.stderr
    commands = [l for l in proc.stderr.splitlines() if l.startswith(f"labcheck: {capture}: ")]
    assert len(commands) == 1
    assert "lua" not in commands[0].lower()
    assert "-z labproto,frames,0,tcp.flags.syn == 1" in commands[0]


# A labproto plugin from before the frames tap: tshark refuses the -z.
NO_FRAMES_TAP = """\
args=()
for a in "$@"; do args+=("${a/labproto,frames/labproto,nosuchtap}"); done
exec tshark "${args[@]}"
"""


def test_a_plugin_without_the_frames_tap_stops_the_run_once(lc, open_folder):
    lab_case(lc, "a")
    lab_case(lc, "b")
    tshark = wrapper(open_folder, "tshark", NO_FRAMES_TAP)
    proc = lc.run("--tshark", tshark, "a.pcapng", "b.pcapng")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith(f"labcheck: the labproto plugin {BUILD_DIR}/plugins/")
    assert ("has no frames tap (tshark -z labproto,frames), which labcheck needs for the specs' "
            "counts and where: filters: it is older than this labcheck; rebuild it") in proc.stderr
    assert proc.stderr.count("labcheck:") == 1
    # Without counts or where: it is not needed.
    lc.write("a.yaml", "handshake: complete\n")
    assert lc.run("--tshark", tshark, "a.pcapng").returncode == 0


def root_only():
    if os.geteuid() != 0:
        pytest.skip("as root only: tshark then runs as nobody on staged copies")


def test_root_with_a_private_tmpdir_stages_where_nobody_can_read(lc):
    root_only()
    capture = lab_case(lc)
    private = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-private-"))  # mode 0700
    try:
        proc = lc.run("-v", capture, env={"TMPDIR": str(private)})
        assert proc.stdout == "PASS  lab.pcapng\n1 passed, 0 failed\n", proc.stderr
        assert (f"nobody cannot enter {private} (mode 0700), the temporary folder ($TMPDIR)"
                in proc.stderr)
        assert list(private.iterdir()) == []
    finally:
        shutil.rmtree(private)


def test_root_says_when_nobody_can_read_no_temporary_folder(tmp_path):
    root_only()
    _require_build()
    hidden = [d for d in ("/tmp", "/var/tmp", "/dev/shm")
              if BUILD_DIR.resolve().is_relative_to(d)]
    if hidden:
        pytest.skip(f"the build is under {hidden[0]}, which this test hides")
    # /tmp, /var/tmp and /dev/shm all private (0700), in a mount namespace of its own;
    # the capture lives in the build folder, which the mounts do not hide.
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labcheck-notmp-", dir=BUILD_DIR))
    try:
        shutil.copyfile(SOURCE_DIR / "samples" / "captures" / "lab_cp949.pcapng",
                        folder / "lab.pcapng")
        (folder / "lab.yaml").write_text("handshake: complete\n")
        mounts = " && ".join(f"mount -t tmpfs -o mode=0700 tmpfs {d}"
                             for d in ("/tmp", "/var/tmp", "/dev/shm"))
        proc = subprocess.run(["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "sh",
                               str(LABCHECK), "--plugin-dir", str(PLUGIN_DIR), "lab.pcapng"],
                              cwd=folder, capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, TMPDIR="/tmp"))
    finally:
        shutil.rmtree(folder)
    if "unshare" in proc.stderr and proc.returncode != 2:
        pytest.skip("no mount namespaces here: " + proc.stderr)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "labcheck: running as root, labcheck stages the plugin and captures for tshark, which "
        "runs as nobody, but nobody cannot enter /tmp (mode 0700), the temporary folder "
        "($TMPDIR), nor /var/tmp, /dev/shm: set TMPDIR to a folder every user can enter, or use "
        "--system-plugin\n")


def test_version_and_jobs(lc):
    proc = lc.run("--version", plugin_dir=None)
    assert (proc.returncode, proc.stdout) == (0, "labcheck 0.1.0\n")
    capture = lab_case(lc)
    for jobs in ("0", "two"):
        proc = lc.run("-j", jobs, capture)
        assert (proc.returncode, proc.stdout) == (2, "")
        assert proc.stderr.startswith(
            f"--jobs: must be a whole number of captures, at least 1, not {jobs}"), proc.stderr


def test_update_refuses_to_rewrite_a_shared_spec_without_force(lc):
    capture = lab_case(lc, "kim", spec=LAB_SPEC.replace("closed_by: client", "closed_by: server"))
    shared = lc.read("kim.yaml")
    lc.write("class.yaml", shared)
    proc = lc.run("--update", "--spec", "class.yaml", capture)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("labcheck: --update would rewrite class.yaml, given with --spec: a "
                           "spec shared by many captures, rewritten from kim.pcapng alone; add "
                           "--force if that is meant\n")
    assert lc.read("class.yaml") == shared
    proc = lc.run("--update", "--force", "--spec", "class.yaml", capture)
    assert proc.returncode == 0
    assert proc.stdout.endswith("      updated class.yaml\n0 passed, 0 failed, 1 updated\n")
    assert lc.read("class.yaml") == shared.replace("closed_by: server", "closed_by: client")
