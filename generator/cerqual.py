"""GRADE-CERQual: the four components behind the confidence in a key finding, and the rule that sums them up.

The rule (documented on the about page and in CONTRIBUTING): start at the highest level in
vocabulary.yaml's `tiltro` and go one level down for each moderate concern and two for each
serious one; no or minor concerns keep the level. The lowest level is the floor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The components in the order GRADE-CERQual lists them: key in the theme file, label on the site.
COMPONENTS = {
    "metode": "Metodiske begrensninger",
    "samstemmighet": "Samstemmighet",
    "datamengde": "Datamengde",
    "relevans": "Relevans",
}


@dataclass(frozen=True)
class Concern:
    label: str
    downgrade: int  # levels of confidence this concern takes away


CONCERNS = {
    "ingen": Concern("Ingen eller svært små betenkeligheter", 0),
    "små": Concern("Små betenkeligheter", 0),
    "moderate": Concern("Moderate betenkeligheter", 1),
    "alvorlige": Concern("Alvorlige betenkeligheter", 2),
}


@dataclass(frozen=True)
class Component:
    """One component of a finding's assessment: what it is, the concern, and why."""

    label: str
    concern: Concern
    explanation: str


RULE = "Tiltroen starter på høy og går ett nivå ned for hver moderat og to for hver alvorlig betenkelighet"


def expected_level(concerns: Iterable[str], levels: Sequence[str]) -> str:
    """The confidence the rule gives: `levels` from highest to lowest (vocabulary order)."""
    steps = sum(CONCERNS[concern].downgrade for concern in concerns)
    return levels[min(steps, len(levels) - 1)]
