"""Render stage helper: facets of the sources (design, region, level) for the evidence map and facet pages.

Every source falls in at least one value of each dimension; a source with no country or
level given falls in "ikke oppgitt", so the map's rows add up and gaps stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.identifiers import UNSETTLED_DESIGN
from generator.layout import NOT_GIVEN
from generator.model import Model, Source

NORWAY = "NO"
OTHER_NORDIC = frozenset({"DK", "SE", "FI", "IS", "FO", "GL", "AX"})


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    description: str
    sources: tuple[str, ...]  # keys, in reference-list order
    stated: bool = True  # False for "not given": an empty cell there is no gap in the research


@dataclass(frozen=True)
class Dimension:
    id: str  # also the URL folder: /kunnskapskart/<id>/<value>/
    label: str
    question: str
    values: tuple[FacetValue, ...]

    def cell(self, theme_id: str, value: FacetValue, model: Model) -> tuple[str, ...]:
        """The sources in both the theme and this value: one cell of the evidence map."""
        return tuple(key for key in value.sources if theme_id in model.by_key[key].themes)


def _regions(source: Source) -> set[str]:
    codes = {term.id for term in source.countries}
    regions = {"norge"} if NORWAY in codes else set()
    if codes & OTHER_NORDIC:
        regions.add("norden")
    if codes - OTHER_NORDIC - {NORWAY}:
        regions.add("verden")
    return regions or {NOT_GIVEN}


def dimensions(model: Model) -> tuple[Dimension, ...]:
    """The evidence map's column dimensions: study design, region and administrative level."""
    sources = model.sources
    designs = tuple(
        FacetValue(
            term.id,
            term.label,
            term.description,
            tuple(s.key for s in sources if s.design.id == term.id),
            stated=term.id != UNSETTLED_DESIGN,
        )
        for term in model.vocabulary.designs.values()
    )
    region_labels = (
        ("norge", "Norge", "Studier fra Norge."),
        ("norden", "Norden ellers", "Studier fra Danmark, Sverige, Finland eller Island."),
        ("verden", "Resten av verden", "Studier fra land utenfor Norden."),
        (NOT_GIVEN, "Ikke oppgitt", "Kilder som ikke er knyttet til et bestemt land, for eksempel teoretiske bidrag."),
    )
    regions = tuple(
        FacetValue(
            region,
            label,
            description,
            tuple(s.key for s in sources if region in _regions(s)),
            stated=region != NOT_GIVEN,
        )
        for region, label, description in region_labels
    )
    levels = [
        FacetValue(term.id, term.label, term.description, tuple(s.key for s in sources if term in s.levels))
        for term in model.vocabulary.levels.values()
    ]
    without_level = tuple(s.key for s in sources if not s.levels)
    levels.append(
        FacetValue(NOT_GIVEN, "Ikke oppgitt", "Kilder der forvaltningsnivå ikke er kodet.", without_level, stated=False)
    )
    return (
        Dimension("design", "Studiedesign", "Hvordan er kunnskapen framskaffet?", designs),
        Dimension("region", "Land", "Hvor kommer kunnskapen fra?", regions),
        Dimension("nivaa", "Forvaltningsnivå", "Hvilket forvaltningsnivå gjelder kunnskapen?", tuple(levels)),
    )


def shade(count: int) -> int:
    """A shade step 0–4 for a map cell; the number itself is always shown too."""
    if count == 0:
        return 0
    if count == 1:
        return 1
    if count <= 3:
        return 2
    if count <= 6:
        return 3
    return 4
