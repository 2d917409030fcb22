"""The check: what tshark with labproto decodes from a capture, against what the senders logged.

Per TCP stream and direction, the ordered (length, body) list labproto shows is aligned with
the logged messages (difflib, so one lost message does not make every later one "wrong"), in
one pass and with -2, each with default TCP preferences and with
tcp.reassemble_out_of_order:TRUE. The Lua reference (labref.lua, tcp_dissect_pdus only) says
which messages TCP hands to a dissector at all: with out-of-order reassembly labproto must
decode every message; with defaults, every message the reference decodes. Messages neither
decodes are tshark's own limit, reported but not failures. Two more runs (one pass, -2) turn
labproto.pair_lone_headers on, so that labproto pairs a header sent alone with its body
itself instead of TCP reassembling the two: there, with default TCP preferences, a body
whose start was overtaken is the preference's known limit, reported but not a failure.

Besides the messages: labproto.direction and msg_index (1..n, in order), the text (it must
represent the whole body, control characters included), the same frames in one pass and
with -2, the lifecycle labproto reports against what TCP's own fields say (handshake, each
side's first FIN, the close, resets, who closed first), messages cut by a FIN or RST, and
the statistics tree's count of malformed messages.
"""
import concurrent.futures
import dataclasses
import difflib
import os

import decode
from decode import MODES, Mode
from truth import ARROW, C2S, S2C

# The Wireshark under test (its major.minor, as ctest and test-on.sh say).
WS_VERSION = tuple(int(p) for p in os.environ.get("LABPROTO_WS_ABI", "4.0").split("."))

SHORT_ARROW = {C2S: "c\u2192s", S2C: "s\u2192c"}  # as labproto writes them

# Failure classes, in the order a report lists them.
CLASSES = ("messages", "index", "direction", "text", "passes", "lifecycle", "cut", "stats",
           "flow", "capture")


@dataclasses.dataclass
class Expect:
    """What a scenario allows beyond "every message, exactly"."""
    skip_first: int = 0  # messages each direction sent before the capture started
    lost_from: dict = None  # direction -> index of a message above max_len (framing ends there)
    prefix_may_be_missing: bool = False  # heuristic: messages before it claims the stream
    stats: bool = False  # check -z labproto,tree's malformed count
    big_endian: bool = False  # tells the Lua reference
    # The Wireshark versions (from, below; below None: every later one) this recording's
    # labcheck specs hold on, when Wireshark's own out-of-order reassembly loses some of its
    # messages elsewhere (the Lua reference too); None: every version but 3.6's usual
    # losses (docs/plugin.md, On real networks).
    spec_tshark: tuple = None


@dataclasses.dataclass
class Failure:
    cls: str
    mode: str  # "" when it concerns the capture as a whole
    text: str


@dataclasses.dataclass
class Tally:
    right: int = 0
    total: int = 0


@dataclasses.dataclass
class Report:
    name: str
    failures: list = dataclasses.field(default_factory=list)
    limits: list = dataclasses.field(default_factory=list)  # (mode, text): tshark's own limits
    tally: dict = dataclasses.field(default_factory=dict)  # mode name -> Tally
    reference: dict = dataclasses.field(default_factory=dict)  # "default"/"ooo" -> Tally

    @property
    def ok(self):
        return not self.failures

    def fail(self, cls, mode, text):
        self.failures.append(Failure(cls, mode, text))

    def render(self):
        lines = [f"{self.name}: {'ok' if self.ok else 'FAIL'}"]
        for mode, t in self.tally.items():
            lines.append(f"  {mode:<15} {t.right}/{t.total} messages right")
        for prefs, t in self.reference.items():
            lines.append(f"  Lua reference {prefs:<7} {t.right}/{t.total}")
        for cls in CLASSES:
            for f in (f for f in self.failures if f.cls == cls):
                lines.append(f"  [{cls}] {f.mode + ': ' if f.mode else ''}{f.text}")
        for mode, text in self.limits:
            lines.append(f"  [tshark limit, not a failure] {mode}: {text}")
        return "\n".join(lines)


# --- how messages read in a report ------------------------------------------

def preview(body):
    if body is None:
        return ""
    for encoding in ("utf-8", "cp949"):
        try:
            text = body.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return f" {body[:12].hex()}…"
    text = text if len(text) <= 24 else text[:24] + "…"
    return f" {text!r}"


