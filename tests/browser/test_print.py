"""Print stands alone: the PDF of the whole summary, and a theme printed from a reader's browser,
measured page by page (where the text ends on each page), not only read as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject, PdfReader

from generator.mkdocs.pdf import MARGIN, print_and_link, print_pdf
from tests.conftest import EVIDENCE_BASE

POINTS_PER_MM = 72 / 25.4
# A page that ends above this share of its text area, other than the last, is a page a break rule
# emptied: page 2 of a printed theme ended at 49 % when a finding with its assessment was kept whole.
FULL_ENOUGH = 0.6
SITE_NAME = "SAMVERDI – kunnskapsoppsummering"
EDITION = "Versjon 0.1, sist oppdatert 29. november 2026"
TITLE = "Samskaping og ledelse i kommunene – en kunnskapsoppsummering"
THEMES = sorted(path.stem for path in (EVIDENCE_BASE / "themes").glob("*.md"))
PUBLISHED = "https://eksempel.no/samverdi/"  # as if built with SITE_URL set, as CI does on main


def filled(page: PageObject, margin_mm: float) -> float:
    """How far down the text area (inside the margins, so without header and footer) the text reaches, 0 to 1."""
    height = float(page.mediabox.height)
    top, bottom = height - margin_mm * POINTS_PER_MM, margin_mm * POINTS_PER_MM
    baselines: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text matrix's origin in page space
        if text.strip() and bottom - 2 < y < top + 2:
            baselines.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(baselines)) / (top - bottom) if baselines else 0.0


def half_empty(reader: PdfReader, margin_mm: float) -> list[tuple[int, float]]:
    """The pages, but the last, whose text ends above FULL_ENOUGH of the text area: (page number, share)."""
    shares = [(number, round(filled(page, margin_mm), 2)) for number, page in enumerate(reader.pages, 1)]
    return [(number, share) for number, share in shares[:-1] if share < FULL_ENOUGH]


@pytest.fixture(scope="module")
def printed(site_dir: Path, browser: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[str]]:
    """`make pdf` on a copy of the built site (it rewrites home and Nedlastinger, which other tests
    read), whose printable page has the canonical address a build with SITE_URL gives it."""
    site = tmp_path_factory.mktemp("printed") / "site"
    shutil.copytree(site_dir, site)
    page = site / "utskrift" / "index.html"
    canonical = f'<link rel="canonical" href="{PUBLISHED}utskrift/">'
    page.write_text(page.read_text("utf-8").replace("</head>", f"{canonical}</head>", 1), "utf-8")
    return (site, *print_and_link(site, browser=browser)[1:])


def link_targets(pdf: Path) -> tuple[list[str], int]:
    """The addresses the PDF's links go to, and how many links go to a place within the PDF."""
    addresses, within = [], 0
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                addresses.append(str(action["/URI"]))
            else:
                within += 1
    return addresses, within


def test_the_pdf_has_no_half_empty_page_and_a_header_and_footer_on_every_page(printed: Any) -> None:
    site, pages, _ = printed
    reader = PdfReader(site / "nedlastinger" / "kunnskapsoppsummering.pdf")
    assert len(reader.pages) == pages
    assert half_empty(reader, float(MARGIN["top"].removesuffix("mm"))) == []
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        for part in (SITE_NAME, EDITION, TITLE, f"Side {number} av {pages}"):
            assert part in text, f"page {number} lacks {part!r}"
        assert text.count(f"Side {number} av") == 1, "the stylesheet's own page number is not printed as well"


def test_the_pdf_opens_with_kort_fortalt_key_messages_contents_and_the_confidence_key(printed: Any) -> None:
    site, _, _ = printed
    text = "\n".join(
        page.extract_text() for page in PdfReader(site / "nedlastinger" / "kunnskapsoppsummering.pdf").pages
    )
    opening = [
        "Kort fortalt",
        "Forskningen beskriver hvordan kommunen kan løse oppgaver sammen med andre.",
        "Hovedbudskap",
        "Mer om dette under «Samskaping – begreper og perspektiver»",
        "Innhold",
        "Tillit og tillitsbasert styring: 3 hovedfunn, 6 kilder",
        "Slik leser du tiltroen",
        "●●●● Høy: Det er svært sannsynlig at funnet gir et rimelig bilde av det forskningen beskriver.",
        "●○○○ Svært lav:",
        "Hva forskningen mener med samskaping",  # the first theme's description: the themes come after
    ]
    flat = " ".join(text.split())
    positions = [flat.find(part) for part in opening]
    assert -1 not in positions, [part for part, at in zip(opening, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


def test_the_pdfs_links_go_to_the_published_site_or_within_the_pdf(printed: Any) -> None:
    site, _, _ = printed
    addresses, within = link_targets(site / "nedlastinger" / "kunnskapsoppsummering.pdf")
    assert within >= len(THEMES) * 2, "the contents and the key messages link to the themes in the PDF"
    assert f"{PUBLISHED}kilder/ansell2008collaborative/" in addresses
    assert f"{PUBLISHED}tema/#slik-vurderer-vi-tiltro" in addresses
    assert [address for address in addresses if not address.startswith(("https://", "http://"))] == []


def test_without_a_published_address_the_pdf_has_no_link_to_the_printing_machine(
    site_dir: Path, browser: Any, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    addresses, within = link_targets(print_pdf(site, browser=browser))
    assert within > 0 and addresses
    assert [address for address in addresses if not address.startswith(("https://", "http://"))] == []


def test_home_and_downloads_link_the_pdf_with_its_pages_and_size(printed: Any) -> None:
    site, pages, unlinked = printed
    assert unlinked == []
    size = (site / "nedlastinger" / "kunnskapsoppsummering.pdf").stat().st_size
    shown = f"{round(size / 1000)} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB".replace(".", ",")
    for page, href in (
        ("index.html", "nedlastinger/kunnskapsoppsummering.pdf"),
        ("nedlastinger/index.html", "kunnskapsoppsummering.pdf"),
    ):
        html = (site / page).read_text("utf-8")
        assert f'PDF: <a href="{href}">kunnskapsoppsummering.pdf</a> ({pages} sider, {shown}).' in html
        assert (site / page).parent.joinpath(href).is_file()


def test_without_the_pdf_the_pages_offer_the_printable_page_and_no_dead_link(site_dir: Path) -> None:
    for page in ("index.html", "nedlastinger/index.html"):
        html = (site_dir / page).read_text("utf-8")
        assert re.search(
            r'står samlet på én nettside <a href="[./]*utskrift/">til utskrift</a>\.<span class="pdf-lenke"', html
        )
        if not (site_dir / "nedlastinger" / "kunnskapsoppsummering.pdf").exists():
            assert "kunnskapsoppsummering.pdf</a>" not in html


@pytest.mark.parametrize("theme", THEMES)
def test_a_theme_printed_from_the_browser_has_no_half_empty_page_and_a_header_and_footer_on_every_page(
    open_page: Any, base_url: str, tmp_path: Path, theme: str
) -> None:
    page = open_page()
    page.goto(f"{base_url}tema/{theme}/")
    page.emulate_media(media="print")
    output = tmp_path / f"{theme}.pdf"
    page.pdf(path=str(output), format="A4")
    reader = PdfReader(output)
    assert half_empty(reader, 18) == []  # the stylesheet's @page margin
    for number, pdf_page in enumerate(reader.pages, 1):
        text = pdf_page.extract_text()
        assert SITE_NAME in text and f"Side {number} av {len(reader.pages)}" in text, f"page {number}"
