"""The whole pipeline, for the command line and the `mkdocs serve` hook.

load -> validate -> (stop if errors) -> model -> render -> write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.load import load_evidence
from generator.model import Model, build_model
from generator.render import render_site
from generator.validate import validate
from generator.write import WriteReport, write_pages


@dataclass(frozen=True)
class BuildResult:
    diagnostics: Diagnostics
    model: Model | None = None
    report: WriteReport | None = None


def check(root: Path) -> tuple[Diagnostics, Model | None]:
    """Load and validate the evidence base under `root`; the model when there were no errors."""
    diagnostics = Diagnostics()
    raw = load_evidence(root, diagnostics)
    validate(raw, diagnostics)
    if diagnostics.has_errors:
        return diagnostics, None
    return diagnostics, build_model(raw)


def build(root: Path, docs: Path | None = None) -> BuildResult:
    """Check, then write the generated pages into `docs` (default `root/docs`) unless there were errors."""
    diagnostics, model = check(root)
    if model is None:
        return BuildResult(diagnostics)  # nothing is written: the last good pages stay
    report = write_pages(docs or root / "docs", render_site(model))
    return BuildResult(diagnostics, model, report)
