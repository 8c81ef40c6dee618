"""Render stage: `Model` -> `{path under docs/: Markdown}`, through the Jinja templates in `templates/`.

Templates see only the model. Every value a template writes is text (`_as_text`: escaped
for both Markdown and HTML) unless a filter made it markup on purpose: `prose` for the
fields documented as Markdown, and the filters that build links and references; Jinja's own
`e`/`escape` are that escaping too. Front matter is written by a YAML emitter and read back
(`generator/render/front_matter.py`). Beside the pages, `_generert/lenker.json` lists the hosts the pages
link to, for the net after the build (`generator/mkdocs/site_check.py`).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.check import prisma
from generator.core import cerqual, layout, markup
from generator.core.charts import Bar, bar_chart
from generator.core.citations import Citation
from generator.core.dates import norwegian_date
from generator.core.parallel import map_in_two
from generator.model import editions
from generator.model.build import GlossaryTerm, Model, Source, Term, Theme
from generator.model.facets import NORWAY, Dimension, dimensions, gap_sentence, shade
from generator.render import citation, exports, front_matter, kept_pages
from generator.render import finished as finished_html

NEWEST_COUNT = 20
_HREF = re.compile(r'href="([^"]*)"')
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


def source_page(key: str) -> str:
    return f"kilder/{key}.md"


def theme_page(theme_id: str) -> str:
    return f"tema/{theme_id}.md"


def facet_page(dimension: str, value: str) -> str:
    return f"kunnskapskart/{dimension}/{value}.md"


def _url_folder(path: str) -> str:
    """The URL folder MkDocs (directory URLs) serves a docs/ path at: `kilder/x.md` -> `kilder/x/`."""
    return layout.site_page(path).removesuffix("index.html") if path.endswith(".md") else path


def _url(page: str, target: str) -> str:
    """A relative URL from `page` to `target` (docs/ paths), for links in raw HTML, which MkDocs does not rewrite."""
    path, _, anchor = target.partition("#")
    target_url = _url_folder(path)
    base = _url_folder(page).rstrip("/")
    if target_url.endswith("/") or not target_url:
        # A folder: relative to a file inside it, then drop the file name.
        relative = _relative_path(base, f"{target_url}_")[:-1] or "./"
    else:
        relative = _relative_path(base, target_url)
    return f"{relative}#{anchor}" if anchor else relative


def _relative(page: str, target: str) -> str:
    """A link from `page` to `target` (both paths under docs/), as MkDocs wants it."""
    path, _, anchor = target.partition("#")
    relative = _relative_path(page.rpartition("/")[0], path)
    return f"{relative}#{anchor}" if anchor else relative


@cache
def _relative_path(folder: str, path: str) -> str:
    # posixpath.relpath asks the file system for the working directory: too slow for 100,000 links.
    start = folder.split("/") if folder else []
    parts = path.split("/")
    common = 0
    while common < min(len(start), len(parts) - 1) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


_HEADING = re.compile(r"^(#{1,4}) ", re.MULTILINE)
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
        url = html.escape(_url(page, source_page(key)), quote=True)
        return f'<a href="{url}">{_title_html(source)}</a> – {names} ({markup.literal(source.reference.year_label)})'

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


def _title_html(source: Source) -> Markup:
    """The source's title, marked with its language when that is not the page's."""
    title = markup.literal(source.title)
    if not source.title_lang:
        return Markup(title)
    return Markup(f'<span lang="{html.escape(source.title_lang, quote=True)}">{title}</span>')


def _as_text(value: object) -> object:
    """Every `{{ … }}` in a template: text unless a filter made it markup on purpose.

    Jinja's autoescaping only escapes HTML; Markdown would still act on `*`, `[`, `{` and
    line breaks. So any value that is not already `Markup` is shown literally."""
    return value if isinstance(value, Markup) else _literal_filter(value)


def _literal_filter(value: object) -> Markup:
    """`{{ value|literal }}`: text, escaped for Markdown and HTML (generator/core/markup.py)."""
    return Markup(markup.literal(str(value)))


def _environment(model: Model) -> Environment:
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
    environment.filters["title_html"] = _title_html
    environment.filters["prose"] = page_filter(
        lambda page, text: markup.prose(text, lambda citation: citations.render(page, citation))
    )
    environment.filters["link"] = page_filter(_relative)
    environment.filters["url"] = page_filter(_url)
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
    environment.filters["edition_anchor"] = editions.anchor
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
        html_start=Markup(finished_html.START),
        unsearched_html_start=Markup(finished_html.START_UNSEARCHED),  # in a section search leaves out
        html_end=Markup(finished_html.END),
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


@dataclass(frozen=True)
class Tally:
    """One count shown both as a bar chart and as a table: (label, count, link target or "") rows."""

    id: str
    title: str
    description: str
    column: str
    rows: tuple[tuple[str, int, str], ...]

    def chart(self, page: str) -> Markup:
        """The chart as it sits on `page`, its labels linked to their pages."""
        bars = [Bar(label, count, _url(page, target) if target else "") for label, count, target in self.rows]
        return bar_chart(self.id, self.title, self.description, self.column, bars)


def _tallies(model: Model, design: Dimension) -> list[Tally]:
    countries = Counter(country.label for source in model.sources for country in source.countries)
    years = Counter(source.year for source in model.sources)
    return [
        Tally(
            "diagram-tema",
            "Kilder per tema",
            "Antall kilder som er kodet med hvert tema; en kilde kan ha flere temaer.",
            "Tema",
            tuple((theme.title, len(theme.sources), theme_page(theme.id)) for theme in model.themes),
        ),
        Tally(
            "diagram-design",
            "Kilder per studiedesign",
            "Antall kilder med hvert studiedesign.",
            "Studiedesign",
            tuple(
                (value.label, len(value.sources), facet_page("design", value.id))
                for value in design.values
                if value.sources
            ),
        ),
        Tally(
            "diagram-land",
            "Kilder per land",
            "Antall kilder som studerer hvert land; en kilde kan gjelde flere land.",
            "Land",
            tuple(
                (label, count, "") for label, count in sorted(countries.items(), key=lambda item: (-item[1], item[0]))
            ),
        ),
        Tally(
            "diagram-aar",
            "Kilder per utgivelsesår",
            "Antall kilder utgitt hvert år.",
            "Utgivelsesår",
            tuple((year, count, "") for year, count in sorted(years.items())),
        ),
    ]


def _facet_labels(model: Model) -> dict[str, dict[str, object]]:
    """The filters on /kilder/: each facet's name and the values that occur, for the script.

    A facet with fewer than two values (one status for every source) is no choice to make,
    so it is left out, and so is its column in the table."""
    vocabulary = model.vocabulary
    facets: dict[str, tuple[str, Mapping[str, str], Callable[[Source], set[str]]]] = {
        "tema": ("Tema", {theme.id: theme.title for theme in model.themes}, lambda source: set(source.themes)),
        "design": ("Design", _term_labels(vocabulary.designs), lambda source: {source.design.id}),
        "land": ("Land", _term_labels(vocabulary.countries), lambda source: {c.id for c in source.countries}),
        "sprak": (
            "Språk",
            _term_labels(vocabulary.languages),
            lambda source: {source.language.id} if source.language else set(),
        ),
        "status": ("Status", _term_labels(vocabulary.statuses), lambda source: {source.status.id}),
    }
    labels: dict[str, dict[str, object]] = {}
    for facet, (name, terms, values_of) in facets.items():
        used = {value for source in model.sources for value in values_of(source)}
        if len(used) > 1:
            labels[facet] = {"navn": name, "verdier": [[id_, label] for id_, label in terms.items() if id_ in used]}
    return labels


def _term_labels(terms: Mapping[str, Term]) -> dict[str, str]:
    return {term.id: term.label for term in terms.values()}


def _downloads(model: Model, exported: Mapping[str, exports.SourceExports]) -> dict[str, str]:
    """The export files: all sources and per theme (a source page has its own in its "Siter" block)."""
    titles = {theme.id: theme.title for theme in model.themes}

    def export_files(stem: str, sources: Sequence[Source]) -> dict[str, str]:
        items = [exported[source.key] for source in sources]
        return {
            f"{stem}.bib": exports.to_bibtex(items),
            f"{stem}.ris": exports.to_ris(items),
            f"{stem}.json": exports.to_csl_json(items),
        }

    files = export_files(layout.ALL_DOWNLOADS, model.sources)
    files[f"{layout.ALL_DOWNLOADS}.csv"] = exports.to_csv(model.sources, titles)
    for theme in model.themes:
        sources = [model.by_key[key] for key in theme.sources]
        files |= export_files(f"{layout.THEME_DOWNLOADS}/{theme.id}", sources)
        files[f"{layout.THEME_DOWNLOADS}/{theme.id}.csv"] = exports.to_csv(sources, titles)
    return files


def code_block(text: str, language: str = "") -> Markup:
    """Text to copy, as the code block Python-Markdown would make of it (tabs as four spaces, `&<>"`
    escaped), for finished HTML: shown exactly as it is."""
    lines = "\n".join(line.rstrip() for line in text.strip().expandtabs(4).splitlines())
    escaped = lines.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    language_class = f' class="language-{language}"' if language else ""
    return Markup(f"<pre><code{language_class}>{escaped}\n</code></pre>")


CONFIDENCE_METHOD = f"{layout.THEMES_INDEX}#slik-vurderer-vi-tiltro"
_FILLED, _EMPTY = "●", "○"


def confidence_marks(levels: Mapping[str, Term], level: str) -> str:
    """`●●●○`: as many filled marks as the level is high (the vocabulary lists the levels highest
    first), so that it reads without colour; hidden from screen readers, which hear the word."""
    order = list(levels)
    filled = len(order) - order.index(level)
    marks = _FILLED * filled + _EMPTY * (len(order) - filled)
    return f'<span class="tiltro__merker" aria-hidden="true">{marks}</span>'


def confidence_scale(page: str, levels: Mapping[str, Term], level: str) -> str:
    """`Tiltro: ●●●○ moderat`, the word linked to how confidence is judged."""
    label = markup.literal(levels[level].label.lower())
    return (
        f'<span class="tiltro tiltro--{level}">Tiltro: {confidence_marks(levels, level)} '
        f"[{label}]({_relative(page, CONFIDENCE_METHOD)})</span>"  # Markdown, so that MkDocs checks and rewrites the link
    )


def confidence_summary(theme: Theme, model: Model) -> str:
    """`2 moderat, 3 lav`: how many of the theme's key findings have each confidence, highest first."""
    counts = [
        (sum(1 for finding in theme.key_findings if finding.confidence.id == level), term.label.lower())
        for level, term in model.vocabulary.confidence.items()
    ]
    return ", ".join(f"{count} {label}" for count, label in counts if count) or "ingen hovedfunn ennå"


