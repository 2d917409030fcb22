"""Runs tshark with exactly this build's plugin, and measures one run.

How to run tshark with the plugin is labcheck's to know (`labcheck tshark`,
docs/labcheck.md; packaging/tshark-labproto and the integration tests ask it
too): as root tshark ignores WIRESHARK_PLUGIN_DIR, so the plugin is staged in
a world-readable scratch folder and tshark runs as `nobody`, with a private
profile so a user's preferences cannot change the work measured. labcheck is
asked once for that command, and once for the same with an empty plugin
folder (the no-plugin baseline); it refuses unless tshark loads exactly the
staged plugin, and no labproto at all from the empty folder. The Lua
reference and the captures are staged here, next to the plugin.
"""
import contextlib
import dataclasses
import json
import pathlib
import shutil
import subprocess
import tempfile
import time

BENCH_DIR = pathlib.Path(__file__).resolve().parent
LUA_REFERENCE = BENCH_DIR / "labproto_ref.lua"


@dataclasses.dataclass
class Measurement:
    seconds: float      # wall clock
    cpu_seconds: float  # user + system: less disturbed by other load on the machine
    max_rss_kib: int


class TsharkEnv:
    def __init__(self, build_dir, scratch, tshark="tshark"):
        build_dir = pathlib.Path(build_dir)
        if not any(build_dir.glob("plugins/*/epan/labproto.so")):
            raise SystemExit(f"no plugin under {build_dir}/plugins: build the labproto target")
        labcheck = build_dir / "tool" / "labcheck"
        if not labcheck.is_file():
            raise SystemExit(f"no labcheck at {labcheck}: build the labcheck target")
        self.scratch = pathlib.Path(scratch)
        self.stage = self.scratch / "stage"
        self.stage.mkdir(parents=True, exist_ok=True)
        make_world_readable(self.scratch)
        ask = [labcheck, "--tshark", tshark, "tshark", "--print-command", "--stage", self.stage]
        self.launch = print_command([*ask, "--plugin-dir", build_dir / "plugins"])
        # An empty plugin folder: tshark with no labproto plugin loaded at all.
        self.bare = print_command([*ask, "--no-plugin"])
        self.tshark = self.launch["argv"][-1]
        self.plugin_dir = pathlib.Path(self.launch["plugin_dir"])
        self.no_plugin_dir = pathlib.Path(self.bare["plugin_dir"])
        self.plugin = pathlib.Path(self.launch["plugin"])
        self.home = pathlib.Path(self.launch["env"]["HOME"])
        self.as_nobody = self.launch["as_nobody"]
        self.lua_script = self.stage_file(LUA_REFERENCE)

    def stage_file(self, path):
        """A world-readable copy of path in the stage (a Lua script tshark
        runs as nobody, say); returns the copy's path."""
        staged = self.stage / pathlib.Path(path).name
        self.stage.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staged)
        staged.chmod(0o644)
        return staged

    def command(self, args, plugins=True):
        launch = self.launch if plugins else self.bare
        *wrapper, program = launch["argv"]
        # env(1) sets the folder and environment, so a caller can put valgrind
        # (say) just before the program.
        return [*wrapper, "env", "-i", "-C", launch["cwd"],
                *(f"{k}={v}" for k, v in launch["env"].items()), program, *map(str, args)]

    def output(self, args, plugins=True):
        """tshark's stdout; raises with its stderr when it fails."""
        proc = subprocess.run(self.command(args, plugins), capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"tshark {' '.join(map(str, args))} exited {proc.returncode}: "
                               f"{proc.stderr.strip()}")
        return proc.stdout

    def measure(self, args, plugins=True):
        """Wall time and peak RSS of one run, output discarded.

        /usr/bin/time wraps setpriv and env, which exec tshark in place, so the
        RSS it reports is tshark's own.
        """
        with tempfile.NamedTemporaryFile("r") as report:
            cmd = ["/usr/bin/time", "-f", "%U %S %M", "-o", report.name, *self.command(args, plugins)]
            start = time.perf_counter()
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
            seconds = time.perf_counter() - start
            if proc.returncode != 0:
                raise RuntimeError(f"tshark {' '.join(map(str, args))} exited "
                                   f"{proc.returncode}: {proc.stderr.strip()}")
            user, system, rss = report.read().split()[-3:]
            return Measurement(seconds, float(user) + float(system), int(rss))

    def check_lua_registers(self, capture):
        """Fails unless the Lua reference registers labproto_lua: a broken script
        only warns. Checked by compiling a filter naming it while reading a
        capture, because tshark 4.4 answers -G before it runs Lua scripts."""
        try:
            self.output(["-X", f"lua_script:{self.lua_script}", "-r", capture, "-c", "1",
                         "-Y", "labproto_lua || !labproto_lua"])
        except RuntimeError as error:
            raise SystemExit(f"tshark did not register labproto_lua from {self.lua_script}: "
                             f"{error}") from None

    def version(self):
        return self.output(["--version"]).splitlines()[0]


def print_command(cmd):
    """labcheck's command for tshark (`labcheck tshark --print-command`), as JSON:
    argv ending with tshark, env, cwd, plugin. Exits with labcheck's message when it
    refuses (tshark does not load the plugin, say)."""
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr.strip() or f"{cmd[0]} exited {proc.returncode}")
    return json.loads(proc.stdout)


def make_world_readable(root):
    """tshark runs as nobody: it must reach every folder and file under root."""
    root = pathlib.Path(root)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for parent in root.parents:
        if parent.stat().st_mode & 0o001 == 0:
            raise SystemExit(f"{parent} is not searchable by nobody: use a scratch folder "
                             "under /tmp")


@contextlib.contextmanager
def scratch_folder(given, default, temporary):
    """The folder for captures and staging: `given`; else, for a smoke check
    (`temporary`), a new one removed afterwards; else `default`."""
    if given or not temporary:
        yield pathlib.Path(given or default)
        return
    folder = pathlib.Path(tempfile.mkdtemp(prefix="labproto-bench-quick-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder)
