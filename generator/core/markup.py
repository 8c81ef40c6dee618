"""Safe text for the render stage: data never becomes live HTML, attributes or script.

Two kinds of text reach a page, each through one function:

- `literal`: bibliographic values, labels and titles, shown exactly as written. Every
  character Markdown or HTML would act on becomes an entity, and line breaks become
  spaces, so a value can never start a block (a heading, a snippet line, an indented code).
- `prose`: the fields the formats document as Markdown. One scanner reads the text once,
  left to right, and lets a fixed set through: emphasis, headings, lists, code spans on one
  line, links and autolinks to http(s), mailto or relative addresses, and Pandoc citations.
  Every other character Markdown or HTML would act on (`& < { } [ ] ! \\` and a lone
  backtick) becomes an entity, so no raw HTML, attribute list, reference definition, image,
  abbreviation or snippet can be written. Links are written out again by the scanner in one
  canonical form, so what Markdown links is exactly what the scanner checked.

Every look-ahead of the scanner is capped (`MAX_LINK_TEXT`, `MAX_DESTINATION`,
`MAX_CODE_SPAN`) and stops at the next `[`, so its time is linear in the text. `validate`
reports, through `inspect`, the problems `prose` disarms.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from generator.core.citations import Citation, find_citations

_LITERAL_CHARACTERS = '&<>"\\`*_{}[]#|~^!'
_LITERAL_SPECIALS = str.maketrans(
    {char: f"&#{ord(char)};" for char in _LITERAL_CHARACTERS} | dict.fromkeys("\n\r\t\f\v", " ")
)
_HAS_LITERAL_SPECIAL = re.compile(f"[{re.escape(_LITERAL_CHARACTERS)}\n\r\t\f\v]")

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_LINK_TEXT = 500
MAX_DESTINATION = 2000
MAX_CODE_SPAN = 1000

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these, so "java\tscript:" is javascript:
# Characters the scanner acts on; everything between two of them is copied in one piece.
_SPECIAL = re.compile(r"[&<{}\[\]!\\`]")
_AUTOLINK = re.compile(rf"<((?:https?://|mailto:)[^\s<>\"'`{{}}|\\^\x00-\x1f\x7f]{{1,{MAX_DESTINATION}}})>", re.I)
_HTML_START = re.compile(r"<[a-zA-Z/!?]")
_REFERENCE_DEFINITION = re.compile(rf"\[[^\[\]\n]{{1,{MAX_LINK_TEXT}}}\]:")
# In a link destination, kept as they are; anything else is percent-encoded when the link is written out.
_URL_SAFE = frozenset(string.ascii_letters + string.digits + "-._~:/?#@!$&'*+,;=%")
_PUNCTUATION = frozenset(string.punctuation)
_BRACKETS = re.compile(r"[\[\]]")
_ANGLES_OR_NEWLINE = re.compile(r"[<>\n]")
_DESTINATION_STOP = re.compile(r"[)\[\]]")
# Scheme, host and optional port, then the end or a path, query or fragment; the host is checked in `is_web_url`.
_WEB_URL = re.compile(r"https?://([^/?#:]+)(?::[0-9]{1,5})?(?:[/?#]|$)", re.IGNORECASE)
_DEFINITION_TARGET = re.compile(rf"\s{{0,200}}(\S{{1,{MAX_DESTINATION}}})")  # \S stops at the line's end


def literal(text: str) -> str:
    """`text` exactly as written, on one line, in Markdown or HTML: no formatting, no markup."""
    # Most names and titles have none of these characters, and searching is far cheaper than translating.
    return text.translate(_LITERAL_SPECIALS) if _HAS_LITERAL_SPECIAL.search(text) else text


def _scheme_of(destination: str) -> str | None:
    """The scheme a browser reads in `destination`, lower case; None when it has none (relative)."""
    # Entities first: "&#106;avascript:" is javascript: to a browser and to Markdown.
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", html.unescape(destination)))
    return match.group(1).lower() if match else None


def has_safe_scheme(destination: str) -> bool:
    """True for http(s), mailto and relative addresses, wherever they go (the site's net checks the host)."""
    found = _scheme_of(destination)
    return found is None or found in SAFE_SCHEMES


def is_safe_destination(destination: str) -> bool:
    """True for mailto, well-formed http(s) URLs (`is_web_url`) and relative links that stay on the site."""
    found = _scheme_of(destination)
    if found is None:
        # "//evil", "/\\evil", "&#47;&#47;evil" and "%2F%2Fevil" (decoded on the way) all leave the site.
        return url_host(destination) is None and url_host(unquote(destination)) is None
    return found == "mailto" or (found in SAFE_SCHEMES and is_web_url(destination))


def is_web_url(url: str) -> bool:
    """True for an http(s) URL whose host a reader sees where a browser finds it.

    "https://" is written out, the host follows it as plain letters, digits, dots and
    hyphens (no entity, percent, backslash, space or user name: "https://doi.org@evil.example"
    goes to evil.example), and `url_host` reads the same host."""
    parts = _WEB_URL.match(url)
    if parts is None:
        return False
    host = parts.group(1)
    readable = all(char.isalnum() or char in ".-" for char in host) and unicodedata.normalize("NFKC", host) == host
    return readable and url_host(url) == host.lower().removeprefix("www.")


@dataclass(frozen=True)
class Problem:
    """Something in researchers' Markdown that `prose` shows as plain text; `offset` is where it starts."""

    offset: int
    code: str  # a diagnostic code: unsafe-link, link-syntax or raw-html
    detail: str


@dataclass
class Inspection:
    """What the scanner found in a text: the links it keeps (destination, offset) and its problems."""

    links: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Cite = Callable[[Citation], str]


def prose(text: str, cite: Cite | None = None) -> str:
    """Researchers' Markdown made safe; each citation becomes `cite(citation)` (kept as text without `cite`)."""
    return _Scanner(text, cite, Inspection()).run()


def inspect(text: str) -> Inspection:
    """The links and problems `prose` finds in `text`, for validation."""
    found = Inspection()
    _Scanner(text, None, found).run()
    return found


class _Scanner:
    def __init__(self, text: str, cite: Cite | None, found: Inspection, *, in_link: bool = False) -> None:
        self.text = text
        self.cite = cite
        self.found = found
        self.in_link = in_link  # link text: no links or citations inside
        self.out: list[str] = []

    def run(self) -> str:
        text = self.text
        citations = [] if self.in_link else find_citations(text)
        position, next_citation = 0, 0
        while position < len(text):
            while next_citation < len(citations) and citations[next_citation].start < position:
                next_citation += 1  # inside a link that was written out already
            limit = citations[next_citation].start if next_citation < len(citations) else len(text)
            match = _SPECIAL.search(text, position, limit)
            if match is None:
                self.out.append(text[position:limit])
                if limit < len(text):
                    citation = citations[next_citation]
                    self.out.append(self._citation(citation))
                    limit = citation.end
                position = limit
                continue
            self.out.append(text[position : match.start()])
            position = self._special(match.start())
        return "".join(self.out)

    def _citation(self, citation: Citation) -> str:
        if self.cite is None:
            return literal(self.text[citation.start : citation.end])
        return self.cite(citation)

    def _special(self, at: int) -> int:
        """Write out what starts at `at` (one of `_SPECIAL`); returns where scanning goes on."""
        text, char = self.text, self.text[at]
        if char == "[" and not self.in_link:
            return self._bracket(at)
        if char == "<":
            return self._angle(at)
        if char == "`":
            return self._code(at)
        if char == "\\" and at + 1 < len(text) and text[at + 1] in _PUNCTUATION:
            self.out.append(literal(text[at + 1]))  # a Markdown escape: the character itself, as text
            return at + 2
        self.out.append("&amp;" if char == "&" else f"&#{ord(char)};")
        return at + 1

    def _angle(self, at: int) -> int:
        autolink = _AUTOLINK.match(self.text, at)
        if autolink and not self.in_link:
            self.found.links.append((autolink.group(1), at + 1))
            self.out.append(autolink.group(0))
            return autolink.end()
        if _HTML_START.match(self.text, at):
            self.found.problems.append(
                Problem(
                    at, "raw-html", "HTML vises som vanlig tekst; bruk Markdown (*kursiv*, **fet**, [lenke](https://…))"
                )
            )
        self.out.append("&lt;")
        return at + 1

    def _code(self, at: int) -> int:
        """A code span on one line is kept as it is: Markdown shows its content literally."""
        text = self.text
        run_end = at
        while run_end < len(text) and text[run_end] == "`":
            run_end += 1
        fence = text[at:run_end]
        line_end = text.find("\n", run_end, run_end + MAX_CODE_SPAN)
        close = text.find(fence, run_end, line_end if line_end >= 0 else run_end + MAX_CODE_SPAN)
        # The closing run must be exactly as long as the opening one, as in Markdown.
        while close >= 0 and close + len(fence) < len(text) and text[close + len(fence)] == "`":
            close = text.find(fence, close + len(fence) + 1, line_end if line_end >= 0 else run_end + MAX_CODE_SPAN)
        if close < 0 or close == run_end:
            self.out.append("&#96;" * len(fence))
            return run_end
        self.out.append(text[at : close + len(fence)])
        return close + len(fence)

    def _bracket(self, at: int) -> int:
        text = self.text
        indent = at  # a reference definition starts a line, after at most three spaces
        while indent > 0 and at - indent < 3 and text[indent - 1] == " ":
            indent -= 1
        definition = (indent == 0 or text[indent - 1] == "\n") and _REFERENCE_DEFINITION.match(text, at)
        if definition:
            target = _DEFINITION_TARGET.match(text, definition.end())
            if target and not is_safe_destination(target.group(1)):
                self._report_unsafe(target.group(1), at)
            else:
                self.found.problems.append(
                    Problem(at, "link-syntax", "referanselenker støttes ikke; skriv lenken som [tekst](https://…)")
                )
        link = self._link(at)
        if link is None:
            self.out.append("&#91;")
            return at + 1
        label, destination, destination_at, end = link
        rendered = _Scanner(label, None, self.found, in_link=True).run()
        if is_safe_destination(destination):
            self.found.links.append((destination, destination_at))
            self.out.append(f"[{rendered}]({_encode(destination)})")
        else:
            self._report_unsafe(destination, destination_at)
            self.out.append(rendered)
        return end

    def _link(self, at: int) -> tuple[str, str, int, int] | None:
        """`[text](destination)` at `at`: (text, destination, where it starts, end), or None.

        The destination is written bare (balanced parentheses, no spaces) or in `<…>`; a title
        or anything else after it is not supported, and is reported."""
        text = self.text
        close = _find(_BRACKETS, text, at + 1, at + 1 + MAX_LINK_TEXT)
        if close < 0 or text[close] != "]" or "\n\n" in text[at:close]:
            return None
        if not text.startswith("(", close + 1):
            return None
        start = close + 2
        while start < len(text) and text[start] in " \t":
            start += 1
        end = _destination_end(text, start)
        if end is not None:
            destination = text[start + 1 : end - 1] if text.startswith("<", start) else text[start:end]
            after = end
            while after < len(text) and text[after] in " \t":
                after += 1
            if text.startswith(")", after) and destination:
                return text[at + 1 : close], destination, start, after + 1
        self._report_malformed(start)
        return None

    def _report_malformed(self, start: int) -> None:
        # Up to the next ")" or bracket: "java\nscript:" must be seen whole, and a bracket starts the next try.
        end = _find(_DESTINATION_STOP, self.text, start, start + MAX_DESTINATION)
        candidate = self.text[start : end if end >= 0 else start + MAX_DESTINATION]
        if not is_safe_destination(candidate):
            self._report_unsafe(candidate, start)
        else:
            detail = (
                "lenken er ikke skrevet som [tekst](adresse), med adressen uten mellomrom, og vises som vanlig tekst"
            )
            self.found.problems.append(Problem(start, "link-syntax", detail))

    def _report_unsafe(self, destination: str, at: int) -> None:
        shown = destination[:40].encode("unicode_escape").decode("ascii")  # a tab or line break shows as \t, \n
        detail = f"lenken '{shown}' er ikke tillatt; bruk en https://-adresse, mailto: eller en relativ lenke"
        self.found.problems.append(Problem(at, "unsafe-link", detail))


def _find(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int:
    """The first position in text[start:stop] that `pattern` (a character class) matches, or -1."""
    found = pattern.search(text, start, stop)
    return found.start() if found else -1


def _destination_end(text: str, start: int) -> int | None:
    """Where a link destination starting at `start` ends, or None when none does within the cap."""
    stop = min(len(text), start + MAX_DESTINATION)
    if text.startswith("<", start):
        close = _find(_ANGLES_OR_NEWLINE, text, start + 1, stop)
        return close + 1 if close >= 0 and text[close] == ">" else None
    depth, position = 0, start
    while position < stop:
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return position
            depth -= 1
        elif char in "<>[]" or ord(char) <= 0x20 or ord(char) == 0x7F:
            return position if depth == 0 and char in " \t" else None
        position += 1
    return None


def _encode(destination: str) -> str:
    """The destination with every character Markdown or HTML could act on percent-encoded."""
    return "".join(
        char if char in _URL_SAFE else "".join(f"%{byte:02X}" for byte in char.encode()) for char in destination
    )


NO_HOST = "?"  # the host of a URL that has one the parser cannot read
_WEB_SCHEME = re.compile(r"(https?):", re.IGNORECASE)
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these inside a URL


def url_host(url: str) -> str | None:
    """The host a URL goes to, lower case without `www.`; None for a URL without one (relative, mailto)."""
    # As a browser reads a URL on a web page: `\` is `/`, and after http(s): the host comes
    # however many slashes there are ("https:evil.example", "/\\evil.example").
    cleaned = _URL_IGNORED.sub("", html.unescape(url)).replace("\\", "/")
    scheme = _WEB_SCHEME.match(cleaned)
    if scheme:
        cleaned = f"{scheme.group(1)}://{cleaned[scheme.end() :].lstrip('/')}"
    try:
        host = urlsplit(cleaned).hostname
    except ValueError:
        return NO_HOST  # a URL the parser refuses is no URL of ours
    if host is None:
        return NO_HOST if cleaned.startswith("//") else None
    return host.lower().removeprefix("www.")


def host_within(url: str, domains: Iterable[str]) -> bool:
    """Whether a browser would take `url` to one of `domains` or a subdomain of one."""
    host = url_host(url)
    if not host or host == NO_HOST:
        return False
    return any(host == known or host.endswith(f".{known}") for known in domains)
