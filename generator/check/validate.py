"""Check stage: `RawEvidence` -> diagnostics (nothing else).

Checks every file against its schema, then the links between files: each source has a
BibTeX entry, every theme, controlled value, cited key and linked page exists, and every
theme is in the site navigation. All problems are reported; none stops the others.

Over 350 lines: the checks between files need the whole `RawEvidence` at once (keys, themes,
vocabulary, navigation); each `_check_*` is short, the length is their number. The checks of one
kind of content that stand alone are in their own modules (`check_bibliography`, `check_text`,
`check_confidence`, `prisma`, `schema`).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace
from typing import Any, cast

from generator.check import prisma
from generator.check.check_bibliography import check_bibliography
from generator.check.check_confidence import check_confidence
from generator.check.check_text import TextChecker
from generator.check.schema import Suggestions, check_schema, did_you_mean
from generator.core.cerqual import COMPONENTS, RULE, allowed_concerns, expected_level
from generator.core.codes import CODES, Severity
from generator.core.countries import (
    close_country,
    codes_in,
    country,
    iso_codes,
    norwegian_name,
    region,
    spelling,
    without_code,
)
from generator.core.diagnostics import Diagnostic, Diagnostics
from generator.core.identifiers import (
    COUNTRY_CODE,
    UNSETTLED_DESIGN,
    explain,
    explain_look_alike,
    is_identifier,
    look_alikes,
    reserved,
    suggestion,
)
from generator.core.kept import KeptPerKey
from generator.core.layout import CHECKS, GLOSSARY, MKDOCS, SUMMARY, VOCABULARY
from generator.core.markup import url_host
from generator.core.provenance import is_recognised, is_unlinked
from generator.load.evidence import RawEvidence, SourceFile, ThemeFile
from generator.load.yamlsafe import Path, YamlDocument

Vocabulary = dict[str, dict[str, dict[str, str]]]
_MAX_LISTED_CHOICES = 30
# The vocabulary group each context field draws from, and the code of its error.
_CONTEXT_FIELDS = {"land": "unknown-country", "nivå": "unknown-level", "sektor": "unknown-sector"}
# The form of a date; the schema reports any other form, this module a date not on the calendar.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def validate(raw: RawEvidence, diagnostics: Diagnostics, *, keep: bool = False) -> None:
    """Report every problem in the evidence base to `diagnostics`, and apply `checks.yaml`.

    `keep`: keep each source file's problems for the next such validation in this process, and
    take from the last one those of the files parsed the same."""
    known_missing = _apply_checks_config(raw.checks, diagnostics)
    vocabulary: Vocabulary | None = None
    if raw.vocabulary is not None and _checked(raw.vocabulary, VOCABULARY, "vocabulary", diagnostics):
        vocabulary = cast(Vocabulary, raw.vocabulary.data)  # its shape was checked by the schema
        _check_vocabulary_ids(raw.vocabulary, vocabulary, diagnostics)
    entries = {entry.key: entry for entry in raw.bib_entries}
    # What exists but did not parse counts as there: its own error is the one message about it.
    unreadable = raw.unreadable
    keys = entries.keys() | unreadable.entries
    coded = {source.key for source in raw.sources} | unreadable.sources
    theme_ids = [theme.id for theme in raw.themes] + sorted(unreadable.themes)
    text = TextChecker(frozenset(key for key in keys if key in coded), frozenset(theme_ids), diagnostics)
    languages = vocabulary["språk"] if vocabulary else None
    check_bibliography(raw.bibliography, coded, languages, known_missing, unreadable.bib_files, diagnostics)
    _check_known_missing(raw.checks, known_missing, keys, diagnostics)
    if _checked(raw.summary, SUMMARY, "summary", diagnostics) and raw.summary is not None:
        if vocabulary:
            _check_value(raw.summary, ("status",), vocabulary, "status", "unknown-status", SUMMARY, diagnostics)
        _check_key_messages(raw.summary, raw.themes, unreadable.themes, diagnostics)
        prisma.check(raw.summary, diagnostics)
    files: tuple[SourceFile | ThemeFile, ...] = (*raw.sources, *raw.themes)
    for file in files:
        _check_file_name(file, diagnostics)
    theme_paths = {theme.id: (theme.path, 1, 1) for theme in raw.themes}
    _check_look_alikes(theme_paths, "temaets id", diagnostics)

    def source_problems(source: SourceFile) -> tuple[Diagnostic, ...]:
        found = Diagnostics()
        _check_source_file(source, keys, found)
        _checked(source.document, source.path, "source", found)
        if isinstance(source.document.data, dict):  # the other checks go on where the schema failed
            _check_source(source, theme_ids, vocabulary, replace(text, diagnostics=found), found)
        return tuple(found)

    kept: KeptPerKey[SourceFile, tuple[Diagnostic, ...]] = _kept_checks if keep else KeptPerKey()
    # A source file's problems follow from its parse and what it is checked against; the parses
    # are kept too (generator/load/evidence.py), so a file that did not change gives the very same parse.
    problems = kept.made(
        {source.path: source for source in raw.sources},
        (keys, theme_ids, vocabulary, text.citable),
        lambda kept_file, file: kept_file.document is file.document,
        lambda _, source: source_problems(source),
    )
    for found in problems.values():
        diagnostics.restore(found)
    for theme in raw.themes:
        _checked(theme.front_matter, theme.path, "theme", diagnostics)
        if isinstance(theme.front_matter.data, dict):
            _check_theme(theme, vocabulary, text, diagnostics)
    check_confidence(raw.sources, raw.themes, raw.summary, diagnostics)
    if raw.glossary is not None and _checked(raw.glossary, GLOSSARY, "glossary", diagnostics):
        _check_glossary(raw.glossary, text, diagnostics)
    _check_navigation(raw.mkdocs, theme_ids, diagnostics)


# For the life of the process, as generator/load/evidence.py keeps the parses.
_kept_checks: KeptPerKey[SourceFile, tuple[Diagnostic, ...]] = KeptPerKey()


def _checked(document: YamlDocument | None, path: str, schema: str, diagnostics: Diagnostics) -> bool:
    """True when the document exists, is not empty and matches its schema; reports why not."""
    if document is None:
        return False
    if document.data is None:
        diagnostics.add(path, 1, 1, "empty-file", "filen er tom; fyll inn feltene eller slett filen")
        return False
    return check_schema(document, path, schema, diagnostics)


def _apply_checks_config(document: YamlDocument | None, diagnostics: Diagnostics) -> dict[str, frozenset[str]]:
    """Silence the warnings `skru_av` names; the fields `kjent_mangler` says are missing on purpose, by key."""
    if document is None or not _checked(document, CHECKS, "checks", diagnostics):
        return {}
    data = cast(dict[str, Any], document.data)  # its shape was checked by the schema
    codes: list[str] = data.get("skru_av", [])
    silenced = []
    for index, code in enumerate(codes):
        line, column = document.position(("skru_av", index))
        known = CODES.get(code)
        if known is None:
            diagnostics.add(
                CHECKS, line, column, "checks-config", f"'{code}' er ingen kjent kode{did_you_mean(code, list(CODES))}"
            )
        elif known.severity is Severity.ERROR:
            diagnostics.add(
                CHECKS,
                line,
                column,
                "checks-config",
                f"'{code}' er en feil og kan ikke skrus av; bare advarsler kan det",
            )
        else:
            silenced.append(code)
    diagnostics.silence(silenced)
    return {key: frozenset(known["felt"]) for key, known in (data.get("kjent_mangler") or {}).items()}


def _check_key_messages(
    summary: YamlDocument, themes: Iterable[ThemeFile], unreadable: frozenset[str], diagnostics: Diagnostics
) -> None:
    """Each key message on the home page names a theme and one of its key findings."""
    # Themes are checked against their schema later: count only key findings that are a list.
    findings = {
        theme.id: len(_indexed(theme.front_matter, "hovedfunn"))
        for theme in themes
        if isinstance(theme.front_matter.data, dict)
    }
    messages = (summary.data.get("hovedbudskap") or []) if isinstance(summary.data, dict) else []
    for index, message in enumerate(messages):
        theme_id, number = message["tema"], message["hovedfunn"]
        if theme_id in unreadable:
            continue
        if theme_id not in findings:
            line, column = summary.position(("hovedbudskap", index, "tema"))
            diagnostics.add(
                SUMMARY,
                line,
                column,
                "unknown-theme",
                f"'{theme_id}' er ikke et tema (en fil i literature/themes/){did_you_mean(theme_id, sorted(findings))}",
            )
        elif number > findings[theme_id]:
            line, column = summary.position(("hovedbudskap", index, "hovedfunn"))
            diagnostics.add(
                SUMMARY,
                line,
                column,
                "invalid-value",
                f"temaet '{theme_id}' har {findings[theme_id]} hovedfunn, ikke nummer {number}; "
                "nummeret er det som står foran hovedfunnet på temasiden",
            )


def _check_known_missing(
    document: YamlDocument | None,
    known_missing: dict[str, frozenset[str]],
    keys: Collection[str],
    diagnostics: Diagnostics,
) -> None:
    if document is None:
        return
    for key in known_missing:
        if key not in keys:
            line, column = document.key_position(("kjent_mangler", key))
            diagnostics.add(
                CHECKS,
                line,
                column,
                "checks-config",
                f"'{key}' under kjent_mangler er ingen BibTeX-nøkkel{did_you_mean(key, list(keys))} Rett nøkkelen eller slett den",
            )


def _check_file_name(file: SourceFile | ThemeFile, diagnostics: Diagnostics) -> None:
    name = file.key if isinstance(file, SourceFile) else file.id
    what = "filnavnet (BibTeX-nøkkelen)" if isinstance(file, SourceFile) else "filnavnet (temaets id)"
    if not is_identifier(name):
        diagnostics.add(file.path, 1, 1, "invalid-id", explain(name, what))
    _check_reserved(name, what, "kilde" if isinstance(file, SourceFile) else "tema", (file.path, 1, 1), diagnostics)


def _check_reserved(name: str, what: str, kind: str, at: tuple[str, int, int], diagnostics: Diagnostics) -> None:
    """An id that becomes a path must not take a name the site uses itself (`index`, `assets` …)."""
    problem = reserved(name, what, kind)
    if problem:
        diagnostics.add(*at, "reserved-id", problem)


def _check_vocabulary_ids(document: YamlDocument, vocabulary: Vocabulary, diagnostics: Diagnostics) -> None:
    for group, terms in vocabulary.items():
        for term_id in terms:
            line, column = document.key_position((group, term_id))
            if group == "land":
                if not COUNTRY_CODE.fullmatch(term_id):
                    diagnostics.add(
                        VOCABULARY,
                        line,
                        column,
                        "invalid-id",
                        f"landkoden '{term_id[:40]}' skal være en kode på to store bokstaver (ISO 3166-1), for eksempel NO eller DK",
                    )
                elif term_id not in iso_codes():
                    meant = country(term_id)
                    instead = f"; {meant.norwegian} har koden '{meant.code}'" if meant else ""
                    diagnostics.add(
                        VOCABULARY,
                        line,
                        column,
                        "invalid-id",
                        f"landkoden '{term_id}' finnes ikke i ISO 3166-1{instead}. Bruk landets kode fra ISO 3166-1, "
                        "så kan kildene skrive den og sjekken kjenne den igjen",
                    )
            elif not is_identifier(term_id):
                diagnostics.add(VOCABULARY, line, column, "invalid-id", explain(term_id, f"id-en under {group}"))
            else:
                _check_reserved(
                    term_id, f"id-en under {group}", suggestion(group), (VOCABULARY, line, column), diagnostics
                )
        if group != "land":  # ISO codes, not ours to rename (IS and LS have one skeleton)
            where = {term_id: (VOCABULARY, *document.key_position((group, term_id))) for term_id in terms}
            _check_look_alikes(where, f"id-en under {group}", diagnostics)


def _check_look_alikes(where: dict[str, tuple[str, int, int]], what: str, diagnostics: Diagnostics) -> None:
    """Ids of one kind that a reader would confuse (`where`: each id's path, line and column)."""
    for identifier, earlier in look_alikes(where):
        path, line, column = where[identifier]
        at = f"{where[earlier][0]}:{where[earlier][1]}"
        diagnostics.add(path, line, column, "confusable-id", explain_look_alike(identifier, earlier, what, at))


def _check_source_file(source: SourceFile, keys: Collection[str], diagnostics: Diagnostics) -> None:
    if source.key in keys:
        return
    same_but_case = [key for key in keys if key.lower() == source.key.lower()]
    if same_but_case:
        diagnostics.add(
            source.path,
            1,
            1,
            "source-file-name",
            f"filnavnet '{source.key}' må skrives nøyaktig som BibTeX-nøkkelen '{same_but_case[0]}'; gi filen nytt navn",
        )
        return
    diagnostics.add(
        source.path,
        1,
        1,
        "source-without-entry",
        f"fant ingen BibTeX-oppføring med nøkkelen '{source.key}'{did_you_mean(source.key, sorted(keys))} "
        "Filnavnet må være nøkkelen til en oppføring i literature/*.bib",
    )


def _check_value(
    document: YamlDocument, at: Path, vocabulary: Vocabulary, group: str, code: str, path: str, diagnostics: Diagnostics
) -> None:
    value = document.value(at)
    allowed = list(vocabulary[group])
    if isinstance(value, str) and value not in allowed:
        line, column = document.position(at)
        diagnostics.add(
            path,
            line,
            column,
            code,
            f"'{value}' er ikke en gyldig verdi for {group}{did_you_mean(value, allowed)} "
            f"Gyldige verdier (i {VOCABULARY}): {', '.join(allowed)}",
        )


def _check_list(
    document: YamlDocument,
    at: Path,
    allowed: Collection[str],
    what: str,
    code: str,
    path: str,
    diagnostics: Diagnostics,
    suggest: Callable[[str], str] | None = None,
    values: object = None,
) -> None:
    """Report each value of the list at `at` that is not in `allowed`; `values`: that list, when the caller
    has read it already (a source's scalar `land` as the codes it will become)."""
    values = document.value(at) if values is None else values
    # A list of 10,000 unknown keys is compared with every source at most 20 times.
    suggest = suggest or Suggestions(allowed)
    # A mapping gives each value its name (`NO (Norge)`): a code alone does not say which country it is.
    shown = [f"{value} ({allowed[value]})" if isinstance(allowed, Mapping) else value for value in sorted(allowed)]
    listing = f" Gyldige verdier: {', '.join(shown)}" if len(allowed) <= _MAX_LISTED_CHOICES else ""
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, str) and value not in allowed:
            line, column = document.position((*at, index))
            diagnostics.add(path, line, column, code, f"'{value}' er ikke {what}{suggest(value)}{listing}")


