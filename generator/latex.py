"""LaTeX in BibTeX fields -> pybtex rich text (braces become protected text).

latexcodec decodes character by character, about 1 ms for a long title. A field is
therefore decoded word by word wherever that gives the same result (single spaces only,
outside braces, math and comments), each distinct word once, and plain words not at all.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

import latexcodec  # noqa: F401 - registers the "ulatex" codec
from pybtex.markup import LaTeXParser
from pybtex.richtext import BaseText, String, Text

from generator.characters import normal

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
