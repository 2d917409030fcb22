"""Runs tshark with exactly this build's plugin, and measures one run.

As root tshark ignores WIRESHARK_PLUGIN_DIR, so (like packaging/tshark-labproto
and the integration tests) the plugin, the Lua reference and the captures are
staged in a world-readable scratch folder and tshark runs as `nobody`, with a
private profile so a user's preferences cannot change the work measured.
"""
import contextlib
import dataclasses
import os
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
        built = sorted(pathlib.Path(build_dir).glob("plugins/*/epan/labproto.so"))
        if not built:
            raise SystemExit(f"no plugin under {build_dir}/plugins: build the labproto target")
        self.tshark = tshark
        self.scratch = pathlib.Path(scratch)
        self.stage = self.scratch / "stage"
        self.plugin_dir = self.stage / "plugins"
        # An empty plugin folder: tshark with no labproto plugin loaded at all.
        self.no_plugin_dir = self.stage / "no-plugins"
        abi = built[-1].parent.parent.name
        self.plugin = self.plugin_dir / abi / "epan" / "labproto.so"
        self.home = self.stage / "home"
        self.lua_script = self.stage / LUA_REFERENCE.name
        self.as_nobody = os.geteuid() == 0
        self._stage(built[-1])

    def _stage(self, built_plugin):
        self.plugin.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built_plugin, self.plugin)
        self.stage_file(LUA_REFERENCE)
        (self.home / "config").mkdir(parents=True, exist_ok=True)
        self.no_plugin_dir.mkdir(parents=True, exist_ok=True)
        make_world_readable(self.scratch)

    def stage_file(self, path):
        """A world-readable copy of path in the stage (a Lua script tshark
        runs as nobody, say); returns the copy's path."""
        staged = self.stage / pathlib.Path(path).name
        self.stage.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staged)
        staged.chmod(0o644)
        return staged

    def command(self, args, plugins=True):
        env = {"PATH": "/usr/bin:/bin", "HOME": self.home,
               "WIRESHARK_CONFIG_DIR": self.home / "config",
               "WIRESHARK_PLUGIN_DIR": self.plugin_dir if plugins else self.no_plugin_dir, "TZ": "UTC", "LC_ALL": "C.UTF-8"}
        cmd = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), self.tshark, *map(str, args)]
        if self.as_nobody:
            cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]
        return cmd

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

    def check_loaded(self):
        """Fails unless tshark loads the staged plugin: it is skipped silently
        when it cannot be loaded."""
        if str(self.plugin) not in self.output(["-G", "plugins"]):
            raise SystemExit(f"tshark did not load {self.plugin}")
        if "labproto" in self.output(["-G", "plugins"], plugins=False):
            raise SystemExit("tshark loads a labproto plugin without the staged one "
                             "(one in the system plugin folder?)")

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
