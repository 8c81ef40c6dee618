"""A fingerprint of a build, so that a rebuild with nothing changed does no work.

The fingerprint covers the generator's own code, templates and schemas (content), the versions
of the libraries that shape the output, and every input and generated file (path, size,
modification and change time, inode). When it matches the
one stored after the last successful build, the pages on disk are exactly what a new build
would write, and the stored diagnostics and counts are reused.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.core.codes import Severity
from generator.core.diagnostics import Diagnostic, Diagnostics
from generator.core.layout import LITERATURE, MKDOCS

# Kept beside the pages it describes; the writer leaves files starting with "." alone.
CACHE_FILE = Path("_generert") / ".bygg.json"
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole generator package
_DEPENDENCIES = ("pybtex", "latexcodec", "PyYAML", "Jinja2", "MarkupSafe", "jsonschema", "fastjsonschema")


@dataclass(frozen=True)
class CachedBuild:
    diagnostics: list[Diagnostic]
    source_count: int
    theme_count: int


def _files(folder: Path) -> list[Path]:
    found = []
    for directory, folders, names in os.walk(folder):
        folders.sort()
        found += [Path(directory, name) for name in sorted(names) if not name.startswith(".")]
    return found


def _stat_entries(folder: str, found: list[tuple[str, int, int, int, int]]) -> None:
    """(path, size, mtime, ctime, inode) for every file below `folder`, via scandir: 50,000 files in a fraction
    of a second. The change time (ctime) cannot be set back by hand, unlike the mtime (`touch -r`)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            _stat_entries(entry.path, found)
        else:
            status = entry.stat(follow_symlinks=False)
            found.append((entry.path, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def fingerprint(root: Path, docs: Path, generated_folders: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in _files(_PACKAGE):  # the generator's own code, templates and schemas: by content
        if path.suffix != ".pyc":
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    # The libraries that shape the output: a new pybtex or Jinja may format differently.
    digest.update(repr([(name, _version(name)) for name in _DEPENDENCIES]).encode())
    # Inputs and outputs by size and change times: any write changes the ctime, and reading
    # 10,000 files only to find them unchanged would cost more than the check saves.
    found: list[tuple[str, int, int, int, int]] = []
    for folder in [root / LITERATURE, *(docs / name for name in generated_folders)]:
        _stat_entries(str(folder), found)
    config = root / MKDOCS
    if config.exists():
        status = config.stat()
        found.append((str(config), status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
    digest.update(repr(found).encode())  # repr of the whole list runs in C, unlike one line per file
    return digest.hexdigest()


def load(docs: Path, expected: str) -> CachedBuild | None:
    try:
        data = json.loads((docs / CACHE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != expected:
        return None
    return CachedBuild(
        [Diagnostic(item[0], item[1], item[2], Severity(item[3]), item[4], item[5]) for item in data["diagnostics"]],
        data["sources"],
        data["themes"],
    )


def store(docs: Path, fingerprint_value: str, diagnostics: Diagnostics, source_count: int, theme_count: int) -> None:
    path = docs / CACHE_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        items = [
            [d.path, d.line, d.column, d.severity.value, d.code, d.message] for d in diagnostics
        ]  # as shown: silenced ones left out
        data = {"fingerprint": fingerprint_value, "diagnostics": items, "sources": source_count, "themes": theme_count}
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time next run
