"""The contributor workflow files are valid, and every diagnostic code is documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.core.codes import CODES, Severity
from tests.conftest import EVIDENCE_BASE, REPO

BIN = Path(sys.executable).parent
WORKFLOWS = sorted(str(path.relative_to(REPO)) for path in (REPO / ".github/workflows").glob("*.y*ml"))


def run_tool(*command: str) -> None:
    """Run a tool installed in the test environment from the repository root; it must succeed."""
    completed = subprocess.run(
        [str(BIN / command[0]), *command[1:]], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_github_workflows_match_the_workflow_schema() -> None:
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)


def test_dependabot_config_matches_the_dependabot_schema() -> None:
    run_tool("check-jsonschema", "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml")


def test_workflow_checks_tests_builds_and_publishes_with_the_readme_commands() -> None:
    workflow = (REPO / ".github/workflows/site.yml").read_text("utf-8")
    for step in ("make check", "make test", "make pdf", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert step in workflow


def test_pre_commit_config_is_valid() -> None:
    run_tool("pre-commit", "validate-config", ".pre-commit-config.yaml")


def codes_table() -> str:
    """The table of codes CONTRIBUTING.md must show, from generator/core/codes.py."""
    rows = [
        f"| `{code}` | {'feil' if meaning.severity is Severity.ERROR else 'advarsel'} | {meaning.meaning} |"
        for code, meaning in CODES.items()
    ]
    return "\n".join(["| kode | type | betyr |", "|---|---|---|", *rows]) + "\n"


def test_every_code_is_documented_in_contributing(request: pytest.FixtureRequest) -> None:
    """`pytest --update-golden` writes the table from generator/core/codes.py."""
    path = REPO / "CONTRIBUTING.md"
    before, _, after = path.read_text("utf-8").partition("## Alle koder\n\n")
    table = re.match(r"(\|.*\n)+", after)
    assert table, "CONTRIBUTING.md must have a table under '## Alle koder'"
    if request.config.getoption("--update-golden"):
        path.write_text(f"{before}## Alle koder\n\n{codes_table()}{after[table.end() :]}", "utf-8")
    assert table.group() == codes_table()


def test_contributing_shows_the_values_the_tool_accepts() -> None:
    """The field table, the confidence ids, the statuses and the examples in CONTRIBUTING.md are the
    schema's and the vocabulary's, so a researcher who copies them gets no error."""
    text = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    schema = json.loads((REPO / "generator/schemas/source.schema.json").read_text("utf-8"))
    vocabulary = yaml.safe_load((EVIDENCE_BASE / "vocabulary.yaml").read_text("utf-8"))
    fields_table = text.split("## Feltene i en kodefil", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]*) \|\s*(.*?)\s*\|$", fields_table, re.MULTILINE)
    documented = {name for name, _, _ in rows}
    expected = {name for name in schema["properties"] if name != "kontekst"}
    expected |= {f"kontekst.{name}" for name in schema["properties"]["kontekst"]["properties"]}
    assert documented == expected
    examples = {name: example for name, _, example in rows}
    assert examples["design"].strip("`") in vocabulary["design"]
    assert examples["kontekst.nivå"].strip("`[]") in vocabulary["nivå"]
    assert examples["kontekst.sektor"].strip("`[]") in vocabulary["sektor"]
    assert set(re.findall(r"`(\w+)`", examples["kontekst.land"])) <= set(vocabulary["land"])
    confidence = text.split("| tiltro | betyr |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    first_cells = [line.split(" | ")[0].removeprefix("| ") for line in confidence.splitlines()]
    # `høy (`hoy`)`: the id is in backticks where it differs from the word; `moderat`: the word is the id.
    ids = {match.group(1) if (match := re.search(r"`([^`]+)`", cell)) else cell for cell in first_cells}
    assert ids == set(vocabulary["tiltro"])
    status_row = next(description for name, description, _ in rows if name == "status")
    assert set(re.findall(r"`([a-z]+)`", status_row)) == set(vocabulary["status"])


def test_every_make_command_the_docs_show_exists() -> None:
    phony = re.search(r"^\.PHONY: (.*)$", (REPO / "Makefile").read_text("utf-8"), re.MULTILINE)
    assert phony
    targets = set(phony.group(1).split())
    documents = ("README.md", "CONTRIBUTING.md", ".github/pull_request_template.md", *WORKFLOWS)
    for document in documents:
        shown = set(re.findall(r"\bmake ([a-z]+)\b", (REPO / document).read_text("utf-8")))
        assert shown <= targets, (document, shown - targets)
