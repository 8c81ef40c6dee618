"""A reader's view in real Chromium: keyboard, Norwegian search, navigation, links, privacy, filters."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from tests.browser.test_accessibility import PAGES
from tests.conftest import EVIDENCE_BASE


def test_skip_link_is_first_and_moves_to_the_content(open_page: Any, base_url: str) -> None:
    page = open_page()
    page.goto(base_url + "tema/tillit/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
    assert '"width":0' not in box, "the skip link must become visible when focused"
    page.keyboard.press("Enter")
    assert page.url.endswith("#tillit-og-tillitsbasert-styring")


FOCUS_SCRIPT = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  if (!element.dataset.besokt) element.dataset.besokt = String(Object.keys(window.__besokt ||= {}).length);
  window.__besokt[element.dataset.besokt] = true;
  const ring = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  };
  // A visually hidden control (Material's palette switch) shows its focus on the label after it.
  const next = element.nextElementSibling;
  const visible = ring(element) || (next !== null && next.tagName === "LABEL" && ring(next));
  return {id: element.dataset.besokt, tag: element.tagName, text: (element.textContent || element.value || "").trim().slice(0, 40), visible};
}
"""


@pytest.mark.parametrize("path", ["tema/tillit/", "kilder/?tema=tillit", "kunnskapskart/"])
def test_every_control_in_the_content_is_reached_by_tab_and_visibly_focused(
    open_page: Any, base_url: str, path: str
) -> None:
    page = open_page()
    page.goto(base_url + path)
    if path.startswith("kilder/"):
        page.eval_on_selector(".kildefilter__detaljer", "details => { details.open = true; }")
    invisible = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_SCRIPT)
        if focused and not focused["visible"]:
            invisible.append(focused)
    assert invisible == []
    unreached = page.evaluate(
        """() => Array.from(document.querySelectorAll('article a[href], article button, article input, article select, article summary, article [tabindex="0"]'))
              .filter((e) => e.offsetParent !== null && !e.dataset.besokt)
                  // a link inside a collapsed box is reached once its summary opens it
                  .filter((e) => e.tagName === 'SUMMARY' || !e.closest('details:not([open])'))
                  .map((e) => e.outerHTML.slice(0, 80))"""
    )
    assert unreached == []


def test_filters_work_from_the_keyboard_and_live_in_the_url(open_page: Any, base_url: str) -> None:
    page = open_page()
    page.goto(base_url + "kilder/")
    assert page.inner_text(".kildefilter__teller") == "Viser alle 58 kilder."
    page.focus("#kildesok")
    page.keyboard.type("Copenhagen")
    assert page.inner_text(".kildefilter__teller") == "Viser 3 av 58 kilder."
    assert "q=Copenhagen" in page.url
    page.fill("#kildesok", "")
    assert page.get_attribute("details.kildefilter__detaljer", "open") is not None, "open where there is room"
    assert page.inner_text("label[for='filter-tema-tillit']") == "Tillit og tillitsbasert styring (6)"
    page.focus("#filter-tema-tillit")
    page.keyboard.press("Space")
    page.focus("#filter-sprak-norwegian")
    page.keyboard.press("Space")
    assert page.inner_text(".kildefilter__teller") == "Viser 3 av 58 kilder."
    assert re.search(r"tema=tillit&sprak=norwegian", page.url)
    visible = page.eval_on_selector_all(
        "#kildetabell tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.innerText)"
    )
    assert visible == [
        "Lærdommer fra arbeid med tillitsreform i skandinaviske land",
        "Tillitsreformer og tillitsbasert styring og ledelse",
        "Innovasjonsprosesser i norske kommuner: Åpninger, pådrivere og mellomromskompetanse",
    ]
    page.reload()
    assert page.inner_text(".kildefilter__teller") == "Viser 3 av 58 kilder."
    assert page.is_checked("#filter-tema-tillit")


def test_sorting_by_year(open_page: Any, base_url: str) -> None:
    page = open_page()
    page.goto(base_url + "kilder/?sorter=aar-opp")
    labels = page.eval_on_selector_all("#kildetabell tbody tr td:nth-child(3)", "cells => cells.map(c => c.innerText)")
    years = [label[:4] for label in labels]  # "2021a" sorts as 2021
    assert years[0] == "1973" and years == sorted(years)


def search(page: Any, base_url: str, term: str) -> list[str]:
    page.goto(base_url)
    page.click(".md-search__input")
    page.keyboard.type(term)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(l => l.href + ' ' + l.innerText)"
    )


@pytest.mark.parametrize("term", ["tillit", "tilliten"])
def test_norwegian_search_finds_the_trust_theme(open_page: Any, base_url: str, term: str) -> None:
    results = search(open_page(), base_url, term)
    assert any("/tema/tillit/" in result for result in results), results


@pytest.mark.parametrize("term", ["samskaping", "samskapingen"])
def test_norwegian_search_finds_co_creation(open_page: Any, base_url: str, term: str) -> None:
    results = search(open_page(), base_url, term)
    assert any("/tema/samskaping-begreper/" in result or "/begreper/" in result for result in results), results


