"""What exporters write that APA does not: HTML entities (Crossref), ` : ` before a subtitle
(Oria, Citavi), report series, journal names in capitals, lower case or abbreviated. Entries are
synthetic except Osborne (2006), a real article in Public Management Review (ISSN 1471-9037)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core import apa
from generator.core.diagnostics import Diagnostics
from generator.core.latex import html_entities_decoded
from generator.load.bibliography import parse_bibtex
from generator.load.normalise import ABBREVIATED, journal_title_case, normalise
from generator.model.build import entry_bibtex
from generator.pipeline import check
from tests.conftest import ANSELL


def references(bibtex: str) -> list[str]:
    entries = normalise(parse_bibtex(textwrap.dedent(bibtex), "literature/eksport.bib", Diagnostics())).entries
    return [apa.format_reference(item.entry, apa.entry_year(item.entry)) for item in entries]


OSBORNE = "Osborne, S. P. (2006). The new public governance? <em>Public Management Review</em>, <em>8</em>(3), 377–387."


@pytest.mark.parametrize(
    ("value", "decoded"),
    [
        ("Public Money &amp; Management", "Public Money \\& Management"),
        ("Public Money \\&amp; Management", "Public Money \\& Management"),
        ("&amp;amp;", "\\&amp;"),  # once: the text `&amp;`, not `&`
        ("50&#37; &#x2013; &lt;b&gt;", "50\\% – <b>"),
        ("&#123;x&#125; &unknown; R&D", "&#123;x&#125; &unknown; R&D"),  # LaTeX markup and non-entities stay
        ("a&#8238;b", "a\u202eb"),
    ],
)
def test_html_entities_are_decoded_once(value: str, decoded: str) -> None:
    assert html_entities_decoded(value) == decoded


def test_crossref_entities_and_library_colon_in_the_reference() -> None:
    (got,) = references(
        """
        @article{syntetisk2020,
          author = {Nordmann, Ola}, title = {Tillit i kommunene : en syntetisk studie},
          journal = {Public Money &amp; Management}, year = {2020}, volume = {40}, number = {1}, pages = {1--9}
        }
        """
    )
    assert got == (
        "Nordmann, O. (2020). Tillit i kommunene: En syntetisk studie. <em>Public Money &#38; Management</em>, "
        "<em>40</em>(1), 1–9."
    )


def test_an_entity_made_control_is_refused_as_a_raw_one(project: Callable[..., Path]) -> None:
    def found(journal: str) -> list[tuple[int, str, str]]:
        bib = ANSELL.replace("{Journal of Public Administration Research and Theory}", journal)
        return [(item.line, item.code, item.message) for item in check(project(bib=bib))[0]]

    assert found("{Journal of&#8238; Public Administration}") == [
        (
            2,
            "invisible-character",
            "feltet journal i ansell2008collaborative har et usynlig formateringstegn (U+202E RIGHT-TO-LEFT "
            "OVERRIDE), som kan snu, skjule eller dele tekst uten at det synes; slett det, eller "
            "koden som lager det (LaTeX-kommandoen \\- og HTML-koden &#173; er myke bindestreker)",
        )
    ]


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ("series = {NIBR-rapport}, number = {2020:1}", "(NIBR-rapport 2020:1)"),
        ("series = {Fafo-notat}, number = {2022:10}, type = {Notat}", "(Fafo-notat 2022:10)"),
        ("number = {2/2011}", "(Rapport 2/2011)"),
    ],
)
def test_a_report_is_numbered_in_its_series(fields: str, label: str) -> None:
    (got,) = references(
        f"@techreport{{syntetisk2020, author = {{Nordmann, Ola}}, title = {{Eksempelrapport}}, "
        f"institution = {{Eksempelinstituttet}}, year = {{2020}}, {fields}}}"
    )
    assert got == f"Nordmann, O. (2020). <em>Eksempelrapport</em> {label}. Eksempelinstituttet."


@pytest.mark.parametrize(
    ("journal", "language", "cased"),
    [
        ("PUBLIC MANAGEMENT REVIEW", "", "Public Management Review"),  # Web of Science
        ("Public administration", "", "Public Administration"),  # Google Scholar
        ("public policy and administration", "", "Public Policy and Administration"),
        ("OECD journal on budgeting", "", "OECD Journal on Budgeting"),
        ("ADMINISTRATION \\& SOCIETY", "", "Administration \\& Society"),
        (
            "Journal of Public Administration Research and Theory",
            "",
            "Journal of Public Administration Research and Theory",
        ),
        ("Tidsskrift for samfunnsforskning", "", "Tidsskrift for samfunnsforskning"),  # Scandinavian: sentence case
        ("NORSK STATSVITENSKAPELIG TIDSSKRIFT", "", "Norsk statsvitenskapelig tidsskrift"),
        ("Politica", "danish", "Politica"),
    ],
)
def test_journal_names_in_title_case(journal: str, language: str, cased: str) -> None:
    assert journal_title_case(journal, language) == cased


def test_web_of_science_capitals_in_the_reference() -> None:
    (got,) = references(
        """
        @article{osborne2006new, author = {Osborne, Stephen P.}, title = {The New Public Governance?},
          journal = {PUBLIC MANAGEMENT REVIEW}, year = {2006}, volume = {8}, number = {3}, pages = {377--387}}
        """
    )
    assert got == OSBORNE


def test_an_abbreviated_journal_gets_the_full_name_of_the_same_issn() -> None:
    got = references(
        """
        @article{osborne2006new, author = {Osborne, Stephen P.}, title = {The New Public Governance?},
          journal = {Public Manag. Rev.}, issn = {1471-9045, 1471-9037},
          year = {2006}, volume = {8}, number = {3}, pages = {377--387}}
        @article{syntetisk2020, author = {Nordmann, Ola}, title = {Eksempel},
          journal = {Public management review}, issn = {14719037}, year = {2020}, volume = {22}, number = {1}}
        """
    )
    assert got == [OSBORNE, "Nordmann, O. (2020). Eksempel. <em>Public Management Review</em>, <em>22</em>(1)."]


def test_an_abbreviated_journal_without_a_full_name_is_a_warning(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace("{Journal of Public Administration Research and Theory}", "{J. Public Adm. Res. Theory}")
    assert [(item.line, item.code, item.message) for item in check(project(bib=bib))[0]] == [
        (
            2,
            "bib-journal-abbrev",
            "tidsskriftet 'J. Public Adm. Res. Theory' i ansell2008collaborative er forkortet; APA vil ha hele "
            "navnet, så skriv det slik tidsskriftet selv skriver det (journal = {Public Management Review})",
        )
    ]


@pytest.mark.parametrize(
    ("journal", "abbreviated"),
    [
        ("Public Manag. Rev.", True),
        ("J. Public Adm. Res. Theory", True),
        ("Public Administration Review.", False),  # a stray full stop, not a cut word
        ("Public Money & Management", False),
    ],
)
def test_what_counts_as_abbreviated(journal: str, abbreviated: bool) -> None:
    assert bool(ABBREVIATED.search(journal)) is abbreviated


def test_the_bibtex_download_has_the_decoded_and_cased_journal() -> None:
    bib = (
        "@article{syntetisk2020, author = {Nordmann, Ola}, title = {Tillit i kommunene : en studie},"
        " journal = {PUBLIC MONEY &amp; MANAGEMENT}, year = {2020}}"
    )
    (item,) = normalise(parse_bibtex(bib, "literature/eksport.bib", Diagnostics())).entries
    assert entry_bibtex(item.key, item.entry) == (
        "@article{syntetisk2020,\n"
        '    author = "Nordmann, Ola",\n'
        '    title = "Tillit i kommunene: en studie",\n'
        '    journal = "Public Money \\& Management",\n'
        '    year = "2020"\n'
        "}\n"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Tillit i kommunene : en studie", "Tillit i kommunene: En studie."),
        ("Hva nå? : en studie", "Hva nå?: En studie."),
        ("Forholdstallet 2 : 1", "Forholdstallet 2 : 1."),  # a ratio, not a subtitle
    ],
)
def test_the_catalogue_colon_before_a_subtitle(title: str, expected: str) -> None:
    (got,) = references(f"@book{{syntetisk2020, author = {{Nordmann, Ola}}, title = {{{title}}}, year = {{2020}}}}")
    assert got == f"Nordmann, O. (2020). <em>{expected[:-1]}</em>."
