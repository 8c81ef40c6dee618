"""Norwegian APA 7 for the model stage: pybtex entries -> reference HTML, in-text names, sort keys.

Follows Norsk APA-manual: `&` before the last author with no comma before it, `(Red.)`,
`I … (Red.), *Bok* (s. 20–41)`, `(2. utg.)`, no place of publication, DOIs as
`https://doi.org/…`, journal and volume in italics, titles in sentence case (braces in
BibTeX protect capitals), `u.å.` for a work declared undated (`year = {u.å.}`). The check
makes a missing title, journal, book title or year an error, so no placeholder is published.

References are built from small `Piece`s (HTML plus its plain text) by plain functions:
pybtex's template language did the same at about 40 rich-text objects per entry, which
was most of the model stage at 10,000 sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape, unescape

from pybtex.database import Entry, Person
from pybtex.richtext import BaseMultipartText, BaseText, Protected, String

from generator.collation import collation_key
from generator.identifiers import letters
from generator.latex import latex_to_plain, latex_to_text
from generator.markup import host_within, literal

MAX_LISTED_AUTHORS = 20  # APA 7: 21 or more authors -> the first 19, ". . .", the last
NO_YEAR = "u.å."
_TERMINATORS = (".", "?", "!")


@dataclass(frozen=True)
class Piece:
    """Part of a reference: its HTML (every value escaped) and its plain text, which decides punctuation."""

    html: str
    plain: str

    def __bool__(self) -> bool:
        return bool(self.plain)


EMPTY = Piece("", "")


def _text(plain: str) -> Piece:
    return Piece(literal(plain), plain)


def _concat(*parts: Piece | str) -> Piece:
    pieces = [_text(part) if isinstance(part, str) else part for part in parts]
    return Piece("".join(piece.html for piece in pieces), "".join(piece.plain for piece in pieces))


def _join(separator: str, parts: Sequence[Piece | str]) -> Piece:
    """The non-empty parts with `separator` between them."""
    kept: list[Piece | str] = []
    for part in parts:
        if part:
            kept += [separator, part] if kept else [part]
    return _concat(*kept)


def _with_period(piece: Piece) -> Piece:
    return _concat(piece, ".") if piece and not piece.plain.endswith(_TERMINATORS) else piece


def _sentence(*parts: Piece | str) -> Piece:
    return _with_period(_join("", parts))


def _em(piece: Piece) -> Piece:
    return Piece(f"<em>{piece.html}</em>", piece.plain) if piece else piece


def _lang(lang: str, piece: Piece) -> Piece:
    """Text in another language than the page, marked for screen readers."""
    return Piece(f'<span lang="{escape(lang, quote=True)}">{piece.html}</span>', piece.plain)


def _link(url: str) -> Piece:
    # The link text is the address itself: the print stylesheet need not repeat it.
    return Piece(f'<a class="adresse" href="{escape(url, quote=True)}">{literal(url)}</a>', url)


# --- names ---------------------------------------------------------------------------


def _surname(person: Person) -> str:
    return " ".join(latex_to_plain(part) for part in person.prelast_names + person.last_names)


def _initials(person: Person) -> str:
    return " ".join(_initial(name) for name in person.first_names + person.middle_names)


@cache
def _initial(name: str) -> str:
    """`Jean-Paul` -> `J.-P.`; the same first names recur, so each is abbreviated once."""
    return str(latex_to_text(name).abbreviate())


def _inverted_name(person: Person) -> str:
    """`von Heimburg, D.` for the reference list; an organisation keeps its whole name."""
    parts = [_surname(person), _initials(person), " ".join(latex_to_plain(name) for name in person.lineage_names)]
    return ", ".join(part for part in parts if part)


def _direct_name(person: Person) -> str:
    """`A. O. Thomassen`, for editors of a book a chapter appears in."""
    return " ".join(part for part in (_initials(person), _surname(person)) if part)


def _name_list(names: Sequence[str]) -> str:
    if len(names) > MAX_LISTED_AUTHORS:
        return f"{', '.join(names[: MAX_LISTED_AUTHORS - 1])}, . . . {names[-1]}"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} & {names[-1]}"


def _is_others(person: Person) -> bool:
    """BibTeX's `and others`: the list goes on (reported by the check, shown as et al.)."""
    return not person.first_names and [name.lower() for name in person.last_names] == ["others"]


def _persons(entry: Entry, role: str) -> list[Person]:
    return list(entry.persons.get(role, []))


