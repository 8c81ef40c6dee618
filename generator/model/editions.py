"""Editions: a snapshot of what a reader sees, recorded in `literature/utgaver/<versjon>.json`, and
the reader-facing difference between two snapshots (for /endringer/ and for pull requests).

A finding's identity across editions: within a theme, a finding whose claim is unchanged is the
same finding whatever its number (a withdrawn finding renumbers those after it); a changed claim is
paired with the most similar claim left in the theme (reworded), or else with the one of the same
number (rewritten in place); what is left is added or withdrawn.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.core.cerqual import COMPONENTS
from generator.core.diagnostics import MAX_SUMMARY_BYTES, Diagnostics, summary_cell
from generator.core.layout import EDITIONS, SUMMARY
from generator.load.evidence import read_text, regular_files
from generator.load.yamlsafe import YamlDocument
from generator.model.build import Model

FORMAT = 1
_VERSION = re.compile(r"\d{1,6}(\.\d{1,6}){0,3}")
SIMILAR_CLAIM = 0.6  # difflib ratio above which a changed claim is the same finding reworded
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def version_key(version: str) -> tuple[int, ...]:
    """`1.10` after `1.9`: versions compare number by number; `1` and `1.0` are the same."""
    numbers = [int(part) for part in version.split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def snapshot(model: Model, version: str, date: str) -> dict[str, Any]:
    """Everything a reader sees that an edition records, as plain JSON values."""
    by_concern = {}
    for theme in model.themes:
        for finding in theme.key_findings:
            for key, component in zip(COMPONENTS, finding.assessment, strict=False):
                by_concern[(theme.id, finding.number, key)] = component
    data: dict[str, Any] = {
        "format": FORMAT,
        "versjon": version,
        "dato": date,
        "kort_fortalt": list(model.info.in_short),
        "hovedbudskap": [
            {"tema": message.theme_id, "påstand": message.finding.claim} for message in model.info.key_messages
        ],
        "temaer": {
            theme.id: {"tittel": theme.title, "tekst": hashlib.sha256(theme.body.encode()).hexdigest()}
            for theme in model.themes
        },
        "hovedfunn": [
            {
                "tema": theme.id,
                "nummer": finding.number,
                "påstand": finding.claim,
                "tiltro": finding.confidence.label,
                "vurdering": {
                    COMPONENTS[key]: {
                        "bekymring": by_concern[(theme.id, finding.number, key)].concern.label,
                        "forklaring": by_concern[(theme.id, finding.number, key)].explanation,
                    }
                    for key in COMPONENTS
                    if (theme.id, finding.number, key) in by_concern
                },
                "kilder": list(finding.sources),
            }
            for theme in model.themes
            for finding in theme.key_findings
        ],
        "kilder": {
            source.key: {"referanse": Markup(source.reference.html).striptags(), "status": source.status.label}
            for source in model.sources
        },
    }
    data["fingeravtrykk"] = _fingerprint(data)
    return data


def _fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in data.items() if k != "fingeravtrykk"}).encode()).hexdigest()


def canonical(data: object) -> str:
    """The one serialisation: sorted keys, fixed separators, UTF-8 as is, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# Loading: a snapshot is part of the evidence base and checked as strictly as any other file.


@dataclass(frozen=True)
class Edition:
    version: str
    date: str
    data: dict[str, Any]


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_text_map(value: object, keys: set[str]) -> bool:
    return isinstance(value, dict) and set(value) == keys and all(isinstance(item, str) for item in value.values())


