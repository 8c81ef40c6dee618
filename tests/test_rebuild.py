"""Rebuilds in one process (as `mkdocs serve` does) reuse unchanged parses and give what a fresh build gives."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check import validate
from generator.core.kept import KeptPerKey
from generator.core.layout import GENERATED_FOLDERS
from generator.load import evidence as load
from generator.model import build as model
from generator.pipeline import build, check
from generator.render import kept_pages
from generator.render import site as render
from generator.render.links import source_page
from tests.conftest import EVIDENCE_BASE, site_config

EDITED_SOURCE = "literature/sources/ansell2008collaborative.yaml"


def _project(root: Path) -> Path:
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    (root / "mkdocs.yml").write_text(site_config(root / "literature"), "utf-8")
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
    assert build(served, keep=True).report is not None

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
    assert build(served, keep=True).report is not None
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
    codes = [[item.code for item in build(root, keep=True).diagnostics] for _ in range(2)]
    assert "yaml-duplicate-key" in codes[0]
    assert codes[0] == codes[1]


def _replace(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _add_source(root: Path) -> None:
    """A second work by the same authors in the same year: both become 2008a and 2008b."""
    bib = (root / "literature" / "samverdi.bib").read_text("utf-8")
    entry = bib[bib.index("@article{ansell2008collaborative,") :].split("\n}\n", 1)[0] + "\n}\n"
    twin = entry.replace("ansell2008collaborative,", "ansell2008twin,").replace("in Theory", "in Practice")
    (root / "literature" / "samverdi.bib").write_text(bib + "\n" + twin, "utf-8")
    shutil.copy(root / EDITED_SOURCE, root / "literature" / "sources" / "ansell2008twin.yaml")


# Edits of every kind a page can depend on: a source's own text, what other pages show of a source
# (title, authors, year), what related sources are found from (themes), the rest of the model
# (theme titles, vocabulary labels, key messages, the glossary, abbreviations, the newest date added)
# and the sources' order.
EDITS: dict[str, Callable[[Path], None]] = {
    "summary": lambda root: _replace(root, EDITED_SOURCE, "sammendrag: >-\n  ", "sammendrag: >-\n  Endret. "),
    "title": lambda root: _replace(root, "literature/samverdi.bib", "Governance in Theory", "Governance as Theory"),
    "author": lambda root: _replace(root, "literature/samverdi.bib", "Emerson, Kirk", "Emersen, Kirk"),
    "year": lambda root: _replace(root, "literature/samverdi.bib", "year = {2015}", "year = {2009}"),
    "coding": lambda root: _replace(
        root,
        "literature/sources/ansell2018collaborative.yaml",
        "temaer: [verktoy-arenaer]",
        "temaer: [verktoy-arenaer, tillit]",
    ),
    "theme title": lambda root: _replace(
        root, "literature/themes/tillit.md", "tittel: Tillit og tillitsbasert", "tittel: Tillit og tillitsbygging"
    ),
    "vocabulary": lambda root: _replace(
        root, "literature/vocabulary.yaml", "navn: Sammenstilling av casestudier", "navn: Sammenstilling av case"
    ),
    "key message": lambda root: _replace(
        root, "literature/summary.yaml", "{tema: tillit, hovedfunn: 3}", "{tema: tillit, hovedfunn: 1}"
    ),
    "glossary definition": lambda root: _replace(
        root, "literature/glossary.yaml", "sammen definerer problemer", "sammen avgrenser problemer"
    ),
    "abbreviation": lambda root: _replace(
        root, "literature/glossary.yaml", "NPM: New Public Management", "NPM: ny offentlig styring"
    ),
    "date added": lambda root: _replace(
        root, "literature/sources/torfing2019transforming.yaml", "lagt_til: 2026-11-29", "lagt_til: 2026-12-01"
    ),
    "new source": _add_source,
}


@pytest.fixture
def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept from earlier builds, as in a new `mkdocs serve`."""
    monkeypatch.setattr(load, "_kept_between_builds", load._Parses())
    monkeypatch.setattr(validate, "_kept_checks", KeptPerKey())
    monkeypatch.setattr(model, "_kept", model._Kept())
    monkeypatch.setattr(kept_pages, "kept_between_builds", kept_pages.KeptPages())


