"""The fast BibTeX scanner must read every file it accepts exactly as pybtex does, and leave the rest to pybtex."""

from __future__ import annotations

import random
from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser

from bench.corpus import write_corpus
from generator.load.bibliography import scan_plain_entries
from tests.conftest import EVIDENCE_BASE

VALUES = [
    "{Plain}",
    '{With {nested {braces}} and "quotes"}',
    '"Quoted {with \\"braces\\"} text"',
    "{Multi\n   line   value}",
    "{Sørensen, Eva and Torfing, Jacob}",
    "{{Trondheim kommune} and von der Leyen, Jr, Ursula}",
    "2019",
    "  {Spaces}  ",
    "{A @ sign}",
    "{Parenthesis ) inside}",
    '""',
    "{}",
    "{\\'e\\o{}}",
]
ODD = ["jan", "{unclosed", '"bad } quote"', "{a} # {b}", "12ab", "@", ""]  # macros, errors, concatenation
NAMES = ["title", "author", "editor", "year", "Journal", "note", "title", "x-y"]
BETWEEN = ["\n", "\n\n", "  ", "% a comment\n", "Some free text\n", "Mail me at a@b.no\n", "@comment{skip}\n"]
TYPES = ["article", "Book", "incollection", "misc"]


def random_bib(rng: random.Random) -> str:
    parts = []
    for index in range(rng.randrange(1, 6)):
        parts.append(rng.choice(BETWEEN) if rng.random() < 0.3 else "\n")
        if rng.random() < 0.05:
            parts.append('@string{me = "Meg"}\n')
        brace = rng.random() < 0.85
        fields = []
        for _ in range(rng.randrange(0, 5)):
            value = rng.choice(ODD) if rng.random() < 0.04 else rng.choice(VALUES)
            spacing = rng.choice(["", " ", "\n  "])
            fields.append(f"{rng.choice(NAMES)}{spacing}={rng.choice(['', ' '])}{value}")
        separator = rng.choice([",", ",\n  ", " , "]) if rng.random() > 0.02 else " "
        body = separator.join([f"key{rng.randrange(4)}{index}", *fields]) + rng.choice(["", ",", "\n"])
        parts.append(f"@{rng.choice(TYPES)}{'{' if brace else '('}{body}{'}' if brace else ')'}")
    text = "".join(parts)
    if rng.random() < 0.05:
        text = text[: rng.randrange(len(text))]  # cut off
    return text


def _read(text: str, scanned: bool) -> tuple[BibliographyData, list[str]]:
    parser = Parser()
    with pybtex.errors.capture() as captured:
        if scanned:
            entries = scan_plain_entries(text)
            assert entries is not None
            for entry_type, key, fields in entries:
                parser.process_entry(entry_type, key, fields)
            data = parser.data
        else:
            data = parser.parse_string(text)
    return data, [str(error) for error in captured]


def _same(text: str) -> None:
    fast, fast_errors = _read(text, scanned=True)
    slow, slow_errors = _read(text, scanned=False)
    assert fast_errors == slow_errors, text
    assert list(fast.entries) == list(slow.entries), text
    for key, entry in slow.entries.items():
        other = fast.entries[key]
        assert (other.original_type, other.type) == (entry.original_type, entry.type), text
        assert list(other.fields.items()) == list(entry.fields.items()), text
        assert {role: [str(person) for person in people] for role, people in other.persons.items()} == {
            role: [str(person) for person in people] for role, people in entry.persons.items()
        }, text


@pytest.mark.parametrize("seed", range(3))
def test_what_the_scanner_accepts_pybtex_reads_the_same(seed: int) -> None:
    rng = random.Random(seed)
    accepted = declined = 0
    for _ in range(1500):
        text = random_bib(rng)
        if scan_plain_entries(text) is None:
            declined += 1
            continue
        accepted += 1
        _same(text)
    assert accepted > 500 and declined > 100  # both paths are really exercised


def test_braces_nested_as_deep_as_pybtex_allows_are_read() -> None:
    _same("@book{a, title = {" + "{" * 100 + "}" * 100 + "}}")


def test_the_shipped_and_benchmark_files_take_the_fast_path(tmp_path: Path) -> None:
    write_corpus(300, tmp_path)
    for path in (EVIDENCE_BASE / "samverdi.bib", tmp_path / "literature" / "samverdi.bib"):
        text = path.read_text("utf-8")
        assert scan_plain_entries(text) is not None, path
        _same(text)


@pytest.mark.parametrize(
    "text",
    [
        '@string{me = "Meg"}\n@book{a, title = {T}}',
        "@book{a, title = {T} # {U}}",
        "@book{a, month = jan}",
        "@book{a, title = {T}",
        "@book{a, title = {T} year = 2020}",
        '@book{a, title = "T } U"}',
        '@book{a, title = "T }, note = {U}}',
        "@book{a, title = {T})",
        "@book(a, title = {T}}",
        "@book{a, title = {" + "{" * 101 + "}" * 101 + "}}",  # deeper than pybtex allows
        "@preamble{x}",
        "contact: me@example.org\n@book{a, title = {T}}",
    ],
)
def test_anything_unusual_is_left_to_pybtex(text: str) -> None:
    assert scan_plain_entries(text) is None