def show(item):
    """A logged or decoded message, for a report line."""
    if item.body is None:
        return f"malformed length {item.length}"
    cut = "" if len(item.body) == item.length else f" ({len(item.body)} bytes present)"
    return f"len={item.length}{cut}{preview(item.body)}"


def at(item):
    return f" (frame {item.frame})" if getattr(item, "frame", None) else ""


# --- text ------------------------------------------------------------------

PYTHON_CODEC = {"UTF-8": "utf-8", "ASCII": "ascii", "CP949": "cp949", "EUC-KR": "euc_kr",
                "ISO-8859-1": "latin-1"}


def shown_controls(text):
    """Text with control characters as the plugin may show them (Unicode control
    pictures U+2400-U+241F, U+2421) turned back into the characters."""
    return "".join(chr(ord(c) - 0x2400) if 0x2400 <= ord(c) <= 0x241F else
                   "\x7f" if c == "\u2421" else c for c in text)


def text_problem(body, decoded):
    """Why labproto's text/encoding of `body` is wrong, or None."""
    for name in ("UTF-8", "CP949"):
        try:
            expected = body.decode(PYTHON_CODEC[name])
            break
        except UnicodeDecodeError:
            continue
    else:
        if decoded.encoding != "none" or decoded.text is not None:
            return f"body decodes in neither UTF-8 nor CP949, shown as {decoded.encoding}"
        return None
    if decoded.encoding not in (name, "ASCII" if name == "UTF-8" else name):
        return f"encoding {decoded.encoding}, expected {name}"
    if decoded.text is None or shown_controls(decoded.text) != expected:
        return f"text {_short(decoded.text)} does not represent the body {_short(expected)}"
    return None


def _short(text):
    r = repr(text)
    return r if len(r) <= 60 else r[:57] + "…" + r[-3:]


# --- alignment ---------------------------------------------------------------

def align(expected, got):
    """difflib opcodes between the logged and the decoded (length, body) lists."""
    return difflib.SequenceMatcher(None, [m.key for m in expected], [d.key for d in got],
                                   autojunk=False).get_opcodes()


def matched(expected, got):
    """{index into expected: decoded item} for the messages decoded exactly."""
    pairs = {}
    for op, i1, i2, j1, _ in align(expected, got):
        if op == "equal":
            pairs.update({i1 + k: got[j1 + k] for k in range(i2 - i1)})
    return pairs


@dataclasses.dataclass
class Wanted:
    """A logged message as the check wants it: (length, body) or a malformed length."""
    index: int
    length: int
    body: bytes  # None: labproto must report a malformed length here
    seq: int = None  # relative TCP sequence number of its header (None: not known)

    @property
    def key(self):
        return (self.length, self.body)


def wanted(conn, direction, expect):
    """The messages labproto must show for a direction of a connection."""
    messages = conn.complete(direction)[expect.skip_first:]
    lost = (expect.lost_from or {}).get(direction)
    seqs, seq = {}, 1  # the capture saw the handshake: relative seq 1 is the first byte
    for m in conn.messages[direction]:
        seqs[m.index] = seq if not expect.skip_first else None
        seq += len(m.header) + m.length
    result = []
    for m in messages:
        if lost is not None and m.index >= lost:
            result.append(Wanted(m.index, m.length, None))
            break
        result.append(Wanted(m.index, m.length, m.body, seqs[m.index]))
    return result


def body_overtaken(w, segs):
    """Whether `w`'s header ended its segment and later bytes of its body (from Wireshark
    4.6 on: any later bytes) reached the capture before the body's first byte did (lost,
    then retransmitted). From 4.6 on TCP hands a retransmission to no dissector unless it
    completes a reassembly, so such a body never reaches labproto."""
    if w.seq is None or w.length == 0:
        return False
    start, end = w.seq + 4, w.seq + 4 + w.length
    if WS_VERSION >= (4, 6):
        end = 1 << 32
    if not any(s.seq <= w.seq and s.seq + s.length == start for s in segs):
        return False
    first = next((s for s in segs if s.seq <= start < s.seq + s.length), None)
    return first is not None and any(
        s.frame < first.frame and start < s.seq < end and s.length for s in segs)


# --- the message check of one mode ------------------------------------------

OVERTAKEN = ("its header came alone and the start of its body was overtaken by later "
             "segments: labproto pairs a header sent alone with its body itself "
             "(labproto.pair_lone_headers on), and with TCP's default preferences TCP hands over "
             "no body start that comes after later bytes (docs/plugin.md, known limits)")


