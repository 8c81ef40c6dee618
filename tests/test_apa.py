"""The Norwegian APA 7 formatter: exact strings for each entry type and in-text form."""

from __future__ import annotations

import random
import textwrap

import pytest
from pybtex.database import Entry, parse_string
from pybtex.richtext import Text

from generator.core import apa
from generator.core.latex import latex_to_text


def entry(bibtex: str) -> Entry:
    data = parse_string(textwrap.dedent(bibtex), "bibtex")
    (only,) = data.entries.values()
    return only


def reference(bibtex: str, year_label: str | None = None, lang: str | None = None) -> str:
    item = entry(bibtex)
    return apa.format_reference(item, year_label or apa.entry_year(item), lang)


ARTICLE = """
@article{ansell2008collaborative,
  author = {Ansell, Chris and Gash, Alison},
  title = {Collaborative Governance in Theory and Practice},
  journal = {Journal of Public Administration Research and Theory},
  year = {2008}, volume = {18}, number = {4}, pages = {543--571},
  doi = {10.1093/jopart/mum032}
}
"""


def test_journal_article() -> None:
    assert reference(ARTICLE) == (
        "Ansell, C. &#38; Gash, A. (2008). Collaborative governance in theory and practice. "
        "<em>Journal of Public Administration Research and Theory</em>, <em>18</em>(4), 543–571. "
        '<a class="adresse" href="https://doi.org/10.1093/jopart/mum032">https://doi.org/10.1093/jopart/mum032</a>'
    )


def test_english_title_is_marked_for_screen_readers() -> None:
    assert '<span lang="en">Collaborative governance in theory and practice</span>. <em>' in reference(
        ARTICLE, lang="en"
    )


def test_article_with_three_authors_braces_and_latex() -> None:
    result = reference(r"""
        @article{torfing2019transforming,
          author = {Torfing, Jacob and S{\o}rensen, Eva and R\o{}iseland, Asbj{\o}rn},
          title = {Transforming the {Public Sector} Into an Arena for Co-Creation: Barriers, Drivers},
          journal = {Administration \& Society},
          year = {2019}, volume = {51}, number = {5}, pages = {795--825}
        }
    """)
    assert result == (
        "Torfing, J., Sørensen, E. &#38; Røiseland, A. (2019). "
        "Transforming the Public Sector into an arena for co-creation: Barriers, drivers. "
        "<em>Administration &#38; Society</em>, <em>51</em>(5), 795–825."
    )


def test_article_number_instead_of_pages() -> None:
    result = reference("""
        @article{hofstad2022cities,
          author = {Hofstad, Hege}, title = {Cities as public agents}, journal = {Earth System Governance},
          year = {2022}, volume = {13}, eid = {100146}
        }
    """)
    assert (
        result
        == "Hofstad, H. (2022). Cities as public agents. <em>Earth System Governance</em>, <em>13</em>, Artikkel 100146."
    )


def test_book_with_edition() -> None:
    result = reference("""
        @book{moore1995creating,
          author = {Moore, Mark H.}, title = {Creating Public Value: Strategic Management in Government},
          publisher = {Harvard University Press}, address = {Cambridge, MA}, year = {1995}, edition = {2}
        }
    """)
    assert result == (
        "Moore, M. H. (1995). <em>Creating public value: Strategic management in government</em> (2. utg.). "
        "Harvard University Press."
    )


def test_edited_book() -> None:
    result = reference("""
        @book{johnsen2024tillitsreformer,
          editor = {Johnsen, {\\AA}ge and Svare, Helge},
          title = {Tillitsreformer og tillitsbasert styring og ledelse},
          publisher = {Fagbokforlaget}, address = {Bergen}, year = {2024}
        }
    """)
    assert result == (
        "Johnsen, Å. &#38; Svare, H. (Red.). (2024). <em>Tillitsreformer og tillitsbasert styring og ledelse</em>. "
        "Fagbokforlaget."
    )


