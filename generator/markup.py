"""Safe text for the render stage: data never becomes live HTML, attributes or script.

Two kinds of text reach a page. Bibliographic values (names, titles) are shown literally:
every character Markdown or HTML would act on becomes an entity. Researchers' prose is
Markdown: its formatting works, but `<` (any HTML tag except an autolink), `&` and `{`
(attribute lists) are neutralised, and a link to anything but http(s), mailto or a
relative address is disarmed. `validate` reports the same links and HTML to the author.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LITERAL_CHARACTERS = '&<>"\\`*_{}[]#|~^'
_LITERAL_SPECIALS = str.maketrans({char: f"&#{ord(char)};" for char in _LITERAL_CHARACTERS})
_HAS_LITERAL_SPECIAL = re.compile(f"[{re.escape(_LITERAL_CHARACTERS)}]")

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>", re.IGNORECASE)
_HTML_START = re.compile(r"<(?=[a-zA-Z/!?])")
# Up to the closing parenthesis, spaces included: "java\tscript:" must be seen whole.
_INLINE_DESTINATION = re.compile(r"\]\(\s*<?(?P<destination>[^)>\n]*?)>?\s*\)")
_REFERENCE_DESTINATION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?(?P<destination>[^\s>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these, so "java\tscript:" is javascript:


def literal(text: str) -> str:
    """`text` exactly as written, in Markdown or HTML: no formatting, no markup."""
    # Most names and titles have none of these characters, and searching is far cheaper than translating.
    return text.translate(_LITERAL_SPECIALS) if _HAS_LITERAL_SPECIAL.search(text) else text


def is_safe_destination(destination: str) -> bool:
    """True for http(s), mailto and relative links (no scheme)."""
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", destination))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def link_destinations(text: str) -> Iterator[tuple[str, int]]:
    """Each Markdown link destination in `text` with its offset (inline, reference and autolinks)."""
    for pattern in (_INLINE_DESTINATION, _REFERENCE_DESTINATION, _AUTOLINK):
        for match in pattern.finditer(text):
            yield match.group(1), match.start(1)


def html_tags(text: str) -> Iterator[int]:
    """Offsets where `text` starts something a browser would read as an HTML tag (autolinks excepted)."""
    autolinks = [match.span() for match in _AUTOLINK.finditer(text)]
    for match in _HTML_START.finditer(text):
        if not any(start <= match.start() < end for start, end in autolinks):
            yield match.start()


def prose(text: str) -> str:
    """Researchers' Markdown with HTML, attribute lists and unsafe links made inert."""
    escaped = text.replace("&", "&amp;").replace("{", "&#123;")
    pieces = []
    position = 0
    for match in _AUTOLINK.finditer(escaped):
        pieces += [escaped[position : match.start()].replace("<", "&lt;"), match.group(0)]
        position = match.end()
    pieces.append(escaped[position:].replace("<", "&lt;"))
    safe = "".join(pieces)
    for pattern in (_INLINE_DESTINATION, _REFERENCE_DESTINATION):
        safe = pattern.sub(_disarm, safe)
    return safe


def _disarm(match: re.Match[str]) -> str:
    destination = match.group("destination")
    if is_safe_destination(destination):
        return match.group(0)
    start, end = match.span("destination")
    whole_start = match.start()
    return match.group(0)[: start - whole_start] + "#" + match.group(0)[end - whole_start :]