def check_direction(report, mode, label, want, got, ref, expect, segs=()):
    """Compares one direction in one mode; `ref` is what the Lua reference decodes and
    `segs` the direction's TCP segments."""
    tally = report.tally.setdefault(mode.name, Tally())
    tally.total += len(want)
    by_ref = matched(want, ref)
    # What the Lua reference (tcp_dissect_pdus, on TCP's own reassembly) does not get is
    # tshark's limit, in every mode: with out-of-order reassembly on, 4.0 gets every
    # message of every recording here, but 3.6 takes a delayed header for a retransmission
    # and drops it, and 4.2 to 4.6 lose some of loss_jitter's (docs/plugin.md, On real networks).
    # labproto must get every message the reference gets.
    required = set(by_ref)
    # The reference decodes what a malformed length would frame: labproto must stop there.
    required |= {i for i, w in enumerate(want) if w.body is None}
    for op, i1, i2, j1, j2 in align(want, got):
        if op == "equal":
            tally.right += i2 - i1
            continue
        n = max(i2 - i1, j2 - j1)
        pairs = [(want[i] if i < i2 else None, got[j] if j < j2 else None, i)
                 for i, j in zip(range(i1, i1 + n), range(j1, j1 + n))]
        # A message no dissector was handed (or, for the heuristic, one before its claim)
        # and not replaced by something else is tshark's limit, not labproto's failure.
        # With default TCP preferences, data TCP hands over out of order may be read as a
        # length (docs/plugin.md, Bad and partial data): a malformed length there is the same limit.
        prefix = expect.prefix_may_be_missing and i1 == 0 and op == "delete"
        limit = [p for p in pairs if p[0] is not None and (prefix or p[2] not in required) and
                 (p[1] is None or p[1].body is None and not mode.out_of_order)]
        if limit:
            why = "before the heuristic claimed the stream" if prefix else \
                "the Lua reference does not get them either"
            shown = [p[1] for p in limit if p[1] is not None]
            also = f"; labproto shows a malformed length{at(shown[0])}" if shown else ""
            report.limits.append((mode.name, f"{label}: {_span(limit)} not decoded "
                                  f"({why}){also}"))
        overtaken = [p for p in pairs if p not in limit and mode.paired and
                     not mode.out_of_order and
                     p[0] is not None and p[1] is None and body_overtaken(p[0], segs)]
        for p in overtaken:
            report.limits.append((mode.name, f"{label}: message {p[0].index} not decoded "
                                  f"({OVERTAKEN})"))
        failing = [p for p in pairs if p not in limit and p not in overtaken]
        for text in describe_block(failing, by_ref):
            report.fail("messages", mode.name, f"{label}: {text}")


def _span(pairs):
    first, last = pairs[0][0].index, pairs[-1][0].index
    return f"message {first}" if first == last else f"messages {first}-{last}"


def describe_block(pairs, by_ref):
    """Report lines for (sent, shown, index) pairs that differ; a run of sent messages
    not shown at all reads as one line."""
    lines, run = [], []

    def flush():
        if len(run) < 3:
            lines.extend(_one(w, None, i, by_ref) for w, _, i in run)
        else:
            frames = [by_ref[i].frame for _, _, i in run if i in by_ref]
            ref = f"; the Lua reference decodes them in frames {frames[0]}-{frames[-1]}" \
                if frames else ""
            lines.append(f"{_span(run)} ({len(run)}): not shown{ref}")
        run.clear()

    for w, d, i in pairs:
        if w is not None and d is None:
            run.append((w, d, i))
            continue
        flush()
        lines.append(_one(w, d, i, by_ref))
    flush()
    return lines


def _one(w, d, i, by_ref):
    where = f"; the Lua reference decodes it{at(by_ref[i])}" if w is not None and i in by_ref \
        else ""
    if w is not None and d is not None:
        return f"message {w.index}: sent {show(w)}, shown {show(d)}{at(d)}{where}"
    if w is not None:
        return f"message {w.index}: sent {show(w)}, not shown{where}"
    return f"shown {show(d)}{at(d)}, never sent"


