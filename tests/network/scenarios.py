"""The scenarios: who sends what over which network, captured how, and what the check allows.

A scenario is data (see SCENARIOS); `record()` plays one inside fresh namespaces:
impairment on the router, captures started, the server, the clients, the captures stopped,
and writes into its folder the captures, the senders' logs (senders.jsonl) and what happened
(scenario.json: commands, impairment counts, capture files).
"""
import dataclasses
import json
import pathlib
import random
import signal
import subprocess
import time

import check
import truth
from capture import SUFFIX, Capture
from check import Expect
from netns import Topology

HERE = pathlib.Path(__file__).resolve().parent
SENDER = HERE / "sender.py"
PYTHON = "/usr/bin/python3"

# Hangul syllables, one of them (똠) only in CP949, not in EUC-KR; and ASCII words.
HANGUL = "가나다라마바사아자차카타파하안녕하세요반갑습니다오늘따라할이야기가많을것같네요똠방각하"
WORDS = ["lab", "send", "recv", "TCP", "Nagle", "segment", "9000", "len", "hello", "world"]


def text(rng, size):
    """Random Korean and ASCII text of about `size` UTF-8 bytes."""
    parts, length = [], 0
    while length < size:
        word = rng.choice(WORDS) if rng.random() < 0.3 else "".join(
            rng.choice(HANGUL) for _ in range(rng.randint(1, 6)))
        parts.append(word)
        length += len(word.encode()) + 1
    out = " ".join(parts)
    while len(out.encode()) > size:
        out = out[:-1]
    return out


def bodies(seed, count, max_bytes, encodings=("utf-8", "cp949")):
    """`count` bodies of 1..max_bytes bytes, each in an encoding drawn from `encodings`."""
    rng = random.Random(seed)
    return [text(rng, rng.randint(1, max_bytes)).encode(rng.choice(encodings))
            for _ in range(count)]


def lab_messages(seed, count, max_bytes):
    """--message options for lab_client (UTF-8 on the command line)."""
    rng = random.Random(seed)
    args = []
    for _ in range(count):
        args += ["--message", text(rng, rng.randint(1, max_bytes)) or "."]
    return args


@dataclasses.dataclass
class Program:
    """One sender: 'lab_client', 'lab_server' or 'sender.py' (role client/server)."""
    kind: str
    args: list = dataclasses.field(default_factory=list)
    bodies: list = None  # sender.py client: one list of bodies per connection

    @property
    def is_server(self):
        return self.kind == "lab_server" or self.args[:1] == ["server"]


@dataclasses.dataclass
class Variant:
    """A way of reading the captures: extra tshark options and what the check allows."""
    label: str = ""
    tshark: list = dataclasses.field(default_factory=list)
    expect: Expect = dataclasses.field(default_factory=Expect)


@dataclasses.dataclass
class Scenario:
    name: str
    about: str
    server: Program
    clients: list
    topology: str = "routed"
    family: int = 4
    port: int = 9000
    impair: dict = None  # Topology.impair() options
    duplicate_every: int = None  # iptables TEE
    captures: tuple = (("server", "pcapng"),)
    event: str = None  # "paused": captures start when the clients pause; "cut": kill them
    variants: list = dataclasses.field(default_factory=lambda: [Variant()])

    @property
    def needs_impair(self):
        return self.impair is not None


def py_server(*args):
    return Program("sender.py", ["server", *args])


def py_client(bodies_, *args):
    return Program("sender.py", ["client", *args], bodies_)


def lab_client(*args):
    return Program("lab_client", list(args))


def lab_server(*args):
    return Program("lab_server", list(args))


NAGLE_RTT = {"seed": 1, "delay_ms": 2}  # a few ms of network: Nagle then holds bodies
LOTTERY = [b"New number generated: 32".ljust(256, b"\0"), b"numbers: 32 5 22 0 0 0\0",
           "안녕하세요".encode() + b"\0", b"hi" + b"\0" * 30, b"line one\nline two\r\n\ttab",
           "반가워요".encode("cp949") + b"\0", b"Full"]

