"""Load stage helper: BibTeX files -> pybtex entries with the line each one starts on.

pybtex reports syntax errors with a line but duplicates without one, so the line of
every `@type{key,` is indexed here, and duplicates are found here, across files too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pybtex.errors
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import Entry, InvalidNameString
from pybtex.database.input.bibtex import NAME_CHARS, DuplicateField, Parser, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from generator.diagnostics import Diagnostics

# The key pattern is pybtex's own (KEY_BRACE), so every entry pybtex reads is found here too.
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^\s,}]+)[ \t]*,", re.MULTILINE)
_NON_ENTRIES = {"string", "preamble", "comment"}
MAX_FIELD = 10_000  # characters in one BibTeX field


@dataclass(frozen=True)
class BibEntry:
    """One BibTeX entry and where it was written."""

    key: str
    entry: Entry
    path: str
    line: int


def entry_lines(text: str) -> list[tuple[str, int]]:
    """Every entry key in the file with its 1-based line, in file order."""
    lines: list[tuple[str, int]] = []
    line, counted_to = 1, 0
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", counted_to, match.start())  # counted from the last entry on: linear in the file
        counted_to = match.start()
        if match.group(1).lower() not in _NON_ENTRIES:
            lines.append((match.group(2), line))
    return lines


_EXTENDED_NAME = re.compile(r"^\s*(family|given|prefix|suffix|useprefix|giveni)\s*=", re.IGNORECASE)


class _Parser(Parser):  # type: ignore[misc]  # pybtex has no type hints
    """pybtex's parser, reading biblatex's extended name format as the BibTeX name it means:
    Better BibLaTeX writes `family=Kleef, given=Daphne, prefix=van, useprefix=false`."""

    def process_entry(self, entry_type: str, key: str, fields: list[tuple[str, list[str]]]) -> None:
        fields = [
            (name, [_bibtex_names(self.flatten_value_list(value))] if name in self.person_fields else value)
            for name, value in fields
        ]
        super().process_entry(entry_type, key, fields)


def _bibtex_names(value: str) -> str:
    if "=" not in value:
        return value
    return " and ".join(_bibtex_name(name) for name in split_name_list(value))


def _bibtex_name(name: str) -> str:
    """`family=Kleef, given=Daphne, prefix=van` -> `van Kleef, Daphne`; any other name as it is."""
    if not _EXTENDED_NAME.match(name):
        return name
    parts = dict(part.partition("=")[::2] for part in split_tex_string(name, ","))
    parts = {part.strip().lower(): value.strip() for part, value in parts.items()}
    family = " ".join(part for part in (parts.get("prefix", ""), parts.get("family", "")) if part)
    return ", ".join(part for part in (family, parts.get("suffix", ""), parts.get("given", "")) if part)


def parse_bibtex(text: str, path: str, diagnostics: Diagnostics) -> list[BibEntry]:
    """Parse one .bib file's text; report syntax problems and return the entries that parsed."""
    parser = _Parser()
    scanned = scan_plain_entries(text)
    # The one place pybtex parses: collect its errors instead of letting it raise or print.
    with pybtex.errors.capture() as captured:
        if scanned is not None:
            for entry_type, key, fields in scanned:
                parser.process_entry(entry_type, key, fields)  # pybtex makes the entry, names and all
            data = parser.data
        else:
            try:
                data = parser.parse_string(text)
            except PybtexError as uncaptured:  # defensive: capture() should have caught everything
                captured.append(uncaptured)
                data = parser.data
    lines = entry_lines(text)
    for error in captured:
        _report_pybtex_error(error, path, text, dict(lines), diagnostics)

    seen: dict[str, int] = {}
    for key, line in lines:
        folded = key.lower()
        if folded in seen:
            diagnostics.add(
                path,
                line,
                1,
                "bib-duplicate-key",
                f"nøkkelen '{key}' er brukt før, på linje {seen[folded]}; gi den ene oppføringen en annen nøkkel eller slett duplikatet",
            )
            continue
        seen[folded] = line
    # Every entry pybtex parsed is kept, even one whose line the index could not find.
    entries = [BibEntry(key, entry, path, seen.get(key.lower(), 1)) for key, entry in data.entries.items()]
    for item in entries:
        _check_lengths(item, diagnostics)
    return entries


def _check_lengths(item: BibEntry, diagnostics: Diagnostics) -> None:
    """Every field, also those never published (an abstract): bounded work for what comes after."""
    for name, value in item.entry.fields.items():
        if len(value) > MAX_FIELD:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "too-long",
                f"feltet {name} i {item.key} har {len(value)} tegn; grensen er {MAX_FIELD} (et sammendrag hører ikke hjemme her)",
            )


# pybtex's own token patterns (LowLevelParser), each after optional whitespace.
_NAME = re.compile(rf"\s*([{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS)}0-9]*)")
_OPEN = re.compile(r"\s*([{(])")
_KEYS = {"}": re.compile(r"\s*([^\s,}]+)"), ")": re.compile(r"\s*([^\s,]+)")}
_NUMBER = re.compile(r"\s*([0-9]+)")
_NEXT = re.compile(r"\s*(\S)")
_BRACES = re.compile(r"[{}]")
_BRACES_OR_QUOTE = re.compile(r'[{}"]')
_MAX_NESTING = 100  # pybtex's limit

ScannedEntry = tuple[str, str, list[tuple[str, list[str]]]]