def test_chapter_in_edited_book() -> None:
    result = reference("""
        @incollection{vonheimburg2021cocreation,
          author = {von Heimburg, Dina and Ness, Ottar and Storch, Jacob},
          editor = {Thomassen, Anja Overgaard and Jensen, Julie Borup},
          title = {Co-Creation of Public Values: Citizenship, Social Justice, and Well-Being},
          booktitle = {Processual Perspectives on the Co-Production Turn in Public Sector Organizations},
          publisher = {IGI Global}, year = {2021}, pages = {20--41},
          doi = {10.4018/978-1-7998-4975-9.ch002}
        }
    """)
    assert result == (
        "von Heimburg, D., Ness, O. &#38; Storch, J. (2021). Co-creation of public values: Citizenship, social justice, "
        "and well-being. I A. O. Thomassen &#38; J. B. Jensen (Red.), <em>Processual perspectives on the co-production "
        "turn in public sector organizations</em> (s. 20–41). IGI Global. "
        '<a class="adresse" href="https://doi.org/10.4018/978-1-7998-4975-9.ch002">https://doi.org/10.4018/978-1-7998-4975-9.ch002</a>'
    )


def test_report_with_number() -> None:
    result = reference("""
        @techreport{ringholm2011innovasjonsprosesser,
          author = {Ringholm, Toril and Aars{\\ae}ther, Nils and Ellingsen, May-Britt},
          title = {Innovasjonsprosesser i norske kommuner: {\\AA}pninger og p{\\aa}drivere},
          type = {Rapport}, institution = {Norut Troms{\\o}}, year = {2011}, number = {2/2011}
        }
    """)
    assert result == (
        "Ringholm, T., Aarsæther, N. &#38; Ellingsen, M.-B. (2011). "
        "<em>Innovasjonsprosesser i norske kommuner: Åpninger og pådrivere</em> (Rapport 2/2011). Norut Tromsø."
    )


def test_report_by_organisation_leaves_out_publisher_that_is_the_author() -> None:
    result = reference("""
        @techreport{dfo2023laerdommer,
          author = {{Direktoratet for forvaltning og {\\o}konomistyring (DF{\\O})}},
          title = {L{\\ae}rdommer fra arbeid med tillitsreform i skandinaviske land},
          type = {DF{\\O}-notat},
          institution = {Direktoratet for forvaltning og {\\o}konomistyring (DF{\\O})},
          year = {2023}, number = {2023:1},
          url = {https://dfo.no/rapporter/laerdommer-fra-arbeid-med-tillitsreform-i-skandinaviske-land}
        }
    """)
    assert result == (
        "Direktoratet for forvaltning og økonomistyring (DFØ). (2023). "
        "<em>Lærdommer fra arbeid med tillitsreform i skandinaviske land</em> (DFØ-notat 2023:1). "
        '<a class="adresse" href="https://dfo.no/rapporter/laerdommer-fra-arbeid-med-tillitsreform-i-skandinaviske-land">'
        "https://dfo.no/rapporter/laerdommer-fra-arbeid-med-tillitsreform-i-skandinaviske-land</a>"
    )


