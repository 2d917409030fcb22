"""tshark really loads the plugin under test and exposes its public contract."""
import re

from conftest import BUILT_PLUGIN, sha256

FIELDS = {
    "labproto.len": "FT_UINT64",  # 1 to 8 bytes wide (the length-prefix table)
    "labproto.payload": "FT_BYTES",
    "labproto.text": "FT_STRING",
    "labproto.direction": "FT_UINT8",
    "labproto.msg_index": "FT_UINT32",
    "labproto.byte_order": "FT_UINT8",
    "labproto.encoding": "FT_STRING",
}

EXPERT = ["labproto.len.too_large", "labproto.len.zero", "labproto.msg.truncated"]


def test_plugin_listed_is_the_staged_build(tshark):
    out = tshark.run("-G", "plugins").stdout
    line = next(l for l in out.splitlines() if "labproto.so" in l)
    assert line.split("\t")[-1].strip() == str(tshark.plugin)
    assert re.match(r"labproto\.so\s+\d+\.\d+\.\d+\s+dissector", line)
    assert sha256(tshark.plugin) == sha256(BUILT_PLUGIN)


def test_protocol_and_fields_registered(tshark):
    out = tshark.run("-G", "fields").stdout
    rows = [l.split("\t") for l in out.splitlines()]
    assert ["P", "Lab Length-Prefixed Protocol", "labproto"] in rows
    types = {r[2]: r[3] for r in rows if r[0] == "F"}
    for name, ftype in FIELDS.items():
        assert types.get(name) == ftype, name


def test_expert_infos_registered(tshark):
    out = tshark.run("-G", "fields").stdout
    names = {r[2] for r in (l.split("\t") for l in out.splitlines()) if len(r) > 3}
    for name in EXPERT:
        assert name in names, name


def test_preferences_with_defaults(tshark):
    out = tshark.run("-G", "defaultprefs").stdout
    for pref in ("labproto.max_len: 1048576",
                 "labproto.desegment: TRUE",
                 "labproto.byte_order: Automatic (per direction, from its first telling header)",
                 "labproto.encoding: Automatic (UTF-8, else CP949)"):
        assert re.search(rf"^#?{re.escape(pref)}$", out, re.M), pref


def test_port_preference_is_wiresharks_own(tshark):
    # dissector_add_uint_range_with_preference: like in-tree dissectors, the
    # port is a "tcp.port" registration (listed by -G decodes, not -G
    # defaultprefs) that Decode As and -o labproto.tcp.port both change.
    decodes = [line.split("\t") for line in tshark.run("-G", "decodes").stdout.splitlines()]
    assert ["tcp.port", "9000", "labproto"] in decodes


def test_heuristic_registered_and_disabled(tshark):
    out = tshark.run("-G", "heuristic-decodes").stdout
    # table, protocol, enabled (4.4 adds more columns after these)
    rows = [line.split("\t")[:3] for line in out.splitlines()]
    assert ["tcp", "labproto", "F"] in rows


def test_max_len_preference_takes_numbers_only(tshark):
    # A number is taken, so the refusal below is of the value, not of an unknown
    # preference. (No version refuses a bad enum value such as byte_order:sideways.)
    sample = tshark.capture("lab_cp949.pcapng")
    assert tshark.run("-o", "labproto.max_len:4096", "-r", sample).returncode == 0
    proc = tshark.run("-o", "labproto.max_len:abc", "-r", sample, check=False)
    assert proc.returncode != 0
    assert "labproto.max_len" in proc.stderr
