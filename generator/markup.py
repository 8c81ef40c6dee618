"""Safe text for the render stage: data never becomes live HTML, attributes or template code.

Two kinds of text reach a page. Bibliographic values (names, titles) are shown literally:
every character Markdown or HTML would act on becomes an entity. Researchers' prose is
Markdown: its formatting works, but `<` (any HTML tag), `&` and `{` (attribute lists) are
neutralised so no element or attribute can be injected.
"""

from __future__ import annotations

_LITERAL_SPECIALS = {char: f"&#{ord(char)};" for char in '&<>"\\`*_{}[]#|~^'}
_PROSE_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", "{": "&#123;"})


def literal(text: str) -> str:
    """`text` exactly as written, in Markdown or HTML: no formatting, no markup."""
    return "".join(_LITERAL_SPECIALS.get(char, char) for char in text)


def prose(text: str) -> str:
    """Researchers' Markdown with HTML and attribute-list syntax made inert."""
    return text.translate(_PROSE_SPECIALS)