def _shape_problem(data: object) -> str | None:
    """What is wrong with a snapshot's shape, in Norwegian; None when it is right."""
    if not isinstance(data, dict):
        return "filen er ikke et JSON-objekt"
    expected = {"format", "versjon", "dato", "kort_fortalt", "hovedbudskap", "temaer", "hovedfunn", "kilder"}
    expected.add("fingeravtrykk")
    if set(data) != expected:
        return f"feltene skal være {', '.join(sorted(expected))}"
    if data["format"] != FORMAT:
        return f"format skal være {FORMAT}"
    if not isinstance(data["versjon"], str) or not _VERSION.fullmatch(data["versjon"]):
        return "versjon skal være tall med punktum mellom, for eksempel 1.2"
    if not isinstance(data["dato"], str) or not _DATE.fullmatch(data["dato"]):
        return "dato skal skrives ÅÅÅÅ-MM-DD"
    if not _is_text_list(data["kort_fortalt"]):
        return "kort_fortalt skal være en liste med tekster"
    if not isinstance(data["hovedbudskap"], list) or not all(
        _is_text_map(item, {"tema", "påstand"}) for item in data["hovedbudskap"]
    ):
        return "hovedbudskap skal være en liste med tema og påstand"
    themes = data["temaer"]
    if not isinstance(themes, dict) or not all(_is_text_map(item, {"tittel", "tekst"}) for item in themes.values()):
        return "temaer skal gi tittel og tekst for hvert tema"
    sources = data["kilder"]
    if not isinstance(sources, dict) or not all(
        _is_text_map(item, {"referanse", "status"}) for item in sources.values()
    ):
        return "kilder skal gi referanse og status for hver kilde"
    for item in data["hovedfunn"] if isinstance(data["hovedfunn"], list) else [None]:
        if not (
            isinstance(item, dict)
            and set(item) == {"tema", "nummer", "påstand", "tiltro", "vurdering", "kilder"}
            and all(isinstance(item[name], str) for name in ("tema", "påstand", "tiltro"))
            and type(item["nummer"]) is int
            and _is_text_list(item["kilder"])
            and isinstance(item["vurdering"], dict)
            and all(_is_text_map(part, {"bekymring", "forklaring"}) for part in item["vurdering"].values())
        ):
            return "hovedfunn skal være en liste med tema, nummer, påstand, tiltro, vurdering og kilder"
    if data["fingeravtrykk"] != _fingerprint(data):
        return "innholdet stemmer ikke med fingeravtrykket: en utgave skal aldri endres for hånd"
    return None


def load_editions(root: Path, diagnostics: Diagnostics) -> tuple[Edition, ...]:
    """The recorded editions, oldest first; each broken one is a located error and left out. Read as
    every file in literature/ is (generator/load/evidence.py): no links, a size cap, the character gate."""
    editions = []
    for shown in regular_files(root, EDITIONS, "", diagnostics):
        name = shown.rsplit("/", 1)[1]
        version = name.removesuffix(".json")
        if name.startswith("."):
            continue
        if not name.endswith(".json") or not _VERSION.fullmatch(version):
            diagnostics.add(
                shown,
                1,
                1,
                "edition-invalid",
                "bare utgaver hører hjemme her, med navn som 1.0.json; lag dem med make utgave V=…",
            )
            continue
        text = read_text(root, shown, diagnostics)
        if text is None:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            diagnostics.add(
                shown,
                error.lineno,
                error.colno,
                "edition-invalid",
                f"er ikke gyldig JSON ({error.msg}); en utgave skal aldri endres for hånd",
            )
            continue
        problem = _shape_problem(data)
        if problem is None and data["versjon"] != version:
            problem = f"versjon i filen ({data['versjon']}) er ikke den i filnavnet ({version})"
        if problem is None and text != canonical(data):
            problem = "filen er ikke skrevet slik make utgave skriver den: en utgave skal aldri endres for hånd"
        if problem is not None:
            diagnostics.add(shown, 1, 1, "edition-invalid", problem)
            continue
        editions.append(Edition(version, data["dato"], data))
    editions.sort(key=lambda edition: version_key(edition.version))
    for earlier, later in itertools.pairwise(editions):
        if version_key(earlier.version) == version_key(later.version):
            diagnostics.add(
                f"{EDITIONS}/{later.version}.json",
                1,
                1,
                "edition-invalid",
                f"er samme utgave som {earlier.version}; fjern den ene",
            )
        elif later.date < earlier.date:
            diagnostics.add(
                f"{EDITIONS}/{later.version}.json",
                1,
                1,
                "edition-invalid",
                f"har dato {later.date}, før utgave {earlier.version} ({earlier.date})",
            )
    return tuple(editions)


