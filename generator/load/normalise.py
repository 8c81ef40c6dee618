"""Load stage helper: BibTeX and BibLaTeX as reference managers export them -> the entries the APA
formatter reads, with only the fields that may be published.

Zotero (Better BibLaTeX and the built-in exporters), JabRef, EndNote and Mendeley write the same
work in different dialects. Here each entry gets:

- its `crossref` and `xdata` fields resolved across all .bib files (biblatex's inheritance: the
  parent's `title` becomes a chapter's `booktitle`);
- the biblatex names mapped as biblatex documents its aliases (`journaltitle` -> `journal`,
  `date` -> `year`, `langid` -> `language`, a thesis's `institution`
  -> `school`), and entry types mapped onto the ones the formatter has templates for (Scopus's
  chapter, `@BOOK{type = {Book chapter}}` with the book's title in `journal`, is an `@incollection`);
- title protection that an exporter put around every capitalised word removed, so that the
  title can be set in sentence case;
- every field outside `PUBLIC_FIELDS` dropped: file paths, abstracts, notes, owners, time
  stamps, `mendeley-*` and the publisher's address (`address`, `location`: APA 7 gives no place
  of publication, and Web of Science exports a street address) never reach a page or a download;
- a `url` that is a Scopus or Web of Science record (a tracking address, not the work) dropped
  and listed in `tracking_urls`, for `check_bibliography` to say why.

Problems that need the researcher (an unknown parent, a thesis of unknown kind) are reported
by `check_bibliography`; this stage only maps what it can map without guessing.

Over 350 lines: the dialects above are tables of names and types plus one pass per entry that
applies them in order; parted, the order they depend on (crossref before the aliases, the aliases
before the type mapping) would be read across files.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pybtex.database import Entry, Person

from generator.core.apa import IN_PRESS, NO_YEAR
from generator.core.latex import html_entities_decoded, latex_to_plain
from generator.core.markup import host_within
from generator.load.bibliography import BibEntry

# The fields a reference, a source page or a download may carry. `urldate` only for web pages;
# `keywords` only when summary.yaml says `publiser_emneord: true` (generator/model/build.py drops them).
PUBLIC_FIELDS = frozenset(
    {
        "title",
        "journal",
        "booktitle",
        "year",
        "month",
        "volume",
        "number",
        "pages",
        "eid",
        "chapter",
        "edition",
        "series",
        "publisher",
        "institution",
        "school",
        "organization",
        "type",
        "isbn",
        "issn",
        "doi",
        "url",
        "language",
        "keywords",
    }
)
UNDATED = frozenset({"u.å.", "u.a.", "n.d.", "nd"})  # how a researcher declares a work undated on purpose
# A work accepted but not yet published, as a year or date (Zotero, EndNote, by hand) or as biblatex `pubstate`.
IN_PRESS_VALUES = frozenset({"i trykk", "in press", "inpress", "forthcoming"})

# biblatex manual, 2.2.5 "Field Aliases", read the other way; `institution` is handled per type.
_FIELD_ALIASES = {"journaltitle": "journal", "langid": "language", "keyword": "keywords"}
# Fields that are read into public ones (`date` into `year`), so an import does not call them dropped.
MAPPED_FIELDS = frozenset(_FIELD_ALIASES) | {"date", "crossref", "xdata", "subtitle", "howpublished", "pubstate"}
# biblatex manual, 2.1.2 "Type Aliases" and the types JabRef, EndNote and Mendeley write.
_TYPE_ALIASES = {
    "conference": "inproceedings",
    "electronic": "online",
    "www": "online",
    "webpage": "online",
    "collection": "book",
    "mvbook": "book",
    "proceedings": "book",
    "booklet": "book",
    "mvcollection": "book",
    "report": "techreport",  # the classic name, so the BibTeX download reads in BibTeX as well
}
PHD_TYPES = frozenset(
    {
        "phdthesis",
        "phd thesis",
        "ph.d. thesis",
        "phd dissertation",
        "ph.d. dissertation",
        "doctoral thesis",
        "doctoral dissertation",
        "dissertation",
        "doktorgradsavhandling",
        "doktoravhandling",
        "ph.d.-avhandling",
        "phd-avhandling",
        "dr.philos.-avhandling",
    }
)
MASTER_TYPES = frozenset(
    {
        "mathesis",
        "mastersthesis",
        "master's thesis",
        "masters thesis",
        "master thesis",
        "ma thesis",
        "msc thesis",
        "masteroppgave",
        "masteravhandling",
        "hovedoppgave",
    }
)
# Babel and polyglossia names (langid) and the codes Zotero writes (language), onto vocabulary.yaml.
_LANGUAGES = {
    **dict.fromkeys(
        ("en", "en-us", "en-gb", "eng", "english", "american", "british", "usenglish", "ukenglish", "engelsk"),
        "english",
    ),
    **dict.fromkeys(("no", "nb", "nn", "nob", "nor", "norsk", "nynorsk", "bokmal", "bokmål", "norwegian"), "norwegian"),
    **dict.fromkeys(("da", "dan", "danish", "dansk"), "danish"),
    **dict.fromkeys(("sv", "swe", "swedish", "svenska", "svensk"), "swedish"),
}
_ESCAPED_IN_ADDRESS = re.compile(r"\{\\([_%&#$~])\}|\\([_%&#$~])")
# Values that are never text to protect: a number, a date, an identifier or an address.
_PLAIN_VALUES = ("year", "date", "month", "volume", "number", "pages", "doi", "issn", "isbn", "url", "eid", "edition")
_CHAPTER_TYPES = frozenset({"book chapter", "chapter"})  # Scopus's document type for a chapter
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-\d{2})?[~?%]?(?:/(?:(\d{4})(?:-\d{2}){0,2}[~?%]?|\.\.)?)?\Z")
_DATE_PARTS = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_URL_COMMAND = re.compile(r"^\s*\\url\s*\{([^{}]*)\}\s*$")
# Exporter protection around capitalised words (not acronyms or names with inner capitals such as
# {McDonald} or {NAV}): Better BibTeX writes `{{Different Types}}`, Mendeley and JabRef
# `{{Whole Title}}`, Zotero's built-in exporter `{Governance}` or `{G}overnance` around every word.
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]*(?:-[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ'’]*)*"
_DOUBLE_BRACED = re.compile(rf"\{{\{{({_CAPITALISED}(?: {_CAPITALISED})*)\}}\}}")
_BRACED_WORD = re.compile(rf"\{{({_CAPITALISED})\}}|\{{([A-ZÀ-ÖØ-Þ])\}}(?=[a-zß-öø-ÿ])")
# Braces before a word are read from the start of their run only, and never given back: "{" × 4,000
# would otherwise be read again from each brace (quadratic).
_WORD = re.compile(r"(?<![{}])[{}]*+([^\W\d_][\w'’-]*)")
# After a word, from the start of the space run only (linear); `2 : 1`, a ratio, stays.
_LIBRARY_COLON = re.compile(r"(?<=[^\W\d_]|[)?!])\s++:(?=\s)")
_SMALL_WORDS = 3  # words this short (a, of, the, and, in) are lower case in Title Case too
# Citation indexes' record pages (Scopus' `inward/record.uri?eid=…&md5=…`, Web of Science's
# `full-record/WOS:…`): a reader needs a subscription, and the index counts the visit.
# Citation indexes and library catalogues (Oria runs on Ex Libris Primo): a record, not the work.
_TRACKING_HOSTS = ("scopus.com", "webofscience.com", "webofknowledge.com", "oria.no", "exlibrisgroup.com")


@dataclass(frozen=True)
class NormalisedEntries:
    """The normalised entries, and the keys that are only there as a parent (`crossref`, `xdata`)."""

    entries: tuple[BibEntry, ...]
    parents: frozenset[str]
    unresolved: tuple[tuple[BibEntry, str, str], ...]  # (entry, field, the key it names that does not exist)
    tracking_urls: tuple[tuple[BibEntry, str], ...] = ()  # (entry as written, the url dropped)
    containers: tuple[BibEntry, ...] = ()  # the @xdata entries as written: not works, only inherited from
    dated: frozenset[str] = frozenset()  # the keys whose year is read from biblatex `date`: a message names that field


def normalise(entries: Sequence[BibEntry]) -> NormalisedEntries:
    by_key = {item.key.lower(): item for item in entries}
    parents: set[str] = set()
    unresolved: list[tuple[BibEntry, str, str]] = []
    tracking: list[tuple[BibEntry, str]] = []
    containers: list[BibEntry] = []
    normalised = []
    dated: set[str] = set()
    for item in entries:
        fields, persons = _inherited(item, by_key, parents, unresolved)
        if fields.get("date", "").strip() and not fields.get("year", "").strip():
            dated.add(item.key)
        if item.entry.type.lower() == "xdata":
            containers.append(item)  # a data container, never a work of its own (biblatex)
            continue
        if is_tracking_url(fields.get("url", "")):
            tracking.append((item, fields.pop("url").strip()))
        normalised.append(BibEntry(item.key, _normalised_entry(item.entry, fields, persons), item.path, item.line))
    _unabbreviated_journals(normalised)
    return NormalisedEntries(
        tuple(normalised), frozenset(parents), tuple(unresolved), tuple(tracking), tuple(containers), frozenset(dated)
    )


def is_tracking_url(url: str) -> bool:
    """True for an address on Scopus or Web of Science, which is never the work's own address."""
    return host_within(url.strip(), _TRACKING_HOSTS)


