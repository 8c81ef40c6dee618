"""Load stage: the `literature/` tree -> `RawEvidence` (parsed files with positions).

Reads every file once. Problems that stop a file from being read (not UTF-8, YAML or
BibTeX syntax) are reported here; whether the content makes sense is `validate`'s job.

Over 350 lines, by a few: every kind of file under literature/ is read behind the same size caps,
link refusal and character gate (`read_text`, `regular_files`), and the parses kept between builds
(`_Parses`) cover them all.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from generator.core.characters import ONE_LINE, PASTED, RAW_FILE, first_refused, normal, shown
from generator.core.diagnostics import Diagnostic, Diagnostics, os_reason
from generator.core.layout import (
    CHECKS,
    EDITIONS,
    GLOSSARY,
    IMPORTED_KEYS,
    LITERATURE,
    MKDOCS,
    SOURCES,
    SUMMARY,
    THEMES,
    VOCABULARY,
)
from generator.load.bibliography import BibEntry, entry_lines, parse_bibtex
from generator.load.normalise import NormalisedEntries, normalise
from generator.load.yamlsafe import YamlDocument, load_yaml


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
class Unreadable:
    """What exists but could not be read (its errors are reported): no other message may be about its absence."""

    entries: frozenset[str] = frozenset()  # keys written in a .bib file whose entry did not parse
    bib_files: frozenset[str] = frozenset()  # .bib files with a syntax error: their entries may be cut short
    sources: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RawEvidence:
    """Everything read from the evidence base, before any cross-checking."""

    bibliography: NormalisedEntries  # every .bib file's entries, read as the formatter reads them
    sources: tuple[SourceFile, ...]
    themes: tuple[ThemeFile, ...]
    vocabulary: YamlDocument | None
    summary: YamlDocument | None
    checks: YamlDocument | None
    glossary: YamlDocument | None
    mkdocs: YamlDocument | None
    unreadable: Unreadable = Unreadable()
    imported_keys: YamlDocument | None = None  # read so that the check reports a key the import map holds twice

    @property
    def bib_entries(self) -> tuple[BibEntry, ...]:
        return self.bibliography.entries


Parsed = TypeVar("Parsed")

# Size caps (SECURITY.md): far above any real file, low enough that no file can exhaust the build.
MAX_BIB_BYTES = 32 * 1024 * 1024  # about 60,000 entries
MAX_YAML_BYTES = 256 * 1024
MAX_THEME_BYTES = 512 * 1024
MAX_KEY_MAP_BYTES = 4 * 1024 * 1024  # the import's key map: about 60 bytes a work, 60,000 works
MAX_EDITION_BYTES = 4 * 1024 * 1024  # a snapshot (generator/model/editions.py) of 10,000 sources is about 3 MiB
MAX_THEME_TEXT = 100_000  # characters in a theme's synthesis; the longest today has about 4,000


class _Parses:
    """What each file parsed to, with the problems found, by path and text; and the entries normalised."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, object, tuple[Diagnostic, ...]]] = {}
        self._normalised: tuple[list[BibEntry], NormalisedEntries] | None = None

    def parse(
        self, relative: str, text: str, parse: Callable[[str, str, Diagnostics], Parsed], diagnostics: Diagnostics
    ) -> Parsed:
        kept = self._kept.get(relative)
        if kept is None or kept[0] != text:
            found = Diagnostics()
            kept = self._kept[relative] = (text, parse(text, relative, found), tuple(found))
        diagnostics.restore(kept[2])
        return cast(Parsed, kept[1])

    def normalised(self, entries: list[BibEntry]) -> NormalisedEntries:
        """`normalise(entries)`, the same object again while the entries are the very same parses:
        the model then finds each entry unchanged (generator/model/build.py, `_Kept`)."""
        last = self._normalised
        if (
            last is None
            or len(last[0]) != len(entries)
            or any(a is not b for a, b in zip(last[0], entries, strict=True))
        ):
            last = self._normalised = (entries, normalise(entries))
        return last[1]


