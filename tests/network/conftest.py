"""The network harness's fixtures: tests/integration/conftest.py's tshark (the staged
plugin under test, proven loaded, run as nobody when root), reused rather than copied."""
import importlib.util
import os
import pathlib
import shutil

import pytest

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("integration_conftest",
                                               HERE.parent / "integration" / "conftest.py")
integration = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(integration)

tshark = integration.tshark  # the session fixture, under its own name
BUILD_DIR = integration.BUILD_DIR
IMPAIR = os.environ.get("LABPROTO_IMPAIR", "")


@pytest.fixture(scope="session")
def lua(tshark):
    """labref.lua where tshark's user can read it."""
    path = pathlib.Path(tshark.scratch("labref.lua"))
    shutil.copyfile(HERE / "labref.lua", path)
    path.chmod(0o644)
    return str(path)


# ctest's SKIP_RETURN_CODE (tests/network/CMakeLists.txt): a run in which every test was
# skipped (no root, no namespaces) shows as skipped in ctest, not as passed.
ALL_SKIPPED = 77


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = reporter.stats if reporter else {}
    if exitstatus == 0 and stats.get("skipped") and not stats.get("passed") and \
            not stats.get("failed"):
        session.exitstatus = ALL_SKIPPED