Fields = dict[str, str]
Persons = dict[str, list[Person]]


def _lowered(entry: Entry) -> tuple[Fields, Persons]:
    fields = {name.lower(): value for name, value in entry.fields.items()}
    persons = {role.lower(): list(people) for role, people in entry.persons.items()}
    return fields, persons


def _inherited(
    item: BibEntry, by_key: Mapping[str, BibEntry], parents: set[str], unresolved: list[tuple[BibEntry, str, str]]
) -> tuple[Fields, Persons]:
    """The entry's fields and names with what `xdata` and `crossref` give it (one level, as a
    reference manager writes them; the entry's own values win)."""
    fields, persons = _lowered(item.entry)
    for link in ("xdata", "crossref"):
        for parent_key in filter(None, (part.strip() for part in fields.pop(link, "").split(","))):
            parent = by_key.get(parent_key.lower())
            if parent is None or parent is item:
                unresolved.append((item, link, parent_key))
                continue
            parents.add(parent.key)
            parent_fields, parent_persons = _lowered(parent.entry)
            parent_fields.pop("crossref", None)
            parent_fields.pop("xdata", None)
            if link == "crossref":
                _as_container(parent_fields, parent_persons)
            for name, value in parent_fields.items():
                fields.setdefault(name, value)
            for role, people in parent_persons.items():
                persons.setdefault(role, people)
    return fields, persons


