"""Render stage helper: the sources as files researchers and readers take with them.

BibTeX (pybtex's own writer), RIS (EndNote), CSL-JSON (Zotero), a CSV of the coding table
that Excel opens with æøå intact (UTF-8 with BOM, semicolons), and an Atom feed of what is
new. All output is deterministic: no build time is written anywhere.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from generator.core.apa import IN_PRESS
from generator.core.layout import generated_note
from generator.model.build import Source
from generator.model.records import BibRecord, Name

_RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "techreport": "RPRT",
    "report": "RPRT",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "online": "ELEC",
}
_CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
}
_FEED_NAMESPACE = uuid.UUID("6f1c5a2e-2b53-4f1e-9a52-5a4d3f0c7e11")  # fixed: ids stay the same between builds


@dataclass(frozen=True)
class SourceExports:
    """One source in each export format, made once and shared by every file that lists it."""

    bibtex: str
    ris: str
    csl_json: str  # one line: a file lists one source per line


def source_exports(source: Source) -> SourceExports:
    return SourceExports(
        source.bibtex.strip() + "\n",
        "\r\n".join([*_ris_lines(source), "ER  - ", ""]),
        json.dumps(_csl_item(source), ensure_ascii=False),
    )


_HIGHWIRE_CONTAINERS = {
    "article": "journal_title",
    "incollection": "inbook_title",
    "inproceedings": "conference_title",
}
_HIGHWIRE_INSTITUTIONS = {
    "techreport": "technical_report_institution",
    "phdthesis": "dissertation_institution",
    "mastersthesis": "dissertation_institution",
}


def highwire(source: Source) -> list[tuple[str, str]]:
    """The source as Highwire Press `citation_*` meta tags (name without the prefix, value), which
    Zotero's connector, Google Scholar and other reference managers read from a page."""
    record = source.record
    tags = [("title", record.title)]
    tags += [("author", _ris_name(name)) for name in record.authors or record.editors]
    tags += [
        ("publication_date", record.year if record.year[:4].isdigit() else ""),  # not `i trykk` or `u.å.` as a date
        (_HIGHWIRE_CONTAINERS.get(record.kind, ""), record.container),
        ("volume", record.volume),
        ("issue", record.issue),
        ("firstpage", record.first_page or record.article_number),
        ("lastpage", record.last_page),
        (_HIGHWIRE_INSTITUTIONS.get(record.kind, "publisher"), record.publisher),
        ("isbn", record.isbn),
        ("doi", record.doi),
        ("language", source.language.code if source.language and source.language.code else ""),
    ]
    return [(name, value) for name, value in tags if name and value]


def to_bibtex(items: Sequence[SourceExports]) -> str:
    # A line outside the entries is a comment to every BibTeX reader; RIS, CSV and CSL-JSON have no comments.
    note = f"% {generated_note()}\n\n"
    return note + "\n".join(item.bibtex for item in items)


def _ris_name(name: Name) -> str:
    family, given = name
    return f"{family}, {given}" if given else family


def _ris_lines(source: Source) -> list[str]:
    record = source.record
    edited_book = record.kind == "book" and not record.authors and record.editors
    lines = [f"TY  - {'EDBOOK' if edited_book else _RIS_TYPES.get(record.kind, 'GEN')}", f"ID  - {source.key}"]
    lines += [f"AU  - {_ris_name(name)}" for name in record.authors]
    lines += [f"A2  - {_ris_name(name)}" for name in record.editors]  # A2: editors, as Zotero and EndNote read them
    pairs = (
        ("TI", record.title),
        ("T2", record.container),
        ("PY", record.year if record.year[:4].isdigit() else ""),  # RIS wants YYYY: not `i trykk` or `u.å.`
        ("VL", record.volume),
        ("IS", record.issue),
        ("SP", record.first_page or record.article_number),
        ("EP", record.last_page),
        ("PB", record.publisher),
        ("M1", record.report_type),
        ("T3", record.series),
        ("ET", record.edition),
        ("SN", record.isbn),
        ("DO", record.doi),
        ("UR", record.url),
        ("LA", record.language),
    )
    lines += [f"{tag}  - {value}" for tag, value in pairs if value]
    lines += [f"KW  - {word}" for word in record.keywords]
    # One line per tag: a line break in a value (a \par in a title) would start a tag or a record of its own.
    return [line[:6] + " ".join(line[6:].split()) if len(line.splitlines()) > 1 else line for line in lines]


def to_ris(items: Sequence[SourceExports]) -> str:
    return "\r\n".join(item.ris for item in items)


