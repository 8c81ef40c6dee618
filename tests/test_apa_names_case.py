"""Issue 27's general rules for names and case, on exports written as each tool writes them
(tests/fixtures/exports/*-names-case.bib, synthetic works): sentence case only for a title in Title
Case, APA initials for every given name, year letters only for identical author lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Person
from pybtex.richtext import Text

from generator.core import apa
from generator.core.diagnostics import Diagnostics
from generator.core.latex import latex_to_text
from generator.load.bibliography import parse_bibtex
from generator.load.normalise import normalise
from generator.pipeline import check
from tests.conftest import SOURCE, THEME

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def cited(export: str) -> dict[str, tuple[apa.Citation, str]]:
    """Each entry's citation and reference, as the model makes them from this export alone."""
    diagnostics = Diagnostics()
    text = (EXPORTS / export).read_text("utf-8")
    entries = {
        item.key: item.entry for item in normalise(parse_bibtex(text, "literature/eksport.bib", diagnostics)).entries
    }
    assert [str(item) for item in diagnostics] == []
    names = apa.person_names(entries.values())
    citations = apa.citations(entries, {key: apa.sort_key(entry) for key, entry in entries.items()})
    return {
        key: (citations[key], apa.format_reference(entry, citations[key].year_label, None, names))
        for key, entry in entries.items()
    }


def references(export: str) -> dict[str, str]:
    return {key: reference for key, (_, reference) in cited(export).items()}


def doi(suffix: str) -> str:
    return f'<a class="adresse" href="https://doi.org/10.5555/{suffix}">https://doi.org/10.5555/{suffix}</a>'


# --- 1. Sentence case only for a title in Title Case ------------------------------------------


def test_scopus_keeps_a_sentence_case_title_and_lowers_title_case_but_places_and_acronyms() -> None:
    assert references("scopus-names-case.bib") == {
        "Nordahl2023101": "Nordahl, K. A. &#38; Testesen, L. C. (2023b). Trust-based management in eight European "
        "countries: Evidence from Oslo and Copenhagen. <em>Journal of Synthetic Governance</em>, <em>12</em>(3), "
        f"101–120. {doi('jsg.2023.0101')}",
        "Nordahl2023201": "Nordahl, K. A. &#38; Testesen, L. C. (2023a). Municipal reform in Norway and Denmark: What "
        "the NAV offices learned. <em>Journal of Synthetic Governance</em>, <em>12</em>(4), 201–219. "
        f"{doi('jsg.2023.0201')}",
    }


def test_citavi_keeps_elinor_ostrom_and_a_name_from_the_base_author_list() -> None:
    assert references("citavi-names-case.bib") == {
        "Eksempelsen.2022": "Eksempelsen, O. &#38; Prøvesen, S. I. (2022). Polycentric governance: The work of Elinor "
        "Ostrom in Norwegian municipalities. <em>Tidsskrift for syntetisk forvaltning</em>, <em>7</em>(1), 45–67. "
        f"{doi('tsf.2022.0045')}",
        # `Ostrom` keeps its capital because Ostrom (2021) is in the same bibliography.
        "Eksempelsen.2022b": "Eksempelsen, O. (2022). Governing the commons in Trondheim: Lessons from Ostrom for "
        "Nordic local government. <em>Tidsskrift for syntetisk forvaltning</em>, <em>7</em>(2), 1–19. "
        f"{doi('tsf.2022.0101')}",
        "Ostrom.2021": "Ostrom, T. (2021). A synthetic article by a namesake. <em>Tidsskrift for syntetisk "
        "forvaltning</em>, <em>6</em>(1), 1–2.",
    }


def test_a_word_is_a_name_only_when_an_author_list_has_it() -> None:
    title = latex_to_text("Lessons from Ostrom for Nordic Local Government")
    assert apa.sentence_case(title) == "Lessons from ostrom for Nordic local government"
    names = apa.Names(frozenset(["Ostrom"]), frozenset(["Elinor"]), 1)
    assert apa.sentence_case(title, names) == "Lessons from Ostrom for Nordic local government"
    # A given name alone is a word (`Mark`), before its surname a name.
    assert apa.sentence_case(latex_to_text("Elinor and the Mark of Elinor Ostrom"), names) == (
        "Elinor and the mark of Elinor Ostrom"
    )


def test_an_organisation_as_author_gives_no_names() -> None:
    bibtex = (
        "@report{r, author = {{Organisation for Economic Co-operation and Development}}, title = {T}, year = {2020}}"
    )
    names = apa.person_names(item.entry for item in normalise(parse_bibtex(bibtex, "x.bib", Diagnostics())).entries)
    assert (names.surnames, names.given) == (frozenset(), frozenset())


def test_paperpile_keeps_a_braced_word_and_lowers_the_rest_of_title_case() -> None:
    assert references("paperpile-names-case.bib") == {
        "Vik2021-ab": "Vik, J.-A. &#38; Lund, H.-C. (2021). Co-creation in Norwegian local government: A review. "
        f"<em>Synthetic Governance</em>, <em>9</em>(1), 1–20. {doi('sg.2021.0001')}",
    }


