"""Theme pages: a key finding's confidence as marks and a word, and a theme's findings counted by
confidence.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.core import layout, markup
from generator.model.build import Model, Term, Theme
from generator.render.links import relative_link

CONFIDENCE_METHOD = f"{layout.THEMES_INDEX}#slik-vurderer-vi-tiltro"


_FILLED, _EMPTY = "●", "○"


def confidence_marks(levels: Mapping[str, Term], level: str) -> str:
    """`●●●○`: as many filled marks as the level is high (the vocabulary lists the levels highest
    first), so that it reads without colour; hidden from screen readers, which hear the word."""
    order = list(levels)
    filled = len(order) - order.index(level)
    marks = _FILLED * filled + _EMPTY * (len(order) - filled)
    return f'<span class="tiltro__merker" aria-hidden="true">{marks}</span>'


def confidence_scale(page: str, levels: Mapping[str, Term], level: str) -> str:
    """`Tiltro: ●●●○ moderat`, the word linked to how confidence is judged."""
    label = markup.literal(levels[level].label.lower())
    return (
        f'<span class="tiltro tiltro--{level}">Tiltro: {confidence_marks(levels, level)} '
        f"[{label}]({relative_link(page, CONFIDENCE_METHOD)})</span>"  # Markdown, so that MkDocs checks and rewrites the link
    )


def confidence_summary(theme: Theme, model: Model) -> str:
    """`2 moderat, 3 lav`: how many of the theme's key findings have each confidence, highest first."""
    counts = [
        (sum(1 for finding in theme.key_findings if finding.confidence.id == level), term.label.lower())
        for level, term in model.vocabulary.confidence.items()
    ]
    return ", ".join(f"{count} {label}" for count, label in counts if count) or "ingen hovedfunn ennå"
