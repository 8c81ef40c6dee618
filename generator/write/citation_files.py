"""The citation files at the project root, `CITATION.cff` and `.zenodo.json`, written when they differ from
what summary.yaml gives (their text: generator/render/citation.py)."""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.diagnostics import os_reason
from generator.model.build import SummaryInfo
from generator.render.citation import citation_files, first_difference
from generator.write.files import WriteError, write_file


def write_citation_files(root: Path, info: SummaryInfo) -> list[str]:
    """Write the files that differ, each swapped in whole without following a link (`write.write_file`);
    the names written. Raises WriteError."""
    changed = {name: text for name, text in citation_files(info).items() if first_difference(root / name, text)}
    if not changed:
        return []
    try:
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise WriteError(".", f"kunne ikke åpne mappen: {os_reason(error)}") from error
    try:
        for name, text in changed.items():
            write_file(folder, name, name, text, replace=True)
    finally:
        os.close(folder)
    return list(changed)
