"""The index pages: the evidence map's charts (Kunnskapskart) and the filters on the list of sources
(/kilder/).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.apa import IN_PRESS
from generator.core.charts import Bar, bar_chart
from generator.model.build import Model, Source, Term
from generator.render.facets import Dimension
from generator.render.links import facet_page, link_url, theme_page


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
        bars = [Bar(label, count, link_url(page, target) if target else "") for label, count, target in self.rows]
        return bar_chart(self.id, self.title, self.description, self.column, bars)


def tallies(model: Model, design: Dimension) -> list[Tally]:
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
            "Antall kilder utgitt hvert år"
            + ("; «i trykk» er godtatt, men ikke utgitt ennå." if IN_PRESS in years else "."),
            "Utgivelsesår",
            tuple((year, count, "") for year, count in sorted(years.items())),
        ),
    ]


def facet_labels(model: Model) -> dict[str, dict[str, object]]:
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
