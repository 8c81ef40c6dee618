"""`python -m generator pdf`: the whole summary as a PDF, printed by Chromium from the built site.

Not part of the build pipeline: it needs a browser (Debian's chromium) and a built site/.
The print stylesheet in docs/stylesheets/extra.css decides what the PDF shows; this step adds a
header and footer to every page, and then links the PDF, with its page count and size, from the
pages that leave room for it (`make site` alone leaves them pointing to the printable page only).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from generator.core import layout

# Debian's chromium; CHROMIUM names another Chromium-based browser (GitHub's runners have Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
PRINT_PAGE = "utskrift/index.html"
OUTPUT = layout.PDF_FILE
# The built pages whose text (generator/render/templates/_pdf.md.j2) has room for the PDF's link.
LINKING_PAGES = (layout.site_page("index.md"), layout.site_page(layout.DOWNLOADS_PAGE))
# The empty span the build leaves, or the one an earlier run filled in: a second run writes it anew.
_PDF_LINK = re.compile(r'<span class="pdf-lenke" data-pdf="([^"<>]*)">.*?</span>', re.DOTALL)
MARGIN = {"top": "20mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
# Chromium draws these in the page margins: it fills in the page number and count itself.
_BAR = (
    '<div style="font-family: sans-serif; font-size: 8pt; color: #444; width: 100%; margin: 0 16mm;'
    ' display: flex; justify-content: space-between; gap: 2em;"><span>{left}</span><span>{right}</span></div>'
)
PAGE_X_OF_Y = 'Side <span class="pageNumber"></span> av <span class="totalPages"></span>'
# The stylesheet's own page header and numbers are for a reader's browser; here Chromium draws them.
# A link to one of the site's pages does not get its address printed after it (the print
# stylesheet does that for other sites): every citation would.
_PRINT_STYLE = (
    "@page { @top-left { content: none; } @bottom-right { content: none; } }"
    " .utskriftsinfo { display: none !important; }"
    " .md-typeset a[data-nettstedet]::after { content: none !important; }"
)
# Chromium writes each link's address into the PDF as the browser resolved it: from the built
# site that is a file: path on the machine that printed it. Links to the site's own pages go to
# the published site (its canonical address, when site_url is set) or, without one, are left as
# text; links within the page and to other sites stay as they are.
_PUBLISHED_LINKS = """() => {
  const canonical = document.querySelector('link[rel="canonical"]');
  for (const link of document.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    if (canonical) {
      link.setAttribute("href", new URL(href, canonical.href).href);
      link.setAttribute("data-nettstedet", "");
    } else {
      link.removeAttribute("href");
    }
  }
}"""


def header_and_footer(site_name: str, edition: str, title: str) -> tuple[str, str]:
    """Chromium's header and footer templates: site name and edition above, title and page X av Y below.

    The texts come from the built page, so they are escaped: the templates are HTML."""
    header = _BAR.format(left=html.escape(site_name), right=html.escape(edition))
    footer = _BAR.format(left=html.escape(title), right=PAGE_X_OF_Y)
    return header, footer


def print_pdf(site: Path, chromium: Path = CHROMIUM, browser: Any = None) -> Path:
    """Print `site`'s whole-summary page to `site/nedlastinger/kunnskapsoppsummering.pdf`.

    `browser` is a running Playwright browser to use; without one, Chromium is started here.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only `pdf` needs it, not the build

        with sync_playwright() as playwright:
            started = playwright.chromium.launch(
                executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            try:
                return print_pdf(site, chromium, started)
            finally:
                started.close()
    output = site / OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.goto((site / PRINT_PAGE).resolve().as_uri())
    page.emulate_media(media="print")
    site_name, edition, title = page.evaluate(
        """() => [".utskriftsinfo__nettsted", ".utskriftsinfo__utgave", "article h1"].map(
             (selector) => (document.querySelector(selector)?.textContent || "").replace(/¶$/, "").trim())"""
    )
    header, footer = header_and_footer(site_name, edition, title)
    page.add_style_tag(content=_PRINT_STYLE)
    page.evaluate(_PUBLISHED_LINKS)
    page.pdf(
        path=str(output),
        format="A4",
        print_background=True,
        outline=True,
        tagged=True,
        display_header_footer=True,
        header_template=header,
        footer_template=footer,
        margin=MARGIN,
    )
    page.close()
    return output


def pdf_size(size: int) -> str:
    """`598 kB`, `1,4 MB`: a file's size as a Norwegian reader reads it (decimal units, decimal comma)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def pdf_link(href: str, pages: int, size: int) -> str:
    """The text the PDF step puts in a page's `pdf-lenke` span; `href` is the span's own (generated) URL."""
    count = "1 side" if pages == 1 else f"{pages} sider"
    return (
        f'<span class="pdf-lenke" data-pdf="{href}"> Du kan også laste den ned som PDF: '
        f'<a href="{href}">{html.escape(Path(OUTPUT).name)}</a> ({count}, {pdf_size(size)}).</span>'
    )


def print_and_link(site: Path, browser: Any = None) -> tuple[Path, int, list[str]]:
    """`make pdf`: print the PDF and link it; returns it, its page count and the pages with no room for the link."""
    from pypdf import PdfReader  # noqa: PLC0415 - only `pdf` needs it, not the build

    output = print_pdf(site, browser=browser)
    pages = len(PdfReader(output).pages)
    return output, pages, link_pdf(site, pages, output.stat().st_size)


def link_pdf(site: Path, pages: int, size: int) -> list[str]:
    """Link the printed PDF, with its page count and size, from the built pages that have room for it.

    Returns the pages that had no room (their text no longer includes generator/render/templates/_pdf.md.j2)."""
    missing = []
    for name in LINKING_PAGES:
        path = site / name
        text = path.read_text("utf-8") if path.is_file() else ""
        linked, count = _PDF_LINK.subn(lambda match: pdf_link(match[1], pages, size), text)
        if count:
            path.write_text(linked, "utf-8")
        else:
            missing.append(name)
    return missing
