"""The evidence map, facet pages, related sources and charts, checked against the model."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.charts import Bar, bar_chart
from generator.facets import dimensions, shade
from generator.model import Model
from generator.pipeline import build, check
from generator.related import Features, related_sources
from tests.conftest import EVIDENCE_BASE


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    root = tmp_path_factory.mktemp("map")
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    result = build(root)
    assert result.report is not None
    _, model = check(root)
    assert model is not None
    return model, root / "docs"


class _Cells(HTMLParser):
    """Cells of the evidence map: (table caption, row header, column index) -> (text, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str, int], tuple[str, str]] = {}
        self.headers: dict[str, list[str]] = {}
        self._caption = ""
        self._row = ""
        self._column = -1
        self._tag: list[str] = []
        self._text = ""
        self._href = ""
        self._scope = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "tr":
            self._column = -1
        if tag in ("td", "th", "caption"):
            self._text, self._href, self._scope = "", "", attributes.get("scope") or ""
        if tag == "a":
            self._href = attributes.get("href") or ""
        self._tag.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._caption = self._text.strip()
            self.headers[self._caption] = []
        elif tag == "th" and self._scope == "col":
            self.headers[self._caption].append(self._text.strip())
        elif tag == "th" and self._scope == "row":
            self._row = self._text.strip()
        elif tag == "td":
            self._column += 1
            self.cells[(self._caption, self._row, self._column)] = (self._text.strip(), self._href)

    def handle_data(self, data: str) -> None:
        self._text += data


def map_cells(docs: Path) -> _Cells:
    parser = _Cells()
    parser.feed((docs / "kunnskapskart/index.md").read_text("utf-8"))
    return parser


def test_every_cell_counts_and_links_to_exactly_its_sources(built: tuple[Model, Path]) -> None:
    model, docs = built
    parser = map_cells(docs)
    for dimension in dimensions(model):
        caption = f"Temaer og {dimension.label.lower()}: antall kilder"
        assert parser.headers[caption] == ["Tema", *[value.label for value in dimension.values]]
        for theme in model.themes:
            for column, value in enumerate(dimension.values):
                expected = [s.key for s in model.sources if theme.id in s.themes and s.key in value.sources]
                text, href = parser.cells[(caption, theme.title, column)]
                if not expected:
                    assert (text, href) == ("–ingen kilder", "")
                    continue
                assert text == str(len(expected))
                assert href == f"{dimension.id}/{value.id}/#tema-{theme.id}"
                facet = (docs / f"kunnskapskart/{dimension.id}/{value.id}.md").read_text("utf-8")
                section = facet.split(f"{{ #tema-{theme.id} }}", 1)[1].split("\n## ", 1)[0]
                linked = re.findall(r'<a href="\.\./\.\./\.\./kilder/([^/"]+)/"', section)
                assert linked == expected


def test_cells_are_scoped_and_captioned(built: tuple[Model, Path]) -> None:
    _, docs = built
    text = (docs / "kunnskapskart/index.md").read_text("utf-8")
    assert text.count("<caption") == 3
    assert '<th scope="row">' in text and '<th scope="col">' in text


def test_shade_steps() -> None:
    assert [shade(count) for count in (0, 1, 2, 3, 4, 6, 7, 50)] == [0, 1, 2, 2, 3, 3, 4, 4]


def test_region_puts_norway_nordic_and_rest_apart(built: tuple[Model, Path]) -> None:
    model, _ = built
    region = {value.id: set(value.sources) for value in dimensions(model)[1].values}
    assert "vedeld2021polycentric" in region["norge"]
    assert "hofstad2020urban" in region["norge"] & region["norden"] & region["verden"]
    assert "ansell2008collaborative" in region["ikke-oppgitt"]


def test_related_sources_prefer_rare_shared_features() -> None:
    sources = [
        Features("a", frozenset({("tema", "t"), ("nøkkelord", "sjelden")})),
        Features("b", frozenset({("tema", "t")})),
        Features("c", frozenset({("tema", "t"), ("nøkkelord", "sjelden")})),
        Features("d", frozenset({("tema", "annet")})),
    ]
    related = related_sources(sources, {("tema", "t"): "Tillit"}, count=2)
    assert related["a"] == [("c", ("samme tema: Tillit", "felles nøkkelord: sjelden")), ("b", ("samme tema: Tillit",))]
    assert related["d"] == []


def test_related_sources_are_shown_with_reasons(built: tuple[Model, Path]) -> None:
    model, docs = built
    source = model.by_key["siverbo2024diffusion"]
    assert 0 < len(source.related) <= 5
    assert all(related.reasons for related in source.related)
    page = (docs / "kilder/siverbo2024diffusion.md").read_text("utf-8")
    first = model.by_key[source.related[0].key]
    assert f'<a href="../{first.key}/">' in page
    assert "Samme tema: " in page


def test_bar_chart_is_accessible_svg() -> None:
    svg = str(bar_chart("d", "Kilder per tema", "Antall kilder.", [Bar("Tillit", 6), Bar("Samskaping", 21)]))
    assert 'role="img" aria-labelledby="d-tittel d-beskrivelse"' in svg
    assert '<title id="d-tittel">Kilder per tema</title>' in svg
    assert svg.count("<rect") == 2
    widths = [int(width) for width in re.findall(r'<rect[^>]*width="(\d+)"', svg)]
    assert widths == [round(300 * 6 / 21), 300]


def test_gaps_are_written_out_and_not_stated_is_not_a_gap(built: tuple[Model, Path]) -> None:
    model, docs = built
    text = (docs / "kunnskapskart/index.md").read_text("utf-8")
    assert text.count("**Hull i kunnskapen:**") == 3, "one list per dimension"
    gaps = [line for line in text.splitlines() if line.startswith("- **") and "ingen kilder for" in line]
    unstated = {value.label for dimension in dimensions(model) for value in dimension.values if not value.stated}
    assert unstated == {"Ikke oppgitt", "Design ikke oppgitt"}
    assert gaps and not any(f"{label}," in line or f"{label}." in line for line in gaps for label in unstated)
    assert 'class="skygge-0 ikke-oppgitt"' in text or 'ikke-oppgitt"><a' in text
