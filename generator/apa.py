"""Norwegian APA 7 for the model stage: pybtex entries -> reference rich text, in-text names, sort keys.

Follows Norsk APA-manual: `&` before the last author with no comma before it, `(Red.)`,
`I … (Red.), *Bok* (s. 20–41)`, `(2. utg.)`, no place of publication, DOIs as
`https://doi.org/…`, journal and volume in italics, titles in sentence case (braces in
BibTeX protect capitals), `u.å.` for a missing year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, cast

from pybtex.database import Entry, Person
from pybtex.richtext import BaseMultipartText, BaseText, HRef, Protected, String, Tag, Text
from pybtex.style.template import Node, first_of, join, node, optional, sentence

from generator.collation import collation_key
from generator.latex import latex_to_plain, latex_to_text

# pybtex is untyped; this is its `@node` decorator with a type, so mypy --strict can check the templates.
template_node = cast(Callable[[Callable[..., BaseText]], Any], node)

MAX_LISTED_AUTHORS = 20  # APA 7: 21 or more authors -> the first 19, ". . .", the last
NO_YEAR = "u.å."
_TERMINATORS = (".", "?", "!")


class Lang(BaseMultipartText):  # type: ignore[misc]  # pybtex is untyped
    """Text in another language than the page, rendered with a `lang` attribute for screen readers."""

    def __init__(self, lang: str, *parts: Any) -> None:
        self.lang = lang
        self.info = (lang,)
        super().__init__(*parts)

    def render(self, backend: Any) -> str:
        text = super().render(backend)
        format_lang: Callable[[str, str], str] | None = getattr(backend, "format_lang", None)
        return format_lang(self.lang, text) if format_lang else str(text)


# --- names ---------------------------------------------------------------------------


def _surname(person: Person) -> Text:
    return Text(*_join_words([latex_to_text(part) for part in person.prelast_names + person.last_names]))


def _initials(person: Person) -> Text:
    return Text(*_join_words([_initial(name) for name in person.first_names + person.middle_names]))


@cache
def _initial(name: str) -> BaseText:
    """`Jean-Paul` -> `J.-P.`; the same first names recur, so each is abbreviated once."""
    abbreviated: BaseText = latex_to_text(name).abbreviate()
    return abbreviated


def _join_words(parts: Sequence[BaseText]) -> list[BaseText | str]:
    joined: list[BaseText | str] = []
    for part in parts:
        if joined:
            joined.append(" ")
        joined.append(part)
    return joined


def _inverted_name(person: Person) -> Text:
    """`von Heimburg, D.` for the reference list; an organisation keeps its whole name."""
    initials = _initials(person)
    lineage = [", ", *_join_words(person.rich_lineage_names)] if person.lineage_names else []
    if not initials:
        return Text(_surname(person), *lineage)
    return Text(_surname(person), ", ", initials, *lineage)


def _direct_name(person: Person) -> Text:
    """`A. O. Thomassen`, for editors of a book a chapter appears in."""
    initials = _initials(person)
    return Text(initials, " ", _surname(person)) if initials else _surname(person)


def _name_list(names: Sequence[Text]) -> Text:
    if len(names) > MAX_LISTED_AUTHORS:
        return Text(Text(", ").join(list(names[: MAX_LISTED_AUTHORS - 1])), ", . . . ", names[-1])
    if len(names) <= 1:
        return Text(*names)
    return Text(Text(", ").join(list(names[:-1])), " & ", names[-1])


def _persons(entry: Entry, role: str) -> list[Person]:
    return list(entry.persons.get(role, []))


def responsible_persons(entry: Entry) -> tuple[list[Person], bool]:
    """The persons an entry is cited by: its authors, or else its editors (the flag says editors)."""
    authors = _persons(entry, "author")
    return (authors, False) if authors else (_persons(entry, "editor"), True)


@template_node
def _author_block(children: list[Any], context: dict[str, Any]) -> BaseText:
    persons, are_editors = responsible_persons(context["entry"])
    if not persons:
        return Text()  # APA: the title moves to the author position
    names = _name_list([_inverted_name(person) for person in persons])
    return (Text(names, " (Red.)") if are_editors else names).add_period()


@template_node
def _chapter_editors(children: list[Any], context: dict[str, Any]) -> BaseText:
    editors = _persons(context["entry"], "editor")
    if not editors:
        return Text()
    return Text(_name_list([_direct_name(person) for person in editors]), " (Red.), ")


# --- fields --------------------------------------------------------------------------


def _field_text(entry: Entry, name: str) -> BaseText | None:
    value = entry.fields.get(name)
    return latex_to_text(value) if value and value.strip() else None


@template_node
def _field(children: list[Any], context: dict[str, Any], name: str, missing: str = "") -> BaseText:
    """A field as rich text; a visible `[mangler …]` placeholder where a required field is absent."""
    text = _field_text(context["entry"], name)
    if text is not None:
        return text
    return Text(f"[mangler {missing}]") if missing else Text()


@template_node
def _date(children: list[Any], context: dict[str, Any]) -> BaseText:
    return Text("(", context["year_label"], ").")


def sentence_case(text: BaseText) -> BaseText:
    """Lower-case the title except protected text; capitalise the first word and each subtitle."""
    parts: list[BaseText] = []
    capitalize_next = True
    after_stop = False
    for part in text.lower().parts if isinstance(text, BaseMultipartText) else [text]:
        if isinstance(part, String):
            characters = []
            for character in part.value:
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
            parts.append(String("".join(characters)))
        else:
            if isinstance(part, Protected) and str(part).strip():
                capitalize_next = after_stop = False
            parts.append(part)
    return Text(*parts)


@template_node
def _title(children: list[Any], context: dict[str, Any], name: str = "title", italic: bool = False) -> BaseText:
    text = _field_text(context["entry"], name)
    if text is None:
        return Text("[mangler tittel]")
    title: BaseText = sentence_case(text)
    if italic:
        title = Tag("em", title)
    lang = context.get("lang")
    return Lang(lang, title) if lang and lang != context.get("page_lang") else title


def _en_dash(text: BaseText) -> str:
    return re.sub(r"\s*[-‐‑–—]+\s*", "–", str(text))


@template_node
def _pages(children: list[Any], context: dict[str, Any], prefix: str = "") -> BaseText:
    pages = _field_text(context["entry"], "pages")
    return Text(prefix, _en_dash(pages)) if pages is not None else Text()


@template_node
def _edition(children: list[Any], context: dict[str, Any]) -> BaseText:
    edition = context["entry"].fields.get("edition", "").strip()
    if not edition or edition in ("1", "1.", "first", "First"):
        return Text()
    return Text(f"{edition.rstrip('.')}. utg." if edition.rstrip(".").isdigit() else edition)


@template_node
def _link(children: list[Any], context: dict[str, Any]) -> BaseText:
    """The DOI as https://doi.org/…, or else the URL."""
    url = doi_url(context["entry"]) or web_url(context["entry"])
    return HRef(url, url) if url else Text()