def responsible_persons(entry: Entry) -> tuple[list[Person], bool]:
    """The persons an entry is cited by: its authors, or else its editors (the flag says editors)."""
    authors = _persons(entry, "author")
    return (authors, False) if authors else (_persons(entry, "editor"), True)


def _named_list(persons: Sequence[Person], name: Callable[[Person], str]) -> str:
    named = [name(person) for person in persons if not _is_others(person)]
    return f"{', '.join(named)} et al." if len(named) < len(persons) else _name_list(named)


def _author_block(entry: Entry) -> Piece:
    persons, are_editors = responsible_persons(entry)
    if not persons:
        return EMPTY  # APA: the title moves to the author position
    names = _named_list(persons, _inverted_name)
    return _with_period(_text(f"{names} (Red.)" if are_editors else names))


def _chapter_editors(entry: Entry) -> str:
    editors = _persons(entry, "editor")
    return f"{_named_list(editors, _direct_name)} (Red.), " if editors else ""


# --- fields --------------------------------------------------------------------------


def _field(entry: Entry, name: str) -> str:
    """A field as plain text; empty when it is missing or blank."""
    value = entry.fields.get(name)
    return latex_to_plain(value) if value and value.strip() else ""


_STOP = re.compile(r"[:?!.]")


def sentence_case(text: BaseText) -> str:
    """Lower-case the title except protected text; capitalise the first word and each subtitle."""
    parts: list[str] = []
    capitalize_next = True
    after_stop = False
    for part in text.lower().parts if isinstance(text, BaseMultipartText) else [text]:
        if isinstance(part, String):
            characters: list[str] = []
            value = part.value
            position = 0
            while position < len(value):
                if not capitalize_next and not after_stop:
                    # Nothing changes before the next stop: copy up to it in one piece.
                    stop = _STOP.search(value, position)
                    end = stop.start() if stop else len(value)
                    characters.append(value[position:end])
                    position = end
                    if stop is None:
                        break
                character = value[position]
                position += 1
                if character.isalpha():
                    characters.append(character.upper() if capitalize_next else character)
                    capitalize_next = after_stop = False
                    continue
                if character in ":?!.":
                    after_stop = True
                elif character.isspace():
                    capitalize_next = capitalize_next or after_stop
                else:
                    after_stop = False
                characters.append(character)
            parts.append("".join(characters))
        else:
            if isinstance(part, Protected) and str(part).strip():
                capitalize_next = after_stop = False
            parts.append(str(part))
    return "".join(parts)


@dataclass(frozen=True)
class _Context:
    entry: Entry
    title_lang: str | None  # set when the title's language differs from the page's


def _title(context: _Context, name: str = "title", italic: bool = False) -> Piece:
    value = context.entry.fields.get(name)
    if not value or not value.strip():
        return _text("[mangler tittel]")
    title = _text(sentence_case(latex_to_text(value)))
    if italic:
        title = _em(title)
    return _lang(context.title_lang, title) if context.title_lang else title


def _en_dash(text: str) -> str:
    return re.sub(r"\s*[-‐‑–—]+\s*", "–", text)


def _pages(entry: Entry) -> str:
    return _en_dash(_field(entry, "pages"))


def _edition(entry: Entry) -> str:
    edition = entry.fields.get("edition", "").strip()
    if not edition or edition in ("1", "1.", "first", "First"):
        return ""
    return f"{edition.rstrip('.')}. utg." if edition.rstrip(".").isdigit() else edition


def _address(entry: Entry) -> Piece:
    """The DOI as https://doi.org/…, or else the URL."""
    url = doi_url(entry) or web_url(entry)
    return _link(url) if url else EMPTY


_DOI_RESOLVER = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def bare_doi(value: str) -> str:
    """`https://doi.org/10.1/x` or `doi:10.1/x` -> `10.1/x`."""
    return _DOI_RESOLVER.sub("", value.strip())


def doi_url(entry: Entry) -> str | None:
    doi = bare_doi(entry.fields.get("doi", ""))
    return f"https://doi.org/{doi}" if doi else None


def web_url(entry: Entry) -> str | None:
    url = entry.fields.get("url", "").strip()
    return url if url.startswith(("https://", "http://")) else None


def _publisher_differs_from_author(entry: Entry, name: str) -> bool:
    persons, _ = responsible_persons(entry)
    publisher = latex_to_plain(entry.fields.get(name, ""))
    return not any(latex_to_plain(str(person)) == publisher for person in persons)


