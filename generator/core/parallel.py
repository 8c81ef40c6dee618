"""Work done beside the main process, in a forked worker, when the machine has the cores.

The worker is forked, so it starts with the model and the templates in memory and only its
result travels back. It is used only where forking is safe and pays: no other threads in
the process (`mkdocs serve` has some) and enough items to outweigh starting a process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
MIN_PARALLEL_ITEMS = 2000  # below this, starting a process costs about what it saves
# MkDocs pages cost far more each (generator/mkdocs/pages_in_two.py): 1,000 sources, mkdocs build 7.0 -> 5.0 s.
MIN_PARALLEL_PAGES = 500

# Set in the forked worker only: what to run, handed over by fork instead of by pickling.
_work_in_worker: Callable[[], Any] | None = None


def _can_fork() -> bool:
    return (
        (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def pays(size: int, minimum: int | None = None) -> bool:
    """Whether work on `size` items goes to a forked worker: at least `minimum` (MIN_PARALLEL_ITEMS
    unless given, read at the call so that a test can lower it) of them, and forking is safe."""
    return size >= (MIN_PARALLEL_ITEMS if minimum is None else minimum) and _can_fork()


def run_beside(work: Callable[[], Result], size: int) -> Callable[[], Result]:
    """Start `work()` in a forked worker while this process goes on; the function returned waits for
    its result. Where forking is unsafe or `size` items are too few to pay for it, `work` runs now."""
    if not pays(size):
        result = work()
        return lambda: result
    # Frozen objects are left out of garbage collection. Neither process's collector then writes
    # to (and so copies) every page of memory the two share, until the worker is done.
    gc.freeze()
    pool = ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("fork"), initializer=_receive, initargs=(work, os.getpid())
    )
    future = pool.submit(_run)  # forks the worker before it returns

    def wait() -> Result:
        try:
            result: Result = future.result()
            return result
        finally:
            pool.shutdown()  # its threads would stop the next fork
            gc.unfreeze()

    return wait


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`, every second item done in a forked worker when that is safe.

    Alternate items, not halves: items of one kind come together (all facet pages at the end),
    and some kinds cost far more than others."""
    odd_results = run_beside(lambda: [function(item) for item in items[1::2]], len(items))
    even = [function(item) for item in items[::2]]
    odd = odd_results()
    results = even + odd  # the right length; now put each result in its item's place
    results[::2], results[1::2] = even, odd
    return results


def _receive(work: Callable[[], Any], parent: int) -> None:
    global _work_in_worker  # noqa: PLW0603 - the worker's whole state, set once at its start
    _work_in_worker = work
    die_with(parent)


def die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies (Linux), so that a build killed with
    `kill -9` leaves no worker behind writing files. Elsewhere the pool's own shutdown is all there is."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _run() -> Any:
    assert _work_in_worker is not None, "set by _receive when the worker starts"
    return _work_in_worker()
