"""Citing the summary itself: `CITATION.cff` and `.zenodo.json` at the project root, and the APA reference on Om.

Takes the model's `SummaryInfo` (what `literature/summary.yaml` says); gives the two files' text, which the
`build` command writes (generator/write/citation_files.py) and the `check` command compares, and the
reference as HTML for the about page.
Every value goes through a real emitter (PyYAML, json) or `apa.format_reference`, which escapes it:
summary.yaml comes from pull requests and is untrusted text.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import yaml
from pybtex.database import Entry, Person

from generator.core.apa import NO_YEAR, format_reference
from generator.core.diagnostics import Diagnostics
from generator.model.build import Editor, SummaryInfo

CFF_FILE = "CITATION.cff"
ZENODO_FILE = ".zenodo.json"
# Until `redaksjon` names editors, the project is the author: CFF and Zenodo require at least one.
GROUP_AUTHOR = "SAMVERDI (Trondheim kommune)"
APA_GROUP_AUTHOR = "SAMVERDI"  # APA: the group as author, the owner as publisher
PUBLISHER = "Trondheim kommune"  # owns SAMVERDI (docs/om.md)
LANGUAGE = "nor"  # ISO 639-2, as Zenodo asks for
_HEADER = "# Generert fra literature/summary.yaml av python -m generator build. Ikke rediger: endre summary.yaml.\n"
_MAX_COMPARED = 1 << 20  # a bigger file is not ours: reported as differing, never read


def _person(editor: Editor) -> Person:
    return Person(editor.name)


def _cff_person(editor: Editor) -> dict[str, str]:
    """CFF's parts of a name, split by pybtex as everywhere else (`Vabo, Signy Irene` or `Signy Irene Vabo`)."""
    person = _person(editor)
    parts = {
        "family-names": " ".join(person.last_names),
        "given-names": " ".join(person.first_names + person.middle_names),
        "name-particle": " ".join(person.prelast_names),
        "name-suffix": " ".join(person.lineage_names),
        "affiliation": editor.institution,
    }
    return {key: value for key, value in parts.items() if value}


def cff_text(info: SummaryInfo) -> str:
    """CITATION.cff (format 1.2.0): the repository is cited as the report it publishes."""
    authors: list[dict[str, str]] = [_cff_person(editor) for editor in info.editors] or [{"name": GROUP_AUTHOR}]
    optional = {"date-released": info.date, "doi": info.doi, "url": info.url}
    kept = {key: value for key, value in optional.items() if value}
    citation: dict[str, object] = {
        "type": "report",
        "title": info.title,
        "authors": [dict(author) for author in authors],  # copies: PyYAML would write the same list as an alias
        "version": info.version,
        "publisher": {"name": PUBLISHER},
        "languages": [LANGUAGE],
        **kept,
    }
    if info.date:
        citation["year"] = int(info.date[:4])
    data: dict[str, object] = {
        "cff-version": "1.2.0",
        "message": "Siter kunnskapsoppsummeringen slik preferred-citation viser, med versjonen du har lest.",
        "title": info.title,
        "authors": authors,
        "version": info.version,
        **kept,
        "preferred-citation": citation,
    }
    return _HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def zenodo_text(info: SummaryInfo) -> str:
    """`.zenodo.json`, the metadata Zenodo's GitHub integration reads when a release is archived.

    No licence: the project states none for the summary's text (pyproject.toml's MIT is the
    generator's). No DOI: Zenodo gives each release its own."""
    creators = [
        {key: value for key, value in (("name", _zenodo_name(editor)), ("affiliation", editor.institution)) if value}
        for editor in info.editors
    ] or [{"name": GROUP_AUTHOR}]
    data: dict[str, object] = {
        "title": info.title,
        "upload_type": "publication",
        "publication_type": "report",
        # Zenodo reads the description as HTML: the project's name is escaped.
        "description": f"<p>Kunnskapsoppsummering fra {html.escape(info.project)}.</p>",
        "creators": creators,
        "version": info.version,
        "language": LANGUAGE,
    }
    if info.date:
        data["publication_date"] = info.date
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _zenodo_name(editor: Editor) -> str:
    """Zenodo's `Family, Given`."""
    person = _person(editor)
    family = " ".join(person.prelast_names + person.last_names + person.lineage_names)
    given = " ".join(person.first_names + person.middle_names)
    return f"{family}, {given}" if given else family


def citation_files(info: SummaryInfo) -> dict[str, str]:
    """The files at the project root, by name, as `summary.yaml` gives them."""
    return {CFF_FILE: cff_text(info), ZENODO_FILE: zenodo_text(info)}


def reference_html(info: SummaryInfo, fallback_year: str | None) -> str:
    """`SAMVERDI. (2026). *Tittel* (Versjon 1.0). Trondheim kommune. https://…` in Norwegian APA 7, as HTML,
    made by the same formatter as the sources' references: editors as `(Red.)`, the DOI before the address.
    The year is `dato`'s, else `fallback_year` (the newest source's, as Om's date), else `u.å.`."""
    persons = {"editor": [_person(editor) for editor in info.editors]} if info.editors else {}
    fields = {
        "title": f"{{{info.title}}}",  # braced: the researchers' capitals stand as written
        "type": "Versjon",
        "number": info.version,
        "institution": PUBLISHER,
        **({"doi": info.doi} if info.doi else {}),
        **({"url": info.url} if info.url else {}),
    }
    if not info.editors:
        persons = {"author": [Person(f"{{{APA_GROUP_AUTHOR}}}")]}
    entry = Entry("techreport", fields=fields, persons=persons)
    year = info.date[:4] if info.date else fallback_year or NO_YEAR
    return format_reference(entry, year)


def check_in_step(root: Path, info: SummaryInfo, diagnostics: Diagnostics) -> None:
    """Report each citation file that differs from what summary.yaml gives, at its first differing line.

    A tree with neither file (a test fixture, a new project) has nothing to keep in step;
    `build` writes both."""
    expected = citation_files(info)
    present = {name for name in expected if os.path.lexists(root / name)}
    if not present:
        return
    fix = "kjør python -m generator build (eller make site), som skriver den på nytt, og ta den med i endringen"
    for name, text in expected.items():
        if name not in present:
            other = next(iter(present))
            diagnostics.add(name, 1, 1, "citation-stale", f"{name} mangler, men {other} finnes; {fix}")
            continue
        line = first_difference(root / name, text)
        if line:
            message = f"{name} følger ikke literature/summary.yaml fra linje {line}; {fix}"
            diagnostics.add(name, line, 1, "citation-stale", message)


def first_difference(path: Path, expected: str) -> int:
    """The first line (from 1) where the file differs from `expected`, or 0 when it is the same."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_COMPARED:
            return 1
        actual = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    if actual == expected:
        return 0
    actual_lines, expected_lines = actual.splitlines(keepends=True), expected.splitlines(keepends=True)
    for number, (got, wanted) in enumerate(zip(actual_lines, expected_lines, strict=False), start=1):
        if got != wanted:
            return number
    return min(len(actual_lines), len(expected_lines)) + 1