def _names(terms: dict[str, Any]) -> dict[str, str]:
    """Each vocabulary id with the name the site shows for it."""
    return {
        term_id: str(term.get("navn", term_id)) if isinstance(term, dict) else term_id
        for term_id, term in terms.items()
    }


def _country_suggestion(names: dict[str, str], listed: object, supranational: bool) -> Callable[[str], str]:
    """What a value in a source's `land` list should be, ending the message: researchers write what they read,
    the vocabulary holds ISO codes. `; mente du 'DK' (Danmark)?` for a country written as its name in Norwegian
    or English, an alias (`UK`, `Holland`), a misspelling or its code in lower case; the line to add for a real
    country the vocabulary lacks (`DE`, `Germany`); the countries of a region (`Skandinavia`); the codes of
    several countries in one value (`Norway; Sweden`); what to do with a place ISO gives no code (`Kosovo`);
    and to remove a country the list already has. `listed`: the list, in which the values are asked in order."""
    by_spelling = {spelling(written): code for code, name in names.items() for written in (code, name)}
    # The list's countries so far, by code, as written: a suggestion the list already holds is a duplicate.
    seen = (
        {value: value for value in listed if isinstance(value, str) and value in names}
        if isinstance(listed, list)
        else {}
    )

    def adding(code: str) -> str:
        return f"legg til '{code}: {{navn: {norwegian_name(code)}}}' under land: der"

    def not_one_country(value: str) -> str | None:
        area = region(value)
        if area is not None:
            what = f"{area.norwegian} er en region, ikke et land"
            level = (
                " Gjelder kilden det overnasjonale nivået som helhet, skriv nivå: [overnasjonal]."
                if supranational
                else ""
            )
            if not area.members:
                return f"; {what}. Skriv landene studien har data fra, hver for seg, for eksempel [NO, SE].{level}"
            missing = "".join(
                f" {code} står ikke i {VOCABULARY}: {adding(code)}." for code in area.members if code not in names
            )
            return (
                f"; {what}. Skriv landene studien har data fra, hver for seg; hele {area.norwegian} er "
                f"[{', '.join(area.members)}].{missing}{level}"
            )
        place = without_code(value)
        if place is not None:
            code_note = "" if spelling(value) == spelling(place) else f" ('{value}' er ikke en ISO-kode)"
            return (
                f"; {place} har ingen kode i ISO 3166-1{code_note}. Ta {place} ut av land og nevn "
                f"{place} i sammendraget; står ingen andre land igjen, fjern land."
            )
        codes = codes_in(value)
        if len(codes) > 1 and any(code in names or country(code) for code in codes):
            return f"; det er flere land i én verdi. Skriv hvert land som en egen verdi i listen: [{', '.join(codes)}]."
        return None

    def suggest(value: str) -> str:
        told = not_one_country(value)
        if told is not None:
            return told
        # The vocabulary's own names first, then every country's; a misspelling last, so `Niger` is not `Nigeria`.
        code = by_spelling.get(spelling(value))
        found = country(value) if code is None else None
        if code is None and found is None:
            close = difflib.get_close_matches(spelling(value), list(by_spelling), n=1, cutoff=0.75)
            code = by_spelling[close[0]] if close else None
            found = close_country(value) if code is None else None
        if found is not None and found.code in names:
            code = found.code
        if code is not None and code in seen:
            earlier = "" if seen[code] == code else f" (som '{seen[code]}')"
            return f"; det er {code} ({names[code]}), som allerede står i listen{earlier}. Fjern '{value}'."
        if code is not None:
            seen[code] = value
            return f"; mente du '{code}' ({names[code]})? Land skrives som koden på to store bokstaver (ISO 3166-1)."
        if found is None:
            return "."
        meant = "" if spelling(value) == spelling(found.code) else f"; mente du '{found.code}' ({found.norwegian})?"
        return (
            f"{meant or ';'} {found.code}{'' if meant else f' ({found.norwegian})'} er en gyldig landkode "
            f"(ISO 3166-1), men den står ikke i {VOCABULARY}: {adding(found.code)}."
        )

    return suggest


