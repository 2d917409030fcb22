"""The recordings committed in samples/captures/network/ (made by record.py --samples),
checked against their senders' logs exactly as a live run is: this works wherever
tshark runs, namespaces or not."""
import pathlib

import pytest

import scenarios
from conftest import integration

SAMPLES = integration.SAMPLES / "network"
RECORDED = sorted(p.parent.name for p in SAMPLES.glob("*/scenario.json"))


def test_samples_are_there():
    assert len(RECORDED) >= 5, f"recordings in {SAMPLES}: {RECORDED}"


@pytest.mark.parametrize("name", RECORDED)
def test_recording(name, tshark, lua):
    folder = pathlib.Path(tshark.capture(f"network/{name}"))
    reports = scenarios.check_recording(tshark, folder, scenarios.BY_NAME[name], lua)
    assert all(r.ok for r in reports), "\n".join(r.render() for r in reports)
