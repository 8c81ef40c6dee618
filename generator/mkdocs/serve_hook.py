"""MkDocs hook for `mkdocs serve` only: regenerate the pages when `literature/` changes.

Nothing depends on it: `make site` runs the generator as its own step. With errors in the
evidence base the previous pages stay; every page then shows the errors in a banner at the
top until they are fixed, and the console prints them. A warning is printed once, not on
every save.

The net of `make site` (generator/mkdocs/site_check.py) runs on every page served: a page with what
the site never makes is replaced by a plain error page, and the console names the problem, so
nothing runs in the preview that the published build would refuse.
"""

from __future__ import annotations

import html
import logging
import os
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.utils.meta import get_data

from generator.core.diagnostics import Diagnostic, Severity
from generator.mkdocs import serve_state, site_check
from generator.pipeline import build

log = logging.getLogger("mkdocs.hooks.samverdi")


def _root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    server.watch(str(_root(config) / "literature"))
    return server


def on_pre_build(config: Any) -> None:
    # This module is loaded anew for every rebuild; generator.load.evidence, which keeps the parses, is not.
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
    problems = _net_problems(output, page, config)
    if problems:
        output = blocked_page(problems)
    if not serve_state.errors:
        return output
    return _BODY.sub(lambda match: match.group() + error_banner(serve_state.errors), output, count=1)


@cache  # this module is loaded anew for every build, and with it the net: the manifest may have changed
def _net(
    docs: str, site_url: str, repo_url: str, social: tuple[str, ...], folders: tuple[Path, ...]
) -> tuple[site_check.Net, list[re.Pattern[str]]]:
    config = {"site_url": site_url, "repo_url": repo_url, "extra": {"social": [{"link": link} for link in social]}}
    return site_check.site_net(config, Path(docs), folders), site_check.theme_scripts(folders)


def _net_problems(output: str, page: Any, config: Any) -> list[site_check.Violation]:
    """The net of `make site` (generator/mkdocs/site_check.py) on one page as `mkdocs serve` renders it."""
    social = tuple(str(item.get("link", "")) for item in (config["extra"] or {}).get("social") or [])
    folders = tuple(Path(folder) for folder in config["theme"].dirs)
    net, scripts = _net(config["docs_dir"], config["site_url"] or "", config["repo_url"] or "", social, folders)
    base_path = urlsplit(config["site_url"] or "/").path or "/"
    source = page.file.src_uri
    generated = site_check.is_generated(source)
    title = site_check.intended_title(Path(page.file.abs_src_path).read_text("utf-8")) if generated else None
    problems = sorted(site_check.check_page(source, output, scripts, base_path, net, title))
    if generated and title is None:
        problems.insert(0, site_check.Violation(source, 1, site_check.UNREADABLE))
    for problem in problems:
        log.error("docs/%s (siden /%s): %s", source, page.url, problem.problem)
    return problems


def blocked_page(problems: list[site_check.Violation]) -> str:
    """A plain page in place of one the net stopped: what was wrong, every value escaped, no script."""
    items = "".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)
    return (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Siden er stoppet</title></head>'
        "<body><h1>Siden er stoppet</h1><p>Siden har noe som ikke er tillatt på nettstedet, og vises derfor "
        f"ikke. Dette er en feil i generatoren eller temaet: meld fra til utviklerne.</p><ul>{items}</ul></body></html>"
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
