"""Render stage helper: accessible bar charts as HTML tables with inline SVG bars, drawn at build time.

The chart is the table: each row has its label (a link where there is a page to go to), its
number as text and a bar. Only the bar is a drawing, hidden from screen readers, and it
stretches with the column it sits in, so the chart fits any screen while its text keeps the
page's size. The bar takes its colour from CSS variables, so it follows light and dark mode.
"""

from __future__ import annotations

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
