"""Reserved names: no id that becomes a path may take a name the site uses itself.

The list comes from the core layer (`generator.core.layout.reserved_names`); these tests derive what
it must hold from what a build writes and what MkDocs makes of it, never from a copy of it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.layout import GENERATED_FOLDERS, reserved_names
from generator.pipeline import build, check
from generator.render.facets import dimensions
from tests.conftest import (
    ANSELL,
    EVIDENCE_BASE,
    REPO,
    SOURCE,
    THEME,
    VOCABULARY,
    build_site,
    copy_theme_files,
    write_project,
)
from tests.test_injection import MKDOCS

HANSEN = """
@article{NAME,
  author = {Hansen, Kari},
  title = {Tillit i kommunene},
  journal = {Norsk statsvitenskapelig tidsskrift},
  year = {2020},
  volume = {36},
  pages = {1--20},
  language = {norwegian}
}
"""


GLOSSARY = "begreper:\n  tillit:\n    navn: Tillit\n    definisjon: Å stole på.\n"


def reserved_problems(root: Path) -> list[str]:
    diagnostics, _ = check(root)
    return [str(item) for item in diagnostics if item.code == "reserved-id"]


WHERE = {
    "index": "tema/index.md, kilder/index.md, referanser/index.md …",
    "assets": "overrides/assets, assets (Material)",
    "search": "search/ (MkDocs-tillegget search)",
}


def message(what: str, name: str, proposal: str) -> str:
    return (
        f"{what} '{name}' er et navn nettstedet bruker selv ({WHERE[name]}), så siden for den ville tatt plassen "
        f"til en annen eller blitt borte; gi den et annet navn, for eksempel '{proposal}'"
    )


@pytest.mark.parametrize("name", ["index", "assets", "search"])
def test_a_source_key_that_the_site_uses_is_a_located_error(project: Callable[..., Path], name: str) -> None:
    root = project(
        bib=ANSELL + HANSEN.replace("NAME", name),
        sources={"ansell2008collaborative": SOURCE, name: SOURCE},
    )
    assert reserved_problems(root) == [
        f"literature/sources/{name}.yaml:1:1: error[reserved-id]: "
        + message("filnavnet (BibTeX-nøkkelen)", name, f"{name}-kilde")
    ]
    assert build(root).report is None  # nothing written: /kilder/ stays the list of sources


@pytest.mark.parametrize("name", ["index", "assets", "search"])
def test_a_theme_id_that_the_site_uses_is_a_located_error(project: Callable[..., Path], name: str) -> None:
    root = project(themes={"tillit": THEME, name: THEME.replace("tittel: Tillit", "tittel: Et tema")})
    assert reserved_problems(root) == [
        f"literature/themes/{name}.md:1:1: error[reserved-id]: "
        + message("filnavnet (temaets id)", name, f"{name}-tema")
    ]


@pytest.mark.parametrize(("group", "proposal"), [("design", "design"), ("nivå", "niva"), ("sektor", "sektor")])
@pytest.mark.parametrize("name", ["index", "assets", "search"])
def test_a_vocabulary_id_that_the_site_uses_is_a_located_error(
    project: Callable[..., Path], name: str, group: str, proposal: str
) -> None:
    vocabulary = VOCABULARY.replace(f"\n{group}:\n", f"\n{group}:\n  {name}: {{navn: Et navn, forklaring: Noe.}}\n")
    line = vocabulary.splitlines().index(f"  {name}: {{navn: Et navn, forklaring: Noe.}}") + 1
    assert reserved_problems(project(vocabulary=vocabulary)) == [
        f"literature/vocabulary.yaml:{line}:3: error[reserved-id]: "
        + message(f"id-en under {group}", name, f"{name}-{proposal}")
    ]


def test_the_evidence_maps_own_value_is_reserved_for_levels(project: Callable[..., Path]) -> None:
    """`ikke-oppgitt` is the map's page for sources with no level: a level of that id would replace it."""
    vocabulary = VOCABULARY.replace("\nnivå:\n", "\nnivå:\n  ikke-oppgitt: {navn: Ukjent}\n")
    (problem,) = reserved_problems(project(vocabulary=vocabulary))
    assert "error[reserved-id]: id-en under nivå 'ikke-oppgitt' er et navn nettstedet bruker selv" in problem
    assert "(kunnskapskart/nivaa/ikke-oppgitt.md)" in problem


@pytest.mark.parametrize("name", ["index", "search"])
def test_a_glossary_id_that_the_site_uses_is_a_located_error(project: Callable[..., Path], name: str) -> None:
    root = project()
    (root / "literature/glossary.yaml").write_text(
        f"{GLOSSARY}  {name}:\n    navn: Et ord\n    definisjon: En forklaring.\n",
        "utf-8",
    )
    assert reserved_problems(root) == [
        "literature/glossary.yaml:5:3: error[reserved-id]: " + message("begrepet", name, f"{name}-begrep")
    ]


def test_the_shipped_evidence_base_takes_no_reserved_name(tmp_path: Path) -> None:
    shutil.copytree(EVIDENCE_BASE, tmp_path / "literature")
    assert reserved_problems(tmp_path) == []


def test_every_generated_name_not_made_from_an_id_is_reserved(tmp_path: Path) -> None:
    """Build the test evidence base and read back what was written: every file or folder name in a
    generated folder is either an id of the model or a reserved name. The evidence map's dimension
    folders are the one exception: only the map's index page sits beside them, never an id's page."""
    shutil.copytree(EVIDENCE_BASE, tmp_path / "literature")
    (tmp_path / "docs").mkdir()
    result = build(tmp_path)
    assert result.report is not None
    _, model = check(tmp_path)
    assert model is not None
    facets = dimensions(model)
    ids = {source.key for source in model.sources} | {theme.id for theme in model.themes}
    ids |= {value.id for dimension in facets for value in dimension.values}
    beside_no_id = {dimension.id for dimension in facets}
    written = [
        path.relative_to(tmp_path / "docs")
        for folder in GENERATED_FOLDERS
        for path in (tmp_path / "docs" / folder).rglob("*")
    ]
    names = {part.partition(".")[0] for path in written for part in path.parts} - {""}
    assert len(written) > 100 and "begreper" in names  # the glossary page is among them
    missing = sorted(name for name in names - ids - beside_no_id - reserved_names().keys() if not name.startswith("_"))
    assert missing == [], f"generated names an id could take: {missing}"


def test_every_top_level_name_of_the_built_site_is_reserved(tmp_path: Path) -> None:
    """A real `mkdocs build` with the repository's theme, hand-written pages and plugins: every name at
    the top of site/ (assets/, search/, sitemap.xml, 404.html, the generated folders …) is reserved."""
    root = write_project(tmp_path, mkdocs=MKDOCS)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns(*GENERATED_FOLDERS))
    (root / "literature/glossary.yaml").write_text(GLOSSARY, "utf-8")  # om.md links to /begreper/
    copy_theme_files(root)
    site = build_site(root)
    top = {path.name.partition(".")[0] for path in site.iterdir()}
    assert {"assets", "search", "sitemap", "404", "index", "kilder", "javascripts"} <= top
    assert sorted(top - reserved_names().keys()) == []
