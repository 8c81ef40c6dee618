"""Sort keys for the Norwegian alphabet: A–Z, then Æ, Ø, Å; other accents fold to their base letter."""

from __future__ import annotations

import re
import unicodedata

# After 'z' in code point order: '{' < '|' < '}' keep Æ < Ø < Å.
_NORWEGIAN_LETTERS = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"})
# Everything but letters, digits (`\w` is exactly `str.isalnum` plus "_"), spaces and the three stand-ins.
_IGNORED = re.compile(r"[^\w {|}]|_")


def collation_key(text: str) -> str:
    """A key that sorts `text` as a Norwegian library would, ignoring case and punctuation."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_NORWEGIAN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return _IGNORED.sub("", decomposed).strip()