def _check_texts(document: YamlDocument, paths: Iterable[Path], path: str, text: TextChecker) -> None:
    for at in paths:
        value = document.value(at)
        if isinstance(value, str):
            text.check(value, document.position(at), path)


def _indexed(document: YamlDocument, name: str, *fields: str) -> list[Path]:
    """Paths of the items of list `name`, or of fields of its items."""
    items = document.value((name,))
    count = len(items) if isinstance(items, list) else 0
    if not fields:
        return [(name, index) for index in range(count)]
    return [(name, index, field) for index in range(count) for field in fields]


def _check_source(
    source: SourceFile, theme_ids: list[str], vocabulary: Vocabulary | None, text: TextChecker, diagnostics: Diagnostics
) -> None:
    document, path = source.document, source.path
    _check_list(
        document, ("temaer",), theme_ids, "et tema (en fil i literature/themes/)", "unknown-theme", path, diagnostics
    )
    if vocabulary:
        _check_value(document, ("design",), vocabulary, "design", "unknown-design", path, diagnostics)
        _check_value(document, ("status",), vocabulary, "status", "unknown-status", path, diagnostics)
        _check_read_sources_have_a_design(document, path, diagnostics)
        for group, code in _CONTEXT_FIELDS.items():
            allowed: Collection[str] = list(vocabulary[group])
            suggest = None
            listed = document.value(("kontekst", group))
            if group == "land":
                allowed = _names(vocabulary[group])
                if isinstance(listed, str):
                    # The schema says to write `Tyskland` as [DE]; what DE itself lacks is said in the same round.
                    listed = codes_in(listed)
                suggest = _country_suggestion(allowed, listed, "overnasjonal" in vocabulary["nivå"])
            what = f"en gyldig verdi for {group}"
            _check_list(document, ("kontekst", group), allowed, what, code, path, diagnostics, suggest, listed)
    _check_texts(
        document, [("sammendrag",), *_indexed(document, "funn"), *_indexed(document, "implikasjoner")], path, text
    )
    _check_date(document, ("lagt_til",), path, diagnostics)
    _check_provenance_hosts(document, path, diagnostics)


