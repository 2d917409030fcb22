"""Follow labproto stream: `tshark -z follow,labproto,MODE,N` (Analyze > Follow where the
version lists registered followers). One record per message: `#index len=N "text"` and a
newline, the length header stripped, the text decoded as labproto detected it (sent to the
follower as UTF-8), control characters shown as their pictures."""
import yaml

SEP = "=" * 67
LAB_LINES = ['#1 len=10 "안녕하세요"', '#2 len=8 "반가워요"',
             '#3 len=35 "오늘따라 할 이야기가 많을 것 같네요"', '#4 len=13 "저도 그렇네요"']


def follow(tshark, capture, mode, stream=0, *args):
    return tshark.run("-r", tshark.capture(capture), "-q", "-z",
                      f"follow,labproto,{mode},{stream}", *args).stdout


def records(tshark, capture, stream=0, *args):
    """[(frame, peer, text)] from the yaml mode (peer 0: the client)."""
    doc = yaml.safe_load(follow(tshark, capture, "yaml", stream, *args))
    return doc["peers"], [(p["packet"], p["peer"], p["data"].decode("utf-8"))
                          for p in doc["packets"]]


def test_listed_among_tshark_statistics(tshark):
    proc = tshark.run("-z", "help")
    assert "follow,labproto" in (proc.stdout + proc.stderr).split()


def test_cp949_lab_run_decoded_headers_stripped(tshark):
    peers, got = records(tshark, "lab_cp949.pcapng")
    assert peers == [{"peer": 0, "host": "127.0.0.1", "port": 40628},
                     {"peer": 1, "host": "127.0.0.1", "port": 9000}]
    # The bodies' frames; the 4-byte header segments (5, 9, 13, 17) give no record.
    assert got == [(6, 0, LAB_LINES[0] + "\n"), (10, 0, LAB_LINES[1] + "\n"),
                   (14, 0, LAB_LINES[2] + "\n"), (18, 0, LAB_LINES[3] + "\n")]
    assert records(tshark, "lab_cp949.pcapng", 0, "-2") == (peers, got)


def test_ascii_mode_exact(tshark):
    # tshark's ascii printer shows every byte outside printable ASCII as a dot (the
    # UTF-8 of the Korean text here); lengths are of the records' UTF-8 bytes.
    dots = ["".join("." * len(c.encode()) if ord(c) > 127 else c for c in line)
            for line in LAB_LINES]
    assert follow(tshark, "lab_cp949.pcapng", "ascii") == "\n".join([
        "", SEP, "Follow: labproto,ascii", "Filter: tcp.stream eq 0",
        "Node 0: 127.0.0.1:40628", "Node 1: 127.0.0.1:9000",
        "28", dots[0], "", "24", dots[1], "", "63", dots[2], "", "32", dots[3], "",
        SEP]) + "\n"


def test_loopback_echo_both_directions(tshark):
    peers, got = records(tshark, "utf8_echo.pcapng")
    assert [(p["host"], p["port"]) for p in peers] == [("127.0.0.1", 40634),
                                                       ("127.0.0.1", 9000)]
    lines = ['#1 len=24 "안녕하세요 labproto"\n', '#2 len=12 "hello, world"\n',
             '#3 len=24 "UTF-8 한글 + ASCII 123"\n']
    assert got == [(6, 0, lines[0]), (8, 1, lines[0]), (11, 0, lines[1]), (13, 1, lines[1]),
                   (15, 0, lines[2]), (17, 1, lines[2])]
    ascii_out = follow(tshark, "utf8_echo.pcapng", "ascii")
    # The server's records are indented with a tab, as in TCP's follower.
    assert '\t25\n#2 len=12 "hello, world"\n\n' in ascii_out


def test_control_characters_visible(tshark):
    capture = "network/c_strings/server-pcapng.pcapng"
    _, got = records(tshark, capture, 0, "-o", "tcp.reassemble_out_of_order:TRUE")
    client = [text for _, peer, text in got if peer == 0]
    assert client[1:6] == [
        '#2 len=23 "numbers: 32 5 22 0 0 0\u2400"\n',
        '#3 len=16 "안녕하세요\u2400"\n',
        '#4 len=32 "hi' + "\u2400" * 30 + '"\n',
        '#5 len=23 "line one\u240aline two\u240d\u240a\u2409tab"\n',
        '#6 len=9 "반가워요\u2400"\n',
    ]


def test_raw_mode_is_the_same_records(tshark):
    raw = follow(tshark, "utf8_echo.pcapng", "raw").split(SEP + "\n")[1]
    rows = [line.lstrip("\t") for line in raw.splitlines()[4:]]
    _, got = records(tshark, "utf8_echo.pcapng")
    assert [bytes.fromhex(r).decode() for r in rows] == [text for _, _, text in got]


def test_other_stream_is_empty(tshark):
    doc = yaml.safe_load(follow(tshark, "utf8_echo.pcapng", "yaml", 1))
    assert doc == {"peers": [{"peer": 0, "host": None, "port": 0},
                             {"peer": 1, "host": None, "port": 0}], "packets": None}
