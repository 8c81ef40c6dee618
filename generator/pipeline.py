"""The whole pipeline, for the command line and the `mkdocs serve` hook.

load -> validate -> (stop if errors) -> model -> render -> write.
"""

# ruff: noqa: PLC0415 - the stages are imported where they run: a rebuild with nothing changed
# needs none of them, and importing them (pybtex, the schema check, Jinja) costs about 0.25 s.
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.diagnostics import Diagnostics
from generator.core.layout import GENERATED_FOLDERS
from generator.write import cache
from generator.write.files import LOCK, Busy, WriteError, WriteReport, exclusive, write_pages

if TYPE_CHECKING:
    from generator.model.build import Model, SummaryInfo


@dataclass(frozen=True)
class BuildResult:
    """What a build did: its problems, and the files written (None when errors stopped it)."""

    diagnostics: Diagnostics
    report: WriteReport | None = None
    source_count: int = 0
    theme_count: int = 0
    from_cache: bool = False
    summary: SummaryInfo | None = None  # what summary.yaml says, when this build made the model


Progress = Callable[[str], None]


def _quiet(stage: str) -> None:
    pass


def check(root: Path, progress: Progress = _quiet, *, keep: bool = False) -> tuple[Diagnostics, Model | None]:
    """Load and validate the evidence base under `root`; the model when there were no errors.

    `keep`: keep what was parsed, checked and built for the next build in this process (`mkdocs serve`),
    and take from the last one what it still holds."""
    from generator.check.validate import validate
    from generator.load.evidence import load_evidence
    from generator.model.build import build_model

    diagnostics = Diagnostics()
    progress("leser kunnskapsgrunnlaget")
    raw = load_evidence(root, diagnostics, keep_parses=keep)
    progress(f"sjekker {len(raw.sources)} kilder og {len(raw.themes)} temaer")
    validate(raw, diagnostics, keep=keep)
    from generator.model.editions import check_version, load_editions

    editions = load_editions(root, diagnostics)
    check_version(raw.summary, editions, diagnostics)
    if diagnostics.has_errors:
        return diagnostics, None
    progress("formaterer referanser og finner beslektede kilder")
    return diagnostics, replace(build_model(raw, keep=keep), editions=editions)


def build(root: Path, docs: Path | None = None, progress: Progress = _quiet, *, keep: bool = False) -> BuildResult:
    """Check, then write the generated pages into `docs` (default `root/docs`) unless there were errors.

    One build at a time per docs/ folder (a lock), and all or nothing on disk: a write that fails
    is a located error and leaves the last good pages. When nothing changed since the last
    successful build, nothing is read beyond the fingerprint.
    """
    docs = docs or root / "docs"
    try:
        with exclusive(docs):
            return _build(root, docs, progress, keep=keep)
    except Busy:
        problem = ("build-locked", "en annen bygging av samme mappe pågår; vent til den er ferdig, og prøv igjen")
        return _stopped(root, docs / LOCK, *problem)
    except WriteError as error:
        return _stopped(root, docs / error.path, "write-failed", f"{error.reason}; ingenting er endret i docs/")


def _kept_anything() -> bool:
    # `make serve` generates docs/ before MkDocs starts, so its first build would find them up to
    # date and keep nothing: the first saved edit would then wait for a whole build.
    from generator.load.evidence import kept_anything

    return kept_anything()


def _stopped(root: Path, path: Path, code: str, message: str) -> BuildResult:
    diagnostics = Diagnostics()
    shown = os.path.relpath(path, root) if path.is_absolute() == root.is_absolute() else str(path)
    diagnostics.add(Path(shown).as_posix(), 1, 1, code, message)
    return BuildResult(diagnostics)


def _build(root: Path, docs: Path, progress: Progress, *, keep: bool) -> BuildResult:
    before = cache.fingerprint(root, docs, GENERATED_FOLDERS)
    cached = None if keep and not _kept_anything() else cache.load(docs, before)
    if cached is not None:
        diagnostics = Diagnostics()
        diagnostics.restore(cached.diagnostics)
        return BuildResult(diagnostics, WriteReport(), cached.source_count, cached.theme_count, from_cache=True)
    diagnostics, model = check(root, progress, keep=keep)
    if model is None:
        return BuildResult(diagnostics)  # nothing is written: the last good pages stay
    from generator.render.site import render_site

    progress("lager sidene")
    pages = render_site(model, keep=keep)
    progress(f"skriver {len(pages)} filer (bare de som er endret)")
    report = write_pages(docs, pages)
    result = BuildResult(diagnostics, report, len(model.sources), len(model.themes), summary=model.info)
    cache.store(
        docs, cache.fingerprint(root, docs, GENERATED_FOLDERS), diagnostics, result.source_count, result.theme_count
    )
    return result
