"""`generator utgave V`: record an edition, its snapshot in `literature/utgaver/<V>.json` and `versjon` in
summary.yaml, with the citation files kept in step. What a snapshot holds and how editions compare is
the model stage's (generator/model/editions.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from generator.core.layout import EDITIONS, SUMMARY
from generator.model.build import Model
from generator.model.editions import _DATE, _VERSION, Edition, canonical, snapshot, version_key
from generator.write.citation_files import write_citation_files
from generator.write.files import contained_folder, write_file

_VERSION_LINE = re.compile(r"^versjon:[^\n]*$", re.MULTILINE)


def record_edition(root: Path, model: Model, editions: tuple[Edition, ...], version: str, date: str) -> str:
    """Write the snapshot and set `versjon` in summary.yaml; the message for the researcher.
    Raises EditionRefused when the version is not new or not a version."""
    if not _VERSION.fullmatch(version):
        raise EditionRefused(f"{version!r} er ikke et versjonsnummer; skriv tall med punktum mellom, for eksempel 1.0")
    if not _DATE.fullmatch(date):
        raise EditionRefused(f"datoen {date!r} skal skrives ÅÅÅÅ-MM-DD")
    if editions and version_key(version) <= version_key(editions[-1].version):
        raise EditionRefused(
            f"utgave {version} er ikke nyere enn den siste, {editions[-1].version}; "
            f"velg et høyere nummer, for eksempel {_next(editions[-1].version)}"
        )
    summary = (root / SUMMARY).read_text(encoding="utf-8")
    lines = _VERSION_LINE.findall(summary)
    if len(lines) != 1:
        raise EditionRefused(f"{SUMMARY} skal ha nøyaktig én linje som begynner med versjon:, den har {len(lines)}")
    with contained_folder(root, EDITIONS) as folder:
        write_file(
            folder,
            f"{EDITIONS}/{version}.json",
            f"{version}.json",
            canonical(snapshot(model, version, date)),
            replace=False,
        )
    with contained_folder(root, str(Path(SUMMARY).parent)) as folder:
        updated = _VERSION_LINE.sub(f'versjon: "{version}"', summary)
        write_file(folder, SUMMARY, Path(SUMMARY).name, updated, replace=True)
    # The citation files name the version: kept in step here, as a build would (generator/render/citation.py).
    cited = write_citation_files(root, replace(model.info, version=version))
    written = ", ".join([f"{EDITIONS}/{version}.json", SUMMARY, *cited])
    return f'Skrev {written} (versjon: "{version}"). Ta dem med i endringen.'


def _next(version: str) -> str:
    numbers = version.split(".")
    return ".".join([*numbers[:-1], str(int(numbers[-1]) + 1)])


class EditionRefused(Exception):
    """Why an edition is not recorded, in Norwegian."""
