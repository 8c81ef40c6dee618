"""The contributor workflow files are valid, and every diagnostic code is documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

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


def codes_table() -> str:
    """The table of codes CONTRIBUTING.md must show, from generator/codes.py."""
    rows = [
        f"| `{code}` | {'feil' if meaning.severity is Severity.ERROR else 'advarsel'} | {meaning.meaning} |"
        for code, meaning in CODES.items()
    ]
    return "\n".join(["| kode | type | betyr |", "|---|---|---|", *rows]) + "\n"


def test_every_code_is_documented_in_contributing(request: pytest.FixtureRequest) -> None:
    """`pytest --update-golden` writes the table from generator/codes.py."""
    path = REPO / "CONTRIBUTING.md"
    before, _, after = path.read_text("utf-8").partition("## Alle koder\n\n")
    table = re.match(r"(\|.*\n)+", after)
    assert table, "CONTRIBUTING.md must have a table under '## Alle koder'"
    if request.config.getoption("--update-golden"):
        path.write_text(f"{before}## Alle koder\n\n{codes_table()}{after[table.end() :]}", "utf-8")
    assert table.group() == codes_table()
