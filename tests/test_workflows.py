"""Every action in .github/workflows/ is pinned to a commit with its tag in a comment; the weekly drift
workflow and Dependabot do what the README says. The schemas are checked in tests/test_contributor_tools.py."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from typing import Any

import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.y*ml"))

# A `uses:` line in block style; flow style (`{uses: …}`) is caught by comparing with the parsed YAML.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$", re.MULTILINE)
# A tag moves and a branch moves faster; a full commit does not. The comment keeps it readable, and
# Dependabot updates the commit and the comment together.
PINNED = re.compile(r"[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}")
# A container image by digest; the tag it was taken from goes in the comment, as for an action.
DOCKER_DIGEST = re.compile(r"docker://[\w./:-]+@sha256:[0-9a-f]{64}")
TAG_COMMENT = re.compile(r"\s+# v?\d[\w.+-]*")


def pin_problems(text: str) -> list[str]:
    """What is wrong with each `uses:` line in a workflow's text, as `line N: uses: …: reason`."""
    problems = []
    for match in USES_LINE.finditer(text):
        ref, rest = match["ref"], match["rest"]
        line = text.count("\n", 0, match.start()) + 1
        if ref.startswith("./"):
            continue  # an action in this repository, at this commit
        if PINNED.fullmatch(ref) or DOCKER_DIGEST.fullmatch(ref):
            if not TAG_COMMENT.fullmatch(rest):
                problems.append(f"line {line}: uses: {ref}: the tag is missing: add ' # v1.2.3'")
        elif ref.startswith("docker://"):
            problems.append(f"line {line}: uses: {ref}: pin the image by digest: docker://image@sha256:… # tag")
        else:
            problems.append(f"line {line}: uses: {ref}: pin it to a full 40-character commit: owner/repo@<sha> # tag")
    return problems


def uses_values(node: Any) -> Iterator[str]:
    """Every `uses:` value in a parsed workflow: steps' actions and jobs' reusable workflows."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uses" and isinstance(value, str):
                yield value
            else:
                yield from uses_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from uses_values(item)


def load(path: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((REPO / path).read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping; YAML 1.1 (PyYAML) reads the key `on` as True."""
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment() -> None:
    assert [path.name for path in WORKFLOWS] == ["drift.yml", "site.yml"]
    for path in WORKFLOWS:
        text = path.read_text("utf-8")
        assert pin_problems(text) == [], path.name
        # The line check saw every `uses:` the workflow has, in whatever YAML style.
        assert sorted(match["ref"] for match in USES_LINE.finditer(text)) == sorted(uses_values(yaml.safe_load(text)))


def test_a_tag_a_branch_a_short_commit_or_a_missing_tag_comment_is_refused() -> None:
    text = """\
jobs:
  build:
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@main
      - uses: actions/setup-node@49933ea # v4.4.0
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # latest
      - uses: docker://alpine:3.20
      - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1
      - uses: ./.github/actions/local
      - uses: docker://alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef # 3.20
  reuse:
    uses: octo-org/shared/.github/workflows/build.yml@0123456789abcdef0123456789abcdef01234567 # v2.0.0
"""
    assert pin_problems(text) == [
        "line 4: uses: actions/checkout@v4: pin it to a full 40-character commit: owner/repo@<sha> # tag",
        "line 5: uses: actions/setup-python@main: pin it to a full 40-character commit: owner/repo@<sha> # tag",
        "line 6: uses: actions/setup-node@49933ea: pin it to a full 40-character commit: owner/repo@<sha> # tag",
        "line 7: uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02: "
        "the tag is missing: add ' # v1.2.3'",
        "line 8: uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02: "
        "the tag is missing: add ' # v1.2.3'",
        "line 9: uses: docker://alpine:3.20: pin the image by digest: docker://image@sha256:… # tag",
    ]


