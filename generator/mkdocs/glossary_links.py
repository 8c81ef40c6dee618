"""MkDocs hook: on the home page and the theme pages, the first use of a glossary term links to its entry.

The generator writes the terms to docs/_generert/begreper.json (`render.glossary_links`): each
entry's anchor on Begreper, the words that name it and a Norwegian explanation, which becomes the
link's title (Material shows titles as tooltips; the link itself is reached by keyboard). This hook
reads them once a build and wraps the first use of each term in a page's running text in a link.
The words themselves are not changed, and nothing inside a heading, link, code, abbreviation or
button is linked. It runs before generator/mkdocs/finished_html.py puts the generator's finished HTML back,
so the lists of sources and references are never linked either.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

TERMS = Path("_generert") / "begreper.json"
GLOSSARY_PAGE = "begreper/index.md"
# The pages that explain the subject to a reader: home and the themes (not their index).
_LINKED_PAGES = re.compile(r"index\.md|tema/(?!index\.md)[^/]+\.md")
# A tag or a comment; attribute values in quotes may hold ">".
_TAG = re.compile(r"""<!--.*?-->|<(?:"[^"]*"|'[^']*'|[^'">])*>""", re.DOTALL)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# Elements whose text is never linked: a link in them would be nested, or change what they are.
_LEFT_ALONE = frozenset(
    ["a", "abbr", "button", "code", "pre", "kbd", "script", "style", "svg", "summary", "title", "textarea"]
    + [f"h{level}" for level in range(1, 7)]
)
# Norwegian inflections of a term ("samskapingen", "tiltroen"): still a use of it.
_ENDINGS = "(?:ene|ens|en|et|er|a|s)?"


@dataclass(frozen=True)
class Glossary:
    pattern: re.Pattern[str] | None
    ids: tuple[str, ...]  # by the number of the pattern's group
    titles: tuple[str, ...]


_glossary = Glossary(None, (), ())


def read_terms(text: str) -> Glossary:
    """The terms in begreper.json as one pattern: each term a named group of its forms, longest first."""
    terms = json.loads(text)
    groups = []
    for number, term in enumerate(terms):
        forms = sorted(term["forms"], key=len, reverse=True)
        words = "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in forms)
        groups.append(f"(?P<t{number}>{words})")
    if not groups:
        return Glossary(None, (), ())
    # Longest first across terms too, so that "samarbeidsdrevet innovasjon" is not cut short.
    groups.sort(key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w&#])(?:{'|'.join(groups)}){_ENDINGS}(?!\w)", re.IGNORECASE)
    return Glossary(pattern, tuple(term["id"] for term in terms), tuple(term["title"] for term in terms))


def link_first_uses(page_html: str, glossary: Glossary, to_glossary: str) -> str:
    """`page_html` with the first use of each term in running text linked to `to_glossary`#id."""
    pattern = glossary.pattern
    if pattern is None:
        return page_html
    linked: set[int] = set()

    def link(match: re.Match[str]) -> str:
        number = int((match.lastgroup or "t-1")[1:])
        if number < 0 or number in linked:
            return match.group()
        linked.add(number)
        title = html.escape(glossary.titles[number], quote=True)
        href = f"{to_glossary}#{glossary.ids[number]}"
        return f'<a class="begrep" href="{href}" title="{title}">{match.group()}</a>'

    parts: list[str] = []
    depth = position = 0
    for tag in _TAG.finditer(page_html):
        text = page_html[position : tag.start()]
        parts.append(pattern.sub(link, text) if depth == 0 and text.strip() else text)
        parts.append(tag.group())
        name = _TAG_NAME.match(tag.group())
        if name and name.group(2).lower() in _LEFT_ALONE and not tag.group().endswith("/>"):
            depth = max(depth + (-1 if name.group(1) else 1), 0)
        position = tag.end()
    rest = page_html[position:]
    parts.append(pattern.sub(link, rest) if depth == 0 else rest)
    return "".join(parts)


def on_files(files: Any, config: Any) -> Any:
    global _glossary  # noqa: PLW0603 - read once a build, as generator/mkdocs/abbreviations.py does
    path = Path(config["docs_dir"]) / TERMS
    try:
        _glossary = read_terms(path.read_text("utf-8"))
    except OSError as error:
        raise PluginError(f"fant ikke begrepene i {path}: kjør «python -m generator build» først") from error
    return files


def on_page_content(page_html: str, page: Any, config: Any, files: Any) -> str:
    glossary_page = files.get_file_from_path(GLOSSARY_PAGE)
    if glossary_page is None or not _LINKED_PAGES.fullmatch(page.file.src_uri):
        return page_html
    return link_first_uses(page_html, _glossary, get_relative_url(glossary_page.url, page.url))
