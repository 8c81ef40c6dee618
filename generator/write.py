"""Write stage: `{path: Markdown}` -> files under docs/, touching only what changed.

The generator owns the folders in `GENERATED_FOLDERS`; a file there that the current
build did not produce is stale and removed. Files elsewhere in docs/ are never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.layout import GENERATED_FOLDERS
from generator.parallel import map_in_two


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _existing_files(docs: Path) -> set[str]:
    found: set[str] = set()
    for folder in GENERATED_FOLDERS:
        for directory, _, names in os.walk(docs / folder):
            # Files starting with "." are not pages: the build cache, half-written temporary files.
            found.update(
                Path(directory, name).relative_to(docs).as_posix() for name in names if not name.startswith(".")
            )
    return found


def _write_if_changed(docs: Path, existing: set[str], relative: str, content: str) -> bool:
    """Write one file unless it already holds `content`; True when it was written."""
    target = docs / relative
    data = content.encode("utf-8")
    if relative in existing and target.read_bytes() == data:
        return False
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)  # atomic: `mkdocs serve` never reads a half-written page
    return True


def write_pages(docs: Path, pages: dict[str, str]) -> WriteReport:
    """Make the generated folders under `docs` hold exactly `pages`."""
    report = WriteReport()
    existing = _existing_files(docs)
    for folder in {relative.rpartition("/")[0] for relative in pages}:
        (docs / folder).mkdir(parents=True, exist_ok=True)
    items = sorted(pages.items())
    # Creating files is mostly the kernel's work, and two processes get through it about twice as fast.
    written = map_in_two(lambda item: _write_if_changed(docs, existing, *item), items)
    for (relative, _), was_written in zip(items, written, strict=True):
        if was_written:
            report.written.append(relative)
        else:
            report.unchanged += 1
    for relative in sorted(existing - pages.keys()):
        (docs / relative).unlink()
        report.removed.append(relative)
    for folder in GENERATED_FOLDERS:
        for directory, subfolders, names in sorted(os.walk(docs / folder, topdown=False)):
            if not subfolders and not names and Path(directory) != docs / folder:
                Path(directory).rmdir()
    return report
