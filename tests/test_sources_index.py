"""/kilder/: a filter, and its column, only where there is a choice to make; no table of contents."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from generator.pipeline import build
from tests.conftest import ANSELL, SOURCE

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
