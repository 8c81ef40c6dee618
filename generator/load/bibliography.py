"""Load stage helper: BibTeX files -> pybtex entries with the line each one starts on.

pybtex reports syntax errors with a line but duplicates without one, so the line of
every `@type{key,` is indexed here, and duplicates are found here, across files too.

Over 350 lines: pybtex's parser with bounds (`_Parser`, `_BoundedScanner`), the fast scanner for
plain files and pybtex's messages in Norwegian with their lines all follow pybtex's own grammar
and token patterns, and must change with it together.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pybtex.errors
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import Entry, InvalidNameString
from pybtex.database.input.bibtex import NAME_CHARS, DuplicateField, LowLevelParser, Parser, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.scanner import PrematureEOF, PybtexSyntaxError, Token

from generator.core.diagnostics import Diagnostics
from generator.core.line_index import LineIndex

# The key pattern is pybtex's own (KEY_BRACE), so every entry pybtex reads is found here too.
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^\s,}]+)[ \t]*,", re.MULTILINE)
_NON_ENTRIES = {"string", "preamble", "comment"}
MAX_FIELD = 10_000  # characters in one BibTeX field
# Characters @string macros may add to one file, all values together: 60,000 entries that each
# name a journal and a month by macro use about 4 million.
MAX_MACRO_TEXT = 16_000_000
# Entries, @string and @comment commands in one file: pybtex makes about 1.4 KB of objects per
# entry, so a 32 MiB file of `@a{k1,}` (4 million) would take gigabytes. The cap is what the
# file-size cap was chosen for (load.MAX_BIB_BYTES).
MAX_COMMANDS = 60_000


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
    Better BibLaTeX writes `family=Kleef, given=Daphne, prefix=van, useprefix=false`.
    It reads with `_BoundedScanner`, and keeps the too-long values that scanner cut."""

    def __init__(self) -> None:
        super().__init__()
        self.too_long: list[tuple[int, str]] = []  # (line, message) for @string and @preamble values
        # entry key -> field -> its length as written, for values cut while reading or name lists
        # left out (None: unknown, built on a macro that was cut)
        self.cut_fields: dict[str, dict[str, int | None]] = {}
        self.error_keys: dict[int, str] = {}  # id of an error pybtex reported -> the entry it was making

    def parse_string(self, text: str) -> object:
        # pybtex's own parse_string, with the bounded scanner in place of LowLevelParser.
        self.unnamed_entry_counter = 1
        scanner = _BoundedScanner(self, text)
        for command, body in scanner:
            if command.lower() == "preamble":
                self.process_preamble(*body)
            elif command.lower() != "string":
                self.process_entry(command, *body)
        return self.data

    def process_entry(self, entry_type: str, key: str, fields: list[tuple[str, list[str]]]) -> None:
        fields = [
            (name, [_bibtex_names(self.flatten_value_list(value))] if name in self.person_fields else value)
            for name, value in fields
        ]
        # A name list past the cap is left out before pybtex makes a Person of each name (about
        # 75 µs and 400 bytes each: 32 MiB of "a and " would take minutes and gigabytes).
        left_out = {
            name: len(value[0]) for name, value in fields if name in self.person_fields and len(value[0]) > MAX_FIELD
        }
        if left_out:
            self.cut_fields.setdefault(key, {}).update(left_out)
            fields = [(name, value) for name, value in fields if name not in left_out]
        errors = pybtex.errors.captured_errors  # the list capture() collects into: its new errors are this entry's
        before = len(errors) if errors is not None else 0
        super().process_entry(entry_type, key, fields)
        for error in errors[before:] if errors is not None else []:
            self.error_keys[id(error)] = key


