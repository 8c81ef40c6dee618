"""Norwegian sort keys: letters and digits kept (every Unicode one), Æ Ø Å after Z, the rest ignored."""

from __future__ import annotations

import sys

from generator.core.collation import _IGNORED, collation_key


def test_the_filter_keeps_exactly_letters_digits_spaces_and_the_stand_ins() -> None:
    every_character = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    expected = "".join(char for char in every_character if char.isalnum() or char in " {|}")
    assert _IGNORED.sub("", every_character) == expected


def test_norwegian_order_and_folding() -> None:
    words = ["Åse", "Øystein", "Zakariassen", "Ærlig", "Aas", "Émile", "Ødegård", "Ãnne"]
    assert sorted(words, key=collation_key) == [
        "Aas",
        "Ãnne",
        "Émile",
        "Zakariassen",
        "Ærlig",
        "Ødegård",
        "Øystein",
        "Åse",
    ]
    assert collation_key("«Samskaping» – en innføring!") == "samskaping  en innføring".translate({ord("ø"): "|"})
