"""Rebuilds in one process (as `mkdocs serve` does) reuse unchanged parses and give what a fresh build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import load
from generator.layout import GENERATED_FOLDERS
from generator.pipeline import build
from tests.conftest import EVIDENCE_BASE, REPO

EDITED_SOURCE = "literature/sources/ansell2008collaborative.yaml"


def _project(root: Path) -> Path:
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _generated(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in GENERATED_FOLDERS
        for path in sorted((root / "docs" / folder).rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def test_second_build_in_one_process_parses_only_what_changed_and_matches_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "_kept_between_builds", load._Parses())  # as in a new `mkdocs serve`
    served = _project(tmp_path / "served")
    assert build(served, keep_parses=True).report is not None

    source = served / EDITED_SOURCE
    source.write_text(source.read_text("utf-8").replace("sammendrag: >-\n  ", "sammendrag: >-\n  Endret. ", 1), "utf-8")
    bib = served / "literature" / "samverdi.bib"
    bib.write_text(
        bib.read_text("utf-8").replace("Governance in Theory", "Governance as Theory", 1),
        "utf-8",
    )
    parsed: list[str] = []
    real_load_yaml = load.load_yaml
    monkeypatch.setattr(
        load,
        "load_yaml",
        lambda text, path, *rest, **options: parsed.append(path) or real_load_yaml(text, path, *rest, **options),
    )
    assert build(served, keep_parses=True).report is not None
    assert parsed == [EDITED_SOURCE]  # only the saved file was read again

    fresh = _project(tmp_path / "fresh")
    shutil.copytree(served / "literature", fresh / "literature", dirs_exist_ok=True)
    assert build(fresh).report is not None
    assert parsed.count(EDITED_SOURCE) == 2  # a build that keeps nothing parses everything
    served_pages, fresh_pages = _generated(served), _generated(fresh)
    assert served_pages == fresh_pages
    assert "Endret." in served_pages["docs/kilder/ansell2008collaborative.md"].decode("utf-8")
    assert "Collaborative governance as theory" in served_pages["docs/referanser/index.md"].decode("utf-8")


def test_problems_in_an_unchanged_file_are_reported_on_every_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "_kept_between_builds", load._Parses())
    root = _project(tmp_path)
    source = root / EDITED_SOURCE
    source.write_text(source.read_text("utf-8") + "design: kvalitativ\n", "utf-8")  # a duplicate key
    codes = [[item.code for item in build(root, keep_parses=True).diagnostics] for _ in range(2)]
    assert "yaml-duplicate-key" in codes[0]
    assert codes[0] == codes[1]
