"""Check stage helper: checks of researchers' Markdown text (citations, links, raw HTML)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.check.schema import Suggestions
from generator.core.citations import citation_slips, cited_keys
from generator.core.diagnostics import Diagnostics
from generator.core.line_index import LineIndex
from generator.core.markup import inspect

# Words addressed to the research group, which a reader should never see.
_INTERNAL_NOTE = re.compile(
    r"\b(?:forskergruppen bør|fylles inn|fyll inn|må sjekkes|sjekk dette|TODO|FIXME|XXX)\b", re.IGNORECASE
)
# A hyphen at a line break in YAML or Markdown becomes "Vest- Europa" on the page; "Nord- og" is fine.
# Possessive runs (*+): a failed match gives no space back to try again, so "Vest-" and 32,000
# spaces is one pass, not 32,000² steps.
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*+\n?+[ \t]*+(?<=\s)(?!(?:og|eller|til|samt|and|or)\b)(?=\w)")
# Python-Markdown's inline pass takes time that grows with the square of a paragraph's length when
# every character is an inline item (95,000 `{` in one paragraph took 35 s to build); a paragraph of
# this many takes 0.05 s, and the longest written today has about 1,100 characters.
MAX_PARAGRAPH = 4_000
# Markdown ends a paragraph at a line of nothing but spaces and tabs; a block (list item, table cell)
# never reaches over one, so this bounds every piece the inline pass sees.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*+\n)+")
# A relative link into the generated folders: ../kilder/<key>.md, /tema/<id>/, kilder/<key>/ …
_SITE_LINK = re.compile(r"^(?:\.{1,2}/|/)*(?P<folder>kilder|tema)/(?P<name>[^/#?]+?)(?:\.md|/)?(?:[#?].*)?\Z")


@dataclass(frozen=True)
class _Text:
    """One text being checked: where it stands, its line index, and the suggestions made so far."""

    text: str
    start: tuple[int, int]
    path: str
    lines: LineIndex
    suggest: dict[str, Suggestions]  # by folder: kilder, tema


@dataclass(frozen=True)
class TextChecker:
    """Checks Markdown text against what exists: coded sources and themes."""

    citable: frozenset[str]
    theme_ids: frozenset[str]
    diagnostics: Diagnostics

    def check(self, text: str, start: tuple[int, int], path: str) -> None:
        """Report problems in `text`, which begins at line/column `start` of `path`."""
        suggest = {"kilder": Suggestions(self.citable), "tema": Suggestions(self.theme_ids)}
        where = _Text(text, start, path, LineIndex(text), suggest)
        for key, offset in cited_keys(text):
            if key not in self.citable:
                self._add(
                    where,
                    offset,
                    "unknown-citation",
                    f"henvisningen @{key} peker ikke på noen kodet kilde{where.suggest['kilder'](key)} "
                    "En kilde trenger både en oppføring i literature/*.bib og en fil i literature/sources/",
                )
        for slip in citation_slips(text, self.citable):
            self._add(
                where,
                slip.offset,
                "citation-syntax",
                f"'{slip.written[:80]}' er ikke en henvisning her og ville stått som tekst; skriv {slip.fix[:120]} "
                "(se CONTRIBUTING.md, «Temaer og hovedfunn»)",
            )
        for note in _INTERNAL_NOTE.finditer(text):
            self._add(
                where,
                note.start(),
                "internal-note",
                f"«{note.group()}» ser ut som en beskjed til forskergruppen, og den ville blitt publisert; skriv den "
                "som en YAML-kommentar (# …), som aldri vises. Er opplysningene om kilden tynne: faktagrunnlag_tynt: true",
            )
        for hyphen in _HYPHEN_BREAK.finditer(text):
            self._add(
                where,
                hyphen.start(),
                "hyphen-break",
                f"«{text[max(hyphen.start() - 12, 0) : hyphen.end() + 12].strip()}» får et mellomrom etter "
                "bindestreken på siden; flytt hele ordet til samme linje",
            )
        for offset, length in _long_paragraphs(text):
            self._add(
                where,
                offset,
                "paragraph-too-long",
                f"avsnittet har {length} tegn; grensen er {MAX_PARAGRAPH} tegn i ett avsnitt: del det opp med en tom "
                "linje mellom avsnittene (i en YAML-tekst skrevet med >- trengs to tomme linjer)",
            )
        inspection = inspect(text)
        for destination, offset in inspection.links:
            self._check_link(where, destination, offset)
        for problem in inspection.problems:
            self._add(where, problem.offset, problem.code, problem.detail)

    def _check_link(self, where: _Text, destination: str, offset: int) -> None:
        """A link into the site must point at a theme or source that exists (unsafe links are `inspect`'s)."""
        match = _SITE_LINK.match(destination)
        if match is None or match["name"] == "index":
            return
        folder, name = match["folder"], match["name"]
        known = self.citable if folder == "kilder" else self.theme_ids
        if name not in known:
            what = "en kilde" if folder == "kilder" else "et tema"
            hint = " For kilder: bruk heller en henvisning som [@nøkkel]." if folder == "kilder" else ""
            self._add(
                where,
                offset,
                "broken-link",
                f"lenken '{destination}' peker på {what} som ikke finnes{where.suggest[folder](name)}{hint}",
            )

    def _add(self, where: _Text, offset: int, code: str, message: str) -> None:
        line_in_text = where.lines.line(offset) - 1
        column = offset - where.lines.line_start(offset) + 1 if line_in_text else where.start[1] + offset
        self.diagnostics.add(where.path, where.start[0] + line_in_text, column, code, message)


def _long_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """The offset and length of every paragraph longer than `MAX_PARAGRAPH`."""
    start = 0
    for paragraph_break in _PARAGRAPH_BREAK.finditer(text):
        if paragraph_break.start() - start > MAX_PARAGRAPH:
            yield start, paragraph_break.start() - start
        start = paragraph_break.end()
    end = len(text.rstrip(" \t\n"))  # a theme's last line break is no part of its last paragraph
    if end - start > MAX_PARAGRAPH:
        yield start, end - start
