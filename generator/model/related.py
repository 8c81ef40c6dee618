"""Model stage helper: related sources, found through shared features in near-linear time.

Each source has features (theme, design, theme+design, country, level, sector, keyword).
An inverted index maps each feature to the sources that have it; a source's candidates are
read from the postings of its own features, at most `POSTING_CAP` per feature, so the work
grows with sources × features, never with all pairs. Rare features weigh more (idf).
"""

from __future__ import annotations

import heapq
import math
import operator
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

POSTING_CAP = 64
RELATED_COUNT = 5


@dataclass(frozen=True)
class Features:
    """What one source can share with others, as (kind, value) pairs; `labels` names them for readers."""

    key: str
    values: frozenset[tuple[str, str]]


# Reason prefixes, in the order reasons are shown.
REASON_LABELS = {
    "tema": "samme tema",
    "design": "samme design",
    "land": "samme land",
    "nivå": "samme nivå",
    "sektor": "samme sektor",
    "nøkkelord": "felles nøkkelord",
}
_HIDDEN_KINDS = {"tema+design"}  # used for finding candidates, not shown as a reason


def related_sources(
    sources: Sequence[Features], labels: Mapping[tuple[str, str], str], count: int = RELATED_COUNT
) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """For each source key, up to `count` (key, reasons) pairs, best first; ties in input order."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, source in enumerate(sources):
        for feature in source.values:
            postings[feature].append(index)
    total = len(sources)
    weight = {feature: math.log((1 + total) / len(members)) for feature, members in postings.items()}

    candidates = {feature: members[: POSTING_CAP + 1] for feature, members in postings.items()}

    result: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for index, source in enumerate(sources):
        scores: dict[int, float] = {}
        # Rare features first: their short postings hold the closest matches.
        for feature in sorted(source.values, key=lambda feature: (len(postings[feature]), feature)):
            feature_weight = weight[feature]
            for other in candidates[feature]:
                scores[other] = scores.get(other, 0.0) + feature_weight
        scores.pop(index, None)
        # (-score, index) pairs made and compared in C: best first, ties in input order.
        best = heapq.nsmallest(count, zip(map(operator.neg, scores.values()), scores.keys(), strict=True))
        result[source.key] = [
            (sources[other].key, _reasons(source.values & sources[other].values, labels))
            for negative_score, other in best
            if negative_score < 0
        ]
    return result


def _reasons(shared: frozenset[tuple[str, str]], labels: Mapping[tuple[str, str], str]) -> tuple[str, ...]:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, value in sorted(shared):
        if kind not in _HIDDEN_KINDS:
            by_kind[kind].append(labels.get((kind, value), value))
    return tuple(f"{REASON_LABELS[kind]}: {', '.join(by_kind[kind])}" for kind in REASON_LABELS if by_kind.get(kind))