def scan_plain_entries(text: str) -> list[ScannedEntry] | None:
    """(type, key, [(field, [value])]) for each entry, read exactly as pybtex's scanner reads it,
    for a file in the plain form nearly every file has: entries whose values are in braces,
    in quotes or numbers. None for anything else (@string, @preamble, @comment, macros, `#`,
    any syntax error): pybtex then reads the file itself and reports what it finds.

    pybtex's scanner is a third of a build at 10,000 sources; this reads the same file in a
    fraction of that, and the entries are still made by pybtex (`Parser.process_entry`)."""
    entries: list[ScannedEntry] = []
    position = text.find("@")
    while position >= 0:
        command = _NAME.match(text, position + 1)
        opening = command and _OPEN.match(text, command.end())
        if not command or not opening or command.group(1).lower() in _NON_ENTRIES:
            return None
        closing = "}" if opening.group(1) == "{" else ")"
        key = _KEYS[closing].match(text, opening.end())
        if not key:
            return None
        fields: list[tuple[str, list[str]]] = []
        position = key.end()
        while True:
            name = _NAME.match(text, position)
            if name:
                equals = _NEXT.match(text, name.end())
                if not equals or equals.group(1) != "=":
                    return None
                value = _value(text, equals.end())
                if value is None:
                    return None
                fields.append((name.group(1), [value[0]]))
                position = value[1]
            after = _NEXT.match(text, position)
            if not after:
                return None
            position = after.end()
            if after.group(1) == ",":
                continue
            if after.group(1) != closing:
                return None  # `#` (concatenation) or a syntax error
            break
        entries.append((command.group(1), key.group(1), fields))
        position = text.find("@", position)
    return entries


def _value(text: str, position: int) -> tuple[str, int] | None:
    """One field value and where it ends: in braces, in quotes, or a number."""
    opening = _NEXT.match(text, position)
    if not opening:
        return None
    if opening.group(1) not in '{"':
        number = _NUMBER.match(text, position)
        return (number.group(1), number.end()) if number else None  # else a macro name: left to pybtex
    start = opening.end()
    level = 0
    special = _BRACES if opening.group(1) == "{" else _BRACES_OR_QUOTE
    search_from = start
    while True:
        found = (special if level == 0 else _BRACES).search(text, search_from)
        if not found:
            return None
        character = found.group()
        search_from = found.end()
        if character == "{":
            level += 1
            if level > _MAX_NESTING:
                return None
        elif level > 0:
            level -= 1
        elif character == "}" and opening.group(1) == '"':
            return None  # pybtex: unbalanced braces
        else:
            return text[start : found.start()], found.end()


# pybtex's messages for the common slips, in Norwegian.
_PYBTEX_PROBLEMS = {
    "premature end of file": "filen slutter før oppføringen er lukket",
    "'=' expected": "mangler = mellom feltnavnet og verdien",
    "'}' expected": "mangler komma mellom to felt, eller en } til slutt",
    "')' expected": "mangler komma mellom to felt, eller en ) til slutt",
    "unbalanced braces": "klammene { } går ikke opp",
    "'{' or '(' expected": "mangler { etter @type",
}
_DUPLICATE_FIELD = re.compile(r"entry with key (?P<key>\S+) has a duplicate (?P<field>\S+) field")


def _syntax_error_line(error: PybtexSyntaxError, text: str, entry_lines: list[int]) -> tuple[int, str]:
    """Where to point for a syntax error, and a note on where pybtex noticed it.

    An unclosed brace swallows the entries after it, so pybtex notices it far away:
    then point at the start of the entry where the problem began.
    """
    noticed = error.lineno or 1
    context = getattr(error, "error_context_info", None)
    if not (isinstance(context, tuple) and len(context) == 3 and isinstance(context[0], int)):
        return noticed, ""
    start = text.count("\n", 0, context[0]) + 1
    if any(start < line < noticed for line in entry_lines):
        return start, f" (oppdaget først på linje {noticed}; oppføringen som starter her, er trolig ikke lukket)"
    return noticed, ""


def _report_pybtex_error(
    error: PybtexError, path: str, text: str, lines: dict[str, int], diagnostics: Diagnostics
) -> None:
    if isinstance(error, UndefinedMacro):
        diagnostics.add(
            path,
            error.lineno or 1,
            1,
            "bib-undefined-macro",
            f"ukjent makro {error.args[0] if error.args else ''}: en feltverdi uten klammer eller "
            "anførselstegn tolkes som et @string-navn; skriv verdien i {klammer}",
        )
        return
    if isinstance(error, PybtexSyntaxError):
        line, note = _syntax_error_line(error, text, sorted(lines.values()))
        problem = error.args[0] if error.args else str(error)
        problem = _PYBTEX_PROBLEMS.get(problem, problem)
        diagnostics.add(
            path,
            line,
            1,
            "bib-syntax",
            f"BibTeX-syntaksfeil: {problem}{note}; sjekk klammer, komma og = mellom feltene",
        )
        return
    if isinstance(error, InvalidNameString):
        name = error.args[0].removeprefix("Too many commas in ").strip("'\"") if error.args else ""
        where = text.find(name.split(",")[0]) if name else -1
        diagnostics.add(
            path,
            text.count("\n", 0, where) + 1 if where >= 0 else 1,
            1,
            "bib-name",
            f"navnet '{name[:80]}' har for mange komma; skill personene med and, ikke med komma: "
            "author = {Hansen, Kari and Berg, Ola}",
        )
        return
    if "repeated" in str(error):
        return  # reported with its line by parse_bibtex
    if isinstance(error, DuplicateField) and (match := _DUPLICATE_FIELD.search(str(error))):
        key = match["key"]
        diagnostics.add(
            path,
            lines.get(key, 1),
            1,
            "bib-duplicate-field",
            f"feltet {match['field']} står to ganger i {key}; slett det ene (bare det første blir brukt)",
        )
        return
    diagnostics.add(path, 1, 1, "bib-syntax", f"BibTeX-feil: {error}")
