"""The bad-input corpus: every malformed file gets a located diagnostic, no traceback, and nothing is written.

Each `bad_input/*.case` starts from the valid project in conftest.py and replaces files:

    # What is wrong (one line).
    expect: path:line[:column] code      (one or more)
    === path [encoding]                  (the new content of a file follows)
    === delete path                      (remove a file)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import build
from tests.conftest import write_project

CASES = sorted((Path(__file__).parent / "bad_input").glob("*.case"))
_EXPECT = re.compile(r"^expect: (?P<path>[^:]+):(?P<line>\d+)(?::(?P<column>\d+))? (?P<code>[a-z0-9-]+)$")


@dataclass
class Case:
    expected: list[tuple[str, int, int | None, str]] = field(default_factory=list)
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (content, encoding)
    deleted: list[str] = field(default_factory=list)


def parse_case(path: Path) -> Case:
    case = Case()
    current: str | None = None
    for line in path.read_text("utf-8").split("\n"):
        if current is None and (match := _EXPECT.match(line)):
            column = int(match["column"]) if match["column"] else None
            case.expected.append((match["path"], int(match["line"]), column, match["code"]))
        elif line.startswith("=== delete "):
            case.deleted.append(line.removeprefix("=== delete "))
            current = None
        elif line.startswith("=== "):
            target, _, encoding = line.removeprefix("=== ").partition(" ")
            current = target
            case.files[current] = ("", encoding or "utf-8")
        elif current is not None:
            content, encoding = case.files[current]
            case.files[current] = (content + line + "\n", encoding)
    case.files = {
        path: (content.removesuffix("\n") + "\n" if content.strip() else "", enc)
        for path, (content, enc) in case.files.items()
    }
    return case


def snapshot(docs: Path) -> dict[str, bytes]:
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_file", CASES, ids=[path.stem for path in CASES])
def test_bad_input(case_file: Path, tmp_path: Path) -> None:
    run_case(case_file, tmp_path)


def run_case(case_file: Path, tmp_path: Path) -> None:
    """Apply the case to a valid project: the build reports exactly what it expects, and writes nothing."""
    case = parse_case(case_file)
    assert case.expected, "a case must say what it expects"
    root = write_project(tmp_path)
    assert build(root).report is not None, "the starting project must be valid"
    before = snapshot(root / "docs")
    for relative in case.deleted:
        (root / relative).unlink()
    for relative, (content, encoding) in case.files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(content.encode(encoding))

    result = build(root)

    found = [(item.path, item.line, item.column, item.code) for item in result.diagnostics]
    for path, line, column, code in case.expected:
        assert any(
            (item_path, item_line, item_code) == (path, line, code) and column in (None, item_column)
            for item_path, item_line, item_column, item_code in found
        ), f"expected {path}:{line}:{column} {code}, got {found}"
    assert result.report is None
    assert snapshot(root / "docs") == before
    assert main(["check", "--root", str(root)]) == 1
