"""`python -m generator import FILE.bib`: a reference manager's export -> new sources in the evidence base.

The whole "add sources" step in one command. The export is read as the check reads it
(`normalise`: biblatex names, crossref, only public fields); each work that is not in the
evidence base already (same DOI, or the same title and year) is appended to a .bib file in
`literature/` under a key in the project's pattern, with a source file to fill in. The old
keys are kept in `literature/importerte-nokler.yaml`, so that a manuscript's citations can be
found again. Nothing is written when the export does not parse.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import Entry

from generator import apa
from generator.bibliography import BibEntry, parse_bibtex
from generator.collation import collation_key
from generator.diagnostics import Diagnostics
from generator.identifiers import MAX_LENGTH, suggestion
from generator.latex import latex_to_plain
from generator.layout import DEFAULT_BIB, LITERATURE
from generator.load import load_evidence, read_text
from generator.model import entry_bibtex
from generator.new_source import new_source
from generator.normalise import normalise

KEY_MAP = f"{LITERATURE}/importerte-nokler.yaml"
# Small words a key never takes from the title (English and Norwegian).
_SKIPPED_TITLE_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "by",
        "to",
        "for",
        "from",
        "with",
        "is",
        "are",
        "en",
        "ei",
        "et",
        "den",
        "det",
        "de",
        "og",
        "eller",
        "i",
        "om",
        "til",
        "av",
        "med",
        "som",
    ]
)
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\(([^()]{2,12})\)\s*$")  # "Direktoratet for … (DFØ)" -> dfo


@dataclass
class ImportReport:
    """What an import did, for the researcher."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (new key, old key)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (old key, why)
    dropped_fields: set[str] = field(default_factory=set)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)  # problems that stopped the import
    written: list[str] = field(default_factory=list)


def bare_doi(entry: Entry) -> str:
    return _DOI_PREFIX.sub("", entry.fields.get("doi", "").strip()).rstrip(".,;: ").lower()


def title_and_year(entry: Entry) -> tuple[str, str]:
    return collation_key(latex_to_plain(entry.fields.get("title", ""))), entry.fields.get("year", "").strip()


def project_key(entry: Entry, taken: set[str]) -> str:
    """`osborne2006new`: the first author's surname, the year and the title's first word, as the
    evidence base's keys are made; a letter is added where the key is taken already."""
    persons, _ = apa.responsible_persons(entry)
    name = ""
    if persons:
        name = latex_to_plain(" ".join(persons[0].prelast_names + persons[0].last_names))
        abbreviation = _ABBREVIATION.search(name)
        name = abbreviation.group(1) if abbreviation else name
    words = [suggestion(word).replace("-", "") for word in latex_to_plain(entry.fields.get("title", "")).split()]
    word = next((word for word in words if word and word not in _SKIPPED_TITLE_WORDS), "")
    year = entry.fields.get("year", "")[:4]
    year = year if year.isdigit() else ""
    stem = (suggestion(name).replace("-", "") + year + word)[: MAX_LENGTH - 2] or "kilde"
    key, letter = stem, "a"
    while key in taken:
        key, letter = stem + letter, chr(ord(letter) + 1)
    return key


def import_bibtex(
    root: Path, export: Path, target: str = DEFAULT_BIB, today: datetime.date | None = None
) -> ImportReport:
    """Add the export's new works to `target` (a .bib file in literature/) and write their source files."""
    report = ImportReport()
    if not re.fullmatch(rf"{LITERATURE}/[a-z0-9]+(-[a-z0-9]+)*\.bib", target):
        report.diagnostics.add(
            target, 1, 1, "missing-file", f"målfilen må være en .bib-fil rett i {LITERATURE}/, som {DEFAULT_BIB}"
        )
        return report
    shown = export.as_posix()
    text = read_text(Path.cwd(), shown, report.diagnostics)
    if text is None:
        return report
    parsed = parse_bibtex(text, shown, report.diagnostics)
    if report.diagnostics.has_errors:
        return report  # the export must parse in full: nothing half-imported
    exported = normalise(parsed)
    for item, link, parent in exported.unresolved:
        report.skipped.append((item.key, f"{link} = {{{parent}}} finnes ikke i eksporten; eksporter boka også"))
    report.dropped_fields = _dropped_fields(parsed, exported.entries)

    base = load_evidence(root, Diagnostics()).bib_entries
    taken = {item.key.lower() for item in base}
    by_doi = {bare_doi(item.entry): item.key for item in base}
    by_title = {title_and_year(item.entry): item.key for item in base}
    by_doi.pop("", None)  # no DOI, or no title: nothing to compare
    by_title = {found: key for found, key in by_title.items() if found[0]}
    additions: list[str] = []
    for item in exported.entries:
        if item.key in exported.parents:
            report.skipped.append((item.key, "er bare en foreldreoppføring (crossref); feltene er tatt inn i kapitlet"))
            continue
        existing = by_doi.get(bare_doi(item.entry)) or by_title.get(title_and_year(item.entry))
        if existing:
            report.skipped.append((item.key, f"finnes alt som {existing}"))
            continue
        key = project_key(item.entry, taken)
        taken.add(key)
        if bare_doi(item.entry):
            by_doi[bare_doi(item.entry)] = key  # the same work twice in one export
        if title_and_year(item.entry)[0]:
            by_title[title_and_year(item.entry)] = key
        additions.append(entry_bibtex(key, _with_clean_doi(item.entry)))
        report.added.append((key, item.key))
    if not additions:
        return report
    _append(root / target, "\n" + "\n".join(additions))
    _append(root / KEY_MAP, "".join(f"{json.dumps(old)}: {new}\n" for new, old in report.added), _KEY_MAP_HEADER)
    report.written += [target, KEY_MAP]
    for key, _ in report.added:
        written, _ = new_source(root, key, today or datetime.date.today())
        if written is not None:
            report.written.append(written.relative_to(root).as_posix())
    return report


_KEY_MAP_HEADER = "# Nøklene fra referanseverktøyet (venstre) og nøklene i kunnskapsgrunnlaget (høyre).\n"


def _with_clean_doi(entry: Entry) -> Entry:
    """The DOI as 10.1234/abc: without the resolver in front and the full stop a citation adds after it."""
    if "doi" in entry.fields:
        entry.fields["doi"] = _DOI_PREFIX.sub("", entry.fields["doi"].strip()).rstrip(".,;: ")
    return entry


def _dropped_fields(parsed: Iterable[BibEntry], normalised: Iterable[BibEntry]) -> set[str]:
    kept = {name.lower() for item in normalised for name in item.entry.fields}
    mapped = {"journaltitle", "location", "langid", "date", "crossref", "xdata", "subtitle", "howpublished"}
    mapped |= {"institution"}  # becomes `school` for a thesis
    return {name.lower() for item in parsed for name in item.entry.fields} - kept - mapped


def _append(path: Path, text: str, header: str = "") -> None:
    """Add `text` to the end of `path` in one step: the file is written beside it and swapped in."""
    old = path.read_text("utf-8") if path.exists() else header
    if old and not old.endswith("\n"):
        old += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=path.suffix)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(old + text)
    os.replace(temporary, path)
