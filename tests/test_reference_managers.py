"""Real exports from Zotero, JabRef, EndNote and Mendeley come out as exact Norwegian APA, with
no private field, and the dialects and slips researchers meet get located messages."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.importer import import_bibtex, project_key
from generator.core import apa
from generator.core.dates import iso_dates, missing_day, norwegian_date, written_year
from generator.core.diagnostics import Diagnostics
from generator.load.bibliography import parse_bibtex
from generator.load.normalise import NormalisedEntries, normalise
from generator.model.build import entry_bibtex
from generator.pipeline import build, check
from generator.render.exports import _csl_item, highwire, source_exports
from tests.conftest import ANSELL, SOURCE, THEME

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
PRIVATE = (
    "file",
    "abstract",
    "annote",
    "annotation",
    "owner",
    "timestamp",
    "creationdate",
    "mendeley",
    "groups",
    "urldate",
    "note",
    "/Users/",
    "/home/",
    "C$",
)

OSBORNE_ARTICLE = (
    "Osborne, S. P. (2006). The new public governance? <em>Public Management Review</em>, <em>8</em>(3), 377–387. "
    '<a class="adresse" href="https://doi.org/10.1080/14719030600853022">https://doi.org/10.1080/14719030600853022</a>'
)
HEIMBURG_CHAPTER = (
    "von Heimburg, D., Ness, O. &#38; Storch, J. (2021). Co-creation of public values: Citizenship, social justice, "
    "and well-being. I A. O. Thomassen &#38; J. B. Jensen (Red.), <em>Processual perspectives on the co-production "
    "turn in public sector organizations</em> (s. 20–41). IGI Global. "
    '<a class="adresse" href="https://doi.org/10.4018/978-1-7998-4975-9.ch002">'
    "https://doi.org/10.4018/978-1-7998-4975-9.ch002</a>"
)
ANSELL_ARTICLE = (
    "Ansell, C. &#38; Gash, A. (2008). Collaborative governance in theory and practice. <em>Journal of Public "
    "Administration Research and Theory</em>, <em>18</em>(4), 543–571. "
    '<a class="adresse" href="https://doi.org/10.1093/jopart/mum032">https://doi.org/10.1093/jopart/mum032</a>'
)
EXPECTED = {
    "zotero-better-biblatex.bib": {
        # Better BibTeX protects every capitalised word of a Title Case title in double braces: taken away.
        "osborne2006new": OSBORNE_ARTICLE,
        "vankleef2016out": "van Kleef, D. &#38; van Eijk, C. (2016). In or out: Developing a categorization of "
        "different types of co-production by using the critical case of Dutch food safety services. "
        "<em>International Journal of Public Administration</em>, <em>39</em>(13), 1044–1055. "
        '<a class="adresse" href="https://doi.org/10.1080/01900692.2016.1177837">'
        "https://doi.org/10.1080/01900692.2016.1177837</a>",
        "roiseland2024advancing": "Røiseland, A., Sørensen, E. &#38; Torfing, J. (Red.). (2024). <em>Advancing "
        "co-creation in local governance: The role of coping strategies and constructive hybridization</em>. "
        "Edward Elgar Publishing.",
        "andersen2018demokratisk": "Andersen, L. L., Espersen, H. H., Kobro, L. U., Kristensen, K., Skar, C. &#38; "
        "Iversen, H. (2018). <em>Demokratisk innovasjon: Teorier og modeller for samskapende sosial innovasjon i "
        "norske kommuner</em> (Skriftserien fra Høgskolen i Sørøst-Norge 24/2018). Høgskolen i Sørøst-Norge, Senter "
        "for sosialt entreprenørskap og samskapende sosial innovasjon (SESAM).",
    },
    # Zotero's own exporter braces every capitalised word of a Title Case title: taken away.
    "zotero-bibtex.bib": {"osborne_new_2006": OSBORNE_ARTICLE, "von_heimburg_co-creation_2021": HEIMBURG_CHAPTER},
    "jabref.bib": {
        "Osborne2006": OSBORNE_ARTICLE,
        "vonHeimburg2021": HEIMBURG_CHAPTER,
        "Thomassen2021": "Thomassen, A. O. &#38; Jensen, J. B. (Red.). (2021). <em>Processual perspectives on the "
        "co-production turn in public sector organizations</em>. IGI Global.",
    },
    "endnote.bib": {
        "RN12": ANSELL_ARTICLE,
        "RN15": "Ringholm, T., Aarsæther, N., Bogason, P. &#38; Ellingsen, M.-B. (2011). <em>Innovasjonsprosesser i "
        "norske kommuner: Åpninger, pådrivere og mellomromskompetanse</em> (Rapport 2/2011). Norut Tromsø.",
    },
    "mendeley.bib": {
        "Ansell2008": ANSELL_ARTICLE,
        "Sorensen2020": "Sørensen, E. (2020). <em>Interactive political leadership: The role of politicians in the "
        "age of governance</em>. Oxford University Press. "
        '<a class="adresse" href="https://doi.org/10.1093/oso/9780198777953.001.0001">'
        "https://doi.org/10.1093/oso/9780198777953.001.0001</a>",
    },
}


def read(text: str, diagnostics: Diagnostics | None = None) -> NormalisedEntries:
    return normalise(
        parse_bibtex(text, "literature/eksport.bib", Diagnostics() if diagnostics is None else diagnostics)
    )


def reference(bibtex: str) -> str:
    (item,) = read(textwrap.dedent(bibtex)).entries
    return apa.format_reference(item.entry, apa.entry_year(item.entry))


@pytest.mark.parametrize("export", sorted(EXPECTED))
def test_export_renders_exact_norwegian_apa(export: str) -> None:
    diagnostics = Diagnostics()
    entries = read((EXPORTS / export).read_bytes().decode("utf-8").removeprefix("\ufeff"), diagnostics)
    assert [str(item) for item in diagnostics] == []
    assert {item.key: apa.format_reference(item.entry, apa.entry_year(item.entry)) for item in entries.entries} == (
        EXPECTED[export]
    )


@pytest.mark.parametrize("export", sorted(EXPECTED))
def test_export_publishes_no_private_field(export: str) -> None:
    entries = read((EXPORTS / export).read_bytes().decode("utf-8").removeprefix("\ufeff"))
    raw = (EXPORTS / export).read_text("utf-8")
    published = "".join(entry_bibtex(item.key, item.entry) for item in entries.entries)
    for private in PRIVATE:
        if private in raw:
            assert private not in published, f"{private} from {export} is published"


def test_endnote_export_is_crlf_with_bom() -> None:
    data = (EXPORTS / "endnote.bib").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data, "the fixture must stay as EndNote writes it"


def test_biblatex_thesis_with_type_and_institution() -> None:
    assert reference(r"""
        @thesis{hansen2019,
          author = {Hansen, Kari},
          title = {Samskaping i kommunen},
          type = {phdthesis},
          institution = {Norges teknisk-naturvitenskapelige universitet},
          date = {2019-05-02},
          langid = {norsk}
        }
    """) == (
        "Hansen, K. (2019). <em>Samskaping i kommunen</em> &#91;Upublisert doktorgradsavhandling&#93;. "
        "Norges teknisk-naturvitenskapelige universitet."
    )


def test_thesis_from_an_archive_names_the_institution_in_brackets() -> None:
    assert reference(r"""
        @mastersthesis{berg2020,
          author = {Berg, Ola}, title = {Tillit og styring}, school = {Universitetet i Oslo}, year = {2020},
          type = {Master's thesis}, url = {https://www.duo.uio.no/handle/10852/1}
        }
    """) == (
        "Berg, O. (2020). <em>Tillit og styring</em> &#91;Masteroppgave, Universitetet i Oslo&#93;. DUO. "
        '<a class="adresse" href="https://www.duo.uio.no/handle/10852/1">https://www.duo.uio.no/handle/10852/1</a>'
    )


def test_misc_with_howpublished_url_keeps_its_address() -> None:
    assert reference(r"""
        @misc{ks2023,
          author = {{KS}}, title = {Samskaping}, year = {2023},
          howpublished = {\url{https://www.ks.no/samskaping}}
        }
    """) == (
        'KS. (2023). <em>Samskaping</em>. <a class="adresse" href="https://www.ks.no/samskaping">'
        "https://www.ks.no/samskaping</a>"
    )


def test_and_others_becomes_et_al() -> None:
    item = (
        read(
            "@article{a2020, author = {Torfing, Jacob and Sørensen, Eva and others}, title = {T}, "
            "journal = {J}, year = {2020}}"
        )
        .entries[0]
        .entry
    )
    assert apa.format_reference(item, "2020").startswith("Torfing, J., Sørensen, E. et al. (2020).")
    assert apa.in_text_names(item) == ("Torfing et al.", "Torfing et al.")


@pytest.mark.parametrize(
    ("date", "year"),
    [("2019", "2019"), ("2019-05", "2019"), ("2019-05-01/2020-01-31", "2019–2020"), ("2019/..", "2019")],
)
def test_biblatex_dates(date: str, year: str) -> None:
    (item,) = read(f"@online{{a2019, title = {{T}}, date = {{{date}}}, url = {{https://a.no}}}}").entries
    assert item.entry.fields["year"] == year


@pytest.mark.parametrize(
    ("date", "fields"),
    [
        ("2019-05-01", {"year": "2019", "month": "5"}),
        # A range's first month is not the work's month.
        ("2020-01-01/2021-12-31", {"year": "2020–2021"}),
        ("2020-01/2020-03", {"year": "2020"}),
        # A day or month the calendar lacks is kept as written, for the check to report: never a silent 2026.
        ("2026-02-31", {"year": "2026-02-31"}),
        ("2026-13", {"year": "2026-13"}),
        ("2020-01-01/2021-02-30", {"year": "2020-01-01/2021-02-30"}),
    ],
)
def test_a_biblatex_date_keeps_only_what_it_says(date: str, fields: dict[str, str]) -> None:
    (item,) = read(f"@online{{a2019, title = {{T}}, date = {{{date}}}, url = {{https://a.no}}}}").entries
    assert {name: value for name, value in item.entry.fields.items() if name in ("year", "month")} == fields


@pytest.mark.parametrize(
    ("written", "iso", "year", "missing"),
    [
        ("2026-12-04T10:00:00+01:00", ("2026-12-04",), "2026", None),
        ("12.2026", ("2026-12",), "2026", None),
        ("2026.12", ("2026-12",), "2026", None),
        ("4/12/2026", ("2026-12-04", "2026-04-12"), "2026", None),
        ("04.12.26", ("2026-12-04", "1926-12-04"), None, None),
        ("31.02.2026", (), None, (2026, 2, 31)),
        ("2026-02-29", (), None, (2026, 2, 29)),
        ("2024-02-29", ("2024-02-29",), "2024", None),
        ("13.2026", (), None, None),
    ],
)
def test_the_dates_a_written_date_can_mean(
    written: str, iso: tuple[str, ...], year: str | None, missing: tuple[int, int, int] | None
) -> None:
    assert (iso_dates(written), written_year(written), missing_day(written)) == (iso, year, missing)
    assert norwegian_date("2026-12") == "desember 2026"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "date = {2026-02-31}",
            "datoen '2026-02-31' i ansell2008collaborative: 31. februar 2026 finnes ikke. Rett dagen, eller skriv "
            "bare måneden, date = {2026-02} (februar 2026) i stedet",
        ),
        (
            "date = {31.02.2026}",
            "datoen '31.02.2026' i ansell2008collaborative: 31. februar 2026 finnes ikke. Rett dagen, eller skriv "
            "bare måneden, date = {2026-02} (februar 2026) i stedet",
        ),
        (
            "date = {2026-12-04T10:00:00}",
            "datoen '2026-12-04T10:00:00' i ansell2008collaborative er en dato skrevet på en annen måte: skriv "
            "date = {2026-12-04} (4. desember 2026) i stedet",
        ),
        (
            "date = {12.2026}",
            "datoen '12.2026' i ansell2008collaborative er en dato skrevet på en annen måte: skriv "
            "date = {2026-12} (desember 2026) i stedet",
        ),
        (
            "date = {2026-13}",
            "datoen '2026-13' i ansell2008collaborative er ingen dato som kan leses: skriv date = {2019}, "
            "{2019-05} eller {2019-05-01} (år, måned, dag), og en kilde uten år date = {u.å.}",
        ),
        # A date in `year` (as an import writes it): the message names that line and what replaces it.
        (
            "year = {04.12.2026}",
            "året '04.12.2026' i ansell2008collaborative er en dato skrevet på en annen måte: erstatt "
            "year = {04.12.2026} med date = {2026-12-04} (4. desember 2026)",
        ),
        (
            "year = {2026-02-31}",
            "året '2026-02-31' i ansell2008collaborative: 31. februar 2026 finnes ikke. Rett dagen, eller erstatt "
            "year = {2026-02-31} med bare måneden, date = {2026-02} (februar 2026)",
        ),
    ],
)
def test_a_date_that_does_not_exist_or_is_written_another_way_names_its_field_and_the_fix(
    project: Callable[..., Path], written: str, message: str
) -> None:
    assert codes_for(project, ANSELL.replace("year = {2008}", written)) == [(2, "bib-year", message)]


def test_string_macros_and_month_macros() -> None:
    entries = read(
        '@string{pmr = "Public Management Review"}\n'
        "@article{osborne2006, author = {Osborne, Stephen P.}, title = {The New Public Governance?},"
        " journal = pmr, year = 2006, month = sep, volume = {8}, pages = {377--387}}"
    )
    (item,) = entries.entries
    assert item.entry.fields["journal"] == "Public Management Review"
    assert item.entry.fields["month"] == "September"


def test_xdata_and_crossref_across_files() -> None:
    diagnostics = Diagnostics()
    chapter = parse_bibtex(
        "@incollection{kap2021, author = {Ness, Ottar}, title = {Kapittel}, crossref = {bok2021},"
        " pages = {1--2}, xdata = {forlag}}",
        "literature/a.bib",
        diagnostics,
    )
    book = parse_bibtex(
        "@book{bok2021, editor = {Jensen, Julie Borup}, title = {Boka}, year = {2021}, doi = {10.1/bok}}\n"
        "@xdata{forlag, publisher = {IGI Global}}",
        "literature/b.bib",
        diagnostics,
    )
    entries = normalise(chapter + book)
    fields = {item.key: dict(item.entry.fields) for item in entries.entries}
    assert fields["kap2021"]["booktitle"] == "Boka"
    assert fields["kap2021"]["publisher"] == "IGI Global"
    assert "doi" not in fields["kap2021"], "the book's DOI is not the chapter's"
    assert "forlag" not in fields, "an @xdata container is not a work"
    assert entries.parents == {"bok2021", "forlag"}


# --- located messages, through the whole check ---------------------------------------------


def codes_for(project: Callable[..., Path], bib: str) -> list[tuple[int, str, str]]:
    diagnostics, _ = check(project(bib=bib))
    return [(item.line, item.code, item.message) for item in diagnostics]


def test_missing_journal_is_an_error_that_says_how_to_fix_it(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace("  journal = {Journal of Public Administration Research and Theory},\n", "")
    ((line, code, message),) = codes_for(project, bib)
    assert (line, code) == (2, "bib-required-field")
    assert "journal = {Tidsskriftets navn}" in message


def test_missing_year_is_an_error_and_undated_is_declared(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace("  year = {2008},\n", "")
    assert [(line, code) for line, code, _ in codes_for(project, bib)] == [(2, "bib-required-field")]
    diagnostics, model = check(project(bib=ANSELL.replace("{2008}", "{u.å.}")))
    assert [str(item) for item in diagnostics] == []
    assert model is not None and model.sources[0].reference.year_label == "u.å."


def test_biblatex_thesis_without_a_kind_is_an_error(project: Callable[..., Path]) -> None:
    bib = "@thesis{ansell2008collaborative, author = {Ansell, Chris}, title = {T}, institution = {NTNU}, year = {2008}}"
    assert [(line, code) for line, code, _ in codes_for(project, bib)] == [(1, "bib-thesis-type")]


def test_inproceedings_has_a_template(project: Callable[..., Path]) -> None:
    bib = (
        "@inproceedings{ansell2008collaborative, author = {Ansell, Chris}, title = {T}, booktitle = {Proceedings},"
        " year = {2008}, pages = {1--10}}"
    )
    assert codes_for(project, bib) == []


def test_unknown_crossref_is_located(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace("  year = {2008},\n", "  year = {2008},\n  crossref = {boka},\n")
    ((line, code, message),) = codes_for(project, bib)
    assert (line, code) == (2, "bib-crossref") and "'boka'" in message


@pytest.mark.parametrize(
    ("change", "code", "hint"),
    [
        (("{Ansell, Chris and Gash, Alison}", "{Ansell, Chris and others}"), "bib-and-others", "et al."),
        (("{Ansell, Chris and Gash, Alison}", "{Trondheim kommune}"), "bib-corporate-author", "{{Trondheim kommune}}"),
        (("{10.1093/jopart/mum032}", "{10.1093/jopart/mum032.}"), "bib-doi", "doi = {10.1093/jopart/mum032}"),
        (("{10.1093/jopart/mum032}", "{https://doi.org/10.1093/jopart/mum032}"), "bib-doi-form", "doi = {10.1093"),
        (
            ("{Collaborative Governance in Theory and Practice}", "{COLLABORATIVE GOVERNANCE IN THEORY AND PRACTICE}"),
            "bib-title-caps",
            "store og små",
        ),
    ],
)
def test_silent_mistakes_get_a_located_message_with_a_fix(
    project: Callable[..., Path], change: tuple[str, str], code: str, hint: str
) -> None:
    ((line, found, message),) = codes_for(project, ANSELL.replace(*change))
    assert (line, found) == (2, code)
    assert hint in message


def test_a_braced_organisation_is_not_reported(project: Callable[..., Path]) -> None:
    assert codes_for(project, ANSELL.replace("{Ansell, Chris and Gash, Alison}", "{{Trondheim kommune}}")) == []


def test_private_fields_never_reach_the_site(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace(
        "  language = {english}",
        "  language = {english},\n  abstract = {Hemmelig sammendrag},\n"
        "  file = {/Users/kari/Zotero/storage/X/ansell.pdf},\n  owner = {kari}",
    )
    root = project(bib=bib, sources={"ansell2008collaborative": SOURCE}, themes={"tillit": THEME})
    assert build(root).report is not None
    for path in (root / "docs").rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8", errors="replace")
            assert "Hemmelig" not in text and "/Users/kari" not in text and "kari" not in text, path


def test_authors_separated_by_commas_get_a_located_message() -> None:
    diagnostics = Diagnostics()
    read("@article{a2020,\n  title = {T},\n  author = {Hansen, Kari, Berg, Ola},\n  year = {2020}}", diagnostics)
    ((line, code, message),) = [(item.line, item.code, item.message) for item in diagnostics]
    assert (line, code) == (3, "bib-name")
    assert "skill personene med and" in message


def test_import_leaves_out_a_chapter_whose_book_is_not_in_the_export(project: Callable[..., Path]) -> None:
    root = project()
    export = root / "eksport.bib"
    export.write_text(
        "@incollection{Kap2021, author = {Ness, Ottar}, title = {Kapittel}, crossref = {Bok2021}}", "utf-8"
    )
    report = import_bibtex(root, export)
    assert report.added == []
    assert report.skipped == [
        ("Kap2021", "crossref = {Bok2021} finnes verken i eksporten eller i literature/; eksporter boka også")
    ]
    assert "Kap2021" not in (root / "literature/samverdi.bib").read_text("utf-8")


def test_import_refuses_a_target_outside_literature(project: Callable[..., Path]) -> None:
    root = project()
    report = import_bibtex(root, EXPORTS / "endnote.bib", target="../ute.bib")
    assert report.diagnostics.has_errors and report.added == []
    assert not (root.parent / "ute.bib").exists()


def test_inbook_with_a_booktitle_is_a_chapter_and_without_one_a_book() -> None:
    chapter = reference(r"""
        @inbook{ness2021, author = {Ness, Ottar}, title = {Kapittel}, booktitle = {Boka}, publisher = {Forlaget},
                year = {2021}, pages = {3--9}}
    """)
    assert chapter == "Ness, O. (2021). Kapittel. I <em>Boka</em> (s. 3–9). Forlaget."
    assert reference(
        "@inbook{ness2021, author = {Ness, Ottar}, title = {Boka}, publisher = {Forlaget}, year = {2021}}"
    ) == ("Ness, O. (2021). <em>Boka</em>. Forlaget.")


def test_import_never_reads_or_replaces_a_linked_bib_file(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("hemmelig innhold\n", "utf-8")
    (root / "literature/samverdi.bib").unlink()
    (root / "literature/samverdi.bib").symlink_to(secret)
    report = import_bibtex(root, EXPORTS / "zotero-better-biblatex.bib")
    assert [item.code for item in report.diagnostics] == ["not-regular-file"] and report.added == []
    assert (root / "literature/samverdi.bib").is_symlink() and secret.read_text("utf-8") == "hemmelig innhold\n"


# Synthetic works by one author: two in press (as a year, and as biblatex pubstate with the expected year), one published.
IN_PRESS = """
@article{trykk1, author = {Testforfatter, Kari}, title = {Bravo i trykk}, journal = {J}, year = {forthcoming}}
@article{trykk2, author = {Testforfatter, Kari}, title = {Alfa i trykk}, journal = {J}, date = {2027-03},
  pubstate = {inpress}}
@article{utgitt, author = {Testforfatter, Kari}, title = {Utgitt}, journal = {J}, year = {2026}}
"""


@pytest.mark.parametrize(
    "written",
    [
        "year = {forthcoming}",
        "year = {In press}",
        "year = {i trykk}",
        "date = {forthcoming}",
        "year = {2027}, pubstate = {forthcoming}",
    ],
)
def test_a_work_in_press_has_no_year_but_i_trykk(written: str) -> None:
    (item,) = read(
        f"@article{{a, author = {{A, B}}, title = {{T}}, journal = {{J}}, month = {{3}}, {written}}}"
    ).entries
    assert {name: item.entry.fields.get(name) for name in ("year", "month")} == {"year": "i trykk", "month": None}


def test_works_in_press_are_cited_i_trykk_after_the_dated_works_and_keyed_without_a_year(
    project: Callable[..., Path],
) -> None:
    entries = {item.key: item.entry for item in read(IN_PRESS).entries}
    sort_keys = {key: apa.sort_key(entry) for key, entry in entries.items()}
    assert sorted(entries, key=sort_keys.__getitem__) == ["utgitt", "trykk2", "trykk1"]
    assert apa.citations(entries, sort_keys) == {
        "utgitt": apa.Citation("2026", "Testforfatter", "Testforfatter"),
        "trykk2": apa.Citation("i trykk-a", "Testforfatter", "Testforfatter"),
        "trykk1": apa.Citation("i trykk-b", "Testforfatter", "Testforfatter"),
    }
    assert (
        apa.format_reference(entries["trykk1"], "i trykk-b")
        == "Testforfatter, K. (i trykk-b). Bravo i trykk. <em>J</em>."
    )
    assert project_key(entries["trykk1"], set()) == "testforfatterbravo"
    # The check takes it as it takes u.å.: no bib-year error.
    assert codes_for(project, ANSELL.replace("year = {2008}", "pubstate = {forthcoming}, year = {2027}")) == []


def test_a_work_in_press_is_exported_with_its_state_not_a_year(project: Callable[..., Path]) -> None:
    _, model = check(project(bib=ANSELL.replace("year = {2008}", "pubstate = {inpress}, year = {2027}")))
    assert model is not None
    (source,) = model.sources
    item = _csl_item(source)
    assert (item.get("issued"), item["status"]) == (None, "in press")
    assert "publication_date" not in dict(highwire(source))
    # BibLaTeX's pubstate, which reference managers read, rather than our Norwegian words as a year; RIS has no year.
    exported = source_exports(source)
    assert '    pubstate = "inpress",' in exported.bibtex.splitlines() and "year" not in exported.bibtex
    assert [line for line in exported.ris.splitlines() if line.startswith("PY")] == []


def test_a_work_in_press_is_not_asked_for_its_volume_and_pages(project: Callable[..., Path]) -> None:
    not_yet = "\n".join(line for line in ANSELL.splitlines() if not line.strip().startswith(("volume", "pages")))
    assert codes_for(project, not_yet.replace("year = {2008}", "year = {i trykk}")) == []
    assert [code for _, code, _ in codes_for(project, not_yet)] == ["bib-missing-field", "bib-missing-field"]
