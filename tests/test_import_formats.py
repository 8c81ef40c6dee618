"""`generator import` reads RIS and CSL-JSON as it reads BibTeX: format by content, one path, only public fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.formats import detect
from generator.commands.importer import import_bibtex
from generator.core import apa
from generator.core.diagnostics import Diagnostics
from generator.load.bibliography import parse_bibtex
from generator.load.normalise import normalise
from tests.test_reference_managers import EXPORTS, HEIMBURG_CHAPTER, OSBORNE_ARTICLE

VAN_KLEEF = (
    "van Kleef, D. &#38; van Eijk, C. (2016). In or out: Developing a categorization of different types of "
    "co-production by using the critical case of Dutch food safety services. <em>International Journal of Public "
    "Administration</em>, <em>39</em>(13), 1044–1055. "
    '<a class="adresse" href="https://doi.org/10.1080/01900692.2016.1177837">'
    "https://doi.org/10.1080/01900692.2016.1177837</a>"
)


def added(root: Path, before: str) -> str:
    return (root / "literature/samverdi.bib").read_text("utf-8").removeprefix(before)


def references(bibtex: str) -> dict[str, str]:
    entries = normalise(parse_bibtex(bibtex, "literature/samverdi.bib", Diagnostics())).entries
    return {item.key: apa.format_reference(item.entry, apa.entry_year(item.entry)) for item in entries}


def test_the_format_is_told_by_content_not_by_name() -> None:
    assert detect("\ufeffTY  - JOUR\r\nER  - \r\n".removeprefix("\ufeff")) == "ris"
    assert detect('[{"type": "book", "title": "T"}]') == "csl-json"
    assert detect("% kommentar\n@Article{a, title = {T}}") == "bibtex"
    assert detect('{"name": "package.json"}') is None
    assert detect("Tittel\tForfatter\n") is None


def test_scopus_ris_with_bom_and_crlf_is_imported(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "scopus.ris")
    assert [str(item) for item in report.diagnostics] == []
    assert report.added == [("osborne2006new", "post1")]
    written = added(root, before)
    assert written == (
        "\n@article{osborne2006new,\n"
        '    author = "Osborne, S. P.",\n'
        '    title = "The new public governance?",\n'
        '    year = "2006",\n'
        '    journal = "Public Management Review",\n'
        '    volume = "8",\n'
        '    number = "3",\n'
        '    pages = "377--387",\n'
        '    doi = "10.1080/14719030600853022"\n'
        "}\n"
    )
    assert references(written) == {"osborne2006new": OSBORNE_ARTICLE}
    assert "Privat" not in written and "SAMVERDI" not in written and "Cited" not in written


THOMASSEN_BOOK = (
    "Thomassen, A. O. &#38; Jensen, J. B. (Red.). (2021). <em>Processual perspectives on the co-production turn in "
    "public sector organizations</em>. IGI Global."
)


@pytest.mark.parametrize(
    ("export", "expected"),
    [
        # EndNote's title is in sentence case already, with `dutch` as written there: kept as it is.
        ("endnote.ris", {"vankleef2016out": VAN_KLEEF.replace("case of Dutch", "case of dutch")}),
        ("oria.ris", {"thomassen2021processual": THOMASSEN_BOOK}),
    ],
)
def test_ris_exports_render_exact_norwegian_apa(
    project: Callable[..., Path], export: str, expected: dict[str, str]
) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / export)
    assert [str(item) for item in report.diagnostics] == []
    written = added(root, before)
    assert references(written) == expected
    for private in ("Privat", "file:", "co-production\n", "Emneord", "Hershey", "Public administration"):
        assert private not in written


def test_web_of_science_initials_and_its_first_issn(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "wos.ris")
    assert report.added == [("osborne2006new", "post1")]
    written = added(root, before)
    assert '    author = "Osborne, S. P.",\n' in written and '    issn = "1471-9037",\n' in written
    assert "WOS:" not in written and "Privat" not in written


def test_web_of_science_bibtex_braces_around_every_value_are_taken_off_numbers_and_identifiers(
    project: Callable[..., Path],
) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "wos-names-case.bib")
    assert [key for key, _ in report.added][:2] == ["hansen2020cocreation", "hansen2020citizen"]
    written = added(root, before)
    assert '    year = "2020",\n' in written and '    doi = "10.5555/spa.2020.0010",\n' in written
    assert '    pages = "10--29",\n' in written or '    pages = "10-29",\n' in written
    assert "{2020}" not in written and "{10.5555" not in written


def test_an_underscore_in_a_doi_or_address_stays_a_plain_underscore(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    ris = tmp_path / "eksport.ris"
    ris.write_text(
        "TY  - JOUR\nAU  - Testesen, Kari\nTI  - En syntetisk artikkel\nPY  - 2025\nT2  - Syntetisk tidsskrift\n"
        "DO  - 10.5555/abc_def.2025\nUR  - https://nva.sikt.no/registration/a_b\nER  - \n",
        "utf-8",
    )
    mendeley = tmp_path / "mendeley.bib"
    mendeley.write_text(
        "@article{Prøvesen2019,\nauthor = {Prøvesen, Ola},\ntitle = {{En annen syntetisk artikkel}},\n"
        "journal = {Syntetisk tidsskrift},\nyear = {2019},\ndoi = {10.5555/xyz{\\_}2019}\n}\n",
        "utf-8",
    )
    assert import_bibtex(root, ris).added and import_bibtex(root, mendeley).added
    written = added(root, before)
    assert (
        '    doi = "10.5555/abc_def.2025",\n' in written
        and '    url = "https://nva.sikt.no/registration/a_b"' in written
    )
    assert '    doi = "10.5555/xyz_2019"\n' in written and "\\_" not in written


def test_zotero_ris_chapter_with_editors_and_a_known_work_skipped(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "zotero.ris")
    assert [str(item) for item in report.diagnostics] == []
    assert report.added == [("vonheimburg2021cocreation", "post1")]
    assert report.skipped == [
        ("post2", "finnes alt som ansell2008collaborative (literature/samverdi.bib:2): samme DOI")
    ]
    written = added(root, before)
    assert references(written) == {"vonheimburg2021cocreation": HEIMBURG_CHAPTER}
    assert "/home/" not in written and "Lest" not in written


def test_crossref_csl_json_is_imported(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "crossref.json")
    assert [str(item) for item in report.diagnostics] == []
    assert report.added == [("vankleef2016out", "post1")]
    written = added(root, before)
    assert references(written) == {"vankleef2016out": VAN_KLEEF}
    assert "Informa" not in written and "Privat" not in written


def test_zotero_csl_json_keeps_its_id_in_the_key_map(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    report = import_bibtex(root, EXPORTS / "zotero-csl.json")
    assert report.added == [("osborne2006new", "http://zotero.org/users/1234567/items/ABCD2345")]
    assert references(added(root, before)) == {"osborne2006new": OSBORNE_ARTICLE}
    assert '"http://zotero.org/users/1234567/items/ABCD2345": osborne2006new' in (
        root / "literature/importerte-nokler.yaml"
    ).read_text("utf-8")


def test_an_unknown_format_is_a_located_error_and_exit_1(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    export = root / "eksport.txt"
    export.write_text("Forfatter;Tittel;År\nOsborne;The new public governance?;2006\n", "utf-8")
    assert main(["import", str(export), "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{export.as_posix()}:1:1: error[unknown-format]: filen er verken BibTeX/BibLaTeX (@article{{…), "
        "RIS (TY  - …) eller CSL-JSON; eksporter kildene i ett av disse formatene fra referanseverktøyet"
    )


def test_a_missing_file_is_a_located_error_and_exit_1(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    assert main(["import", str(root / "finnes-ikke.ris"), "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{(root / 'finnes-ikke.ris').as_posix()}:1:1: error[unreadable-file]: kunne ikke lese filen: "
        "filen eller mappen finnes ikke (sjekk navnet og hvor den ligger)"
    )


def test_hostile_ris_values_stay_inert_text(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    export = root / "eksport.ris"
    export.write_text(
        "TY  - BOOK\nAU  - Nordmann, Kari\nTI  - {Oslo} @string{x = y} \\par 100% & co_op #1\nPY  - 2020\n"
        "PB  - Forlag\nER  - \n",
        "utf-8",
    )
    report = import_bibtex(root, export)
    assert [str(item) for item in report.diagnostics] == []
    written = added(root, before)
    assert '    title = "{Oslo} @string{x = y} \\textbackslash{}par 100\\% \\& co\\_op \\#1",\n' in written
    assert references(written) == {
        # braces protect, as in any BibTeX value; the rest is escaped text on the page
        "nordmann2020oslo": "Nordmann, K. (2020). <em>Oslo @stringx = y &#92;par 100% &#38; co&#95;op &#35;1</em>. "
        "Forlag."
    }


@pytest.mark.parametrize(
    ("title", "expected"),
    [  # the record's TY line for a value; the character itself where the file's own gate finds it
        (
            "Slutt} @article{inject, title = {x",
            "4:1: error[bib-syntax]: verdien i TI (tittel) har en klammeparentes { eller } uten make; "
            "slett den, eller skriv den andre",
        ),
        (
            "Tittel\u202e",
            "5:13: error[invisible-character]: filen har et usynlig formateringstegn",
        ),
    ],
)
def test_hostile_ris_values_are_located_errors(project: Callable[..., Path], title: str, expected: str) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    export = root / "eksport.ris"
    export.write_text(f"TY  - JOUR\nER  - \n\nTY  - BOOK\nTI  - {title}\nPY  - 2020\nER  - \n", "utf-8")
    report = import_bibtex(root, export)
    (diagnostic,) = report.diagnostics
    assert str(diagnostic).startswith(f"{export.as_posix()}:{expected}")
    assert report.added == [] and (root / "literature/samverdi.bib").read_text("utf-8") == before


def test_a_control_character_from_a_json_escape_is_refused(project: Callable[..., Path]) -> None:
    root = project()
    export = root / "eksport.json"
    record = {"id": "a", "type": "book", "title": "Tittel\u0007\nlinje", "issued": {"date-parts": [[2020]]}}
    export.write_text(json.dumps([record]), "utf-8")
    report = import_bibtex(root, export)
    assert [item.code for item in report.diagnostics] == ["control-character"]
    assert str(next(iter(report.diagnostics))).startswith(
        f"{export.as_posix()}:1:1: error[control-character]: verdien i post 1, feltet title har et kontrolltegn"
    )
    assert report.added == []


def test_a_csl_value_with_a_line_break_at_string_and_quotes_reads_back_exactly(project: Callable[..., Path]) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    export = root / "eksport.json"
    record = {
        "id": "x y",  # not a BibTeX key: the entry is numbered instead
        "type": "book",
        "title": "Første linje\nandre @string{a} {b}",
        "author": [{"family": "Nordmann", "given": "Kari"}],
        "publisher": 'Forlag "A"',
        "issued": {"date-parts": [[2020]]},
    }
    export.write_text(json.dumps([record]), "utf-8")
    report = import_bibtex(root, export)
    assert [str(item) for item in report.diagnostics] == []
    assert report.added == [("nordmann2020forste", "post1")]
    (item,) = parse_bibtex(added(root, before), "literature/samverdi.bib", Diagnostics())
    assert dict(item.entry.fields) == {
        "title": "Første linje andre @string{a} {b}",
        "year": "2020",
        "publisher": 'Forlag "A"',
    }


# Synthetic records: the second one has two people on one AU line.
COMMAS_RIS = """\
TY  - JOUR
AU  - Hansen, Kari
TI  - A synthetic first title
JO  - Journal of Synthetic Studies
PY  - 2020
ER  -

TY  - JOUR
TI  - A synthetic second title
AU  - Hansen, Kari, Berg, Ola
JO  - Journal of Synthetic Studies
PY  - 2020
ER  -
"""


def test_people_separated_by_commas_in_ris_are_a_located_error_on_their_own_record(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    before = (root / "literature/samverdi.bib").read_text("utf-8")
    export = root / "eksport.ris"
    export.write_text(COMMAS_RIS, "utf-8")
    assert main(["import", str(export), "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{export.as_posix()}:8:1: error[bib-name]: navnet 'Hansen, Kari, Berg, Ola' i AU (forfatter) har for mange "
        "komma; skriv hver person for seg (i RIS én linje per person: AU  - Hansen, Kari og AU  - Berg, Ola), og "
        "eksporter på nytt",
        "Stoppet (se over). Ingenting er skrevet.",
    ]
    assert added(root, before) == ""
