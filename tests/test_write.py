"""The write stage touches only what changed and owns only the generated folders."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.pipeline import build
from tests.conftest import REPO, SOURCE


def snapshot(docs: Path) -> dict[str, bytes]:
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical_and_the_second_writes_nothing(project: Callable[..., Path]) -> None:
    root = project()
    first = build(root)
    assert first.report is not None and first.report.written
    before = snapshot(root / "docs")
    second = build(root)
    assert second.report is not None
    assert second.report.written == [] and second.report.removed == []
    assert snapshot(root / "docs") == before


def test_changing_one_source_rewrites_only_the_pages_that_show_it(project: Callable[..., Path]) -> None:
    root = project()
    build(root)
    source = root / "literature/sources/ansell2008collaborative.yaml"
    source.write_text(SOURCE.replace("Et kort sammendrag.", "Et nytt sammendrag."), "utf-8")
    report = build(root).report
    assert report is not None
    assert report.written == ["kilder/ansell2008collaborative.md"]


def test_stale_generated_pages_are_removed_and_hand_written_pages_kept(project: Callable[..., Path]) -> None:
    root = project()
    (root / "docs/index.md").write_text("# Hjem\n", "utf-8")
    build(root)
    stale = root / "docs/kilder/gammel2001kilde.md"
    stale.write_text("old", "utf-8")
    report = build(root).report
    assert report is not None
    assert report.removed == ["kilder/gammel2001kilde.md"]
    assert not stale.exists()
    assert (root / "docs/index.md").read_text("utf-8") == "# Hjem\n"


def test_generated_pages_carry_the_do_not_edit_header(project: Callable[..., Path]) -> None:
    root = project()
    build(root)
    for path in (root / "docs/tema").glob("*.md"):
        assert "ikke rediger" in path.read_text("utf-8").lower()


def test_a_rebuild_with_nothing_changed_comes_from_the_cache(project: Callable[..., Path]) -> None:
    root = project(bib=(Path(__file__).parent / "fixtures/warning.bib").read_text("utf-8"))
    first = build(root)
    assert not first.from_cache and first.source_count == 1
    second = build(root)
    assert second.from_cache
    assert (second.source_count, second.theme_count) == (1, 1)
    assert [str(item) for item in second.diagnostics] == [str(item) for item in first.diagnostics] != []


def test_a_deleted_or_edited_page_is_rebuilt(project: Callable[..., Path]) -> None:
    root = project()
    build(root)
    page = root / "docs/tema/tillit.md"
    original = page.read_bytes()
    page.write_text("redigert for hånd", "utf-8")
    result = build(root)
    assert not result.from_cache
    assert result.report is not None and result.report.written == ["tema/tillit.md"]
    assert page.read_bytes() == original
    page.unlink()
    assert build(root).report.written == ["tema/tillit.md"]  # type: ignore[union-attr]


# In a fresh interpreter: fixtures of other tests keep threads alive in this one, and then the
# writer rightly does not fork.
TWO_PROCESS_WRITE = """
import json, sys
from pathlib import Path
from generator.write.files import write_pages
docs = Path(sys.argv[1])
pages = {f"kilder/k{index:04}.md": f"side {index}\\n" for index in range(2500)}
pages["tema/a.md"] = "tema\\n"
first = write_pages(docs, pages)
pages = {path: text for path, text in pages.items() if path not in ("kilder/k0001.md", "kilder/k0002.md")}
pages["kilder/k0010.md"] = "endret\\n"
pages["kilder/k0011.md"] = "endret\\n"
second = write_pages(docs, pages)
print(json.dumps({"first": len(first.written), "written": second.written, "removed": second.removed, "unchanged": second.unchanged}))
"""


def test_many_pages_are_written_by_two_processes_and_only_changes_the_second_time(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", TWO_PROCESS_WRITE, str(tmp_path)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    outcome = json.loads(completed.stdout)
    assert outcome["first"] == 2501
    assert outcome["written"] == ["kilder/k0010.md", "kilder/k0011.md"]
    assert outcome["removed"] == ["kilder/k0001.md", "kilder/k0002.md"]
    assert outcome["unchanged"] == 2501 - 2 - 2
    assert (tmp_path / "kilder/k0011.md").read_text("utf-8") == "endret\n"
    assert (tmp_path / "kilder/k2499.md").read_text("utf-8") == "side 2499\n"
    assert not (tmp_path / "kilder/k0001.md").exists()
    assert sorted(path.name for path in tmp_path.rglob(".*")) == []  # no temporary files left
