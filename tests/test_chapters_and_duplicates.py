"""Chapters in both exporters' shapes, a crossref parent in the base, theses, and when an import is a duplicate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pybtex.database import Entry, Person

from generator.check.work_identity import isbn13, isbns, normalised_text, work_identity
from generator.commands.importer import import_bibtex
from generator.pipeline import check
from tests.conftest import ANSELL, SOURCE
from tests.test_diagnostics import warnings_of
from tests.test_import_formats import added, references
from tests.test_reference_managers import EXPORTS, HEIMBURG_CHAPTER

# The base's entry for Røiseland and Vabo (2016), as literature/samverdi.bib has it.
ROISELAND = """
@book{roiseland2016styring,
  author = {Røiseland, Asbjørn and Vabo, Signy Irene},
  title = {Styring og samstyring. Governance på norsk},
  publisher = {Fagbokforlaget},
  address = {Bergen},
  year = {2016},
  language = {norwegian}
}
"""
THOMASSEN = """
@book{thomassen2021processual,
  editor = {Thomassen, Anja Overgaard and Jensen, Julie Borup},
  title = {Processual perspectives on the co-production turn in public sector organizations},
  publisher = {IGI Global},
  year = {2021},
  isbn = {9781799849759}
}
"""
# Synthetic: a book whose only chapter Crossref registers under the book's own title.
LOKALDEMOKRATI = """
@book{nordmann2022lokaldemokrati,
  editor = {Nordmann, Kari},
  title = {Lokaldemokrati i endring},
  publisher = {Universitetsforlaget},
  year = {2022},
  isbn = {82-15-00000-8}
}
"""


def imported(project: Callable[..., Path], base: str, export: str) -> tuple[list[tuple[str, str]], str]:
    root = project(bib=ANSELL + base)
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / export)
    assert [str(item) for item in report.diagnostics] == []
    return report.skipped, added(root, before)


def test_a_scopus_chapter_exported_as_a_book_is_a_chapter(project: Callable[..., Path]) -> None:
    skipped, written = imported(project, "", "scopus-chapter.bib")
    assert skipped == []
    assert written.startswith(
        "\n@incollection{nordmann2021samskaping,\n"
        '    author = "Nordmann, Kari and Berg, Ola",\n'
        '    editor = "Hansen, Per and Olsen, Lise",\n'
        '    title = "Samskaping som styringsform",\n'
    )
    assert '    booktitle = "Samskaping i nordiske kommuner"\n' in written
    assert "journal" not in written and "scopus.com" not in written and "Privat" not in written
    assert references(written) == {
        "nordmann2021samskaping": "Nordmann, K. &#38; Berg, O. (2021). Samskaping som styringsform. "
        "I P. Hansen &#38; L. Olsen (Red.), <em>Samskaping i nordiske kommuner</em> (s. 123–145). Taylor and Francis. "
        '<a class="adresse" href="https://doi.org/10.5555/9781000000001-7">https://doi.org/10.5555/9781000000001-7</a>'
    }


def test_a_crossref_chapter_titled_as_its_book_is_not_the_book(project: Callable[..., Path]) -> None:
    skipped, written = imported(project, LOKALDEMOKRATI, "crossref-inbook.bib")
    assert skipped == []
    assert written.startswith("\n@incollection{nordmann2022lokaldemokratia,\n")
    assert references(written) == {
        "nordmann2022lokaldemokratia": "Nordmann, K. (2022). Lokaldemokrati i endring. I <em>Lokaldemokrati i endring</em> "
        "(s. 11–24). Universitetsforlaget. "
        '<a class="adresse" href="https://doi.org/10.5555/9788215000002-1">https://doi.org/10.5555/9788215000002-1</a>'
    }


def test_the_check_does_not_call_a_chapter_titled_as_its_book_a_duplicate(project: Callable[..., Path]) -> None:
    chapter = (
        "@incollection{nordmann2022kapittel, author = {Nordmann, Kari}, title = {Lokaldemokrati i endring},"
        " booktitle = {Lokaldemokrati i endring}, publisher = {Universitetsforlaget}, year = {2022}, pages = {11--24}}"
    )
    sources = {key: SOURCE for key in ("ansell2008collaborative", "nordmann2022lokaldemokrati", "nordmann2022kapittel")}
    assert warnings_of(project(bib=ANSELL + LOKALDEMOKRATI + chapter, sources=sources)) == []
    book_again = LOKALDEMOKRATI.replace("nordmann2022lokaldemokrati", "nordmann2022kapittel").replace("isbn", "note")
    diagnostics, _ = check(project(bib=ANSELL + LOKALDEMOKRATI + book_again, sources=sources))
    assert [str(item) for item in diagnostics] == [
        "literature/samverdi.bib:22:1: warning[duplicate-title]: 'nordmann2022kapittel' har samme tittel, år og "
        "førsteforfatter som 'nordmann2022lokaldemokrati' (literature/samverdi.bib:14); slå dem sammen hvis det er "
        "samme kilde"
    ]


def test_a_jabref_chapter_whose_book_was_imported_before_takes_the_book_from_the_base(
    project: Callable[..., Path],
) -> None:
    root = project(bib=ANSELL + THOMASSEN)
    # The book came in earlier from JabRef as Thomassen2021: the key map knows its key in the base.
    (root / "literature/importerte-nokler.yaml").write_text('"Thomassen2021": thomassen2021processual\n', "utf-8")
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "jabref-chapter.bib")
    assert [str(item) for item in report.diagnostics] == []
    assert (report.added, report.skipped) == ([("vonheimburg2021cocreation", "vonHeimburg2021")], [])
    written = added(root, before)
    assert references(written) == {"vonheimburg2021cocreation": HEIMBURG_CHAPTER}
    assert "thomassen2021processual" not in written  # the book is not written again


def test_a_chapter_may_name_its_book_by_the_base_key(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL + THOMASSEN)
    export = root / "eksport.bib"
    export.write_text(
        (EXPORTS / "jabref-chapter.bib").read_text("utf-8").replace("{Thomassen2021}", "{thomassen2021processual}"),
        "utf-8",
    )
    report = import_bibtex(root, export)
    assert report.added == [("vonheimburg2021cocreation", "vonHeimburg2021")]


@pytest.mark.parametrize(
    ("export", "old_key"), [("oria-duplicate.ris", "post1"), ("oria-duplicate.bib", "alma991000000000702201")]
)
def test_oria_s_catalogue_title_is_the_base_s_book(project: Callable[..., Path], export: str, old_key: str) -> None:
    skipped, written = imported(project, ROISELAND, export)
    assert written == ""  # roiseland2016styring keeps its citation (2016, not 2016b)
    assert skipped == [
        (
            old_key,
            "finnes alt som roiseland2016styring (literature/samverdi.bib:14): samme tittel, år og førsteforfatter",
        )
    ]


def test_an_isbn_10_is_the_same_book_as_its_isbn_13(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL + LOKALDEMOKRATI)
    export = root / "eksport.bib"
    export.write_text(
        "@book{lok, editor = {Nordmann, K.}, title = {Lokaldemokrati}, year = {2022}, isbn = {978-82-15-00000-8}}",
        "utf-8",
    )
    report = import_bibtex(root, export)
    assert report.skipped == [
        ("lok", "finnes alt som nordmann2022lokaldemokrati (literature/samverdi.bib:14): samme ISBN")
    ]


def test_the_same_work_twice_in_one_export_is_added_once(project: Callable[..., Path]) -> None:
    root = project()
    export = root / "eksport.bib"
    export.write_text(
        "@book{a, author = {Nordmann, Kari}, title = {Tillit : en studie}, year = {2020}}\n"
        "@book{b, author = {Nordmann, K.}, title = {Tillit. En studie}, year = {[2020]}}\n",
        "utf-8",
    )
    report = import_bibtex(root, export)
    assert report.added == [("nordmann2020tillit", "a")]
    assert report.skipped == [
        (
            "b",
            "finnes alt som nordmann2020tillit (lagt til fra den samme eksporten): samme tittel, år og førsteforfatter",
        )
    ]


def test_identity_normalises_title_and_isbn_and_tells_a_chapter_from_its_book() -> None:
    assert (
        normalised_text("Styring og samstyring : governance på  norsk") == "styring og samstyring governance på norsk"
    )
    assert (
        normalised_text("Styring og samstyring. Governance p{\\aa} norsk")
        == "styring og samstyring governance på norsk"
    )
    assert isbn13("0-306-40615-2") == "9780306406157"
    assert isbn13("978-0-306-40615-7") == "9780306406157"
    assert isbn13("123") == ""
    assert isbns("978-100000000-1; 0-306-40615-2") == {"9781000000001", "9780306406157"}
    book = Entry("book", {"title": "Boka", "year": "2020", "isbn": "0-306-40615-2"}, {"editor": [Person("Berg, Ola")]})
    chapter = Entry("incollection", {"title": "Boka", "year": "2020", "isbn": "0-306-40615-2"})
    chapter.add_person(Person("Berg, Ola"), "author")
    assert work_identity(book).marks() == [
        ("samme ISBN", "verk isbn 9780306406157"),
        ("samme tittel, år og førsteforfatter", "verk tittel ('boka', '2020', 'berg')"),
    ]
    assert work_identity(chapter).marks() == [
        ("samme tittel, år og førsteforfatter", "del tittel ('boka', '2020', 'berg')")
    ]


def test_pure_theses_follow_norwegian_apa_7(project: Callable[..., Path]) -> None:
    """The three forms in UiT's Norwegian APA 7 collection (https://uit.no/ub/eksempelsamlinger/samling?p_document_id=724067)
    and APA 7 section 10.6: archived (a URL), printed (an ISBN), unpublished (neither)."""
    skipped, written = imported(project, "", "pure-thesis.bib")
    assert skipped == []
    assert "Privat" not in written
    assert references(written) == {
        "nordmann2023samskaping": "Nordmann, K. (2023). <em>Samskaping i små kommuner</em> "
        "&#91;Doktorgradsavhandling, Nord universitet&#93;. Nord Open. "
        '<a class="adresse" href="https://nordopen.nord.no/nord-xmlui/handle/11250/3000001">'
        "https://nordopen.nord.no/nord-xmlui/handle/11250/3000001</a>",
        "berg2022tillit": "Berg, O. (2022). <em>Tillit i interkommunalt samarbeid</em> &#91;Doktorgradsavhandling&#93;. "
        "Nord universitet.",
        "hansen2024innbyggerdialog": "Hansen, L. (2024). <em>Innbyggerdialog i kommuneplanarbeid</em> "
        "&#91;Upublisert masteroppgave&#93;. Nord universitet.",
    }


def test_a_ris_chapter_titled_as_its_book_is_added_beside_the_book(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL + LOKALDEMOKRATI)
    export = root / "eksport.ris"
    export.write_text(
        "TY  - CHAP\nTI  - Lokaldemokrati i endring\nT2  - Lokaldemokrati i endring\nAU  - Nordmann, Kari\n"
        "PY  - 2022\nSP  - 11\nEP  - 24\nPB  - Universitetsforlaget\nSN  - 9788215000008\nER  - \n",
        "utf-8",
    )
    report = import_bibtex(root, export)
    assert (report.added, report.skipped) == ([("nordmann2022lokaldemokratia", "post1")], [])


def test_an_xdata_parent_in_the_base_gives_its_fields(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL + "\n@xdata{universitetsforlaget, publisher = {Universitetsforlaget}}\n")
    export = root / "eksport.bib"
    export.write_text(
        "@incollection{kap, author = {Nordmann, Kari}, title = {Kapittel}, booktitle = {Boka}, year = {2022},"
        " pages = {1--9}, xdata = {universitetsforlaget}}",
        "utf-8",
    )
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, export)
    assert (report.added, report.skipped) == ([("nordmann2022kapittel", "kap")], [])
    assert references(added(root, before)) == {
        "nordmann2022kapittel": "Nordmann, K. (2022). Kapittel. I <em>Boka</em> (s. 1–9). Universitetsforlaget."
    }


# Synthetic: a work the reference manager had as forthcoming, exported again once it had its year.
FORTHCOMING = """
@article{Testforfatter_forthcoming,
  author = {Testforfatter, Kari},
  title = {Syntetisk samskaping i en tenkt kommune},
  journal = {Journal of Synthetic Studies},
  year = {forthcoming},
}
"""


def test_an_export_imported_again_after_it_changed_is_the_work_imported_before(
    project: Callable[..., Path],
) -> None:
    root = project(bib=ANSELL)
    export = root / "eksport.bib"
    export.write_text(FORTHCOMING, "utf-8")
    assert import_bibtex(root, export).added == [("testforfattersyntetisk", "Testforfatter_forthcoming")]
    key_map = (root / "literature/importerte-nokler.yaml").read_text("utf-8")
    bib = (root / "literature/samverdi.bib").read_text("utf-8")
    export.write_text(FORTHCOMING.replace("{forthcoming}", "{2027}").replace("{Journal", "{The Journal"), "utf-8")
    report = import_bibtex(root, export)
    assert [str(item) for item in report.diagnostics] == []
    assert (report.added, report.skipped) == (
        [],
        [
            (
                "Testforfatter_forthcoming",
                "ble importert før som testforfattersyntetisk (literature/samverdi.bib:14; "
                "literature/importerte-nokler.yaml:2), og eksporten har endret year {i trykk} → {2027}, "
                "journal {Journal of Synthetic Studies} → {The Journal of Synthetic Studies}. Stemmer endringen, "
                "rett testforfattersyntetisk for hånd i literature/samverdi.bib:14 (nøkkelen blir den samme, så "
                "henvisningene virker fortsatt)",
            )
        ],
    )
    # Nothing is written: the work is not in samverdi.bib twice, its key not in the key map twice.
    assert (root / "literature/importerte-nokler.yaml").read_text("utf-8") == key_map
    assert (root / "literature/samverdi.bib").read_text("utf-8") == bib


def test_a_key_imported_before_whose_entry_was_deleted_is_not_imported_under_a_second_line(
    project: Callable[..., Path],
) -> None:
    root = project(bib=ANSELL)
    (root / "literature/importerte-nokler.yaml").write_text('"Testforfatter_forthcoming": slettet2027\n', "utf-8")
    export = root / "eksport.bib"
    export.write_text(FORTHCOMING, "utf-8")
    assert import_bibtex(root, export).skipped == [
        (
            "Testforfatter_forthcoming",
            "ble importert før som slettet2027 (literature/importerte-nokler.yaml:1), som ikke finnes i literature/ "
            "lenger; fjern linje 1 i literature/importerte-nokler.yaml for å importere den på nytt",
        )
    ]


def test_a_key_map_with_a_key_twice_stops_the_import_and_the_check_names_both_lines(
    project: Callable[..., Path],
) -> None:
    root = project(bib=ANSELL)
    (root / "literature/importerte-nokler.yaml").write_text(
        '# Nøklene\n"Eksport1": ansell2008collaborative\n"Eksport1": ansell2008annen\n', "utf-8"
    )
    expected = (
        "literature/importerte-nokler.yaml:3:1: error[yaml-duplicate-key]: nøkkelen 'Eksport1' står to ganger "
        "(første gang på linje 2); slå de to sammen eller fjern den ene"
    )
    export = root / "eksport.bib"
    export.write_text(FORTHCOMING, "utf-8")
    report = import_bibtex(root, export)
    assert ([str(item) for item in report.diagnostics], report.added) == ([expected], [])
    diagnostics, _ = check(root)
    assert [str(item) for item in diagnostics] == [expected]
