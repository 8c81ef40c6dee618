"""An export in RIS or CSL-JSON -> BibTeX text, so that every format takes the importer's one path.

The format is told by content, never by file name. RIS (read with rispy) and CSL-JSON records
become BibTeX entries as the importer writes them; only public fields are taken (abstracts,
notes, files and keywords are private). Each value passes the character gate, and is written so
that it reads back as written: LaTeX's special characters are escaped, and a value whose braces
do not pair is refused with a located error (an unpaired brace would end the BibTeX value).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Literal

import rispy
from pybtex.database import Entry, InvalidNameString, Person

from generator.core.characters import ONE_LINE, PASTED, first_refused
from generator.core.diagnostics import Diagnostics
from generator.core.latex import latex_escaped
from generator.model.build import entry_bibtex

Format = Literal["bibtex", "ris", "csl-json"]

_RIS_START = re.compile(r"\ATY  - ")
_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_SAFE_KEY = re.compile(r"[A-Za-z0-9_:./+-]{1,64}")
_GLUED_INITIALS = re.compile(r"\.(?=[^\W\d_])")
_BARE_INITIALS = re.compile(r"[A-ZÆØÅ]{1,3}")
_PAGE_RANGE = re.compile(r"(\w)\s*[-–—]+\s*(\w)")
# LaTeX's special characters in plain text; braces are kept where they pair (see _value).

RIS_TYPES = {
    "JOUR": "article",
    "BOOK": "book",
    "CHAP": "incollection",
    "RPRT": "techreport",
    "THES": "phdthesis",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "ELEC": "online",
    "WEB": "online",
}
CSL_TYPES = {
    "article-journal": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "thesis": "phdthesis",
    "paper-conference": "inproceedings",
    "webpage": "online",
}
# Where a publisher goes for each type (a thesis names its school, a report its institution).
_PUBLISHER_FIELD = {"phdthesis": "school", "techreport": "institution"}
# Where the container's title goes: a chapter's or paper's book, else the journal.
_CONTAINER_FIELD = {"incollection": "booktitle", "inproceedings": "booktitle"}
_RIS_TAGS = ["TY", "ID", "TI", "T1", "AU", "A1", "A2", "ED", "PY", "Y1", "DA", "JO", "JF", "T2", "VL", "IS"]
_RIS_TAGS += ["SP", "EP", "PB", "SN", "DO", "UR"]
_RIS_LISTS = ["AU", "A1", "A2", "ED", "UR"]


def detect(text: str) -> Format | None:
    """The export's format by its content; None when it is none of them."""
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")) and _csl_records(stripped) is not None:
        return "csl-json"
    if _RIS_START.match(stripped):
        return "ris"
    if _BIBTEX_ENTRY.search(text):
        return "bibtex"
    return None


def unknown_format_message() -> str:
    return (
        "filen er verken BibTeX/BibLaTeX (@article{…), RIS (TY  - …) eller CSL-JSON; "
        "eksporter kildene i ett av disse formatene fra referanseverktøyet"
    )


def to_bibtex(text: str, kind: Format, path: str, diagnostics: Diagnostics) -> str:
    """The export as BibTeX text; "" with located errors when a value may not be taken."""
    if kind == "bibtex":
        return text
    records = _ris_records(text, path, diagnostics) if kind == "ris" else _csl_entries(text, path, diagnostics)
    if diagnostics.has_errors:
        return ""
    taken: set[str] = set()
    written = []
    for number, (wanted, entry) in enumerate(records, 1):
        key = wanted if wanted and _SAFE_KEY.fullmatch(wanted) and wanted.lower() not in taken else f"post{number}"
        taken.add(key.lower())
        written.append(entry_bibtex(key, entry))
    return "\n".join(written)


class _Fields:
    """One record's BibTeX entry in the making: each value gated and escaped, with where it came from."""

    def __init__(self, entry_type: str, path: str, line: int, diagnostics: Diagnostics) -> None:
        self.entry = Entry(entry_type)
        self.path, self.line, self.diagnostics = path, line, diagnostics

    def field(self, name: str, value: object, source: str) -> None:
        text = self._value(value, source)
        if text and name not in self.entry.fields:
            self.entry.fields[name] = text

    def person(self, role: str, name: object, source: str) -> None:
        text = self._value(name, source)
        family, comma, given = text.partition(",")
        if comma and _BARE_INITIALS.fullmatch(given.strip()):  # Web of Science: `Osborne, SP`
            text = family + comma + " " + " ".join(f"{initial}." for initial in given.strip())
        elif comma:  # Scopus writes `Osborne, S.P.`: initials glued together read as one given name
            text = family + comma + _GLUED_INITIALS.sub(". ", given)
        if not text:
            return
        try:
            person = Person(text)
        except InvalidNameString:  # `Hansen, Kari, Berg, Ola`: two people in one name
            self.diagnostics.add(
                self.path,
                self.line,
                1,
                "bib-name",
                f"navnet '{text[:80]}' i {source} har for mange komma; skriv hver person for seg "
                "(i RIS én linje per person: AU  - Hansen, Kari og AU  - Berg, Ola), og eksporter på nytt",
            )
            return
        self.entry.add_person(person, role)

    def _value(self, value: object, source: str) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return ""
        text = " ".join(str(value).split())  # a value is one line: a line break in it is a space
        refused = first_refused(text, ONE_LINE)
        if refused is not None:
            self.diagnostics.add(self.path, self.line, 1, refused.code, refused.message(f"verdien i {source}", PASTED))
            return ""
        depth = 0
        for character in text:
            depth += {"{": 1, "}": -1}.get(character, 0)
            if depth < 0:
                break
        if depth:
            self.diagnostics.add(
                self.path,
                self.line,
                1,
                "bib-syntax",
                f"verdien i {source} har en klammeparentes {{ eller }} uten make; slett den, eller skriv den andre",
            )
            return ""
        return latex_escaped(text)


