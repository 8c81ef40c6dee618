"""MkDocs hook for every build: the "Foreslå en endring" button on a page opens the file a
researcher edits, not the generated page.

A theme page is made from `literature/themes/<id>.md` and a source page from
`literature/sources/<key>.yaml`; the other generated pages have no single source file and get
no button. Hand-written pages point at themselves in `docs/`. `edit_uri` in mkdocs.yml is the
repository root, so these paths are relative to it.
"""

from __future__ import annotations

import posixpath
from typing import Any

from generator.core.layout import GENERATED_FOLDERS, METHOD_PAGE, SOURCES, SUMMARY, THEMES


def edit_path(src_uri: str) -> str | None:
    """The file in the repository a reader's suggested change to this page belongs in."""
    folder, _, name = src_uri.partition("/")
    stem = posixpath.splitext(name)[0]
    if folder not in GENERATED_FOLDERS:
        return f"docs/{src_uri}"
    if src_uri == METHOD_PAGE:  # written from summary.yaml's `metode`
        return SUMMARY
    if "/" in name or stem == "index":
        return None
    if folder == "tema":
        return f"{THEMES}/{stem}.md"
    if folder == "kilder":
        return f"{SOURCES}/{stem}.yaml"
    return None


def on_files(files: Any, config: Any) -> Any:
    published = bool(config.get("repo_url"))  # unset locally: no button (and no warning about edit_uri)
    for file in files.documentation_pages():
        file.edit_uri = edit_path(file.src_uri) if published else None
    return files