def _as_container(fields: Fields, persons: Persons) -> None:
    """A crossref parent is the book or proceedings: its title is the child's booktitle, its
    authors are not the chapter's authors (biblatex manual, appendix B), and its DOI, address
    and pages are the book's, not the chapter's."""
    if "title" in fields:
        fields["booktitle"] = fields.pop("title")
    for name in ("subtitle", "doi", "url", "pages", "eid"):
        fields.pop(name, None)
    persons.pop("author", None)


def _normalised_entry(original: Entry, fields: Fields, persons: Persons) -> Entry:
    kind = _TYPE_ALIASES.get(original.type.lower(), original.type.lower())
    fields = {name: html_entities_decoded(value) for name, value in fields.items()}
    for alias, name in _FIELD_ALIASES.items():
        if alias in fields:
            value = fields.pop(alias)
            fields.setdefault(name, value)
    if "subtitle" in fields and "title" in fields:
        fields["title"] = f"{fields['title'].rstrip()}: {fields.pop('subtitle').strip()}"
    for name in _PLAIN_VALUES:
        if _one_group(fields.get(name, "").strip()):  # Web of Science braces every value: DOI = {{10.…}}
            fields[name] = fields[name].strip()[1:-1]
    for name in ("doi", "url"):
        if name in fields:  # an address is not LaTeX: Mendeley's `{\_}` and an escaped `\_` are a plain `_`
            fields[name] = _ESCAPED_IN_ADDRESS.sub(lambda match: match.group(1) or match.group(2), fields[name])
    _date(fields)
    if "institution" in fields and kind in ("thesis", "phdthesis", "mastersthesis"):
        fields.setdefault("school", fields.pop("institution"))
    kind = _thesis_kind(kind, fields)
    kind = _scopus_chapter(kind, fields)
    if kind not in ("techreport", "thesis"):
        fields.pop("type", None)  # EndNote's `type = {Journal Article}`: the entry type says it already
    if kind == "inbook":
        kind = "incollection" if "booktitle" in fields else "book"
    _howpublished_url(fields)
    if "language" in fields:
        fields["language"] = _LANGUAGES.get(latex_to_plain(fields["language"]).strip().lower(), fields["language"])
    for name in ("title", "booktitle", "journal"):
        if name in fields:
            # Library catalogues (Oria, Citavi) write ` : ` before a subtitle, as ISBD does.
            fields[name] = _LIBRARY_COLON.sub(":", without_exporter_protection(fields[name]))
    if "journal" in fields:
        fields["journal"] = journal_title_case(fields["journal"], fields.get("language", ""))
    public = {
        name: value.strip()
        for name, value in fields.items()
        if (name in PUBLIC_FIELDS or (name == "urldate" and kind == "online")) and value.strip()
    }
    # The exports write the mapped type, not the exporter's dialect.
    return Entry(kind, fields=public, persons={role: people for role, people in persons.items() if people})


