"""The file-transfer lab (LABPROTO file transfer): the path, each file_segment record, the
stale bytes after the data, and the file put back together and exported, on the loopback
recordings of samples/lab/ft_*.c."""
import os
import pathlib

import pytest

from conftest import SOURCE_DIR

SAMPLE, TWO = "file_transfer/sample.pcapng", "file_transfer/two_records.pcapng"
DECODE = {SAMPLE: "tcp.port==7000,labproto_ft", TWO: "tcp.port==7001,labproto_ft"}
SENT = {SAMPLE: SOURCE_DIR / "samples/lab/ft_sample.txt",
        TWO: SOURCE_DIR / "samples/lab/ft_two_records.txt"}
FIELDS = ["frame.number", "labproto_ft.path", "labproto_ft.record", "labproto_ft.len",
          "labproto_ft.offset", "labproto_ft.file_size"]


def rows(tshark, capture, *args):
    return tshark.fields(tshark.capture(capture), FIELDS, "-d", DECODE[capture],
                         "-Y", "labproto_ft", *args)


@pytest.mark.parametrize("passes", [(), ("-2",)])
def test_path_and_records_frame_by_frame(tshark, passes):
    assert rows(tshark, SAMPLE, *passes) == [
        ["4", "lab/ft_sample.txt", "", "", "", ""],
        ["6", "", "1", "256", "0", ""],
        ["8", "", "2", "256", "256", ""],
        ["10", "", "3", "70", "512", "582"],  # short: the end of the file
    ]


def test_a_file_of_whole_records_ends_where_a_second_pass_knows_it(tshark):
    # No short record and no data in the close: one pass cannot tell record 2 was the last.
    assert [r[5] for r in rows(tshark, TWO)] == ["", "", ""]
    assert [r[5] for r in rows(tshark, TWO, "-2")] == ["", "", "512"]


def test_stale_bytes_after_the_last_records_data(tshark):
    notes = tshark.expert(tshark.capture(SAMPLE), "-d", DECODE[SAMPLE], layer="labproto_ft")
    stale = [(frame, message) for frame, name, _, message in notes
             if name == "labproto_ft.padding.stale"]
    # Record 3 holds 70 bytes; the other 186 of buf are what record 2 left there.
    assert stale == [(10, "186 of the 186 bytes of buf after the data are not zero: what buf "
                          "held before (an earlier record's data), sent along because the "
                          "whole struct is written")]
    padding = tshark.fields(tshark.capture(SAMPLE), ["labproto_ft.padding"], "-d",
                            DECODE[SAMPLE], "-Y", "labproto_ft.record == 3")[0][0]
    sent = SENT[SAMPLE].read_bytes()
    assert bytes.fromhex(padding) == sent[256 + 70:512]  # record 2's tail


@pytest.mark.parametrize("capture,passes", [(SAMPLE, ()), (SAMPLE, ("-2",)), (TWO, ("-2",))])
def test_export_objects_gives_back_the_file_sent(tshark, capture, passes):
    out = pathlib.Path(tshark.scratch(f"export-{len(passes)}-{pathlib.Path(capture).stem}"))
    out.mkdir(mode=0o777)
    os.chmod(out, 0o777)
    tshark.run("-r", tshark.capture(capture), "-d", DECODE[capture], *passes, "-q",
               "--export-objects", f"labproto_ft,{out}")
    assert sorted(p.name for p in out.iterdir()) == [SENT[capture].name]
    assert (out / SENT[capture].name).read_bytes() == SENT[capture].read_bytes()


@pytest.mark.parametrize("capture", [SAMPLE, TWO])
def test_no_default_port(tshark, capture):
    assert tshark.run("-r", tshark.capture(capture), "-Y", "labproto_ft").stdout == ""
