"""The CI examples in packaging/ci/: their own command lines, run against this build.

Both examples run packaging/ci/ci-steps.sh with LABCHECK_CAPTURES and
LABCHECK_JUNIT set, then publish that report. Here the same command (without
--install-deps: this machine has the packages) checks a folder of captures with
specs drafted by `labcheck init`, once as they are and once with a wrong spec.
"""
import os
import shlex
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest
import yaml  # Debian's python3-yaml

from conftest import BUILD_DIR, SAMPLES, SOURCE_DIR

CI_DIR = SOURCE_DIR / "packaging" / "ci"
CAPTURES = ["lab_cp949.pcapng", "utf8_echo.pcapng"]


def github():
    job = yaml.safe_load((CI_DIR / "github-workflow.yml").read_text())["jobs"]["labcheck"]
    publish = [s for s in job["steps"]
               if "uses" in s and "junit" in (s["uses"] + s.get("name", "")).lower()]
    return {
        "env": job["env"],
        "commands": [s["run"] for s in job["steps"] if "run" in s],
        "published": [s["with"].get("report_paths") or s["with"]["path"] for s in publish],
        "always": all(s.get("if") == "always()" for s in publish),
    }


def gitlab():
    job = yaml.safe_load((CI_DIR / "gitlab-ci.yml").read_text())["labcheck"]
    artifacts = job["artifacts"]
    return {
        "env": job["variables"],
        "commands": job["script"],
        "published": artifacts["paths"] + [artifacts["reports"]["junit"]],
        "always": artifacts["when"] == "always",
    }


EXAMPLES = {"github": github, "gitlab": gitlab}


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_ci_steps_and_publishes_its_report(name):
    example = EXAMPLES[name]()
    assert example["commands"] == ["packaging/ci/ci-steps.sh --install-deps"]
    assert set(example["env"]) == {"LABCHECK_CAPTURES", "LABCHECK_JUNIT"}
    assert len(example["published"]) == 2  # as a report, and as a file to download
    assert set(example["published"]) == {example["env"]["LABCHECK_JUNIT"]}
    assert example["always"], "the report must be published when checks fail too"


@pytest.fixture
def captures():
    """A world-readable folder of sample captures and their drafted specs."""
    folder = tempfile.mkdtemp(prefix="labproto-ci-")
    try:
        os.chmod(folder, 0o755)
        for name in CAPTURES:
            shutil.copy(SAMPLES / name, folder)
        init = subprocess.run([str(BUILD_DIR / "tool" / "labcheck"), "init",
                               *[os.path.join(folder, n) for n in CAPTURES]],
                              capture_output=True, text=True)
        assert init.returncode == 0, init.stderr
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_example(name, captures):
    """The example's command, minus --install-deps, on `captures`; (status, JUnit root)."""
    command = shlex.split(EXAMPLES[name]()["commands"][0])
    command.remove("--install-deps")
    junit = os.path.join(captures, "junit.xml")
    env = {**os.environ, "LABCHECK_CAPTURES": captures, "LABCHECK_JUNIT": junit,
           "LABPROTO_BUILD_DIR": str(BUILD_DIR)}
    proc = subprocess.run(command, cwd=SOURCE_DIR, env=env, capture_output=True, text=True,
                          timeout=900)
    assert os.path.isfile(junit), f"no JUnit report; exit {proc.returncode}:\n{proc.stderr}"
    return proc.returncode, ET.parse(junit).getroot()


@pytest.mark.parametrize("name", EXAMPLES)
def test_ci_steps_pass_on_matching_specs(name, captures):
    status, junit = run_example(name, captures)
    assert status == 0
    assert (junit.get("tests"), junit.get("failures"), junit.get("errors")) == ("2", "0", "0")
    assert sorted(os.path.basename(t.get("name")) for t in junit.iter("testcase")) == CAPTURES


def test_ci_steps_fail_and_report_a_wrong_spec(captures):
    spec = os.path.join(captures, "lab_cp949.yaml")
    with open(spec, encoding="utf-8") as f:
        text = f.read()
    with open(spec, "w", encoding="utf-8") as f:
        f.write(text.replace("{length: 10,", "{length: 11,"))
    status, junit = run_example("github", captures)
    assert status == 1
    assert junit.get("failures") == "1"
    failed = [t.get("name") for t in junit.iter("testcase") if t.find("failure") is not None]
    assert [os.path.basename(n) for n in failed] == ["lab_cp949.pcapng"]
