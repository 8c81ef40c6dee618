"""The one pattern for identifiers: BibTeX keys, theme ids, vocabulary ids and glossary ids.

An identifier becomes a file name, a URL path and an HTML id, so it is kept to what is the
same on every file system and in every browser: lowercase ASCII letters and digits, with
single hyphens between them, at most `MAX_LENGTH` characters. Case and Unicode look-alikes
(Cyrillic «а», NFD «å») cannot make two identifiers that a file system or a reader would
confuse, because neither can occur. Country codes are ISO 3166-1 alpha-2 (`NO`, `DK`), the
only other kind of id, and never become paths.
"""

from __future__ import annotations

import re
import unicodedata

from generator.layout import reserved_names

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
    (`generator.layout.reserved_names`), None when it is free: an id named so would take that
    page's place, or lose its own, and no check would notice. `kind` makes the suggestion."""
    places = reserved_names().get(text)
    if not places:
        return None
    shown = ", ".join(places[:3]) + (" …" if len(places) > 3 else "")
    return (
        f"{what} '{text}' er et navn nettstedet bruker selv ({shown}), så siden for den ville tatt plassen "
        f"til en annen eller blitt borte; gi den et annet navn, for eksempel '{text}-{kind}'"
    )