def check_version(summary: YamlDocument | None, editions: tuple[Edition, ...], diagnostics: Diagnostics) -> None:
    """`versjon` in summary.yaml may run ahead of the last edition, never behind it."""
    version = summary.value(("versjon",)) if summary is not None and editions else None
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        return  # the schema reports a version of the wrong form
    last = editions[-1].version
    if version_key(version) < version_key(last):
        line, column = summary.position(("versjon",)) if summary is not None else (1, 1)
        diagnostics.add(
            SUMMARY,
            line,
            column,
            "edition-version",
            f'versjon er {version}, men siste utgave er {last}; skriv versjon: "{last}" (make utgave setter den selv)',
        )


# The difference between two snapshots.


@dataclass(frozen=True)
class Finding:
    theme: str
    number: int
    claim: str
    confidence: str
    assessment: dict[str, tuple[str, str]]  # component label -> (concern, explanation)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ConfidenceChange:
    before: Finding
    after: Finding
    components: tuple[tuple[str, str, str], ...]  # (component, concern before, concern after)


@dataclass(frozen=True)
class Changes:
    added: tuple[Finding, ...] = ()
    withdrawn: tuple[Finding, ...] = ()
    reworded: tuple[tuple[Finding, Finding], ...] = ()
    confidence: tuple[ConfidenceChange, ...] = ()
    sources_added: tuple[tuple[str, str], ...] = ()  # (key, reference)
    sources_removed: tuple[tuple[str, str], ...] = ()
    statuses: tuple[tuple[str, str, str, str], ...] = ()  # (key, reference, before, after)
    key_messages: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (before, after) claims
    in_short: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    themes: tuple[str, ...] = ()  # titles of the themes whose text or title changed, or that are new
    theme_titles: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(
            (
                self.added,
                self.withdrawn,
                self.reworded,
                self.confidence,
                self.sources_added,
                self.sources_removed,
                self.statuses,
                self.key_messages,
                self.in_short,
                self.themes,
            )
        )

    @property
    def changed_findings(self) -> frozenset[tuple[str, int]]:
        """(theme, number) of the findings on the newer side that a reader sees changed."""
        found = {(f.theme, f.number) for f in self.added}
        found |= {(after.theme, after.number) for _, after in self.reworded}
        found |= {(change.after.theme, change.after.number) for change in self.confidence}
        return frozenset(found)


def _findings(data: dict[str, Any]) -> list[Finding]:
    return [
        Finding(
            item["tema"],
            item["nummer"],
            item["påstand"],
            item["tiltro"],
            {label: (part["bekymring"], part["forklaring"]) for label, part in item["vurdering"].items()},
            tuple(item["kilder"]),
        )
        for item in data["hovedfunn"]
    ]


def match_findings(before: list[Finding], after: list[Finding]) -> list[tuple[Finding | None, Finding | None]]:
    """Pairs (before, after) within a theme: the same claim; then the most similar claim (reworded);
    then the same number (rewritten in place). A finding on one side only is added or withdrawn."""
    pairs: list[tuple[Finding | None, Finding | None]] = []
    left = list(before)
    unmatched = []
    for finding in after:
        same = next((old for old in left if old.theme == finding.theme and old.claim == finding.claim), None)
        if same is None:
            unmatched.append(finding)
        else:
            left.remove(same)
            pairs.append((same, finding))
    for finding in unmatched:
        scored = [
            (difflib.SequenceMatcher(None, old.claim, finding.claim).ratio(), old)
            for old in left
            if old.theme == finding.theme
        ]
        similar = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        same = similar[1] if similar[0] >= SIMILAR_CLAIM else None
        same = same or next((old for old in left if old.theme == finding.theme and old.number == finding.number), None)
        if same is not None:
            left.remove(same)
        pairs.append((same, finding))
    pairs += [(old, None) for old in left]
    return pairs


def diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """What changed for readers from snapshot `before` to snapshot `after`."""
    added, withdrawn, reworded, confidence = [], [], [], []
    for old, new in match_findings(_findings(before), _findings(after)):
        if old is None and new is not None:
            added.append(new)
        elif new is None and old is not None:
            withdrawn.append(old)
        elif old is not None and new is not None:
            if old.claim != new.claim:
                reworded.append((old, new))
            if old.confidence != new.confidence or old.assessment != new.assessment:
                parts = tuple(
                    (label, old.assessment.get(label, ("–", ""))[0], new.assessment.get(label, ("–", ""))[0])
                    for label in dict.fromkeys([*old.assessment, *new.assessment])
                    if old.assessment.get(label) != new.assessment.get(label)
                )
                if old.confidence != new.confidence or parts:
                    confidence.append(ConfidenceChange(old, new, parts))
    old_sources, new_sources = before["kilder"], after["kilder"]
    old_themes, new_themes = before["temaer"], after["temaer"]
    claims = (
        tuple(item["påstand"] for item in before["hovedbudskap"]),
        tuple(item["påstand"] for item in after["hovedbudskap"]),
    )
    in_short = (tuple(before["kort_fortalt"]), tuple(after["kort_fortalt"]))
    titles = {theme_id: theme["tittel"] for theme_id, theme in (old_themes | new_themes).items()}
    return Changes(
        added=tuple(added),
        withdrawn=tuple(withdrawn),
        reworded=tuple(reworded),
        confidence=tuple(confidence),
        sources_added=tuple((k, v["referanse"]) for k, v in sorted(new_sources.items()) if k not in old_sources),
        sources_removed=tuple((k, v["referanse"]) for k, v in sorted(old_sources.items()) if k not in new_sources),
        statuses=tuple(
            (k, v["referanse"], old_sources[k]["status"], v["status"])
            for k, v in sorted(new_sources.items())
            if k in old_sources and old_sources[k]["status"] != v["status"]
        ),
        key_messages=claims if claims[0] != claims[1] else None,
        in_short=in_short if in_short[0] != in_short[1] else None,
        themes=tuple(theme_id for theme_id, theme in new_themes.items() if old_themes.get(theme_id) != theme),
        theme_titles=titles,
    )


@dataclass(frozen=True)
class EditionChanges:
    """One edition on /endringer/: what changed since the one before (everything, for the first)."""

    version: str
    date: str
    changes: Changes
    first: bool

    @property
    def anchor(self) -> str:
        return anchor(self.version)


def history(editions: tuple[Edition, ...]) -> tuple[EditionChanges, ...]:
    """Each edition with what changed since the one before, newest first."""
    found = []
    previous: dict[str, Any] | None = None
    for edition in editions:
        empty: dict[str, Any] = {"kort_fortalt": [], "hovedbudskap": [], "temaer": {}, "hovedfunn": [], "kilder": {}}
        found.append(
            EditionChanges(edition.version, edition.date, diff(previous or empty, edition.data), previous is None)
        )
        previous = edition.data
    return tuple(reversed(found))


def last_changed(editions: tuple[Edition, ...]) -> EditionChanges | None:
    """The newest edition in which a reader can see a change."""
    return next((item for item in history(editions) if item.changes), None)


def changed_in(editions: tuple[Edition, ...]) -> dict[tuple[str, int], str]:
    """(theme, number) of each finding in the newest edition -> the edition it last changed in
    (not the first edition, which is where everything starts)."""
    marks: dict[tuple[str, int], str] = {}
    if len(editions) < 2:
        return marks
    # Follow each finding of the newest edition back through the editions to its last change.
    current = {(f.theme, f.number): (f.theme, f.number) for f in _findings(editions[-1].data)}
    for index in range(len(editions) - 1, 0, -1):
        before, after = editions[index - 1].data, editions[index].data
        changes = diff(before, after)
        back: dict[tuple[str, int], tuple[str, int]] = {}
        for old, new in match_findings(_findings(before), _findings(after)):
            if old is not None and new is not None:
                back[(new.theme, new.number)] = (old.theme, old.number)
        for newest, here in list(current.items()):
            if here in changes.changed_findings:
                marks[newest] = editions[index].version
                del current[newest]
            elif here in back:
                current[newest] = back[here]
            else:
                del current[newest]
    return marks


