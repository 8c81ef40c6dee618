"""The Jinja environment every page is rendered in: its filters and globals, the in-text citations
linked to source pages, the front matter and the generated-file header.

Templates see only the model. Every value a template writes is text (`_as_text`: escaped
for both Markdown and HTML) unless a filter made it markup on purpose: `prose` for the
fields documented as Markdown, and the filters that build links and references; Jinja's own
`e`/`escape` are that escaping too. Front matter is written by a YAML emitter and read back
(`generator/render/front_matter.py`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.check import prisma
from generator.core import cerqual, layout, markup
from generator.core.citations import Citation
from generator.core.dates import norwegian_date
from generator.model import changes
from generator.model.build import Model, Source
from generator.render import finished, front_matter
from generator.render.facets import NORWAY, gap_sentence, shade
from generator.render.home import edition, last_changed, reading_counts
from generator.render.links import facet_page, link_url, relative_link, source_page, theme_page
from generator.render.sources import code_block, title_html
from generator.render.themes import CONFIDENCE_METHOD, confidence_marks, confidence_scale, confidence_summary

# The file under literature/ a generated page comes from, by its path or its folder (and name: `{name}`).
_EDIT_IN = {
    "tema": f"{layout.THEMES}/{{name}}.md",
    "kilder": f"{layout.SOURCES}/{{name}}.yaml og oppføringen {{name}} i {layout.LITERATURE}/*.bib",
    "begreper": layout.GLOSSARY,
    layout.ABBREVIATIONS_SNIPPET.removesuffix(".md"): layout.GLOSSARY,
    layout.METHOD_PAGE.removesuffix(".md"): layout.SUMMARY,
    layout.HOME_IN_SHORT.removesuffix(".md"): layout.SUMMARY,
}


def generated_header(page: str) -> str:
    """The comment a generated page starts with (after its front matter): generated, and which file under
    literature/ to edit instead. Never shown on the page; one line, so pages stay small."""
    folder, _, name = page.removesuffix(".md").rpartition("/")
    template = _EDIT_IN.get(page.removesuffix(".md"), _EDIT_IN.get(folder))
    if template is None or (name == "index" and "{name}" in template):  # tema/index.md: every theme
        return f"<!-- {layout.generated_note()} -->"
    return f"<!-- {layout.generated_note(template.format(name=name))} -->"


_HEADING = re.compile(r"^(#{1,4}) ", re.MULTILINE)


_PAGE_RANGE = re.compile(r"(\d)\s*-{1,2}\s*(\d)")


class _Citations:
    """Turns Pandoc citations into APA in-text citations linked to source pages."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.position = {source.key: index for index, source in enumerate(model.sources)}

    def link(self, page: str, source: Source, text: str) -> str:
        return f"[{text}]({relative_link(page, source_page(source.key))})"

    def render(self, page: str, citation: Citation) -> str:
        if citation.narrative:
            work = citation.works[0]
            source = self.model.by_key[work.key]
            year = ", ".join(
                part for part in (markup.literal(source.reference.year_label), self._locator(work.locator)) if part
            )
            return self.link(page, source, f"{markup.literal(source.reference.narrative_names)} ({year})")
        items = []
        for work in sorted(citation.works, key=lambda work: self.position[work.key]):
            source = self.model.by_key[work.key]
            label = markup.literal(source.reference.year_label)
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

    def source_link(self, page: str, key: str) -> str:
        """`<a href="link">Title</a> – Names (year)`: how a source is listed on theme, facet, news and
        source pages, as HTML for the lists the generator writes finished (generator/mkdocs/finished_html.py).

        Built in Python, not in the templates: at 10,000 sources the facet and theme pages list
        about 100,000 of these lines, and the template expression took five times as long."""
        source = self.model.by_key[key]
        names = markup.literal(source.reference.narrative_names)
        url = html.escape(link_url(page, source_page(key)), quote=True)
        return f'<a href="{url}">{title_html(source)}</a> – {names} ({markup.literal(source.reference.year_label)})'

    def cite_keys(self, page: str, keys: tuple[str, ...]) -> str:
        """`(Ansell & Gash, 2008; Torfing et al., 2019)` for a list of keys."""
        body = "; ".join(f"@{key}" for key in keys)
        return markup.prose(f"[{body}]", lambda citation: self.render(page, citation)) if keys else ""


