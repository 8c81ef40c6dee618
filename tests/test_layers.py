"""The stages' layers (pyproject.toml, `[tool.importlinter]`), which `make lint` checks with `lint-imports`:
they hold for the package as it is, and one upward import breaks them, named with its line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACT = "Stages import only the stages below them"


def _copy(root: Path) -> Path:
    """The package and the project's contract, in a folder of their own."""
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path: lint-imports must read it, not the installed package.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_stages_keep_their_layers(tmp_path: Path) -> None:
    completed = _lint(_copy(tmp_path))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert f"{CONTRACT} KEPT" in completed.stdout
    assert "Contracts: 1 kept, 0 broken." in completed.stdout


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    layout = root / "generator" / "core" / "layout.py"
    text = layout.read_text("utf-8")
    layout.write_text(f"{text}from generator.render import site  # noqa: E402\n", "utf-8")
    line = text.count("\n") + 1
    completed = _lint(root)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert f"{CONTRACT} BROKEN" in completed.stdout
    assert "Contracts: 0 kept, 1 broken." in completed.stdout
    assert "generator.core is not allowed to import generator.render:" in completed.stdout
    assert f"- generator.core.layout -> generator.render.site (l.{line})" in completed.stdout
