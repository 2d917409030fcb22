"""The plugin in the real Wireshark GUI (Qt), headless under Xvfb, driven with xdotool.

Wireshark runs like tshark in conftest.py: as nobody when root, with only the
staged plugin and a private profile. The checks are what a window manager-less
X server can tell for sure: which windows open, by title, and what the GUI itself
writes: the flow graph exported as PDF, read back with pdftotext. The labproto
statistics window only exists when the GUI loaded the plugin and its tree.

With LABPROTO_SCREENSHOTS=DIR the tests also save the windows they open as
DIR/NAME.png: `LABPROTO_SCREENSHOTS=$PWD/docs/screenshots ctest -L gui` makes
the GUI tour's screenshots (docs/gui.md; needs xwd and ImageMagick's convert:
Debian's x11-apps and imagemagick).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import time

import pytest
from conftest import WS_VERSION

REQUIRED = ("wireshark", "Xvfb", "xdotool", "pdftotext")
MISSING = [tool for tool in REQUIRED if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"needs {', '.join(MISSING)} (Debian: wireshark xvfb xdotool "
                          "poppler-utils, as packaging/install-build-deps.sh installs)")

LAB = "lab_cp949.pcapng"
EXPORT_DISSECTIONS = "Wireshark \u00b7 Export Packet Dissections"
STARTUP_TIMEOUT = 90
SCREENSHOTS = os.environ.get("LABPROTO_SCREENSHOTS")


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
        self.written = []

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

    def focus(self, window):
        self.xdotool("windowfocus", "--sync", window)

    def try_keys(self, main, keys, title):
        """Presses `keys` in `main` and returns the window whose title starts with `title`,
        or closes whatever else they opened (a wrong window or submenu) and returns None."""
        self.focus(main)
        self.xdotool("key", "--delay", "100", *keys)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            found = self.windows()
            for name, window in found.items():
                if name.startswith(title):
                    return window
            if len(found) > 1:
                break
            time.sleep(0.3)
        for name, window in self.windows().items():
            if window != main:
                self.xdotool("key", "--window", window, "Escape")
        self.xdotool("key", "--window", main, "Escape", "Escape", "Escape")
        time.sleep(0.3)
        return None

    def open_from_menu(self, main, menu, title, then=("Return",), tries=40):
        """Opens the `menu` (e.g. alt+s) entry whose window is `title`, trying the entries
        from the last one up: where an entry sits differs between versions, and Qt's menus
        cannot be searched by text. `then` are the keys that open an entry (for a submenu's
        entry: Right, then its mnemonic)."""
        for ups in range(1, tries + 1):
            window = self.try_keys(main, [menu, *["Up"] * ups, *then], title)
            if window:
                return window
        raise AssertionError(f"no {menu} entry opens {title!r}")

    def open_follow(self, main, protocol):
        """Analyze > Follow > `protocol` Stream, for the selected packet. The Follow submenu
        is the Analyze entry whose first entry opens a Follow dialog; its entries (the
        registered followers) are then tried from the top."""
        for ups in range(1, 12):
            if self.try_keys(main, ["alt+a", *["Up"] * ups, "Right", "Return"],
                             "Wireshark \u00b7 Follow "):
                break
        else:
            raise AssertionError("no Analyze > Follow submenu")
        title = f"Wireshark \u00b7 Follow {protocol} Stream"
        for downs in range(0, 20):
            window = self.try_keys(main, ["alt+a", *["Up"] * ups, "Right", *["Down"] * downs,
                                          "Return"], title)
            if window:
                return window
        raise AssertionError(f"Analyze > Follow has no {protocol} Stream")

    def save_as(self, title, path, file_type=None):
        """In the Qt save dialog `title`: picks the file type if given (its combo box is
        the bottom row's, and typing selects an entry), then saves as `path`."""
        dialog = self.wait_for(title)
        if file_type:
            geometry = dict(line.split("=") for line in
                            self.xdotool("getwindowgeometry", "--shell", dialog).split())
            self.xdotool("mousemove", "--window", dialog, str(int(geometry["WIDTH"]) // 2),
                         str(int(geometry["HEIGHT"]) - 24), "click", "1")
            self.xdotool("type", "--delay", "50", file_type)
            self.xdotool("key", "--delay", "200", "Return")
        self.xdotool("key", "--delay", "200", "alt+n", "ctrl+a")
        self.xdotool("type", "--delay", "20", path)
        self.xdotool("key", "Return")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not os.path.exists(path):
            assert time.monotonic() < deadline, f"{title}: nothing saved as {path}"
            time.sleep(0.5)
        time.sleep(1)  # written to its end

    def export_json(self, main, path):
        """File > Export Packet Dissections > As JSON, saved as `path`: what the GUI's
        dissection says of every frame, read back as tshark's JSON."""
        self.open_from_menu(main, "alt+f", EXPORT_DISSECTIONS, then=("Right", "j"))
        self.save_as(EXPORT_DISSECTIONS, path)
        with open(path, encoding="utf-8") as exported:
            return json.load(exported)

    def remember(self, tshark, *lines):
        """Writes Wireshark's `recent` file (what the GUI remembers from a session before)
        in tshark's private configuration folder, owned by whoever runs it; put back as it
        was when the GUI stops."""
        folder = pathlib.Path(tshark.launch["env"]["WIRESHARK_CONFIG_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        recent = folder / "recent"
        self.written.append((recent, recent.read_text() if recent.exists() else None))
        recent.write_text("".join(f"{line}\n" for line in lines))
        owner = tshark.home.stat()
        for path in (folder, recent):
            os.chown(path, owner.st_uid, owner.st_gid)

    def screenshot(self, window, name):
        """With LABPROTO_SCREENSHOTS=DIR, `window` as DIR/`name`.png."""
        if not SCREENSHOTS:
            return
        missing = [tool for tool in ("xwd", "convert") if not shutil.which(tool)]
        assert not missing, (f"LABPROTO_SCREENSHOTS needs {' and '.join(missing)} "
                             "(Debian: x11-apps imagemagick)")
        dump = subprocess.run(["xwd", "-id", window, "-silent"], capture_output=True,
                              env={**os.environ, "DISPLAY": self.display}, check=True).stdout
        subprocess.run(["convert", "xwd:-", f"png:{SCREENSHOTS}/{name}.png"], input=dump,
                       check=True)

    def stop(self):
        for p in self.processes:
            p.terminate()
            p.wait(timeout=30)
        for path, before in reversed(self.written):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(before)


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


@pytest.mark.skipif(WS_VERSION < (4, 2), reason="3.6 and 4.0 have a fixed Follow menu "
                    "(TCP, UDP, TLS, HTTP...): there tshark -z follow,labproto shows the stream")
def test_follow_menu_opens_the_labproto_stream(gui, tshark):
    # The follower hands the text over as UTF-8, but the dialog opens in the mode last
    # used (ASCII at first, where Korean is dots): the screenshot shows it as students
    # read it, after "Show data as UTF-8", which Wireshark remembers in `recent`.
    gui.remember(tshark, "gui.follow_show: UTF-8")
    # Frame 6 carries message #1: Follow acts on the selected packet.
    gui.start("-r", tshark.capture(LAB), "-g", "6")
    main = gui.wait_for(LAB)
    follow = gui.open_follow(main, "LABPROTO")
    gui.xdotool("windowsize", "--sync", follow, "900", "640")
    time.sleep(2)
    gui.screenshot(follow, "follow-stream")


def test_statistics_menu_opens_the_labproto_tree(gui, tshark):
    gui.start("-r", tshark.capture(LAB))
    main = gui.wait_for(LAB)
    # labproto is the last entry of the Statistics menu (plugins come last).
    gui.xdotool("windowfocus", "--sync", main)
    gui.xdotool("key", "--delay", "300", "alt+s", "Up", "Return")
    tree = gui.wait_for(f"Wireshark \u00b7 LABPROTO \u00b7 {LAB}")
    gui.xdotool("windowsize", "--sync", tree, "900", "760")
    time.sleep(2)
    gui.screenshot(tree, "statistics")


FLOW_LABELS = [
    "SYN [Handshake 1/3]", "SYN, ACK [Handshake 2/3]", "ACK [Handshake 3/3]",
    "#1 len=10 [header]", '#1 len=10 "안녕하세요"', "#2 len=8 [header]", '#2 len=8 "반가워요"',
    '#3 len=35 "오늘따라 할 이야기가\u2026"', '#4 len=13 "저도 그렇네요"', "FIN, ACK [FIN]",
    "ACK [Teardown complete]", "PSH, ACK Seq=5 Ack=1 Len=10"]


def test_flow_graph_has_the_labproto_flow_type(gui, tshark):
    gui.start("-r", tshark.capture(LAB))
    main = gui.wait_for(LAB)
    flow = gui.open_from_menu(main, "alt+s", f"Wireshark \u00b7 Flow \u00b7 {LAB}")
    # Tall enough for all 22 arrows: some versions export only what the window shows.
    gui.xdotool("windowsize", "--sync", flow, "1100", "900")
    # The flow type combo box: the diagram has the focus, the combo box is one or two
    # Tabs on (after "Limit to display filter"); typing selects its entry, elsewhere
    # it does nothing.
    gui.focus(flow)
    for _ in range(3):
        gui.xdotool("key", "Tab")
        gui.xdotool("type", "--delay", "100", "LABPROTO")
    time.sleep(3)
    gui.screenshot(flow, "flow-graph")
    # What the GUI drew, exported as PDF (Export, Portable Document Format).
    pdf = tshark.scratch("flow.pdf")
    gui.focus(flow)
    gui.xdotool("key", "alt+e")
    gui.save_as("Wireshark \u00b7 Save Graph As\u2026", pdf, file_type="Portable D")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout
    # pdftotext reads the space glyph of the Korean font back as U+0001.
    text = re.sub(r"[\x01-\x08]", " ", text)
    # Two nodes for loopback, address and port (TCP's and the "All flows" graph have one,
    # 127.0.0.1), and labproto's labels drawn whole.
    assert "127.0.0.1:40628" in text and "127.0.0.1:9000" in text, text
    missing = [label for label in FLOW_LABELS if label not in text]
    assert not missing, text


CUT_NOTE = "End of capture cuts message #3"


def cut_capture(tshark, file_format="pcapng"):
    """Frames 1-12 of the lab capture: it ends after message 3's header, whose body
    never comes."""
    cut = tshark.scratch(f"lab_cut.{file_format}")
    subprocess.run(["editcap", "-F", file_format, "-r", tshark.capture(LAB), cut, "1-12"],
                   check=True)
    return cut


def frames_saying(packets, text):
    """Numbers of the exported frames whose dissection has `text` anywhere."""
    return [int(p["_source"]["layers"]["frame"]["frame.number"]) for p in packets
            if text in json.dumps(p, ensure_ascii=False)]


def test_end_of_capture_cut_stays_after_a_redissection(gui, tshark):
    # A preference change (or Decode As, Enabled Protocols) redissects every frame in a
    # new dissection session, without the end of reading that told labproto the file is
    # complete. Reload Lua Plugins (Ctrl+Shift+L) re-reads the preferences and redissects
    # in that same way (cf_redissect_packets).
    cut = cut_capture(tshark)
    gui.start("-r", cut)
    main = gui.wait_for("lab_cut.pcapng")
    assert frames_saying(gui.export_json(main, tshark.scratch("read.json")), CUT_NOTE) == [12]
    gui.focus(main)
    gui.xdotool("key", "ctrl+shift+l")
    time.sleep(5)
    redissected = gui.export_json(main, tshark.scratch("redissected.json"))
    assert frames_saying(redissected, CUT_NOTE) == [12]


def test_live_capture_says_end_of_capture_only_once_it_stops(gui, tshark):
    # A live capture from a pipe (dumpcap reads it as it reads an interface): the last
    # header's body has not come yet while the capture runs; once the pipe closes, the
    # capture stops and the end of the capture did cut that message short.
    fifo = tshark.scratch("live.fifo")
    os.mkfifo(fifo)
    os.chmod(fifo, 0o666)
    # Read-write, so opening does not wait for dumpcap; it is the only writer, and
    # closing it ends the capture.
    feed = os.open(fifo, os.O_RDWR)
    try:
        with open(cut_capture(tshark, "pcap"), "rb") as capture:
            os.write(feed, capture.read())
        gui.start("-k", "-i", fifo)
        main = gui.wait_for(f"Capturing from {fifo}")
        time.sleep(5)
        running = gui.export_json(main, tshark.scratch("running.json"))
        assert len(running) == 12
        assert frames_saying(running, CUT_NOTE) == []
    finally:
        os.close(feed)
    time.sleep(5)
    stopped = gui.export_json(main, tshark.scratch("stopped.json"))
    assert frames_saying(stopped, CUT_NOTE) == [12]