class _BoundedScanner(LowLevelParser):  # type: ignore[misc]  # pybtex has no type hints
    """pybtex's scanner with bounded work.

    - Macros stop adding to a value past `MAX_FIELD` + 1 characters while it is read, so `@string`
      macros that double each other (`s1 = s0 # s0` … `s28`) cannot fill the memory; a macro
      that grows too long is reported once, and values built on it are not reported again.
      (Text written out in the file is never cut: it is as large as the file, and a field of it
      is measured after whitespace is normalised, as for a file without macros.)
    - All macros together add at most `MAX_MACRO_TEXT` characters to the file.
    - A quoted or braced string is read with one search for the next special character,
      not one per character (pybtex searches again for a far `"` at every `{`: quadratic).
    """

    pos: int  # pybtex's Scanner: where reading goes on
    text: str
    lineno: int

    def __init__(self, parser: _Parser, text: str) -> None:
        super().__init__(
            text,
            keyless_entries=parser.keyless_entries,
            handle_error=parser.handle_error,
            want_entry=parser.data.want_entry,
            filename=parser.filename,
            macros=parser.macros,
        )
        self.parser = parser
        self.oversized: set[str] = set()  # macros cut at the cap, lowercase (macro names ignore case)
        self.macro_text = 0
        self.value_length = 0  # as written, before any cut
        self.kept_length = 0
        self.cut = False  # the value being read passed the cap
        self.built_on_oversized = False  # …or uses a macro that did
        self.from_macro = False  # the value part being read is a macro
        self.specials = {'"': self.QUOTE, "{": self.LBRACE, "}": self.RBRACE}

    def parse_value(self) -> None:
        self.value_length, self.kept_length, self.cut, self.built_on_oversized = 0, 0, False, False
        super().parse_value()
        if not (self.cut or self.built_on_oversized):
            return
        if self.current_entry_key is not None:
            length = None if self.built_on_oversized else self.value_length
            self.parser.cut_fields.setdefault(self.current_entry_key, {})[self.current_field_name] = length
        elif self.current_field_name is not None:  # @string
            self.oversized.add(self.current_field_name.lower())
            if not self.built_on_oversized:
                self._too_long(
                    f"@string-makroen {self.current_field_name} blir over {MAX_FIELD} tegn når makroene den "
                    f"bygger på, settes inn; grensen for ett felt er {MAX_FIELD} tegn: skriv en kortere verdi"
                )
        elif not self.built_on_oversized:
            self._too_long(f"@preamble blir over {MAX_FIELD} tegn; grensen for ett felt er {MAX_FIELD} tegn")

    def parse_value_part(self) -> str:
        self.from_macro = False
        part: str = super().parse_value_part()
        self.value_length += len(part)
        if self.from_macro:
            part = self._bounded_macro(part)
        self.kept_length += len(part)
        return part

    def _bounded_macro(self, value: str) -> str:
        """What of a macro's value the value being read may take: up to one character past the
        field cap, and nothing once all macros of the file have added `MAX_MACRO_TEXT`."""
        room = MAX_FIELD + 1 - self.kept_length  # one more than allowed, so the value is still too long
        if len(value) > room:
            value, self.cut = value[: max(room, 0)], True
        if self.macro_text + len(value) > MAX_MACRO_TEXT:
            if self.macro_text <= MAX_MACRO_TEXT:
                self._too_long(
                    f"@string-makroene i filen blir til sammen over {MAX_MACRO_TEXT} tegn når de settes inn; "
                    "bruk færre eller kortere makroer"
                )
            self.macro_text = MAX_MACRO_TEXT + 1
            return ""
        self.macro_text += len(value)
        return value

    def substitute_macro(self, name: str) -> str:
        self.from_macro = True
        self.built_on_oversized |= name.lower() in self.oversized
        value: str = super().substitute_macro(name)
        return value

    def parse_string(self, string_end: object, level: int = 0, max_level: int = 100) -> Iterator[Token]:
        if level > max_level:
            raise PybtexSyntaxError("too many nested braces", self)
        special = _BRACES_OR_QUOTE if string_end is self.QUOTE else _BRACES
        while True:
            found = special.search(self.text, self.pos)
            if not found:
                raise PrematureEOF(self)
            part = Token(self.text[self.pos : found.end()], self.specials[found.group()])
            self.pos = found.end()
            self.update_lineno(part.value)
            if part.pattern is string_end:
                yield part
                return
            if part.pattern is self.LBRACE:
                yield part
                yield from self.parse_string(self.RBRACE, level + 1)
            elif part.pattern is self.RBRACE and level == 0:
                raise PybtexSyntaxError("unbalanced braces", self)

    def _too_long(self, message: str) -> None:
        self.parser.too_long.append((self.lineno, message))


