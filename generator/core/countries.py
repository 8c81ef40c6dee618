"""Core helper: which ISO 3166-1 country a researcher meant by what they wrote (`Norway`, `UK`, `Tyskland`, `de`).

The codes and their English and Norwegian (bokmål) names come from pycountry, which follows the
Debian iso-codes data; the few everyday names ISO does not carry (`UK`, `England`, `Holland`) are
listed here. Loaded on the first question only: the check of the vocabulary asks for the codes
(`iso_codes`), the names are loaded only when a source's country is wrong.
"""

from __future__ import annotations

import difflib
import functools
import gettext
import re
from dataclasses import dataclass

# Names people use for a country that are neither its ISO name nor one of its codes.
_ALIASES = {
    "GB": ("UK", "England", "Great Britain", "Britain", "Scotland", "Wales", "Northern Ireland", "Skottland"),
    "US": ("America", "Amerika"),
    "NL": ("Holland",),
}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    norwegian: str  # its bokmål name in iso-codes' translation


@dataclass(frozen=True)
class Region:
    norwegian: str
    members: tuple[str, ...]  # its countries' codes; empty where they are too many to list (EU, Europa)


# Regions written where a country belongs; a source lists the countries its data come from. The only table of them.
_REGIONS = (
    (
        Region("Norden", ("NO", "SE", "DK", "FI", "IS")),
        ("Nordic countries", "Nordics", "Nordic", "de nordiske landene"),
    ),
    (Region("Skandinavia", ("NO", "SE", "DK")), ("Scandinavia",)),
    (Region("EU", ()), ("European Union", "Den europeiske union")),
    (Region("Europa", ()), ("Europe",)),
)
# Places with no ISO 3166-1 code, by their bokmål name: XK is a code some use for Kosovo, but ISO has not given it.
_WITHOUT_CODE = {"Kosovo": ("Kosovo", "XK")}
# Between two countries in one value: `Norway, Sweden`, `Norway; Sweden`, `Norway and Sweden`, `Norge og Sverige`.
_BETWEEN = re.compile(r"[,;/&+]|\band\b|\bog\b", re.IGNORECASE)  # no `\s*`: linear in any run of spaces


def spelling(written: str) -> str:
    """How a country's name is compared: case, full stops, a leading 'the' and extra spaces do not count."""
    folded = re.sub(r"\s+", " ", written.replace(".", " ").casefold()).strip()
    return re.sub(r"^the ", "", folded).replace(" ", "")


@functools.cache
def iso_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code: what the vocabulary may list (without the names, which cost 3× as much)."""
    import pycountry  # noqa: PLC0415 -- 40 ms at import (importlib.metadata): paid only when a country is checked

    return frozenset(str(entry.alpha_2) for entry in pycountry.countries)


@functools.cache
def _world() -> tuple[dict[str, Country], dict[str, str]]:
    """(code -> country, spelling -> code) for every country in ISO 3166-1."""
    import pycountry  # noqa: PLC0415 -- as above

    norwegian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nb_NO"], fallback=True).gettext
    countries: dict[str, Country] = {}
    codes: dict[str, str] = {}
    for entry in pycountry.countries:
        code = str(entry.alpha_2)
        names = [
            str(getattr(entry, field)) for field in ("name", "common_name", "official_name") if hasattr(entry, field)
        ]
        # A common name (`Taiwan`) reads better than the formal one (`Taiwan, Province of China`).
        countries[code] = Country(code, norwegian(str(getattr(entry, "common_name", entry.name))))
        for written in (
            code,
            str(entry.alpha_3),
            *names,
            *(norwegian(name) for name in names),
            *_ALIASES.get(code, ()),
        ):
            codes.setdefault(spelling(written), code)
    return countries, codes


def country(written: str) -> Country | None:
    """The country `written` names exactly (any case, with or without dots), by code, ISO name or alias."""
    countries, codes = _world()
    code = codes.get(spelling(written))
    return countries[code] if code else None


@functools.lru_cache(maxsize=1024)  # a flood of one misspelling is looked up once
def close_country(written: str, cutoff: float = 0.85) -> Country | None:
    """The country whose name `written` is a misspelling of (`Germny`), when one is close enough.
    Only names with the same first letter are compared: misspellings keep it, and 1,200 names would
    make each unknown value cost as much as the rest of a source's check."""
    countries, codes = _world()
    key = spelling(written)
    same_start = [name for name in codes if name[:1] == key[:1]]
    close = difflib.get_close_matches(key, same_start, n=1, cutoff=cutoff)
    return countries[codes[close[0]]] if close else None


def region(written: str) -> Region | None:
    """The region `written` names (`Skandinavia`, `Nordic countries`, `EU`), any case."""
    key = spelling(written)
    return next((found for found, names in _REGIONS if key in {spelling(n) for n in (found.norwegian, *names)}), None)


def without_code(written: str) -> str | None:
    """The bokmål name of the place `written` names when ISO 3166-1 gives it no code (`Kosovo`, `XK`)."""
    key = spelling(written)
    return next((name for name, names in _WITHOUT_CODE.items() if key in {spelling(n) for n in names}), None)


def codes_in(written: str) -> list[str]:
    """The codes of the countries one value names (`Norway and Sweden` -> NO, SE; `Skandinavia` -> NO, SE, DK),
    each once and in order; a part that names no country stays as written. A name with `and` in it
    (`Bosnia and Herzegovina`) is one country."""
    parts = (
        [written.strip()] if country(written) else [part.strip() for part in _BETWEEN.split(written) if part.strip()]
    )
    codes: list[str] = []
    for part in parts:
        found, area = country(part), region(part)
        for code in (found.code,) if found else area.members if area and area.members else (part,):
            if code not in codes:
                codes.append(code)
    return codes


def norwegian_name(code: str) -> str:
    """The bokmål name of the country with ISO code `code` (`IS` -> Island); the code itself if ISO has none."""
    found = _world()[0].get(code)
    return found.norwegian if found else code