@pytest.mark.parametrize(
    ("kind", "extra", "expected"),
    [
        ("phdthesis", "", "&#91;Upublisert doktorgradsavhandling&#93;. NTNU."),
        ("mastersthesis", "", "&#91;Upublisert masteroppgave&#93;. NTNU."),
        ("phdthesis", "isbn = {9788200000001},", "&#91;Doktorgradsavhandling&#93;. NTNU."),
        ("mastersthesis", "isbn = {9788200000001},", "&#91;Masteroppgave&#93;. NTNU."),
        (
            "phdthesis",
            "url = {https://munin.uit.no/handle/10037/1},",
            '&#91;Doktorgradsavhandling, NTNU&#93;. Munin. <a class="adresse" href="https://munin.uit.no/handle/10037/1">'
            "https://munin.uit.no/handle/10037/1</a>",
        ),
        (
            "mastersthesis",
            "url = {https://hdl.handle.net/10037/6409},",
            '&#91;Masteroppgave, NTNU&#93;. Munin. <a class="adresse" href="https://hdl.handle.net/10037/6409">'
            "https://hdl.handle.net/10037/6409</a>",
        ),
        (
            "phdthesis",
            "url = {https://hdl.handle.net/11250/2373513},",
            '&#91;Doktorgradsavhandling, NTNU&#93;. <a class="adresse" href="https://hdl.handle.net/11250/2373513">'
            "https://hdl.handle.net/11250/2373513</a>",
        ),
        (
            "mastersthesis",
            "doi = {10.1234/synthetic},",
            '&#91;Masteroppgave, NTNU&#93;. <a class="adresse" href="https://doi.org/10.1234/synthetic">'
            "https://doi.org/10.1234/synthetic</a>",
        ),
    ],
)
def test_theses(kind: str, extra: str, expected: str) -> None:
    """Norwegian APA 7 as UiT's collection gives it (https://uit.no/ub/eksempelsamlinger/samling?p_document_id=724067)
    and APA 7 section 10.6 for the unpublished form: from an archive (a DOI or URL) the institution goes in the
    brackets and the archive's name before the address; printed (an ISBN) and unpublished (neither) name it after."""
    result = reference(f"""
        @{kind}{{testesen2020,
          author = {{Testesen, Kari}}, title = {{Ledelse av samskaping i en kommune}},
          school = {{NTNU}}, year = {{2020}}, {extra}
        }}
    """)
    assert result == f"Testesen, K. (2020). <em>Ledelse av samskaping i en kommune</em> {expected}"


def test_web_document() -> None:
    result = reference("""
        @online{ks2023samskaping,
          author = {{KS}}, title = {Samskaping i kommunene}, year = {2023},
          url = {https://example.org/samskaping}
        }
    """)
    assert result == (
        'KS. (2023). <em>Samskaping i kommunene</em>. <a class="adresse" href="https://example.org/samskaping">https://example.org/samskaping</a>'
    )


def test_missing_year_and_required_field_show_placeholders() -> None:
    assert reference("@article{x, author = {Nordmann, Ola}, title = {Tittel}}") == (
        "Nordmann, O. (u.å.). Tittel. <em>&#91;mangler tidsskrift&#93;</em>."
    )


def test_title_ending_in_question_mark_gets_no_extra_period() -> None:
    result = reference(
        "@article{x, author = {Osborne, Stephen P.}, title = {The {New Public Governance}?}, journal = {PMR}, year = {2006}}"
    )
    assert result == "Osborne, S. P. (2006). The New Public Governance? <em>PMR</em>."


def test_twenty_one_authors_list_nineteen_ellipsis_and_last() -> None:
    authors = " and ".join(f"Forfatter{index}, A." for index in range(1, 22))
    result = reference(f"@article{{x, author = {{{authors}}}, title = {{T}}, journal = {{J}}, year = {{2020}}}}")
    assert result.startswith("Forfatter1, A., Forfatter2, A., ")
    assert "Forfatter19, A., . . . Forfatter21, A. (2020)." in result
    assert "Forfatter20" not in result


def test_markup_in_fields_is_shown_literally() -> None:
    result = reference(
        "@article{x, author = {Nordmann, Ola}, title = {<script>alert(1)</script> *fet*}, journal = {J}, year = {2020}}"
    )
    assert "<script>" not in result
    assert "&#60;Script&#62;alert(1)&#60;/script&#62; &#42;fet&#42;" in result


@pytest.mark.parametrize(
    ("authors", "parenthetical", "narrative"),
    [
        ("Moore, Mark H.", "Moore", "Moore"),
        ("Ansell, Chris and Gash, Alison", "Ansell & Gash", "Ansell og Gash"),
        ("Torfing, Jacob and Sørensen, Eva and Røiseland, Asbjørn", "Torfing et al.", "Torfing et al."),
        ("von Heimburg, Dina and Ness, Ottar", "von Heimburg & Ness", "von Heimburg og Ness"),
    ],
)
def test_in_text_names(authors: str, parenthetical: str, narrative: str) -> None:
    assert apa.in_text_names(entry(f"@article{{x, author = {{{authors}}}, title = {{T}}, year = {{2020}}}}")) == (
        parenthetical,
        narrative,
    )