def citation_reference(model: Model) -> Markup:
    """How to cite the summary, for Om: the year is `dato`'s, else the newest source's, as `edition` dates it."""
    dates = [source.added for source in model.sources if source.added]
    return Markup(citation.reference_html(model.info, max(dates)[:4] if dates else None))


def edition(model: Model) -> str:
    """`Versjon 0.1, sist oppdatert 29. november 2026`, for the printed page: the date is the newest
    `lagt_til`, so two builds of the same evidence base print the same (no build time anywhere)."""
    dates = [source.added for source in model.sources if source.added]
    updated = f", sist oppdatert {norwegian_date(max(dates))}" if dates else ""
    return f"Versjon {model.info.version}{updated}"


def last_changed(model: Model) -> str:
    """`utgave 1.1 (5. desember 2026)`: the newest edition with a change a reader can see; "" before the first."""
    found = editions.last_changed(model.editions)
    return f"utgave {found.version} ({norwegian_date(found.date)})" if found else ""


def read_counts(model: Model) -> tuple[tuple[str, int], ...]:
    """How many sources were read each way (`lest` in a source file), most thorough first, as
    (how, count) rows for /metode/; a way no source was read is left out."""
    counts = Counter(source.read.id for source in model.sources)
    return tuple(
        (reading.counted[:1].upper() + reading.counted[1:], counts[key])
        for key, reading in cerqual.READINGS.items()
        if counts[key]
    )