def check_fields(report, mode, label, direction, got, pairs, want, missing_from=None,
                 start_seen=True):
    """labproto.direction, msg_index and text of the messages shown. A message shown has
    its sender's index, except after data that never reached labproto (`missing_from`,
    the first frame of the direction with labproto.data.missing: default TCP preferences
    with loss), from where indexes count on from the last one known; they only rise.
    Where labproto did not see the direction start (a capture begun mid-conversation, a
    heuristic claim after the first messages) it counts from 1 at the first it shows."""
    indexes = [d.index for d in got]
    if any(i < 1 for i in indexes) or indexes != sorted(set(indexes)):
        report.fail("index", mode.name, f"{label}: msg_index not rising from 1 "
                    f"(indexes {indexes[:8]}…)")
    ordered = sorted(pairs.items())
    offset = 0
    if not start_seen and ordered:
        offset = want[ordered[0][0]].index - 1
    for i, d in ordered:
        if (missing_from is None or d.frame < missing_from) and \
                d.index != want[i].index - offset:
            report.fail("index", mode.name, f"{label}: message {want[i].index} shown has "
                        f"msg_index {d.index}{at(d)}")
            break
    value = 0 if direction == C2S else 1
    wrong = [d for d in got if d.direction != value]
    if wrong:
        report.fail("direction", mode.name, f"{label}: labproto.direction {wrong[0].direction}"
                    f"{at(wrong[0])}, expected {value}")
    for i, d in sorted(pairs.items()):
        if want[i].body is None:
            continue
        problem = text_problem(want[i].body, d)
        if problem:
            report.fail("text", mode.name, f"{label}: message {want[i].index}{at(d)}: {problem}")


# --- lifecycle ---------------------------------------------------------------

def tcp_lifecycle(segs, client):
    """What TCP's own fields say about a stream: {event: frame}, and who closed first."""
    events = {}
    first = segs[0]
    syn = next((s for s in segs if s.syn and not s.has_ack), None)
    synack = next((s for s in segs if s.syn and s.has_ack), None)
    if first.syn and syn and synack:
        done = next((s for s in segs if s.frame > synack.frame and s.src == syn.src and
                     s.has_ack and not s.syn and s.ack == synack.seq + 1), None)
        if done:
            events["handshake-complete"] = done.frame
    elif not first.syn:
        # Without the SYN, a stream is known to be lab traffic only from its data: the
        # note goes on its first data segment (bare ACKs before it are TCP's alone).
        events["handshake-missing"] = next((s.frame for s in segs if s.length), first.frame)
    fins = {}
    for s in segs:
        d = C2S if s.src == client else S2C
        if s.fin and d not in fins:
            fins[d] = s
    for d, s in fins.items():
        events[f"fin {ARROW[d]}"] = s.frame
    if len(fins) == 2:
        acked = []
        for d, fin in fins.items():
            end = fin.seq + fin.length + 1
            ack = next((s for s in segs if s.frame > fin.frame and s.src == fin.dst and
                        s.has_ack and s.ack >= end), None)
            acked.append(ack.frame if ack else None)
        if None not in acked:
            events["teardown-complete"] = max(acked)
    rst = next((s for s in segs if s.rst), None)
    if rst:
        events["reset"] = rst.frame
    initiator = None
    if fins:
        initiator = min(fins, key=lambda d: fins[d].frame)
    elif rst:
        initiator = C2S if rst.src == client else S2C
    return events, initiator


def plugin_lifecycle(decoding, segs, client):
    """The same, from labproto.conn.event and close_initiator."""
    events = {}
    initiators = set()
    for s in segs:
        for e in decoding.events.get(s.frame, []):
            name = e
            if e == "fin":
                name = f"fin {ARROW[C2S if s.src == client else S2C]}"
            if e in ("syn", "synack"):
                continue  # a duplicated SYN may be shown again: not compared
            events.setdefault(name, s.frame)
        if s.frame in decoding.close_initiator:
            initiators.add(decoding.close_initiator[s.frame])
    return events, initiators


def check_lifecycle(report, mode, label, decoding, segs, client, expect):
    tcp, initiator = tcp_lifecycle(segs, client)
    shown, initiators = plugin_lifecycle(decoding, segs, client)
    if expect.prefix_may_be_missing and "handshake-complete" in tcp:
        # docs/plugin.md: the handshake has gone by before the heuristic claims, and frames before
        # the claim read the same in every pass.
        report.limits.append((mode.name, f"{label}: handshake not annotated (the heuristic "
                              "claims the stream after it)"))
        tcp.pop("handshake-complete")
        shown.pop("handshake-complete", None)
    for event in sorted(set(tcp) | set(shown)):
        if tcp.get(event) != shown.get(event):
            report.fail("lifecycle", mode.name, f"{label}: {event}: TCP's fields say "
                        f"{_frame_or_none(tcp.get(event))}, labproto says "
                        f"{_frame_or_none(shown.get(event))}")
    if initiator and initiators - {0 if initiator == C2S else 1}:
        report.fail("lifecycle", mode.name, f"{label}: close_initiator {sorted(initiators)}, "
                    f"but {ARROW[initiator]} closed first")


