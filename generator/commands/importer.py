"""`python -m generator import FILE` (or `--doi DOI`): a reference manager's export (BibTeX, BibLaTeX, RIS or
CSL-JSON), or one work from Crossref (generator/commands/crossref.py), -> new sources in the evidence base.

The whole "add sources" step in one command. The export is read as the check reads it
(`normalise`: biblatex names, crossref to a parent in the export or in the base, only public
fields); each work that is not in the evidence base already (`work_identity`: the same DOI, or
the same kind and ISBN, or title, year and first author) is appended to a .bib file in `literature/`
under a key in the project's pattern, with a source file to fill in. The old keys are kept in
`literature/importerte-nokler.yaml`, so that a manuscript's citations can be
found again; an exported key the map holds is the work imported before, however the export has changed
since (a year set, a title corrected), and is never added twice. Nothing is written when the export does not parse. A work skipped as a duplicate says
which fields it has that the entry in the base lacks (`import --berik`, generator/commands/enrich.py, proposes them).

Over 350 lines: the whole step, from reading the export to the duplicate check, the new keys and
the source files, is one transaction (nothing is written unless everything checks), and
`KnownWorks` and the previews serve only it.
"""

from __future__ import annotations

import bisect
import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pybtex.database import Entry

from generator.check.work_identity import work_identity
from generator.commands.crossref import (
    CrossrefError,
    Opener,
    cache_path,
    contact_address,
    csl_record,
    is_cached,
    missing_contact_note,
    valid_doi,
    work,
)
from generator.commands.formats import detect, to_bibtex, unknown_format_message
from generator.commands.new_source import new_sources
from generator.core import apa
from generator.core.apa import bare_doi
from generator.core.dates import written_year
from generator.core.diagnostics import Diagnostic, Diagnostics
from generator.core.identifiers import MAX_LENGTH, explain, is_identifier, letters, skeleton, suggestion
from generator.core.latex import latex_to_plain
from generator.core.layout import DEFAULT_BIB, IMPORTED_KEYS, LITERATURE, SOURCES, reserved_names
from generator.load.bibliography import BibEntry, parse_bibtex
from generator.load.evidence import RawEvidence, load_evidence, read_text
from generator.load.normalise import MAPPED_FIELDS, PUBLIC_FIELDS, normalise
from generator.load.yamlsafe import load_yaml
from generator.model.build import entry_bibtex
from generator.write.files import WriteError, contained_folder, write_file

KEY_MAP = IMPORTED_KEYS
# Small words a key never takes from the title (English and Norwegian).
_SKIPPED_TITLE_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "by",
        "to",
        "for",
        "from",
        "with",
        "is",
        "are",
        "en",
        "ei",
        "et",
        "den",
        "det",
        "de",
        "og",
        "eller",
        "i",
        "om",
        "til",
        "av",
        "med",
        "som",
    ]
)
_ABBREVIATION = re.compile(r"\(([^()]{2,12})\)\s*$")  # "Direktoratet for … (DFØ)" -> dfo


@dataclass
class ImportReport:
    """What an import did, for the researcher."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (new key, old key)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (old key, why)
    dropped_fields: set[str] = field(default_factory=set)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)  # problems that stopped the import
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the researcher: what Crossref said, a missing contact
    failure: str | None = None  # why nothing could be imported, when no file is to blame (a DOI, the network)


@dataclass(frozen=True)
class Preview:
    """A new entry as it will be published: its reference in plain text and the check's problems with it."""

    key: str
    reference: str
    problems: tuple[Diagnostic, ...]


def project_key(entry: Entry, taken: set[str], tried: dict[str, int] | None = None) -> str:
    """`osborne2006new`: the first author's surname, the year and the title's first word, as the
    evidence base's keys are made; letters are added where the key is reserved or looks like one
    taken already (`taken` holds the taken keys' skeletons: `…samskapingrn` looks like `…samskapingm`).
    `tried` (per stem, how many keys were tried) keeps an import linear however many keys share a stem."""
    persons, _ = apa.responsible_persons(entry)
    name = ""
    if persons:
        name = latex_to_plain(" ".join(persons[0].prelast_names + persons[0].last_names))
        abbreviation = _ABBREVIATION.search(name)
        name = abbreviation.group(1) if abbreviation else name
    words = [suggestion(word).replace("-", "") for word in latex_to_plain(entry.fields.get("title", "")).split()]
    word = next((word for word in words if word and word not in _SKIPPED_TITLE_WORDS), "")
    year = entry.fields.get("year", "")[:4]
    # A date the check will ask to have rewritten (04.12.2026) still has its year.
    year = year if year.isdigit() else written_year(entry.fields.get("year", "")) or ""
    stem = (suggestion(name).replace("-", "") + year + word)[:MAX_LENGTH] or "kilde"
    tried = {} if tried is None else tried
    number = tried.get(stem, 0)
    while True:
        suffix = letters(number - 1) if number else ""  # stem, stema … stemz, stemaa …: only ever letters
        key, number = stem[: MAX_LENGTH - len(suffix)] + suffix, number + 1
        if skeleton(key) not in taken and key not in reserved_names():
            tried[stem] = number
            return key