def doi_url(entry: Entry) -> str | None:
    doi = entry.fields.get("doi", "").strip()
    if not doi:
        return None
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.IGNORECASE)
    return f"https://doi.org/{doi}"


def web_url(entry: Entry) -> str | None:
    url = entry.fields.get("url", "").strip()
    return url if url.startswith(("https://", "http://")) else None


def _publisher_differs_from_author(entry: Entry, name: str) -> bool:
    persons, _ = responsible_persons(entry)
    publisher = latex_to_plain(entry.fields.get(name, ""))
    return not any(latex_to_plain(str(person)) == publisher for person in persons)


@template_node
def _publisher(children: list[Any], context: dict[str, Any], name: str = "publisher") -> BaseText:
    """The publisher as a sentence, left out when it is the author (APA)."""
    entry = context["entry"]
    text = _field_text(entry, name)
    if text is None or not _publisher_differs_from_author(entry, name):
        return Text()
    return Text(text).add_period()


def _report_number(entry: Entry, default_type: str) -> str:
    kind = latex_to_plain(entry.fields.get("type", "")) or default_type
    number = latex_to_plain(entry.fields.get("number", ""))
    return " ".join(part for part in (kind, number) if part) if number else ""


@template_node
def _report_label(children: list[Any], context: dict[str, Any]) -> BaseText:
    label = _report_number(context["entry"], "Rapport")
    return Text(" (", label, ")") if label else Text()


@template_node
def _series_label(children: list[Any], context: dict[str, Any]) -> BaseText:
    entry = context["entry"]
    series = latex_to_plain(entry.fields.get("series", ""))
    number = latex_to_plain(entry.fields.get("number", ""))
    label = " ".join(part for part in (series, number) if part) if series else ""
    return Text(" (", label, ")") if label else Text()


