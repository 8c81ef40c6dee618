"""The reader-facing difference between two edition snapshots (generator/model/editions.py), for
/endringer/, the marks on theme pages and the pull request's summary.

A finding's identity across editions: within a theme, a finding whose claim is unchanged is the
same finding whatever its number (a withdrawn finding renumbers those after it); a changed claim is
paired with the most similar claim left in the theme (reworded), or else with the one of the same
number (rewritten in place); what is left is added or withdrawn.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from generator.core.diagnostics import MAX_SUMMARY_BYTES, summary_cell
from generator.model.editions import Edition

SIMILAR_CLAIM = 0.6  # difflib ratio above which a changed claim is the same finding reworded


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
