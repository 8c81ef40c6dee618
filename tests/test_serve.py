"""`make serve`: a real `mkdocs serve --dirty` with the hook shows a saved edit and keeps the navigation whole."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import serve_hook
from tests.conftest import ANSELL, EVIDENCE_BASE, REPO, SOURCE, copy_site_files

EDITED = "literature/sources/ansell2008collaborative.yaml"
NAV_TITLE = re.compile(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>')


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
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and expected in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} viste ikke {expected!r} innen {seconds} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    shutil.copytree(EVIDENCE_BASE, tmp_path / "literature")
    copy_site_files(tmp_path)
    shutil.copy(REPO / "mkdocs.serve.yml", tmp_path / "mkdocs.serve.yml")
    shutil.copytree(
        REPO / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
    )
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", "mkdocs.serve.yml", "-a", address],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        wait_for(f"http://{address}/", "SAMVERDI", 120)
        yield tmp_path, f"http://{address}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_saved_edit_shows_and_navigation_keeps_its_titles(served: tuple[Path, str]) -> None:
    root, base = served
    theme_page = fetch(f"{base}/tema/tillit/") or ""
    theme_titles = set(NAV_TITLE.findall(theme_page))
    assert "Tillit og tillitsbasert styring" in theme_titles

    source = root / EDITED
    source.write_text(
        source.read_text("utf-8").replace("sammendrag: >-\n  ", "sammendrag: >-\n  Lagret endring. ", 1), "utf-8"
    )
    page = wait_for(f"{base}/kilder/ansell2008collaborative/", "Lagret endring.", 60)

    titles = NAV_TITLE.findall(page)
    assert "None" not in titles
    # The rebuilt page names the themes it did not re-read, as the first build did.
    assert {"Tillit og tillitsbasert styring", "Styringslogikker", "Politisk ledelse"} <= set(titles)


def test_an_error_shows_in_the_browser_until_it_is_fixed(served: tuple[Path, str]) -> None:
    root, base = served
    source = root / EDITED
    good = source.read_text("utf-8")
    source.write_text(good.replace("design:", "design: [", 1), "utf-8")  # a YAML syntax error
    page = wait_for(f"{base}/tema/tillit/", "samverdi-byggfeil", 60)
    assert "yaml-syntax" in page and "Kunnskapsgrunnlaget har 1 feil." in page
    source.write_text(good, "utf-8")
    deadline = time.monotonic() + 60
    while "samverdi-byggfeil" in (fetch(f"{base}/tema/tillit/") or "samverdi-byggfeil"):
        assert time.monotonic() < deadline, "the banner stayed after the error was fixed"
        time.sleep(0.2)


def test_an_unchanged_warning_is_printed_once(project: Callable[..., Path], caplog: pytest.LogCaptureFixture) -> None:
    root = project(bib=ANSELL.replace("  volume = {18},\n", ""))
    config = {"config_file_path": str(root / "mkdocs.yml"), "docs_dir": str(root / "docs")}
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.samverdi"):
        serve_hook.on_pre_build(config)
        (root / "literature/sources/ansell2008collaborative.yaml").write_text(SOURCE + "funn: [Nytt funn.]\n", "utf-8")
        serve_hook.on_pre_build(config)
    assert [record.getMessage().split(": ")[1] for record in caplog.records] == ["warning[bib-missing-field]"]
