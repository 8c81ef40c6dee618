"""axe-core with the WCAG 2.x A and AA rules and its best practices reports no violations: on every
page type and every source page, with the search open and with the navigation drawer open, in the
light and dark palettes, at desktop and phone width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = {
    "hjem": "",
    "temaer": "tema/",
    "tema": "tema/tillit/",
    "kilde": "kilder/ansell2008collaborative/",
    "alle-kilder": "kilder/?tema=tillit",
    "kunnskapskart": "kunnskapskart/",
    "fasett": "kunnskapskart/design/casestudie/",
    "referanser": "referanser/",
    "nedlastinger": "nedlastinger/",
    "begreper": "begreper/",
    "om": "om/",
    "tilgjengelighet": "tilgjengelighet/",
    "nytt": "nytt/",
    "utskrift": "utskrift/",
    "404": "404.html",  # the site's own page, as GitHub Pages serves it (the test server has its own)
}
PHONE, DESKTOP = 390, 1280
SEARCH_QUERY = "samskaping"


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        RULE_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in violation["nodes"][:5]
        )
        for violation in result["violations"]
    ]


def source_pages(site_dir: Path) -> list[str]:
    return sorted(f"kilder/{page.parent.name}/" for page in (site_dir / "kilder").glob("*/index.html"))


def open_search(page: Any, width: int) -> None:
    """As a reader does: the field in the header on a desktop, the magnifier on a phone."""
    if width == PHONE:
        page.click(".md-header label[for=__search]")
    else:
        page.click(".md-search__input")
    page.keyboard.type(SEARCH_QUERY)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_violations_on_any_page_type_or_source_page(
    open_page: Any, base_url: str, site_dir: Path, width: int, scheme: str
) -> None:
    page = open_page(width=width, scheme=scheme)
    found = {}
    for path in [*PAGES.values(), *source_pages(site_dir)]:
        page.goto(base_url + path)
        if path.startswith("kilder/?"):
            page.eval_on_selector(".kildefilter__detaljer", "details => { details.open = true; }")  # the filters open
        found[path] = axe_violations(page)
    assert {path: violations for path, violations in found.items() if violations} == {}
    assert len(found) > len(PAGES), "the source pages are checked too"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_violations_with_the_search_open(open_page: Any, base_url: str, width: int, scheme: str) -> None:
    page = open_page(width=width, scheme=scheme)
    page.goto(base_url + PAGES["tema"])
    open_search(page, width)
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_violations_with_the_navigation_drawer_open(open_page: Any, base_url: str, scheme: str) -> None:
    page = open_page(width=PHONE, scheme=scheme)
    page.goto(base_url + PAGES["tema"])
    page.click(".md-header label[for=__drawer]")
    page.wait_for_selector(".md-sidebar--primary", state="visible")
    assert axe_violations(page) == []


def test_the_palette_follows_the_system_until_the_reader_chooses(open_page: Any, base_url: str) -> None:
    page = open_page(scheme="light")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    page.goto(base_url)
    assert page.evaluate(scheme) == "default"
    page.emulate_media(color_scheme="dark")  # the phone switches to dark: a later visit follows it
    page.goto(base_url + PAGES["tema"])
    assert page.evaluate(scheme) == "slate"
    page.click("form[data-md-component=palette] label:visible")  # the reader chooses: light
    page.emulate_media(color_scheme="dark")
    page.goto(base_url)
    assert page.evaluate(scheme) == "default"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_keyboard_never_lands_on_what_is_off_screen(open_page: Any, base_url: str, width: int) -> None:
    """A closed menu drawer or search box takes no focus (docs/javascripts/tilgjengelighet.js): every
    Tab stop on the home page is on screen, or is the palette switch whose label shows the focus."""
    page = open_page(width=width)
    page.goto(base_url)
    off_screen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " return {name: e.tagName + '.' + e.className, x: r.x, right: r.right, height: r.height,"
            " option: e.classList.contains('md-option')}; }"
        )
        if not where["option"] and (where["right"] <= 0 or where["x"] >= width or where["height"] == 0):
            off_screen.append(where["name"])
    assert off_screen == []