def _date(fields: Fields) -> None:
    """biblatex `date` (2019, 2019-05, 2019-05-01, ranges 2019/2020, open 2019/..) -> year and month;
    `u.å.` and a work in press (`forthcoming`, `pubstate = {inpress}`) -> their year labels."""
    year = fields.get("year", "").strip()
    date = fields.pop("date", "").strip()
    pubstate = latex_to_plain(fields.pop("pubstate", "")).strip().lower()
    if year.lower() in UNDATED or (not year and date.lower() in UNDATED):
        fields["year"] = NO_YEAR
        return
    # APA cites a work in press without a year, whatever year it is expected: `(i trykk)`, never as published.
    if pubstate in IN_PRESS_VALUES or (year or date).lower() in IN_PRESS_VALUES:
        fields["year"] = IN_PRESS
        fields.pop("month", None)
        return
    if year or not date:
        if re.fullmatch(r"\d{4}\s*-{1,3}\s*\d{4}", year):
            start, end = re.split(r"\s*-+\s*", year)
            fields["year"] = f"{start}–{end}"
        return
    match = _DATE.match(date)
    if not match or not _days_exist(date):
        fields["year"] = date  # reported by the year check, with the value: 2026-02-31 must not lose its day silently
        return
    start, month, end = match.groups()
    fields["year"] = f"{start}–{end}" if end and end != start else start
    if month and "month" not in fields and "/" not in date:  # a range's first month is not the work's month
        fields["month"] = str(int(month))


def _days_exist(date: str) -> bool:
    """False for a biblatex date with a day or month the calendar lacks (2026-02-31, 2026-13)."""
    for year, month, day in _DATE_PARTS.findall(date):
        try:
            datetime.date(int(year), int(month), int(day or 1))
        except ValueError:
            return False
    return True


def _thesis_kind(kind: str, fields: Fields) -> str:
    """@thesis with type = {phdthesis} (Better BibLaTeX) or {Doctoral dissertation} (EndNote) ->
    phdthesis or mastersthesis; an unknown kind stays `thesis`, which the check reports."""
    if kind not in ("thesis", "phdthesis", "mastersthesis"):
        return kind
    stated = latex_to_plain(fields.get("type", "")).strip().lower().rstrip(".")
    if stated in PHD_TYPES:
        kind = "phdthesis"
    elif stated in MASTER_TYPES:
        kind = "mastersthesis"
    if kind != "thesis" and (stated in PHD_TYPES or stated in MASTER_TYPES):
        fields.pop("type", None)  # the kind says it; the label comes from the template
    return kind


def _scopus_chapter(kind: str, fields: Fields) -> str:
    """Scopus exports a book chapter as `@BOOK{…, journal = {Book title}, type = {Book chapter}}`:
    a chapter, whose book's title is its booktitle."""
    if kind != "book" or latex_to_plain(fields.get("type", "")).strip().lower() not in _CHAPTER_TYPES:
        return kind
    if "journal" in fields:
        fields.setdefault("booktitle", fields.pop("journal"))
    return "incollection"


def _howpublished_url(fields: Fields) -> None:
    """@misc{howpublished = {\\url{https://…}}} (the natbib convention) -> url."""
    howpublished = fields.pop("howpublished", "")
    if "url" in fields or not howpublished:
        return
    command = _URL_COMMAND.match(howpublished)
    address = command.group(1).strip() if command else howpublished.strip()
    if address.lower().startswith(("https://", "http://")):
        fields["url"] = address


def without_exporter_protection(value: str) -> str:
    """The title without the braces an exporter put around it or around its capitalised words.

    When the title is in Title Case, that protection keeps nothing a person chose, and APA's
    sentence case needs it gone: double braces always, single braces around one word when every
    capitalised word has them (a person braces the names, `{Oslo}`, `{New Public Management}`).
    A title in sentence case keeps its braces: there they mark names and acronyms."""
    inner = value.strip()
    if _one_group(inner):
        inner = inner[1:-1]
    if not _title_case(inner):
        return value
    inner = _DOUBLE_BRACED.sub(r"\1", inner)
    if not _capitalised_words(_BRACED_WORD.sub("", inner)):  # every capitalised word is braced
        inner = _BRACED_WORD.sub(lambda match: next(group for group in match.groups() if group), inner)
    return inner


