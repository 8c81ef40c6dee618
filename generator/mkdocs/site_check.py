"""The net under everything: the built site (site/) checked against an allow-list, after MkDocs.

`python -m generator check-site` runs after `mkdocs build` (`make site`) and fails the build
when any page has what no page of ours should have, wherever it came from:

- an element or attribute outside the allow-list, or any `on…` event attribute;
- a URL (href, src, action …) that is not http(s), mailto or relative;
- a `title` that holds markup (Material turns titles into tooltips);
- a resource (`src`, `srcset`, `poster`, `data`, `<link href>`, CSS `url()`) from another host;
- a `style` attribute whose value is not one the site's Markdown or templates write;
- a link (`<a href>`) to a host the generator does not link to itself (`Net`);
- on a generated page: front matter MkDocs could not read, or a `<title>` or `<h1>` that is
  not the page's own title;
- a script that is not the theme's own: a file under assets/ or javascripts/, a JSON data
  island, or an inline script whose text is one of those in the theme's templates;
- the same in the search index, whose titles and texts Material shows as HTML.

The inline scripts allowed are read from the theme's template files (Material's and
`overrides/`), with each `{{ … }}` in them standing for a URL: a template change needs no
list to be kept, and a script that is in no template fails the check.

Over 350 lines: the allow-list parser (`_PageChecker`) and the net it checks links and resources
against (`Net`, the styles and scripts read from the templates) change together whenever the
theme or the templates do.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.yaml import yaml_load

from generator.core.layout import GENERATED_FOLDERS, LINKED_HOSTS, site_page
from generator.core.markup import NO_HOST, has_safe_scheme, url_host
from generator.core.provenance import is_recognised
from generator.render import front_matter

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
# Attributes whose URL the browser loads by itself, without the reader choosing to follow it.
_RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "xlink:href"})
_RESOURCE_HREF = frozenset({"link", "use", "image"})  # elements whose `href` is a resource
_SCRIPT_FOLDERS = ("assets/javascripts/", "javascripts/")
_TEMPLATE_STYLE = re.compile(r'\sstyle="([^"{}]*)"')
# What a style sheet can load: url(…), and @import or image-set() with a bare string.
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|(?:@import|image-set\()\s*['\"]([^'\"]*)", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
_MARKUP_IN_TEXT = re.compile(r"<[a-zA-Z/!?]")
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@cache
def markdown_styles() -> frozenset[str]:
    """The `style` values Python-Markdown writes on the site (a table column's alignment),
    read from the tables extension itself rather than typed here."""
    table = markdown.markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |", extensions=["tables"])
    return frozenset(_TEMPLATE_STYLE.findall(table))


def template_styles(template_folders: Iterable[Path]) -> frozenset[str]:
    """The fixed `style="…"` values written in the templates (one built from a value is not allowed)."""
    return frozenset(
        style
        for folder in template_folders
        for template in sorted(folder.rglob("*.j2")) + sorted(folder.rglob("*.html"))
        for style in _TEMPLATE_STYLE.findall(template.read_text("utf-8"))
    )


@dataclass(frozen=True)
class Net:
    """What a page of ours may load, link to and style, derived from what the site makes.

    `site_host`: the host the site is published on (mkdocs.yml `site_url`), "" when unset;
    `link_hosts`: the hosts the generator links to (its manifest) and the theme's own links;
    recognised provenance hosts (generator/core/provenance.py) are always allowed;
    `styles`: the exact `style` values allowed."""

    site_host: str = ""
    link_hosts: frozenset[str] = frozenset()
    styles: frozenset[str] = field(default_factory=markdown_styles)

    def is_own(self, url: str) -> bool:
        """Relative, or absolute on the site itself: nothing another host serves."""
        host = url_host(url)
        return host is None or (bool(self.site_host) and host == self.site_host)

    def may_link(self, url: str) -> bool:
        host = url_host(url)
        if host is None or self.is_own(url):
            return True
        return host in self.link_hosts or is_recognised(f"https://{host}/")


GENERATOR_TEMPLATES = Path(__file__).parent.parent / "render" / "templates"


def site_net(config: Mapping[str, Any], docs: Path, template_folders: Iterable[Path]) -> Net:
    """The net for a site MkDocs builds with `config` (mkdocs.yml, loaded) from `docs`: its own host,
    the hosts the generator links to, the theme's own links (repository, social) and the styles
    of the Markdown, the generator's templates and `template_folders`."""
    extra = config.get("extra") or {}
    theme_links = [config.get("repo_url") or "", *(item.get("link", "") for item in extra.get("social") or [])]
    manifest = docs / LINKED_HOSTS
    generated: list[str] = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else []
    theme_hosts = {url_host(link) for link in theme_links}
    return Net(
        site_host=url_host(config.get("site_url") or "") or "",
        link_hosts=frozenset(generated) | {found for found in theme_hosts if found and found != NO_HOST},
        styles=markdown_styles() | template_styles([GENERATOR_TEMPLATES, *template_folders]),
    )


def _css_as_read(css: str) -> str:
    """CSS as the browser reads it: without comments, escapes decoded (`u\\72l(` is `url(`)."""

    def unescape(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else ord(match.group(2))
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"

    return _CSS_ESCAPE.sub(unescape, _CSS_COMMENT.sub(" ", css))


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
    def __init__(self, path: str, scripts: list[re.Pattern[str]], base_path: str, net: Net) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.scripts = scripts
        self.base_path = base_path
        self.net = net
        self.violations: list[Violation] = []
        self._script: tuple[dict[str, str | None], int] | None = None
        self._script_text: list[str] = []
        self._style: tuple[int, list[str]] | None = None
        # The page's <title> and first <h1> as a reader sees them (the heading without its permalink).
        self.texts: dict[str, list[str]] = {}
        self._open: str | None = None  # "title" or "h1" while inside the first of them
        self._in_permalink = False

    def _flag(self, problem: str, line: int | None = None) -> None:
        self.violations.append(Violation(self.path, line or self.getpos()[0], problem))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            self._flag(f"elementet <{tag}> er ikke tillatt")
        for name, value in attrs:
            self._check_attribute(tag, name, value or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_startendtag(tag, attrs)
        if tag == "script":
            self._script = (dict(attrs), self.getpos()[0])
            self._script_text = []
        elif tag == "style":
            self._style = (self.getpos()[0], [])
        elif tag in ("title", "h1") and self._open is None and tag not in self.texts:
            self._open = tag
            self.texts[tag] = []
        elif tag == "a" and self._open == "h1":
            self._in_permalink = "headerlink" in (dict(attrs).get("class") or "").split()

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._flag(f"<{tag}> har hendelsesattributtet {name}")
        elif name not in ATTRIBUTES and not name.startswith(("data-", "aria-")):
            self._flag(f"<{tag}> har attributtet {name}, som ikke er tillatt")
        if name in _URL_ATTRIBUTES:
            self._check_urls(tag, name, value)
        if name == "style" and value not in self.net.styles:
            self._flag(f"<{tag}> har en style-verdi som ikke er tillatt: {value[:60]!r}")
        if name == "title" and _MARKUP_IN_TEXT.search(value):
            self._flag(f"<{tag} {name}> inneholder HTML: {value[:60]!r}")

    def _check_urls(self, tag: str, name: str, value: str) -> None:
        urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
        for url in urls:
            if not has_safe_scheme(url):
                self._flag(
                    f"<{tag} {name}> peker på en adresse som ikke er http(s), mailto eller relativ: {url[:60]!r}"
                )
            elif (name in _RESOURCE_ATTRIBUTES or (name == "href" and tag in _RESOURCE_HREF)) and not self.net.is_own(
                url
            ):
                self._flag(f"<{tag} {name}> henter noe fra en annen vert: {url[:60]!r}")
            elif name == "href" and tag == "a" and not self.net.may_link(url):
                self._flag(f"<a href> lenker til en vert generatoren ikke lenker til: {url[:60]!r}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        elif self._style is not None:
            self._style[1].append(data)
        elif self._open is not None and not self._in_permalink:
            self.texts[self._open].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._check_script(*self._script, "".join(self._script_text))
            self._script = None
        elif tag == "style" and self._style is not None:
            self._check_style_sheet(*self._style)
            self._style = None
        elif tag == self._open:
            self._open = None
        elif tag == "a":
            self._in_permalink = False

    def _check_style_sheet(self, line: int, parts: list[str]) -> None:
        for match in _CSS_URL.finditer(_css_as_read("".join(parts))):
            url = match.group(1) or match.group(2) or ""
            if not self.net.is_own(url) or not has_safe_scheme(url):
                self._flag(f"<style> henter noe fra en annen vert: {url[:60]!r}", line)

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
                self._flag(f"skriptet {source[:60]!r} er ikke temaets eget", line)
            return
        if attributes.get("type") == "application/json":
            try:
                json.loads(text)
            except ValueError:
                self._flag("en JSON-blokk i et <script> er ikke gyldig JSON", line)
            return
        if not any(pattern.fullmatch(text.strip()) for pattern in self.scripts):
            self._flag(f"et innebygd skript som ikke er temaets eget: {text.strip()[:60]!r}", line)

    def text_of(self, tag: str) -> str | None:
        """The text of the page's first <title> or <h1>, whitespace as a browser shows it."""
        parts = self.texts.get(tag)
        return None if parts is None else " ".join("".join(parts).split())


def _checked(path: str, html: str, scripts: list[re.Pattern[str]], base_path: str, net: Net) -> _PageChecker:
    checker = _PageChecker(path, scripts, base_path, net)
    checker.feed(html)
    checker.close()
    return checker


def check_html(
    path: str, html: str, scripts: list[re.Pattern[str]], base_path: str = "/", net: Net | None = None
) -> list[Violation]:
    """Every violation in one page (or fragment); `base_path` is where the site is published (/samverdi/)."""
    return _checked(path, html, scripts, base_path, net or Net()).violations


def check_page(
    path: str, html: str, scripts: list[re.Pattern[str]], base_path: str, net: Net, title: str | None
) -> list[Violation]:
    """`check_html`, and for a generated page (`title`: the one its front matter gives) the
    <title> and <h1> a reader sees must be that title."""
    checker = _checked(path, html, scripts, base_path, net)
    if title is None:
        return checker.violations
    wanted = " ".join(title.split())
    shown_title, heading = checker.text_of("title"), checker.text_of("h1")
    problems = []
    # Material writes "<page title> - <site name>", and the page title alone on the home page.
    if shown_title is None or wanted not in (shown_title, shown_title.rpartition(" - ")[0]):
        problems.append(f"<title> er {shown_title!r}, ikke sidens tittel {wanted!r}")
    if heading != wanted:
        problems.append(f"<h1> er {heading!r}, ikke sidens tittel {wanted!r}")
    return checker.violations + [Violation(path, 1, problem) for problem in problems]


def _search_index(site: Path, net: Net) -> Iterator[Violation]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    for document in json.loads(index.read_text("utf-8")).get("docs", []):
        where = f"search/search_index.json ({document.get('location', '')})"
        for name in ("title", "text"):
            # Material puts these into the results as HTML; no script is allowed there at all.
            yield from check_html(where, str(document.get(name, "")), [], "/", net)


def generated_titles(docs: Path) -> dict[str, str | None]:
    """Each generated page (in the generated folders, but for the snippets in `_generert/`) by the
    HTML file it becomes: the title its front matter gives, as a reader sees it, or None when MkDocs
    cannot read its front matter (or it has no title)."""
    titles: dict[str, str | None] = {}
    for folder in GENERATED_FOLDERS:
        for page in sorted((docs / folder).rglob("*.md")) if is_generated(f"{folder}/") else []:
            titles[site_page(page.relative_to(docs).as_posix())] = intended_title(page.read_text("utf-8"))
    return titles


def is_generated(docs_path: str) -> bool:
    """A page the generator writes (not a snippet in `_generert/`, which is no page)."""
    folder = docs_path.partition("/")[0]
    return folder in GENERATED_FOLDERS and not folder.startswith("_")


def intended_title(markdown_page: str) -> str | None:
    """The title a generated page's front matter gives, as a reader sees it; None when MkDocs
    cannot read the front matter or it has no title."""
    title = (front_matter.read_back(markdown_page) or {}).get("title")
    return html.unescape(title) if isinstance(title, str) else None


def check_site(
    site: Path,
    template_folders: Iterable[Path],
    base_path: str = "/",
    net: Net | None = None,
    titles: Mapping[str, str | None] | None = None,
) -> list[Violation]:
    """Every violation in the built site under `site`, sorted. `titles`: the generated pages'
    titles (`generated_titles`); a page whose title is None had front matter MkDocs could not read."""
    folders = list(template_folders)
    scripts = theme_scripts(folders)
    net = net or Net()
    titles = titles or {}
    violations = list(_search_index(site, net))
    for path, title in titles.items():
        if title is None:
            violations.append(Violation(path, 1, UNREADABLE))
        elif not (site / path).is_file():
            violations.append(Violation(path, 1, "siden mangler i det bygde nettstedet"))
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        violations += check_page(path, page.read_text("utf-8"), scripts, base_path, net, titles.get(path))
    return sorted(violations)


UNREADABLE = (
    "MkDocs kan ikke lese metadataene (front matter) med tittel øverst i Markdown-filen, og viser dem da som tekst"
)


def check_built_site(site: Path, root: Path, template_folders: Iterable[Path], base_path: str = "/") -> list[Violation]:
    """`check_site` for the project in `root`, as `make site` built it: the net from its mkdocs.yml
    and the generator's manifest, the titles from the generated pages in its docs folder."""
    with (root / "mkdocs.yml").open("rb") as file:
        config: dict[str, Any] = yaml_load(file)  # as MkDocs reads it: !ENV and INHERIT
    docs = root / config.get("docs_dir", "docs")
    folders = list(template_folders)
    net = site_net(config, docs, folders)
    return check_site(site, folders, base_path, net, generated_titles(docs))
