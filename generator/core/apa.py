"""Norwegian APA 7: pybtex entries -> reference HTML, in-text names, sort keys (used by the model).

In core, not model, because stages below the model use parts of it: the load stage the year
placeholder `NO_YEAR`, the check stage `bare_doi` and `responsible_persons` to tell works apart.

Follows Norsk APA-manual: `&` before the last author with no comma before it, `(Red.)`,
`I … (Red.), *Bok* (s. 20–41)`, `(2. utg.)`, no place of publication, DOIs as
`https://doi.org/…`, journal and volume in italics, titles in sentence case (braces in
BibTeX protect capitals), `u.å.` for a work declared undated (`year = {u.å.}`). The check
makes a missing title, journal, book title or year an error, so no placeholder is published.

References are built from small `Piece`s (HTML plus its plain text) by plain functions:
pybtex's template language did the same at about 40 rich-text objects per entry, which
was most of the model stage at 10,000 sources.

Over 350 lines: the whole formatter, names, sentence case and a layout per entry type, built from
the same `Piece` helpers; parted, the rules for one reference would be read across files.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape, unescape
from pathlib import Path
from typing import NamedTuple

from pybtex.database import Entry, Person
from pybtex.richtext import BaseMultipartText, BaseText, Protected, String

from generator.core.collation import collation_key
from generator.core.identifiers import letters
from generator.core.latex import latex_to_plain, latex_to_text
from generator.core.markup import host_within, literal

MAX_LISTED_AUTHORS = 20  # APA 7: 21 or more authors -> the first 19, ". . .", the last
NO_YEAR = "u.å."
IN_PRESS = "i trykk"  # Norwegian APA 7 for a work accepted but not yet published: (Hansen, i trykk)
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


# A given name, or the parts of a hyphenated one: `Signy`, `Jean-Paul`, `Chr` (of `Chr.`).
_GIVEN_NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _initial(name: str) -> str:
    """APA initials, one letter per given name: `Jean-Paul` -> `J.-P.`, `{Signy Irene}` (braced so
    that BibTeX keeps it whole) -> `S. I.`, glued `S.I.` -> `S. I.`, and an abbreviation such as
    `Chr.` or `Th.` -> `C.`, `T.`. The same first names recur, so each is abbreviated once."""
    plain = latex_to_plain(name).replace(".-", "-")
    return " ".join("-".join(f"{part[0]}." for part in word.split("-")) for word in _GIVEN_NAME.findall(plain))


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


@dataclass(frozen=True)
class Names:
    """The persons' names a title may mention, which keep their capital in sentence case: surnames,
    and given names only just before one of them (`Elinor Ostrom`; a lone `Mark` is a word)."""

    surnames: frozenset[str] = field(default=frozenset(), compare=False)
    given: frozenset[str] = field(default=frozenset(), compare=False)
    # Compared instead of the sets: a model compares every source's inputs with the last build's.
    digest: int = 0


def person_names(entries: Iterable[Entry]) -> Names:
    """The names of every author and editor who is a person (an organisation's words, `Ministry`,
    `Development`, are no names); each word of a name that starts with a capital."""
    surnames: set[str] = set()
    given: set[str] = set()
    for entry in entries:
        for role in ("author", "editor"):
            for person in entry.persons.get(role, ()):
                if person.first_names and not _is_others(person):
                    surnames.update(_capitalised_words(_surname(person)))
                    given.update(
                        _capitalised_words(" ".join(map(latex_to_plain, person.first_names + person.middle_names)))
                    )
    frozen = frozenset(surnames), frozenset(given)
    return Names(*frozen, hash(frozen))


def _capitalised_words(text: str) -> list[str]:
    return [word for word in _TITLE_WORD.findall(text) if word[0].isupper()]


@cache
def _proper_nouns() -> dict[str, list[tuple[str, ...]]]:
    """Places, nationalities and languages (generator/data/proper_nouns.txt) by their first word,
    each as its words (`Sør-Afrika` -> `Sør`, `Afrika`), the longest first."""
    text = (Path(__file__).parent.parent / "data" / "proper_nouns.txt").read_text(encoding="utf-8")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words = tuple(_TITLE_WORD.findall(line))
            by_first.setdefault(words[0], []).append(words)
    return {first: sorted(names, key=len, reverse=True) for first, names in by_first.items()}


# A subtitle or a new sentence starts after : ? ! or a full stop, but not after an ordinal of one to
# three digits (det 21. århundre, 1. mai); a year ends a sentence (Governance 2020. A review).
_PART_BREAK = re.compile(r"(?:(?<=[:?!])|(?<=\.)(?<!\b\d\.)(?<!\b\d\d\.)(?<!\b\d\d\d\.))\s+")
_TITLE_WORD = re.compile(r"[^\W_]+")
_COMPOUND = re.compile(r"[^\W_]+(?:[-‐'’][^\W_]+)*")
# Lower case in APA Title Case too: articles, short conjunctions and short prepositions, and the
# Scandinavian ones for a title in Danish, Norwegian or Swedish set in Title Case. Longer
# prepositions are capitalised by APA and lower-cased by other styles: they tell nothing either.
_MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "as", "but", "for", "if", "nor", "or", "so", "yet", "at", "by", "in", "of", "off"}
    | {"on", "per", "to", "up", "via", "og", "eller", "i", "på", "av", "til", "om", "med", "en", "et", "ei", "som"}
    | {"fra", "och", "af", "from", "with", "into", "onto", "over", "upon", "about", "among", "after", "under"}
    | {"between", "through", "within", "without", "toward", "towards", "across", "beyond", "versus", "than"}
)


def sentence_case(text: BaseText, names: Names = Names()) -> str:
    """A title in APA sentence case; a title, or a subtitle, not in Title Case keeps its case.

    In a part in Title Case every word is lower-cased except protected (braced) text, acronyms
    (`NAV`, `CO2`), words with a capital inside (`McDonald`), the names in `names`, and places and
    nationalities (generator/data/proper_nouns.txt). The first word of the title and of each part
    gets a capital unless protected text comes first. Word by word, never a Python loop per
    character: titles are most of the reference list."""
    plain, protected = _flattened(text)
    words = [(match.start(), match.group()) for match in _TITLE_WORD.finditer(plain)]
    if len(words) > 1 and plain.upper() == plain:
        # ALL CAPS (an old catalogue record): read as Title Case, so names and places are found;
        # an acronym cannot be told from a word there.
        plain = _TITLE_WORD.sub(lambda word: _capitalised(word, protected), plain)
        words = [(match.start(), match.group()) for match in _TITLE_WORD.finditer(plain)]
    kept = _kept_words(words, protected, names)
    starts = [0, *(match.end() for match in _PART_BREAK.finditer(plain))]
    bounds = list(zip(starts, [*starts[1:], len(plain)], strict=True))
    counted = [_telling_words(plain, start, end, kept) for start, end in bounds]
    # A part with less than two words to tell (`Co-Creation` alone after a colon, `Vestby` a place
    # not in the list) goes with the whole title.
    whole = _is_title_case([word for words_in_part in counted for word in words_in_part])
    capital_at = _first_capitals(plain, protected, bounds, words, kept)
    pieces: list[str] = []
    end = index = 0
    for (_, part_end), telling in zip(bounds, counted, strict=True):
        title_case = _is_title_case(telling) if len(telling) > 1 else whole
        while index < len(words) and words[index][0] < part_end:
            position, word = words[index]
            index += 1
            cased = word
            if title_case and position not in kept:
                if 1 in protected[position : position + len(word)]:
                    cased = "".join(c if protected[position + i] else c.lower() for i, c in enumerate(word))
                else:
                    cased = word.lower()
            if position in capital_at:
                offset = capital_at[position]
                cased = cased[:offset] + cased[offset].upper() + cased[offset + 1 :]
            if cased != word:
                pieces += [plain[end:position], cased]
                end = position + len(word)
    return "".join(pieces) + plain[end:] if pieces else plain


def _capitalised(word: re.Match[str], protected: bytearray) -> str:
    text = word.group()
    capitalised = text.capitalize()
    if 1 in protected[word.start() : word.end()] or len(capitalised) != len(text):
        return text  # braced, or a letter whose lower case is longer (`İ`)
    return capitalised


def _telling_words(plain: str, start: int, end: int, kept: set[int]) -> list[str]:
    """The words of a part that show whether it is in Title Case: those after the first, a hyphenated
    one (`Co-creation`) by its first letter, and the first word's second half when it has a
    capital (`Co-Creation`); minor words and words that keep their capital anyway left out."""
    compounds = _COMPOUND.finditer(plain, start, end)
    first = next(compounds, None)
    if first is None:
        return []
    counted = (
        []
        if first.group().isalnum()
        else [
            half.group()
            for half in _TITLE_WORD.finditer(plain, first.start() + 1, first.end())
            if plain[half.start() - 1] in "-‐'’" and half.group()[0].isupper() and half.start() not in kept
        ]
    )
    for match in compounds:
        word = match.group()
        if word[0].isalpha() and match.start() not in kept and word.lower() not in _MINOR_WORDS:
            counted.append(word)
    return counted


def _is_title_case(counted: list[str]) -> bool:
    return bool(counted) and sum(1 for word in counted if word[0].isupper()) * 4 >= len(counted) * 3


_LETTER = re.compile(r"[^\W\d_]")


def _first_capitals(
    plain: str, protected: bytearray, bounds: list[tuple[int, int]], words: list[tuple[int, str]], kept: set[int]
) -> dict[int, int]:
    """Per word, where in it the capital of a title or subtitle goes: at its part's first letter,
    unless protected text comes first (`{iPhone} use`) or the word keeps its case (`eHealth`)."""
    positions = [position for position, _ in words]
    capitals: dict[int, int] = {}
    for start, end in bounds:
        letter = _LETTER.search(plain, start, end)
        if letter is None or 1 in protected[start : letter.start() + 1]:
            continue
        position = positions[bisect_right(positions, letter.start()) - 1]
        if position not in kept:
            capitals[position] = letter.start() - position
    return capitals


def _flattened(text: BaseText) -> tuple[str, bytearray]:
    """The title's text, and for each character 1 where braces protect it."""
    pieces: list[tuple[str, bool]] = []

    def add(part: BaseText | str) -> None:
        if isinstance(part, String):
            pieces.append((part.value, False))
        elif isinstance(part, BaseMultipartText) and not isinstance(part, Protected):
            for inner in part.parts:
                add(inner)
        else:
            pieces.append((str(part), True))

    add(text)
    plain = "".join(value for value, _ in pieces)
    protected = bytearray(len(plain))
    offset = 0
    for value, is_protected in pieces:
        if is_protected:
            protected[offset : offset + len(value)] = b"\x01" * len(value)
        offset += len(value)
    return plain, protected


