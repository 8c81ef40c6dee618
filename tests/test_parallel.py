"""Pages rendered in two processes: same results, same order, and a fallback where forking is unsafe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from generator.core import parallel
from tests.conftest import REPO


def item_and_process(item: int) -> tuple[int, int]:
    return item * 2, os.getpid()


# Run in a fresh interpreter: fixtures of other tests (a web server, Playwright) keep threads
# alive in this one, and then map_in_two rightly refuses to fork.
FORK_CHECK = """
import json, os, threading
from generator.core import parallel
from tests.test_parallel import item_and_process
items = list(range(parallel.MIN_PARALLEL_ITEMS + 1))
results = parallel.map_in_two(item_and_process, items)
beside = parallel.run_beside(lambda: item_and_process(21), len(items))()
print(json.dumps({
    "values": [v for v, _ in results],
    "pids": [p for _, p in results],
    "beside": beside,
    "threads_after": threading.active_count(),
    "me": os.getpid(),
}))
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_every_second_item_and_work_beside_run_in_another_process() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", FORK_CHECK], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    outcome = json.loads(completed.stdout)
    items = list(range(parallel.MIN_PARALLEL_ITEMS + 1))
    assert outcome["values"] == [item * 2 for item in items]
    assert set(outcome["pids"][::2]) == {outcome["me"]}
    assert outcome["me"] not in set(outcome["pids"][1::2])
    # The pool is gone afterwards, so the next fork may happen: run_beside did fork again.
    value, pid = outcome["beside"]
    assert value == 42
    assert pid != outcome["me"]
    assert outcome["threads_after"] == 1


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
