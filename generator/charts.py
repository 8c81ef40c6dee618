"""Render stage helper: accessible bar charts as inline SVG, drawn at build time.

Inline SVG takes the site's palette through CSS variables, so it follows light and dark
mode. Each chart has a title and a description for screen readers, and the page shows
the same numbers as a table.
"""

from __future__ import annotations

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
    return Markup(
        f'<figure class="diagram" id="{chart_id}" tabindex="0">'
        f'<svg role="img" aria-labelledby="{chart_id}-tittel {chart_id}-beskrivelse" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-tittel">{escape(title)}</title>'
        f'<desc id="{chart_id}-beskrivelse">{escape(description)}</desc>'
        + "".join(rows)
        + f"</svg><figcaption>{escape(title)}. {escape(description)}</figcaption></figure>"
    )
