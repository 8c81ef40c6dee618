"""The benchmark's synthetic project stays a valid project the generator builds without problems."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import write_corpus
from bench.zensical import HOOKS
from generator.core.layout import MKDOCS_HOOKS
from generator.pipeline import build


def test_synthetic_corpus_builds_cleanly(tmp_path: Path) -> None:
    write_corpus(30, tmp_path / "prosjekt")
    result = build(tmp_path / "prosjekt")
    assert [str(item) for item in result.diagnostics] == []
    assert result.source_count == 30 and result.theme_count == 9
    bib = (tmp_path / "prosjekt/literature/samverdi.bib").read_text("utf-8")
    assert "{\\o}" in bib and "Ø" in bib  # LaTeX escapes and Norwegian letters both occur


def test_the_zensical_benchmark_names_the_hooks_mkdocs_yml_runs() -> None:
    """bench/zensical.py keeps its own copy (it imports nothing of the project); a moved hook must move there too."""
    assert HOOKS == MKDOCS_HOOKS
