"""MkDocs hook: HTML the generator wrote finished goes past Python-Markdown untouched.

The generator marks it `<!-- ferdig-html -->` … `<!-- /ferdig-html -->`: lists of sources,
reference lists, a source's coding. Python-Markdown reads every tag of an HTML block to find
where the block ends, and at 5,000 sources that took half of `mkdocs build`. This hook takes
each marked region out before Markdown runs, leaves a placeholder paragraph, and puts the HTML
back afterwards, with its ids among the page's anchors (so links to them still check).

Only the generator writes the marker: no text from literature/ reaches a page with a raw `<` or `[`.
MkDocs does not check links inside the regions (tests/test_site.py does), and the glossary's
abbreviations do not become tooltips there, as in any raw HTML block.
"""

from __future__ import annotations

import re
from typing import Any

START = "<!-- ferdig-html -->"
END = "<!-- /ferdig-html -->"
_REGION = re.compile(rf"^{re.escape(START)}\n(.*?)\n{re.escape(END)}$", re.DOTALL | re.MULTILINE)
# Markdown leaves it as text, and no text from literature/ can write it: `markup` turns every `[` into `&#91;`.
_PLACEHOLDER = "[[ferdig-html {}]]"
_RETURNED = re.compile(r"<p>\[\[ferdig-html (\d+)\]\]</p>")
_ID = re.compile(r'\sid="([^"]+)"')

_regions: dict[str, list[str]] = {}  # page -> its regions, from on_page_markdown to on_page_content


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    regions: list[str] = []

    def take(match: re.Match[str]) -> str:
        regions.append(match.group(1))
        return _PLACEHOLDER.format(len(regions) - 1)

    markdown = _REGION.sub(take, markdown)
    if regions:
        _regions[page.file.src_uri] = regions
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    regions = _regions.pop(page.file.src_uri, None)
    if regions is None:
        return html
    page.present_anchor_ids = (page.present_anchor_ids or set()) | {
        anchor for region in regions for anchor in _ID.findall(region)
    }
    return _RETURNED.sub(lambda match: regions[int(match.group(1))], html)
