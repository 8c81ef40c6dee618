"""Render stage helper: facets of the sources (design, region, level) for the evidence map and facet pages.

Every source falls in at least one value of each dimension; a source with no country or
level given falls in "ikke oppgitt", so the map's rows add up and gaps stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.identifiers import UNSETTLED_DESIGN
from generator.core.layout import NOT_GIVEN
from generator.model.build import Model, Source

NORWAY = "NO"
OTHER_NORDIC = frozenset({"DK", "SE", "FI", "IS", "FO", "GL", "AX"})


@dataclass(frozen=True)
class FacetValue:
    id: str
    label: str
    description: str
    sources: tuple[str, ...]  # keys, in reference-list order
    stated: bool = True  # False for "not given": an empty cell there is no gap in the research
    gap_name: str = ""  # how a gap sentence names it after the dimension's gap_intro: "casestudie"


@dataclass(frozen=True)
class Dimension:
    id: str  # also the URL folder: /kunnskapskart/<id>/<value>/
    label: str
    question: str
    values: tuple[FacetValue, ...]
    gap_intro: str  # what a gap sentence puts before the values' names: "kilder fra"

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
            gap_name=_lower_first(term.label),
        )
        for term in model.vocabulary.designs.values()
    )
    region_labels = (
        ("norge", "Norge", "Studier fra Norge.", "Norge"),
        ("norden", "Norden ellers", "Studier fra Danmark, Sverige, Finland eller Island.", "Norden ellers"),
        ("verden", "Resten av verden", "Studier fra land utenfor Norden.", "resten av verden"),
        (
            NOT_GIVEN,
            "Ikke oppgitt",
            "Kilder som ikke er knyttet til et bestemt land, for eksempel teoretiske bidrag.",
            "",
        ),
    )
    regions = tuple(
        FacetValue(
            region,
            label,
            description,
            tuple(s.key for s in sources if region in _regions(s)),
            stated=region != NOT_GIVEN,
            gap_name=gap_name,
        )
        for region, label, description, gap_name in region_labels
    )
    levels = [
        FacetValue(
            term.id,
            term.label,
            term.description,
            tuple(s.key for s in sources if term in s.levels),
            gap_name=_lower_first(term.label),
        )
        for term in model.vocabulary.levels.values()
    ]
    without_level = tuple(s.key for s in sources if not s.levels)
    levels.append(
        FacetValue(NOT_GIVEN, "Ikke oppgitt", "Kilder der forvaltningsnivå ikke er kodet.", without_level, stated=False)
    )
    return (
        Dimension("design", "Studiedesign", "Hvordan er kunnskapen framskaffet?", designs, "kilder av typen"),
        Dimension("region", "Land", "Hvor kommer kunnskapen fra?", regions, "kilder fra"),
        Dimension(
            "nivaa",
            "Forvaltningsnivå",
            "Hvilket forvaltningsnivå gjelder kunnskapen?",
            tuple(levels),
            "kilder på nivået",
        ),
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


def _lower_first(label: str) -> str:
    """A label inside a sentence: "Casestudie" -> "casestudie", but "USA" stays "USA"."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _listed(items: list[str], last: str) -> str:
    """ "a, b og c" (last="og") or "a, b eller c": Norwegian puts no comma before the last word."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def gap_sentence(dimension: Dimension, model: Model) -> str:
    """The dimension's gaps as one sentence, not one list per theme.

    Three kinds of gap, each named once: values no theme has; values fewer than half the themes
    have, grouped by how many do (the grid shows which); and, theme by theme, the values most themes
    have but this one lacks. "Not given" columns are no gap and are left out."""
    themes = model.themes
    nowhere: list[str] = []
    rare: dict[int, list[str]] = {}  # how many themes have it -> values
    lacking_by_theme: dict[str, list[str]] = {theme.title: [] for theme in themes}
    for value in dimension.values:
        if not value.stated:
            continue
        lacking = [theme.title for theme in themes if not dimension.cell(theme.id, value, model)]
        if len(lacking) == len(themes):
            nowhere.append(value.gap_name)
        elif 2 * len(lacking) > len(themes):
            rare.setdefault(len(themes) - len(lacking), []).append(value.gap_name)
        else:
            for title in lacking:
                lacking_by_theme[title].append(value.gap_name)
    intro = dimension.gap_intro
    clauses = [f"ingen temaer har {intro} {_listed(nowhere, 'eller')}"] if nowhere else []
    clauses += [
        f"bare {having} av {len(themes)} temaer har {intro} {_listed(rare[having], 'og')}" for having in sorted(rare)
    ]
    clauses += [
        f"«{title}» mangler {intro} {_listed(names, 'og')}" for title, names in lacking_by_theme.items() if names
    ]
    if not clauses:
        return "Alle temaene har kilder i alle kolonnene."
    sentence = "; ".join(clauses)
    return f"{sentence[:1].upper()}{sentence[1:]}."
