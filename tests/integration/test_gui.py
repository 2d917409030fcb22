"""The plugin in the real Wireshark GUI (Qt), headless under Xvfb, driven with xdotool.

Wireshark runs like tshark in conftest.py: as nobody when root, with only the
staged plugin and a private profile. The checks are what a window manager-less
X server can tell for sure: which windows open, by title. The labproto
statistics window only exists when the GUI loaded the plugin and its tree.
"""
import os
import shutil
import subprocess
import time

import pytest

REQUIRED = ("wireshark", "Xvfb", "xdotool")
MISSING = [tool for tool in REQUIRED if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"needs {', '.join(MISSING)} (Debian: wireshark xvfb xdotool, "
                          "as packaging/install-build-deps.sh installs)")

LAB = "lab_cp949.pcapng"
STARTUP_TIMEOUT = 90


@pytest.fixture(scope="module")
def display():
    """A private X server; Xvfb picks a free display number and reports it."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x960x24",
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as reported:
        number = reported.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


class Gui:
    def __init__(self, tshark, display):
        self.tshark = tshark
        self.display = display
        self.processes = []

    def start(self, *args):
        """wireshark ARGS, with the environment conftest gives tshark."""
        cmd = self.tshark.command(args)
        at = cmd.index(self.tshark.program)
        cmd[at:at + 1] = [f"DISPLAY={self.display}", "wireshark"]
        self.processes.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                               stderr=subprocess.PIPE, text=True))

    def xdotool(self, *args):
        return subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.display},
                              capture_output=True, text=True, timeout=60).stdout

    def windows(self):
        """{title: window id} of the visible windows."""
        ids = self.xdotool("search", "--onlyvisible", "--name", ".").split()
        return {self.xdotool("getwindowname", w).strip(): w for w in ids}

    def wait_for(self, title):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            found = self.windows()
            if title in found:
                return found[title]
            for p in self.processes:
                assert p.poll() is None, f"wireshark exited {p.returncode}:\n{p.stderr.read()}"
            time.sleep(0.5)
        raise AssertionError(f"no window {title!r}; open: {sorted(self.windows())}")

    def stop(self):
        for p in self.processes:
            p.terminate()
            p.wait(timeout=30)


@pytest.fixture
def gui(tshark, display):
    g = Gui(tshark, display)
    try:
        yield g
    finally:
        g.stop()


def test_capture_opens_with_expert_information(gui, tshark):
    gui.start("-r", tshark.capture(LAB), "-z", "expert")
    gui.wait_for(LAB)
    gui.wait_for(f"Wireshark \u00b7 Expert Information \u00b7 {LAB}")


def test_statistics_menu_opens_the_labproto_tree(gui, tshark):
    gui.start("-r", tshark.capture(LAB))
    main = gui.wait_for(LAB)
    # labproto is the last entry of the Statistics menu (plugins come last).
    gui.xdotool("windowfocus", "--sync", main)
    gui.xdotool("key", "--delay", "300", "alt+s", "Up", "Return")
    gui.wait_for(f"Wireshark \u00b7 labproto \u00b7 {LAB}")