def _check_date(document: YamlDocument, at: Path, path: str, diagnostics: Diagnostics) -> None:
    """A date in the form ÅÅÅÅ-MM-DD must also be a day on the calendar (not 2026-02-30)."""
    value = document.value(at)
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        line, column = document.position(at)
        diagnostics.add(
            path,
            line,
            column,
            "invalid-value",
            f"datoen '{value}' finnes ikke i kalenderen; skriv en virkelig dato på formen ÅÅÅÅ-MM-DD, "
            "for eksempel 2026-02-28",
        )


def _check_provenance_hosts(document: YamlDocument, path: str, diagnostics: Diagnostics) -> None:
    """Every provenance address is either shown to readers or known to be kept back; a new host is a choice."""
    for at in [*_indexed(document, "faktagrunnlag"), *_indexed(document, "fakta", "kilde")]:
        url = document.value(at)
        if not isinstance(url, str) or is_recognised(url) or is_unlinked(url):
            continue
        line, column = document.position(at)
        diagnostics.add(
            path,
            line,
            column,
            "unknown-provenance-host",
            f"adressen ligger på {url_host(url) or 'en vert vi ikke kan lese'}, som vi ikke kjenner; siden lenker ikke "
            "til den. Finn helst samme opplysning hos forlaget, i et arkiv eller via DOI og skriv den adressen. "
            "Er verten et forlag, et arkiv eller et offentlig organ, kan den legges til i RECOGNISED_HOSTS i "
            "generator/core/provenance.py; er den et dokumentdelingsnettsted eller en kopi, i UNLINKED_HOSTS",
        )