def _commands(text: str) -> int:
    """How many commands pybtex would start in the text, and those in values and comments: linear."""
    return sum(1 for match in _COMMAND.finditer(text) if match.group(1))


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
    if text.count("@") > MAX_COMMANDS and _commands(text) > MAX_COMMANDS:
        diagnostics.add(
            path,
            1,
            1,
            "file-too-large",
            f"filen har over {MAX_COMMANDS} oppføringer (@type{{…}}); grensen er {MAX_COMMANDS} i én fil: "
            "del den opp i flere .bib-filer",
        )
        return []
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
    for line, message in parser.too_long:
        diagnostics.add(path, line, 1, "too-long", message)
    places = _Places(text, lines)
    for error in captured:
        _report_pybtex_error(error, path, places, parser.error_keys.get(id(error)), diagnostics)

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
        _check_lengths(item, parser.cut_fields, diagnostics)
    return entries


def _check_lengths(item: BibEntry, cut: dict[str, dict[str, int | None]], diagnostics: Diagnostics) -> None:
    """Every field, also those never published (an abstract): bounded work for what comes after.
    A value the scanner `cut` while reading is too long as written (its length unknown when
    it used a macro that was cut), whatever whitespace normalising would leave of it."""
    lengths: dict[str, int | None] = {name: len(value) for name, value in item.entry.fields.items()}
    for name, length in (lengths | cut.get(item.key, {})).items():
        if length is None or length > MAX_FIELD:
            diagnostics.add(
                item.path,
                item.line,
                1,
                "too-long",
                f"feltet {name} i {item.key} har {length or f'over {MAX_FIELD}'} tegn; grensen er {MAX_FIELD} "
                "(et sammendrag hører ikke hjemme her)",
            )


# pybtex's own token patterns (LowLevelParser), each after optional whitespace.
_NAME = re.compile(rf"\s*([{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS)}0-9]*)")
# A command as pybtex's scanner starts one (`@`, a name, `{` or `(`; group 1 is the bracket): every
# entry, @string and @comment is one; an e-mail address in a value usually is not. Where the bracket
# is missing, the match still takes the whole name, as pybtex does before it looks for the next `@`:
# the name may hold `@`, and trying each of them again made a run of 60,000 `@` take a minute.
_COMMAND = re.compile(rf"@\s*+(?:[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS)}0-9]*+\s*+)?+([{{(])?")
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


@dataclass(frozen=True)
class PlainFields:
    """Where one plain entry's fields stand in its file: each field's value with its delimiters
    (`{…}`, `"…"` or a number), where the last value ends, and that field's indentation."""

    values: dict[str, tuple[int, int]]
    last_value_end: int
    indent: str


def plain_fields_at(text: str, start: int) -> PlainFields | None:
    """The fields of the entry whose `@` is at `start`, read as `scan_plain_entries` reads them, so that
    an edit can change one value and leave every other byte as it was; None when the entry is not plain."""
    command = _NAME.match(text, start + 1) if text.startswith("@", start) else None
    opening = command and _OPEN.match(text, command.end())
    if not command or not opening:
        return None
    closing = "}" if opening.group(1) == "{" else ")"
    key = _KEYS[closing].match(text, opening.end())
    if not key:
        return None
    values: dict[str, tuple[int, int]] = {}
    position = last_name = key.end()
    while True:
        name = _NAME.match(text, position)
        if name:
            equals = _NEXT.match(text, name.end())
            value = _value(text, equals.end()) if equals and equals.group(1) == "=" else None
            if equals is None or value is None:
                return None
            value_start = _NEXT.match(text, equals.end())
            assert value_start is not None  # _value found one
            values[name.group(1).lower()] = (value_start.start(1), value[1])
            last_name, position = name.start(1), value[1]
        after = _NEXT.match(text, position)
        if not after:
            return None
        if after.group(1) == closing:
            break
        if after.group(1) != ",":
            return None
        position = after.end()
    last_end = max((end for _, end in values.values()), default=key.end())
    before_last = text[text.rfind("\n", 0, last_name) + 1 : last_name]  # a new field is indented as the last one
    return PlainFields(values, last_end, before_last if values and not before_last.strip() else "  ")


