"""The contributor workflow files are valid, and every diagnostic code is documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from generator.codes import CODES, Severity
from tests.conftest import REPO

BIN = Path(sys.executable).parent


def run_tool(*command: str) -> None:
    """Run a tool installed in the test environment from the repository root; it must succeed."""
    completed = subprocess.run(
        [str(BIN / command[0]), *command[1:]], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_github_workflow_matches_the_workflow_schema() -> None:
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", ".github/workflows/site.yml")


def test_workflow_checks_tests_builds_and_publishes_with_the_readme_commands() -> None:
    workflow = (REPO / ".github/workflows/site.yml").read_text("utf-8")
    for step in ("make check", "make test", "make pdf", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert step in workflow


def test_pre_commit_config_is_valid() -> None:
    run_tool("pre-commit", "validate-config", ".pre-commit-config.yaml")


def test_every_code_is_documented_in_contributing() -> None:
    codes_section = (REPO / "CONTRIBUTING.md").read_text("utf-8").split("## Alle koder", 1)[1]
    documented = re.findall(r"^\| `([a-z0-9-]+)` \| (feil|advarsel) \| (.*) \|$", codes_section, re.MULTILINE)
    assert documented == [
        (code, "feil" if meaning.severity is Severity.ERROR else "advarsel", meaning.meaning)
        for code, meaning in CODES.items()
    ]
