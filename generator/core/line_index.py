"""Shared helper: where an offset in a text stands, as a line and column.

Counting the line breaks before each problem again is quadratic in a text with thousands of
problems; the index finds the breaks once and each offset by binary search.
"""

from __future__ import annotations

import bisect
import re

_NEWLINE = re.compile("\n")


class LineIndex:
    """1-based lines and line starts of offsets in one text; the breaks are found at the first question."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines: list[int] | None = None  # most texts have no problem, and are never asked

    def _breaks(self) -> list[int]:
        if self._newlines is None:
            self._newlines = [match.start() for match in _NEWLINE.finditer(self._text)]
        return self._newlines

    def line(self, offset: int) -> int:
        """The line `offset` is on: 1 + the line breaks before it."""
        return bisect.bisect_left(self._breaks(), offset) + 1

    def line_start(self, offset: int) -> int:
        """Where the line `offset` is on starts (0 on the first line)."""
        breaks = self._breaks()
        index = bisect.bisect_left(breaks, offset)
        return breaks[index - 1] + 1 if index else 0

    def offset(self, line: int) -> int:
        """Where 1-based `line` starts (the text's end for a line past it)."""
        breaks = self._breaks()
        if line <= 1:
            return 0
        return breaks[line - 2] + 1 if line - 2 < len(breaks) else len(self._text)