def _ris_records(text: str, path: str, diagnostics: Diagnostics) -> list[tuple[str, Entry]]:
    lines = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith("TY  - ")]
    try:
        parsed = rispy.loads(
            text,
            mapping={tag: tag for tag in _RIS_TAGS},
            list_tags=_RIS_LISTS,
            skip_unknown_tags=True,
        )
    except Exception as error:  # noqa: BLE001 - rispy raises plain exceptions on a malformed file
        diagnostics.add(path, 1, 1, "bib-syntax", f"RIS-filen kunne ikke leses: {error}")
        return []
    records = []
    for record, line in zip(parsed, lines + [1] * len(parsed), strict=False):
        ris_type = str(record.get("TY", "")).strip()
        entry_type = RIS_TYPES.get(ris_type, "misc")
        fields = _Fields(entry_type, path, line, diagnostics)
        first = functools.partial(_first, record)
        fields.field("title", first("TI", "T1"), "TI (tittel)")
        for name in _as_list(first("AU", "A1")):
            fields.person("author", name, "AU (forfatter)")
        for name in _as_list(first("A2", "ED")) if entry_type != "article" else []:
            fields.person("editor", name, "A2/ED (redaktør)")
        fields.field("year", _year(str(first("PY", "Y1", "DA"))), "PY (år)")
        container = _CONTAINER_FIELD.get(entry_type, "journal")
        fields.field(container, first("T2") if container == "booktitle" else first("JO", "JF", "T2"), "JO/T2")
        fields.field("volume", first("VL"), "VL (volum)")
        fields.field("number", first("IS"), "IS (nummer)")
        pages = "--".join(str(part) for part in (first("SP"), first("EP")) if part)
        fields.field("pages", _PAGE_RANGE.sub(r"\1--\2", pages), "SP/EP (sider)")
        fields.field(_PUBLISHER_FIELD.get(entry_type, "publisher"), first("PB"), "PB (utgiver)")
        serial = str(first("SN"))
        fields.field("issn" if entry_type == "article" else "isbn", serial.split(maxsplit=1)[0] if serial else "", "SN")
        fields.field("doi", first("DO"), "DO (DOI)")
        fields.field("url", next(iter(_as_list(first("UR"))), ""), "UR (adresse)")
        records.append((str(record.get("ID", "")).strip(), fields.entry))
    return records


def _first(record: dict[str, object], *tags: str) -> object:
    """The first of the tags that the RIS record has (TI or T1, AU or A1, …)."""
    return next((record[tag] for tag in tags if record.get(tag)), "")


def _csl_records(text: str) -> list[dict[str, object]] | None:
    """The CSL-JSON records, or None when the text is not CSL-JSON."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    records = data if isinstance(data, list) else [data]
    if not records or not all(isinstance(record, dict) for record in records):
        return None
    if not all("type" in record and ({"title", "author", "issued"} & record.keys()) for record in records):
        return None
    return records


def _csl_entries(text: str, path: str, diagnostics: Diagnostics) -> list[tuple[str, Entry]]:
    records = []
    for number, record in enumerate(_csl_records(text) or [], 1):
        entry_type = CSL_TYPES.get(str(record.get("type", "")), "misc")
        fields = _Fields(entry_type, path, 1, diagnostics)
        where: Callable[[str], str] = lambda name: f"post {number}, feltet {name}"  # noqa: E731, B023
        fields.field("title", _text(record.get("title")), where("title"))
        for role in ("author", "editor"):
            for person in _as_list(record.get(role)):
                if isinstance(person, dict):
                    family, given = person.get("family"), person.get("given")
                    literal = person.get("literal")
                    name = f"{family}, {given}" if family and given else family or (f"{{{literal}}}" if literal else "")
                    fields.person(role, str(name), where(role))
        fields.field("year", _year(_issued(record.get("issued"))), where("issued"))
        container = _CONTAINER_FIELD.get(entry_type, "journal")
        fields.field(container, _text(record.get("container-title")), where("container-title"))
        fields.field("volume", record.get("volume"), where("volume"))
        fields.field("number", record.get("issue"), where("issue"))
        fields.field("pages", _PAGE_RANGE.sub(r"\1--\2", _text(record.get("page"))), where("page"))
        if entry_type != "article":  # Crossref names a journal's publisher, which APA never prints
            fields.field(_PUBLISHER_FIELD.get(entry_type, "publisher"), record.get("publisher"), where("publisher"))
        fields.field("isbn", _text(record.get("ISBN")), where("ISBN"))
        fields.field("issn", _text(record.get("ISSN")) if entry_type == "article" else "", where("ISSN"))
        fields.field("doi", record.get("DOI"), where("DOI"))
        fields.field("url", record.get("URL"), where("URL"))
        records.append((str(record.get("id", "")), fields.entry))
    return records


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value] if value else []


def _text(value: object) -> str:
    """A CSL string, or the first of a list of them (Crossref gives some titles as lists)."""
    first = next(iter(_as_list(value)), "")
    return str(first) if isinstance(first, str | int) else ""


def _issued(value: object) -> str:
    """The year of a CSL date: `{"date-parts": [[2015, 3]]}`."""
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
    return ""


def _year(value: str) -> str:
    """The four-digit year at the start of a RIS or CSL date (`2015///`, `2015/03/01/`)."""
    found = re.match(r"\s*(\d{4})", value)
    return found.group(1) if found else ""