def _publisher(entry: Entry, name: str = "publisher") -> Piece:
    """The publisher as a sentence, left out when it is the author (APA)."""
    text = _field(entry, name)
    if not text or not _publisher_differs_from_author(entry, name):
        return EMPTY
    return _with_period(_text(text))


def _in_parentheses(text: str) -> str:
    return f" ({text})" if text else ""


def _report_label(entry: Entry) -> str:
    """`(NIBR-rapport 2020:1)`: APA names the series a report is numbered in, or else its kind."""
    if entry.fields.get("series", "").strip():
        return _series_label(entry)
    kind = latex_to_plain(entry.fields.get("type", "")) or "Rapport"
    number = latex_to_plain(entry.fields.get("number", ""))
    return _in_parentheses(f"{kind} {number}" if number else "")


def _series_label(entry: Entry) -> str:
    series = latex_to_plain(entry.fields.get("series", ""))
    number = latex_to_plain(entry.fields.get("number", ""))
    return _in_parentheses(" ".join(part for part in (series, number) if part) if series else "")


def _chapter_locator(entry: Entry) -> str:
    pages = _pages(entry)
    parts = [part for part in (_edition(entry), f"s. {pages}" if pages else "") if part]
    if not parts and entry.fields.get("chapter"):
        parts = [f"kap. {latex_to_plain(entry.fields['chapter'])}"]
    return _in_parentheses(", ".join(parts))


def _journal_source(entry: Entry) -> Piece:
    """`*Tidsskrift*, *18*(4), 543–571`: volume in italics, issue, pages or article number."""
    journal = _field(entry, "journal") or "[mangler tidsskrift]"
    volume, number, pages = _field(entry, "volume"), _field(entry, "number"), _pages(entry)
    issue = _concat(_em(_text(volume)), f"({number})" if number else "")
    if not pages and entry.fields.get("eid"):
        pages = f"Artikkel {latex_to_plain(entry.fields['eid'])}"
    locator = _join(", ", [issue, pages])
    return _concat(_em(_text(journal)), ", " if locator else "", locator)


# --- reference templates per entry type ----------------------------------------------------


def _article(context: _Context) -> list[Piece]:
    return [_sentence(_title(context)), _sentence(_journal_source(context.entry))]


def _book(context: _Context) -> list[Piece]:
    entry = context.entry
    title = _sentence(_title(context, italic=True), _series_label(entry), _in_parentheses(_edition(entry)))
    return [title, _publisher(entry)]


def _chapter(context: _Context) -> list[Piece]:
    entry = context.entry
    book = _sentence(
        "I ", _chapter_editors(entry), _title(context, name="booktitle", italic=True), _chapter_locator(entry)
    )
    return [_sentence(_title(context)), book, _publisher(entry)]


def _report(context: _Context) -> list[Piece]:
    entry = context.entry
    return [_sentence(_title(context, italic=True), _report_label(entry)), _publisher(entry, "institution")]


# The institutional archives a thesis is read in, by host: APA names the archive before the address.
_ARCHIVES = {
    "munin.uit.no": "Munin",
    "duo.uio.no": "DUO",
    "bora.uib.no": "BORA",
    "ntnuopen.ntnu.no": "NTNU Open",
    "oda.oslomet.no": "ODA",
    "nordopen.nord.no": "Nord Open",
    "openarchive.usn.no": "USN Open Archive",
    "brage.unit.no": "Brage",
    "nva.sikt.no": "NVA",
}


# Handles whose prefix belongs to one archive (UiT's example cites Munin with https://hdl.handle.net/10037/6409;
# 10852 is UiO's DUO, 1956 UiB's BORA);
# Brage's 11250 is shared by many institutions' archives, so it names none.
_HANDLE_PREFIXES = {"10037": "Munin", "10852": "DUO", "1956": "BORA"}
_HANDLE = re.compile(r"^https?://hdl\.handle\.net/([^/]+)/", re.IGNORECASE)


def _archive(url: str) -> str:
    handle = _HANDLE.match(url)
    if handle:
        return _HANDLE_PREFIXES.get(handle.group(1), "")
    return next((name for host, name in _ARCHIVES.items() if host_within(url, (host,))), "")


