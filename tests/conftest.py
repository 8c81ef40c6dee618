"""Shared test helpers: build small evidence bases from inline text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import material
import pytest

from bench.corpus import FROZEN_BASE, site_config
from generator.core.layout import GENERATED_FOLDERS, MKDOCS_HOOKS
from generator.mkdocs.site_check import check_built_site
from generator.pipeline import build

REPO = Path(__file__).resolve().parent.parent
# The project whose literature/ tests/test_shipped_base.py checks without looking at content: this
# checkout, or (SAMVERDI_ROOT) a copy with every fixture export imported (tests/test_full_import.py).
SHIPPED_ROOT = Path(os.environ.get("SAMVERDI_ROOT") or REPO)
# A frozen copy of the evidence base for tests about content: a researcher's change to literature/
# never breaks a test.
EVIDENCE_BASE = FROZEN_BASE  # tests/fixtures/kunnskapsgrunnlag/literature
VOCABULARY = (EVIDENCE_BASE / "vocabulary.yaml").read_text("utf-8")
SUMMARY = """\
tittel: Samskaping og ledelse i kommunene – en kunnskapsoppsummering
prosjekt: SAMVERDI – nye former for ledelse av samskaping for fellesskapsverdier (2024–2026)
versjon: "0.1"
status: utkast
"""

ANSELL = """
@article{ansell2008collaborative,
  author = {Ansell, Chris and Gash, Alison},
  title = {Collaborative Governance in Theory and Practice},
  journal = {Journal of Public Administration Research and Theory},
  year = {2008},
  volume = {18},
  number = {4},
  pages = {543--571},
  doi = {10.1093/jopart/mum032},
  language = {english}
}
"""

SOURCE = """\
temaer: [tillit]
design: case-metaanalyse
sammendrag: Et kort sammendrag.
status: utkast
lest: fulltekst
"""

THEME = """\
---
tittel: Tillit
rekkefølge: 1
kort: Om tillit.
status: utkast
hovedfunn:
  - påstand: Tillit kan bygges over tid.
    tiltro: lav
    begrunnelse: Mange caser, men bare én kilde.
    kilder: [ansell2008collaborative]
    vurdering:
      metode: {bekymring: små, forklaring: En sammenstilling av mange caser.}
      samstemmighet: {bekymring: kan-ikke-vurderes, forklaring: Funnet bygger på én kilde.}
      datamengde: {bekymring: moderate, forklaring: Én kilde.}
      relevans: {bekymring: moderate, forklaring: Ikke norske caser.}
---
Tekst som viser til [@ansell2008collaborative].
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


def write_project(
    root: Path,
    *,
    bib: str = ANSELL,
    sources: dict[str, str] | None = None,
    themes: dict[str, str] | None = None,
    vocabulary: str = VOCABULARY,
    summary: str = SUMMARY,
    mkdocs: str | None = None,
) -> Path:
    """Write a small evidence base under `root`; defaults make a valid one-source, one-theme project."""
    files = {
        "literature/samverdi.bib": bib,
        "literature/vocabulary.yaml": vocabulary,
        "literature/summary.yaml": summary,
    }
    for key, text in (sources if sources is not None else {"ansell2008collaborative": SOURCE}).items():
        files[f"literature/sources/{key}.yaml"] = text
    for theme_id, text in (themes if themes is not None else {"tillit": THEME}).items():
        files[f"literature/themes/{theme_id}.md"] = text
    if mkdocs is not None:
        files["mkdocs.yml"] = mkdocs
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if relative.endswith(".bib") else text, "utf-8")
    (root / "docs").mkdir(exist_ok=True)
    return root


def build_site(root: Path) -> Path:
    """Generate the pages and run a real `mkdocs build --strict` in `root`; returns the site folder."""
    result = build(root)
    assert result.report is not None, [str(item) for item in result.diagnostics]
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    violations = check_built_site(
        root / "site", root, [Path(material.__file__).parent / "templates", REPO / "overrides"]
    )
    assert violations == [], [str(violation) for violation in violations]  # the net under everything
    return root / "site"


def build_evidence_site(root: Path) -> Path:
    """The test evidence base and the repository's site files copied to `root` and built; returns the site folder."""
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    copy_site_files(root)
    return build_site(root)


def copy_theme_files(root: Path, source: Path = REPO) -> None:
    """The theme overrides and the MkDocs hooks mkdocs.yml names by path."""
    shutil.copytree(source / "overrides", root / "overrides", dirs_exist_ok=True)
    for hook in MKDOCS_HOOKS:
        (root / hook).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / hook, root / hook)


def copy_site_files(root: Path, source: Path = REPO) -> None:
    """The site configuration and hand-written pages of `source`, for a real `mkdocs build`. From the
    repository, the navigation lists the themes of the evidence base copied to `root` (`site_config`)."""
    if source == REPO:
        (root / "mkdocs.yml").write_text(site_config(root / "literature"), "utf-8")
    else:
        shutil.copy(source / "mkdocs.yml", root / "mkdocs.yml")
    copy_theme_files(root, source)
    shutil.copytree(
        source / "docs", root / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns(*GENERATED_FOLDERS)
    )


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    def make(**files: object) -> Path:
        return write_project(tmp_path, **files)  # type: ignore[arg-type]

    return make