def _front_matter(
    title: str,
    edition: str,
    search: Mapping[str, object],
    tags: Sequence[str],
    citation: Sequence[tuple[str, str]],
    hide: Sequence[str] = (),
) -> Markup:
    """A page's front matter (generator/render/front_matter.py): title, edition, search settings,
    search tags, Highwire citation tags and the sidebars Material hides, every text value escaped for HTML."""
    meta: dict[str, object] = {"title": front_matter.page_title(title), "utgave": front_matter.page_title(edition)}
    if hide:
        meta["hide"] = list(hide)
    if search:
        meta["search"] = dict(search)
    if tags:
        meta["tags"] = [front_matter.page_title(tag) for tag in tags]
    if citation:
        meta["citation"] = [[front_matter.page_title(name), front_matter.page_title(value)] for name, value in citation]
    return Markup(front_matter.emit(meta))


def _as_text(value: object) -> object:
    """Every `{{ … }}` in a template: text unless a filter made it markup on purpose.

    Jinja's autoescaping only escapes HTML; Markdown would still act on `*`, `[`, `{` and
    line breaks. So any value that is not already `Markup` is shown literally."""
    return value if isinstance(value, Markup) else _literal_filter(value)


def _literal_filter(value: object) -> Markup:
    """`{{ value|literal }}`: text, escaped for Markdown and HTML (generator/core/markup.py)."""
    return Markup(markup.literal(str(value)))


def page_environment(model: Model) -> Environment:
    environment = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build; checking costs a stat per page
        finalize=_as_text,
    )
    citations = _Citations(model)

    def page_filter(function: Callable[[str, str], str]) -> Callable[[Context, str], Markup]:
        @pass_context
        def apply(context: Context, value: str) -> Markup:
            return Markup(function(context["page"], value))

        return apply

    # Jinja's own `e`/`escape` escape HTML only, and their Markup skips `_as_text`: Markdown would
    # still act on the value. So they are the project's escaping too (the `kontakt` link was one).
    environment.filters["literal"] = environment.filters["e"] = environment.filters["escape"] = _literal_filter
    environment.filters["labels"] = lambda terms: Markup(markup.literal(", ".join(term.label for term in terms)))
    environment.filters["title_html"] = title_html
    environment.filters["prose"] = page_filter(
        lambda page, text: markup.prose(text, lambda citation: citations.render(page, citation))
    )
    environment.filters["link"] = page_filter(relative_link)
    environment.filters["url"] = page_filter(link_url)
    environment.filters["shade"] = shade
    environment.filters["gap_sentence"] = lambda dimension: gap_sentence(dimension, model)
    environment.filters["norwegian_date"] = norwegian_date
    environment.filters["norwegian_source"] = lambda key: any(
        country.id == NORWAY for country in model.by_key[key].countries
    )
    environment.filters["confidence_summary"] = lambda theme: Markup(markup.literal(confidence_summary(theme, model)))
    environment.filters["confidence_marks"] = lambda level: Markup(confidence_marks(model.vocabulary.confidence, level))
    environment.filters["confidence_scale"] = page_filter(
        lambda page, level: confidence_scale(page, model.vocabulary.confidence, level)
    )
    environment.filters["code_block"] = code_block
    environment.filters["edition_anchor"] = changes.anchor
    environment.filters["prisma_flow"] = prisma.flow
    environment.filters["prisma_rows"] = prisma.rows
    environment.filters["reading_counts"] = reading_counts
    environment.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    environment.filters["demote_headings"] = lambda text: Markup(_HEADING.sub(r"##\1 ", str(text)))
    environment.filters["json_script"] = lambda value: Markup(
        json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
    )
    environment.filters["source_link"] = page_filter(citations.source_link)
    environment.filters["cite_keys"] = pass_context(
        lambda context, keys: Markup(citations.cite_keys(context["page"], tuple(keys)))
    )
    environment.globals.update(
        model=model,
        header=pass_context(lambda context: Markup(generated_header(context["page"]))),
        front_matter=_front_matter,
        # Around HTML that needs no Markdown: generator/mkdocs/finished_html.py keeps Python-Markdown out of it.
        html_start=Markup(finished.START),
        unsearched_html_start=Markup(finished.START_UNSEARCHED),  # in a section search leaves out
        html_end=Markup(finished.END),
        source_page=source_page,
        theme_page=theme_page,
        facet_page=facet_page,
        edition=edition(model),
        last_changed=last_changed(model),
        confidence_rule=cerqual.RULE,
        confidence_method=CONFIDENCE_METHOD,
        pdf_file=layout.PDF_FILE,
    )
    return environment
