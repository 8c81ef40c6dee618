"""Check stage helper: checks of the BibTeX entries themselves.

Over 350 lines: one small `_check_*` per aspect of an entry (fields, year, links, names, title,
journal, language, characters, look-alike keys, likely duplicates), run in one pass by
`check_bibliography`, which holds the indexes across entries they share.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pybtex.database import Person

from generator.check.schema import did_you_mean
from generator.check.work_identity import work_identity
from generator.core.apa import IN_PRESS, NO_YEAR, bare_doi
from generator.core.characters import described, first_refused, shown
from generator.core.dates import iso_dates, missing_day, norwegian_date
from generator.core.diagnostics import Diagnostics
from generator.core.identifiers import explain, explain_look_alike, is_identifier, skeleton
from generator.core.latex import latex_to_plain
from generator.core.layout import CHECKS, VOCABULARY
from generator.core.markup import is_web_url
from generator.load.bibliography import BibEntry
from generator.load.normalise import ABBREVIATED, NormalisedEntries

_TitleMark = tuple[bool, str, str, str]  # a part or not, title, year, first author (work_identity)
# Without these a reference would need a placeholder ("[mangler tittel]", "u.å."): errors.
_REQUIRED_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("title",), ("journal",), ("year",)),
    "book": (("title",), ("year",)),
    "incollection": (("title",), ("booktitle",), ("year",)),
    "inproceedings": (("title",), ("booktitle",), ("year",)),
    "techreport": (("title",), ("year",)),
    "phdthesis": (("title",), ("year",)),
    "mastersthesis": (("title",), ("year",)),
    "online": (("title",), ("year",)),
    "misc": (("title",), ("year",)),
    "unpublished": (("title",), ("year",)),
}
# Without these the reference is shorter than APA wants, but right: warnings.
_RECOMMENDED_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("volume",), ("pages", "eid")),
    "book": (("author", "editor"), ("publisher",)),
    "incollection": (("author",), ("publisher",), ("pages", "chapter")),
    "inproceedings": (("author",), ("pages", "chapter")),
    "techreport": (("institution", "author"),),
    "phdthesis": (("author",), ("school",)),
    "mastersthesis": (("author",), ("school",)),
    "online": (("url",),),
}
_HOW_TO_ADD = {
    "year": "skriv year = {2019} eller date = {2019-05-01}; er kilden uten år, skriv year = {u.å.}",
    "journal": "skriv journal = {Tidsskriftets navn} (eller journaltitle)",
    "booktitle": "skriv booktitle = {Bokas tittel}, eller crossref = {nøkkelen til boka}",
    "title": "skriv title = {Tittelen}",
}
_YEAR = re.compile(r"[0-9]{4}(–[0-9]{4})?")
_DOI = re.compile(r"^10\.\d{4,9}/\S*[^\s.,;:]\Z", re.ASCII)
# Words that make an author an organisation (Norwegian, Danish, Swedish, English).
_ORGANISATION_WORDS = re.compile(
    r"\b(kommune|kommunes|fylkeskommune|departement|departementet|direktorat|direktoratet|forbund|"
    r"kommunesektorens|institutt|instituttet|universitet|universitetet|senter|regjeringen|stortinget|styrelsen|"
    r"ministeriet|council|ministry|department|agency|association|institute|university|organisation|"
    r"organization|foundation|commission|committee|centre|center|oecd|ks|nav|ssb|fhi)\b",
    re.IGNORECASE,
)


def check_bibliography(
    bibliography: NormalisedEntries,
    coded: set[str],
    languages: Mapping[str, object] | None,
    known_missing: Mapping[str, frozenset[str]],
    broken_files: frozenset[str],
    diagnostics: Diagnostics,
) -> None:
    """Report duplicate keys across files, missing fields, bad DOIs, URLs and names, and likely duplicates.
    Entries in `broken_files` (a syntax error may have cut them short) get no message about missing fields."""
    for item, url in bibliography.tracking_urls:
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-tracking-url",
            f"nettadressen i {item.key} ('{url[:60]}') er en post i Scopus, Web of Science eller en "
            "bibliotekskatalog (Oria), ikke verket selv; den vises ikke. Slett url, eller skriv inn forlagets eller "
            "arkivets adresse (DOI-en lenker til verket)",
        )
    for item, link, parent in bibliography.unresolved:
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-crossref",
            f"'{item.key}' har {link} = {{{parent}}}, men ingen oppføring i literature/*.bib har nøkkelen "
            f"'{parent}'; legg til oppføringen for boka eller konferansen, eller fjern feltet",
        )
    seen: dict[str, BibEntry] = {}
    by_skeleton: dict[str, BibEntry] = {}
    by_doi: dict[str, BibEntry] = {}
    by_title: dict[_TitleMark, BibEntry] = {}
    for item in bibliography.entries:
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
        _check_look_alike(item, by_skeleton, diagnostics)
        if not is_identifier(item.key):
            diagnostics.add(item.path, item.line, 1, "bib-key", explain(item.key, "nøkkelen"))
        _check_characters(item, diagnostics)
        if item.path not in broken_files:
            _check_fields(item, known_missing.get(item.key, frozenset()), diagnostics)
        _check_year(item, item.key in bibliography.dated, diagnostics)
        _check_links(item, diagnostics)
        _check_names(item, diagnostics)
        _check_title(item, diagnostics)
        _check_journal(item, diagnostics)
        _check_language(item, languages, diagnostics)
        if item.key not in coded and item.key not in bibliography.parents:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "entry-without-source",
                f"'{item.key}' har ingen kodefil; lag literature/sources/{item.key}.yaml (make new KEY={item.key})",
            )
        _check_likely_duplicate(item, by_doi, by_title, diagnostics)


def _check_look_alike(item: BibEntry, by_skeleton: dict[str, BibEntry], diagnostics: Diagnostics) -> None:
    earlier = by_skeleton.setdefault(skeleton(item.key), item)
    if earlier is not item:
        where = f"{earlier.path}:{earlier.line}"
        message = explain_look_alike(item.key, earlier.key, "nøkkelen", where)
        diagnostics.add(item.path, item.line, 1, "confusable-id", message)


# A LaTeX command or an HTML entity (Crossref) can make the character: the file does not show it.
_LATEX_MADE = "slett det, eller koden som lager det (LaTeX-kommandoen \\- og HTML-koden &#173; er myke bindestreker)"


def _check_characters(item: BibEntry, diagnostics: Diagnostics) -> None:
    """The gate on every published value as it is shown, after @string expansion and LaTeX decoding:
    a control sequence can make a character the file does not show (`\\-` is a soft hyphen). Nothing
    else in LaTeX makes a new character, so only values with a backslash are decoded here."""
    values = [("feltet", name, value) for name, value in item.entry.fields.items()]
    values += [
        ("et navn i", role.lower(), " ".join(person.lineage_names) + " " + _as_written(person))
        for role, persons in item.entry.persons.items()
        for person in persons
    ]
    for kind, name, value in values:
        refused = first_refused(latex_to_plain(value) if "\\" in value else value)
        if refused is not None:
            message = refused.message(f"{kind} {name} i {item.key}", _LATEX_MADE)
            diagnostics.add(item.path, item.line, 1, refused.code, message)


def _check_fields(item: BibEntry, known_missing: frozenset[str], diagnostics: Diagnostics) -> None:
    entry = item.entry
    present = {name.lower() for name, value in entry.fields.items() if value.strip()}
    present |= {role.lower() for role, persons in entry.persons.items() if persons}
    kind = entry.type.lower()
    if kind == "thesis":
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-thesis-type",
            f"@thesis{{{item.key}}} sier ikke hva slags avhandling det er; skriv type = {{phdthesis}} "
            "(doktorgradsavhandling) eller type = {mathesis} (masteroppgave)",
        )
        kind = "phdthesis"
    for alternatives in _REQUIRED_FIELDS.get(kind, (("title",), ("year",))):
        if not present & set(alternatives):
            diagnostics.add(
                item.path,
                item.line,
                1,
                "bib-required-field",
                f"@{kind}{{{item.key}}} mangler feltet {alternatives[0]}, som referansen ikke kan vises uten; "
                + _HOW_TO_ADD[alternatives[0]],
            )
    # A work in press has no volume or pages yet: asking for them would make every such entry a warning.
    in_press = entry.fields.get("year", "").strip() == IN_PRESS
    for alternatives in _RECOMMENDED_FIELDS.get(kind, ()):
        if in_press and set(alternatives) & {"volume", "pages", "number"}:
            continue
        if not present & set(alternatives) and not known_missing & set(alternatives):
            diagnostics.add(
                item.path,
                item.line,
                1,
                "bib-missing-field",
                f"@{kind}{{{item.key}}} mangler feltet {' eller '.join(alternatives)}; legg det til hvis det "
                f"finnes (referansen vises uten), eller før det opp under kjent_mangler i {CHECKS} med grunnen",
            )
    if kind not in _REQUIRED_FIELDS:
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-entry-type",
            f"oppføringstypen @{kind} har ingen egen APA-mal; referansen vises med tittel, utgiver og adresse. "
            f"Bruk en av {', '.join('@' + name for name in _REQUIRED_FIELDS)} hvis en passer",
        )


def _check_year(item: BibEntry, dated: bool, diagnostics: Diagnostics) -> None:
    """A year that is not four digits, named by the field that holds it (`dated`: biblatex `date`, which
    the loader reads into the year), with the ISO date to write instead when the value is a date."""
    year = item.entry.fields.get("year", "").strip()
    if not year or year in (NO_YEAR, IN_PRESS) or _YEAR.fullmatch(year):
        return
    shown = year[:40].encode("unicode_escape").decode("ascii")

    def replace(fix: str) -> str:  # a `date` is rewritten in place; a date in `year` needs that line replaced
        return f"skriv {fix} i stedet" if dated else f"erstatt year = {{{shown}}} med {fix}"

    fixes = [f"date = {{{iso}}} ({norwegian_date(iso)})" for iso in iso_dates(year)]
    missing = missing_day(year)
    if missing:
        month = f"{missing[0]:04d}-{missing[1]:02d}"
        how = f": {missing[2]}. {norwegian_date(month)} finnes ikke. Rett dagen, eller " + replace(
            f"bare måneden, date = {{{month}}} ({norwegian_date(month)})"
        )
    elif len(fixes) == 1:
        how = f" er en dato skrevet på en annen måte: {replace(fixes[0])}"
    elif fixes:
        how = f" er en dato som kan leses på {len(fixes)} måter: {replace(' eller '.join(fixes))}, den som stemmer"
    elif dated:
        how = (
            " er ingen dato som kan leses: skriv date = {2019}, {2019-05} eller {2019-05-01} (år, måned, dag), "
            "og en kilde uten år date = {u.å.}"
        )
    else:
        how = (
            " skal være fire sifre, for eksempel 2019 (eller date = {2019-05-01}); a/b for samme forfatter og år "
            "lages automatisk, og en kilde uten år skrives year = {u.å.}"
        )
    name = "datoen" if dated else "året"
    diagnostics.add(item.path, item.line, 1, "bib-year", f"{name} '{shown}' i {item.key}{how}")


def _check_links(item: BibEntry, diagnostics: Diagnostics) -> None:
    doi = item.entry.fields.get("doi", "").strip()
    bare = bare_doi(doi)
    foreign = next((character for character in doi if not character.isascii()), None)
    if foreign is not None:  # look-alike letters and other digits would escape the duplicate check
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-doi",
            f"DOI-en i {item.key} har tegnet '{shown(foreign)}' ({described(foreign)}), som ikke er "
            "ASCII; en DOI har bare ASCII-bokstaver, -sifre og -tegn. Skriv den av fra doi.org, ikke fra en PDF",
        )
    elif doi and not _DOI.match(bare):
        fix = bare.rstrip(".,;: ")
        hint = f"; skriv doi = {{{fix}}}" if _DOI.match(fix) else "; skriv den som 10.1234/abc"
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-doi",
            f"DOI-en '{doi}' i {item.key} har feil form (den ville gitt en død lenke){hint}",
        )
    elif bare != doi:
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-doi-form",
            f"DOI-en i {item.key} er skrevet som en adresse; skriv bare doi = {{{bare}}} (lenken lages automatisk)",
        )
    url = item.entry.fields.get("url", "").strip()
    if url and not is_web_url(url):  # "https://doi.org@evil.example" reads as doi.org but goes to evil.example
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-url",
            f"nettadressen i {item.key} må være en vanlig https://- eller http://-adresse (uten @ eller \\ før verten), men er '{url[:60]}'",
        )


def _check_names(item: BibEntry, diagnostics: Diagnostics) -> None:
    for role, persons in item.entry.persons.items():
        field = role.lower()
        for person in persons:
            name = latex_to_plain(_as_written(person))
            if name.lower() == "others":
                diagnostics.add(
                    item.path,
                    item.line,
                    1,
                    "bib-and-others",
                    f"{field} i {item.key} slutter med 'and others'; APA vil ha alle navnene (opptil 20). "
                    "Skriv dem inn; til da vises listen med 'et al.' til slutt",
                )
            elif _likely_organisation(person):
                diagnostics.add(
                    item.path,
                    item.line,
                    1,
                    "bib-corporate-author",
                    f"'{name}' i {field} i {item.key} ser ut som en organisasjon, men leses som etternavn og "
                    f"fornavn; skriv den i doble klammer: {field} = {{{{{name}}}}}",
                )


def _as_written(person: Person) -> str:
    """The name in reading order, as an organisation is written: `Trondheim kommune`."""
    return " ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names)


def _likely_organisation(person: Person) -> bool:
    """An organisation written without braces: pybtex split it into first and last names."""
    if not person.first_names and not person.middle_names:
        return False  # braced, or a single word: read whole
    return bool(_ORGANISATION_WORDS.search(latex_to_plain(_as_written(person))))


def _check_title(item: BibEntry, diagnostics: Diagnostics) -> None:
    title = latex_to_plain(item.entry.fields.get("title", ""))
    letters = [character for character in title if character.isalpha()]
    if len(letters) >= 8 and all(character.isupper() for character in letters):
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-title-caps",
            f"tittelen i {item.key} står med bare store bokstaver; skriv den slik den står i kilden, "
            "med vanlige store og små bokstaver (forkortelser i klammer: {NAV})",
        )


def _check_journal(item: BibEntry, diagnostics: Diagnostics) -> None:
    """An abbreviation that no entry with the same ISSN could fill in (normalise did what it could)."""
    journal = latex_to_plain(item.entry.fields.get("journal", ""))
    if ABBREVIATED.search(journal):
        diagnostics.add(
            item.path,
            item.line,
            1,
            "bib-journal-abbrev",
            f"tidsskriftet '{journal}' i {item.key} er forkortet; APA vil ha hele navnet, "
            "så skriv det slik tidsskriftet selv skriver det (journal = {Public Management Review})",
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
    item: BibEntry, by_doi: dict[str, BibEntry], by_title: dict[_TitleMark, BibEntry], diagnostics: Diagnostics
) -> None:
    """The import's identity (`work_identity`): the same DOI, or the same kind, title, year and first
    author; a chapter titled as its book is not the book."""
    work = work_identity(item.entry)
    doi = work.doi
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
    if work.title[0]:
        earlier = by_title.setdefault((work.part, *work.title), item)
        if earlier is not item:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "duplicate-title",
                f"'{item.key}' har samme tittel, år og førsteforfatter som '{earlier.key}' ({earlier.path}:{earlier.line}); "
                "slå dem sammen hvis det er samme kilde",
            )
