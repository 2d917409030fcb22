"""The file-transfer lab on real kernel TCP between fresh network namespaces: ft_server and
ft_client (samples/lab, as the handout writes them) move a file through a router that, in
the impaired runs, drops and delays segments so they overtake each other. The file is the
truth: every record tshark with labproto decodes must carry the bytes at its offset, and
with TCP's out-of-order reassembly every record must be there and File > Export Objects
must give back the file, byte for byte, in one pass and with -2."""
import os
import pathlib
import random
import shutil
import subprocess

import pytest

import netns
from capture import Capture
from conftest import BUILD_DIR, IMPAIR, integration
from netns import Topology

UNAVAILABLE = netns.unavailable_reason()
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))

PORT = 7000
SIZE = 200 * 256 + 70  # a short last record ends the file
NETWORKS = {
    "plain": None,
    "loss_jitter": {"seed": 21, "drop": 0.05, "delay_ms": 3, "jitter_ms": 6},
    "reorder": {"seed": 22, "delay_ms": 1, "jitter_ms": 10},
}
OOO = ("-o", "tcp.reassemble_out_of_order:TRUE")


def file_to_send(path, seed):
    """SIZE bytes of text, different in every record (so a record's stale tail shows)."""
    rng = random.Random(seed)
    words = ["파일", "전송", "record", "len", "buf", "256", "segment", "실습", "TCP", "loss"]
    text = " ".join(rng.choice(words) for _ in range(SIZE)).encode()
    path.write_bytes(text[:SIZE])
    path.chmod(0o644)


def transfer(folder, network):
    """Runs the lab once; returns (file sent, file received, capture)."""
    sent, received = folder / "sent.txt", folder / "received.txt"
    file_to_send(sent, seed=len(network))
    capture = folder / "server.pcapng"
    with Topology("routed") as topo:
        impair = None
        if NETWORKS[network]:
            impair = topo.impair(IMPAIR, log=folder / "impair.log", max_seconds=90,
                                 **NETWORKS[network])
        cap = Capture(topo, "server", "pcapng", str(capture), f"tcp port {PORT}")
        server = topo.start("server", [BUILD_DIR / "samples" / "ft_server", PORT],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        listening = lambda: topo.run("server", "ss", "-Hltn", f"sport = :{PORT}").stdout.strip()
        assert netns.wait_until(listening), "ft_server did not listen"
        client = topo.start("client", [BUILD_DIR / "samples" / "ft_client",
                                       topo.address("server"), PORT, sent, received],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for proc, what in ((client, "ft_client"), (server, "ft_server")):
            out, err = proc.communicate(timeout=90)
            assert proc.returncode == 0, f"{what} failed: {out}{err}"
        cap.stop()
        if impair:
            impair.terminate()
            impair.communicate(timeout=10)
    capture.chmod(0o644)
    return sent, received, capture


def records(tshark, capture, *args):
    """(record number, len, offset, data) of every record decoded."""
    out = tshark.fields(str(capture), ["labproto_ft.record", "labproto_ft.len",
                                        "labproto_ft.offset", "labproto_ft.data"],
                        "-d", f"tcp.port=={PORT},labproto_ft", "-Y", "labproto_ft.record",
                        *args)
    rows = []
    for line in out:
        for number, length, offset, data in zip(*(field.split("|") for field in line)):
            rows.append((int(number), int(length), int(offset), bytes.fromhex(data)))
    return rows


def exported(tshark, capture, folder, name, *args):
    out = folder / name
    out.mkdir(mode=0o777)
    os.chmod(out, 0o777)
    tshark.run("-r", str(capture), "-d", f"tcp.port=={PORT},labproto_ft", "-q",
               "--export-objects", f"labproto_ft,{out}", *args)
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.parametrize("network", NETWORKS)
def test_the_file_survives_the_network(tshark, network):
    if NETWORKS[network] and not IMPAIR:
        pytest.skip("the impair program was not built (libnetfilter-queue-dev is missing)")
    folder = pathlib.Path(tshark.scratch(f"file-transfer-{network}"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    sent, received, capture = transfer(folder, network)
    data = sent.read_bytes()
    assert received.read_bytes() == data  # the lab itself worked
    want = [(n + 1, min(256, SIZE - n * 256), n * 256) for n in range((SIZE + 255) // 256)]
    ooo_works = integration.WS_VERSION >= (4, 0)  # 3.6's out-of-order reassembly is broken
    for passes in ((), ("-2",)):
        # Whatever TCP hands over: no record may carry other bytes than the file's.
        for number, length, offset, body in records(tshark, capture, *passes):
            assert body == data[offset:offset + length], (network, passes, number)
        if not ooo_works:
            continue
        got = records(tshark, capture, *OOO, *passes)
        assert [(n, ln, off) for n, ln, off, _ in got] == want, (network, passes)
        files = exported(tshark, capture, folder, f"export{len(passes)}", *OOO, *passes)
        assert files == {sent.name: data}, (network, passes)
