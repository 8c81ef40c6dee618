"""The evidence map, facet pages, related sources and charts, checked against the model."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.core.charts import Bar, bar_chart, bar_length
from generator.core.layout import NOT_GIVEN
from generator.model.build import Model
from generator.model.related import Features, related_sources
from generator.pipeline import build, check
from generator.render.facets import FacetValue, dimensions, gap_sentence, shade
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
    assert text.count('<table class="kunnskapskart kunnskapskart--') == 3
    assert text.count('<caption id="kart-') == 3
    assert '<th scope="row">' in text and '<th scope="col">' in text


def test_the_map_is_a_full_width_page(built: tuple[Model, Path]) -> None:
    _, docs = built
    text = (docs / "kunnskapskart/index.md").read_text("utf-8")
    assert "\nhide: [navigation, toc]\n" in text.split("\n---\n", 1)[0]
    assert "tabell-rull" not in text, "no grid scrolls sideways"


def test_every_count_is_a_link_labelled_for_the_phone_layout(built: tuple[Model, Path]) -> None:
    model, docs = built
    text = (docs / "kunnskapskart/index.md").read_text("utf-8")
    design = dimensions(model)[0]
    casestudie = next(value for value in design.values if value.id == "casestudie")
    count = len(design.cell("tillit", casestudie, model))
    assert (
        f'<td class="skygge-{shade(count)}" data-etikett="Casestudie"><a href="design/casestudie/#tema-tillit" '
        f'aria-label="{count} {"kilde" if count == 1 else "kilder"}: Tillit og tillitsbasert styring, Casestudie">{count}</a></td>'
    ) in text
    cells = re.findall(r"<td class=\"skygge-(\d)[^>]*>(.*?)</td>", text)
    assert len(cells) == len(model.themes) * sum(len(dimension.values) for dimension in dimensions(model))
    for step, cell in cells:
        assert cell.startswith("<a href=") == (step != "0"), cell


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


def test_bar_chart_is_a_table_with_numbers_and_scaling_bars() -> None:
    chart = str(
        bar_chart(
            "d",
            "Kilder per tema",
            "Antall kilder.",
            "Tema",
            [Bar("Tillit & <b>", 6, "../tema/tillit/"), Bar("Danmark", 13), Bar("USA", 2)],
        )
    )
    assert chart == (
        '<figure class="diagram" id="d"><table class="stolpediagram" aria-describedby="d-beskrivelse">'
        "<caption>Kilder per tema</caption>"
        '<thead><tr><th scope="col">Tema</th><th scope="col">Kilder</th><td class="stolpediagram__stolpe"></td></tr></thead>'
        '<tbody><tr><th scope="row"><a href="../tema/tillit/">Tillit &amp; &lt;b&gt;</a></th><td class="stolpediagram__tall">6</td>'
        '<td class="stolpediagram__stolpe"><svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" '
        'preserveAspectRatio="none"><rect width="46.2" height="10"/></svg></td></tr>'
        '<tr><th scope="row">Danmark</th><td class="stolpediagram__tall">13</td>'
        '<td class="stolpediagram__stolpe"><svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" '
        'preserveAspectRatio="none"><rect width="100" height="10"/></svg></td></tr>'
        '<tr><th scope="row">USA</th><td class="stolpediagram__tall">2</td>'
        '<td class="stolpediagram__stolpe"><svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" '
        'preserveAspectRatio="none"><rect width="15.4" height="10"/></svg></td></tr></tbody></table>'
        '<figcaption id="d-beskrivelse">Antall kilder.</figcaption></figure>'
    )


def test_bar_lengths_are_relative_to_the_largest_and_never_divide_by_zero() -> None:
    assert [bar_length(value, 13) for value in (13, 2, 0)] == ["100", "15.4", "0"]
    assert bar_length(0, 0) == "0"


def test_charts_on_the_map_print_every_number(built: tuple[Model, Path]) -> None:
    model, docs = built
    text = (docs / "kunnskapskart/index.md").read_text("utf-8")
    charts = text.split('<div class="diagrammer">', 1)[1]
    theme_chart = charts.split('<figure class="diagram" id="diagram-design">', 1)[0]
    for theme in model.themes:
        assert (
            f'<tr><th scope="row"><a href="../tema/{theme.id}/">{theme.title}</a></th>'
            f'<td class="stolpediagram__tall">{len(theme.sources)}</td>'
        ) in theme_chart
    assert "| Kilder |" not in text, "the chart is the table: no second table repeats it"


def test_gaps_are_one_sentence_per_map(built: tuple[Model, Path]) -> None:
    model, docs = built
    assert [gap_sentence(dimension, model) for dimension in dimensions(model)] == [
        "Ingen temaer har kilder av typen evaluering; bare 2 av 9 temaer har kilder av typen systematisk "
        "litteraturoversikt, kartleggingsoversikt, litteraturanalyse og spørreundersøkelse; "
        "bare 3 av 9 temaer har kilder av typen sammenstilling av casestudier og kunnskapsstatus/rapport; "
        "«Samskaping – begreper og perspektiver» mangler kilder av typen casestudie; «Fellesskapsverdier og "
        "offentlig verdi» mangler kilder av typen casestudie, komparativ casestudie og antologi (redigert bok); "
        "«Tillit og tillitsbasert styring» "
        "mangler kilder av typen konseptuell/teoretisk studie og fagbok (monografi); «Ressurser og resultater» "
        "mangler kilder av typen fagbok (monografi) og antologi (redigert bok); «Verktøy, plattformer og arenaer» "
        "mangler kilder av typen antologi (redigert bok).",
        "«Fellesskapsverdier og offentlig verdi» mangler kilder fra Norge; «Styringslogikker» mangler kilder fra "
        "resten av verden; «Tillit og tillitsbasert styring» mangler kilder fra resten av verden; «Ressurser og "
        "resultater» mangler kilder fra Norge.",
        "Bare 1 av 9 temaer har kilder på nivået overnasjonalt nivå; bare 2 av 9 temaer har kilder på nivået "
        "fylke/region; bare 3 av 9 temaer har kilder på nivået stat.",
    ]
    text = (docs / "kunnskapskart/index.md").read_text("utf-8")
    assert text.count('<p class="kart-hull"><strong>Hull:</strong> ') == 3
    assert "**Hull i kunnskapen:**" not in text and "ingen kilder for" not in text


def test_not_given_is_no_gap_and_a_full_grid_says_so(built: tuple[Model, Path]) -> None:
    model, _ = built
    region = dimensions(model)[1]
    everywhere = FacetValue("norge", "Norge", "", tuple(s.key for s in model.sources), gap_name="Norge")
    nowhere = FacetValue(NOT_GIVEN, "Ikke oppgitt", "", (), stated=False)
    assert gap_sentence(replace(region, values=(everywhere, nowhere)), model) == (
        "Alle temaene har kilder i alle kolonnene."
    )
    empty = replace(everywhere, sources=())
    assert gap_sentence(replace(region, values=(empty, nowhere)), model) == "Ingen temaer har kilder fra Norge."
