"""Core helper: dates as Norwegian text writes them (29. november 2026), for pages and for messages,
and the ISO dates a date written another way (04.12.2026, 4/12/2026, 12.2026, with a time) can mean."""

from __future__ import annotations

import datetime
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
    """`2026-11-29` -> `29. november 2026` (and `2026-11` -> `november 2026`), as Norwegian text writes
    dates; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(iso))
    if not match or not 1 <= int(match[2]) <= 12:
        return str(iso)
    month = f"{_MONTHS[int(match[2]) - 1]} {match[1]}"
    return f"{int(match[3])}. {month}" if match[3] else month


# A date as Norwegians write it (04.12.2026: day first), as American exports may (4/12/2026: either
# way round), with a two-digit year (04.12.26), or year first with other separators (2026.12.04).
_DAY_FIRST = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})[./-]([0-9]{4}|[0-9]{2})")
_YEAR_FIRST = re.compile(r"([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})")


def _candidates(text: str) -> list[tuple[int, int, int]]:
    """(year, month, day) in the order to offer them, before the calendar is asked: day first, then (for a
    slash) month first; a two-digit year in this century, then the last."""
    day_first, year_first = _DAY_FIRST.fullmatch(text), _YEAR_FIRST.fullmatch(text)
    if year_first:
        return [(int(year_first[1]), int(year_first[2]), int(year_first[3]))]
    if not day_first:
        return []
    first, separator, second, year = day_first.groups()
    years = [int(year)] if len(year) == 4 else [2000 + int(year), 1900 + int(year)]
    orders = [(int(first), int(second))] + ([(int(second), int(first))] if separator == "/" else [])
    return [(full, month_, day_) for full in years for day_, month_ in orders]


def _day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def date_readings(written: str) -> tuple[datetime.date, ...]:
    """The calendar days `written` can mean, in the order to offer them: `04.12.2026` -> 4 December;
    `4/12/2026` -> 4 December or 12 April; `04.12.26` -> 2026 or 1926; none for what is no day."""
    readings = (_day(*candidate) for candidate in _candidates(written.strip()))
    return tuple(dict.fromkeys(reading for reading in readings if reading is not None))


# A timestamp (EndNote, CSL): the time is no part of a reference. A month and year (12.2026, 2026.12).
_TIMESTAMP = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9:]{2,5})?"
)
_MONTH_YEAR = re.compile(r"([0-9]{1,2})[./-]([0-9]{4})|([0-9]{4})[./]([0-9]{1,2})")


def iso_dates(written: str) -> tuple[str, ...]:
    """The ISO days or months `written` can mean, in the order to offer them: the readings of
    `date_readings`; `2026-12-04T10:00:00` -> 2026-12-04; `12.2026` -> 2026-12; none for what is no date."""
    text = written.strip()
    stamp = _TIMESTAMP.fullmatch(text)
    text = stamp.group(1) if stamp else text
    days = date_readings(text)
    if days or stamp:
        return tuple(day.isoformat() for day in days)
    month = _MONTH_YEAR.fullmatch(text)
    if not month:
        return ()
    number, year = (month[1], month[2]) if month[1] else (month[4], month[3])
    return (f"{year}-{int(number):02d}",) if 1 <= int(number) <= 12 else ()


def missing_day(written: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date whose month exists but whose day does not (2026-02-31, 31.02.2026:
    `31. februar 2026` finnes ikke); None for a day that exists and for what is no date."""
    text = written.strip()
    day_first = _DAY_FIRST.fullmatch(text)
    if day_first and len(day_first[4]) != 4:
        return None  # 31.02.26: the century is a question of its own
    # The first reading (day first): a later one has a day over 28 as its month, so it is never a month.
    for year, month, day in _candidates(text)[:1]:
        if 1 <= month <= 12 and _day(year, month, day) is None:
            return year, month, day
    return None


def written_year(written: str) -> str | None:
    """The four-digit year of a date written another way, when every reading agrees on it (not for 04.12.26)."""
    years = {iso[:4] for iso in iso_dates(written)}
    return years.pop() if len(years) == 1 else None