def test_web_of_science_double_braced_title_case_title_and_doi() -> None:
    assert references("wos-names-case.bib")["WOS:000900000000001"] == (
        "Hansen, P. &#38; Lie, A. (2020b). Co-creation in Nordic municipalities: A survey. <em>Synthetic Public "
        f"Administration</em>, <em>31</em>(2), 10–29. {doi('spa.2020.0010')}"
    )


@pytest.mark.parametrize(
    ("title", "cased"),
    [
        (
            "Collaborative Governance in Eight European Countries",
            "Collaborative governance in eight European countries",
        ),
        ("Reform in New Zealand and the United Kingdom", "Reform in New Zealand and the United Kingdom"),
        ("The New Public Management in Møre og Romsdal", "The new public management in Møre og Romsdal"),
        ("{New Public Management} in Practice", "New Public Management in practice"),
        (
            "eHealth Services After COVID-19: The H2020 Experience",
            "eHealth services after COVID-19: The H2020 experience",
        ),
        ("Trust Is Key", "Trust is key"),
        # All in capitals (old catalogue records): names and places are found, acronyms are lost.
        (
            "COLLABORATIVE GOVERNANCE IN NEW ZEALAND: THE OSLO MODEL",
            "Collaborative governance in New Zealand: The Oslo model",
        ),
        ("NAV", "NAV"),
        ("In or Out: A Study", "In or out: A study"),
        ("Public Governance: Co-Creation", "Public governance: Co-creation"),
        ("Advancing Co-creation in Local Governance", "Advancing co-creation in local governance"),
        # Not in Title Case: only the first letter of the title and of the subtitle.
        ("the work of elinor ostrom: a review", "The work of elinor ostrom: A review"),
        ("Co-creation in Vestby and Hamar: new roles", "Co-creation in Vestby and Hamar: New roles"),
        ("Styring og samstyring. Governance på norsk", "Styring og samstyring. Governance på norsk"),
        ("{iPhone} use in {Oslo}", "iPhone use in Oslo"),
        # An ordinal's full stop ends no sentence (an outside researcher's Oria record).
        (
            "Trender og translasjoner: ideer som former det 21. århundrets organisasjon",
            "Trender og translasjoner: Ideer som former det 21. århundrets organisasjon",
        ),
        ("Samskaping fra 1. mai", "Samskaping fra 1. mai"),
    ],
)
def test_sentence_case(title: str, cased: str) -> None:
    assert apa.sentence_case(latex_to_text(title)) == cased


_LOWER = st.sampled_from(["governance", "co-creation", "public", "value", "trust", "kommune", "økonomi", "2020", "of"])
_CAPITAL = st.sampled_from(["Governance", "Co-creation", "Trust", "Samskaping", "Økonomi", "Public"])
# Words that keep their capital anywhere: places, nationalities, acronyms.
_KEPT = st.sampled_from(["Norway", "Oslo", "European", "Danish", "New Zealand", "NAV", "OECD", "CO2", "eHealth"])
_PART = st.tuples(_CAPITAL, st.lists(st.one_of(_LOWER, _KEPT), min_size=0, max_size=8)).map(
    lambda part: " ".join([part[0], *part[1]])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=3), st.sampled_from([": ", "? ", ". "]))
def test_a_title_already_in_sentence_case_is_never_changed(parts: list[str], separator: str) -> None:
    title = separator.join(parts)
    assert apa.sentence_case(Text(title)) == title


# --- 2. Given names become APA initials, editors too -------------------------------------------


@pytest.mark.parametrize(
    ("name", "inverted", "direct"),
    [
        ("Vabo, {Signy Irene}", "Vabo, S. I.", "S. I. Vabo"),
        ("Vabo, Signy Irene", "Vabo, S. I.", "S. I. Vabo"),
        ("Vabo, S.I.", "Vabo, S. I.", "S. I. Vabo"),
        ("Johnsen, L. Chr.", "Johnsen, L. C.", "L. C. Johnsen"),
        ("Hansen, Hans-Chr.", "Hansen, H.-C.", "H.-C. Hansen"),
        ("Sartre, Jean-Paul", "Sartre, J.-P.", "J.-P. Sartre"),
        ("Girard, J.-B.", "Girard, J.-B.", "J.-B. Girard"),
        ("Hansen, {\\AA}se", "Hansen, Å.", "Å. Hansen"),
        ("von Heimburg, Dina", "von Heimburg, D.", "D. von Heimburg"),
        ("{Statistisk sentralbyrå}", "Statistisk sentralbyrå", "Statistisk sentralbyrå"),
    ],
)
def test_given_names_become_apa_initials(name: str, inverted: str, direct: str) -> None:
    person = Person(name)
    assert (apa._inverted_name(person), apa._direct_name(person)) == (inverted, direct)


def test_oria_editors_of_a_book_get_initials() -> None:
    assert references("oria-names-case.bib") == {
        "alma9900000000000001": "Prøvesen, S. I. &#38; Eksempelsen, O. (Red.). (2019). <em>Lokaldemokrati i Norden: "
        "Erfaringer fra Danmark, Sverige og Norge</em>. Syntetisk forlag."
    }