def _thesis(kind: str) -> Callable[[_Context], list[Piece]]:
    """Norwegian APA 7 (UiT's collection, https://uit.no/ub/eksempelsamlinger/samling?p_document_id=724067,
    and APA 7 section 10.6). With a DOI or URL the thesis is in an archive:
    `[Doktorgradsavhandling, Institusjon]. Munin. URL`; with an ISBN it is printed:
    `[Doktorgradsavhandling]. Institusjon.`; with neither it is unpublished:
    `[Upublisert doktorgradsavhandling]. Institusjon.`"""

    def template(context: _Context) -> list[Piece]:
        entry = context.entry
        school = _field(entry, "school")
        title = _title(context, italic=True)
        url = web_url(entry) or ""
        if doi_url(entry) or url:
            archive = _archive(url)
            label = f" [{kind}, {school}]" if school else f" [{kind}]"
            return [_sentence(title, label), _sentence(archive) if archive else EMPTY]
        if not _field(entry, "isbn"):
            return [_sentence(title, f" [Upublisert {kind.lower()}]"), _publisher(entry, "school")]
        return [_sentence(title, f" [{kind}]"), _publisher(entry, "school")]

    return template


def _web(context: _Context) -> list[Piece]:
    entry = context.entry
    return [_sentence(_title(context, italic=True)), _publisher(entry, "organization") or _publisher(entry)]


_TEMPLATES: dict[str, Callable[[_Context], list[Piece]]] = {
    "article": _article,
    **dict.fromkeys(("book", "proceedings", "collection"), _book),
    **dict.fromkeys(("incollection", "inbook", "inproceedings"), _chapter),
    "techreport": _report,
    "phdthesis": _thesis("Doktorgradsavhandling"),
    "mastersthesis": _thesis("Masteroppgave"),
}


def format_reference(entry: Entry, year_label: str, title_lang: str | None = None) -> str:
    """The reference-list entry as HTML; `title_lang` marks the title when it is not in the page's language."""
    context = _Context(entry, title_lang)
    body = _TEMPLATES.get(entry.type.lower(), _web)(context)
    date = _text(f"({year_label}).")
    return _join(" ", [_author_block(entry), date, *body, _address(entry)]).html


_EMPHASIS = re.compile(r"</?em>")
_TAG = re.compile(r"<[^>]*>")


def reference_text(entry: Entry, year_label: str) -> str:
    """The reference-list entry as plain text for a terminal, italics as `*…*`: read off the HTML that
    `format_reference` makes, so the terminal shows what the site will (every `<` there is a tag, since
    every value is escaped)."""
    return unescape(_TAG.sub("", _EMPHASIS.sub("*", format_reference(entry, year_label))))


# --- in-text citations and sorting ------------------------------------------------------


def in_text_names(entry: Entry) -> tuple[str, str]:
    """The author part of an in-text citation: (parenthetical, narrative).

    One or two authors are always named; three or more become the first author + `et al.`.
    """
    persons, _ = responsible_persons(entry)
    surnames = [str(_surname(person)) for person in persons if not _is_others(person)]
    if len(surnames) < len(persons):
        return f"{surnames[0]} et al.", f"{surnames[0]} et al."
    if not surnames:
        title = latex_to_plain(entry.fields.get("title", "")) or "[mangler forfatter]"
        return title, title
    if len(surnames) == 1:
        return surnames[0], surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} & {surnames[1]}", f"{surnames[0]} og {surnames[1]}"
    return f"{surnames[0]} et al.", f"{surnames[0]} et al."


def entry_year(entry: Entry) -> str:
    year = latex_to_plain(entry.fields.get("year", "")).strip()
    return year or NO_YEAR


SortKey = tuple[tuple[tuple[str, str], ...], str, str]


def sort_key(entry: Entry) -> SortKey:
    """Reference-list order: authors (surname, initials) in turn, then year, then title."""
    persons, _ = responsible_persons(entry)
    names = tuple((collation_key(str(_surname(p))), collation_key(str(_initials(p)))) for p in persons)
    title = collation_key(latex_to_plain(entry.fields.get("title", "")))
    if not names:
        names = ((title, ""),)
    return names, entry_year(entry), title


def year_labels(entries: dict[str, Entry], sort_keys: dict[str, SortKey]) -> dict[str, str]:
    """`2021a`, `2021b` where two works would otherwise get the same in-text citation (in list order)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key, entry in entries.items():
        groups.setdefault((in_text_names(entry)[0], entry_year(entry)), []).append(key)
    labels: dict[str, str] = {}
    for (_, year), keys in groups.items():
        if len(keys) == 1:
            labels[keys[0]] = year
            continue
        ordered = sorted(keys, key=sort_keys.__getitem__)
        for index, key in enumerate(ordered):
            letter = letters(index)  # past z: aa, ab …, never { | } ~
            labels[key] = f"{year}-{letter}" if year == NO_YEAR else f"{year}{letter}"
    return labels
