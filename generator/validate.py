"""Validate stage: `RawEvidence` -> diagnostics (nothing else).

Checks every file against its schema, then the links between files: each source has a
BibTeX entry, every theme, controlled value and cited key exists, and every theme is
in the site navigation. All problems are reported; none stops the others being found.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from generator.bibliography import BibEntry
from generator.citations import cited_keys
from generator.diagnostics import Diagnostics
from generator.load import MKDOCS, SUMMARY, VOCABULARY, RawEvidence, ThemeFile
from generator.schema import check_schema, did_you_mean
from generator.yamlsafe import Path, YamlDocument

Vocabulary = dict[str, dict[str, dict[str, str]]]
_MAX_LISTED_CHOICES = 30

# The vocabulary group each coded field draws from, and the stable code of its error.
_CONTEXT_FIELDS = {"land": "unknown-country", "nivå": "unknown-level", "sektor": "unknown-sector"}
_REQUIRED_BIB_FIELDS = {
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "techreport": (("author",), ("title",), ("institution",), ("year",)),
    "phdthesis": (("author",), ("title",), ("school",), ("year",)),
    "mastersthesis": (("author",), ("title",), ("school",), ("year",)),
    "online": (("title",), ("url",)),
    "misc": (("title",),),
}
_RECOMMENDED_BIB_FIELDS = {"article": (("volume",), ("pages", "eid")), "incollection": (("pages", "chapter"),)}


def validate(raw: RawEvidence, diagnostics: Diagnostics) -> None:
    """Report every problem in the evidence base to `diagnostics`."""
    vocabulary = _checked_vocabulary(raw.vocabulary, diagnostics)
    if raw.summary is not None and check_schema(raw.summary, SUMMARY, "summary", diagnostics) and vocabulary:
        _check_value(raw.summary, ("status",), vocabulary, "status", "unknown-status", SUMMARY, diagnostics)
    entries = {entry.key: entry for entry in raw.bib_entries}
    coded = {source.key for source in raw.sources}
    citable = frozenset(key for key in entries if key in coded)  # a source page exists for these
    theme_ids = [theme.id for theme in raw.themes]
    _check_bibliography(raw.bib_entries, coded, vocabulary, diagnostics)

    for source in raw.sources:
        if source.key not in entries:
            diagnostics.error(
                source.path,
                1,
                1,
                "source-without-entry",
                f"fant ingen BibTeX-oppføring med nøkkelen '{source.key}'{did_you_mean(source.key, list(entries))} "
                "Filnavnet må være nøkkelen til en oppføring i literature/*.bib",
            )
        if not check_schema(source.document, source.path, "source", diagnostics):
            continue
        _check_source(source.document, source.path, theme_ids, vocabulary, citable, diagnostics)

    for theme in raw.themes:
        if check_schema(theme.front_matter, theme.path, "theme", diagnostics):
            _check_theme(theme, vocabulary, citable, diagnostics)
    _check_navigation(raw.mkdocs, theme_ids, diagnostics)


def _checked_vocabulary(document: YamlDocument | None, diagnostics: Diagnostics) -> Vocabulary | None:
    if document is None or not check_schema(document, VOCABULARY, "vocabulary", diagnostics):
        return None
    vocabulary: Vocabulary = document.data  # type: ignore[assignment]  # shape checked by the schema
    return vocabulary


def _check_value(
    document: YamlDocument,
    at: Path,
    vocabulary: Vocabulary,
    group: str,
    code: str,
    path: str,
    diagnostics: Diagnostics,
) -> None:
    value = _get(document.data, at)
    allowed = list(vocabulary[group])
    if isinstance(value, str) and value not in allowed:
        line, column = document.position(at)
        diagnostics.error(
            path,
            line,
            column,
            code,
            f"'{value}' er ikke en gyldig verdi for {group}{did_you_mean(value, allowed)} "
            f"Gyldige verdier (i {VOCABULARY}): {', '.join(allowed)}",
        )


def _get(data: object, at: Path) -> object:
    for part in at:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _check_list(
    document: YamlDocument,
    at: Path,
    allowed: Collection[str],
    what: str,
    code: str,
    path: str,
    diagnostics: Diagnostics,
) -> None:
    values = _get(document.data, at)
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, str) and value not in allowed:
            line, column = document.position((*at, index))
            choices = sorted(allowed)
            listing = f" Gyldige verdier: {', '.join(choices)}" if len(choices) <= _MAX_LISTED_CHOICES else ""
            diagnostics.error(
                path, line, column, code, f"'{value}' er ikke {what}{did_you_mean(value, choices)}{listing}"
            )


def _check_source(
    document: YamlDocument,
    path: str,
    theme_ids: list[str],
    vocabulary: Vocabulary | None,
    citable: frozenset[str],
    diagnostics: Diagnostics,
) -> None:
    _check_list(
        document, ("temaer",), theme_ids, "et tema (en fil i literature/themes/)", "unknown-theme", path, diagnostics
    )
    if vocabulary:
        _check_value(document, ("design",), vocabulary, "design", "unknown-design", path, diagnostics)
        _check_value(document, ("status",), vocabulary, "status", "unknown-status", path, diagnostics)
        for group, code in _CONTEXT_FIELDS.items():
            _check_list(
                document,
                ("kontekst", group),
                list(vocabulary[group]),
                f"en gyldig verdi for {group}",
                code,
                path,
                diagnostics,
            )
    data = document.data if isinstance(document.data, dict) else {}
    texts: list[tuple[Path, object]] = [(("sammendrag",), data.get("sammendrag"))]
    for name in ("funn", "implikasjoner"):
        items = data.get(name)
        texts += [((name, index), item) for index, item in enumerate(items if isinstance(items, list) else [])]
    for at, text in texts:
        if isinstance(text, str):
            _check_citations(text, document.position(at), path, citable, diagnostics)


def _check_citations(
    text: str,
    start: tuple[int, int],
    path: str,
    citable: frozenset[str],
    diagnostics: Diagnostics,
) -> None:
    """Unknown keys cited in `text`, which begins at line/column `start` of `path`."""
    for key, offset in cited_keys(text):
        if key in citable:
            continue
        line = start[0] + text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1 if "\n" in text[:offset] else start[1] + offset
        diagnostics.error(
            path,
            line,
            column,
            "unknown-citation",
            f"henvisningen @{key} peker ikke på noen kodet kilde{did_you_mean(key, sorted(citable))} "
            "En kilde trenger både en oppføring i literature/*.bib og en fil i literature/sources/",
        )


def _check_keys(
    document: YamlDocument,
    at: Path,
    citable: frozenset[str],
    path: str,
    diagnostics: Diagnostics,
) -> None:
    _check_list(document, at, citable, "nøkkelen til en kodet kilde", "unknown-source", path, diagnostics)


def _check_theme(
    theme: ThemeFile,
    vocabulary: Vocabulary | None,
    citable: frozenset[str],
    diagnostics: Diagnostics,
) -> None:
    document = theme.front_matter
    data = document.data if isinstance(document.data, dict) else {}
    if vocabulary:
        _check_value(document, ("status",), vocabulary, "status", "unknown-status", theme.path, diagnostics)
    for index, finding in enumerate(data.get("hovedfunn") or []):
        if vocabulary:
            _check_value(
                document,
                ("hovedfunn", index, "tiltro"),
                vocabulary,
                "tiltro",
                "unknown-confidence",
                theme.path,
                diagnostics,
            )
        _check_keys(document, ("hovedfunn", index, "kilder"), citable, theme.path, diagnostics)
        for field in ("påstand", "begrunnelse"):
            _check_citations(
                str(finding.get(field, "")),
                document.position(("hovedfunn", index, field)),
                theme.path,
                citable,
                diagnostics,
            )
    for index, implication in enumerate(data.get("ledere") or []):
        _check_keys(document, ("ledere", index, "kilder"), citable, theme.path, diagnostics)
        _check_citations(
            str(implication.get("tekst", "")),
            document.position(("ledere", index, "tekst")),
            theme.path,
            citable,
            diagnostics,
        )
    _check_citations(theme.body, (theme.body_line, 1), theme.path, citable, diagnostics)


def _check_bibliography(
    bib_entries: Iterable[BibEntry],
    coded: set[str],
    vocabulary: Vocabulary | None,
    diagnostics: Diagnostics,
) -> None:
    seen: dict[str, BibEntry] = {}
    for item in bib_entries:
        earlier = seen.get(item.key.lower())
        if earlier is not None:
            diagnostics.error(
                item.path,
                item.line,
                1,
                "bib-duplicate-key",
                f"nøkkelen '{item.key}' finnes også i {earlier.path}:{earlier.line}; hver kilde skal stå én gang",
            )
            continue
        seen[item.key.lower()] = item
        entry = item.entry
        fields = {name.lower() for name in entry.fields} | {role.lower() for role in entry.persons}
        kind = entry.type.lower()
        for alternatives in _REQUIRED_BIB_FIELDS.get(kind, ()) + _RECOMMENDED_BIB_FIELDS.get(kind, ()):
            if not fields & set(alternatives):
                diagnostics.warning(
                    item.path,
                    item.line,
                    1,
                    "bib-missing-field",
                    f"@{kind}{{{item.key}}} mangler feltet {' eller '.join(alternatives)}; legg det til hvis det finnes "
                    "(referansen vises uten)",
                )
        if kind not in _REQUIRED_BIB_FIELDS:
            diagnostics.warning(
                item.path,
                item.line,
                1,
                "bib-entry-type",
                f"oppføringstypen @{kind} har ingen egen APA-mal og vises som et nettdokument; "
                f"bruk en av {', '.join('@' + name for name in _REQUIRED_BIB_FIELDS)}",
            )
        language = entry.fields.get("language")
        if vocabulary and language and language not in vocabulary["språk"]:
            diagnostics.warning(
                item.path,
                item.line,
                1,
                "unknown-language",
                f"språket '{language}' i @{kind}{{{item.key}}} står ikke under språk i {VOCABULARY}"
                f"{did_you_mean(language, list(vocabulary['språk']))} Tittelen får da ikke riktig språkmerking",
            )
        if item.key not in coded:
            diagnostics.warning(
                item.path,
                item.line,
                1,
                "entry-without-source",
                f"'{item.key}' har ingen kodefil; lag literature/sources/{item.key}.yaml (python -m generator new {item.key})",
            )


def _check_navigation(mkdocs: YamlDocument | None, theme_ids: list[str], diagnostics: Diagnostics) -> None:
    if mkdocs is None or not isinstance(mkdocs.data, dict) or "nav" not in mkdocs.data:
        return
    pages = set(_nav_pages(mkdocs.data["nav"]))
    for theme_id in theme_ids:
        if f"tema/{theme_id}.md" not in pages:
            line, column = mkdocs.position(("nav",))
            diagnostics.error(
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