def test_zotero_braced_editor_names_in_a_chapter_and_no_initials_in_text() -> None:
    assert cited("zotero-names-case.bib") == {
        "testesen_samskaping_2019": (
            apa.Citation("2019", "Testesen", "Testesen"),
            "Testesen, J.-P. (2019). Samskaping i Bodø og Tromsø. I S. I. Prøvesen &#38; O. Eksempelsen (Red.), "
            "<em>Lokaldemokrati i Norden: Erfaringer fra Danmark, Sverige og Norge</em> (s. 33–52). Syntetisk forlag.",
        )
    }
    assert apa.in_text_names(
        normalise(
            parse_bibtex((EXPORTS / "oria-names-case.bib").read_text("utf-8"), "literature/eksport.bib", Diagnostics())
        )
        .entries[0]
        .entry
    ) == ("Prøvesen & Eksempelsen", "Prøvesen og Eksempelsen")


# --- 3. Year letters only for identical author lists (APA 8.18–8.20) ---------------------------


def test_web_of_science_letters_for_the_same_authors_and_initials_for_a_namesake() -> None:
    assert {key: citation for key, (citation, _) in cited("wos-names-case.bib").items()} == {
        # Same authors, same year: letters in title order (Citizen … before Co-creation …).
        "WOS:000900000000002": apa.Citation("2020a", "P. Hansen & Lie", "P. Hansen og Lie"),
        "WOS:000900000000001": apa.Citation("2020b", "P. Hansen & Lie", "P. Hansen og Lie"),
        # Another Hansen with the same co-author: no letter; initials tell them apart (APA 8.20).
        "WOS:000900000000003": apa.Citation("2020", "A. Hansen & Lie", "A. Hansen og Lie"),
    }


def test_google_scholar_different_author_lists_get_no_letter_but_more_names() -> None:
    assert {key: citation for key, (citation, _) in cited("google-scholar-names-case.bib").items()} == {
        "vik2021cocreation": apa.Citation("2021", "Vik, Lund et al.", "Vik, Lund et al."),
        "vik2021trust": apa.Citation("2021", "Vik, Strand et al.", "Vik, Strand et al."),
    }
    assert references("google-scholar-names-case.bib")["vik2021cocreation"] == (
        "Vik, J.-A., Lund, H. C. &#38; Berg, E. (2021). Co-creation in Norwegian local government: A review of "
        "Trondheim and Tromsø. <em>Synthetic Governance</em>, <em>9</em>(2), 21–40."
    )


def test_scopus_same_authors_same_year_get_letters_in_title_order() -> None:
    assert {key: citation.year_label for key, (citation, _) in cited("scopus-names-case.bib").items()} == {
        "Nordahl2023101": "2023b",  # Trust-based …
        "Nordahl2023201": "2023a",  # Municipal …
    }


def test_a_longer_list_is_named_in_full_when_the_shorter_one_is_its_start() -> None:
    bibtex = """
        @article{a, author = {Ansell, C. and Sørensen, E. and Torfing, J.}, title = {T}, year = {2021}}
        @article{b, author = {Ansell, C. and Sørensen, E. and Torfing, J. and Hofstad, H.}, title = {U}, year = {2021}}
    """
    entries = {item.key: item.entry for item in parse_bibtex(bibtex, "x.bib", Diagnostics())}
    assert apa.citations(entries, {key: apa.sort_key(entry) for key, entry in entries.items()}) == {
        "a": apa.Citation("2021", "Ansell, Sørensen & Torfing", "Ansell, Sørensen og Torfing"),
        "b": apa.Citation("2021", "Ansell, Sørensen, Torfing et al.", "Ansell, Sørensen, Torfing et al."),
    }


def test_the_model_keeps_a_name_from_any_author_list_of_the_base(project: Callable[..., Path]) -> None:
    """Ostrom is no author of the cited work, but of another entry in the bibliography."""
    bib = """
        @article{nordmann2021lessons,
          author = {Nordmann, Ola},
          title = {Lessons from Ostrom for Local Government},
          journal = {Syntetisk tidsskrift},
          year = {2021},
          volume = {1},
          pages = {1--2}
        }
        @book{ostrom1990governing,
          author = {Ostrom, Elinor},
          title = {Governing the commons},
          publisher = {Cambridge University Press},
          year = {1990}
        }
    """
    source = SOURCE.replace("ansell2008collaborative", "nordmann2021lessons")
    theme = THEME.replace("ansell2008collaborative", "nordmann2021lessons")
    root = project(bib=bib, sources={"nordmann2021lessons": source}, themes={"tillit": theme})
    diagnostics, model = check(root)
    assert model is not None, [str(item) for item in diagnostics]
    (only,) = model.sources
    assert str(only.reference.html).startswith(
        "Nordmann, O. (2021). Lessons from Ostrom for local government. <em>Syntetisk tidsskrift</em>"
    )
