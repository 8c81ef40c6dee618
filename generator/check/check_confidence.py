"""Check stage helper: the confidence in each key finding is held to what was read of its sources.

Takes the source files (their `lest`), the theme files (their `hovedfunn`) and summary.yaml (which
findings are key messages) and reports to `Diagnostics`; returns nothing. The rules (DESIGN.md,
«Confidence follows what was read»; CONTRIBUTING.md, «Slik vurderes tiltro»):

- a title alone supports nothing: a finding whose sources are all `lest: tittel` is an error;
- methodological limitations cannot be judged without a full text: a method concern below
  `moderate` needs at least one supporting source read in `fulltekst` (an error);
- one source cannot show coherence: a single-source finding has coherence `kan-ikke-vurderes`
  and adequacy at least `moderate`, and only a single-source finding has `kan-ikke-vurderes` (errors);
  a source known by its title alone is not counted, so it cannot lift a finding out of these rules;
- advice to leaders (`ledere`) may not rest on titles alone either (an error);
- one source, one method concern: findings that rest on the same source alone give it the same
  method concern, unless the method explanation cites the source ([@nøkkel]) to say why (a warning);
- a finding rated lav or svært lav hedges its claim (`cerqual.HEDGES`; a warning);
- a claim, and so a key message, above LIX 40 is a warning with its value.

Files with schema errors are skipped where a rule would need the broken value: the schema reports them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.check.lix import LIMIT, lix
from generator.core.cerqual import CONCERN_LEVELS, HEDGES, READINGS, UNJUDGED
from generator.core.citations import cited_keys
from generator.core.diagnostics import Diagnostics
from generator.core.layout import SUMMARY
from generator.load.evidence import SourceFile, ThemeFile
from generator.load.yamlsafe import Path, YamlDocument

_HEDGED = re.compile(r"\b(?:" + "|".join(re.escape(hedge) for hedge in HEDGES) + r")\b", re.IGNORECASE)
_LOW = ("lav", "svaert-lav")
_BELOW_MODERATE = CONCERN_LEVELS[: CONCERN_LEVELS.index("moderate")]


@dataclass(frozen=True)
class _Finding:
    """One key finding, where it stands, and the values the rules look at."""

    path: str
    document: YamlDocument
    at: Path  # ("hovedfunn", index)
    keys: tuple[str, ...]

    @property
    def number(self) -> int:
        return int(self.at[-1]) + 1

    def concern(self, component: str) -> object:
        return self.document.value((*self.at, "vurdering", component, "bekymring"))

    def add(self, diagnostics: Diagnostics, field: Path, code: str, message: str) -> None:
        line, column = self.document.position((*self.at, *field))
        diagnostics.add(self.path, line, column, code, f"hovedfunn {self.number}: {message}")


def check_confidence(
    sources: Iterable[SourceFile],
    themes: Iterable[ThemeFile],
    summary: YamlDocument | None,
    diagnostics: Diagnostics,
) -> None:
    """Report every finding whose confidence says more than what was read of its sources."""
    read = {
        source.key: reading
        for source in sources
        if isinstance(reading := source.document.value(("lest",)), str) and reading in READINGS
    }
    key_messages = _key_messages(summary)
    single: dict[str, list[_Finding]] = {}
    for theme in themes:
        items = theme.front_matter.value(("hovedfunn",))
        for index in range(len(items) if isinstance(items, list) else 0):
            keys = theme.front_matter.value(("hovedfunn", index, "kilder"))
            if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
                continue  # the schema reports it
            finding = _Finding(theme.path, theme.front_matter, ("hovedfunn", index), tuple(dict.fromkeys(keys)))
            _check_wording(finding, (theme.id, index + 1) in key_messages, diagnostics)
            if not finding.keys or any(key not in read for key in finding.keys):
                continue  # an unknown source is reported as such; a source without `lest` by the schema
            counted = _beyond_the_title(finding.keys, read)
            _check_reading(finding, [read[key] for key in finding.keys], counted, diagnostics)
            if len(counted) == 1:
                single.setdefault(counted[0], []).append(finding)
        _check_advice(theme, read, diagnostics)
    for key, findings in single.items():
        _check_same_method_concern(key, findings, diagnostics)


def _key_messages(summary: YamlDocument | None) -> set[tuple[object, object]]:
    """The (theme, number) of each finding summary.yaml makes a key message on the home page."""
    messages = summary.value(("hovedbudskap",)) if summary is not None else None
    return {
        (message.get("tema"), message.get("hovedfunn"))
        for message in (messages if isinstance(messages, list) else [])
        # a list or table where an id or number belongs is the schema's error, and no set member
        if isinstance(message, dict) and all(isinstance(message.get(name), str | int) for name in ("tema", "hovedfunn"))
    }


def _beyond_the_title(keys: Iterable[str], read: dict[str, str]) -> list[str]:
    """The sources that count towards a finding: a title is no evidence, so it adds no coherence or data."""
    return [key for key in keys if read.get(key) != "tittel"]


def _check_advice(theme: ThemeFile, read: dict[str, str], diagnostics: Diagnostics) -> None:
    """Advice to leaders that cites only sources known by their title has nothing to rest on."""
    items = theme.front_matter.value(("ledere",))
    for index in range(len(items) if isinstance(items, list) else 0):
        keys = theme.front_matter.value(("ledere", index, "kilder"))
        if not isinstance(keys, list) or not keys or any(not isinstance(key, str) or key not in read for key in keys):
            continue  # no sources, or one the schema or the source check reports
        if not _beyond_the_title(keys, read):
            line, column = theme.front_matter.position(("ledere", index, "kilder"))
            diagnostics.add(
                theme.path,
                line,
                column,
                "finding-title-only",
                f"rådet til ledere nr. {index + 1}: {_listed(keys)} er bare kjent fra tittelen (lest: tittel), og "
                "en tittel alene er ikke grunnlag for et råd. Vis til en kilde som er lest, eller stryk rådet",
            )


def _check_reading(finding: _Finding, readings: list[str], counted: list[str], diagnostics: Diagnostics) -> None:
    """`readings` are how each of the finding's sources was read; `counted` the sources beyond their title."""
    if all(reading == "tittel" for reading in readings):
        finding.add(
            diagnostics,
            ("kilder",),
            "finding-title-only",
            f"{_listed(finding.keys)} er bare kjent fra tittelen (lest: tittel), og en tittel alene er ikke "
            "grunnlag for et funn. Les minst sammendraget og skriv det i kildens lest:, vis til en kilde som er "
            "lest, eller flytt funnet til «Hull i kunnskapen» i teksten",
        )
    method = finding.concern("metode")
    if method in _BELOW_MODERATE and "fulltekst" not in readings:
        finding.add(
            diagnostics,
            ("vurdering", "metode", "bekymring"),
            "method-without-full-text",
            f"metode har bekymring '{method}', men ingen av kildene er lest i fulltekst; metodiske begrensninger "
            "kan ikke vurderes uten hele teksten. Sett bekymring: moderate (eller alvorlige), eller les en av "
            "kildene og skriv lest: fulltekst i kildens fil",
        )
    coherence, adequacy = finding.concern("samstemmighet"), finding.concern("datamengde")
    titles = tuple(key for key in finding.keys if key not in counted)
    ignored = f" ({_listed(titles)} er bare kjent fra tittelen og teller ikke)" if titles else ""
    if len(counted) == 1:
        if coherence is not None and coherence != UNJUDGED:
            finding.add(
                diagnostics,
                ("vurdering", "samstemmighet", "bekymring"),
                "single-source-coherence",
                f"funnet bygger på én kilde ({counted[0]}){ignored}, og én kilde kan verken være enig eller uenig "
                f"med seg selv; skriv samstemmighet: {{bekymring: {UNJUDGED}, forklaring: Funnet bygger på én kilde.}}",
            )
        if adequacy in _BELOW_MODERATE:
            finding.add(
                diagnostics,
                ("vurdering", "datamengde", "bekymring"),
                "single-source-adequacy",
                f"funnet bygger på én kilde ({counted[0]}){ignored}, men datamengde har bekymring '{adequacy}'; "
                "med én kilde er betenkelighetene om datamengden minst moderate: sett bekymring: moderate "
                "eller alvorlige",
            )
    elif coherence == UNJUDGED and len(counted) > 1:
        finding.add(
            diagnostics,
            ("vurdering", "samstemmighet", "bekymring"),
            "single-source-coherence",
            f"samstemmighet er '{UNJUDGED}', men funnet bygger på {len(counted)} kilder; vurder om de "
            "peker i samme retning, og sett bekymring: ingen, små, moderate eller alvorlige",
        )