def _frame_or_none(frame):
    return f"frame {frame}" if frame else "nothing"


def check_cut(report, mode, label, conn, decoding, segs):
    """A message its sender was killed in the middle of: labproto.msg.truncated says so."""
    frames = {s.frame for s in segs}
    notes = [m for f, name, m in decoding.experts if f in frames and
             name == "labproto.msg.truncated"]
    for direction in (C2S, S2C):
        for m in conn.cut(direction):
            needle = f"{len(m.body)} of {m.length}"
            if not any(needle in n for n in notes):
                report.fail("cut", mode.name, f"{label}: message {m.index} {ARROW[direction]} "
                            f"was cut after {needle} body bytes; labproto's truncation notes: "
                            f"{notes or 'none'}")


# --- the flow graph ------------------------------------------------------------

def flow_node(end):
    """A flow graph node as labproto names it: 192.0.2.1:9000, [2001:db8::1]:9000."""
    address, port = end
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def check_flow(report, tshark, capture, segs, streams, extra_args):
    """-z flow,labproto,standard (with -2): one arrow per segment, and a node for each
    end of each connection, address and port. Only where every stream of the capture is
    a logged lab connection that labproto owns from its first segment."""
    out = tshark.run("-r", capture, "-2", "-q", "-z", "flow,labproto,standard",
                     *extra_args).stdout.splitlines()
    header = " ".join(out[:2])  # "Conv.| Time | 192.0.2.1:40628 | ..."
    nodes = {cell.strip() for cell in header.split("|") if ":" in cell}
    arrows = sum(1 for line in out[2:] if "<-" in line or "->" in line)  # not the rules
    want = {flow_node(end) for _, conn, _ in streams for end in (conn.client, conn.server)}
    if nodes != want or arrows != len(segs):
        report.fail("flow", "2-pass default", f"-z flow,labproto draws {arrows} arrows between "
                    f"{sorted(nodes)}; the capture has {len(segs)} segments between "
                    f"{sorted(want)}")


# --- a capture ---------------------------------------------------------------

def streams_of(segs, connections, report):
    """[(stream, Connection, [Segment])] for the capture's streams the logs know."""
    by_stream = {}
    for s in segs:
        by_stream.setdefault(s.stream, []).append(s)
    result, seen = [], set()
    for stream, ss in sorted(by_stream.items()):
        ends = {ss[0].src, ss[0].dst}
        conn = next((c for c in connections.values() if {c.client, c.server} == ends), None)
        if conn is None:
            continue  # a connection that sent no message (nothing to check)
        seen.add(id(conn))
        result.append((stream, conn, ss))
    for conn in connections.values():
        if id(conn) not in seen:
            report.fail("capture", "", f"{conn.client} → {conn.server} logged messages but is "
                        "not in the capture")
    return result


def without_labproto_prefs(args):
    """tshark options less labproto's preferences: applying one re-registers labproto on its
    port, which would take port 9000 from the Lua reference."""
    args, kept = list(args), []
    while args:
        option = args.pop(0)
        if option == "-o" and args and args[0].startswith("labproto."):
            args.pop(0)
        else:
            kept.append(option)
    return kept


