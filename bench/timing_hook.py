"""A MkDocs hook for `make bench`: where `mkdocs build` spends its time.

Timestamps at the edges of MkDocs' events, as time that passes: from 500 pages outside the
navigation, generator/mkdocs/pages_in_two.py builds half of them in a second process, which a sum over
this process's pages would leave out. Markdown is on_nav to on_env, where MkDocs reads and
converts every page; copying the static files is on_env to the first page's template; pages is
the first page's template to on_post_build, where every page is rendered, searched and written.
Within pages, templates (each page's last on_page_context to its on_post_page) and Material's
search (timed around its own handlers, parsing each page) are summed over this process's pages
only; the search index is Material's writing it. Written as JSON to $BENCH_TIMINGS at the end of
the build.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import event_priority

_seconds: Counter[str] = Counter()
_started: dict[str, float] = {}


def _since(mark: str, part: str) -> None:
    _seconds[part] += time.perf_counter() - _started.pop(mark, time.perf_counter())


def _timed(part: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            _seconds[part] += time.perf_counter() - started

    return timed


@event_priority(-100)
def on_config(config: Any, **_: Any) -> Any:
    # Material's search parses each page's HTML in on_page_context and writes the index in on_post_build.
    search = config.plugins.get("material/search") or config.plugins.get("search")
    for event, part in (("page_context", "search"), ("post_build", "search index")):
        handlers = config.plugins.events[event]
        handlers[:] = [
            _timed(part, handler) if getattr(handler, "__self__", None) is search else handler for handler in handlers
        ]
    return config


@event_priority(-100)
def on_nav(nav: Any, **_: Any) -> Any:
    _started["markdown"] = time.perf_counter()  # MkDocs reads and converts every page next
    return nav


@event_priority(-100)  # after generator/mkdocs/pages_in_two.py has the other process's pages back
def on_env(env: Any, **_: Any) -> Any:
    _since("markdown", "markdown")
    _started["copy"] = time.perf_counter()  # MkDocs copies the static files next
    return env


@event_priority(-100)
def on_page_context(context: Any, **_: Any) -> Any:
    if "copy" in _started:  # the first page: MkDocs has copied the static files since on_env
        _since("copy", "copy")
        _started["pages"] = time.perf_counter()
    _started["templates"] = time.perf_counter()  # after every other handler: the page template is next
    return context


@event_priority(100)
def on_post_page(output: str, **_: Any) -> str:
    _since("templates", "templates")
    return output


@event_priority(50)  # after generator/mkdocs/pages_in_two.py has the other process's search entries back
def on_post_build(**_: Any) -> None:
    _since("pages", "pages")


@event_priority(-100)
def on_shutdown() -> None:
    if os.environ.get("BENCH_TIMINGS"):
        with open(os.environ["BENCH_TIMINGS"], "w", encoding="utf-8") as output:
            json.dump({part: round(seconds, 3) for part, seconds in _seconds.items()}, output)
