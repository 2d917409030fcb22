"""Traffic that is not the lab's but touches its port 9000 (real loopback
recordings, samples/record-foreign.py): labproto leaves it to the dissector
Wireshark would have used without the plugin, with at most its note."""
import pathlib
import tempfile

import pytest

S101 = "foreign/s101_9000.pcapng"
FASTCGI = "foreign/fastcgi_9000.pcapng"
HTTP = "foreign/http_client_9000.pcapng"
PASSES = pytest.mark.parametrize("passes", [(), ("-2",)], ids=["one-pass", "two-pass"])
# What the other dissectors show, frame by frame.
SHOWN = ["frame.number", "_ws.col.Protocol", "_ws.col.Info", "tcp.stream"]


@pytest.fixture(scope="module")
def bare(tshark):
    """The same tshark with no plugin loaded at all (an empty plugin folder)."""
    empty = pathlib.Path(tempfile.mkdtemp(prefix="labproto-noplugin-", dir=tshark.stage))
    empty.chmod(0o777)
    t = tshark.with_env({"WIRESHARK_PLUGIN_DIR": str(empty)})
    assert "labproto" not in t.run("-G", "plugins").stdout
    return t


def labproto_items(tshark, capture, *args):
    """Every labproto field in the capture, as (frame, field name)."""
    return [(frame, name) for frame, records in tshark.packets(capture, *args)
            for r in records for name in flatten(r)]


def flatten(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("labproto"):
                yield key
            yield from flatten(value)
    elif isinstance(node, list):
        for item in node:
            yield from flatten(item)


HANDSHAKE = [(1, "labproto.handshake.syn"), (2, "labproto.handshake.synack"),
             (3, "labproto.handshake.complete")]
CHAT, NOTE = "2097152", "4194304"  # PI_CHAT, PI_NOTE


def only_the_note(tshark, capture, passes):
    """labproto's expert infos on `capture`: the foreign note on the first data,
    and in one pass (up to Wireshark 4.4; 4.6 shows none) the handshake (Chat) it
    annotated before that data came."""
    experts = tshark.expert(tshark.capture(capture), *passes)
    before = HANDSHAKE if not passes and experts[:1] and experts[0][1] in dict(
        (name, f) for f, name in HANDSHAKE) else []
    assert [(frame, name) for frame, name, *_ in experts] == before + [
        (4, "labproto.stream.foreign")], experts
    assert [severity for _, _, severity, _ in experts] == [CHAT] * len(before) + [NOTE]
    note = experts[-1][3]
    assert note.startswith("Not labproto: the first data on port 9000 is not a lab message")
    return note


def shown(tshark, capture, passes, more=()):
    """SHOWN (and `more`) with the plugin. In one pass, the handshake marks in the
    Info column of frames 1-3 came before the first data showed that the stream
    is not labproto's: they are checked and taken out."""
    rows = tshark.fields(capture, SHOWN + list(more), *passes)
    if not passes:
        for number, row in enumerate(rows[:3], 1):
            mark = f" [Handshake {number}/3]"
            if row[2].endswith(mark):  # not on 4.6
                row[2] = row[2][:-len(mark)]
    return rows


@PASSES
def test_s101_is_still_decoded_by_s101(tshark, bare, passes):
    capture = tshark.capture(S101)
    s101 = ["frame.number", "s101.cmdtype", "s101.crc.status", "glow"]
    decoded = tshark.fields(capture, s101, *passes, "-Y", "s101")
    assert [row[1] for row in decoded] == ["0x00", "0x00", "0x01", "0x02", "0x01", "0x02"]
    assert decoded == bare.fields(capture, s101, *passes, "-Y", "s101")
    assert shown(tshark, capture, passes) == bare.fields(capture, SHOWN, *passes)


@PASSES
def test_s101_gets_no_labproto_error_at_most_the_note(tshark, passes):
    assert only_the_note(tshark, S101, passes).endswith("; S101")
    # No message, header or lifecycle error: nothing but the note's own item.
    items = labproto_items(tshark, tshark.capture(S101), *passes)
    assert {frame for frame, _ in items} == ({4} if passes else {1, 2, 3, 4})
    assert {name for frame, name in items if frame == 4} == {"labproto.stream.foreign"}
    assert tshark.fields(tshark.capture(S101), ["frame.number"], *passes,
                         "-Y", "labproto.len or labproto.header.len") == []


@PASSES
def test_fastcgi_gets_no_labproto_error_or_warning(tshark, bare, passes):
    capture = tshark.capture(FASTCGI)
    # S101 has port 9000 and turns the records down: TCP shows them as data.
    assert only_the_note(tshark, FASTCGI, passes).endswith("; S101")
    assert tshark.fields(capture, ["frame.number"], *passes,
                         "-Y", "labproto.len or labproto.header.len") == []
    # FastCGI has no port of its own: without the plugin it is TCP data.
    assert shown(tshark, capture, passes, ["data.len"]) == \
        bare.fields(capture, SHOWN + ["data.len"], *passes)


@PASSES
def test_decode_as_fastcgi_wins_over_labproto(tshark, bare, passes):
    capture = tshark.capture(FASTCGI)
    args = ("-d", "tcp.port==9000,fcgi", *passes)
    fcgi = ["frame.number", "fcgi.type", "fcgi.content.length"]
    records = tshark.fields(capture, fcgi, *args, "-Y", "fcgi")
    assert [row[1] for row in records] == ["1|4|4|5", "6|6|3"]
    assert records == bare.fields(capture, fcgi, *args, "-Y", "fcgi")
    assert labproto_items(tshark, capture, *args) == []


@PASSES
def test_http_client_on_port_9000_is_not_labproto_at_all(tshark, bare, passes):
    capture = tshark.capture(HTTP)
    assert tshark.packets(capture, *passes) == []
    verbose = tshark.run("-r", capture, "-V", *passes).stdout
    assert "labproto" not in verbose.lower() and "Lab Length-Prefixed" not in verbose
    assert "Handshake" not in verbose and "teardown" not in verbose.lower()
    http = SHOWN + ["http.request.method", "http.response.code"]
    rows = tshark.fields(capture, http, *passes)
    assert [row[4:] for row in rows if row[4:] != ["", ""]] == [["GET", ""], ["", "200"]]
    assert rows == bare.fields(capture, http, *passes)