@template_node
def _book_parenthetical(children: list[Any], context: dict[str, Any]) -> BaseText:
    edition = _edition.format_data(context)
    return Text(" (", edition, ")") if edition else Text()


@template_node
def _chapter_locator(children: list[Any], context: dict[str, Any]) -> BaseText:
    entry = context["entry"]
    parts = [part for part in (_edition.format_data(context), _pages(prefix="s. ").format_data(context)) if part]
    if not parts and entry.fields.get("chapter"):
        parts = [Text("kap. ", latex_to_plain(entry.fields["chapter"]))]
    return Text(" (", Text(", ").join(parts), ")") if parts else Text()


@template_node
def _journal_locator(children: list[Any], context: dict[str, Any]) -> BaseText:
    """`, *18*(4), 543–571` — volume in italics, issue, pages or article number."""
    entry = context["entry"]
    volume = _field_text(entry, "volume")
    number = _field_text(entry, "number")
    issue: list[Any] = []
    if volume is not None:
        issue.append(Tag("em", volume))
    if number is not None:
        issue += ["(", number, ")"]
    parts: list[BaseText] = [Text(*issue)] if issue else []
    pages = _pages.format_data(context)
    if pages:
        parts.append(pages)
    elif entry.fields.get("eid"):
        parts.append(Text("Artikkel ", latex_to_plain(entry.fields["eid"])))
    return Text(", ", Text(", ").join(parts)) if parts else Text()


def _ending(*blocks: Node) -> Node:
    return join(sep=" ")[blocks]


class NorwegianApaStyle:
    """Reference templates per BibTeX entry type, written with pybtex's template language."""

    def article(self) -> Node:
        return _ending(
            _author_block,
            _date,
            sentence(sep="")[_title],
            sentence(sep="")[_journal_source],
            _link,
        )

    def book(self) -> Node:
        return _ending(
            _author_block,
            _date,
            sentence(sep="")[_title(italic=True), _series_label, _book_parenthetical],
            _publisher,
            _link,
        )

    def incollection(self) -> Node:
        return _ending(
            _author_block,
            _date,
            sentence(sep="")[_title],
            sentence(sep="")["I ", _chapter_editors, _title(name="booktitle", italic=True), _chapter_locator],
            _publisher,
            _link,
        )

    def techreport(self) -> Node:
        return _ending(
            _author_block,
            _date,
            sentence(sep="")[_title(italic=True), _report_label],
            _publisher(name="institution"),
            _link,
        )

    def thesis(self, kind: str) -> Node:
        return _ending(
            _author_block,
            _date,
            sentence(sep="")[_title(italic=True), " [", kind, "]"],
            _publisher(name="school"),
            _link,
        )

    def web(self) -> Node:
        return _ending(
            _author_block,
            _date,
            sentence(sep="")[_title(italic=True)],
            first_of[optional[_publisher(name="organization")], optional[_publisher]],
            _link,
        )

    def template_for(self, entry: Entry) -> Node:
        kind = entry.type.lower()
        if kind == "article":
            return self.article()
        if kind in ("book", "proceedings", "collection"):
            return self.book()
        if kind in ("incollection", "inbook", "inproceedings"):
            return self.incollection()
        if kind in ("techreport", "report"):
            return self.techreport()
        if kind == "phdthesis":
            return self.thesis("Doktorgradsavhandling")
        if kind in ("mastersthesis", "thesis"):
            return self.thesis("Masteroppgave")
        return self.web()

    def format_reference(self, entry: Entry, year_label: str, lang: str | None, page_lang: str) -> BaseText:
        """The reference-list entry as rich text; `lang` marks the title if it differs from the page."""
        context = {"entry": entry, "year_label": year_label, "lang": lang, "page_lang": page_lang}
        result: BaseText = self.template_for(entry).format_data(context)
        return result


@template_node
def _journal_source(children: list[Any], context: dict[str, Any]) -> BaseText:
    journal = _field(name="journal", missing="tidsskrift").format_data(context)
    return Text(Tag("em", journal), _journal_locator.format_data(context))


# --- in-text citations and sorting ------------------------------------------------------


def in_text_names(entry: Entry) -> tuple[str, str]:
    """The author part of an in-text citation: (parenthetical, narrative).

    One or two authors are always named; three or more become the first author + `et al.`.
    """
    persons, _ = responsible_persons(entry)
    surnames = [str(_surname(person)) for person in persons]
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
            letter = chr(ord("a") + index)
            labels[key] = f"{year}-{letter}" if year == NO_YEAR else f"{year}{letter}"
    return labels
