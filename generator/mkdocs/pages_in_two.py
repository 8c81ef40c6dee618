"""MkDocs hook: at scale, half of the pages outside the navigation are built in a second process.

MkDocs builds every page in one process, and the machines we build on have two cores. From
`parallel.MIN_PARALLEL_PAGES` pages outside the navigation (source pages, facets of the
evidence map), where forking is safe, the second half of them ("theirs") is built by forked
workers, in two steps, each within MkDocs' own loops:

- Converting (`on_nav` to `on_env`). Each process marks the other's pages as excluded, so
  MkDocs reads and converts only its own (links to excluded pages still resolve; MkDocs says
  so at INFO level, which is left out). At `on_env` the worker sends back what each of its pages
  holds after conversion; here they become pages again, as if converted here.
- Rendering (`on_env` to `on_post_build`). A second worker renders and writes theirs; each
  process gives the other's pages an empty template, which MkDocs does not write, and leaves
  them out of the search. At `on_post_build` the worker's search entries come back and join
  this process's in page order, before Material writes the index.

Everything else (the navigation, the sitemap, the anchor checks, the static files) happens
here, as in any build. The workers' warnings and errors are logged again here, so `--strict`
still fails on them.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
from dataclasses import dataclass, field
from typing import Any

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from generator.core import parallel
from generator.mkdocs.finished_html import UNSEARCHED

# What a page holds after MkDocs converted it (mkdocs.structure.pages.Page.read_source and
# .render) and generator/mkdocs/finished_html.py took its regions out; links_to_anchors travels by path.
_CONVERTED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids", UNSEARCHED)
_EMPTY = "samverdi-tom.html"  # the template of a page the other process renders
# MkDocs' INFO lines about what this split does on purpose.
_SPLIT_NOTICES = ("which is excluded from the built site", "Generated empty output.")


@dataclass
class _Worker:
    """The worker of the step under way: here its process id, in the worker 0."""

    pid: int
    pipe: int  # here the end to read from, in the worker the end to write to
    theirs: dict[str, InclusionLevel] = field(default_factory=dict)  # the worker's pages, as they were
    messages: list[tuple[str, int, str]] = field(default_factory=list)  # in the worker: its warnings and errors
    order: dict[str, int] = field(default_factory=dict)  # here, while rendering: each page's place, by URL


_worker: _Worker | None = None


class _LeaveOutSplitNotices(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not any(notice in record.getMessage() for notice in _SPLIT_NOTICES)


class _KeepMessages(logging.Handler):
    def __init__(self, kept: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.WARNING)
        self.kept = kept

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.name, record.levelno, record.getMessage()))


_NOTICE_LOGS = (logging.getLogger("mkdocs.structure.pages"), logging.getLogger("mkdocs.commands.build"))
_leave_out = _LeaveOutSplitNotices()


def _fork(theirs: dict[str, InclusionLevel]) -> bool:
    """Start the worker of the next step; True in the worker."""
    global _worker  # noqa: PLW0603 - the step under way
    reading, writing = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(writing)
        _worker = _Worker(pid, reading, theirs)
        return False
    os.close(reading)
    parallel.die_with(parent)
    _worker = _Worker(0, writing)
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in mkdocs_log.handlers:
        handler.setLevel(logging.CRITICAL + 1)  # shown once, by the build's own process
    mkdocs_log.addHandler(_KeepMessages(_worker.messages))
    return True


def _send(result: object) -> None:
    """In the worker: its result (None when it failed) and its messages through the pipe; then it ends."""
    assert _worker is not None
    with os.fdopen(_worker.pipe, "wb") as pipe:
        pickle.dump((result, _worker.messages), pipe, pickle.HIGHEST_PROTOCOL)
    os._exit(0 if result is not None else 1)  # nothing of the build after this is the worker's


def _receive() -> Any:
    """Here: the worker's result, once it has ended; its messages are logged as if they were this process's."""
    global _worker  # the step ends
    worker, _worker = _worker, None
    assert worker is not None
    with os.fdopen(worker.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(worker.pid, 0)
    result, messages = pickle.loads(data) if data else (None, [])  # from a worker this process forked
    for name, level, message in messages:
        logging.getLogger(name).log(level, message)
    if status != 0 or result is None:
        raise PluginError("halvparten av sidene ble bygget i en egen prosess, og den feilet; se feilene over")
    return result


@event_priority(-100)  # after every other handler has seen the whole navigation
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    outside = [file for file in files.documentation_pages() if file.inclusion.is_not_in_nav()]
    if not parallel.pays(len(outside), parallel.MIN_PARALLEL_PAGES):
        return nav
    theirs = outside[1::2]
    for log in _NOTICE_LOGS:
        log.addFilter(_leave_out)
    gc.freeze()  # as in generator.core.parallel: the collector then copies no memory the processes share
    in_worker = _fork({file.src_uri: file.inclusion for file in theirs})
    handed_over = set(theirs)
    _exclude(file for file in files.documentation_pages() if (file in handed_over) != in_worker)
    return nav


def _exclude(files: Any) -> None:
    for file in files:
        file.inclusion = InclusionLevel.EXCLUDED


@event_priority(100)  # before anything else uses the pages
def on_env(env: Any, config: Any, files: Any) -> Any:
    if _worker is None:
        return env
    if not _worker.pid:
        _send([_converted(file) for file in files.documentation_pages()])  # the worker's own: the included ones
    theirs = _worker.theirs
    for src_uri, values, links in _receive():
        file = files.get_file_from_path(src_uri)
        file.inclusion = theirs[src_uri]
        page = Page(None, file, config)
        for name, value in values.items():
            setattr(page, name, value)
        page.links_to_anchors = {files.get_file_from_path(target): anchors for target, anchors in links.items()}
    env.loader = ChoiceLoader([env.loader, DictLoader({_EMPTY: ""})])
    in_worker = _fork(theirs)
    for file in files.documentation_pages():
        if (file.src_uri in theirs) != in_worker:
            _leave_to_the_other(file.page)
    if in_worker:
        _leave_everything_else_to_the_build(files, config)
    else:
        assert _worker is not None
        _worker.order = {file.page.url: number for number, file in enumerate(files.documentation_pages())}
    return env


def _converted(file: Any) -> tuple[str, dict[str, Any], dict[str, dict[str, str]]]:
    page = file.page
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return file.src_uri, {name: getattr(page, name, None) for name in _CONVERTED}, links


def _leave_to_the_other(page: Any) -> None:
    """A page the other process renders: an empty template (MkDocs writes nothing), not searched."""
    page.meta = {**page.meta, "template": _EMPTY, "search": {"exclude": True}}
    page.content = ""


def _leave_everything_else_to_the_build(files: Any, config: Any) -> None:
    """In the rendering worker: no static files, theme templates (404, sitemap) or anchor checks."""
    _exclude(file for file in files if not file.is_documentation_page())
    config.theme.static_templates.clear()
    for file in files.documentation_pages():
        file.page.links_to_anchors = None


@event_priority(100)  # before Material's search writes its index
def on_post_build(config: Any) -> None:
    if _worker is None:
        return
    search = config.plugins.get("material/search") or config.plugins.get("search")
    entries: list[dict[str, Any]] = search.search_index.entries if search else []
    if not _worker.pid:
        _send(entries)
    order = _worker.order
    theirs = _receive()
    for log in _NOTICE_LOGS:
        log.removeFilter(_leave_out)
    gc.unfreeze()
    if search:  # Material adds each page's entries together, page after page: sorted by page, as in one process
        search.search_index.entries = sorted(
            entries + theirs, key=lambda entry: order[entry["location"].partition("#")[0]]
        )


def on_build_error(error: Exception) -> None:
    if _worker is None:
        return
    if _worker.pid:  # this process failed while the worker works: it is not needed any more
        os.kill(_worker.pid, signal.SIGKILL)
        os.waitpid(_worker.pid, 0)
    else:
        _send(None)  # what went wrong, to be shown by the build's own process
