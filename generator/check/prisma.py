"""Validate and render helper: summary.yaml's `screening` counts as a PRISMA 2020 flow.

`check(document, diagnostics)` (validate stage) reports counts given only in part and steps that
do not add up, each at the count that is off, with the sum it expected. `screening(data)` (model)
reads the counts into a `Screening`, or None when none are given. `flow(screening)` (render)
draws the flow as an accessible inline SVG (generator/core/charts.py) and `rows(screening)` gives the
same numbers for the table beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.core.charts import FlowStep, flow_chart
from generator.core.diagnostics import Diagnostics
from generator.core.layout import SUMMARY
from generator.load.yamlsafe import YamlDocument

FIELDS = (
    "identifisert",
    "duplikater_fjernet",
    "screenet",
    "ekskludert_screening",
    "fulltekst_vurdert",
    "ekskludert_fulltekst",
    "inkludert",
)
_NB = "\u00a0"  # "(n = 350)" is not wrapped inside: textwrap breaks only at ASCII white space


@dataclass(frozen=True)
class Screening:
    identified: tuple[tuple[str, int], ...]  # (source type, count)
    duplicates_removed: int
    screened: int
    excluded_screening: int
    full_text_assessed: int
    excluded_full_text: tuple[tuple[str, int], ...]  # (reason, count)
    included: int


def _total(value: object) -> int:
    return sum(value.values()) if isinstance(value, dict) else int(value)  # type: ignore[call-overload]


# Each step's count is the one before minus what left the flow there: (count, from, minus).
_SUMS = (
    ("screenet", "identifisert", "duplikater_fjernet"),
    ("fulltekst_vurdert", "screenet", "ekskludert_screening"),
    ("inkludert", "fulltekst_vurdert", "ekskludert_fulltekst"),
)


def check(document: YamlDocument, diagnostics: Diagnostics) -> None:
    """All counts or none, and each step the one before minus what left; run after the schema check."""
    data = document.data.get("screening") if isinstance(document.data, dict) else None
    if not isinstance(data, dict):
        return
    given = [name for name in FIELDS if data.get(name) is not None]
    if not given:
        return
    missing = [name for name in FIELDS if name not in given]
    if missing:
        line, column = document.position(("screening",))
        diagnostics.add(
            SUMMARY,
            line,
            column,
            "screening-incomplete",
            f"screening har tall for {', '.join(given)}, men ikke for {', '.join(missing)}; "
            "fyll inn alle tallene for utvelgelsen, eller la alle stå som null",
        )
        return
    for name, before, left in _SUMS:
        expected = _total(data[before]) - _total(data[left])
        if _total(data[name]) != expected:
            line, column = document.position(("screening", name))
            diagnostics.add(
                SUMMARY,
                line,
                column,
                "screening-sum",
                f"tallene går ikke opp: {name} er {_total(data[name])}, men {before} ({_total(data[before])}) "
                f"minus {left} ({_total(data[left])}) er {expected}; rett ett av tallene",
            )
            return  # one wrong count breaks the next step's sum too: report where the flow first goes wrong


def screening(data: Mapping[str, object] | None) -> Screening | None:
    """The counts from checked evidence, or None when the screening has no counts yet."""
    if not data or any(data.get(name) is None for name in FIELDS):
        return None

    def named(name: str) -> tuple[tuple[str, int], ...]:
        value = data[name]
        assert isinstance(value, dict)
        return tuple((str(label), int(count)) for label, count in value.items())

    def count(name: str) -> int:
        value = data[name]
        assert isinstance(value, int)
        return value

    return Screening(
        identified=named("identifisert"),
        duplicates_removed=count("duplikater_fjernet"),
        screened=count("screenet"),
        excluded_screening=count("ekskludert_screening"),
        full_text_assessed=count("fulltekst_vurdert"),
        excluded_full_text=named("ekskludert_fulltekst"),
        included=count("inkludert"),
    )


def rows(counts: Screening) -> tuple[tuple[str, int], ...]:
    """(step, count) in the order of the flow, for the table that gives the diagram's numbers in text."""
    return (
        *((f"Identifisert: {label}", count) for label, count in counts.identified),
        ("Fjernet som dubletter", counts.duplicates_removed),
        ("Screenet på tittel og sammendrag", counts.screened),
        ("Ekskludert ved screening", counts.excluded_screening),
        ("Vurdert i fulltekst", counts.full_text_assessed),
        *((f"Ekskludert etter fulltekst: {reason}", count) for reason, count in counts.excluded_full_text),
        ("Inkludert", counts.included),
    )


def flow(counts: Screening) -> Markup:
    """The PRISMA 2020 flow as an inline SVG figure."""
    steps = (
        FlowStep(
            ("Identifisert:", *(f"{label} (n{_NB}={_NB}{count})" for label, count in counts.identified)),
            ("Fjernet før screening:", f"dubletter (n{_NB}={_NB}{counts.duplicates_removed})"),
        ),
        FlowStep(
            (f"Screenet på tittel og sammendrag (n{_NB}={_NB}{counts.screened})",),
            (f"Ekskludert (n{_NB}={_NB}{counts.excluded_screening})",),
        ),
        FlowStep(
            (f"Vurdert i fulltekst (n{_NB}={_NB}{counts.full_text_assessed})",),
            (
                "Ekskludert, med grunn:",
                *(f"{reason} (n{_NB}={_NB}{count})" for reason, count in counts.excluded_full_text),
            ),
        ),
        FlowStep((f"Inkludert i oppsummeringen (n{_NB}={_NB}{counts.included})",)),
    )
    return flow_chart(
        "flytdiagram",
        "Flytdiagram for søk og utvelgelse (PRISMA 2020)",
        f"Fra {sum(count for _, count in counts.identified)} identifiserte verk til {counts.included} inkludert. "
        "Tabellen under diagrammet gir de samme tallene.",
        steps,
    )
