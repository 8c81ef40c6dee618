"""MkDocs hook: at scale, the pages outside the navigation are converted from Markdown in two processes.

MkDocs converts every page in one process, and at 5,000 sources that is nearly half of
`mkdocs build`. From `parallel.MIN_PARALLEL_ITEMS` such pages (source pages, facets of the
evidence map), where forking is safe, this hook forks at `on_nav`. Each process marks the
other's half of those pages as excluded, so MkDocs' own loop reads and converts only its own
(links to excluded pages still resolve; MkDocs says so at INFO level, which is left out here).
At `on_env` the worker sends back what each of its pages holds after conversion and ends;
here they become pages again, and the templates, search, sitemap and anchor checks run as in
any build. The worker's warnings are logged again here, so `--strict` still fails on them.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
from dataclasses import dataclass, field
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from generator import parallel
from generator.finished_html import UNSEARCHED

# What a page holds after MkDocs converted it (mkdocs.structure.pages.Page.read_source and
# .render) and generator/finished_html.py took its regions out; links_to_anchors travels by path.
_CONVERTED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids", UNSEARCHED)
_EXCLUDED_LINK = "which is excluded from the built site"


@dataclass
class _Split:
    """One build's split, from on_nav to on_env."""

    pipe: int  # here the end to read the worker's pages from; in the worker the end to write them to
    worker: int = 0  # the worker's process id, here; 0 in the worker
    handed_over: dict[str, InclusionLevel] = field(default_factory=dict)  # here: the worker's pages, as they were
    messages: list[tuple[str, int, str]] = field(default_factory=list)  # the worker's warnings and errors


_split: _Split | None = None


class _LeaveOutExcludedLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _EXCLUDED_LINK not in record.getMessage()


class _KeepMessages(logging.Handler):
    """In the worker: its warnings and errors, to be shown (and counted by `--strict`) in the build's own process."""

    def __init__(self, kept: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.WARNING)
        self.kept = kept

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.name, record.levelno, record.getMessage()))


_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
_leave_out = _LeaveOutExcludedLinks()


@event_priority(-100)  # after every other handler has seen the whole navigation
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    global _split  # noqa: PLW0603 - one build's state, from on_nav to on_env
    _split = None
    outside = [file for file in files.documentation_pages() if file.inclusion.is_not_in_nav()]
    if not parallel.pays(len(outside)):
        return nav
    theirs = outside[1::2]
    reading, writing = os.pipe()
    parent = os.getpid()
    gc.freeze()  # as in generator.parallel: the collector then copies no memory the two share
    worker = os.fork()
    _PAGES_LOG.addFilter(_leave_out)
    if worker:
        os.close(writing)
        _split = _Split(reading, worker, {file.src_uri: file.inclusion for file in theirs})
        _exclude(theirs)
        return nav
    os.close(reading)
    parallel.die_with(parent)
    _split = _Split(writing)
    handed_over = set(theirs)
    _exclude([file for file in files.documentation_pages() if file not in handed_over])
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in mkdocs_log.handlers:
        handler.setLevel(logging.CRITICAL + 1)  # shown once, when they come back
    mkdocs_log.addHandler(_KeepMessages(_split.messages))
    return nav


def _exclude(files: list[Any]) -> None:
    for file in files:
        file.inclusion = InclusionLevel.EXCLUDED


@event_priority(100)  # before anything else uses the pages
def on_env(env: Any, config: Any, files: Any) -> Any:
    global _split  # the split ends here
    split, _split = _split, None
    if split is None:
        return env
    if not split.worker:
        _send(split, files)
    _PAGES_LOG.removeFilter(_leave_out)
    try:
        _receive(config, files, split)
    finally:
        gc.unfreeze()
    return env


def on_build_error(error: Exception) -> None:
    if _split is None:
        return
    if _split.worker:  # this process failed while the worker converts: it is not needed any more
        os.kill(_split.worker, signal.SIGKILL)
        os.waitpid(_split.worker, 0)
    else:
        _send(_split, None)  # what went wrong, to be shown by the build's own process


def _send(split: _Split, files: Any | None) -> None:
    """In the worker: its converted pages (None when it failed) and its messages through the pipe; then it ends."""
    converted = files and [
        (
            file.src_uri,
            {name: getattr(file.page, name, None) for name in _CONVERTED},
            {target.src_uri: links for target, links in (file.page.links_to_anchors or {}).items()},
        )
        for file in files.documentation_pages()  # the included ones: those the worker converted
    ]
    with os.fdopen(split.pipe, "wb") as pipe:
        pickle.dump((converted, split.messages), pipe, pickle.HIGHEST_PROTOCOL)
    os._exit(0 if files else 1)  # nothing of the build after this is the worker's


def _receive(config: Any, files: Any, split: _Split) -> None:
    with os.fdopen(split.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(split.worker, 0)
    converted, messages = pickle.loads(data) if data else (None, [])  # from the worker this process forked
    for name, level, message in messages:
        logging.getLogger(name).log(level, message)
    if status != 0 or converted is None:
        raise PluginError("konverteringen av halvparten av sidene i en egen prosess feilet; se feilene over")
    for src_uri, values, links in converted:
        file = files.get_file_from_path(src_uri)
        file.inclusion = split.handed_over[src_uri]
        page = Page(None, file, config)
        for name, value in values.items():
            setattr(page, name, value)
        page.links_to_anchors = {files.get_file_from_path(target): anchors for target, anchors in links.items()}