def test_same_authors_and_year_get_letters_in_title_order() -> None:
    entries = {
        "b": entry(
            "@book{b, author = {Ansell, Christopher and Torfing, Jacob}, title = {Public governance as co-creation}, year = {2021}}"
        ),
        "a": entry(
            "@article{a, author = {Ansell, Christopher and Torfing, Jacob}, title = {Co-creation: the new kid}, year = {2021}}"
        ),
        "c": entry(
            "@article{c, author = {Ansell, Christopher and Sørensen, Eva and Torfing, Jacob}, title = {When}, year = {2021}}"
        ),
    }
    assert apa.citations(entries, {key: apa.sort_key(entry) for key, entry in entries.items()}) == {
        "a": apa.Citation("2021a", "Ansell & Torfing", "Ansell og Torfing"),
        "b": apa.Citation("2021b", "Ansell & Torfing", "Ansell og Torfing"),
        "c": apa.Citation("2021", "Ansell et al.", "Ansell et al."),
    }


def test_sorting_follows_the_norwegian_alphabet() -> None:
    names = ["Åberg", "Zahl", "Østby", "Aas", "Ærø", "Ødegård", "Berg"]
    entries = [entry(f"@article{{x, author = {{{name}, A.}}, title = {{T}}, year = {{2020}}}}") for name in names]
    ordered = [str(item.persons["author"][0]) for item in sorted(entries, key=apa.sort_key)]
    assert [name.split(",")[0] for name in ordered] == ["Aas", "Berg", "Zahl", "Ærø", "Ødegård", "Østby", "Åberg"]


def test_single_author_sorts_before_same_first_author_with_coauthors() -> None:
    single = entry("@book{s, author = {Sørensen, Eva}, title = {Interactive}, year = {2020}}")
    several = entry("@article{p, author = {Sørensen, Eva and Hendriks, Carolyn}, title = {Political}, year = {2020}}")
    assert sorted([several, single], key=apa.sort_key) == [single, several]


def _sentence_case_one_character_at_a_time(text: str) -> str:
    """The rule, spelt out for unprotected text: what `apa.sentence_case` must equal."""
    result = []
    capitalize_next, after_stop = True, False
    for character in text.lower():
        if character.isalpha():
            result.append(character.upper() if capitalize_next else character)
            capitalize_next = after_stop = False
            continue
        if character in ":?!.":
            after_stop = True
        elif character.isspace():
            capitalize_next = capitalize_next or after_stop
        else:
            after_stop = False
        result.append(character)
    return "".join(result)


def test_sentence_case_matches_the_rule_on_random_titles_in_title_case() -> None:
    """Every part in Title Case with no word that keeps its capital: all of it is lower-cased."""
    rng = random.Random(7)
    words = ["Co-Creation", "Ære", "Østlig", "Public", "Value", "2019", '"Trust"', "(Local)", "U.S."]
    separators = [" ", "  ", ": ", "? ", "! ", ". ", " – ", "\t"]
    for _ in range(5000):
        parts = [" ".join(rng.choice(words) for _ in range(rng.randrange(3, 6))) for _ in range(rng.randrange(1, 4))]
        title = "".join(part + rng.choice(separators) for part in parts).strip()
        assert apa.sentence_case(Text(title)) == _sentence_case_one_character_at_a_time(title), title


def test_sentence_case_keeps_protected_text_and_capitalises_subtitles() -> None:
    title = latex_to_text("{SAMVERDI}: ny Ledelse. {i}Kommunen")
    # A word that starts with protected text is kept as written.
    assert apa.sentence_case(title) == "SAMVERDI: Ny ledelse. iKommunen"
