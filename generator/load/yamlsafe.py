"""Load stage helper: YAML text -> plain values plus the position of every value.

Values are resolved with a small YAML 1.2 core schema instead of PyYAML's YAML 1.1
rules, so that `NO` stays the country code, `on`/`yes` stay words, `2019-05-01`
stays a string and `010` is not read as a number. Only `true`/`false`, `null`/`~`,
plain decimal integers (no leading zero) and decimal floats get another type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.core.characters import ONE_LINE, gate
from generator.core.diagnostics import Diagnostics
from generator.core.line_index import LineIndex

# libyaml is ~11x faster and still gives line marks; PyYAML's wheels include it.
_BaseLoader: type[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
MAX_TEXT = 10_000  # characters in one value; the longest summary today has about 500
MAX_NUMBER = 15  # characters in a number: counts and orders have a few digits, and 15 stay exact as floats
MAX_DEPTH = 10  # the deepest file (a theme's front matter) nests four levels
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document: its data and where each value stands in the file."""

    data: object
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path) -> Position:
        """The position of the value at `path`, or of its nearest ancestor that exists."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_position(self, path: Path) -> Position:
        """The position of the mapping key that names the value at `path`."""
        return self.key_positions.get(path) or self.position(path)

    def value(self, path: Path) -> object:
        """The value at `path`, or None where the data has no such place (of whatever shape it is)."""
        data = self.data
        for part in path:
            if isinstance(data, dict) and isinstance(part, str):
                data = data.get(part)
            elif isinstance(data, list) and isinstance(part, int) and part < len(data):
                data = data[part]
            else:
                return None
        return data


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A loader that resolves nothing implicitly: every plain scalar arrives as a string."""


