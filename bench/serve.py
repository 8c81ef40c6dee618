"""How long `make serve` takes to show a saved edit: `python bench/serve.py N` (part of `make bench` at 1,000).

Starts a real `mkdocs serve --dirty` with the serve hook on a synthetic project of N sources,
changes one source's summary, and times until the served page shows the new text, as a reader
with the page open would see it (MkDocs' own wait for the file system included). Prints the
seconds of each edit as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
from bench.corpus import write_corpus  # noqa: E402

EDITED = "literature/sources/kilde00007.yaml"
PAGE = "kilder/kilde00007/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return None


def wait_for(url: str, expected: str, seconds: float) -> str:
    """The page at `url` once it shows `expected`, polled every 20 ms."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and expected in page:
            return page
        time.sleep(0.02)
    raise AssertionError(f"{url} viste ikke {expected!r} innen {seconds} s")


@contextmanager
def serving(root: Path, first_build_seconds: float) -> Iterator[str]:
    """`make serve` on the project at `root`: its address once the first build is served."""
    shutil.copy(REPO / "mkdocs.serve.yml", root / "mkdocs.serve.yml")
    # The serve hook imports the generator from the project folder, as `make serve` does in the repository.
    shutil.copytree(
        REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
    )
    # As `make serve`, which generates docs/ before MkDocs starts.
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, check=True, capture_output=True)
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", "mkdocs.serve.yml", "-a", address],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        wait_for(f"http://{address}/", "SAMVERDI", first_build_seconds)
        yield f"http://{address}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def saved_edit_seconds(count: int, edits: int) -> list[float]:
    root = BENCH / ".work" / f"serve-{count}"
    write_corpus(count, root)
    with serving(root, 600) as base:
        time.sleep(2)  # let the watcher settle after the first build
        source = root / EDITED
        seconds = []
        for edit in range(edits):
            marker = f"Lagret endring {edit}."
            text = source.read_text("utf-8")
            source.write_text(text.replace("sammendrag: >-\n  ", f"sammendrag: >-\n  {marker} ", 1), "utf-8")
            saved = time.perf_counter()
            wait_for(f"{base}/{PAGE}", marker, 120)
            seconds.append(round(time.perf_counter() - saved, 2))
            time.sleep(1)
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--edits", type=int, default=3)
    arguments = parser.parse_args()
    print(
        json.dumps(
            {"sources": arguments.count, "saved_edit_seconds": saved_edit_seconds(arguments.count, arguments.edits)}
        )
    )


if __name__ == "__main__":
    main()
