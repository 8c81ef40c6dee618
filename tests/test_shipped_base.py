"""The evidence base in `literature/`, whatever it holds: it checks without errors, builds with a real
`mkdocs build --strict` under the site's net, and every source and theme gets its page and downloads.

Nothing here names a source, a theme or a count: a researcher's pull request changes all of them. Tests
about content read the frozen copy (`tests/fixtures/kunnskapsgrunnlag`). `SAMVERDI_ROOT` points these
tests at another project (tests/test_full_import.py: this base with every fixture export imported).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rispy
from pybtex.database import parse_string

from generator.core.layout import GENERATED_FOLDERS, generated_note
from generator.model.build import Model
from generator.pipeline import check
from tests.conftest import REPO, SHIPPED_ROOT, build_site, copy_site_files

_TITLE = re.compile(r"<title>([^<]*)</title>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    """The base and its site files copied and built (never into the checkout's own docs/)."""
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(SHIPPED_ROOT / "literature", root / "literature")
    copy_site_files(root, SHIPPED_ROOT)
    site = build_site(root)
    _, model = check(root)
    assert model is not None
    return model, site


def test_the_base_checks_without_errors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(SHIPPED_ROOT)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert " 0 feil og " in result.stderr, result.stderr


def test_every_page_has_a_title_and_one_heading(shipped: tuple[Model, Path]) -> None:
    _, site = shipped
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text("utf-8")
        title = _TITLE.search(html)
        assert title and title.group(1).strip(), page
        if page.name != "404.html":
            assert len(_H1.findall(html)) == 1, page


def test_every_source_and_theme_has_its_page(shipped: tuple[Model, Path]) -> None:
    model, site = shipped
    for source in model.sources:
        assert (site / "kilder" / source.key / "index.html").is_file(), source.key
    for theme in model.themes:
        assert (site / "tema" / theme.id / "index.html").is_file(), theme.id
    references = (site / "referanser" / "index.html").read_text("utf-8")
    for source in model.sources:
        assert f'href="../kilder/{source.key}/"' in references, source.key


def test_the_downloads_hold_every_source(shipped: tuple[Model, Path]) -> None:
    model, site = shipped
    keys = [source.key for source in model.sources]
    bibtex = parse_string((site / "nedlastinger" / "alle.bib").read_text("utf-8"), "bibtex")
    assert list(bibtex.entries) == keys
    records = rispy.loads((site / "nedlastinger" / "alle.ris").read_text("utf-8"))
    assert [record["id"] for record in records] == keys


def test_every_generated_file_that_can_hold_a_comment_says_it_is_generated(shipped: tuple[Model, Path]) -> None:
    """An edit under docs/ is lost at the next build: the file says so, and which file in literature/ to edit.
    RIS, CSV and JSON have no comments."""
    _, site = shipped
    docs = site.parent / "docs"
    note = generated_note("")[: -len(".")]  # the words every header starts with
    kinds = set()
    for folder in GENERATED_FOLDERS:
        for path in sorted((docs / folder).rglob("*")):
            text = path.read_text("utf-8") if path.suffix in (".md", ".bib", ".xml") else ""
            kinds.add(path.suffix if text else "")
            if path.suffix == ".md":
                body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # after the front matter
                assert body.startswith(f"<!-- {note}"), path
            elif path.suffix == ".bib":
                assert text.startswith(f"% {note}"), path
            elif path.suffix == ".xml":
                assert text.splitlines()[1].startswith(f"<!-- {note}"), path
    assert {".md", ".bib", ".xml"} <= kinds