def _check_same_method_concern(key: str, findings: list[_Finding], diagnostics: Diagnostics) -> None:
    """Findings that rest on `key` alone give it one method concern; one that cites the key in its
    method explanation has said why it differs, and is left out of the comparison."""
    compared = [
        finding
        for finding in findings
        if not _cites(finding.document.value((*finding.at, "vurdering", "metode", "forklaring")), key)
    ]
    first = next((finding for finding in compared if finding.concern("metode") in CONCERN_LEVELS), None)
    for finding in compared:
        concern = finding.concern("metode")
        if first is None or concern not in CONCERN_LEVELS or concern == first.concern("metode"):
            continue
        finding.add(
            diagnostics,
            ("vurdering", "metode", "bekymring"),
            "method-concern-differs",
            f"metode har bekymring '{concern}' for {key}, men hovedfunn {first.number} i {first.path} bygger også "
            f"bare på {key} og har '{first.concern('metode')}'. Samme kilde har de samme metodiske "
            f"begrensningene: gjør bekymringene like, eller skriv i forklaringen hvorfor de er ulike, med en "
            f"henvisning til kilden ([@{key}])",
        )


def _cites(explanation: object, key: str) -> bool:
    return isinstance(explanation, str) and any(cited == key for cited, _ in cited_keys(explanation))


def _check_wording(finding: _Finding, key_message: bool, diagnostics: Diagnostics) -> None:
    claim = finding.document.value((*finding.at, "påstand"))
    if not isinstance(claim, str):
        return
    confidence = finding.document.value((*finding.at, "tiltro"))
    if confidence in _LOW and not _HEDGED.search(claim):
        finding.add(
            diagnostics,
            ("påstand",),
            "hedge-missing",
            f"tiltroen er '{confidence}', men påstanden sier det rett fram; skriv hva som kan være tilfelle, "
            f"med et av ordene {', '.join(f'«{hedge}»' for hedge in HEDGES)}",
        )
    value = lix(claim)
    if value > LIMIT:
        where = f" Hovedfunnet er et hovedbudskap på forsiden ({SUMMARY})." if key_message else ""
        finding.add(
            diagnostics,
            ("påstand",),
            "lix-high",
            f"påstanden har LIX {value:.1f}".replace(".", ",")
            + f"; grensen er {LIMIT}. Skriv kortere setninger og færre lange ord "
            f"(mer enn 6 bokstaver).{where}",
        )


def _listed(keys: Sequence[str]) -> str:
    return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " og " + keys[-1]
