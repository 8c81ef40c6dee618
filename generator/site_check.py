"""The net under everything: the built site (site/) checked against an allow-list, after MkDocs.

`python -m generator check-site` runs after `mkdocs build` (`make site`) and fails the build
when any page has what no page of ours should have, wherever it came from:

- an element or attribute outside the allow-list, or any `on…` event attribute;
- a URL (href, src, action …) that is not http(s), mailto or relative;
- a `title` that holds markup (Material turns titles into tooltips);
- a script that is not the theme's own: a file under assets/ or javascripts/, a JSON data
  island, or an inline script whose text is one of those in the theme's templates;
- the same in the search index, whose titles and texts Material shows as HTML.

The inline scripts allowed are read from the theme's template files (Material's and
`overrides/`), with each `{{ … }}` in them standing for a URL: a template change needs no
list to be kept, and a script that is in no template fails the check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.markup import is_safe_destination

ELEMENTS = frozenset(
    [
        "html",
        "head",
        "body",
        "title",
        "meta",
        "link",
        "script",
        "style",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "article",
        "section",
        "div",
        "span",
        "p",
        "a",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "small",
        "sub",
        "sup",
        "mark",
        "abbr",
        "code",
        "pre",
        "kbd",
        "blockquote",
        "q",
        "cite",
        "figure",
        "figcaption",
        "details",
        "summary",
        "time",
        "img",
        "picture",
        "form",
        "input",
        "label",
        "button",
        "svg",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "g",
        "text",
        "tspan",
        "desc",
        "defs",
        "use",
        "symbol",
        "title",
        "noscript",
    ]
)
ATTRIBUTES = frozenset(
    [
        "id",
        "class",
        "title",
        "lang",
        "dir",
        "href",
        "rel",
        "target",
        "src",
        "alt",
        "width",
        "height",
        "style",
        "role",
        "tabindex",
        "hidden",
        "name",
        "type",
        "value",
        "content",
        "charset",
        "for",
        "placeholder",
        "autocomplete",
        "autocapitalize",
        "autocorrect",
        "spellcheck",
        "required",
        "checked",
        "disabled",
        "open",
        "scope",
        "colspan",
        "rowspan",
        "headers",
        "datetime",
        "start",
        "reversed",
        "loading",
        "decoding",
        "srcset",
        "sizes",
        "media",
        "viewbox",
        "xmlns",
        "d",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "points",
        "fill",
        "stroke",
        "stroke-width",
        "transform",
        "text-anchor",
        "preserveaspectratio",
        "focusable",
        "xmlns:xlink",
        "xlink:href",
    ]
)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data", "srcset"})
_SCRIPT_FOLDERS = ("assets/javascripts/", "javascripts/")
# A style attribute may only set plain properties (Markdown tables align cells): no url(), no expression().
_SAFE_STYLE = re.compile(r"(?:\s*[a-z-]{1,40}\s*:\s*[a-z0-9 .,%#()-]{1,80};?)*\s*", re.IGNORECASE)
_MARKUP_IN_TEXT = re.compile(r"<[a-zA-Z/!?]")
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True, order=True)
class Violation:
    path: str  # relative to the site folder
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem}"


def theme_scripts(template_folders: Iterable[Path]) -> list[re.Pattern[str]]:
    """The inline scripts in the theme's templates, each `{{ … }}` standing for a URL-like value."""
    patterns = []
    for folder in template_folders:
        for template in sorted(folder.rglob("*.html")):
            for body in _TEMPLATE_SCRIPT.findall(template.read_text("utf-8")):
                if "{%" in body:
                    continue  # a script built by template logic cannot be matched; none is used today
                parts = [re.escape(part.strip()) for part in _JINJA_EXPRESSION.split(body)]
                patterns.append(re.compile(r"[^\"'<>\s]*".join(parts)))
    return patterns


class _PageChecker(HTMLParser):
    def __init__(self, path: str, scripts: list[re.Pattern[str]], base_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.scripts = scripts
        self.base_path = base_path
        self.violations: list[Violation] = []
        self._script: tuple[dict[str, str | None], int] | None = None
        self._script_text: list[str] = []

    def _flag(self, problem: str) -> None:
        self.violations.append(Violation(self.path, self.getpos()[0], problem))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            self._flag(f"elementet <{tag}> er ikke tillatt")
        for name, value in attrs:
            self._check_attribute(tag, name, value or "")
        if tag == "script":
            self._script = (dict(attrs), self.getpos()[0])
            self._script_text = []

    handle_startendtag = handle_starttag

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._flag(f"<{tag}> har hendelsesattributtet {name}")
        elif name not in ATTRIBUTES and not name.startswith(("data-", "aria-")):
            self._flag(f"<{tag}> har attributtet {name}, som ikke er tillatt")
        if name in _URL_ATTRIBUTES:
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for url in urls:
                if not is_safe_destination(url):
                    self._flag(
                        f"<{tag} {name}> peker på en adresse som ikke er http(s), mailto eller relativ: {url[:60]!r}"
                    )
        if name == "style" and not _SAFE_STYLE.fullmatch(value):
            self._flag(f"<{tag}> har en style-verdi som ikke er tillatt: {value[:60]!r}")
        if name == "title" and _MARKUP_IN_TEXT.search(value):
            self._flag(f"<{tag} {name}> inneholder HTML: {value[:60]!r}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._check_script(*self._script, "".join(self._script_text))
            self._script = None

    def _own_script(self, source: str) -> bool:
        """A file in the site's own script folders: relative, or absolute under the site's base path
        (a project page shares its origin with the owner's other sites)."""
        if source.startswith("/"):
            return source.startswith(self.base_path) and source[len(self.base_path) :].startswith(_SCRIPT_FOLDERS)
        return source.replace("../", "").removeprefix("./").startswith(_SCRIPT_FOLDERS)

    def _check_script(self, attributes: dict[str, str | None], line: int, text: str) -> None:
        source = attributes.get("src")
        if source is not None:
            if not self._own_script(source):
                self.violations.append(Violation(self.path, line, f"skriptet {source[:60]!r} er ikke temaets eget"))
            return
        if attributes.get("type") == "application/json":
            try:
                json.loads(text)
            except ValueError:
                self.violations.append(Violation(self.path, line, "en JSON-blokk i et <script> er ikke gyldig JSON"))
            return
        if not any(pattern.fullmatch(text.strip()) for pattern in self.scripts):
            self.violations.append(
                Violation(self.path, line, f"et innebygd skript som ikke er temaets eget: {text.strip()[:60]!r}")
            )


def check_html(path: str, html: str, scripts: list[re.Pattern[str]], base_path: str = "/") -> list[Violation]:
    """Every violation in one page (or fragment); `base_path` is where the site is published (/samverdi/)."""
    checker = _PageChecker(path, scripts, base_path)
    checker.feed(html)
    checker.close()
    return checker.violations


def _search_index(site: Path) -> Iterator[Violation]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    for document in json.loads(index.read_text("utf-8")).get("docs", []):
        where = f"search/search_index.json ({document.get('location', '')})"
        for name in ("title", "text"):
            # Material puts these into the results as HTML; no script is allowed there at all.
            yield from check_html(where, str(document.get(name, "")), [])


def check_site(site: Path, template_folders: Iterable[Path], base_path: str = "/") -> list[Violation]:
    """Every violation in the built site under `site`, sorted."""
    scripts = theme_scripts(template_folders)
    violations = list(_search_index(site))
    for page in sorted(site.rglob("*.html")):
        violations += check_html(page.relative_to(site).as_posix(), page.read_text("utf-8"), scripts, base_path)
    return sorted(violations)
