"""Pandoc citation syntax in Markdown text: finding citations and replacing them.

Supported forms: `[@key]`, `[@key, s. 12]`, `[se @a; @b]`, `[-@key]` (year only),
narrative `@key` and `@key [s. 12]`. Code spans and fenced code are left alone, and an
`@` inside a word (an e-mail address) is not a citation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Every run is possessive (*+, ++): a key, a body or a gap is read once, and a failed match gives
# nothing back to try again, so each scanner is linear in the text ("[@" and 32,000 letters, or
# "(@a @a …", would otherwise be quadratic). A key is word characters, with single runs of
# punctuation between them, as pybtex's keys and Pandoc's are.
_KEY = r"\w++(?:[:.#$%&+?<>~/-]++\w++)*+"
_KEY_AT = re.compile(_KEY)
# A bracketed or parenthesised group is read to its closing bracket first, and then checked for
# a cited key inside it (`_CITES`), instead of guessing where the key starts and the body ends.
_BRACKETED = re.compile(r"\[(?P<body>[^\[\]]*+)\](?![(\[:])")
_CITES = re.compile(r"(?<![\w@])@\w")  # "-@key" too: "-" is neither
_NARRATIVE = re.compile(r"(?<![\w@\[-])@(?P<key>" + _KEY + r")(?:\s\[(?P<locator>[^\[\]@]*+)\](?![(\[:]))?")
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)
# Citations written in another tool's syntax, which would be published as plain text.
# An option in [ ] holds no bracket, so "\cite[" repeated is not read again from every "\cite".
_LATEX_CITE = re.compile(
    r"\\(?P<command>(?:[Pp]aren|[Tt]ext|[Aa]uto|[Ff]oot)?cite(?:t|p|alp|alt|author|year)?)\*?"
    r"(?:\[[^\[\]\n]*+\]){0,2}\{(?P<keys>[^{}\n]*+)\}"
)
_SPACED_AT = re.compile(r"(?<![\w@])@[ \t]++(?P<key>" + _KEY + r")")
_PARENTHESISED = re.compile(r"\((?P<body>[^()\[\]\n]*+)\)")


@dataclass(frozen=True)
class CitedWork:
    """One work inside a citation, with the text around it."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


@dataclass(frozen=True)
class Citation:
    """A citation as written: its works, whether it is narrative, and where it stands."""

    works: tuple[CitedWork, ...]
    narrative: bool
    start: int
    end: int


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _CODE.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `position` falls in one of `spans`, which are sorted and do not overlap (a binary search:
    a theme with 20,000 citations would otherwise take quadratic time)."""
    index = bisect.bisect_right(spans, (position, len(spans) and spans[-1][1] + 1)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _parse_bracketed(body: str) -> tuple[CitedWork, ...] | None:
    works = []
    for item in body.split(";"):
        work = _parse_item(item)
        if work is None:
            return None  # not citation syntax after all, e.g. "[see me @ 5]"
        works.append(work)
    return tuple(works)


def _parse_item(item: str) -> CitedWork | None:
    """`prefix -@key, locator` (each part but the key optional), read left to right once."""
    at = item.find("@")
    key = _KEY_AT.match(item, at + 1) if at >= 0 else None
    if key is None:
        return None
    rest = item[key.end() :].strip()
    if rest and not rest.startswith(","):
        return None
    suppress = item[at - 1 : at] == "-"
    return CitedWork(
        key=key.group(),
        prefix=item[: at - suppress].strip(),
        locator=rest[1:].strip(),
        suppress_author=suppress,
    )


def find_citations(text: str) -> list[Citation]:
    """Every citation in `text`, in order of appearance."""
    code = _code_spans(text)
    citations: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in _BRACKETED.finditer(text):
        if not _CITES.search(match["body"]):
            continue
        works = _parse_bracketed(match["body"])
        if works is not None and not _inside(match.start(), code):
            citations.append(Citation(works, narrative=False, start=match.start(), end=match.end()))
            taken.append(match.span())
    for match in _NARRATIVE.finditer(text):
        if _inside(match.start(), code) or _inside(match.start(), taken):
            continue
        work = CitedWork(key=match["key"], locator=(match["locator"] or "").strip())
        citations.append(Citation((work,), narrative=True, start=match.start(), end=match.end()))
    return sorted(citations, key=lambda citation: citation.start)


@dataclass(frozen=True)
class Slip:
    """A citation in the wrong syntax: where it starts, as written, and as it should be written."""

    offset: int
    written: str
    fix: str


def citation_slips(text: str, keys: frozenset[str]) -> list[Slip]:
    """LaTeX citation commands, `@ key` with a space, `[@a, @b]` and `(@a; @b)`, outside code.
    `@ key` counts only for a key that exists: `@ 5` in a sentence is not a citation."""
    code = _code_spans(text)
    slips: list[Slip] = []
    for match in _LATEX_CITE.finditer(text):
        cited = [key.strip() for key in match["keys"].split(",") if key.strip()]
        narrative = match["command"] in ("citet", "textcite", "Textcite") and len(cited) == 1
        fix = f"@{cited[0]}" if narrative else f"[{'; '.join('@' + key for key in cited)}]"
        slips.append(Slip(match.start(), match.group(), fix))
    for match in _SPACED_AT.finditer(text):
        if match["key"] in keys:
            slips.append(Slip(match.start(), match.group(), f"@{match['key']}"))
    for citation in find_citations(text):
        written = text[citation.start : citation.end]
        if any("@" in work.locator for work in citation.works):  # [@a, @b]: a comma where Pandoc wants ;
            slips.append(Slip(citation.start, written, re.sub(r",\s*(-?@)", r"; \1", written)))
    for match in _PARENTHESISED.finditer(text):  # (se @a; @b) would print Ansell og Gash (2008) in parentheses
        if _CITES.search(match["body"]):
            slips.append(Slip(match.start(), match.group(), f"[{match['body']}]"))
    return sorted((slip for slip in slips if not _inside(slip.offset, code)), key=lambda slip: slip.offset)


def cited_keys(text: str) -> Iterator[tuple[str, int]]:
    """Each cited key with its offset in `text`, for locating unknown keys."""
    for citation in find_citations(text):
        for work in citation.works:
            yield work.key, text.index("@" + work.key, citation.start)