def _mark(node: yaml.Node, line_offset: int) -> Position:
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def _resolve_plain(text: str) -> object:
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class _Builder:
    """Turns a composed node tree into plain values, recording positions and problems."""

    def __init__(self, path: str, diagnostics: Diagnostics, line_offset: int, env_tags: bool = False) -> None:
        self.env_tags = env_tags
        self.path = path
        self.diagnostics = diagnostics
        self.line_offset = line_offset
        self.positions: dict[Path, Position] = {}
        self.key_positions: dict[Path, Position] = {}
        self.seen: set[int] = set()  # the nodes built so far; the tree holds them all, so no id is reused

    def build(self, node: yaml.Node, at: Path) -> object:
        line, column = self.positions[at] = _mark(node, self.line_offset)
        # An alias (*name) is the node its anchor names, met a second time. Building it again would
        # copy it, and aliases of aliases grow exponentially ("billion laughs"): refuse every alias.
        if id(node) in self.seen:
            self.diagnostics.add(
                self.path,
                line,
                column,
                "yaml-alias",
                "YAML-aliaser (&navn og *navn) støttes ikke; skriv verdien ut der den skal stå",
            )
            return None
        self.seen.add(id(node))
        if len(at) > MAX_DEPTH:
            self.diagnostics.add(
                self.path,
                line,
                column,
                "yaml-depth",
                f"verdiene er nøstet i mer enn {MAX_DEPTH} nivåer; ingen av filene trenger så mange",
            )
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            if len(node.value) > MAX_TEXT:
                self.diagnostics.add(
                    self.path,
                    line,
                    column,
                    "too-long",
                    f"teksten har {len(node.value)} tegn; ett felt kan ha høyst {MAX_TEXT} (skriv kortere, eller del opp)",
                )
                return None
            if node.style in ("'", '"') and node.start_mark.line == node.end_mark.line:
                self.positions[at] = (line, column + 1)  # where the text starts, after its quote
            # After parsing: an escape ("\x80", "\u202e") makes a character the file does not show.
            text = gate(node.value, self.diagnostics, self.path, self.positions[at], lambda: _value_name(at))
            if node.style not in ("", None):
                return text
            if len(text) > MAX_NUMBER and (_INT.fullmatch(text) or _FLOAT.fullmatch(text)):
                # Python refuses to read an integer of over 4,300 digits, and a long float becomes inf.
                self.diagnostics.add(
                    self.path,
                    line,
                    column,
                    "invalid-value",
                    f"tallet har {len(text)} tegn; ingen tall her trenger mer enn {MAX_NUMBER} (skriv et mindre tall, "
                    "eller sett verdien i anførselstegn hvis den er en tekst)",
                )
                return None
            return _resolve_plain(text)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.build(item, (*at, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._build_mapping(node, at)
        if self.env_tags and node.tag == "!ENV":
            return None  # known only when MkDocs runs; never read here
        self.diagnostics.add(
            self.path,
            line,
            column,
            "yaml-tag",
            f"YAML-taggen '{node.tag.replace('tag:yaml.org,2002:', '!!')}' støttes ikke; fjern den og skriv verdien som vanlig tekst",
        )
        return None

    def _build_mapping(self, node: yaml.MappingNode, at: Path) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            line, column = _mark(key_node, self.line_offset)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.add(
                    self.path,
                    line,
                    column,
                    "yaml-key",
                    "en nøkkel må være et enkelt ord eller en tekst, ikke en liste eller tabell",
                )
                continue
            name = gate(str(key_node.value), self.diagnostics, self.path, (line, column), "nøkkelen", ONE_LINE)
            if name in result:
                self.diagnostics.add(
                    self.path,
                    line,
                    column,
                    "yaml-duplicate-key",
                    f"nøkkelen '{name}' står to ganger (første gang på linje {self.key_positions[(*at, name)][0]}); "
                    "slå de to sammen eller fjern den ene",
                )
                continue
            self.key_positions[(*at, name)] = (line, column)
            result[name] = self.build(value_node, (*at, name))
        return result


def _value_name(at: Path) -> str:
    """`verdien i tittel` for a message: the nearest field name above the value."""
    name = next((part for part in reversed(at) if isinstance(part, str)), None)
    return f"verdien i {name}" if name else "verdien"


def load_yaml(
    text: str, path: str, diagnostics: Diagnostics, line_offset: int = 0, *, env_tags: bool = False
) -> YamlDocument | None:
    """Parse one YAML document; report problems to `diagnostics` and return None on syntax errors.

    `line_offset` shifts reported lines, for YAML embedded in a larger file (front matter).
    `env_tags`: MkDocs's `!ENV` (a setting from the environment) is read as no value, not refused.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        # An unclosed [, { or quote, or a key without its colon, is noticed later; point at where it began.
        began_earlier = bool(
            error.context_mark
            and error.context
            and any(kind in error.context for kind in ("flow", "quoted scalar", "simple key"))
        )
        mark = error.context_mark if began_earlier else error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else 1 + line_offset
        column = mark.column + 1 if mark else 1
        diagnostics.add(path, line, column, "yaml-syntax", _explain_syntax_error(error, text, mark))
        return None
    except yaml.YAMLError as error:  # a character the YAML reader refuses: no mark, only an offset
        line, column, message = _explain_reader_error(error, text)
        diagnostics.add(path, line + line_offset, column, "yaml-syntax", message)
        return None
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None)
    builder = _Builder(path, diagnostics, line_offset, env_tags)
    data = builder.build(node, ())
    return YamlDocument(data, builder.positions, builder.key_positions)


_TAB = "tabulator brukt til innrykk; YAML krever mellomrom (bytt tabulatoren med to mellomrom)"
_QUOTE = "et anførselstegn er ikke lukket; avslutt teksten med samme tegn som den startet med (\" eller ')"
# libyaml's problems (and PyYAML's own words for them, should libyaml be missing) in Norwegian, each
# with how to fix it; the first whose words are in the problem or its context wins.
_YAML_PROBLEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("tab character", "'\\t'"), _TAB),
    (
        ("escape character", "hexdecimal", "hexadecimal", "escape code"),
        "en \\ i en tekst i doble anførselstegn starter en escape-sekvens (som \\n) som ikke finnes; "
        "skriv teksten i enkle anførselstegn ('…'), eller skriv \\\\ for én \\",
    ),
    (("quoted scalar",), _QUOTE),
    (
        ("mapping values are not allowed",),
        "et kolon med mellomrom etter («: ») står inne i en verdi; sett hele verdien i anførselstegn, "
        "eller flytt den til en egen linje med innrykk",
    ),
    (
        ("could not find expected ':'",),
        "en linje mangler kolon etter nøkkelen, eller en tekst går over flere linjer uten anførselstegn; "
        "skriv «navn: verdi», og sett lang tekst i anførselstegn",
    ),
    (
        ("expected key", "<block end>", "'-' indicator", "block sequence entries", "mapping keys are not allowed"),
        "innrykket stemmer ikke: en linje står lenger inn eller ut enn linjene den hører sammen med, eller en "
        "liste (- …) og felt (navn: …) står på samme nivå; rett innrykket så felt på samme nivå står rett under hverandre",
    ),
    (
        ("document start",),
        "noe står etter en verdi som allerede er avsluttet (tekst etter et avsluttende anførselstegn eller ], "
        "eller en linje med ...); sett hele verdien i anførselstegn, eller fjern det som står etter",
    ),
    (("another document",), "filen har mer enn ett YAML-dokument (en linje med --- inne i filen); fjern linjen"),
    (
        ("node content", "',' or ']'", "',' or '}'"),
        "en liste [ … ] eller tabell { … } er ikke lukket, eller mangler komma mellom verdiene; "
        "sjekk at alle [ og { er lukket med ] og }",
    ),
    (
        ("alias", "anchor"),
        "& og * starter YAML-ankere og -aliaser, som ikke er tillatt; sett tekst som begynner med & eller * i anførselstegn",
    ),
    (("tag",), "! starter en YAML-tagg, som ikke er tillatt; sett tekst som begynner med ! i anførselstegn"),
    (
        ("directive",),
        "% først på en linje starter et YAML-direktiv, som ikke brukes her; fjern linjen, eller sett teksten i anførselstegn",
    ),
    (
        ("block scalar", "indentation indicator", "chomping"),
        "etter | eller > kan bare + eller - stå på samme linje; teksten begynner på neste linje, med innrykk",
    ),
)


def _explain_syntax_error(error: yaml.MarkedYAMLError, text: str, mark: yaml.Mark | None) -> str:
    """libyaml's problem in Norwegian, with how to fix it; one it has no text for is only quoted."""
    problem = error.problem or ""
    said = f"{error.context or ''} {problem}"
    lines = text.splitlines()
    at = lines[mark.line][mark.column : mark.column + 1] if mark is not None and mark.line < len(lines) else ""
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        return _TAB
    for words, explanation in _YAML_PROBLEMS:
        if any(word in said for word in words):
            return explanation
    if "cannot start any token" in problem:
        return f"tegnet «{_shown(at)}» kan ikke begynne en verdi i YAML (@ og ` er reservert); sett verdien i anførselstegn"
    return f"YAML-filen kan ikke leses her; sjekk innrykk, kolon og anførselstegn (libyaml: «{_shown(problem[:120])}»)"


def _explain_reader_error(error: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """Line, column and message for a character the YAML reader refuses (it reports an offset, not a mark)."""
    if not isinstance(error, yaml.reader.ReaderError):
        return (
            1,
            1,
            f"YAML-filen kan ikke leses; sjekk innrykk, kolon og anførselstegn (libyaml: «{_shown(str(error)[:120])}»)",
        )
    offset = error.position
    if _BaseLoader is not yaml.BaseLoader:  # libyaml counts bytes of UTF-8
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    character = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    lines = LineIndex(text)
    return (
        lines.line(offset),
        offset - lines.line_start(offset) + 1,
        f"filen har et usynlig kontrolltegn eller et tegn YAML ikke tillater (U+{character:04X}); slett det "
        "(det kommer ofte med når tekst limes inn fra PDF)",
    )


def _shown(text: str) -> str:
    """A character or libyaml's words in a message: control characters as escapes, never raw."""
    return text.encode("unicode_escape").decode("ascii")
