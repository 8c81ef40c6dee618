"""Render stage helper: accessible bar charts and flow diagrams as inline SVG, drawn at build time.

Inline SVG takes the site's palette through CSS variables, so it follows light and dark
mode. Each chart has a title and a description for screen readers, and the page shows
the same numbers as a table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_ROW = 26
_LABEL_WIDTH = 260
_BAR_WIDTH = 300
_WIDTH = _LABEL_WIDTH + _BAR_WIDTH + 50


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> Markup:
    """A horizontal bar chart; bar lengths are relative to the largest value."""
    largest = max((bar.value for bar in bars), default=0) or 1
    height = _ROW * len(bars) + 10
    rows = []
    for index, bar in enumerate(bars):
        y = index * _ROW + 5
        length = round(_BAR_WIDTH * bar.value / largest)
        rows.append(
            f'<text class="diagram-etikett" x="{_LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect class="diagram-stolpe" x="{_LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{_ROW - 8}"/>'
            f'<text class="diagram-tall" x="{_LABEL_WIDTH + length + 6}" y="{y + 17}">{bar.value}</text>'
        )
    return _figure(chart_id, title, description, _WIDTH, height, "".join(rows))


def _figure(chart_id: str, title: str, description: str, width: int, height: int, body: str) -> Markup:
    """The SVG in a focusable figure, named by its title and description, with the caption in text."""
    return Markup(
        f'<figure class="diagram" id="{chart_id}" tabindex="0">'
        f'<svg role="img" aria-labelledby="{chart_id}-tittel {chart_id}-beskrivelse" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-tittel">{escape(title)}</title>'
        f'<desc id="{chart_id}-beskrivelse">{escape(description)}</desc>'
        + body
        + f"</svg><figcaption>{escape(title)}. {escape(description)}</figcaption></figure>"
    )


@dataclass(frozen=True)
class FlowStep:
    """One step of a flow diagram: the box in the main column and, beside it, what left the flow there."""

    main: tuple[str, ...]
    side: tuple[str, ...] = ()


_BOX_WIDTH = 290
_SIDE_X = _BOX_WIDTH + 50
_LINE = 18
_PAD = 10
_GAP = 34
_WRAP = 38  # characters per line at 13px in a box this wide


def _box(x: int, y: int, height: int, lines: Sequence[str]) -> str:
    texts = "".join(
        f'<text class="diagram-etikett" x="{x + _PAD}" y="{y + _PAD + 13 + index * _LINE}">{escape(line)}</text>'
        for index, line in enumerate(lines)
    )
    return f'<rect x="{x}" y="{y}" width="{_BOX_WIDTH}" height="{height}" fill="none" stroke="currentColor"/>{texts}'


def _arrow(x1: int, y1: int, x2: int, y2: int) -> str:
    """A line with a head at (x2, y2); down or to the right."""
    if x1 == x2:
        head = f"{x2 - 5},{y2 - 8} {x2 + 5},{y2 - 8} {x2},{y2}"
    else:
        head = f"{x2 - 8},{y2 - 5} {x2 - 8},{y2 + 5} {x2},{y2}"
    return (
        f'<path d="M{x1} {y1} L{x2} {y2}" stroke="currentColor" fill="none"/>'
        f'<polygon points="{head}" fill="currentColor"/>'
    )


def flow_chart(chart_id: str, title: str, description: str, steps: Sequence[FlowStep]) -> Markup:
    """A top-down flow (PRISMA 2020): boxes in one column, each with what left beside it.

    Lines drawn in `currentColor`, text in the page's text colour, so it follows dark mode;
    long lines are wrapped, since SVG text does not wrap by itself."""
    parts = []
    y = 5
    for index, step in enumerate(steps):
        main = [wrapped for line in step.main for wrapped in textwrap.wrap(line, _WRAP)]
        side = [wrapped for line in step.side for wrapped in textwrap.wrap(line, _WRAP)]
        height = max(len(main), len(side)) * _LINE + 2 * _PAD - 4
        parts.append(_box(5, y, height, main))
        if side:
            parts.append(_box(_SIDE_X, y, height, side))
            parts.append(_arrow(5 + _BOX_WIDTH, y + height // 2, _SIDE_X, y + height // 2))
        y += height
        if index < len(steps) - 1:
            parts.append(_arrow(5 + _BOX_WIDTH // 2, y, 5 + _BOX_WIDTH // 2, y + _GAP))
            y += _GAP
    return _figure(chart_id, title, description, _SIDE_X + _BOX_WIDTH + 5, y + 5, "".join(parts))
