"""Render stage: `Model` -> `{path under docs/: Markdown}`, through the Jinja templates in `templates/`.

Every page is a job (template, path, values), shared out between two processes at scale;
`keep` keeps pages between builds in one process (`make serve`). The values each kind of page
needs come from the module for that kind: `home`, `themes`, `sources`, `indexes`, `downloads`,
`glossary`; `environment` is what every page shares, `hosts` the list of linked hosts. A page that
needs nothing of its own, such as the reference list (`references.md.j2`, the model's sorted
references), is only a job below, its template and its path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.core import layout
from generator.core.parallel import map_in_two
from generator.model import changes, editions
from generator.model.build import Model
from generator.render import exports, kept_pages
from generator.render.downloads import download_pages
from generator.render.environment import page_environment
from generator.render.facets import dimensions
from generator.render.glossary import abbreviations, glossary_links
from generator.render.home import added_counts, citation_reference, newest_sources, read_counts
from generator.render.hosts import linked_hosts
from generator.render.indexes import facet_labels, tallies
from generator.render.links import facet_page, link_url, source_page, theme_page
from generator.render.sources import search_tags


@dataclass(frozen=True)
class _PageJob:
    template: str
    path: str
    values: Mapping[str, object] = field(default_factory=dict)
    page: str = ""  # where the text ends up, when not at `path`: snippets are included into the home page


def render_site(model: Model, *, keep: bool = False) -> dict[str, str]:
    """Every generated page and file, keyed by its path under docs/.

    `keep`: keep the pages for the next such build in this process, and take from the last one
    those that nothing they were rendered from has changed in since (generator/render/kept_pages.py)."""
    page_model, fields_read = kept_pages.recording(model) if keep else (model, set())
    environment = page_environment(page_model)
    shared = (environment.globals["edition"],)
    facet_dimensions = dimensions(model)
    newest = newest_sources(model)
    # The evidence base as a snapshot, compared with the last edition: only when there is one.
    now = editions.snapshot(model, "", "") if model.editions else {}
    marks = changes.current_marks(model.editions, now)
    history = changes.history(model.editions)
    exported = {source.key: exports.source_exports(source) for source in model.sources}

    def render(job: _PageJob) -> tuple[str, frozenset[kept_pages.FieldRead]]:
        fields_read.clear()
        text = environment.get_template(job.template).render(page=job.page or job.path, **job.values)
        return text, frozenset(fields_read)

    # Every page is a job, so that map_in_two can share them out between two processes.
    jobs = [
        _PageJob("themes_index.md.j2", layout.THEMES_INDEX),
        _PageJob(
            "sources_index.md.j2",
            layout.SOURCES_INDEX,
            {"dimensions": facet_dimensions, "facet_labels": facet_labels(model)},
        ),
        _PageJob("references.md.j2", layout.REFERENCES_PAGE),
        _PageJob(
            "evidence_map.md.j2",
            layout.EVIDENCE_MAP,
            {"dimensions": facet_dimensions, "tallies": tallies(model, facet_dimensions[0])},
        ),
        _PageJob("downloads.md.j2", layout.DOWNLOADS_PAGE),
        _PageJob(
            "changes.md.j2",
            layout.CHANGES_PAGE,
            {
                "history": history,
                "since": changes.state_since(model.editions, now),
                "since_version": model.editions[-1].version if model.editions else "",
            },
        ),
        _PageJob("news.md.j2", layout.NEWS_PAGE, {"newest": newest, "added_counts": added_counts(model)}),
        _PageJob("print.md.j2", layout.PRINTABLE_PAGE),
        _PageJob("home_numbers.md.j2", layout.HOME_NUMBERS, page="index.md"),
        _PageJob("home_themes.md.j2", layout.HOME_THEMES, page="index.md"),
        _PageJob("home_messages.md.j2", layout.HOME_MESSAGES, page="index.md"),
        _PageJob("home_in_short.md.j2", layout.HOME_IN_SHORT, page="index.md"),
        _PageJob("home_print.md.j2", layout.HOME_PRINT, page="index.md"),
        _PageJob("method.md.j2", layout.METHOD_PAGE, {"read_counts": read_counts(model)}),
        _PageJob("about.md.j2", layout.ABOUT_SNIPPET, page="om.md"),
        _PageJob("about_citation.md.j2", layout.ABOUT_CITATION, {"reference": citation_reference(model)}, page="om.md"),
        _PageJob("abbreviations.md.j2", layout.ABBREVIATIONS_SNIPPET, {"abbreviations": abbreviations(model)}),
        *(
            [_PageJob("glossary.md.j2", layout.GLOSSARY_PAGE, {"abbreviations": abbreviations(model)})]
            if model.glossary
            else []
        ),
        *(
            _PageJob("theme.md.j2", theme_page(theme.id), {"theme": theme, "marks": marks.get(theme.id, {})})
            for theme in model.themes
        ),
        *(
            _PageJob(
                "source.md.j2",
                source_page(source.key),
                {
                    "source": source,
                    "exported": exported[source.key],
                    "citation": exports.highwire(source),
                    "search_tags": search_tags(source),
                },
            )
            for source in model.sources
        ),
        *(
            _PageJob("facet.md.j2", facet_page(dimension.id, value.id), {"dimension": dimension, "value": value})
            for dimension in facet_dimensions
            for value in dimension.values
        ),
    ]
    given = {job.path: job.values for job in jobs}
    kept = kept_pages.kept_between_builds.still_true(model, shared, given) if keep else {}
    to_render = [job for job in jobs if job.path not in kept]
    rendered = kept | {
        job.path: kept_pages.KeptPage(text, job.values, read)
        for job, (text, read) in zip(to_render, map_in_two(render, to_render), strict=True)
    }
    if keep:
        kept_pages.kept_between_builds.keep(model, shared, rendered)
    pages = {path: page.text for path, page in rendered.items()}
    pages[layout.NEWS_FEED] = exports.to_atom(
        newest,
        "Nytt i kunnskapsgrunnlaget – SAMVERDI",
        "./",
        {source.key: link_url(layout.NEWS_PAGE, source_page(source.key)) for source in newest},
        [
            exports.EditionEntry(
                item.version,
                f"Utgave {item.version} av kunnskapsoppsummeringen",
                f"{link_url(layout.NEWS_PAGE, layout.CHANGES_PAGE)}#{item.anchor}",
                item.date,
            )
            for item in history
        ],
    )
    pages.update(download_pages(model, exported))
    # Not a page: the terms the first use of which links to Begreper (generator/mkdocs/glossary_links.py).
    pages[layout.GLOSSARY_LINKS] = json.dumps(glossary_links(model), ensure_ascii=False, indent=0) + "\n"
    # Not a page: what the net after the build lets the pages link to.
    pages[layout.LINKED_HOSTS] = json.dumps(linked_hosts(model), ensure_ascii=False, indent=0) + "\n"
    return pages