def import_bibtex(
    root: Path, export: Path, target: str = DEFAULT_BIB, today: datetime.date | None = None
) -> ImportReport:
    """Add the export's new works to `target` (a .bib file in literature/) and write their source files."""
    report = ImportReport()
    if not _valid_target(target, report):
        return report
    shown = export.as_posix()
    text = read_text(Path.cwd(), shown, report.diagnostics)
    if text is None:
        return report
    return _import_text(root, text, shown, target, today, report, load_evidence(root, Diagnostics()))


def import_doi(
    root: Path,
    doi: str,
    target: str = DEFAULT_BIB,
    today: datetime.date | None = None,
    opener: Opener | None = None,
) -> ImportReport:
    """Add the work with this DOI, as Crossref describes it, the way an export's works are added."""
    report = ImportReport()
    checked = valid_doi(doi)
    if checked is None:
        report.failure = (
            f"'{doi[:80]}' er ikke en DOI. Skriv den som 10.1234/abc, for eksempel "
            "make import DOI=10.1080/14719037.2014.930505"
        )
        return report
    if not _valid_target(target, report):
        return report
    evidence = load_evidence(root, Diagnostics())
    summary = evidence.summary.data if evidence.summary else None
    contact = contact_address(summary.get("kontakt") if isinstance(summary, dict) else None)
    if contact is None and not is_cached(root, checked):
        report.notes.append(missing_contact_note())
    try:
        record, notes = csl_record(work(root, checked, contact, opener))
    except CrossrefError as error:
        report.failure = f"Fikk ikke hentet {checked} fra Crossref: {error.message}."
        return report
    report.notes += notes
    return _import_text(root, json.dumps([record]), cache_path(checked), target, today, report, evidence)


def _valid_target(target: str, report: ImportReport) -> bool:
    if re.fullmatch(rf"{LITERATURE}/[a-z0-9]+(-[a-z0-9]+)*\.bib", target):
        return True
    report.diagnostics.add(
        target, 1, 1, "invalid-value", f"målfilen må være en .bib-fil rett i {LITERATURE}/, som {DEFAULT_BIB}"
    )
    return False


def _import_text(
    root: Path,
    text: str,
    shown: str,
    target: str,
    today: datetime.date | None,
    report: ImportReport,
    evidence: RawEvidence,
) -> ImportReport:
    kind = detect(text)
    if kind is None:
        report.diagnostics.add(shown, 1, 1, "unknown-format", unknown_format_message())
        return report
    # RIS and CSL-JSON become BibTeX text, so that every format takes the one path below.
    text = to_bibtex(text, kind, shown, report.diagnostics)
    if report.diagnostics.has_errors:
        return report
    parsed = parse_bibtex(text, shown, report.diagnostics)
    if report.diagnostics.has_errors:
        return report  # the export must parse in full: nothing half-imported
    imported_before = _imported_keys(root, report.diagnostics)
    if imported_before is None:
        return report  # a key map that does not read (a duplicate key) is not appended to
    bibliography = evidence.bibliography
    base = bibliography.entries
    from_base = _parents_in_base(parsed, [*base, *bibliography.containers], imported_before)
    exported = normalise([*parsed, *from_base])
    incomplete = set()
    for item, link, parent in exported.unresolved:
        report.skipped.append(
            (item.key, f"{link} = {{{parent}}} finnes verken i eksporten eller i {LITERATURE}/; eksporter boka også")
        )
        incomplete.add(item.key)
    report.dropped_fields = _dropped_fields(parsed)

    taken = {skeleton(item.key) for item in base}
    base_by_key = {item.key.lower(): item for item in base}
    known = KnownWorks()
    for item in base:
        known.remember(KnownWork(item.key, item.entry, f"{item.path}:{item.line}"))
    additions: list[str] = []
    tried: dict[str, int] = {}
    exported_keys = {item.key for item in parsed}
    for item in exported.entries:
        if item.key in incomplete or item.key not in exported_keys:
            continue  # a parent from the base is only there to be inherited from
        if item.key in exported.parents:
            report.skipped.append((item.key, "er bare en foreldreoppføring (crossref); feltene er tatt inn i kapitlet"))
            continue
        duplicate = known.find(item.entry)
        if duplicate:
            report.skipped.append((item.key, skipped_duplicate(item, *duplicate)))
            continue
        if item.key.lower() in imported_before:  # imported before and changed since: still the same work
            imported = imported_before[item.key.lower()]
            report.skipped.append((item.key, _imported_before(item, imported, base_by_key.get(imported.new.lower()))))
            continue
        key = project_key(item.entry, taken, tried)
        taken.add(skeleton(key))
        known.remember(KnownWork(key, item.entry, ""))  # the same work twice in one export
        additions.append(entry_bibtex(key, _with_clean_doi(item.entry)))
        report.added.append((key, item.key))
    if not additions:
        return report
    if not _checked(target, report, "\n".join(additions)) or not _write_additions(root, target, additions, report):
        report.added = []
        return report
    report.written += [target, KEY_MAP]
    for written, _ in new_sources(root, [key for key, _ in report.added], today or datetime.date.today()):
        if written is not None:
            report.written.append(written.relative_to(root).as_posix())
    return report


