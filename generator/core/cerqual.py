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
    # Coherence only, and only for a finding from one source: there is nothing to agree or disagree
    # with. It takes nothing away itself; adequacy (at least moderate for one source) carries the concern.
    "kan-ikke-vurderes": Concern("Kan ikke vurderes", 0),
}
# The levels of concern, in order from none to serious (not `kan-ikke-vurderes`, which is no level).
CONCERN_LEVELS = ("ingen", "små", "moderate", "alvorlige")
UNJUDGED = "kan-ikke-vurderes"


def allowed_concerns(component: str) -> tuple[str, ...]:
    """The values `bekymring` may have in `component` (the theme schema says the same)."""
    return (*CONCERN_LEVELS, UNJUDGED) if component == "samstemmighet" else CONCERN_LEVELS


@dataclass(frozen=True)
class Reading:
    """How a source was read (`lest` in its file): the id, and the sentences readers see."""

    id: str
    sentence: str  # on the source page, under «Grunnlag for teksten»
    counted: str  # on the about page: «har vi lest {counted} av 40»


# From most to least read. Methodological limitations can only be judged from a full text, and a
# title alone supports no finding: the check (generator/check/check_confidence.py) holds ratings to this.
READINGS = {
    "fulltekst": Reading("fulltekst", "Vi har lest hele teksten.", "hele teksten"),
    "sammendrag": Reading("sammendrag", "Vi har lest sammendraget.", "sammendraget"),
    "forlagsomtale": Reading(
        "forlagsomtale",
        "Vi har lest en omtale av verket fra forlag, bibliotek eller institutt, ikke selve teksten.",
        "bare en omtale fra forlag, bibliotek eller institutt",
    ),
    "tittel": Reading("tittel", "Vi kjenner bare tittelen og opplysningene om utgivelsen.", "bare tittelen"),
}

# Words that hedge a claim, as Cochrane's plain-language summaries do for low certainty ("kan",
# "tyder på", "vi vet ikke"); a finding rated lav or svært lav says one of them. Matched as whole words.
HEDGES = ("kan", "kanskje", "tyder på", "vi vet ikke", "trolig", "muligens", "mulig", "usikkert")


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