@pytest.mark.usefixtures("new_process")
def test_every_kind_of_edit_rebuilt_in_one_process_gives_what_a_fresh_build_gives(tmp_path: Path) -> None:
    served = _project(tmp_path / "served")
    assert build(served, keep=True).report is not None
    # A summary that cites another source first, so that the later edits of what other pages show
    # of a source reach a page through a citation as well as through the related sources.
    _replace(served, EDITED_SOURCE, "sammendrag: >-\n  ", "sammendrag: >-\n  Se [@emerson2012integrative]. ")
    order = list(EDITS)
    random.Random(16).shuffle(order)
    for step, name in enumerate(["citation", *order]):
        if name != "citation":
            EDITS[name](served)
        assert build(served, keep=True).report is not None, name
        fresh = tmp_path / f"fresh{step}"
        shutil.copytree(served / "literature", fresh / "literature")
        (fresh / "mkdocs.yml").write_text(site_config(fresh / "literature"), "utf-8")
        assert build(fresh).report is not None, name
        served_pages, fresh_pages = _generated(served), _generated(fresh)
        assert served_pages.keys() == fresh_pages.keys(), name
        differing = [path for path in served_pages if served_pages[path] != fresh_pages[path]]
        assert not differing, f"after «{name}»: {differing[:5]}"


@pytest.mark.usefixtures("new_process")
def test_a_saved_summary_builds_one_source_and_renders_only_the_pages_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = _project(tmp_path)
    assert build(served).report is not None  # `make serve` generates docs/ before MkDocs starts
    assert build(served, keep=True).report is not None
    before = _generated(served)
    built_sources: list[str] = []
    rendered: list[str] = []
    real_source, real_map = model._source, render.map_in_two
    monkeypatch.setattr(model, "_source", lambda key, *rest: built_sources.append(key) or real_source(key, *rest))
    monkeypatch.setattr(
        render,
        "map_in_two",
        lambda function, jobs: rendered.extend(f"docs/{job.path}" for job in jobs) or real_map(function, jobs),
    )
    monkeypatch.setattr(model, "_related", None)  # the codings did not change: finding related sources again fails
    EDITS["summary"](served)
    assert build(served, keep=True).report is not None
    edited = Path(EDITED_SOURCE).stem
    assert built_sources == [edited]
    after = _generated(served)
    changed = {path for path in after if after[path] != before[path]}
    assert f"docs/{source_page(edited)}" in changed
    # The source lists, the themes and the facets show no summary: they are not rendered again.
    # The news page is, when the source is among the newest, as it is given the sources themselves.
    assert set(rendered) - changed <= {"docs/nytt/index.md"}


# Edits that give a source file problems: in the file saved, or in files that did not change, by
# changing what they are checked against.
PROBLEM_EDITS: dict[str, Callable[[Path], None]] = {
    "unknown citation saved": lambda root: _replace(
        root, EDITED_SOURCE, "[@emerson2012integrative]", "[@emerson2012integrativ]"
    ),
    "cited source removed": lambda root: (root / "literature" / "sources" / "emerson2012integrative.yaml").unlink(),
    "design renamed": lambda root: _replace(root, "literature/vocabulary.yaml", "  casestudie:\n", "  case-studie:\n"),
    "entry key changed": lambda root: _replace(
        root, "literature/samverdi.bib", "@article{ansell2008collaborative,", "@article{ansell2008collab,"
    ),
}


@pytest.mark.parametrize("name", PROBLEM_EDITS)
@pytest.mark.usefixtures("new_process")
def test_problems_found_in_one_process_are_those_a_fresh_check_finds(tmp_path: Path, name: str) -> None:
    served = _project(tmp_path)
    _replace(served, EDITED_SOURCE, "sammendrag: >-\n  ", "sammendrag: >-\n  Se [@emerson2012integrative]. ")
    assert build(served, keep=True).report is not None
    PROBLEM_EDITS[name](served)
    kept = list(build(served, keep=True).diagnostics)
    fresh, _ = check(served)
    assert kept == list(fresh)
    assert any(problem.path.startswith("literature/sources/") for problem in kept if problem.severity.value == "error")