def _check_read_sources_have_a_design(document: YamlDocument, path: str, diagnostics: Diagnostics) -> None:
    """`uavklart` means nobody has read the source yet; a reviewed source has been read."""
    status = document.value(("status",))
    if document.value(("design",)) == UNSETTLED_DESIGN and status in ("vurdert", "godkjent"):
        line, column = document.position(("design",))
        diagnostics.add(
            path,
            line,
            column,
            "design-unsettled",
            f"kilden har status '{status}', men design er '{UNSETTLED_DESIGN}'; den som har lest kilden, "
            "setter designet etter forklaringene i vocabulary.yaml",
        )


def _check_theme(theme: ThemeFile, vocabulary: Vocabulary | None, text: TextChecker, diagnostics: Diagnostics) -> None:
    document, path = theme.front_matter, theme.path
    findings = _indexed(document, "hovedfunn")
    if vocabulary:
        _check_value(document, ("status",), vocabulary, "status", "unknown-status", path, diagnostics)
        for at in findings:
            _check_value(document, (*at, "tiltro"), vocabulary, "tiltro", "unknown-confidence", path, diagnostics)
            _check_assessment(document, at, list(vocabulary["tiltro"]), path, diagnostics)
    for at in findings + _indexed(document, "ledere"):
        _check_list(
            document, (*at, "kilder"), text.citable, "nøkkelen til en kodet kilde", "unknown-source", path, diagnostics
        )
    explanations = [(*at, "vurdering", key, "forklaring") for at in findings for key in COMPONENTS]
    prose = [
        ("kort",),
        *_indexed(document, "hovedfunn", "påstand", "begrunnelse"),
        *explanations,
        *_indexed(document, "ledere", "tekst"),
    ]
    _check_texts(document, prose, path, text)
    text.check(theme.body, (theme.body_line, 1), path)


