"""A folder of small lab captures, each with the labcheck spec it must pass.

The specs are written from what the generator sent, not from what tshark
decodes, so a labcheck run over the folder also checks the plugin: every
capture must PASS.
"""
import json
import pathlib

from traffic import PROFILES, Generator

_SIDES = ("client", "server")


def spec_text(transcript):
    """The sidecar YAML for one lab capture (JSON strings are YAML scalars)."""
    lines = ["handshake: complete", "teardown: complete",
             f"closed_by: {_SIDES[transcript.closed_by]}", "messages:"]
    for side, name in enumerate(_SIDES):
        messages = transcript.messages[side]
        lines.append(f"  {name}:" + ("" if messages else " []"))
        for text, length in messages:
            quoted = json.dumps(text, ensure_ascii=False)
            lines.append(f"    - {{length: {length}, text: {quoted}}}")
    lines += ["expert:", "  max_severity: note",
              "  forbidden: [labproto.msg.truncated, labproto.len.too_large, _ws.malformed]"]
    return "\n".join(lines) + "\n"


def write_corpus(folder, count, seed=1):
    """Writes lab0000.pcap + lab0000.yaml ... into `folder`; returns the capture paths."""
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    captures = []
    for number in range(count):
        generator = Generator(PROFILES["lab"], seed * 100_003 + number, keep_transcripts=True)
        capture = folder / f"lab{number:04d}.pcap"
        generator.write(capture)
        (transcript,) = generator.transcripts
        capture.with_suffix(".yaml").write_text(spec_text(transcript), encoding="utf-8")
        captures.append(capture)
    return captures