# Fields a skipped duplicate may have that the entry in the base lacks (what `--berik` proposes, and more).
# Not `url`: an export's URL is often a database's tracking link (bib-tracking-url), never better data.
_ENRICHING = ("volume", "number", "pages", "doi", "publisher", "isbn", "issn", "edition", "booktitle")


_FIRST_EDITION = re.compile(r"1\.?|1st|first|første", re.IGNORECASE)  # APA names no first edition


def _could_add(existing: KnownWork, incoming: Entry) -> str:
    """What the skipped duplicate could add to the entry in the base, and how; "" when nothing."""
    if not existing.where:  # the same work earlier in this export
        return ""
    fields = existing.entry.fields
    extra = [
        name
        for name in _ENRICHING
        if incoming.fields.get(name, "").strip()
        and not fields.get(name, "").strip()
        and not (name == "edition" and _FIRST_EDITION.fullmatch(incoming.fields[name].strip()))
    ]
    if not extra:
        return ""
    shown = ", ".join(f"{name} = {{{incoming.fields[name][:60]}}}" for name in extra)
    if fields.get("doi", "").strip():
        how = (
            "Kjør make berik for å se forslaget fra Crossref (årgang, nummer, sider), "
            f"eller legg dem til for hånd i {existing.where}"
        )
    else:
        how = f"Legg dem til for hånd i {existing.where} (med doi kan make berik foreslå resten fra Crossref)"
    return f". Denne har felt som {existing.key} mangler: {shown}. {how}"


def _write_additions(root: Path, target: str, additions: list[str], report: ImportReport) -> bool:
    """Append the new entries to `target` and the keys to the key map; False, with a located error, if refused."""
    try:
        # Both folders are checked for links before anything is read or written.
        with contained_folder(root, LITERATURE) as literature, contained_folder(root, SOURCES):
            bib, key_map = _current(root, target, report.diagnostics), _current(root, KEY_MAP, report.diagnostics)
            if bib is None or key_map is None:
                return False  # a file that may not be read (a link, too large) is not written either
            _append(literature, target, bib, "\n" + "\n".join(additions))
            _append(literature, KEY_MAP, key_map or _KEY_MAP_HEADER, _key_map_lines(report.added))
    except WriteError as error:
        report.diagnostics.add(error.path, 1, 1, error.code, error.reason)
        return False
    return True


def _checked(target: str, report: ImportReport, bibtex: str) -> bool:
    """Every new key is an identifier, and the new entries read back as just those keys; else a located error."""
    for key, _ in report.added:
        if not is_identifier(key):  # project_key makes none, but a key is a file name: never write one
            report.diagnostics.add(target, 1, 1, "bib-key", explain(key, "den nye nøkkelen") + "; ingenting er skrevet")
            return False
    read_back = [item.key for item in parse_bibtex(bibtex, target, Diagnostics())]
    if read_back != [key for key, _ in report.added]:
        report.diagnostics.add(
            target, 1, 1, "write-failed", "de nye oppføringene kunne ikke leses tilbake; ingenting er skrevet"
        )
        return False
    return True


