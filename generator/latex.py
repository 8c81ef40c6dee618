"""LaTeX in BibTeX fields -> pybtex rich text (braces become protected text).

Decoding costs about 5 ms for a long field, so plain fields skip it.
"""

from __future__ import annotations

from functools import cache

from pybtex.richtext import BaseText, String, Text

_LATEX_MARKERS = ("\\", "{", "}", "--", "~", "``", "''")


@cache  # the same names, journals and publishers recur: decode each value once
def latex_to_text(value: str) -> BaseText:
    """Rich text for a BibTeX field value; falls back to the raw text if it cannot be decoded."""
    if not any(marker in value for marker in _LATEX_MARKERS):
        return Text(String(value))
    try:
        return Text.from_latex(value)
    except Exception:  # noqa: BLE001 - the validator reports undecodable fields
        return Text(String(value))


@cache
def latex_to_plain(value: str) -> str:
    """Plain Unicode for a BibTeX field value, braces dropped."""
    return str(latex_to_text(value))
