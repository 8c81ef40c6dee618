"""Check stage helper, used by the import command too: a normalised entry -> what makes it the same
work as another one.

Two entries are one work when they share a DOI, or are the same kind (a chapter is never its
book) and share an ISBN (ISBN-10 and ISBN-13 of the same book compare equal) or the normalised
title, year and first author. Exporters write one title in several ways: a library catalogue's
`Styring og samstyring : governance på norsk` is the base's `Styring og samstyring. Governance på
norsk`; so case, punctuation and spacing are left out, while letters with diacritics stay letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pybtex.database import Entry

from generator.core.apa import bare_doi, responsible_persons
from generator.core.latex import latex_to_plain

# A part of a larger work: it carries its book's ISBN and may carry its title, but is not the book.
PART_KINDS = frozenset({"incollection", "inbook", "inproceedings"})
_YEAR = re.compile(r"\d{4}")
_NOT_A_LETTER = re.compile(r"[\W_]+")
_ISBN = re.compile(r"(?<![\dXx-])(?:97[89][\s-]?)?\d(?:[\s-]?\d){8}[\s-]?[\dXx](?![\dXx])")


@dataclass(frozen=True)
class WorkIdentity:
    """The marks of one work; a mark that is missing is empty and matches nothing."""

    part: bool
    doi: str
    isbns: frozenset[str]  # as ISBN-13 digits; none for a part (two chapters share their book's)
    title: tuple[str, str, str]  # (title, year, first author's surname), or () parts when the title is missing

    def marks(self) -> list[tuple[str, str]]:
        """(how it matched, the mark). A DOI names one registered work whatever an exporter calls it; the
        other marks are tagged with the kind, so a chapter never meets its book by its ISBN or title."""
        kind = "del" if self.part else "verk"
        marks = [("samme DOI", f"doi {self.doi}")] if self.doi else []
        marks += [("samme ISBN", f"{kind} isbn {isbn}") for isbn in sorted(self.isbns)]
        if self.title[0]:
            marks.append(("samme tittel, år og førsteforfatter", f"{kind} tittel {self.title}"))
        return marks


def normalised_doi(value: str) -> str:
    """The DOI in lower case, without a resolver in front or the full stop a citation adds after it."""
    return bare_doi(value).rstrip(".,;: ").lower()


def normalised_text(value: str) -> str:
    """`Styring og samstyring : governance på norsk` -> `styring og samstyring governance på norsk`."""
    plain = unicodedata.normalize("NFC", latex_to_plain(value)).casefold()
    return _NOT_A_LETTER.sub(" ", plain).strip()


def isbn13(value: str) -> str:
    """An ISBN-10 or ISBN-13 as the 13 digits of ISBN-13 (its check digit computed); "" when it is neither."""
    digits = re.sub(r"[\s-]", "", value).upper()
    if len(digits) == 13 and digits.isdigit():
        return digits
    if len(digits) != 10 or not digits[:9].isdigit():
        return ""
    stem = "978" + digits[:9]
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(stem))
    return stem + str((10 - total % 10) % 10)


def isbns(value: str) -> frozenset[str]:
    """Every ISBN in a field: Scopus writes `978-042900000-0; 978-036700000-1`."""
    return frozenset(filter(None, (isbn13(match.group()) for match in _ISBN.finditer(value))))


def work_identity(entry: Entry) -> WorkIdentity:
    part = entry.type.lower() in PART_KINDS
    title = normalised_text(entry.fields.get("title", ""))
    persons, _ = responsible_persons(entry)
    first = persons[0] if persons else None
    surname = normalised_text(" ".join(first.prelast_names + first.last_names)) if first else ""
    year = _YEAR.search(entry.fields.get("year", ""))  # a catalogue's `[2016]` or `c2016` is 2016
    return WorkIdentity(
        part=part,
        doi=normalised_doi(entry.fields.get("doi", "")),
        isbns=frozenset() if part else isbns(entry.fields.get("isbn", "")),
        title=(title, year.group() if year else "", surname) if title else ("", "", ""),
    )
