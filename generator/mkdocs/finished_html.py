"""MkDocs hook: HTML the generator wrote finished goes past Python-Markdown untouched.

The generator marks it `<!-- ferdig-html -->` … `<!-- /ferdig-html -->`: lists of sources,
reference lists, a source's coding and citation forms. Python-Markdown reads every tag of an
HTML block to find where the block ends, and at 5,000 sources that took half of `mkdocs build`.
This hook takes each marked region out before Markdown runs, leaves a placeholder paragraph,
and puts the HTML back afterwards, with its ids among the page's anchors (so links to them
still check). A region that starts `<!-- ferdig-html, utenfor søket -->` stands in a section
the search leaves out (`data-search-exclude`): it comes back only once the page is rendered,
so the search plugin does not read what it would throw away.

Only the generator writes the markers: no text from literature/ reaches a page with a raw `<` or `[`.
MkDocs does not check links inside the regions (tests/test_site.py does), and the glossary's
abbreviations do not become tooltips there, as in any raw HTML block.
"""

from __future__ import annotations

import re
from typing import Any

from generator.render.finished import END, START, START_UNSEARCHED

_REGION = re.compile(
    rf"^({re.escape(START)}|{re.escape(START_UNSEARCHED)})\n(.*?)\n{re.escape(END)}$", re.DOTALL | re.MULTILINE
)
# Markdown leaves it as text, and no text from literature/ can write it: `markup` turns every `[` into `&#91;`.
_PLACEHOLDER = "[[ferdig-html {}]]"
_RETURNED = re.compile(r"<p>\[\[ferdig-html (\d+)\]\]</p>")
_ID = re.compile(r'\sid="([^"]+)"')

# A page's regions by number wait on the page itself: the others from on_page_markdown to
# on_page_content, the unsearched ones to on_post_page, so that a page converted in another process
# (generator/mkdocs/pages_in_two.py) brings them along.
_SEARCHED = "searched_html"
UNSEARCHED = "unsearched_html"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    regions: dict[int, str] = {}
    unsearched: dict[int, str] = {}

    def take(match: re.Match[str]) -> str:
        number = len(regions) + len(unsearched)
        (unsearched if match.group(1) == START_UNSEARCHED else regions)[number] = match.group(2)
        return _PLACEHOLDER.format(number)

    markdown = _REGION.sub(take, markdown)
    setattr(page, _SEARCHED, regions)
    setattr(page, UNSEARCHED, unsearched)
    return markdown


def _taken(page: Any, name: str) -> dict[int, str]:
    """The page's regions kept under `name`, no longer kept: the page lives until the build ends."""
    regions: dict[int, str] = getattr(page, name, None) or {}
    setattr(page, name, None)
    return regions


def _put_back(html: str, regions: dict[int, str]) -> str:
    return _RETURNED.sub(lambda match: regions.get(int(match.group(1)), match.group()), html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    regions = _taken(page, _SEARCHED)
    unsearched = getattr(page, UNSEARCHED, None) or {}
    if not regions and not unsearched:
        return html
    page.present_anchor_ids = (page.present_anchor_ids or set()) | {
        anchor for region in [*regions.values(), *unsearched.values()] for anchor in _ID.findall(region)
    }
    return _put_back(html, regions)


def on_post_page(output: str, page: Any, config: Any) -> str:
    unsearched = _taken(page, UNSEARCHED)
    return _put_back(output, unsearched) if unsearched else output
