"""The character gate for all untrusted text: every file, file name, YAML scalar and BibTeX value.

Text from `literature/` passes here after it is parsed (YAML escapes such as `"\\x80"` or
`"\\u202e"`, BibTeX macros and LaTeX decoding can all make characters the file does not show).
A character is refused by its Unicode general category, never by a hand-made list:

- Cc, control characters (C0, DEL and C1), except the line breaks and tabs a caller allows:
  they are not allowed in XML 1.0 (the feed), and a C1 character in a title made MkDocs unable
  to read a page's front matter, so it printed the metadata as live Markdown;
- Cf, invisible formatting (bidi overrides such as U+202E, zero-width characters, soft hyphen,
  a byte order mark inside text): it changes how text reads without showing in a diff;
- Co (private use), Cs (surrogates) and Cn (unassigned, noncharacters): no fixed meaning;
- Zl and Zp (U+2028, U+2029): Python's `str.splitlines` ends a line there, MkDocs does not.

Text that passes is returned in NFC, so that two spellings of the same word (NFD from macOS,
NFC from Windows) are the same value everywhere after loading.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.diagnostics import HIDDEN_CATEGORIES, Diagnostics, with_hidden_shown

shown = with_hidden_shown  # a refused value as it is reported and kept: each refused character as `\uXXXX`

REFUSED_CATEGORIES = HIDDEN_CATEGORIES  # what the gate refuses is what a message must not print
RAW_FILE = "\n\r\t"  # a file's own line breaks (CRLF included) and tabs
LINES = "\n\t"  # a value that may span lines
ONE_LINE = ""  # a key, a file name, an identifier
PASTED = (
    "slett det (slike tegn følger ofte med tekst limt inn fra PDF eller nettsider, og mange editorer viser dem ikke)"
)

# What each refused category is and why it must go, in Norwegian (`kind`, `why`).
_EXPLAINED = {
    "Cc": ("et kontrolltegn", "som ikke kan stå i en nettside eller nyhetsstrøm"),
    "Cf": ("et usynlig formateringstegn", "som kan snu, skjule eller dele tekst uten at det synes"),
    "Co": (
        "et tegn fra Unicodes private område",
        "som ikke har noen fast betydning og vises ulikt fra skrift til skrift",
    ),
    "Cs": ("et halvt surrogatpar", "som ikke er et gyldig tegn"),
    "Cn": ("et tegn som ikke er tildelt i Unicode", "som ikke kan vises"),
    "Zl": ("et usynlig linjeskift fra Unicode", "som noen programmer leser som linjeskift og andre ikke"),
    "Zp": ("et usynlig avsnittsskift fra Unicode", "som noen programmer leser som linjeskift og andre ikke"),
}


@dataclass(frozen=True)
class Refused:
    """The first refused character of a text and where it stands (0-based offset)."""

    offset: int
    character: str

    @property
    def category(self) -> str:
        return unicodedata.category(self.character)

    @property
    def code(self) -> str:
        """`control-character` for C0 and C1 controls, `invisible-character` for the rest."""
        return "control-character" if self.category == "Cc" else "invisible-character"

    def message(self, where: str, fix: str | None = None) -> str:
        """What is wrong and how to fix it: `where` names the text (`verdien i tittel`); `fix` by default
        says to delete the escape that makes the character (`\\u202e`), as in a YAML value."""
        kind, why = _EXPLAINED[self.category]
        fix = fix or f"slett det, eller koden {shown(self.character)} som lager det"
        return f"{where} har {kind} ({described(self.character)}), {why}; {fix}"


def described(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`; controls and unassigned code points have no name."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}{' ' + name if name else ''}"


@functools.cache
def _allowed_breaks(allowed: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(allowed)}]" if allowed else "(?!)")


def first_refused(text: str, allowed: str = LINES) -> Refused | None:
    """The first refused character in `text`, or None; the characters in `allowed` (some of
    `RAW_FILE`) are let through. Linear: `str.isprintable` runs in C, and every refused
    category is one it calls unprintable, so only the lines it doubts are read character by character."""
    if text.isprintable():
        return None
    offset = 0
    for part in _allowed_breaks(allowed).split(text):
        if not part.isprintable():
            for index, character in enumerate(part):
                if not character.isprintable() and unicodedata.category(character) in REFUSED_CATEGORIES:
                    return Refused(offset + index, character)
        offset += len(part) + 1  # the allowed character the split removed
    return None


def normal(text: str) -> str:
    """`text` in NFC: one spelling for each word (quick for text already in NFC, as nearly all is)."""
    return unicodedata.normalize("NFC", text)


def gate(
    text: str,
    diagnostics: Diagnostics,
    path: str,
    position: tuple[int, int],
    where: str | Callable[[], str],
    allowed: str = LINES,
) -> str:
    """`text` in NFC; if it has a refused character, a located error at `position` (line, column),
    and the text as `shown`, so that later checks neither fail on it nor print the character."""
    refused = first_refused(text, allowed)
    if refused is not None:
        named = where if isinstance(where, str) else where()  # a name made only when it is needed
        diagnostics.add(path, position[0], position[1], refused.code, refused.message(named))
        return shown(text)
    return normal(text)
