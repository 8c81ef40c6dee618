"""The PDF step's texts without a browser: the header and footer it asks Chromium for, and the link,
page count and size it fills in on home and Nedlastinger (the browser test prints the real PDF)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.core import layout
from generator.mkdocs.pdf import header_and_footer, link_pdf, pdf_link, pdf_size
from tests.conftest import REPO

EXPECTED = REPO / "tests" / "fixtures" / "mini" / "expected"


@pytest.mark.parametrize(
    ("size", "shown"), [(1, "1 kB"), (400, "1 kB"), (598_078, "598 kB"), (1_000_000, "1,0 MB"), (1_449_000, "1,4 MB")]
)
def test_the_size_is_shown_as_a_norwegian_reader_reads_it(size: int, shown: str) -> None:
    assert pdf_size(size) == shown


def test_header_and_footer_say_where_the_page_is_from_and_escape_what_they_show() -> None:
    header, footer = header_and_footer("SAMVERDI", "Versjon 0.1", 'A <b>"title"</b> & more')
    assert "<span>SAMVERDI</span><span>Versjon 0.1</span>" in header
    assert (
        '<span>A &lt;b&gt;&quot;title&quot;&lt;/b&gt; &amp; more</span><span>Side <span class="pageNumber"></span>'
        ' av <span class="totalPages"></span></span>' in footer
    )


def _site_with_room_for_the_link(root: Path) -> Path:
    """The two built pages, each with the span the build writes (taken from the golden Markdown)."""
    snippet = (EXPECTED / layout.HOME_PRINT).read_text("utf-8").splitlines()[-1]
    downloads = next(
        line for line in (EXPECTED / layout.DOWNLOADS_PAGE).read_text("utf-8").splitlines() if "pdf-lenke" in line
    )
    (root / "nedlastinger").mkdir(parents=True)
    (root / "index.html").write_text(f"<p>{snippet}</p>", "utf-8")
    (root / "nedlastinger" / "index.html").write_text(f"<p>{downloads}</p>", "utf-8")
    return root


def test_make_pdf_links_the_pdf_with_its_pages_and_size_from_home_and_downloads(tmp_path: Path) -> None:
    site = _site_with_room_for_the_link(tmp_path)
    assert link_pdf(site, 24, 658_000) == []
    assert (site / "index.html").read_text("utf-8") == (
        "<p>Hele kunnskapsoppsummeringen, med alle temaene og referansene, står samlet på én nettside"
        ' [til utskrift](utskrift/index.md).<span class="pdf-lenke" data-pdf="nedlastinger/kunnskapsoppsummering.pdf">'
        ' Du kan også laste den ned som PDF: <a href="nedlastinger/kunnskapsoppsummering.pdf">'
        "kunnskapsoppsummering.pdf</a> (24 sider, 658 kB).</span></p>"
    )
    assert '<a href="kunnskapsoppsummering.pdf">kunnskapsoppsummering.pdf</a> (24 sider, 658 kB).' in (
        site / "nedlastinger" / "index.html"
    ).read_text("utf-8")


def test_a_second_run_writes_the_new_size_over_the_old(tmp_path: Path) -> None:
    site = _site_with_room_for_the_link(tmp_path)
    link_pdf(site, 24, 658_000)
    link_pdf(site, 1, 1_449_000)
    home = (site / "index.html").read_text("utf-8")
    assert home.count("laste den ned som PDF") == 1
    assert "(1 side, 1,4 MB).</span></p>" in home and "658 kB" not in home


def test_a_page_without_room_for_the_link_is_named(tmp_path: Path) -> None:
    site = _site_with_room_for_the_link(tmp_path)
    (site / "index.html").write_text("<p>Forsiden uten plass til lenken.</p>", "utf-8")
    assert link_pdf(site, 24, 658_000) == ["index.html"]
    assert (site / "index.html").read_text("utf-8") == "<p>Forsiden uten plass til lenken.</p>"


def test_the_print_stylesheet_names_the_site_as_mkdocs_does() -> None:
    """A reader's browser prints the site's name on every page from the stylesheet (@page), which
    cannot read mkdocs.yml: the two must not drift apart."""
    site_name = re.search(r"^site_name: (.+)$", (REPO / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    css = (REPO / "docs" / "stylesheets" / "extra.css").read_text("utf-8")
    assert site_name is not None
    assert f'@top-left {{ content: "{site_name[1]}";' in css


def test_the_link_is_html_the_step_writes_itself() -> None:
    assert pdf_link("kunnskapsoppsummering.pdf", 2, 2_000) == (
        '<span class="pdf-lenke" data-pdf="kunnskapsoppsummering.pdf"> Du kan også laste den ned som PDF: '
        '<a href="kunnskapsoppsummering.pdf">kunnskapsoppsummering.pdf</a> (2 sider, 2 kB).</span>'
    )