def _kept_words(words: list[tuple[int, str]], protected: bytearray, names: Names) -> set[int]:
    """The positions of the words that keep their case in a part in Title Case."""
    places = _proper_nouns()
    kept: set[int] = set()
    for index, (position, word) in enumerate(words):
        if protected[position]:
            kept.add(position)
        if word.lower() == word or position in kept:
            continue  # the common case: nothing to keep
        for place in places.get(word, ()):
            if tuple(following for _, following in words[index : index + len(place)]) == place:
                kept.update(following for following, _ in words[index : index + len(place)])
                break
        following = words[index + 1][1] if index + 1 < len(words) else ""
        named = word in names.surnames or (word in names.given and following in names.surnames)
        # An acronym (`NAV`, `CO2`) or a capital inside (`McDonald`): not the first capital alone.
        capital_inside = word[1:].lower() != word[1:] or (word[0].isupper() and not word.isalpha())
        if named or capital_inside:
            kept.add(position)
    return kept


@dataclass(frozen=True)
class _Context:
    entry: Entry
    title_lang: str | None  # set when the title's language differs from the page's
    names: Names  # the persons' names titles may mention


def _title(context: _Context, name: str = "title", italic: bool = False) -> Piece:
    value = context.entry.fields.get(name)
    if not value or not value.strip():
        return _text("[mangler tittel]")
    title = _text(sentence_case(latex_to_text(value), context.names))
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
    # Web of Science writes `DOI = {{10.…}}`: the inner group is no part of the DOI.
    doi = bare_doi(entry.fields.get("doi", "").strip().removeprefix("{").removesuffix("}"))
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


