"""Pages rendered in two processes: same results, same order, and a fallback where forking is unsafe."""

from __future__ import annotations

import os
import threading

import pytest

from generator import parallel


def item_and_process(item: int) -> tuple[int, int]:
    return item * 2, os.getpid()


@pytest.mark.skipif(not parallel.can_fork(), reason="needs two cores and fork")
def test_second_half_runs_in_another_process_in_order() -> None:
    items = list(range(parallel.MIN_PARALLEL_ITEMS + 1))
    results = parallel.map_in_two(item_and_process, items)
    assert [value for value, _ in results] == [item * 2 for item in items]
    half = len(items) // 2
    assert {pid for _, pid in results[:half]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in results[half:]}


def test_small_inputs_stay_in_this_process() -> None:
    results = parallel.map_in_two(item_and_process, list(range(10)))
    assert {pid for _, pid in results} == {os.getpid()}


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = parallel.map_in_two(item_and_process, list(range(parallel.MIN_PARALLEL_ITEMS + 1)))
    finally:
        stop.set()
        other.join()
    assert {pid for _, pid in results} == {os.getpid()}
