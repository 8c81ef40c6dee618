"""Render stage: `Model` -> `{path under docs/: Markdown}`, through the Jinja templates in `templates/`.

Templates see only the model. Autoescaping is on for every template, so a value that
reaches a page without going through `literal` or `prose` is HTML-escaped, never live.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator import markup
from generator.citations import Citation, replace_citations
from generator.model import Model, Source

GENERATED_FOLDERS = ("tema", "kilder", "referanser", "begreper", "_generert")
HEADER = "<!-- Generert av «python -m generator build» fra literature/. Ikke rediger: filen skrives over. -->"


def source_page(key: str) -> str:
    return f"kilder/{key}.md"


def theme_page(theme_id: str) -> str:
    return f"tema/{theme_id}.md"


def _relative(page: str, target: str) -> str:
    """A link from `page` to `target` (both paths under docs/), as MkDocs wants it."""
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return f"{relative}#{anchor}" if anchor else relative


_PAGE_RANGE = re.compile(r"(\d)\s*-{1,2}\s*(\d)")


class _Citations:
    """Turns Pandoc citations into APA in-text citations linked to source pages."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.position = {source.key: index for index, source in enumerate(model.sources)}

    def link(self, page: str, source: Source, text: str) -> str:
        return f"[{text}]({_relative(page, source_page(source.key))})"

    def render(self, page: str, citation: Citation) -> str:
        if citation.narrative:
            work = citation.works[0]
            source = self.model.by_key[work.key]
            year = ", ".join(part for part in (source.reference.year_label, self._locator(work.locator)) if part)
            return self.link(page, source, f"{markup.literal(source.reference.narrative_names)} ({year})")
        items = []
        for work in sorted(citation.works, key=lambda work: self.position[work.key]):
            source = self.model.by_key[work.key]
            label = source.reference.year_label
            if not work.suppress_author:
                label = f"{markup.literal(source.reference.parenthetical_names)}, {label}"
            item = self.link(page, source, label)
            if work.prefix:
                item = f"{markup.prose(work.prefix)} {item}"
            if work.locator:
                item = f"{item}, {self._locator(work.locator)}"
            items.append(item)
        return f"({'; '.join(items)})"

    @staticmethod
    def _locator(locator: str) -> str:
        return markup.prose(_PAGE_RANGE.sub(r"\1–\2", locator))

    def cite_keys(self, page: str, keys: tuple[str, ...]) -> str:
        """`(Ansell & Gash, 2008; Torfing et al., 2019)` for a list of keys."""
        body = "; ".join(f"@{key}" for key in keys)
        return replace_citations(f"[{body}]", lambda citation: self.render(page, citation)) if keys else ""


def _page_title(title: str) -> Markup:
    """A front-matter `title:` value. MkDocs and Material put page titles into the HTML
    (<title>, header, navigation, attributes) without escaping, so escape them here."""
    return Markup(json.dumps(html.escape(str(title), quote=True), ensure_ascii=False))


def _title_html(source: Source) -> Markup:
    """The source's title, marked with its language when that is not the page's."""
    title = markup.literal(source.title)
    if not source.title_lang:
        return Markup(title)
    return Markup(f'<span lang="{html.escape(source.title_lang, quote=True)}">{title}</span>')


def _environment(model: Model) -> Environment:
    environment = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    citations = _Citations(model)

    def page_filter(function: Callable[[str, str], str]) -> Callable[[Context, str], Markup]:
        @pass_context
        def apply(context: Context, value: str) -> Markup:
            return Markup(function(context["page"], value))

        return apply

    environment.filters["literal"] = lambda value: Markup(markup.literal(str(value)))
    environment.filters["title_html"] = _title_html
    environment.filters["page_title"] = _page_title
    environment.filters["prose"] = page_filter(
        lambda page, text: replace_citations(markup.prose(text), lambda citation: citations.render(page, citation))
    )
    environment.filters["link"] = page_filter(_relative)
    environment.filters["cite_keys"] = pass_context(
        lambda context, keys: Markup(citations.cite_keys(context["page"], tuple(keys)))
    )
    environment.globals.update(model=model, header=Markup(HEADER), source_page=source_page, theme_page=theme_page)
    return environment


def render_site(model: Model) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    environment = _environment(model)

    def render(template: str, path: str, page: str | None = None, **values: object) -> tuple[str, str]:
        # `page` is where the text ends up: snippets are included into the home page.
        return path, environment.get_template(template).render(page=page or path, **values)

    pages = dict(
        [
            render("themes_index.md.j2", "tema/index.md"),
            render("sources_index.md.j2", "kilder/index.md"),
            render("references.md.j2", "referanser/index.md"),
            render("home_numbers.md.j2", "_generert/tall.md", page="index.md"),
            render("home_themes.md.j2", "_generert/temaer.md", page="index.md"),
            render("abbreviations.md.j2", "_generert/forkortelser.md"),
        ]
        + ([render("glossary.md.j2", "begreper/index.md")] if model.glossary else [])
        + [render("theme.md.j2", theme_page(theme.id), theme=theme) for theme in model.themes]
        + [render("source.md.j2", source_page(source.key), source=source) for source in model.sources]
    )
    return pages
