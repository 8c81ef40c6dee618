"""`make serve`: a real `mkdocs serve --dirty` with the hook shows a saved edit and keeps the navigation whole."""

from __future__ import annotations

import html
import logging
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
import yaml

from bench.serve import fetch, serving, wait_for
from generator.core.layout import MKDOCS_HOOKS
from generator.mkdocs import serve_hook, site_check
from generator.mkdocs.site_check import check_html
from generator.render import front_matter
from tests.conftest import ANSELL, EVIDENCE_BASE, REPO, SOURCE, copy_site_files

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


THEME = SimpleNamespace(dirs=[str(REPO / "overrides"), str(Path(material.__file__).parent / "templates")])
GOOD = (
    "<html><head><title>Tillit - SAMVERDI</title></head><body><h1>Tillit</h1>"
    '<a href="https://doi.org/10.1/x">DOI</a></body></html>'
)


def _served_page(tmp_path: Path, markdown: str) -> tuple[SimpleNamespace, dict[str, object]]:
    docs = tmp_path / "docs"
    (docs / "tema").mkdir(parents=True)
    (docs / "_generert").mkdir()
    (docs / "_generert/lenker.json").write_text('["doi.org"]\n', "utf-8")
    (docs / "tema/tillit.md").write_text(markdown, "utf-8")
    file = SimpleNamespace(src_uri="tema/tillit.md", abs_src_path=str(docs / "tema/tillit.md"))
    config = {
        "docs_dir": str(docs),
        "site_url": "http://127.0.0.1:8000/",
        "repo_url": None,
        "extra": {},
        "theme": THEME,
    }
    return SimpleNamespace(file=file, url="tema/tillit/"), config


def test_the_preview_serves_a_page_the_net_lets_through_as_it_is(tmp_path: Path) -> None:
    page, config = _served_page(tmp_path, front_matter.emit({"title": "Tillit"}) + "# Tillit\n")
    assert serve_hook.on_post_page(GOOD, page, config) == GOOD


def test_the_preview_replaces_a_page_the_net_stops_with_a_plain_error_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page, config = _served_page(tmp_path, front_matter.emit({"title": "Tillit"}) + "# Tillit\n")
    hostile = GOOD.replace("</body>", '<img src="https://evil.example/p.png" onerror="alert(1)" alt=""></body>')
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.samverdi"):
        shown = serve_hook.on_post_page(hostile, page, config)
    assert [record.getMessage() for record in caplog.records] == [
        "docs/tema/tillit.md (siden /tema/tillit/): <img src> henter noe fra en annen vert: 'https://evil.example/p.png'",
        "docs/tema/tillit.md (siden /tema/tillit/): <img> har hendelsesattributtet onerror",
    ]
    assert "<img" not in shown and "onerror" in shown and "&#x27;https://evil.example/p.png&#x27;" in shown
    assert "<h1>Siden er stoppet</h1>" in shown
    assert check_html("x.html", shown, []) == []  # the error page passes the net itself


def test_the_preview_stops_a_page_whose_front_matter_mkdocs_cannot_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page, config = _served_page(tmp_path, "---\ntitle: Tillit\x80\n---\n# Tillit\n")
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.samverdi"):
        shown = serve_hook.on_post_page(GOOD, page, config)
    assert "Siden er stoppet" in shown and html.escape(site_check.UNREADABLE) in shown
    assert caplog.records[0].getMessage() == f"docs/tema/tillit.md (siden /tema/tillit/): {site_check.UNREADABLE}"


def test_the_preview_runs_the_site_hooks_in_the_same_order() -> None:
    """A hook missing from mkdocs.serve.yml leaves its work out of `make serve` without a word (INHERIT replaces lists)."""
    serve_config = yaml.safe_load((REPO / "mkdocs.serve.yml").read_text("utf-8"))
    site_hooks = [hook for hook in MKDOCS_HOOKS if not hook.endswith("/pages_in_two.py")]
    assert serve_config["hooks"] == [*site_hooks, "generator/mkdocs/serve_hook.py"]