# pybtex's messages, every one its scanner can give (pybtex/scanner.py, database/input/bibtex.py), in Norwegian.
_PYBTEX_PROBLEMS = {
    "premature end of file": "filen slutter før oppføringen er lukket",
    "'=' expected": "mangler = mellom feltnavnet og verdien",
    "'}' expected": "mangler komma mellom to felt, eller en } til slutt",
    "')' expected": "mangler komma mellom to felt, eller en ) til slutt",
    "unbalanced braces": "klammene { } går ikke opp",
    "'(' or '{' expected": "mangler { etter @type",
    "too many nested braces": f"klammene {{ }} er nøstet i mer enn {_MAX_NESTING} nivåer; trolig mangler en }} et sted",
    "entry key expected": "mangler nøkkelen etter @type{",
    "a valid name expected": "mangler et navn av bokstaver: typen etter @, navnet i @string{navn = …} eller et feltnavn",
    "field value expected": "mangler verdien etter =; skriv den i {klammer}",
}
_DUPLICATE_FIELD = re.compile(r"entry with key (?P<key>\S+) has a duplicate (?P<field>\S+) field")


class _Places:
    """Where things are in one .bib file. Each error looks its line up by binary search, so a
    file with thousands of errors is still reported in time linear in its size."""

    def __init__(self, text: str, lines: list[tuple[str, int]]) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self.key_line = dict(lines)
        self.entry_starts = sorted(line for _, line in lines)
        self._searched_to: dict[str, int] = {}  # entry key -> where the next search in it starts

    def line_in_entry(self, key: str | None, written: str) -> int:
        """The line of `written` in the entry `key`, else the entry's line. pybtex reports an entry's
        problems in the order they are written, so each search goes on where the last one ended:
        linear in the entry, however many problems it has."""
        entry = self.key_line.get(key or "", 1)
        next_entry = bisect.bisect_right(self.entry_starts, entry)
        end = (
            self.lines.offset(self.entry_starts[next_entry]) if next_entry < len(self.entry_starts) else len(self.text)
        )
        start = self._searched_to.get(key or "", self.lines.offset(entry))
        found = self.text.find(written, start, end) if written else -1
        if found < 0:
            return entry
        self._searched_to[key or ""] = found + 1
        return self.lines.line(found)

    def entry_between(self, first: int, last: int) -> bool:
        """Whether an entry starts on a line after `first` and before `last`."""
        index = bisect.bisect_right(self.entry_starts, first)
        return index < len(self.entry_starts) and self.entry_starts[index] < last


def _syntax_error_line(error: PybtexSyntaxError, places: _Places) -> tuple[int, str]:
    """Where to point for a syntax error, and a note on where pybtex noticed it.

    An unclosed brace swallows the entries after it, so pybtex notices it far away:
    then point at the start of the entry where the problem began.
    """
    noticed = error.lineno or 1
    context = getattr(error, "error_context_info", None)
    if not (isinstance(context, tuple) and len(context) == 3 and isinstance(context[0], int)):
        return noticed, ""
    start = places.lines.line(context[0])
    if places.entry_between(start, noticed):
        return start, f" (oppdaget først på linje {noticed}; oppføringen som starter her, er trolig ikke lukket)"
    return noticed, ""


def _quoted(error: PybtexError) -> str:
    """pybtex's own words for a problem it has no Norwegian text for: only as a quoted detail."""
    detail = (str(error.args[0]) if error.args else str(error))[:120]
    return f" (pybtex: «{detail.encode('unicode_escape').decode('ascii')}»)"


def _report_pybtex_error(
    error: PybtexError, path: str, places: _Places, key: str | None, diagnostics: Diagnostics
) -> None:
    """One pybtex error as a located diagnostic in Norwegian; `key` is the entry pybtex was making."""
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
        line, note = _syntax_error_line(error, places)
        problem = error.args[0] if error.args else str(error)
        problem = _PYBTEX_PROBLEMS.get(problem) or f"filen kan ikke leses her{_quoted(error)}"
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
        diagnostics.add(
            path,
            places.line_in_entry(key, name.split(",")[0]),
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
            places.key_line.get(key, 1),
            1,
            "bib-duplicate-field",
            f"feltet {match['field']} står to ganger i {key}; slett det ene (bare det første blir brukt)",
        )
        return
    line = places.key_line.get(key or "", 1)
    diagnostics.add(path, line, 1, "bib-syntax", f"BibTeX-oppføringen kan ikke leses{_quoted(error)}; sjekk den")
