"""The length-prefix table (labproto.formats): a home-grown length-prefixed protocol
described by one row is decoded like the lab's own, on the generated prefix_* captures."""
import pytest

ROWS = {  # capture: (the row, client message lengths as the field reads them)
    "prefix_u8": ('"7101","0","1","auto","FALSE","1048576","auto"', [13, 30, 12]),
    "prefix_u16_big": ('"7102","0","2","big","FALSE","1048576","auto"', [13, 30, 12]),
    "prefix_u64": ('"7103","0","8","auto","FALSE","1048576","auto"', [13, 30, 12]),
    "prefix_type_then_u32_big": ('"7104","2","4","big","FALSE","1048576","utf-8"', [13, 30, 12]),
    "prefix_u16_counts_header": ('"7105","0","2","little","TRUE","1048576","auto"',
                                 [15, 32, 14]),
}
TEXTS = ["첫 메시지", "second message, in one segment", "header alone"]


def capture(tshark, name):
    return tshark.capture(f"generated/{name}.pcapng")


@pytest.mark.parametrize("name", sorted(ROWS))
@pytest.mark.parametrize("passes", [(), ("-2",)])
def test_each_row_decodes_its_protocol(tshark, name, passes):
    row, lengths = ROWS[name]
    got = tshark.messages(capture(tshark, name), "-o", f"uat:labproto_formats:{row}", *passes)
    # Message 3's header is alone in frame 8: the message is shown with its body, in 10.
    assert got == [(4, 0, 1, lengths[0], TEXTS[0]), (6, 0, 2, lengths[1], TEXTS[1]),
                   (10, 0, 3, lengths[2], TEXTS[2]),
                   (12, 1, 1, lengths[0] - len(TEXTS[0].encode()) + 5, "reply")]


@pytest.mark.parametrize("name", sorted(ROWS))
def test_without_its_row_the_port_is_not_labprotos(tshark, name):
    assert tshark.messages(capture(tshark, name)) == []


def test_the_lifecycle_follows_a_rows_streams(tshark):
    row, _ = ROWS["prefix_u64"]
    experts = {n for _, n, _, _ in tshark.expert(capture(tshark, "prefix_u64"), "-o",
                                                 f"uat:labproto_formats:{row}")}
    assert {"labproto.handshake.complete", "labproto.teardown.complete"} <= experts


def test_the_labs_own_port_keeps_its_format(tshark):
    row, _ = ROWS["prefix_u8"]
    plain = tshark.messages(tshark.capture("lab_cp949.pcapng"))
    assert tshark.messages(tshark.capture("lab_cp949.pcapng"), "-o",
                           f"uat:labproto_formats:{row}") == plain


@pytest.mark.parametrize("row,message", [
    ('"7101","0","3","auto","FALSE","1048576","auto"', "the width must be 1, 2, 4 or 8"),
    ('"7101","15","4","auto","FALSE","1048576","auto"', "the header at most 16 bytes"),
    ('"","0","4","auto","FALSE","1048576","auto"', "Give the row a port"),
    ('"7101","0","4","sideways","FALSE","1048576","auto"', "invalid value: sideways"),
    ('"7101","0","4","auto","FALSE","0","auto"', "must be above 0"),
])
def test_a_bad_row_is_refused_with_the_reason(tshark, row, message):
    proc = tshark.run("-r", capture(tshark, "prefix_u8"), "-o", f"uat:labproto_formats:{row}",
                      check=False)
    assert proc.returncode != 0
    assert message in proc.stderr


def test_the_statistics_count_a_rows_messages_with_its_header(tshark):
    row, _ = ROWS["prefix_u64"]
    out = tshark.run("-r", capture(tshark, "prefix_u64"), "-o", f"uat:labproto_formats:{row}",
                     "-q", "-z", "labproto,tree").stdout
    count = {line[:38].strip(): line[38:].split()[0] for line in out.splitlines()
             if line[:38].strip() in ("Messages", "Bytes (header + body)")}
    # 4 messages: 13 + 30 + 12 + 5 body bytes and four 8-byte headers.
    assert count == {"Messages": "4", "Bytes (header + body)": "92"}
