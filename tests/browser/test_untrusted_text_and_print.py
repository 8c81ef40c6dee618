"""Injected script never runs in a real browser, and the whole summary prints to a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.mkdocs.pdf import print_pdf
from tests.browser.conftest import serve
from tests.conftest import build_site
from tests.test_injection import write_injection_project


@pytest.fixture(scope="module")
def injection_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(str(build_site(write_injection_project(tmp_path_factory.mktemp("browser-injection")))))


@pytest.mark.parametrize(
    "path", ["", "tema/tillit/", "kilder/", "kilder/ansell2008collaborative/", "referanser/", "kunnskapskart/", "nytt/"]
)
def test_no_injected_script_runs_and_no_injected_element_exists(open_page: Any, injection_url: str, path: str) -> None:
    page = open_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(injection_url + path)
    page.wait_for_load_state("networkidle")
    for link in page.query_selector_all("article a")[:40]:
        link.dispatch_event("mouseover")  # an injected onmouseover would fire here
    assert dialogs == []
    injected = page.evaluate(
        """() => Array.from(document.querySelectorAll('*')).filter((e) =>
             Array.from(e.attributes).some((a) => a.name.startsWith('on')) ||
             ['IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName) ||
             (e.tagName === 'A' && /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') || ''))
           ).map((e) => e.outerHTML.slice(0, 80))"""
    )
    assert injected == []


def test_the_payload_is_shown_as_text(open_page: Any, injection_url: str) -> None:
    page = open_page()
    page.goto(injection_url + "tema/tillit/")
    assert '<script>alert("XSS-25")</script>' in page.inner_text("article")


def test_the_whole_summary_prints_to_pdf(site_dir: Path, browser: Any) -> None:
    output = print_pdf(site_dir, browser=browser)
    reader = PdfReader(str(output))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 10
    for heading in ("Samskaping – begreper og perspektiver", "Tillit og tillitsbasert styring", "Referanser"):
        assert heading in text
    assert "Ansell, C. & Gash, A. (2008)" in text
    assert "Gå til innholdet" not in text and "Alle kilder" not in text  # no navigation in print


def test_a_printed_theme_says_where_it_is_from_and_lists_its_sources_once(
    open_page: Any, base_url: str, tmp_path: Path
) -> None:
    page = open_page()
    page.goto(base_url + "tema/tillit/")
    assert page.is_visible("button.skriv-ut"), "the print button is shown when the script runs"
    page.emulate_media(media="print")
    output = tmp_path / "tillit.pdf"
    page.pdf(path=str(output), format="A4")
    text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(str(output)).pages)
    assert "SAMVERDI – kunnskapsoppsummering · Versjon 0.1, sist oppdatert 29. november 2026" in text
    assert "Side 1 av" in text
    assert "Kilder i temaet" not in text and "Last ned" not in text and "Skriv ut temaet" not in text
    assert text.count("Vallentin, S. & Thygesen, N. T. (2017).") == 1, "the sources are listed once on paper"
