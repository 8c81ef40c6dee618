"""MkDocs hook for `mkdocs serve` only: regenerate the pages when `literature/` changes.

Nothing depends on it: `make site` runs the generator as its own step. With errors in the
evidence base the previous pages stay, and the problems are printed in the console.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from generator.diagnostics import Severity
from generator.pipeline import build

log = logging.getLogger("mkdocs.hooks.samverdi")


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(_root(config) / "literature"))
    return server


def on_pre_build(config: Any) -> None:
    # This module is loaded anew for every rebuild; generator.load, which keeps the parses, is not.
    result = build(_root(config), Path(config["docs_dir"]), keep_parses=True)
    for diagnostic in result.diagnostics:
        level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
        log.log(level, str(diagnostic))
    if result.report is None:
        log.error("Kunnskapsgrunnlaget har feil: sidene er ikke oppdatert. Rett feilene over og lagre igjen.")
    elif result.report.written or result.report.removed:
        log.info(
            "Oppdatert fra literature/: %d sider skrevet, %d fjernet.",
            len(result.report.written),
            len(result.report.removed),
        )


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """`make serve` runs with --dirty, where MkDocs reads only the pages that changed, and the
    navigation would name every other page "None". So each page gets its front-matter title now."""
    for page in nav.pages:
        if page.title is None:
            _, meta = get_data(Path(page.file.abs_src_path).read_text("utf-8"))
            if isinstance(meta.get("title"), str):
                page.title = meta["title"]
    return nav
