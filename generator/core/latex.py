"""LaTeX in BibTeX fields -> pybtex rich text (braces become protected text).

latexcodec decodes character by character, about 1 ms for a long title. A field is
therefore decoded word by word wherever that gives the same result (single spaces only,
outside braces, math and comments), each distinct word once, and plain words not at all.
"""

from __future__ import annotations

import codecs
import html
import html.entities
import re
import sys
from functools import cache

import latexcodec  # noqa: F401 - registers the "ulatex" codec
from pybtex.markup import LaTeXParser
from pybtex.richtext import BaseText, String, Text

from generator.core.characters import normal

_LATEX_MARKERS = ("\\", "{", "}", "--", "~", "``", "''")
# Where latexcodec looks across a space (it collapses runs of white space, swallows the space
# after a control word, puts an accent like "\` " on the next letter, treats math and comments
# as units), the field is decoded whole.
_CROSSES_SPACES = re.compile(r"\s\s|[^\S ]|^ | $|\\[A-Za-z]+ |\\[^A-Za-z]? |[$%]")
_PLAIN_WORD = re.compile(r"[^\W_]+[.,:;]?")


@cache  # the same names, journals and publishers recur: decode each value once
def latex_to_text(value: str) -> BaseText:
    """Rich text for a BibTeX field value; falls back to the raw text if it cannot be decoded."""
    if not any(marker in value for marker in _LATEX_MARKERS):
        return Text(String(value))
    try:
        return LaTeXParser(decode_latex(value)).parse()
    except Exception:  # noqa: BLE001 - the validator reports undecodable fields
        return Text(String(value))


@cache
def latex_to_plain(value: str) -> str:
    """Plain Unicode for a BibTeX field value, braces dropped."""
    return str(latex_to_text(value))


def decode_latex(value: str) -> str:
    """What latexcodec makes of `value` (braces kept), computed word by word where that is the same."""
    if _CROSSES_SPACES.search(value) or not _spaces_outside_braces(value):
        return _latexcodec(value)
    return " ".join(word if _PLAIN_WORD.fullmatch(word) else _decode_word(word) for word in value.split(" "))


@cache
def _decode_word(word: str) -> str:
    return _latexcodec(word)


def _latexcodec(value: str) -> str:
    decoded: str = codecs.decode(value, "ulatex")  # type: ignore[call-overload]  # typeshed knows only built-in text codecs
    return normal(decoded)  # an accent command may give a letter and a combining mark: one spelling per word


def _spaces_outside_braces(value: str) -> bool:
    depth = 0
    for character in value:
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
        elif character == " " and depth:
            return False
    return True


# A named or numeric HTML entity, with the backslash a tool may have put before its `&` (`\&amp;`).
_ENTITY = re.compile(r"\\?&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Plain text written into BibTeX: the characters LaTeX would act on, as LaTeX writes them.
_LATEX_ESCAPED = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
}
# A decoded entity that would be LaTeX markup (or unbalance the braces of the BibTeX download) stays as written.
_LATEX_MARKUP = frozenset("\\{}~^")


def html_entities_decoded(value: str) -> str:
    """`Public Money &amp; Management` (Crossref writes HTML entities into BibTeX) -> `Public Money \\& Management`.

    Decoded exactly once: `&amp;amp;` becomes the text `&amp;`. The result still goes through the
    character gate, so `&#8238;` is refused as a raw U+202E is."""
    if "&" not in value:
        return value

    def decoded(match: re.Match[str]) -> str:
        text = _entity_text(match.group(1))
        if text is None or any(character in _LATEX_MARKUP for character in text):
            return match.group(0)  # not an entity HTML knows, or LaTeX markup: left as written
        return latex_escaped(text)

    return _ENTITY.sub(decoded, value)


def _entity_text(name: str) -> str | None:
    """The text of an entity's name (`amp`, `#8238`, `#x2013`), or None. A numeric entity gives its
    code point as it is, a control character too (`html.unescape` would drop it unseen): the gate decides."""
    if not name.startswith("#"):
        return html.entities.html5.get(f"{name};")
    number = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    return chr(number) if number <= sys.maxunicode else None


def latex_escaped(text: str) -> str:
    """Plain text as BibTeX holds it: `50 % & more` -> `50 \\% \\& more` (braces are the caller's)."""
    return "".join(_LATEX_ESCAPED.get(character, character) for character in text)