def test_english_search_finds_english_titles(open_page: Any, base_url: str) -> None:
    results = search(open_page(), base_url, "wicked problems")
    assert any("/kilder/head2015wicked/" in result or "/kilder/rittel1973dilemmas/" in result for result in results), (
        results
    )


def test_home_to_theme_to_source_and_back(open_page: Any, base_url: str) -> None:
    page = open_page()
    page.goto(base_url)
    page.click("article table a:has-text('Tillit og tillitsbasert styring')")  # the theme overview
    assert page.url.endswith("/tema/tillit/")
    page.click("article a:has-text('Trust and Control in Public Sector Reform')")
    assert page.url.endswith("/kilder/vallentin2017trust/")
    assert page.inner_text("h1 span") == "Trust and Control in Public Sector Reform: Complementarity and Beyond"
    assert page.get_attribute("h1 span", "lang") == "en"
    page.go_back()
    assert page.url.endswith("/tema/tillit/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith(("mailto:", "data:", "javascript:")):
                self.links.append(value)


def test_every_internal_link_resolves(base_url: str) -> None:
    """Crawl the whole site from the home page: no internal link may give 404."""
    host = urlsplit(base_url).netloc
    queue, seen, broken = [base_url], {base_url}, []
    while queue:
        url = queue.pop()
        try:
            with urlopen(url) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except HTTPError as error:
            broken.append(f"{url}: {error.code}")
            continue
        if "text/html" not in kind:
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link).split("#", 1)[0]
            if urlsplit(target).netloc == host and target not in seen:
                seen.add(target)
                queue.append(target)
    assert broken == []
    # The crawl reached every source and theme page (so it checked their links too).
    pages = {urlsplit(url).path for url in seen}
    sources = {f"/kilder/{path.stem}/" for path in (EVIDENCE_BASE / "sources").glob("*.yaml")}
    themes = {f"/tema/{path.stem}/" for path in (EVIDENCE_BASE / "themes").glob("*.md")}
    assert sources | themes <= pages, sorted((sources | themes) - pages)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_request_leaves_this_machine(open_page: Any, base_url: str, name: str) -> None:
    page = open_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    host = urlsplit(base_url).netloc
    assert [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host] == []


def test_titles_in_other_languages_are_marked(open_page: Any, base_url: str) -> None:
    page = open_page()
    page.goto(base_url + "kilder/tortzen2019samskabelse/")
    assert page.get_attribute("h1 span", "lang") == "da"
    page.goto(base_url + "kilder/johnsen2024tillitsreformer/")
    assert page.query_selector("h1 span[lang]") is None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_first_screen_shows_the_draft_status_and_the_summary(
    open_page: Any, base_url: str, scheme: str
) -> None:
    page = open_page(390, scheme)
    page.goto(base_url + "kilder/ansell2008collaborative/")
    banner = page.locator(".md-banner")
    assert banner.inner_text().strip().startswith("Utkast:") and "Hva betyr det?" in banner.inner_text()
    assert banner.bounding_box()["height"] < 40, "the draft status is one line on a phone"
    summary = page.locator("h2#sammendrag").bounding_box()
    assert summary is not None and summary["y"] < 450, summary


@pytest.mark.parametrize(
    ("term", "first"),
    [
        ("tillit", "/tema/tillit/"),
        ("tillitsreform", "/tema/tillit/"),
        ("samskaping", ("/tema/", "/begreper/")),
        ("metastyring", ("/tema/administrativ-ledelse/", "/begreper/")),
    ],
)
def test_the_page_a_reader_wants_is_among_the_first_three_results(
    open_page: Any, base_url: str, term: str, first: str | tuple[str, ...]
) -> None:
    results = search(open_page(), base_url, term)
    top = [urlsplit(result.split(" ")[0]).path for result in results[:3]]
    assert any(path.startswith(first) for path in top), results[:3]
    assert not any(
        urlsplit(result.split(" ")[0]).path in ("/kilder/", "/referanser/", "/utskrift/") for result in results
    )


def test_an_authors_name_finds_their_works_before_the_themes_that_cite_them(
    open_page: Any, base_url: str, site_dir: Path
) -> None:
    docs = json.loads((site_dir / "search/search_index.json").read_text("utf-8"))["docs"]
    authors = {"/" + doc["location"]: doc.get("tags", []) for doc in docs if "#" not in doc["location"]}
    paths = [urlsplit(result.split(" ")[0]).path for result in search(open_page(), base_url, "Torfing")]
    assert all("Torfing" in authors.get(path, []) for path in paths[:5]), paths[:5]
    assert not {"/kilder/", "/referanser/", "/utskrift/"} & set(paths)