def test_a_uses_in_flow_style_is_not_missed() -> None:
    text = "jobs:\n  build:\n    steps:\n      - {uses: actions/checkout@v4}\n"
    assert pin_problems(text) == []  # the line check cannot see it ...
    assert list(uses_values(yaml.safe_load(text))) == ["actions/checkout@v4"]  # ... the comparison with YAML can


def test_both_workflows_use_the_same_commit_for_the_same_action() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for match in USES_LINE.finditer(path.read_text("utf-8")):
            action, _, commit = match["ref"].partition("@")
            pins.setdefault(action, set()).add(f"{commit}{match['rest']}")
    assert {action: len(commits) for action, commits in pins.items() if len(commits) > 1} == {}


def test_every_workflow_reads_only_and_leaves_no_token_in_a_checkout() -> None:
    """SECURITY.md, CI: what tests/test_hostile.py asserts for site.yml, for every workflow."""
    for path in WORKFLOWS:
        workflow = load(str(path.relative_to(REPO)))
        assert workflow["permissions"] == {"contents": "read"}, path.name
        assert "pull_request_target" not in triggers(workflow), path.name
        steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
        checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
        assert checkouts, path.name
        assert all(step["with"]["persist-credentials"] is False for step in checkouts), path.name


def test_the_drift_workflow_runs_weekly_with_the_newest_versions_and_shows_them() -> None:
    drift, site = load(".github/workflows/drift.yml"), load(".github/workflows/site.yml")
    assert drift["name"] == "Nyeste versjoner"
    # Any weekly time: whoever takes over the repository re-commits the line to get the failure e-mails.
    (schedule,) = triggers(drift)["schedule"]
    minute, hour, day_of_month, month, day_of_week = schedule["cron"].split()
    assert (day_of_month, month) == ("*", "*") and re.fullmatch(r"[0-6]", day_of_week), schedule
    assert minute.isdigit() and hour.isdigit(), schedule
    assert triggers(drift)["workflow_dispatch"] is None
    assert drift["permissions"] == {"contents": "read"}
    (job,) = drift["jobs"].values()
    assert "permissions" not in job
    # The same Chrome, Python and Node as the build that publishes.
    assert job["env"] == site["jobs"]["build"]["env"]
    assert job["steps"][:3] == site["jobs"]["build"]["steps"][:3]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[:2] == ["make test NEWEST=1", "make site NEWEST=1"]
    assert "pip freeze --all" in runs[2]
    assert runs[2].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    # The build and the versions are shown even when the tests failed.
    assert [step.get("if") for step in job["steps"][3:]] == [None, "${{ !cancelled() }}", "${{ !cancelled() }}"]


def test_the_drift_workflow_asks_make_for_the_venv_it_prints() -> None:
    """The freeze step prints the venv the Makefile uses with NEWEST=1, asked of the Makefile."""
    run = load(".github/workflows/drift.yml")["jobs"]["newest"]["steps"][-1]["run"]
    command = re.search(r'venv="\$\((.*)\)"', run)
    assert command
    printed = subprocess.run(["bash", "-c", command[1]], cwd=REPO, capture_output=True, text=True, check=True)
    assert re.fullmatch(r"\.venv[\w-]*\n", printed.stdout), printed.stdout + printed.stderr


def test_dependabot_looks_weekly_at_python_npm_and_the_actions_in_groups() -> None:
    config = load(".github/dependabot.yml")
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert sorted(updates) == ["github-actions", "npm", "pip"]
    for ecosystem, update in updates.items():
        assert update["directory"] == "/"
        assert update["schedule"] == {"interval": "weekly", "day": "monday"}
        assert update["commit-message"]["prefix"].startswith("deps(")
        groups = [group["update-types"] for group in update["groups"].values()]
        assert groups == [["minor", "patch"], ["major"]], ecosystem
    assert updates["pip"]["versioning-strategy"] == "increase-if-necessary"
    # Each directory holds what Dependabot reads there.
    for manifest in ("pyproject.toml", "package.json", "package-lock.json"):
        assert (REPO / manifest).is_file()
