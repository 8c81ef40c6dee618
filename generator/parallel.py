"""Render stage helper: per-page work split over two processes when the machine has the cores.

The worker is forked, so it starts with the model and the templates in memory and only the
finished pages travel back. It is used only where forking is safe and pays: no other threads
in the process (`mkdocs serve` has some) and enough items to outweigh starting a process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_PARALLEL_ITEMS = 2000  # below this, starting a process costs about what it saves

# Set in the forked worker only: what to run, handed over by fork instead of by pickling.
_work_in_worker: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _can_fork() -> bool:
    return (
        (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`, every second item done in a forked worker when that is safe.

    Alternate items, not halves: items of one kind come together (all facet pages at the end),
    and some kinds cost far more than others."""
    if len(items) < MIN_PARALLEL_ITEMS or not _can_fork():
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    # Frozen objects are left out of garbage collection, so the worker's collector does not
    # write to (and so copy) every page of memory it shares with this process.
    gc.freeze()
    try:
        with ProcessPoolExecutor(1, mp_context=context, initializer=_receive, initargs=(function, items)) as pool:
            submitted = pool.submit(_run_odd_items)
            even = [function(item) for item in items[::2]]
            odd: list[Result] = submitted.result()
            results = even + odd  # the right length; now put each result in its item's place
            results[::2], results[1::2] = even, odd
            return results
    finally:
        gc.unfreeze()


def _receive(function: Callable[[Any], Any], items: Sequence[Any]) -> None:
    global _work_in_worker  # noqa: PLW0603 - the worker's whole state, set once at its start
    _work_in_worker = (function, items)


def _run_odd_items() -> list[Any]:
    assert _work_in_worker is not None, "set by _receive when the worker starts"
    function, items = _work_in_worker
    return [function(item) for item in items[1::2]]