def _csl_names(names: Sequence[Name]) -> list[dict[str, str]]:
    return [{"family": family, "given": given} if given else {"literal": family} for family, given in names]


def _csl_item(source: Source) -> dict[str, object]:
    record: BibRecord = source.record
    item: dict[str, object] = {"id": source.key, "type": _CSL_TYPES.get(record.kind, "document"), "title": record.title}
    if record.authors:
        item["author"] = _csl_names(record.authors)
    if record.editors:
        item["editor"] = _csl_names(record.editors)
    if record.year.isdigit():
        item["issued"] = {"date-parts": [[int(record.year)]]}
    elif record.year == IN_PRESS:
        item["status"] = "in press"  # CSL's variable for it; citeproc prints it where the year would be
    pages = "-".join(part for part in (record.first_page, record.last_page) if part)
    for name, value in (
        ("container-title", record.container),
        ("volume", record.volume),
        ("issue", record.issue),
        ("page", pages),
        ("number", record.article_number),
        ("publisher", record.publisher),
        ("collection-title", record.series),
        ("edition", record.edition),
        ("ISBN", record.isbn),
        ("DOI", record.doi),
        ("URL", record.url),
        ("language", source.language.code if source.language else ""),
        ("keyword", ", ".join(record.keywords)),
    ):
        if value:
            item[name] = value
    return item


def to_csl_json(items: Sequence[SourceExports]) -> str:
    """A JSON array with one source per line (compact JSON is written in C: 10,000 sources in a blink)."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(f"  {item.csl_json}" for item in items) + "\n]\n"


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "nøkkel",
    "forfattere",
    "år",
    "tittel",
    "temaer",
    "design",
    "land",
    "nivå",
    "sektor",
    "språk",
    "status",
    "lagt_til",
    "doi",
    "url",
)


def to_csv(sources: Sequence[Source], theme_titles: dict[str, str]) -> str:
    """The coding table for Excel: UTF-8 with BOM, semicolon-separated, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for source in sources:
        record = source.record
        writer.writerow(
            _cell(value)
            for value in (
                source.key,
                " & ".join(_ris_name(name) for name in record.authors or record.editors),
                record.year,
                record.title,
                ", ".join(theme_titles[theme] for theme in source.themes),
                source.design.label,
                ", ".join(term.label for term in source.countries),
                ", ".join(term.label for term in source.levels),
                ", ".join(term.label for term in source.sectors),
                source.language.label if source.language else "",
                source.status.label,
                source.added or "",
                record.doi,
                record.url,
            )
        )
    return "\ufeff" + buffer.getvalue()


def _cell(value: str) -> str:
    """A value Excel and LibreOffice show as text: a leading =, +, -, @, tab or CR would make it a
    formula (OWASP, CSV injection), so such a cell starts with an apostrophe, which they hide."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


@dataclass(frozen=True)
class EditionEntry:
    """An edition in the feed: its version, title, link (relative to the feed) and date."""

    version: str
    title: str
    url: str
    date: str


def to_atom(
    sources: Sequence[Source],
    title: str,
    page_url: str,
    source_url: dict[str, str],
    editions: Sequence[EditionEntry] = (),
) -> str:
    """An Atom feed of `sources` (newest first), then of `editions` (newest first). Links are
    relative to the feed's own address."""
    dates = [source.added for source in sources if source.added] + [edition.date for edition in editions]
    updated = max(dates, default="2024-01-01")
    entries = []
    for edition in editions:
        entries.append(
            "  <entry>\n"
            f"    <id>urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, 'utgave ' + edition.version)}</id>\n"
            f"    <title>{escape(edition.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href={quoteattr(edition.url)}/>\n'
            f"    <updated>{edition.date}T00:00:00Z</updated>\n"
            "  </entry>\n"
        )
    for source in sources:
        entry_id = f"urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, source.key)}"
        entries.append(
            "  <entry>\n"
            f"    <id>{entry_id}</id>\n"
            f"    <title>{escape(source.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href={quoteattr(source_url[source.key])}/>\n'
            f"    <updated>{source.added or updated}T00:00:00Z</updated>\n"
            f"    <author><name>{escape(source.reference.narrative_names)}</name></author>\n"
            f"    <summary>{escape(source.summary)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<!-- {generated_note()} -->\n"
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">\n'
        f"  <id>urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, 'feed')}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>\n'
        f"  <updated>{updated}T00:00:00Z</updated>\n"
        f"  <author><name>SAMVERDI</name></author>\n" + "".join(entries) + "</feed>\n"
    )
