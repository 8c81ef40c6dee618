"""A first pull request, whatever `literature/` holds: every fixture export (all formats, every file in
tests/fixtures/exports/) is imported into a copy of this checkout's evidence base in a git repository,
the new sources are coded and committed, and then the copy checks without errors, warns only about what
the import told the researcher, and passes the content-independent tests (tests/test_shipped_base.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO, copy_site_files

EXPORTS = REPO / "tests" / "fixtures" / "exports"
_WARNING = re.compile(r"^\s*(\S+:\d+:\d+: warning\[[a-z0-9-]+\]: .*)$", re.MULTILINE)
# A commit needs a name; the machine's git configuration is not the test's.
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def exports() -> list[Path]:
    """Every export in the folder (other engineers add more), by listing it: all but its README."""
    return sorted(path for path in EXPORTS.iterdir() if path.is_file() and path.suffix != ".md")


def run(root: Path, *command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command), cwd=root, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )


def generator(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run(REPO, sys.executable, "-m", "generator", *arguments, "--root", str(root))


def commit(root: Path, message: str) -> None:
    run(root, "git", "add", "-A")
    committed = run(root, "git", "commit", "-q", "-m", message, env=_GIT_ENV)
    assert committed.returncode == 0, committed.stdout + committed.stderr


def warnings(output: str) -> set[str]:
    return set(_WARNING.findall(output))


def code_and_cite(root: Path, keys: list[str]) -> None:
    """What the researcher does by hand: each new source file filled in with values from this base's
    vocabulary, and the sources cited in its first theme."""
    vocabulary = yaml.safe_load((root / "literature" / "vocabulary.yaml").read_text("utf-8"))
    design = next(design for design in vocabulary["design"] if design != "uavklart")
    status = "utkast" if "utkast" in vocabulary["status"] else next(iter(vocabulary["status"]))
    theme = sorted((root / "literature" / "themes").glob("*.md"))[0]
    for key in keys:
        (root / "literature" / "sources" / f"{key}.yaml").write_text(
            f"temaer: [{theme.stem}]\ndesign: {design}\nsammendrag: Et kort sammendrag på klarspråk.\n"
            f"status: {status}\nlagt_til: 2026-12-05\nlest: sammendrag\n",
            "utf-8",
        )
    citations = "; ".join(f"@{key}" for key in keys)
    theme.write_text(theme.read_text("utf-8").rstrip("\n") + f"\n\nNye kilder drøfter dette [{citations}].\n", "utf-8")


def test_every_fixture_export_imports_into_the_base_and_the_suite_still_passes(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    shutil.copytree(REPO / "literature", root / "literature")
    copy_site_files(root)
    assert run(root, "git", "init", "-q").returncode == 0
    commit(root, "Kunnskapsgrunnlaget før importen")
    before = generator(root, "check")
    assert before.returncode == 0, before.stderr
    sources_before = {path.stem for path in (root / "literature" / "sources").glob("*.yaml")}

    told = ""
    for export in exports():
        imported = generator(root, "import", str(export))
        assert imported.returncode in (0, 1), imported.stderr  # 1: new source files to fill in
        assert "Stoppet" not in imported.stderr and "Intern feil" not in imported.stderr, imported.stderr
        told += imported.stderr
    new = sorted({path.stem for path in (root / "literature" / "sources").glob("*.yaml")} - sources_before)
    if new:  # a base that holds every exported work already gets nothing new, and is checked all the same
        code_and_cite(root, new)
    commit(root, "Importerte kilder, kodet")

    checked = generator(root, "check")
    assert checked.returncode == 0, checked.stderr  # the import's output, coded, has no errors
    # Only what the base had already or what an import showed the researcher (under the new reference).
    unexplained = warnings(checked.stderr) - warnings(before.stderr) - warnings(told)
    assert unexplained == set(), checked.stderr
    strict = generator(root, "check", "--strict")
    assert strict.returncode == (1 if warnings(checked.stderr) else 0), strict.stderr

    suite = run(
        REPO,
        sys.executable,
        "-m",
        "pytest",
        "tests/test_shipped_base.py",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--basetemp={tmp_path / 'pytest'}",  # its own: pytest's shared one is cleaned by other runs
        env={"SAMVERDI_ROOT": str(root)},
    )
    assert suite.returncode == 0, suite.stdout + suite.stderr
    # Every test ran: none skipped or deselected, whatever the copy holds.
    assert re.search(r"^\d+ passed in [\d.]+s$", suite.stdout, re.MULTILINE), suite.stdout
