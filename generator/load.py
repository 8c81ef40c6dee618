"""Load stage: the `literature/` tree -> `RawEvidence` (parsed files with positions).

Reads every file once. Problems that stop a file from being read (not UTF-8, YAML or
BibTeX syntax) are reported here; whether the content makes sense is `validate`'s job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from generator.bibliography import BibEntry, parse_bibtex
from generator.diagnostics import Diagnostic, Diagnostics
from generator.layout import CHECKS, GLOSSARY, LITERATURE, MKDOCS, SOURCES, SUMMARY, THEMES, VOCABULARY
from generator.yamlsafe import YamlDocument, load_yaml


@dataclass(frozen=True)
class SourceFile:
    """`literature/sources/<key>.yaml`: how one study is coded."""

    key: str
    path: str
    document: YamlDocument


@dataclass(frozen=True)
class ThemeFile:
    """`literature/themes/<id>.md`: front matter plus the synthesis, which starts on `body_line`."""

    id: str
    path: str
    front_matter: YamlDocument
    body: str
    body_line: int


@dataclass(frozen=True)
class RawEvidence:
    """Everything read from the evidence base, before any cross-checking."""

    bib_entries: tuple[BibEntry, ...]
    sources: tuple[SourceFile, ...]
    themes: tuple[ThemeFile, ...]
    vocabulary: YamlDocument | None
    summary: YamlDocument | None
    checks: YamlDocument | None
    glossary: YamlDocument | None
    mkdocs: YamlDocument | None


Parsed = TypeVar("Parsed")


class _Parses:
    """What each file parsed to, with the problems found, by path and text."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, object, tuple[Diagnostic, ...]]] = {}

    def parse(
        self, relative: str, text: str, parse: Callable[[str, str, Diagnostics], Parsed], diagnostics: Diagnostics
    ) -> Parsed:
        kept = self._kept.get(relative)
        if kept is None or kept[0] != text:
            found = Diagnostics()
            kept = self._kept[relative] = (text, parse(text, relative, found), tuple(found))
        diagnostics.restore(kept[2])
        return cast(Parsed, kept[1])


# Kept for the life of the process when a build asks for it: `mkdocs serve` rebuilds after every
# save, and parsing the files that did not change was a third of a rebuild. Later stages only read
# what is parsed, so sharing it between builds is safe. Other builds parse afresh and keep nothing
# (at 10,000 sources, keeping it would hold 60 MiB more through the build).
_kept_between_builds = _Parses()


def _read_text(root: Path, relative: str, diagnostics: Diagnostics) -> str | None:
    try:
        data = (root / relative).read_bytes()
    except OSError as error:
        diagnostics.add(relative, 1, 1, "unreadable-file", f"kunne ikke lese filen: {error.strerror}")
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        diagnostics.add(
            relative,
            line,
            column,
            "not-utf8",
            "filen er ikke UTF-8; lagre den som UTF-8 (i Zotero: eksporter med tegnkoding UTF-8)",
        )
        return None


def _files(root: Path, folder: str, suffix: str) -> list[str]:
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix() for path in directory.iterdir() if path.is_file() and path.suffix == suffix
    )


def _load_yaml_file(
    root: Path, relative: str, diagnostics: Diagnostics, parses: _Parses, *, required: bool
) -> YamlDocument | None:
    if not (root / relative).is_file():
        if required:
            diagnostics.add(relative, 1, 1, "missing-file", "filen mangler; den må finnes for at nettstedet kan bygges")
        return None
    text = _read_text(root, relative, diagnostics)
    if text is None:
        return None
    return parses.parse(relative, text, load_yaml, diagnostics)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line the body starts on), or None if the text has no front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


def _load_theme(root: Path, relative: str, diagnostics: Diagnostics, parses: _Parses) -> ThemeFile | None:
    text = _read_text(root, relative, diagnostics)
    if text is None:
        return None
    return parses.parse(relative, text, _parse_theme, diagnostics)


def _parse_theme(text: str, relative: str, diagnostics: Diagnostics) -> ThemeFile | None:
    parts = split_front_matter(text)
    if parts is None:
        diagnostics.add(
            relative,
            1,
            1,
            "theme-front-matter",
            "temafilen må starte med front matter: en linje med ---, feltene (tittel, rekkefølge, …) og en ny linje med ---",
        )
        return None
    front, body, body_line = parts
    document = load_yaml(front, relative, diagnostics, line_offset=1)
    if document is None:
        return None
    return ThemeFile(Path(relative).stem, relative, document, body, body_line)


def load_evidence(root: Path, diagnostics: Diagnostics, *, keep_parses: bool = False) -> RawEvidence:
    """Read the evidence base under `root`; report unreadable or unparseable files.

    With `keep_parses`, files parsed by an earlier such call in this process and unchanged since are not parsed again."""
    parses = _kept_between_builds if keep_parses else _Parses()
    if not (root / LITERATURE).is_dir():
        diagnostics.add(
            LITERATURE,
            1,
            1,
            "missing-file",
            f"fant ikke mappen {LITERATURE}/ under {root}; bruk --root for å peke på prosjektet",
        )
    bib_entries: list[BibEntry] = []
    for relative in _files(root, LITERATURE, ".bib"):
        text = _read_text(root, relative, diagnostics)
        if text is not None:
            bib_entries += parses.parse(relative, text, parse_bibtex, diagnostics)

    sources = []
    for relative in _files(root, SOURCES, ".yaml") + _files(root, SOURCES, ".yml"):
        document = _load_yaml_file(root, relative, diagnostics, parses, required=True)
        if document is not None:
            sources.append(SourceFile(Path(relative).stem, relative, document))

    themes = [
        theme for relative in _files(root, THEMES, ".md") if (theme := _load_theme(root, relative, diagnostics, parses))
    ]
    return RawEvidence(
        bib_entries=tuple(bib_entries),
        sources=tuple(sources),
        themes=tuple(themes),
        vocabulary=_load_yaml_file(root, VOCABULARY, diagnostics, parses, required=True),
        summary=_load_yaml_file(root, SUMMARY, diagnostics, parses, required=True),
        checks=_load_yaml_file(root, CHECKS, diagnostics, parses, required=False),
        glossary=_load_yaml_file(root, GLOSSARY, diagnostics, parses, required=False),
        mkdocs=_load_yaml_file(root, MKDOCS, diagnostics, parses, required=False),
    )
