"""The GUI shows the same messages in the same frames whatever order frames are opened in.

Wireshark's GUI reads the file once, then dissects a frame again each time it is clicked, in
any order. sharkd (the same epan, no window) does exactly that: it loads the capture, then
answers "frame N" requests. Each capture's frames are opened in order and in a seeded random
order; labproto's part of every tree must be the same both times, and its fields must equal
what `tshark -2` prints for the same frames.
"""
import json
import random
import subprocess

import pytest

# A header alone then its body (Nagle), loss with default TCP preferences, a heuristic claim
# after a turned-down first segment, a capture begun mid-conversation, a message cut by the
# capture's end.
CAPTURES = [
    "lab_cp949.pcapng",
    "large_70k.pcapng",
    "network/nagle_lab/server-pcapng.pcapng",
    "network/loss_jitter/server-pcapng.pcapng",
    "network/lost_body/server-pcapng.pcapng",
    "network/midstream/server-pcapng.pcapng",
    "network/killed_fin/server-pcapng.pcapng",
]
FIELDS = ["labproto.msg_index", "labproto.len", "labproto.header.len", "labproto.header_in",
          "labproto.body_in", "labproto.direction", "labproto.conn.event"]


class Sharkd:
    """sharkd on stdin, run like tshark (staged plugin, as nobody when root)."""

    def __init__(self, tshark):
        cmd = tshark.command([])
        cmd[cmd.index(tshark.program)] = "sharkd"
        self.proc = subprocess.Popen(cmd + ["-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next_id,
                                          "method": method, "params": params}) + "\n")
        self.proc.stdin.flush()
        reply = json.loads(self.proc.stdout.readline())
        assert "error" not in reply, reply
        return reply["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def labproto_nodes(nodes, inside=False):
    """(filter, label) of every tree item labproto added, depth first."""
    out = []
    for n in nodes:
        f = n.get("f", "")
        mine = inside or f == "labproto" or f.startswith("labproto.")
        if mine:
            out.append((f, n.get("l")))
        out += labproto_nodes(n.get("n", []), mine)
    return out


def fields_of(nodes):
    """{field: [values]} of FIELDS, from sharkd's `field == value` filters."""
    out = {}
    for f, _ in nodes:
        name, _, value = f.partition(" == ")
        if name in FIELDS:
            out.setdefault(name, []).append(value.strip('"'))
    return out


@pytest.fixture(scope="module")
def opened(tshark):
    """{capture: ({frame: labproto nodes in order}, {frame: ... in random order})}."""
    result = {}
    for name in CAPTURES:
        sharkd = Sharkd(tshark)
        try:
            assert sharkd.call("load", file=tshark.capture(name))["status"] == "OK"
            count = sharkd.call("status")["frames"]
            frames = list(range(1, count + 1))
            shuffled = random.Random(name).sample(frames, len(frames))
            views = []
            for order in (frames, shuffled):
                views.append({n: labproto_nodes(sharkd.call("frame", frame=n, proto=True)["tree"])
                              for n in order})
            result[name] = views
        finally:
            sharkd.close()
    return result


@pytest.mark.parametrize("name", CAPTURES)
def test_any_frame_order_shows_the_same(opened, name):
    in_order, shuffled = opened[name]
    assert any(in_order.values()), "labproto decoded nothing: the plugin is not in sharkd"
    differ = [n for n in in_order if in_order[n] != shuffled[n]]
    assert not differ, f"frame {differ[0]}: {in_order[differ[0]]} != {shuffled[differ[0]]}"


@pytest.mark.parametrize("name", CAPTURES)
def test_the_gui_shows_what_two_passes_show(opened, tshark, name):
    in_order, _ = opened[name]
    args = ["-r", tshark.capture(name), "-2", "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-e", "frame.number"]
    for f in FIELDS:
        args += ["-e", f]
    lines = tshark.run(*args).stdout.splitlines()
    for line in lines:
        frame, *values = line.split("\t")
        two_pass = {f: v.split("|") for f, v in zip(FIELDS, values) if v}
        gui = fields_of(in_order[int(frame)])
        assert gui == two_pass, f"frame {frame}: GUI {gui}, tshark -2 {two_pass}"