def state_since(editions: tuple[Edition, ...], now: dict[str, Any]) -> Changes | None:
    """What changed since the last edition in the evidence base as it is now (`now`); None without an edition."""
    if not editions:
        return None
    return diff(editions[-1].data, now)


def changes_markdown(changes: Changes) -> str:
    """The difference for a GitHub job summary, under «Dette endrer for leserne»; every value escaped."""
    lines = ["## Dette endrer for leserne", ""]
    if not changes:
        return "\n".join([*lines, "Ingen endringer som leserne ser.", ""])

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"### {title}", "", *(f"- {item}" for item in items), ""])

    def finding(item: Finding) -> str:
        title = changes.theme_titles.get(item.theme, item.theme)
        return f"{summary_cell(title)}, hovedfunn {item.number}: {summary_cell(item.claim)}"

    section("Nye hovedfunn", [finding(item) for item in changes.added])
    section("Trukket tilbake", [finding(item) for item in changes.withdrawn])
    section(
        "Omformulert",
        [f"{finding(after)} (før: {summary_cell(before.claim)})" for before, after in changes.reworded],
    )
    section(
        "Endret tiltro",
        [
            f"{finding(change.after)}: {summary_cell(change.before.confidence)} → {summary_cell(change.after.confidence)}"
            + "".join(
                f"; {summary_cell(label)}: {summary_cell(old)} → {summary_cell(new)}"
                for label, old, new in change.components
            )
            for change in changes.confidence
        ],
    )
    section("Nye kilder", [summary_cell(reference) for _, reference in changes.sources_added])
    section("Fjernede kilder", [summary_cell(reference) for _, reference in changes.sources_removed])
    section(
        "Kilder med ny status",
        [
            f"{summary_cell(reference)} Status: {summary_cell(old.lower())} → {summary_cell(new.lower())}."
            for _, reference, old, new in changes.statuses
        ],
    )
    if changes.key_messages:
        section("Nye hovedbudskap", [summary_cell(claim) for claim in changes.key_messages[1]])
    if changes.in_short:
        section("Ny «Kort fortalt»", [summary_cell(text) for text in changes.in_short[1]])
    section("Temaer med endret tekst", [summary_cell(changes.theme_titles[theme]) for theme in changes.themes])
    return _capped(lines)


def _capped(lines: list[str]) -> str:
    """The lines, cut before GitHub's limit for a job summary; what is left out is counted."""
    size = 0
    for index, line in enumerate(lines):
        size += len(line.encode()) + 1
        if size > MAX_SUMMARY_BYTES:
            left = sum(1 for rest in lines[index:] if rest.startswith("- "))
            return "\n".join([*lines[:index], "", f"… og {left} punkter til, som ikke får plass her."]) + "\n"
    return "\n".join(lines)


def anchor(version: str) -> str:
    """The edition's section on /endringer/: `utgave-1-0`."""
    return "utgave-" + version.replace(".", "-")


def current_marks(editions: tuple[Edition, ...], now: dict[str, Any]) -> dict[str, dict[int, str]]:
    """Theme id -> finding number -> the edition the finding last changed in, for the theme pages
    (`now`: the snapshot of the evidence base as it is)."""
    marks = changed_in(editions)
    found: dict[str, dict[int, str]] = {}
    if not marks:
        return found
    for old, new in match_findings(_findings(editions[-1].data), _findings(now)):
        if old is not None and new is not None and (old.theme, old.number) in marks:
            found.setdefault(new.theme, {})[new.number] = marks[(old.theme, old.number)]
    return found
