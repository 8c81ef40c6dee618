"""Word-by-word LaTeX decoding must give exactly what latexcodec gives for the whole field."""

from __future__ import annotations

import codecs
import random

import latexcodec  # noqa: F401 - registers the "ulatex" codec
import pytest

from generator.core.latex import decode_latex, latex_to_plain

# Pieces that interact across spaces in latexcodec: accents, control words, math, comments, runs of space.
FRAGMENTS = [
    *(r"\o", r"{\o}", r"\o{}", r"\"o", r"\"{o}", r"\aa", r"{\AA}", r"\ae", r"\'e", r"\v{c}", r"\'{\i}", r"\ss"),
    *(r"\`", r"\'", r"\^", r"\~", r"\=", r"\.", r"\"", r"\u", r"\H", r"\\", r"\ ", "\\", r"\,", r"\&", r"\%"),
    *(r"\textit", r"\emph{x y}", r"\dots", "$x$", "--", "---", "~", "{", "}", "``", "''", "`", "'", "?`", "!`"),
    *(
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "Oslo",
        "og",
        "it's",
        "a",
        "B",
        "e",
        "i",
        "ø",
        "é",
        "1",
        ",",
        ".",
        ":",
        "(",
        "&",
    ),
]


def random_fields(seed: int, count: int) -> list[str]:
    chooser = random.Random(seed)
    return ["".join(chooser.choice(FRAGMENTS) for _ in range(chooser.randint(1, 12))) for _ in range(count)]


def latexcodec_or_error(value: str) -> str:
    try:
        return codecs.decode(value, "ulatex")
    except Exception as error:  # noqa: BLE001 - both ways must fail alike
        return f"error: {type(error).__name__}"


@pytest.mark.parametrize("seed", range(4))
def test_matches_latexcodec_on_random_fields(seed: int) -> None:
    for value in random_fields(seed, 5000):
        try:
            ours = decode_latex(value)
        except Exception as error:  # noqa: BLE001
            ours = f"error: {type(error).__name__}"
        assert ours == latexcodec_or_error(value), value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (r"Tr{\o}ndelag og {Oslo} -- erfaringer", "Trøndelag og Oslo – erfaringer"),
        (r"\` i", "ì"),  # an accent takes the next letter across the space
        (r"\o x", "øx"),  # the space after a control word belongs to it
        (r"{\o}  x", "ø x"),  # runs of space become one
    ],
)
def test_cases_that_cross_spaces(value: str, expected: str) -> None:
    assert latex_to_plain(value) == expected
