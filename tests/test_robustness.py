"""No input, however broken, makes the check raise: mutate valid files at random and check each result."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.pipeline import check
from tests.conftest import ANSELL, SOURCE, THEME, write_project

_FRAGMENTS = [
    "{",
    "}",
    "[",
    "]",
    ":",
    "\t",
    "\n",
    "---",
    "@",
    ",",
    "'",
    '"',
    "\\",
    "&",
    "%",
    "!!",
    "- ",
    "\x00",
    "ø",
    "#",
]


def mutate(text: str, rng: random.Random) -> str:
    characters = list(text)
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(len(characters) + 1)
        action = rng.random()
        if action < 0.4 and characters:
            del characters[min(position, len(characters) - 1)]
        elif action < 0.8:
            characters.insert(position, rng.choice(_FRAGMENTS))
        else:
            characters[position:position] = list(text[rng.randrange(len(text)) :][:10])
    return "".join(characters)


@pytest.mark.parametrize("seed", range(60))
def test_random_damage_never_raises(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = write_project(
        tmp_path,
        bib=mutate(ANSELL, rng),
        sources={"ansell2008collaborative": mutate(SOURCE, rng)},
        themes={"tillit": mutate(THEME, rng)},
    )
    diagnostics, _ = check(root)  # must not raise
    for item in diagnostics:
        assert item.line >= 1 and item.column >= 1
        assert item.message
