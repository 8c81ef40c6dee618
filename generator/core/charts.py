"""Shared by the check stage (the PRISMA flow) and the render stage: accessible bar charts (HTML
tables with inline SVG bars) and flow diagrams (inline SVG), drawn at build time.

The chart is the table: each row has its label (a link where there is a page to go to), its
number as text and a bar. Only the bar is a drawing, hidden from screen readers, and it
stretches with the column it sits in, so the chart fits any screen while its text keeps the
page's size. The bar takes its colour from CSS variables, so it follows light and dark mode.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# The bar's drawing is 100 units wide and stretched to its column (preserveAspectRatio="none").
_SCALE = 100


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""  # a relative URL, or "" for a label without a page


def bar_length(value: int, largest: int) -> str:
    """The bar's length in units of _SCALE, one decimal, relative to the largest value."""
    return f"{_SCALE * value / (largest or 1):.1f}".removesuffix(".0")


def bar_chart(chart_id: str, title: str, description: str, column: str, bars: list[Bar]) -> Markup:
    """A horizontal bar chart as a table: `column` heads the labels, "Kilder" the numbers."""
    largest = max((bar.value for bar in bars), default=0)
    rows = []
    for bar in bars:
        label = escape(bar.label)
        if bar.href:
            label = f'<a href="{escape(bar.href, quote=True)}">{label}</a>'
        rows.append(
            f'<tr><th scope="row">{label}</th><td class="stolpediagram__tall">{bar.value}</td>'
            f'<td class="stolpediagram__stolpe"><svg aria-hidden="true" focusable="false" '
            f'viewBox="0 0 {_SCALE} 10" preserveAspectRatio="none">'
            f'<rect width="{bar_length(bar.value, largest)}" height="10"/></svg></td></tr>'
        )
    return Markup(
        f'<figure class="diagram" id="{chart_id}">'
        f'<table class="stolpediagram" aria-describedby="{chart_id}-beskrivelse">'
        f"<caption>{escape(title)}</caption>"
        f'<thead><tr><th scope="col">{escape(column)}</th><th scope="col">Kilder</th>'
        f'<td class="stolpediagram__stolpe"></td></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<figcaption id="{chart_id}-beskrivelse">{escape(description)}</figcaption></figure>'
    )


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
