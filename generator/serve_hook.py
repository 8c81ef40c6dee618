"""MkDocs hook for `mkdocs serve` only: regenerate the pages when `literature/` changes.

Nothing depends on it: `make site` runs the generator as its own step. With errors in the
evidence base the previous pages stay; every page then shows the errors in a banner at the
top until they are fixed, and the console prints them. A warning is printed once, not on
every save.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from generator import serve_state
from generator.diagnostics import Diagnostic, Severity
from generator.pipeline import build

log = logging.getLogger("mkdocs.hooks.samverdi")


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(_root(config) / "literature"))
    return server


def on_pre_build(config: Any) -> None:
    # This module is loaded anew for every rebuild; generator.load, which keeps the parses, is not.
    result = build(_root(config), Path(config["docs_dir"]), keep=True)
    errors = tuple(item for item in result.diagnostics if item.severity is Severity.ERROR)
    warnings = frozenset(item for item in result.diagnostics if item.severity is Severity.WARNING)
    for diagnostic in errors:
        log.error(str(diagnostic))
    for diagnostic in sorted(warnings - serve_state.printed_warnings):
        log.warning(str(diagnostic))
    serve_state.printed_warnings = warnings
    if errors != serve_state.errors:
        # --dirty rebuilds only pages whose file changed: when the banner comes or goes, every page must.
        serve_state.errors = errors
        _touch_pages(Path(config["docs_dir"]))
    if result.report is None:
        log.error("Kunnskapsgrunnlaget har feil: sidene er ikke oppdatert. Rett feilene over og lagre igjen.")
    elif result.report.written or result.report.removed:
        log.info(
            "Oppdatert fra literature/: %d sider skrevet, %d fjernet.",
            len(result.report.written),
            len(result.report.removed),
        )


def _touch_pages(docs: Path) -> None:
    for page in docs.rglob("*.md"):
        os.utime(page)


_BODY = re.compile(r"<body[^>]*>")


def error_banner(errors: tuple[Diagnostic, ...]) -> str:
    """The errors as a banner at the top of the page: every value escaped, no script."""
    items = "".join(f"<li><code>{html.escape(str(item))}</code></li>" for item in errors)
    return (
        '<div class="samverdi-byggfeil" role="alert"><p><strong>Kunnskapsgrunnlaget har '
        f"{len(errors)} feil.</strong> Siden viser det som ble bygget sist; rett feilene og lagre, "
        f"så oppdateres den.</p><ul>{items}</ul></div>"
    )


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not serve_state.errors:
        return output
    return _BODY.sub(lambda match: match.group() + error_banner(serve_state.errors), output, count=1)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """`make serve` runs with --dirty, where MkDocs reads only the pages that changed, and the
    navigation would name every other page "None". So each page gets its front-matter title now."""
    for page in nav.pages:
        if page.title is None:
            _, meta = get_data(Path(page.file.abs_src_path).read_text("utf-8"))
            if isinstance(meta.get("title"), str):
                page.title = meta["title"]
    return nav
