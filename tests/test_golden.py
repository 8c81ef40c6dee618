"""Golden test: every file generated from `fixtures/mini` must equal `fixtures/mini/expected`, byte for byte.

Run `pytest tests/test_golden.py --update-golden` to accept a deliberate change; review the diff.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator.pipeline import build

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
EXPECTED = FIXTURE / "expected"


def files(folder: Path) -> dict[str, bytes]:
    """Pages and downloads (RIS and CSV keep their CRLF and BOM); not the build cache."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def test_generated_files_match_golden_files(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    result = build(FIXTURE, docs=tmp_path)
    assert result.report is not None, [str(item) for item in result.diagnostics]
    assert [str(item) for item in result.diagnostics] == []
    if request.config.getoption("--update-golden"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(tmp_path, EXPECTED, ignore=shutil.ignore_patterns(".*"))
    got, expected = files(tmp_path), files(EXPECTED)
    assert got == expected, differences(got, expected)


def differences(got: dict[str, bytes], expected: dict[str, bytes], lines_per_file: int = 40) -> str:
    """A line diff per differing file (pytest's own diff of a bytes dict runs to megabytes), and how to accept it."""
    report = []
    for path in sorted(got.keys() | expected.keys()):
        if got.get(path) == expected.get(path):
            continue
        before = expected.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        after = got.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        diff = list(difflib.unified_diff(before, after, f"expected/{path}", f"generated/{path}"))
        shown = diff[:lines_per_file] + (
            [f"... {len(diff) - lines_per_file} more lines\n"] if len(diff) > lines_per_file else []
        )
        report.append("".join(shown) or f"{path}: same text, different bytes (line endings or BOM)\n")
    return (
        "\n".join(report)
        + "\nA deliberate change? pytest tests/test_golden.py --update-golden, then read git diff tests/fixtures/mini/expected"
    )
