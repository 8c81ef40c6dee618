"""Model stage helper: a pybtex entry -> `BibRecord`, plain Unicode fields for the exports.

RIS, CSL-JSON and CSV want decoded text and split names; BibTeX is exported from the
entry itself. Names are split by pybtex's `Person`, never by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.database import Entry, Person

from generator.core import apa
from generator.core.latex import latex_to_plain

Name = tuple[str, str]  # (family, given); given is empty for an organisation


@dataclass(frozen=True)
class BibRecord:
    kind: str
    authors: tuple[Name, ...]
    editors: tuple[Name, ...]
    title: str
    container: str  # journal or book title
    year: str
    volume: str
    issue: str
    first_page: str
    last_page: str
    article_number: str
    publisher: str
    report_type: str
    series: str
    edition: str
    isbn: str
    doi: str
    url: str
    language: str
    keywords: tuple[str, ...]


def _name(person: Person) -> Name:
    family = " ".join(latex_to_plain(part) for part in person.prelast_names + person.last_names)
    given = " ".join(latex_to_plain(part) for part in person.first_names + person.middle_names)
    return family, given


def _field(entry: Entry, *names: str) -> str:
    for name in names:
        value = entry.fields.get(name, "").strip()
        if value:
            return latex_to_plain(value)
    return ""


def keywords(entry: Entry) -> tuple[str, ...]:
    """The entry's keywords, split on `;` or `,` as Zotero and by-hand files write them."""
    raw = latex_to_plain(entry.fields.get("keywords", ""))
    return tuple(word.strip() for word in re.split(r"[;,]", raw) if word.strip())


def record_from_entry(entry: Entry) -> BibRecord:
    pages = re.split(r"\s*[-‐‑–—]+\s*", _field(entry, "pages"), maxsplit=1)
    doi = apa.doi_url(entry)
    return BibRecord(
        kind=entry.type.lower(),
        authors=tuple(_name(person) for person in entry.persons.get("author", [])),
        editors=tuple(_name(person) for person in entry.persons.get("editor", [])),
        title=_field(entry, "title"),
        container=_field(entry, "journal", "booktitle"),
        year=_field(entry, "year"),
        volume=_field(entry, "volume"),
        issue=_field(entry, "number") if entry.type.lower() == "article" else "",
        first_page=pages[0],
        last_page=pages[1] if len(pages) > 1 else "",
        article_number=_field(entry, "eid"),
        publisher=_field(entry, "publisher", "institution", "school", "organization"),
        report_type=" ".join(part for part in (_field(entry, "type"), _field(entry, "number")) if part)
        if entry.type.lower() in ("techreport", "report")
        else "",
        series=" ".join(part for part in (_field(entry, "series"), _field(entry, "number")) if part)
        if entry.fields.get("series")
        else "",
        edition=_field(entry, "edition"),
        isbn=_field(entry, "isbn"),
        doi=doi.removeprefix("https://doi.org/") if doi else "",
        url=apa.web_url(entry) or "",
        language=_field(entry, "language"),
        keywords=keywords(entry),
    )
