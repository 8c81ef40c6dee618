"""/kilder/ in real Chromium: every column in view at 1280 px (or a visible cue), cards on a phone."""

from __future__ import annotations

from typing import Any

import pytest

# What the reader can see of the table: the column heads that are displayed, the heads that
# start beyond the right edge of the table's box, whether the box scrolls, and the cue.
LAYOUT = """() => {
  const region = document.querySelector('.tabell-rull');
  const heads = Array.from(document.querySelectorAll('#kildetabell thead th'));
  const hint = document.querySelector('.kildetabell-hint');
  return {
    shown: heads.filter((th) => th.offsetParent !== null).map((th) => th.textContent),
    beyond: heads.filter((th) => th.offsetParent !== null
      && th.getBoundingClientRect().left >= region.getBoundingClientRect().right).map((th) => th.textContent),
    scrolls: region.scrollWidth > region.clientWidth,
    cue: hint !== null && hint.offsetParent !== null,
    pageWidth: document.documentElement.scrollWidth,
    summary: document.querySelector('.kildefilter__detaljer summary').textContent,
  };
}"""
COLUMNS = ["Kilde", "Forfatter", "År", "Temaer", "Design", "Land", "Språk"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_column_is_in_view_at_1280_px(open_page: Any, base_url: str, scheme: str) -> None:
    page = open_page(1280, scheme)
    page.goto(base_url + "kilder/")
    layout = page.evaluate(LAYOUT)
    # Every source has the status "Utkast": no Status column and no Status filter.
    assert layout["shown"] == COLUMNS
    assert layout["beyond"] == []
    assert (layout["scrolls"], layout["cue"]) == (False, False)
    assert layout["summary"] == "Filtrer på tema, design, land og språk"
    assert page.query_selector("#kildefilter input[data-fasett='status']") is None


def test_a_table_wider_than_its_box_shows_the_cue(open_page: Any, base_url: str) -> None:
    page = open_page(1280)
    page.goto(base_url + "kilder/")
    # A cell wider than the box stands in for a window too narrow for the columns.
    page.eval_on_selector("#kildetabell td", "cell => { cell.style.minWidth = '2000px'; }")
    page.wait_for_function("document.querySelector('.kildetabell-hint').offsetParent !== null")
    layout = page.evaluate(LAYOUT)
    assert (layout["scrolls"], layout["cue"]) == (True, True)
    assert (
        page.inner_text(".kildetabell-hint")
        == "Tabellen er bredere enn skjermen: rull sideveis for å se alle kolonnene →"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_each_source_is_a_card_and_nothing_pans_sideways(open_page: Any, base_url: str, scheme: str) -> None:
    page = open_page(390, scheme)
    page.goto(base_url + "kilder/")
    layout = page.evaluate(LAYOUT)
    assert layout["shown"] == [], "the column heads give way to a label in each card"
    assert (layout["scrolls"], layout["cue"], layout["pageWidth"]) == (False, False, 390)
    labels = page.eval_on_selector_all(
        "#kildetabell tbody tr:first-child td",
        "cells => cells.map((c) => getComputedStyle(c).display + ' ' + getComputedStyle(c, '::before').content)",
    )
    # Each field on its own line, labelled from data-etikett (the title needs no label).
    assert labels == ["block none"] + [f'block "{column}: "' for column in COLUMNS[1:]]
