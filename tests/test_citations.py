"""Pandoc citation syntax, found in text and rendered as linked APA in-text citations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.citations import citation_slips, find_citations
from generator.pipeline import build
from tests.conftest import ANSELL, SOURCE

BIB = (
    ANSELL
    + """
@article{torfing2019transforming,
  author = {Torfing, Jacob and S{\\o}rensen, Eva and R{\\o}iseland, Asbj{\\o}rn},
  title = {Transforming the Public Sector Into an Arena for Co-Creation},
  journal = {Administration \\& Society}, year = {2019}, volume = {51}, number = {5}, pages = {795--825},
  language = {english}
}
"""
)


def test_email_addresses_and_code_are_not_citations() -> None:
    assert find_citations("skriv til post@kommune.no eller `@kode`") == []


def test_markdown_links_are_not_citations() -> None:
    (citation,) = find_citations("[tekst](http://x.no) og [@a]")
    assert [work.key for work in citation.works] == ["a"]


def test_trailing_punctuation_is_not_part_of_the_key() -> None:
    (citation,) = find_citations("Dette viser @ansell2008collaborative.")
    assert citation.works[0].key == "ansell2008collaborative"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[@ansell2008collaborative]", "([Ansell &#38; Gash, 2008](../kilder/ansell2008collaborative.md))"),
        (
            "[@torfing2019transforming; @ansell2008collaborative]",
            "([Ansell &#38; Gash, 2008](../kilder/ansell2008collaborative.md); "
            "[Torfing et al., 2019](../kilder/torfing2019transforming.md))",
        ),
        (
            "[@ansell2008collaborative, s. 12-14]",
            "([Ansell &#38; Gash, 2008](../kilder/ansell2008collaborative.md), s. 12–14)",
        ),
        ("[se @ansell2008collaborative]", "(se [Ansell &#38; Gash, 2008](../kilder/ansell2008collaborative.md))"),
        ("@ansell2008collaborative viser", "[Ansell og Gash (2008)](../kilder/ansell2008collaborative.md) viser"),
        (
            "@torfing2019transforming [s. 33] viser",
            "[Torfing et al. (2019, s. 33)](../kilder/torfing2019transforming.md) viser",
        ),
        ("[-@ansell2008collaborative]", "([2008](../kilder/ansell2008collaborative.md))"),
    ],
)
def test_in_text_forms_on_a_theme_page(project: Callable[..., Path], markdown: str, expected: str) -> None:
    theme = f"---\ntittel: Tillit\nrekkefølge: 1\nkort: Om tillit.\nstatus: utkast\n---\n{markdown}\n"
    root = project(
        bib=BIB,
        sources={"ansell2008collaborative": SOURCE, "torfing2019transforming": SOURCE},
        themes={"tillit": theme},
    )
    result = build(root)
    assert result.report is not None, [str(item) for item in result.diagnostics]
    page = (root / "docs/tema/tillit.md").read_text("utf-8")
    assert expected in page


def test_citations_in_source_texts_link_from_the_source_folder(project: Callable[..., Path]) -> None:
    source = SOURCE.replace("Et kort sammendrag.", "Bygger på [@torfing2019transforming].")
    root = project(bib=BIB, sources={"ansell2008collaborative": source, "torfing2019transforming": SOURCE})
    build(root)
    page = (root / "docs/kilder/ansell2008collaborative.md").read_text("utf-8")
    assert "Bygger på ([Torfing et al., 2019](torfing2019transforming.md))." in page


@pytest.mark.parametrize(
    ("text", "written", "fix"),
    [
        (
            r"Som \citep{ansell2008, torfing2019} viser.",
            r"\citep{ansell2008, torfing2019}",
            "[@ansell2008; @torfing2019]",
        ),
        (r"Se \textcite[s. 4]{ansell2008}.", r"\textcite[s. 4]{ansell2008}", "@ansell2008"),
        (r"Se \parencite{ansell2008}.", r"\parencite{ansell2008}", "[@ansell2008]"),
        ("Dette viser @ ansell2008 tydelig.", "@ ansell2008", "@ansell2008"),
        ("Flere studier [@ansell2008, @torfing2019].", "[@ansell2008, @torfing2019]", "[@ansell2008; @torfing2019]"),
        (
            "Flere studier (se @ansell2008; @torfing2019).",
            "(se @ansell2008; @torfing2019)",
            "[se @ansell2008; @torfing2019]",
        ),
    ],
)
def test_citations_in_another_syntax_are_slips_with_their_fix(text: str, written: str, fix: str) -> None:
    (slip,) = citation_slips(text, frozenset({"ansell2008", "torfing2019"}))
    assert (text[slip.offset :].startswith(written), slip.written, slip.fix) == (True, written, fix)


@pytest.mark.parametrize(
    "text",
    [
        "Skriv til kari@ntnu.no (eller ola@uio.no).",
        "Møtet er @ 5 i kveld.",
        "Gode kilder [@ansell2008, s. 12; @torfing2019].",
        "Kode: `\\cite{x}` og `(@ansell2008)`.",
        "Ansell og Gash [-@ansell2008] og @torfing2019.",
    ],
)
def test_right_citations_and_ordinary_text_are_not_slips(text: str) -> None:
    assert citation_slips(text, frozenset({"ansell2008", "torfing2019"})) == []