# Kept for the life of the process when a build asks for it: `mkdocs serve` rebuilds after every
# save, and parsing the files that did not change was a third of a rebuild. Later stages only read
# what is parsed, so sharing it between builds is safe. Other builds parse afresh and keep nothing
# (at 10,000 sources, keeping it would hold 60 MiB more through the build).
_kept_between_builds = _Parses()


def kept_anything() -> bool:
    """Whether a build in this process has kept its parses."""
    return bool(_kept_between_builds._kept)


def read_text(root: Path, relative: str, diagnostics: Diagnostics) -> str | None:
    """The file's text, or None with a located error: it must be a regular UTF-8 file within its size cap,
    with no character the gate refuses (generator/core/characters.py), and it is returned in NFC. A symbolic link is never followed (O_NOFOLLOW), even if it appears
    after the folder was listed."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below as no regular file.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(root / relative, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            _refuse_link(relative, diagnostics)
        else:
            diagnostics.add(relative, 1, 1, "unreadable-file", f"kunne ikke lese filen: {os_reason(error)}")
        return None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # a folder, a pipe, a device: before reading anything
        os.close(descriptor)
        _refuse_link(relative, diagnostics)
        return None
    with os.fdopen(descriptor, "rb") as file:
        cap = _size_cap(relative)
        data = file.read(cap + 1)
    if len(data) > cap:
        diagnostics.add(
            relative,
            1,
            1,
            "file-too-large",
            f"filen er større enn {cap // 1024} KiB, grensen for denne typen fil; del den opp eller fjern det som ikke hører hjemme her",
        )
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
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
    refused = first_refused(text, RAW_FILE)
    if refused is not None:
        line = text.count("\n", 0, refused.offset) + 1
        column = refused.offset - text.rfind("\n", 0, refused.offset)
        diagnostics.add(relative, line, column, refused.code, refused.message("filen", PASTED))
        return None
    return normal(text)


def _refuse_link(relative: str, diagnostics: Diagnostics) -> None:
    diagnostics.add(
        relative,
        1,
        1,
        "not-regular-file",
        "dette er en symbolsk lenke eller en annen spesialfil; bare vanlige filer leses (kopier innholdet inn i en vanlig fil)",
    )


def _size_cap(relative: str) -> int:
    return (
        MAX_EDITION_BYTES
        if relative.startswith(EDITIONS)
        else MAX_KEY_MAP_BYTES
        if relative == IMPORTED_KEYS
        else MAX_BIB_BYTES
        if relative.endswith(".bib")
        else MAX_THEME_BYTES
        if relative.startswith(THEMES)
        else MAX_YAML_BYTES
    )


def regular_files(root: Path, folder: str, suffix: str, diagnostics: Diagnostics) -> list[str]:
    """The regular files in `folder` whose names end in `suffix`; links and other special files are refused."""
    directory = root / folder
    if directory.is_symlink():
        _refuse_link(folder, diagnostics)
        return []
    if not directory.is_dir():
        return []
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            refused = first_refused(entry.name, ONE_LINE)
            if refused is not None:  # a name becomes a path, a URL and part of every message about the file
                diagnostics.add(
                    f"{folder}/{shown(entry.name)}",
                    1,
                    1,
                    refused.code,
                    refused.message("filnavnet", "gi filen et nytt navn uten tegnet"),
                )
                continue
            if not entry.name.endswith(suffix):
                continue
            relative = f"{folder}/{entry.name}"
            if entry.is_file(follow_symlinks=False):
                found.append(relative)
            elif not entry.is_dir(follow_symlinks=False) or entry.is_symlink():
                _refuse_link(relative, diagnostics)
    return sorted(found)


def _load_yaml_file(
    root: Path, relative: str, diagnostics: Diagnostics, parses: _Parses, *, required: bool, env_tags: bool = False
) -> YamlDocument | None:
    if not (root / relative).is_file() and not (root / relative).is_symlink():
        if required:
            diagnostics.add(relative, 1, 1, "missing-file", "filen mangler; den må finnes for at nettstedet kan bygges")
        return None
    text = read_text(root, relative, diagnostics)
    if text is None:
        return None
    parse = functools.partial(load_yaml, env_tags=True) if env_tags else load_yaml
    return parses.parse(relative, text, parse, diagnostics)


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
    text = read_text(root, relative, diagnostics)
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
    if len(body) > MAX_THEME_TEXT:
        diagnostics.add(
            relative,
            body_line,
            1,
            "too-long",
            f"sammenstillingen har {len(body)} tegn; grensen er {MAX_THEME_TEXT} (del temaet opp)",
        )
        return None
    document = load_yaml(front, relative, diagnostics, line_offset=1)
    if document is None:
        return None
    return ThemeFile(Path(relative).stem, relative, document, body, body_line)


def load_evidence(root: Path, diagnostics: Diagnostics, *, keep_parses: bool = False) -> RawEvidence:
    """Read the evidence base under `root`; report unreadable or unparseable files.

    With `keep_parses`, files parsed by an earlier such call in this process and unchanged since are not parsed again."""
    parses = _kept_between_builds if keep_parses else _Parses()
    if (root / LITERATURE).is_symlink():
        _refuse_link(LITERATURE, diagnostics)
    elif not (root / LITERATURE).is_dir():
        diagnostics.add(
            LITERATURE,
            1,
            1,
            "missing-file",
            f"fant ikke mappen {LITERATURE}/ under {root}; bruk --root for å peke på prosjektet",
        )
    bib_entries: list[BibEntry] = []
    unparsed_entries: set[str] = set()
    broken_files: set[str] = set()
    for relative in regular_files(root, LITERATURE, ".bib", diagnostics):
        errors_before = diagnostics.error_count
        text = read_text(root, relative, diagnostics)
        if text is not None:
            parsed = parses.parse(relative, text, parse_bibtex, diagnostics)
            bib_entries += parsed
            if diagnostics.error_count > errors_before:  # the keys of entries a syntax error swallowed
                unparsed_entries |= {key for key, _ in entry_lines(text)} - {item.key for item in parsed}
                broken_files.add(relative)

    sources = []
    unparsed_sources: set[str] = set()
    for relative in regular_files(root, SOURCES, ".yaml", diagnostics) + regular_files(
        root, SOURCES, ".yml", diagnostics
    ):
        document = _load_yaml_file(root, relative, diagnostics, parses, required=True)
        if document is not None:
            sources.append(SourceFile(Path(relative).stem, relative, document))
        else:
            unparsed_sources.add(Path(relative).stem)

    themes = []
    unparsed_themes: set[str] = set()
    for relative in regular_files(root, THEMES, ".md", diagnostics):
        theme = _load_theme(root, relative, diagnostics, parses)
        if theme is not None:
            themes.append(theme)
        else:
            unparsed_themes.add(Path(relative).stem)
    return RawEvidence(
        bibliography=parses.normalised(bib_entries),
        sources=tuple(sources),
        themes=tuple(themes),
        vocabulary=_load_yaml_file(root, VOCABULARY, diagnostics, parses, required=True),
        summary=_load_yaml_file(root, SUMMARY, diagnostics, parses, required=True),
        checks=_load_yaml_file(root, CHECKS, diagnostics, parses, required=False),
        glossary=_load_yaml_file(root, GLOSSARY, diagnostics, parses, required=False),
        mkdocs=_load_yaml_file(root, MKDOCS, diagnostics, parses, required=False, env_tags=True),
        imported_keys=_load_yaml_file(root, IMPORTED_KEYS, diagnostics, parses, required=False),
        unreadable=Unreadable(
            frozenset(unparsed_entries),
            frozenset(broken_files),
            frozenset(unparsed_sources),
            frozenset(unparsed_themes),
        ),
    )
