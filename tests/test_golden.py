"""Golden test: every file generated from `fixtures/mini` must equal `fixtures/mini/expected`, byte for byte.

Run `pytest tests/test_golden.py --update-golden` to accept a deliberate change; review the diff.
"""

from __future__ import annotations

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
    assert files(tmp_path) == files(EXPECTED)