SCENARIOS = [
    Scenario("nagle_lab", "lab_client's send(len); send(buf) with Nagle on and no pause, 30 "
             "messages of up to 3000 bytes to lab_server --echo over a router adding 2 ms each "
             "way: header alone, then body + next header + part of its body",
             lab_server("--echo"),
             [lab_client("--split", "nagle", "--close", "half", *lab_messages(1, 30, 3000))],
             impair=NAGLE_RTT),
    Scenario("nagle_loopback", "the same on lo inside one namespace (the lab's own 127.0.0.1)",
             lab_server("--echo"),
             [lab_client("--split", "nagle", "--close", "half", *lab_messages(2, 30, 3000))],
             topology="loopback"),
    Scenario("formats", "lab_client Nagle in CP949, captured at once as pcapng (dumpcap), "
             "classic pcap (tcpdump) and on `any` as Linux cooked SLL and SLL2",
             lab_server("--echo", "--encoding", "cp949"),
             [lab_client("--split", "nagle", "--close", "half", "--encoding", "cp949",
                         *lab_messages(3, 20, 2500))],
             impair=NAGLE_RTT,
             captures=(("server", "pcapng"), ("server", "pcap"), ("server", "sll"),
                       ("server", "sll2"))),
    Scenario("loss_jitter", "5 % loss, 3-9 ms delay each way, 40 messages of up to 20 kB mixing "
             "UTF-8 and CP949 sent as send(len); send(buf) with Nagle, echoed back; captured on "
             "both ends",
             py_server("--echo"),
             [py_client([bodies(4, 40, 20000)], "--split", "header-body", "--echo")],
             impair={"seed": 11, "drop": 0.05, "delay_ms": 3, "jitter_ms": 6},
             captures=(("server", "pcapng"), ("client", "pcapng")),
             variants=[Variant(expect=Expect(spec_tshark=((4, 0), (4, 2))))]),
    Scenario("lost_body", "lab_client Nagle as in nagle_lab, but the router drops the 2nd and "
             "3rd data segments, the first two of the first body after its header sent alone: "
             "the rest arrives, then the retransmissions (several holes in flight)",
             lab_server("--echo"),
             [lab_client("--split", "nagle", "--close", "half", *lab_messages(14, 8, 4000))],
             impair={**NAGLE_RTT, "drop_data": [2, 3]},
             # 3.6's out-of-order reassembly drops the retransmitted holes (any dissector).
             variants=[Variant(expect=Expect(spec_tshark=((4, 0), None)))]),
    Scenario("reorder", "no loss, 1-11 ms of jitter: segments overtake each other",
             py_server("--echo"),
             [py_client([bodies(5, 40, 4000)], "--split", "header-body")],
             impair={"seed": 12, "delay_ms": 1, "jitter_ms": 10}),
    Scenario("duplicates", "iptables TEE duplicates every 5th forwarded segment",
             py_server("--echo"),
             [py_client([bodies(6, 40, 4000)], "--split", "header-body", "--echo")],
             duplicate_every=5),
    Scenario("ipv6", "IPv6, 2-5 ms delay, Nagle header-body, echoed",
             py_server("--echo"),
             [py_client([bodies(7, 30, 8000)], "--split", "header-body")],
             family=6, impair={"seed": 13, "delay_ms": 2, "jitter_ms": 3}),
    Scenario("concurrent", "32 sender.py connections and 4 lab_client processes at once, every "
             "message echoed, 1-3 ms delay",
             py_server("--echo", "--connections", "36"),
             [py_client([bodies(8 + i, 10, 2000) for i in range(8)], "--connections", "32",
                        "--split", "header-body", "--echo")] +
             [lab_client("--expect-echo", *lab_messages(20 + i, 8, 1500)) for i in range(4)],
             impair={"seed": 14, "delay_ms": 1, "jitter_ms": 2}),
    Scenario("midstream", "the capture starts after 5 echoed messages, between two messages",
             py_server("--echo"),
             [py_client([bodies(9, 12, 3000)], "--split", "header-body", "--echo",
                        "--pause-after", "5")],
             event="paused", variants=[Variant(expect=Expect(skip_first=5))]),
    Scenario("big_endian_empty", "big-endian lengths whose first message is empty, both ways",
             lab_server("--byte-order", "big", "--echo"),
             [lab_client("--byte-order", "big", "--split", "nagle", "--close", "half", "--zero",
                         *lab_messages(10, 6, 600))],
             impair=NAGLE_RTT, variants=[Variant(expect=Expect(big_endian=True))]),
    Scenario("killed_fin", "the client is killed (kill -9) 10 bytes into a message's body: "
             "the kernel closes with FIN",
             py_server(),
             [py_client([bodies(11, 4, 200) + [b"x" * 50]], "--split", "header-body",
                        "--cut", "10")],
             event="cut", variants=[Variant(expect=Expect(stats=True))]),
    Scenario("killed_rst", "the same, but the server's greeting is unread: the kernel resets",
             py_server("--greet", "안녕, client".encode().hex()),
             [py_client([bodies(12, 4, 200) + [b"y" * 50]], "--split", "header-body",
                        "--cut", "10")],
             event="cut", variants=[Variant(expect=Expect(stats=True))]),
    Scenario("max_len", "a 1,100,000-byte message between two small ones: above the default "
             "max_len (1 MiB) it is malformed and ends the direction; raised, it decodes",
             lab_server(),
             [lab_client("--split", "single", "--message", "작은 메시지", "--big", "1100000",
                         "--message", "끝")],
             impair=NAGLE_RTT,
             variants=[Variant("default max_len", expect=Expect(lost_from={"client-to-server": 2})),
                       Variant("max_len 2000000", ["-o", "labproto.max_len:2000000"])]),
    Scenario("c_strings", "C strings sent with their terminator, zero-padded buffers, control "
             "characters (the lottery lab's 256-byte replies)",
             py_server("--echo"),
             [py_client([LOTTERY], "--echo")]),
    Scenario("heuristic", "port 9100 found by the heuristic; the first message is empty, so "
             "the heuristic turns its header down and claims the stream at the second",
             py_server("--echo", "--port", "9100"),
             [py_client([[b""] + bodies(13, 8, 1500)], "--split", "header-body", "--echo",
                        "--port", "9100")],
             port=9100,
             variants=[Variant("heuristic", ["--enable-heuristic", "labproto_tcp"],
                               Expect(prefix_may_be_missing=True))]),
]