def format_reference(entry: Entry, year_label: str, title_lang: str | None = None, names: Names | None = None) -> str:
    """The reference-list entry as HTML; `title_lang` marks the title when it is not in the page's
    language; `names` are the base's persons (`person_names`), else the entry's own."""
    context = _Context(entry, title_lang, person_names([entry]) if names is None else names)
    body = _TEMPLATES.get(entry.type.lower(), _web)(context)
    date = _text(f"({year_label}).")
    return _join(" ", [_author_block(entry), date, *body, _address(entry)]).html


_EMPHASIS = re.compile(r"</?em>")
_TAG = re.compile(r"<[^>]*>")


def reference_text(entry: Entry, year_label: str, names: Names | None = None) -> str:
    """The reference-list entry as plain text for a terminal, italics as `*…*`: read off the HTML that
    `format_reference` makes, so the terminal shows what the site will (every `<` there is a tag, since
    every value is escaped)."""
    return unescape(_TAG.sub("", _EMPHASIS.sub("*", format_reference(entry, year_label, names=names))))


# --- in-text citations and sorting ------------------------------------------------------


def in_text_names(entry: Entry) -> tuple[str, str]:
    """The author part of an in-text citation: (parenthetical, narrative).

    One or two authors are always named; three or more become the first author + `et al.`.
    """
    surnames, complete = _cited_surnames(entry)
    if not surnames and complete:
        title = latex_to_plain(entry.fields.get("title", "")) or "[mangler forfatter]"
        return title, title
    return _names_shown(surnames, 1 if len(surnames) > 2 or not complete else len(surnames), complete)