def reading_counts(sources: Sequence[Source]) -> str:
    """`Av de 58 kildene har vi lest sammendraget av 45 og … av 9. For 4 kjenner vi bare tittelen …`:
    how much of the sources was read (`lest`), counted, for the about page."""
    counts = Counter(source.read.id for source in sources)
    of = "Av den ene kilden" if len(sources) == 1 else f"Av de {len(sources)} kildene"
    read = [
        f"{reading.counted} av {counts[key]}"
        for key, reading in cerqual.READINGS.items()
        if key != "tittel" and counts[key]
    ]
    listed = ", ".join(read[:-1]) + (" og " if len(read) > 1 else "") + read[-1] if read else ""
    sentences = [f"{of} har vi lest {listed}."] if read else []
    if counts["tittel"]:
        sentences.append(f"For {counts['tittel']} kjenner vi bare tittelen og opplysningene om utgivelsen.")
    if sources and not counts["fulltekst"]:
        sentences.append("Ingen er lest i fulltekst.")
    return " ".join(sentences)


def search_tags(source: Source) -> list[str]:
    """The authors' family names, which search weighs above any text: a reader who types "Torfing"
    wants Torfing's works, not the themes that cite them."""
    record = source.record
    return list(dict.fromkeys(family for family, _ in record.authors or record.editors))