def _one_group(value: str) -> bool:
    """True when the whole value is one brace group: `{…}` with the first brace closing last."""
    if not (value.startswith("{") and value.endswith("}")) or value.startswith("{\\"):
        return False
    depth = 0
    for index, character in enumerate(value):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth == 0 and index < len(value) - 1:
            return False
    return True


def _significant_words(value: str) -> list[str]:
    """The words after the first that are longer than a small word (a, of, the, and)."""
    return [word for word in [match.group(1) for match in _WORD.finditer(value)][1:] if len(word) > _SMALL_WORDS]


def _capitalised_words(value: str) -> int:
    return sum(1 for word in _significant_words(value) if word[0].isupper())


def _title_case(value: str) -> bool:
    """Most significant words start with a capital."""
    significant = _significant_words(value)
    return len(significant) >= 2 and _capitalised_words(value) * 4 >= len(significant) * 3


# --- journal names --------------------------------------------------------------------------

# APA title case keeps these lower case except as the first word (or after a colon).
_TITLE_SMALL = frozenset({"of", "and", "the", "in", "for", "on", "a", "an", "to"})
# A Scandinavian journal name is in sentence case by its own rule (`Tidsskrift for samfunnsforskning`).
_SCANDINAVIAN = re.compile(
    r"[æøåÆØÅäöÄÖ]|\b(?:og|och|i|om|av|til|till|på|med|tidsskrift|tidskrift|norsk|norske|nordisk|nordiske|"
    r"dansk|danske|svensk|svenska)\b",
    re.IGNORECASE,
)
_LATEX_WORD = re.compile(r"\\[A-Za-z]|[{}]")  # a command or a group, not an escape such as \&
_SCANDINAVIAN_LANGUAGES = frozenset({"norwegian", "danish", "swedish"})
# `Public Manag. Rev.`, `J. Public Adm. Res. Theory`: a word cut short with a full stop.
ABBREVIATED = re.compile(r"(?<![\w.])[A-Za-z]{1,8}\.\s")  # inside: `Review.` at the end is a stray full stop


def journal_title_case(value: str, language: str) -> str:
    """A journal name in ALL CAPS (Web of Science) or lower or sentence case (Google Scholar) in
    title case; a name already in title case, or with LaTeX markup in a word, stays as written."""
    words = value.split(" ")
    letters = [character for character in latex_to_plain(value) if character.isalpha()]
    if len(letters) < 2 or any(_LATEX_WORD.search(word) for word in words):
        return value
    all_caps = all(character.isupper() for character in letters)
    later = [word for word in words[1:] if word[:1].isalpha() and word.lower() not in _TITLE_SMALL]
    # In a mixed-case original a word in capitals is an acronym (OECD), not a word to lower.
    lower_later = [word for word in later if not (word.isupper() and len(word) > 1)]
    if not all_caps and any(word[0].isupper() for word in lower_later):
        return value  # already in title case (or mixed on purpose)
    scandinavian = language in _SCANDINAVIAN_LANGUAGES or bool(_SCANDINAVIAN.search(value))
    if scandinavian and not all_caps and not all(character.islower() for character in letters):
        return value  # sentence case is right for a Scandinavian name
    cased = []
    after_colon = True
    for word in words:
        keep = not all_caps and word.isupper() and len(word) > 1
        lowered = word if keep else word.lower()
        small = lowered in _TITLE_SMALL and not after_colon
        if keep or small or (scandinavian and not after_colon):
            cased.append(lowered)
        else:
            cased.append("-".join(part[:1].upper() + part[1:] for part in lowered.split("-")))
        after_colon = word.endswith(":") or (after_colon and not word)
    return " ".join(cased)


def _issns(entry: Entry) -> set[str]:
    return set(re.findall(r"\d{4}-?\d{3}[\dXx]", entry.fields.get("issn", "")))


def _unabbreviated_journals(entries: Sequence[BibEntry]) -> None:
    """An abbreviated journal name gets the full name another entry with the same ISSN has; what is
    left abbreviated is reported by `check_bibliography` (bib-journal-abbrev)."""
    full: dict[str, str] = {}
    for item in entries:
        journal = item.entry.fields.get("journal", "")
        if journal and not ABBREVIATED.search(latex_to_plain(journal)):
            for issn in _issns(item.entry):
                full.setdefault(issn.replace("-", "").upper(), journal)
    for item in entries:
        journal = item.entry.fields.get("journal", "")
        if journal and ABBREVIATED.search(latex_to_plain(journal)):
            names = [full[key] for key in sorted(i.replace("-", "").upper() for i in _issns(item.entry)) if key in full]
            if names:
                item.entry.fields["journal"] = names[0]