def _cited_surnames(entry: Entry) -> tuple[list[str], bool]:
    """The surnames an entry is cited by, and False when the list ends in `and others`."""
    persons, _ = responsible_persons(entry)
    surnames = [str(_surname(person)) for person in persons if not _is_others(person)]
    return surnames, len(surnames) == len(persons)


def _names_shown(surnames: list[str], shown: int, complete: bool) -> tuple[str, str]:
    """The first `shown` surnames, then `et al.`; every name, with `&` / `og` before the last,
    when that is all of them."""
    if shown >= len(surnames) and complete:
        if len(surnames) == 1:
            return surnames[0], surnames[0]
        listed = ", ".join(surnames[:-1])
        return f"{listed} & {surnames[-1]}", f"{listed} og {surnames[-1]}"
    named = ", ".join(surnames[: max(shown, 1)])
    return f"{named} et al.", f"{named} et al."


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


class Citation(NamedTuple):
    """How the text cites a work: its year label and its author part (parenthetical, narrative)."""

    year_label: str
    parenthetical: str
    narrative: str


AuthorList = tuple[tuple[str, str], ...]


def _author_list(entry: Entry) -> AuthorList:
    """The reference list's author list (surname, initials), which decides whether two works are by
    the same authors."""
    persons, _ = responsible_persons(entry)
    return tuple((_surname(person), _initials(person)) for person in persons)


def citations(entries: dict[str, Entry], sort_keys: dict[str, SortKey]) -> dict[str, Citation]:
    """Year labels and in-text names that tell every work apart (APA 8.18, 8.19, 8.20).

    `2021a`, `2021b` (in list order) only for works with the very same author list and year. Works
    whose citations would still be alike (`Ansell et al., 2021` for two different author lists)
    get as many surnames as it takes to tell them apart (`Ansell, Sørensen et al.`), and, when the
    surnames are all alike, the first author's initials (`A. Hansen`)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key, entry in entries.items():
        groups.setdefault((in_text_names(entry)[0], entry_year(entry)), []).append(key)
    result: dict[str, Citation] = {}
    for (_, year), keys in groups.items():
        by_authors: dict[AuthorList, list[str]] = {}
        for key in keys:
            by_authors.setdefault(_author_list(entries[key]), []).append(key)
        firsts = {authors: entries[same[0]] for authors, same in by_authors.items()}
        names = (
            _distinguishing_names(firsts)
            if len(firsts) > 1
            else {authors: in_text_names(entry) for authors, entry in firsts.items()}
        )
        for authors, same in by_authors.items():
            ordered = sorted(same, key=sort_keys.__getitem__)
            for index, key in enumerate(ordered):
                letter = letters(index) if len(ordered) > 1 else ""  # past z: aa, ab …, never { | } ~
                label = f"{year}-{letter}" if letter and year in (NO_YEAR, IN_PRESS) else f"{year}{letter}"
                result[key] = Citation(label, *names[authors])
    return result


def _distinguishing_names(firsts: dict[AuthorList, Entry]) -> dict[AuthorList, tuple[str, str]]:
    """For works cited alike by different author lists: the fewest leading surnames that no other
    list shows the same way (APA 8.18); the same surnames in the same order get the first author's
    initials (APA 8.20). Each number of names is tried once for all lists, not list against list."""
    cited = {authors: _cited_surnames(entry) for authors, entry in firsts.items()}
    chosen: dict[AuthorList, tuple[str, str]] = {}
    for shown in range(1, max(len(surnames) for surnames, _ in cited.values()) + 1):
        shows = {authors: _names_shown(surnames, shown, complete) for authors, (surnames, complete) in cited.items()}
        alike = Counter(shows.values())
        for authors, names in shows.items():
            if authors not in chosen and alike[names] == 1 and shown <= len(cited[authors][0]):
                chosen[authors] = names
        if len(chosen) == len(cited):
            break
    for authors, entry in firsts.items():
        if authors not in chosen:
            parenthetical, narrative = in_text_names(entry)
            initials = authors[0][1] if authors else ""
            chosen[authors] = (
                (f"{initials} {parenthetical}", f"{initials} {narrative}") if initials else (parenthetical, narrative)
            )
    return chosen