def added_counts(model: Model) -> Counter[str]:
    """How many sources were added on each date."""
    return Counter(source.added for source in model.sources if source.added)


def newest_sources(model: Model) -> list[Source]:
    """The most recently added sources, newest first (reference order within a day)."""
    dated = [source for source in model.sources if source.added]
    return sorted(dated, key=lambda source: source.added or "", reverse=True)[:NEWEST_COUNT]


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
    environment = _environment(page_model)
    shared = (environment.globals["edition"],)
    facet_dimensions = dimensions(model)
    newest = newest_sources(model)
    # The evidence base as a snapshot, compared with the last edition: only when there is one.
    now = editions.snapshot(model, "", "") if model.editions else {}
    marks = editions.current_marks(model.editions, now)
    history = editions.history(model.editions)
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
            {"dimensions": facet_dimensions, "facet_labels": _facet_labels(model)},
        ),
        _PageJob("references.md.j2", layout.REFERENCES_PAGE),
        _PageJob(
            "evidence_map.md.j2",
            layout.EVIDENCE_MAP,
            {"dimensions": facet_dimensions, "tallies": _tallies(model, facet_dimensions[0])},
        ),
        _PageJob("downloads.md.j2", layout.DOWNLOADS_PAGE),
        _PageJob(
            "changes.md.j2",
            layout.CHANGES_PAGE,
            {
                "history": history,
                "since": editions.state_since(model.editions, now),
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
        {source.key: _url(layout.NEWS_PAGE, source_page(source.key)) for source in newest},
        [
            exports.EditionEntry(
                item.version,
                f"Utgave {item.version} av kunnskapsoppsummeringen",
                f"{_url(layout.NEWS_PAGE, layout.CHANGES_PAGE)}#{item.anchor}",
                item.date,
            )
            for item in history
        ],
    )
    pages.update(_downloads(model, exported))
    # Not a page: the terms the first use of which links to Begreper (generator/mkdocs/glossary_links.py).
    pages[layout.GLOSSARY_LINKS] = json.dumps(glossary_links(model), ensure_ascii=False, indent=0) + "\n"
    # Not a page: what the net after the build lets the pages link to.
    pages[layout.LINKED_HOSTS] = json.dumps(linked_hosts(model), ensure_ascii=False, indent=0) + "\n"
    return pages


def _prose_texts(model: Model) -> Iterator[str]:
    """Every text the templates show through `prose`, the only way a researcher's link reaches a page."""
    for theme in model.themes:
        yield theme.description
        yield theme.body
        for finding in theme.key_findings:
            yield finding.claim
            yield finding.rationale
            yield from (component.explanation for component in finding.assessment)
        yield from (implication.text for implication in theme.implications)
    for source in model.sources:
        yield source.summary
        yield from source.findings
        yield from source.implications
    yield from (term.definition for term in model.glossary)
    if model.info.method:
        yield from model.info.method.texts


# A name that can stand in running text as it is: letters and digits, words parted by a space or a hyphen.
_PLAIN_NAME = re.compile(r"[^\W_]+(?:[ -][^\W_]+)*")
# What a tooltip cannot hold as it is: Markdown, a citation or something that reads as markup.
_NOT_PLAIN = re.compile(r"[<>\[\]*_`{}&@\\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _first_sentence(term: GlossaryTerm) -> str:
    """The first sentence of the term's definition when it is plain text, which a tooltip can hold; else ""."""
    first = _SENTENCE_END.split(" ".join(term.definition.split()), maxsplit=1)[0]
    return "" if _NOT_PLAIN.search(first) else first


def glossary_links(model: Model) -> list[dict[str, object]]:
    """Each glossary term as generator/mkdocs/glossary_links.py links it: its anchor on Begreper, the words
    that name it in running text (its name without the abbreviation in brackets, and its id as words)
    and its tooltip, the first sentence of its definition when that is plain text."""
    terms: list[dict[str, object]] = []
    for term in model.glossary:
        name = re.sub(r"\s*\([^()]*\)$", "", term.name).strip()
        forms = [
            form for form in dict.fromkeys([name.lower(), term.id.replace("-", " ")]) if _PLAIN_NAME.fullmatch(form)
        ]
        first = _first_sentence(term)
        explanation = f"{name}: {first}" if first and not _NOT_PLAIN.search(name) else ""
        if forms:
            terms.append({"id": term.id, "forms": forms, "title": explanation or "Se forklaringen under Begreper"})
    return terms


@dataclass(frozen=True)
class Abbreviation:
    short: str
    expansion: str
    tooltip: str  # Norwegian: an English expansion's tooltip is its glossary term's explanation
    term_id: str = ""  # the glossary term the expansion names in English, if any


def abbreviations(model: Model) -> tuple[Abbreviation, ...]:
    """The glossary's abbreviations. An expansion that is a term's English name (New Public Management)
    is explained in Norwegian by that term's definition, and the glossary marks it as English."""
    english = {term.english.casefold(): term for term in model.glossary if term.english}
    listed = []
    for short, expansion in model.abbreviations.items():
        term = english.get(str(expansion).casefold())
        explanation = _first_sentence(term) if term else ""
        listed.append(Abbreviation(short, expansion, explanation or expansion, term.id if term else ""))
    return tuple(listed)


def linked_hosts(model: Model) -> list[str]:
    """The hosts of every external address the pages link to: the sources' DOI, URL, provenance and
    reference links, the links in researchers' Markdown, and the contact address."""
    urls = [url for source in model.sources for url in (source.doi_url, source.url, *source.fact_urls) if url]
    urls += [html.unescape(url) for source in model.sources for url in _HREF.findall(source.reference.html)]
    urls += [url for text in _prose_texts(model) if "//" in text for url, _ in markup.inspect(text).links]
    urls += [model.info.contact_href or "", model.info.url or ""]
    urls.append(f"https://doi.org/{model.info.doi}" if model.info.doi else "")
    hosts = {markup.url_host(url) for url in urls if url.startswith(("https://", "http://"))}
    return sorted(host for host in hosts if host and host != markup.NO_HOST)
