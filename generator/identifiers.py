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
