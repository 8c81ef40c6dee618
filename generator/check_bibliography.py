"""Validate stage helper: checks of the BibTeX entries themselves."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from generator.bibliography import BibEntry
from generator.collation import collation_key
from generator.diagnostics import Diagnostics
from generator.identifiers import explain, is_identifier
from generator.latex import latex_to_plain
from generator.layout import VOCABULARY
from generator.schema import did_you_mean

_REQUIRED_FIELDS = {
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "techreport": (("author",), ("title",), ("institution",), ("year",)),
    "phdthesis": (("author",), ("title",), ("school",), ("year",)),
    "mastersthesis": (("author",), ("title",), ("school",), ("year",)),
    "online": (("title",), ("url",)),
    "misc": (("title",),),
}
_RECOMMENDED_FIELDS = {"article": (("volume",), ("pages", "eid")), "incollection": (("pages", "chapter"),)}
MAX_FIELD = 10_000  # characters in one BibTeX field
_YEAR = re.compile(r"[0-9]{4}")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def check_bibliography(
    entries: Sequence[BibEntry], coded: set[str], languages: Mapping[str, object] | None, diagnostics: Diagnostics
) -> None:
    """Report duplicate keys across files, missing fields, bad DOIs and URLs, and likely duplicates."""
    seen: dict[str, BibEntry] = {}
    by_doi: dict[str, BibEntry] = {}
    by_title: dict[tuple[str, str], BibEntry] = {}
    for item in entries:
        earlier = seen.get(item.key.lower())
        if earlier is not None:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "bib-duplicate-key",
                f"nøkkelen '{item.key}' finnes også i {earlier.path}:{earlier.line}; hver kilde skal stå én gang",
            )
            continue
        seen[item.key.lower()] = item
        if not is_identifier(item.key):
            diagnostics.add(item.path, item.line, 1, "bib-key", explain(item.key, "nøkkelen"))
        _check_fields(item, diagnostics)
        _check_lengths(item, diagnostics)
        _check_year(item, diagnostics)
        _check_links(item, diagnostics)
        _check_language(item, languages, diagnostics)
        if item.key not in coded:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "entry-without-source",
                f"'{item.key}' har ingen kodefil; lag literature/sources/{item.key}.yaml "
                f"(python -m generator new {item.key})",
            )
        _check_likely_duplicate(item, by_doi, by_title, diagnostics)


def _check_fields(item: BibEntry, diagnostics: Diagnostics) -> None:
    entry = item.entry
    present = {name.lower() for name, value in entry.fields.items() if value.strip()}
    present |= {role.lower() for role in entry.persons}
    kind = entry.type.lower()
    for alternatives in _REQUIRED_FIELDS.get(kind, ()) + _RECOMMENDED_FIELDS.get(kind, ()):
        if not present & set(alternatives):
            diagnostics.add(
                item.path,
                item.line,
                1,
                "bib-missing-field",
                f"@{kind}{{{item.key}}} mangler feltet {' eller '.join(alternatives)}; "
                "legg det til hvis det finnes (referansen vises uten)",
            )
    if kind not in _REQUIRED_FIELDS:
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-entry-type",
            f"oppføringstypen @{kind} har ingen egen APA-mal og vises som et nettdokument; "
            f"bruk en av {', '.join('@' + name for name in _REQUIRED_FIELDS)}",
        )


def _check_lengths(item: BibEntry, diagnostics: Diagnostics) -> None:
    for name, value in item.entry.fields.items():
        if len(value) > MAX_FIELD:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "too-long",
                f"feltet {name} i {item.key} har {len(value)} tegn; grensen er {MAX_FIELD} (et sammendrag hører ikke hjemme her)",
            )


def _check_year(item: BibEntry, diagnostics: Diagnostics) -> None:
    year = item.entry.fields.get("year", "").strip()
    if year and not _YEAR.fullmatch(year):
        shown = year[:40].encode("unicode_escape").decode("ascii")
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-year",
            f"året '{shown}' i {item.key} skal være fire sifre, for eksempel 2019; a/b for samme forfatter og år lages automatisk",
        )


def _check_links(item: BibEntry, diagnostics: Diagnostics) -> None:
    doi = item.entry.fields.get("doi", "").strip()
    if doi and not _DOI.match(_DOI_PREFIX.sub("", doi)):
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-doi",
            f"DOI-en '{doi}' i {item.key} har feil form; skriv den som 10.1234/abc (uten https://doi.org/ foran er også greit)",
        )
    url = item.entry.fields.get("url", "").strip()
    if url and not url.lower().startswith(("https://", "http://")):
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-url",
            f"nettadressen i {item.key} må starte med https:// eller http://, men er '{url[:60]}'",
        )


def _check_language(item: BibEntry, languages: Mapping[str, object] | None, diagnostics: Diagnostics) -> None:
    language = item.entry.fields.get("language")
    if languages is not None and language and language not in languages:
        diagnostics.add(
            item.path,
            item.line,
            1,
            "unknown-language",
            f"språket '{language}' i {item.key} står ikke under språk i {VOCABULARY}"
            f"{did_you_mean(language, list(languages))} Tittelen får da ikke riktig språkmerking",
        )


def _check_likely_duplicate(
    item: BibEntry, by_doi: dict[str, BibEntry], by_title: dict[tuple[str, str], BibEntry], diagnostics: Diagnostics
) -> None:
    doi = _DOI_PREFIX.sub("", item.entry.fields.get("doi", "").strip()).lower()
    if doi:
        earlier = by_doi.setdefault(doi, item)
        if earlier is not item:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "duplicate-doi",
                f"'{item.key}' har samme DOI som '{earlier.key}' ({earlier.path}:{earlier.line}); slå dem sammen hvis det er samme kilde",
            )
    title = collation_key(latex_to_plain(item.entry.fields.get("title", "")))
    if title:
        year = item.entry.fields.get("year", "").strip()
        earlier = by_title.setdefault((title, year), item)
        if earlier is not item:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "duplicate-title",
                f"'{item.key}' har samme tittel og år som '{earlier.key}' ({earlier.path}:{earlier.line}); "
                "slå dem sammen hvis det er samme kilde",
            )