def check_capture(tshark, capture, connections, expect, lua, extra_args=(), name=None):
    """The whole check of one capture; returns a Report."""
    report = Report(name or capture)
    segs = decode.segments(tshark, capture)
    by_frame = {s.frame: s for s in segs}
    lua_args = without_labproto_prefs(extra_args) + (
        ["-o", "labref.big_endian:TRUE"] if expect.big_endian else [])
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = {mode: pool.submit(decode.plugin, tshark, capture, by_frame,
                                  list(extra_args) + mode.args()) for mode in MODES}
        # The reference reads the capture in each TCP mode, -2 included: TCP's reassembly
        # can differ between passes (4.6 takes a retransmission that completed a
        # reassembly in the first pass for plain retransmitted data in the second).
        refs = {(two, ooo): pool.submit(decode.reference, tshark, capture, by_frame, lua,
                                        lua_args + Mode(two, ooo).args())
                for two in (False, True) for ooo in (False, True)}
        stats = pool.submit(decode.malformed_count, tshark, capture, list(extra_args)) \
            if expect.stats else None
        runs = {mode: f.result() for mode, f in runs.items()}
        refs = {key: f.result() for key, f in refs.items()}
    streams = streams_of(segs, connections, report)
    for mode in MODES:
        decoding = runs[mode]
        for stream, conn, ss in streams:
            label = f"stream {stream}"
            check_lifecycle(report, mode, label, decoding, ss, conn.client, expect)
            check_cut(report, mode, label, conn, decoding, ss)
            for direction in (C2S, S2C):
                src, dst = conn.ends(direction)
                dlabel = f"{label} {ARROW[direction]}"
                want = wanted(conn, direction, expect)
                got = [d for d in decoding.messages if (d.src, d.dst) == (src, dst)]
                ref = [d for d in refs[mode.two_pass, mode.out_of_order]
                       if (d.src, d.dst) == (src, dst)]
                check_direction(report, mode, dlabel, want, got, ref, expect,
                                [s for s in ss if s.src == src])
                missing = [f for f, name, text in decoding.experts
                           if name == "labproto.data.missing" and SHORT_ARROW[direction] in text]
                start_seen = not expect.prefix_may_be_missing and \
                    "handshake-missing" not in tcp_lifecycle(ss, conn.client)[0]
                check_fields(report, mode, dlabel, direction, got, matched(want, got), want,
                             min(missing, default=None), start_seen)
    check_passes(report, runs, refs, streams, expect)
    if not expect.prefix_may_be_missing and len(streams) == len({s.stream for s in segs}):
        check_flow(report, tshark, capture, segs, streams, list(extra_args))
    for ooo in (False, True):
        ref = refs[False, ooo]
        t = report.reference.setdefault("ooo" if ooo else "default", Tally())
        for _, conn, _ in streams:
            for direction in (C2S, S2C):
                src, dst = conn.ends(direction)
                want = [w for w in wanted(conn, direction, expect) if w.body is not None]
                t.total += len(want)
                t.right += len(matched(want, [d for d in ref if (d.src, d.dst) == (src, dst)]))
    if stats is not None:
        cut = sum(len(c.cut(d)) for _, c, _ in streams for d in (C2S, S2C))
        lost = sum(1 for _, c, _ in streams for d in (C2S, S2C)
                   if any(w.body is None for w in wanted(c, d, expect)))
        count = stats.result()
        if count != cut + lost:
            report.fail("stats", "1-pass default", f"-z labproto,tree counts {count} malformed "
                        f"messages; the senders cut {cut} short and {lost} had a length above "
                        "max_len")
    return report


def check_passes(report, runs, refs, streams, expect):
    """One pass and -2 show the same messages in the same frames, unless TCP itself hands
    the Lua reference a message in one of them only."""
    for one_pass in (m for m in runs if not m.two_pass):
        one = runs[one_pass]
        two = runs[dataclasses.replace(one_pass, two_pass=True)]
        prefs = one_pass.name.split(" ", 1)[1]
        for stream, conn, _ in streams:
            for direction in (C2S, S2C):
                src, dst = conn.ends(direction)

                def frames(decoded):
                    got = matched(want, [d for d in decoded if (d.src, d.dst) == (src, dst)])
                    return {i: d.frame for i, d in got.items()}

                want = wanted(conn, direction, expect)
                a, b = frames(one.messages), frames(two.messages)
                ref_a = frames(refs[False, one_pass.out_of_order])
                ref_b = frames(refs[True, one_pass.out_of_order])
                label = f"stream {stream} {ARROW[direction]}"
                for i in sorted(set(a) | set(b)):
                    fa, fb = a.get(i), b.get(i)
                    if fa == fb:
                        continue
                    text = (f"{label}: message {want[i].index} is in {_frame_or_none(fa)} in "
                            f"one pass, {_frame_or_none(fb)} with -2")
                    if (i in ref_a) != (i in ref_b) and (i in a, i in b) == (i in ref_a, i in ref_b):
                        report.limits.append((prefs, f"{text} (TCP hands it over in that pass "
                                              "only: the Lua reference the same)"))
                    else:
                        report.fail("passes", prefs, text)
