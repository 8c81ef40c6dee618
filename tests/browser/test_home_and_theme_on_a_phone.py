"""A leader with 30 seconds and a phone (390 × 844): the bottom line on the first screen, a header title that
fits, the themes as cards with their confidence, and on a theme page what we do not know right after the findings."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_accessibility import axe_violations

PHONE = {"width": 390, "height": 844}
SITE_NAME = "SAMVERDI – kunnskapsoppsummering"


def phone(open_page: Any, scheme: str) -> Any:
    page = open_page(390, scheme)
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_kort_fortalt_and_the_first_key_message_are_on_the_first_screen(
    open_page: Any, base_url: str, scheme: str
) -> None:
    page = phone(open_page, scheme)
    page.goto(base_url)
    in_short = page.locator("h2#kort-fortalt + ul").bounding_box()
    first_message = page.locator("h2#hovedbudskap + ol > li").first
    box = first_message.bounding_box()
    assert in_short is not None and box is not None
    assert in_short["y"] + in_short["height"] <= PHONE["height"], in_short
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert first_message.locator("strong").first.inner_text().startswith("Om samarbeid lykkes")
    assert "Tiltro:" in first_message.inner_text()


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_the_draft_notice_is_one_line(open_page: Any, base_url: str, width: int) -> None:
    page = open_page(width)
    page.goto(base_url)
    banner = page.locator(".md-banner")
    assert banner.inner_text().strip().startswith("Utkast:")
    lines = banner.evaluate(
        """banner => {
            const range = document.createRange();
            range.selectNodeContents(banner.querySelector('.md-banner__inner'));
            const tops = Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom));
            return new Set(tops).size;
        }"""
    )
    assert lines == 1


def test_the_header_title_fits_on_a_phone_and_keeps_the_full_name_for_screen_readers(
    open_page: Any, base_url: str
) -> None:
    page = phone(open_page, "light")
    page.goto(base_url)
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    shown = title.evaluate("element => getComputedStyle(element, '::before').content")
    assert shown == '"SAMVERDI" / ""'
    assert title.evaluate("element => element.scrollWidth <= element.clientWidth"), "not cut off"
    assert title.inner_text().strip() == SITE_NAME
    # What a screen reader gets: the full name once; the short form's alternative text is empty.
    assert page.locator(".md-header__topic").first.aria_snapshot() == f"- text: {SITE_NAME}"
    wide = open_page(1280)
    wide.goto(base_url)
    wide_title = wide.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert wide_title.evaluate("element => getComputedStyle(element, '::before').content") == "none"
    assert wide_title.evaluate("element => element.scrollWidth <= element.clientWidth"), "the full title fits"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_themes_are_cards_that_show_their_confidence(open_page: Any, base_url: str, scheme: str) -> None:
    page = phone(open_page, scheme)
    page.goto(base_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not page.locator(".temaoversikt thead").is_visible()
    rows = page.locator(".temaoversikt tbody tr")
    assert rows.count() == 9
    for index in range(rows.count()):
        row = rows.nth(index)
        confidence = row.locator('td[data-etikett="Tiltro til hovedfunnene"]')
        row.scroll_into_view_if_needed()
        box = confidence.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        label = confidence.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label == '"Tiltro til hovedfunnene: "', "the card names the field"
    tillit = page.locator(".temaoversikt tbody tr", has_text="Tillit og tillitsbasert styring")
    assert tillit.locator('td[data-etikett="Tiltro til hovedfunnene"]').inner_text() == "3 lav"


def test_on_a_desktop_the_themes_are_a_table(open_page: Any, base_url: str) -> None:
    page = open_page(1280)
    page.goto(base_url)
    assert page.locator(".temaoversikt thead th").all_inner_texts() == [
        "Tema",
        "Kilder",
        "Fra Norge",
        "Tiltro til hovedfunnene",
    ]
    assert page.locator(".temaoversikt").evaluate("e => e.scrollWidth <= e.clientWidth")


def test_what_we_do_not_know_comes_right_after_the_findings(open_page: Any, base_url: str) -> None:
    page = phone(open_page, "light")
    page.goto(base_url + "tema/tillit/")
    headings = [text.rstrip("¶") for text in page.locator(".md-content h2").all_inner_texts()]
    assert headings[:4] == ["Hovedfunn", "Hva vi ikke vet", "Hva betyr dette for ledere?", "Hva sier forskningen?"]
    summary = page.locator("h2#hva-vi-ikke-vet + p")
    assert summary.inner_text().startswith("Kunnskapsgrunnlaget er tynt. Temaet har bare seks kilder")
    assert summary.inner_text().endswith("Les mer om hva vi ikke vet.")
    full = page.locator("h3#hull-i-kunnskapen")
    assert full.evaluate("e => e.nextElementSibling.textContent").startswith("Kunnskapsgrunnlaget er tynt.")
    top = page.locator("h2#hva-vi-ikke-vet").bounding_box()
    bottom = full.bounding_box()
    assert top is not None and bottom is not None and top["y"] < bottom["y"]
    summary.get_by_role("link", name="Les mer om hva vi ikke vet").click()
    page.wait_for_function("location.hash === '#hull-i-kunnskapen'")
    box = full.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"], box


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "tema/tillit/"])
def test_home_and_theme_have_no_wcag_violations_on_a_phone(
    open_page: Any, base_url: str, path: str, scheme: str
) -> None:
    page = phone(open_page, scheme)
    page.goto(base_url + path)
    assert axe_violations(page) == []
