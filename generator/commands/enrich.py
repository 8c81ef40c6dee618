"""`python -m generator import --berik [--skriv]`: the entries in literature/*.bib that have a DOI,
compared with Crossref -> proposed fields, written only when asked.

Proposes what Crossref has and the entry lacks (`volume`, `number`, `pages`), and the title in
Crossref's case where the two titles differ only in case and Crossref's has fewer capitals (an
export in Title Case or capitals; the publisher's own title keeps the proper nouns). Prints each
proposal; with `--skriv` it changes only those values: every other byte of the file stays as it
was, the edited entries are read back before anything is written, and the file is swapped in
through `write.contained_folder`. Responses come from `.cache/crossref/` or are fetched once.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

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
from generator.commands.formats import to_bibtex
from generator.core.diagnostics import Diagnostics
from generator.core.latex import latex_to_plain
from generator.core.layout import LITERATURE
from generator.core.line_index import LineIndex
from generator.load.bibliography import BibEntry, PlainFields, parse_bibtex, plain_fields_at
from generator.load.evidence import load_evidence, read_text
from generator.write.files import WriteError, contained_folder, write_file

MISSING_FIELDS = ("volume", "number", "pages")


@dataclass(frozen=True)
class Proposal:
    """One field of one entry: what it is now ("" when missing) and what Crossref has, as BibTeX text.
    `line` is where it is shown (a title's own line), `entry_line` where the entry starts."""

    path: str
    line: int
    key: str
    field: str
    now: str
    proposed: str
    entry_line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.key}: {self.field}: {self.now or '(mangler)'} → {self.proposed}"


@dataclass
class EnrichReport:
    checked: int = 0  # entries with a DOI that were compared with Crossref
    proposals: list[Proposal] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)  # per entry: what Crossref could not answer
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    applied: list[Proposal] = field(default_factory=list)  # the proposals written (an entry not in plain form is not)
    failure: str | None = None  # why the comparison stopped (no network) or nothing was written


def enrich(root: Path, *, write: bool = False, opener: Opener | None = None) -> EnrichReport:
    """Compare every entry that has a DOI with Crossref; with `write`, add the proposals to the .bib files."""
    report = EnrichReport()
    evidence = load_evidence(root, Diagnostics())
    summary = evidence.summary.data if evidence.summary else None
    contact = contact_address(summary.get("kontakt") if isinstance(summary, dict) else None)
    for item in evidence.bib_entries:
        raw = item.entry.fields.get("doi", "")
        doi = valid_doi(raw) if raw.strip() else None
        if doi is None:
            continue  # no DOI, or one the check reports (bib-doi)
        if contact is None and not report.notes and not is_cached(root, doi):
            report.notes.append(missing_contact_note())
        try:
            message = work(root, doi, contact, opener)
        except CrossrefError as error:
            report.diagnostics.add(item.path, item.line, 1, "crossref", f"{item.key}: {error.message}")
            if error.offline:
                report.failure = (
                    "Stoppet: Crossref svarer ikke, så resten av oppføringene med DOI er ikke sammenlignet."
                )
                break
            continue
        report.checked += 1
        proposed = _crossref_fields(message, doi, item, report.diagnostics)
        if proposed is not None:
            report.proposals += _proposals(item, proposed)
    files = _BibFiles(root)
    report.proposals = [_on_its_line(files, proposal) for proposal in report.proposals]
    if write and report.proposals:
        _write(files, report)
    return report


def _crossref_fields(
    message: dict[str, object], doi: str, item: BibEntry, diagnostics: Diagnostics
) -> dict[str, str] | None:
    """Crossref's work as BibTeX field values, made as `import --doi` makes them; None (with a warning) if it cannot be."""
    record, _ = csl_record(message)
    scratch = Diagnostics()
    parsed = parse_bibtex(
        to_bibtex(json.dumps([record]), "csl-json", cache_path(doi), scratch), cache_path(doi), scratch
    )
    if scratch.has_errors or len(parsed) != 1:
        problem = next(iter(scratch), None)
        diagnostics.add(
            item.path,
            item.line,
            1,
            "crossref",
            f"{item.key}: svaret fra Crossref kunne ikke leses som en oppføring"
            + (f" ({problem.message})" if problem else ""),
        )
        return None
    return {name.lower(): value for name, value in parsed[0].entry.fields.items()}


# A volume, issue or page range as journals number them (12, 3-4, S1, e1234, 134--186): anything else,
# such as text or commands in a cached answer someone edited, is not proposed.
_NUMBERING = re.compile(r"[0-9A-Za-z]{1,12}(?:(?:--?|–|/)[0-9A-Za-z]{1,12})?")