def _first_result(page: Any) -> tuple[str, str]:
    """The first result's page and its first link inside that page (a glossary entry's anchor)."""
    links = page.eval_on_selector_all(
        ".md-search-result__item:first-child > a",
        "links => links.map(l => new URL(l.href).pathname + new URL(l.href).hash)",
    )
    return links[0], links[1] if len(links) > 1 else ""


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # The theme's `søkeord` carry the concepts its title does not name (tillitsreform).
        ("samskaping", ("/tema/samskaping-begreper/", "")),
        ("tillitsreform", ("/tema/tillit/", "")),
        ("medvirkning", ("/tema/legitimitet-medvirkning/", "")),
        ("metastyring", ("/tema/administrativ-ledelse/", "")),
        ("fellesskapsverdier", ("/tema/fellesskapsverdier/", "")),
        # No theme is about it: its glossary entry, not the whole Begreper page, is the hit.
        ("samarbeidsstyring", ("/begreper/", "/begreper/#samarbeidsstyring")),
    ],
)
def test_a_concept_finds_its_theme_or_glossary_entry_before_any_source(
    open_page: Any, base_url: str, term: str, expected: tuple[str, str]
) -> None:
    page = open_page()
    search(page, base_url, term)
    first, entry = _first_result(page)
    assert first == expected[0], (term, first)
    if expected[1]:
        assert entry == expected[1], (term, entry)


@pytest.mark.parametrize("name", ["Torfing", "Sørensen", "Ansell"])
def test_a_persons_name_still_lists_their_works_first(open_page: Any, base_url: str, name: str) -> None:
    page = open_page()
    results = search(page, base_url, name)
    first = urlsplit(results[0].split(" ")[0]).path
    assert first.startswith("/kilder/"), (name, first)
    assert not any("/tema/" in result or "/begreper/" in result for result in results[:3]), results[:3]


def _tooltip_on_focus(page: Any, selector: str) -> str:
    page.focus(selector)
    page.wait_for_selector(".md-tooltip2--active", timeout=5_000)
    return page.inner_text(".md-tooltip2--active")


def test_abbreviations_and_glossary_links_are_reached_by_keyboard_and_explained_in_norwegian(
    open_page: Any, base_url: str
) -> None:
    page = open_page()
    page.goto(base_url + "tema/styringslogikker/")
    assert page.eval_on_selector("article abbr", "a => [a.innerText, a.tabIndex]") == ["NPM", 0]
    assert _tooltip_on_focus(page, "article abbr") == (
        "Styring inspirert av privat sektor, med mål- og resultatstyring, konkurranse og markedsmekanismer."
    )
    page.goto(base_url + "tema/tillit/")
    assert page.eval_on_selector("article a.begrep", "a => new URL(a.href).pathname + new URL(a.href).hash") == (
        "/begreper/#samskaping"
    )
    assert _tooltip_on_focus(page, "article a.begrep").startswith("Samskaping: At offentlige og private aktører")


PAGE_TYPES = [
    "",
    "tema/",
    "tema/tillit/",
    "kilder/",
    "kilder/ansell2008collaborative/",
    "kunnskapskart/",
    "kunnskapskart/design/casestudie/",
    "referanser/",
    "begreper/",
    "nedlastinger/",
    "nytt/",
    "utskrift/",
    "om/",
    "404.html",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_page_is_wider_than_a_phone(open_page: Any, base_url: str, path: str) -> None:
    page = open_page(390)
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_evidence_map_fits_the_screen_and_prints_its_numbers(
    open_page: Any, base_url: str, width: int, scheme: str
) -> None:
    page = open_page(width, scheme)
    page.goto(base_url + "kunnskapskart/")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    overflowing = page.evaluate(
        """() => Array.from(document.querySelectorAll('article table, article figure, article tr'))
              .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth + 0.5)
              .map((e) => e.outerHTML.slice(0, 80))"""
    )
    assert overflowing == [], "nothing on the map pans sideways"
    if width == 1280:
        content = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
        assert content > 1150, "no navigation or table of contents beside the map"
    # Every count is a link the reader can see and reach, in the grid and in the phone cards alike.
    counts = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kunnskapskart td a')).map((a) => {
              const box = a.getBoundingClientRect();
              return {text: a.textContent, visible: box.width > 0 && box.left >= 0 && box.right <= innerWidth};
          })"""
    )
    assert counts and all(count["visible"] and count["text"].isdigit() for count in counts)
    if width == 390:
        label = page.evaluate(
            "getComputedStyle(document.querySelector('.kunnskapskart td[data-etikett]'), '::before').content"
        )
        assert label == '"Konseptuell/teoretisk studie"', "on a phone each count says what it counts"
    # Bars scale with the screen and keep their proportions; every number is printed as text.
    rows = page.evaluate(
        """() => Array.from(document.querySelectorAll('#diagram-land tbody tr')).map((row) => ({
              label: row.querySelector('th').textContent,
              number: Number(row.querySelector('.stolpediagram__tall').textContent),
              bar: row.querySelector('rect').getBoundingClientRect().width,
              size: parseFloat(getComputedStyle(row.querySelector('th')).fontSize),
          }))"""
    )
    largest = max(rows, key=lambda row: row["number"])
    for row in rows:
        assert row["size"] >= 12
        assert abs(row["bar"] - largest["bar"] * row["number"] / largest["number"]) < 1.5, row
    assert len({row["bar"] for row in rows if row["number"] != largest["number"]}) > 1
