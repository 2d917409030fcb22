"""Every scenario recorded on real kernel TCP between fresh network namespaces, then
checked against what its senders logged (see README.md). Skipped, with the reason,
where namespaces cannot be made (not root, no iptables, ...)."""
import pathlib

import pytest

import netns
import scenarios
from conftest import BUILD_DIR, IMPAIR

UNAVAILABLE = netns.unavailable_reason()
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.name)
def test_scenario(scenario, tshark, lua):
    if scenario.needs_impair and not IMPAIR:
        pytest.skip("the impair program was not built (libnetfilter-queue-dev is missing: "
                    "packaging/install-build-deps.sh)")
    folder = pathlib.Path(tshark.scratch(scenario.name))
    facts = scenarios.record(scenario, folder, BUILD_DIR, IMPAIR)
    problem = scenarios.impairment_problem(scenario, facts)
    assert problem is None, problem
    reports = scenarios.check_recording(tshark, folder, scenario, lua)
    assert all(r.ok for r in reports), "\n".join(r.render() for r in reports)
