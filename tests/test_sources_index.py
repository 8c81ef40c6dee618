"""/kilder/: a filter, and its column, only where there is a choice to make; no table of contents.
And the strings issue 29 found unclear, in plain bokmål."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import build
from tests.conftest import ANSELL, EVIDENCE_BASE, REPO, SOURCE

# A synthetic second work, so that the two sources can differ in status and language.
HANSEN = """
@book{hansen2020trust,
  author = {Hansen, Ola},
  title = {Trust},
  publisher = {Forlag},
  year = {2020},
  language = {norwegian}
}
"""


def _sources_index(root: Path) -> tuple[str, dict[str, dict[str, object]], list[str]]:
    """The generated /kilder/ page, its filters (the JSON for kildefilter.js) and its column heads."""
    assert build(root).report is not None
    text = (root / "docs/kilder/index.md").read_text("utf-8")
    facets = json.loads(text.split('<script type="application/json" id="kildefasetter">')[1].split("</script>")[0])
    heads = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', text)
    return text, facets, heads


def test_a_facet_with_one_value_has_neither_a_filter_nor_a_column(project: Callable[..., Path]) -> None:
    sources = {"ansell2008collaborative": SOURCE, "hansen2020trust": SOURCE}
    _, facets, heads = _sources_index(project(bib=ANSELL + HANSEN, sources=sources))
    # Both are "utkast", on "tillit", "case-metaanalyse", with no country: only the language differs.
    assert facets == {"sprak": {"navn": "Språk", "verdier": [["english", "Engelsk"], ["norwegian", "Norsk"]]}}
    assert heads == ["Kilde", "Forfatter", "År", "Temaer", "Design", "Land", "Språk"]


def test_a_second_status_brings_back_its_filter_and_its_column(project: Callable[..., Path]) -> None:
    sources = {"ansell2008collaborative": SOURCE, "hansen2020trust": SOURCE.replace("utkast", "vurdert")}
    text, facets, heads = _sources_index(project(bib=ANSELL + HANSEN, sources=sources))
    assert facets["status"] == {"navn": "Status", "verdier": [["utkast", "Utkast"], ["vurdert", "Vurdert"]]}
    assert heads == ["Kilde", "Forfatter", "År", "Temaer", "Design", "Land", "Språk", "Status"]
    assert '<td data-etikett="Status">Vurdert</td></tr>' in text


def test_one_source_has_no_filters_and_the_page_no_table_of_contents(project: Callable[..., Path]) -> None:
    text, facets, heads = _sources_index(project())
    assert facets == {}
    assert heads == ["Kilde", "Forfatter", "År", "Temaer", "Design", "Land"]
    assert "\nhide: [toc]\n" in text.split("\n---\n")[0]


# Strings from issue 29 a reader met and could not be expected to know.
JARGON = [
    "Atom-strøm",
    "nyhetsleser",
    "nyhetsstrøm",
    "pull request",
    "## Koding",
    "Metaanalyse av casestudier",
    "temaet: [BibTeX]",
]


@pytest.fixture(scope="module")
def evidence_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("kunnskapsgrunnlag")
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    (root / "docs").mkdir()
    assert build(root).report is not None
    return {
        path.relative_to(root / "docs").as_posix(): path.read_text("utf-8") for path in (root / "docs").rglob("*.md")
    }


def test_no_page_uses_the_jargon_the_tester_met(evidence_pages: dict[str, str]) -> None:
    pages = {**evidence_pages, "om.md": (REPO / "docs/om.md").read_text("utf-8")}
    assert [(path, word) for path, text in pages.items() for word in JARGON if word in text] == []
    not_found = (REPO / "overrides/404.html").read_text("utf-8")
    assert "/kilder/nøkkel/" not in not_found and "i feltet øverst" not in not_found
    assert (
        "<p>Du kan også søke etter det du lette etter: bruk søkefeltet øverst på siden, "
        "eller forstørrelsesglasset øverst til høyre på mobilen.</p>"
    ) in not_found


def test_the_plain_strings_say_what_a_link_is_for(evidence_pages: dict[str, str]) -> None:
    assert (
        "Last ned kildene i temaet til referanseverktøyet ditt: "
        "[til EndNote, Mendeley eller Zotero (RIS)](../nedlastinger/tema/tillit.ris) · "
        "[til Zotero eller JabRef (BibTeX)](../nedlastinger/tema/tillit.bib) · "
        "[til Zotero eller Pandoc (CSL-JSON)](../nedlastinger/tema/tillit.json). "
        "Oversikten over kildene kan du også [laste ned som regneark (CSV)](../nedlastinger/tema/tillit.csv). "
        "Les mer under [Nedlastinger](../nedlastinger/index.md)."
    ) in evidence_pages["tema/tillit.md"]
    assert (
        "Vil du få beskjed når det kommer nye kilder? Legg inn [varslingslenken for nye kilder](atom.xml) "
        "i en app som samler nyheter fra nettsteder (en såkalt RSS-leser)."
    ) in evidence_pages["nytt/index.md"]
    assert "\n## Kjennetegn { data-search-exclude }\n" in evidence_pages["kilder/ansell2008collaborative.md"]
    # The label changed, the id (in the URL) did not.
    assert (
        "\n# Studiedesign: Sammenstilling av casestudier\n"
        in evidence_pages["kunnskapskart/design/case-metaanalyse.md"]
    )
    scoping = evidence_pages["kunnskapskart/design/kartleggingsoversikt.md"]
    assert "\n# Studiedesign: Kartleggingsoversikt\n" in scoping
    assert "På engelsk heter det «scoping review»." in scoping