def _check_assessment(document: YamlDocument, at: Path, levels: list[str], path: str, diagnostics: Diagnostics) -> None:
    """A key finding's GRADE-CERQual components are recorded, and its confidence follows from them."""
    finding, confidence = document.value(at), document.value((*at, "tiltro"))
    if not isinstance(finding, dict) or confidence not in levels:
        return
    components = finding.get("vurdering")
    number = int(at[-1]) + 1
    if components is None:
        line, column = document.position((*at, "tiltro"))
        diagnostics.add(
            path,
            line,
            column,
            "cerqual-missing",
            f"hovedfunn {number} har ingen vurdering; legg til «vurdering:» med metode, samstemmighet, datamengde og "
            "relevans, hver med bekymring (ingen, små, moderate, alvorlige) og forklaring (se CONTRIBUTING.md)",
        )
        return
    concerns = {key: document.value((*at, "vurdering", key, "bekymring")) for key in COMPONENTS}
    known = [
        concern for key, concern in concerns.items() if isinstance(concern, str) and concern in allowed_concerns(key)
    ]
    if len(known) < len(concerns):
        return  # the schema has reported it
    expected = expected_level(known, levels)
    if expected != confidence:
        line, column = document.position((*at, "tiltro"))
        diagnostics.add(
            path,
            line,
            column,
            "cerqual-mismatch",
            f"hovedfunn {number} har tiltro '{confidence}', men vurderingen gir '{expected}' ({RULE.lower()}); "
            "endre tiltro eller vurderingen",
        )