def _key_map_lines(added: list[tuple[str, str]]) -> str:
    """One `"old": new` line per import. An exporter's key may hold any character, so it is quoted by the
    YAML emitter (escapes on one line), and the lines are read back before they are written."""
    string = "tag:yaml.org,2002:str"
    pairs = [(yaml.ScalarNode(string, old, style='"'), yaml.ScalarNode(string, new)) for new, old in added]
    lines = yaml.serialize(
        yaml.MappingNode("tag:yaml.org,2002:map", pairs), Dumper=yaml.SafeDumper, allow_unicode=True, width=2**31
    )
    if yaml.safe_load(lines) != {old: new for new, old in added}:
        raise ValueError("the key map lines do not read back")  # cannot happen: the emitter quoted them
    return lines


_KEY_MAP_HEADER = "# Nøklene fra referanseverktøyet (venstre) og nøklene i kunnskapsgrunnlaget (høyre).\n"


@dataclass(frozen=True)
class KnownWork:
    """A work the import will not add again: in the evidence base (`where` is its file:line) or added
    earlier in the same import (`where` is "")."""

    key: str
    entry: Entry
    where: str


class KnownWorks:
    """The works known so far, found by any of their marks (DOI, ISBN, title + year + first author)."""

    def __init__(self) -> None:
        self._by_mark: dict[str, KnownWork] = {}

    def remember(self, work: KnownWork) -> None:
        for _, mark in work_identity(work.entry).marks():
            self._by_mark.setdefault(mark, work)

    def find(self, entry: Entry) -> tuple[KnownWork, str] | None:
        """The known work `entry` is, and how they matched; None for a new work."""
        for how, mark in work_identity(entry).marks():
            if mark in self._by_mark:
                return self._by_mark[mark], how
        return None


def skipped_duplicate(item: BibEntry, existing: KnownWork, how: str) -> str:
    """Why the exported `item` is not added: it is `existing` already. The one place an import says so,
    with both entries at hand: it also says which fields the export could add to the existing one."""
    where = f" ({existing.where})" if existing.where else " (lagt til fra den samme eksporten)"
    return f"finnes alt som {existing.key}{where}: {how}{_could_add(existing, item.entry)}"


def _parents_in_base(
    parsed: Iterable[BibEntry], base: Iterable[BibEntry], imported_before: dict[str, ImportedKey]
) -> list[BibEntry]:
    """The `crossref`/`xdata` parents the export names but does not hold, taken from the evidence base,
    under the name the export uses: a chapter exported after its book was imported names the book by
    the reference manager's key, which the key map turns into the base's."""
    parsed = list(parsed)
    exported = {item.key.lower() for item in parsed}
    by_key = {item.key.lower(): item for item in base}
    parents: dict[str, BibEntry] = {}
    for item in parsed:
        for link in ("crossref", "xdata"):
            for name in filter(None, (part.strip() for part in item.entry.fields.get(link, "").split(","))):
                renamed = imported_before.get(name.lower())
                found = by_key.get(name.lower()) or (by_key.get(renamed.new.lower()) if renamed else None)
                if found and name.lower() not in exported:
                    parents.setdefault(name.lower(), BibEntry(name, found.entry, found.path, found.line))
    return list(parents.values())


@dataclass(frozen=True)
class ImportedKey:
    """One line of the key map: a reference manager's key, the base's key it became, and the line."""

    old: str
    new: str
    line: int


def _imported_keys(root: Path, diagnostics: Diagnostics) -> dict[str, ImportedKey] | None:
    """The key map by the reference managers' keys in lower case (BibTeX ignores case): {} when there is
    none; None, with the located error, when it does not read (a key twice: YAML would keep the last)."""
    text = _current(root, KEY_MAP, diagnostics)
    if not text:
        return None if text is None else {}
    errors = diagnostics.error_count
    document = load_yaml(text, KEY_MAP, diagnostics)
    if document is None or diagnostics.error_count > errors:
        return None
    data = document.data
    if not isinstance(data, dict):
        return {}  # an empty file, or only its header
    return {
        str(old).lower(): ImportedKey(str(old), str(new), document.key_position((str(old),))[0])
        for old, new in data.items()
    }


def _field_value(value: str) -> str:
    return f"{{{value.strip()[:60]}}}" if value.strip() else "(mangler)"


# Shown for a work imported before whose export has changed: the fields that say which work it is first.
_COMPARED = ("title", "year", "date", "pubstate", "journal", "booktitle", "doi", "isbn", "volume", "number", "pages")


