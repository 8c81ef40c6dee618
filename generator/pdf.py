"""`python -m generator pdf`: the whole summary as a PDF, printed by Chromium from the built site.

Not part of the build pipeline: it needs a browser (Debian's chromium) and a built site/.
The print stylesheet in docs/stylesheets/extra.css decides what the PDF shows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# Debian's chromium; CHROMIUM names another Chromium-based browser (GitHub's runners have Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
PRINT_PAGE = "utskrift/index.html"
OUTPUT = "nedlastinger/kunnskapsoppsummering.pdf"


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
    page.pdf(
        path=str(output),
        format="A4",
        print_background=True,
        outline=True,
        tagged=True,
        margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
    )
    page.close()
    return output