def _check_glossary(document: YamlDocument, text: TextChecker, diagnostics: Diagnostics) -> None:
    terms = document.value(("begreper",))
    if isinstance(terms, dict):
        where = {term_id: (GLOSSARY, *document.key_position(("begreper", term_id))) for term_id in terms}
        _check_look_alikes(where, "begrepet", diagnostics)
    for term_id in terms if isinstance(terms, dict) else {}:
        at = ("begreper", term_id)
        _check_reserved(term_id, "begrepet", "begrep", (GLOSSARY, *document.key_position(at)), diagnostics)
        _check_list(
            document,
            (*at, "kilder"),
            text.citable,
            "nøkkelen til en kodet kilde",
            "unknown-source",
            GLOSSARY,
            diagnostics,
        )
        _check_texts(document, [(*at, "definisjon")], GLOSSARY, text)


def _check_navigation(mkdocs: YamlDocument | None, theme_ids: list[str], diagnostics: Diagnostics) -> None:
    if mkdocs is None or not isinstance(mkdocs.data, dict) or "nav" not in mkdocs.data:
        return
    pages = set(_nav_pages(mkdocs.data["nav"]))
    line, column = mkdocs.position(("nav",))
    for theme_id in theme_ids:
        if f"tema/{theme_id}.md" not in pages and is_identifier(theme_id):  # else the file name is the error
            diagnostics.add(
                MKDOCS,
                line,
                column,
                "nav-missing-theme",
                f"temaet '{theme_id}' står ikke i navigasjonen; legg til «- tema/{theme_id}.md» under Temaer i nav",
            )


def _nav_pages(nav: object) -> Iterable[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