def _imported_before(item: BibEntry, imported: ImportedKey, existing: BibEntry | None) -> str:
    """Why `item`, whose key the key map holds, is not added again: it is the base's entry under the new
    key, whatever the export now says (a year set, a title corrected); what changed, and how to take it in."""
    mapped = f"{KEY_MAP}:{imported.line}"
    if existing is None:
        return (
            f"ble importert før som {imported.new} ({mapped}), som ikke finnes i {LITERATURE}/ lenger; "
            f"fjern linje {imported.line} i {KEY_MAP} for å importere den på nytt"
        )
    where = f"{existing.path}:{existing.line}"
    old, new = existing.entry.fields, _with_clean_doi(item.entry).fields
    changed = [
        f"{name} {_field_value(old.get(name, ''))} → {_field_value(new.get(name, ''))}"
        for name in _COMPARED
        if old.get(name, "").strip() != new.get(name, "").strip()
    ]
    if not changed:
        return f"ble importert før som {existing.key} ({where}; {mapped})"
    return (
        f"ble importert før som {existing.key} ({where}; {mapped}), og eksporten har endret {', '.join(changed)}. "
        f"Stemmer endringen, rett {existing.key} for hånd i {where} (nøkkelen blir den samme, så henvisningene "
        "virker fortsatt)"
    )


def _with_clean_doi(entry: Entry) -> Entry:
    """The DOI as 10.1234/abc: without the resolver in front and the full stop a citation adds after it."""
    if "doi" in entry.fields:
        entry.fields["doi"] = bare_doi(entry.fields["doi"]).rstrip(".,;: ")
    return entry


def _dropped_fields(parsed: Iterable[BibEntry]) -> set[str]:
    """The private fields in the export (what `normalise` maps onto a public field is not dropped)."""
    return {name.lower() for item in parsed for name in item.entry.fields} - PUBLIC_FIELDS - MAPPED_FIELDS


def _current(root: Path, relative: str, diagnostics: Diagnostics) -> str | None:
    """The file's text as the check reads it (a regular file, never through a link); "" when it does not exist."""
    if not (root / relative).exists() and not (root / relative).is_symlink():
        return ""
    return read_text(root, relative, diagnostics)


def _append(folder: int, relative: str, old: str, text: str) -> None:
    """`old` with `text` added, in one step: the file is written beside it and swapped in."""
    if old and not old.endswith("\n"):
        old += "\n"
    write_file(folder, relative, relative.rpartition("/")[2], old + text, replace=True)


@dataclass(frozen=True)
class Previews:
    """What `make import` shows before the researcher commits."""

    new: list[Preview]
    relabelled: list[tuple[str, str, str]]  # (key, year label before, after): 2016 -> 2016a on the site
    rest: list[Diagnostic]  # the problems with no new entry: its source file to fill in, the rest of the base


def previews(root: Path, keys: list[str], checked: Diagnostics) -> Previews:
    """Each new entry's reference as the site will show it (`apa.reference_text`, year labels among all
    the coded sources), with the problems `checked` found in its lines of the .bib file; and the coded
    sources whose year label the new entries change (a citation in a theme then changes too)."""
    raw = load_evidence(root, Diagnostics())
    coded = {source.key for source in raw.sources}
    new = set(keys)
    entries = {item.key: item.entry for item in raw.bib_entries if item.key in coded or item.key in new}
    sort_keys = {key: apa.sort_key(entry) for key, entry in entries.items()}
    labels = {key: cited.year_label for key, cited in apa.citations(entries, sort_keys).items()}
    kept = {key: entry for key, entry in entries.items() if key not in new}
    before = {key: cited.year_label for key, cited in apa.citations(kept, sort_keys).items()}
    relabelled = [(key, label, labels[key]) for key, label in before.items() if labels[key] != label]
    names = apa.person_names(item.entry for item in raw.bib_entries)  # as the model: the whole bibliography
    # A new entry runs from its first line to the next entry's in the same file.
    starts: dict[str, list[tuple[int, str]]] = {}
    for item in sorted(raw.bib_entries, key=lambda item: (item.path, item.line)):
        starts.setdefault(item.path, []).append((item.line, item.key))
    owned: dict[str, list[Diagnostic]] = {key: [] for key in keys}
    rest: list[Diagnostic] = []
    for problem in checked:
        in_file = starts.get(problem.path, [])
        index = bisect.bisect_right(in_file, (problem.line, "\uffff")) - 1  # the entry that starts at or before it
        owner = in_file[index][1] if index >= 0 else ""
        owned.get(owner, rest).append(problem)
    shown = [
        Preview(key, apa.reference_text(entries[key], labels[key], names), tuple(owned[key]))
        for key in keys
        if key in entries
    ]
    return Previews(shown, sorted(relabelled), rest)