def _proposals(item: BibEntry, crossref: dict[str, str]) -> list[Proposal]:
    fields = item.entry.fields
    found = [
        Proposal(item.path, item.line, item.key, name, "", crossref[name], item.line)
        for name in MISSING_FIELDS
        if _NUMBERING.fullmatch(crossref.get(name, "").strip()) and not fields.get(name, "").strip()
    ]
    now, new = fields.get("title", ""), crossref.get("title", "")
    plain_now, plain_new = latex_to_plain(now), latex_to_plain(new)
    if (
        plain_now != plain_new
        and plain_now.casefold() == plain_new.casefold()
        and _capitals(plain_new) < _capitals(plain_now)
    ):
        found.append(Proposal(item.path, item.line, item.key, "title", now, new, item.line))
    return found


def _capitals(text: str) -> int:
    return sum(character.isupper() for character in text)


class _BibFiles:
    """Each .bib file's text and line index, read once however many of its entries have proposals."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: dict[str, tuple[str, LineIndex] | None] = {}

    def text(self, path: str, diagnostics: Diagnostics) -> tuple[str, LineIndex] | None:
        if path not in self._read:
            text = read_text(self.root, path, diagnostics)
            self._read[path] = (text, LineIndex(text)) if text is not None else None
        return self._read[path]

    def fields(self, path: str, line: int, key: str) -> PlainFields | None:
        """The fields of the entry `key` that starts on `line`; None if it is not there in plain form."""
        read = self.text(path, Diagnostics())
        if read is None:
            return None
        text, index = read
        start = index.offset(line)
        found = re.compile(rf"[ \t]*@[ \t]*\w+[ \t]*[{{(][ \t]*{re.escape(key)}[ \t]*,").match(text, start)
        return plain_fields_at(text, text.index("@", start)) if found else None


def _on_its_line(files: _BibFiles, proposal: Proposal) -> Proposal:
    """A title proposal points at the title's own line (a missing field at its entry's)."""
    fields = files.fields(proposal.path, proposal.entry_line, proposal.key) if proposal.field == "title" else None
    read = files.text(proposal.path, Diagnostics())
    if fields is None or read is None or "title" not in fields.values:
        return proposal
    return dataclasses.replace(proposal, line=read[1].line(fields.values["title"][0]))


def _write(files: _BibFiles, report: EnrichReport) -> None:
    by_path: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in report.proposals:
        by_path[proposal.path].append(proposal)
    try:
        with contained_folder(files.root, LITERATURE) as folder:
            for path, proposals in by_path.items():
                folder_name, _, name = path.rpartition("/")
                new = _edited(files, path, proposals, report) if folder_name == LITERATURE else None
                if new is not None:
                    write_file(folder, path, name, new, replace=True)
                    report.written.append(path)
    except WriteError as error:
        report.diagnostics.add(error.path, 1, 1, error.code, error.reason)
        report.failure = "Kunne ikke skrive forslagene (se over)."


def _edited(files: _BibFiles, path: str, proposals: list[Proposal], report: EnrichReport) -> str | None:
    """The file's text with the proposals in it, read back; None (with an error) when that is not safe."""
    read = files.text(path, report.diagnostics)
    if read is None:
        return None
    text = read[0]
    newline = "\r\n" if "\r\n" in text else "\n"
    by_key: dict[tuple[str, int], list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_key[(proposal.key, proposal.entry_line)].append(proposal)
    edits: list[tuple[int, int, str]] = []
    applied: list[Proposal] = []
    for (key, line), wanted in by_key.items():
        fields = files.fields(path, line, key)
        if fields is None:
            report.diagnostics.add(
                path,
                line,
                1,
                "crossref",
                f'{key}: oppføringen er ikke skrevet i vanlig form (verdier i {{ }}, " " eller tall), så forslagene '
                "er ikke skrevet inn; legg dem til for hånd",
            )
            continue
        added = ""
        applied += wanted
        for proposal in wanted:
            if proposal.field == "title" and "title" in fields.values:
                start, end = fields.values["title"]
                edits.append((start, end, "{" + proposal.proposed + "}"))
            else:
                added += f",{newline}{fields.indent}{proposal.field} = {{{proposal.proposed}}}"
        if added:
            edits.append((fields.last_value_end, fields.last_value_end, added))
    new = text
    for start, end, replacement in sorted(edits, reverse=True):
        new = new[:start] + replacement + new[end:]
    if not edits or not _reads_back(text, new, path, applied, report):
        return None
    report.applied += applied
    return new


def _reads_back(old: str, new: str, path: str, proposals: list[Proposal], report: EnrichReport) -> bool:
    """The new text parses to the old entries with just the proposed values changed."""
    expected = {
        item.key: {name.lower(): value for name, value in item.entry.fields.items()}
        for item in parse_bibtex(old, path, Diagnostics())
    }
    for proposal in proposals:
        expected[proposal.key][proposal.field] = proposal.proposed
    got = {
        item.key: {name.lower(): value for name, value in item.entry.fields.items()}
        for item in parse_bibtex(new, path, Diagnostics())
    }
    if got == expected:
        return True
    report.diagnostics.add(
        path, 1, 1, "write-failed", "forslagene kunne ikke leses tilbake slik de skulle; ingenting er skrevet i filen"
    )
    return False
