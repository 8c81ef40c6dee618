"""MkDocs hook: the glossary's abbreviations become tooltips on every page.

The generator writes them to docs/_generert/forkortelser.md as Markdown abbreviation
definitions (`*[NPM]: New Public Management`), every value escaped. They are read once a
build and given to the abbr extension as its glossary: appended to every page instead,
they were read from disk and parsed again for each page (at 5,000 sources, a tenth of
Python-Markdown's time). Each abbreviation is then made focusable, so that a keyboard reaches its
tooltip too (Material shows it on focus as on hover; WCAG 2.1.1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown.extensions.abbr import AbbrBlockprocessor
from mkdocs.exceptions import PluginError

DEFINITIONS = Path("_generert") / "forkortelser.md"
# How the abbr extension writes an abbreviation; text from literature/ never holds a raw "<".
_ABBREVIATION = '<abbr title="'
_FOCUSABLE = '<abbr tabindex="0" title="'


def on_files(files: Any, config: Any) -> Any:
    # After `on_pre_build`, where `make serve`'s hook writes the pages again.
    path = Path(config["docs_dir"]) / DEFINITIONS
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise PluginError(f"fant ikke forkortelsene i {path}: kjør «python -m generator build» først") from error
    # The abbr extension's own pattern, so each definition reads as it would on a page.
    glossary = {match["abbr"]: match["title"].strip() for match in AbbrBlockprocessor.RE.finditer(text)}
    config["mdx_configs"]["abbr"] = {**config["mdx_configs"].get("abbr", {}), "glossary": glossary}
    return files


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return html.replace(_ABBREVIATION, _FOCUSABLE)