BY_NAME = {s.name: s for s in SCENARIOS}


class Recording:
    """Plays one scenario into `folder`."""

    def __init__(self, scenario, folder, build_dir, impair):
        self.s, self.folder = scenario, pathlib.Path(folder)
        self.build_dir, self.impair_binary = pathlib.Path(build_dir), impair
        self.commands = []
        self.logs = []

    def command(self, program, topo, n):
        host = topo.address("server", self.s.family)
        log = self.folder / f"log-{n}-{program.kind}.jsonl"
        self.logs.append(log)
        if program.kind == "sender.py":
            args = [PYTHON, str(SENDER), *program.args[:1], "--host", host, "--log", log]
            if "--port" not in program.args:
                args += ["--port", self.s.port]
            if program.bodies is not None:
                messages = self.folder / f"messages-{n}.json"
                messages.write_text(json.dumps([[b.hex() for b in c] for c in program.bodies]))
                args += ["--messages", messages]
            if self.s.event == "paused" and not program.is_server:
                args += ["--go", self.folder / "go"]
            args += program.args[1:]
        else:
            args = [self.build_dir / "samples" / program.kind, "--host", host, "--port",
                    self.s.port, "--log", log, *program.args]
        args = [str(a) for a in args]
        self.commands.append(" ".join(a if len(a) < 80 else a[:60] + "…" for a in args))
        return args

    def run(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*"):
            old.unlink()
        facts = {"scenario": self.s.name, "about": self.s.about, "captures": []}
        with Topology(self.s.topology) as topo:
            impair = None
            if self.s.impair:
                impair = topo.impair(self.impair_binary, log=self.folder / "impair.log",
                                     max_seconds=90, **self.s.impair)
            if self.s.duplicate_every:
                topo.duplicate(self.s.duplicate_every)
            captures = [] if self.s.event == "paused" else self.start_captures(topo)
            server = topo.start("server", self.command(self.s.server, topo, 0),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if not server.stdout.readline():
                raise RuntimeError(f"the server did not start: {server.stderr.read()}")
            clients = [topo.start("client", self.command(c, topo, n), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                       for n, c in enumerate(self.s.clients, 1)]
            if self.s.event == "paused":
                self.expect_line(clients, "paused")
                captures = self.start_captures(topo)
                (self.folder / "go").touch()
            elif self.s.event == "cut":
                self.expect_line(clients, "cut")
                time.sleep(0.3)  # the cut message's bytes reach the server
                for c in clients:
                    c.send_signal(signal.SIGKILL)
            for c in clients:
                self.finish(c, "client", killed=self.s.event == "cut")
            self.finish(server, "server")
            for cap in captures:
                cap.stop()
                facts["captures"].append({"file": pathlib.Path(cap.path).name,
                                          "side": cap.side, "format": cap.fmt})
            if impair:
                impair.send_signal(signal.SIGTERM)
                out = impair.communicate(timeout=10)[0]
                facts["impair"] = json.loads(out.strip().splitlines()[-1])
                facts["impair"]["options"] = self.s.impair
        facts["commands"] = self.commands
        with open(self.folder / "senders.jsonl", "w") as out:
            for log in self.logs:
                if log.exists():
                    out.write(log.read_text())
                    log.unlink()
        for messages in self.folder.glob("messages-*.json"):
            messages.unlink()
        (self.folder / "go").unlink(missing_ok=True)
        (self.folder / "scenario.json").write_text(json.dumps(facts, indent=1) + "\n")
        for path in self.folder.iterdir():
            path.chmod(0o644)  # tshark reads them as nobody
        return facts

    def start_captures(self, topo):
        caps = []
        for side, fmt in self.s.captures:
            path = self.folder / f"{side}-{fmt}{SUFFIX[fmt]}"
            caps.append(Capture(topo, side, fmt, str(path), f"tcp port {self.s.port}"))
        return caps

    @staticmethod
    def expect_line(clients, word):
        for c in clients:
            line = c.stdout.readline().strip()
            if line != word:
                raise RuntimeError(f"client said {line!r}, not {word!r}: {c.stderr.read()}")

    @staticmethod
    def finish(proc, what, killed=False):
        try:
            _, err = proc.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise RuntimeError(f"the {what} did not finish within 90 s")
        if proc.returncode != 0 and not killed:
            raise RuntimeError(f"the {what} failed ({proc.returncode}): {err}")


def record(scenario, folder, build_dir, impair):
    return Recording(scenario, folder, build_dir, impair).run()


def recorded_captures(folder):
    """[(path, side, format)] of a scenario folder's captures."""
    facts = json.loads((pathlib.Path(folder) / "scenario.json").read_text())
    return [(pathlib.Path(folder) / c["file"], c["side"], c["format"]) for c in facts["captures"]]


def impairment_problem(scenario, facts):
    """Why the recording did not impair as the scenario says (None: it did)."""
    if not scenario.impair:
        return None
    counts = facts.get("impair", {})
    if counts.get("overruns"):
        return f"impair could not keep up, the kernel let packets through unimpaired: {counts}"
    if (scenario.impair.get("drop") or scenario.impair.get("drop_data")) and \
            not counts.get("dropped"):
        return f"impair dropped nothing: {counts}"
    if scenario.impair.get("delay_ms") and not counts.get("delayed"):
        return f"impair delayed nothing: {counts}"
    if scenario.impair.get("jitter_ms", 0) >= 5 and not counts.get("reordered"):
        return f"impair reordered nothing: {counts}"
    return None


def check_recording(tshark, folder, scenario, lua):
    """A Report per capture of a recorded scenario and per variant of reading it."""
    folder = pathlib.Path(folder)
    connections = truth.load([folder / "senders.jsonl"])
    reports = []
    for path, _, _ in recorded_captures(folder):
        for v in scenario.variants:
            name = f"{scenario.name}/{path.name}" + (f" [{v.label}]" if v.label else "")
            reports.append(check.check_capture(tshark, str(path), connections, v.expect, lua,
                                               v.tshark, name))
    return reports
