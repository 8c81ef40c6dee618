"""`make serve`: a real `mkdocs serve --dirty` with the hook shows a saved edit and keeps the navigation whole."""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.serve import fetch, serving, wait_for
from generator import serve_hook
from tests.conftest import ANSELL, EVIDENCE_BASE, SOURCE, copy_site_files

EDITED = "literature/sources/ansell2008collaborative.yaml"
NAV_TITLE = re.compile(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>')


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    shutil.copytree(EVIDENCE_BASE, tmp_path / "literature")
    copy_site_files(tmp_path)
    with serving(tmp_path, 120) as base:
        yield tmp_path, base


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
