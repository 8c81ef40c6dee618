"""Core helper: dates as Norwegian text writes them (29. november 2026), for pages and for messages."""

from __future__ import annotations

import re

_MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def norwegian_date(iso: str) -> str:
    """`2026-11-29` -> `29. november 2026`, as Norwegian text writes dates; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(iso))
    if not match or not 1 <= int(match[2]) <= 12:
        return str(iso)
    return f"{int(match[3])}. {_MONTHS[int(match[2]) - 1]} {match[1]}"
