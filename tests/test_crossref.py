"""`import --doi`, `import --berik` and the skipped duplicate with better data, on recorded real Crossref
responses (tests/fixtures/crossref/README.md says where each came from). No test uses the network."""

from __future__ import annotations

import errno
import io
import json
import textwrap
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.commands.crossref import MAX_RESPONSE, cache_path
from generator.commands.enrich import enrich
from generator.commands.importer import import_bibtex, import_doi
from generator.core import apa
from generator.core.diagnostics import Diagnostics
from generator.load.bibliography import parse_bibtex
from generator.load.normalise import normalise
from tests.conftest import SUMMARY

RECORDED = Path(__file__).parent / "fixtures" / "crossref"
WAGNER = "10.1177/02683962211048201"
SCHRYEN = "10.17705/1cais.04607"
NO_CONTACT = (
    "Merk: summary.yaml har ingen e-postadresse i kontakt, så Crossref ble spurt uten avsender (den offentlige, "
    "tregere køen). Skriv for eksempel kontakt: navn@ntnu.no i literature/summary.yaml; da kommer spørsmålene i "
    "Crossrefs «polite pool», og Crossref kan si fra om noe er galt."
)
# A base entry as a reference manager exported it: Title Case, no volume, number or pages.
SCHRYEN_IN_BASE = """
@article{schryen2021knowledge,
  author = {Schryen, Guido and Wagner, Gerit and Benlian, Alexander and Paré, Guy},
  title = {A Knowledge Development Perspective On Literature Reviews: Validation Of A New Typology In The IS Field},
  journal = {Communications of the Association for Information Systems},
  year = {2021},
  doi = {10.17705/1cais.04607}
}
"""


class Recorded:
    """An opener that answers from the recorded responses and remembers each request."""

    def __init__(self) -> None:
        self.requests: list[urllib.request.Request] = []

    def __call__(self, request: urllib.request.Request, *, timeout: float) -> io.BytesIO:
        self.requests.append(request)
        doi = urllib.request.unquote(request.full_url.removeprefix("https://api.crossref.org/works/").split("?")[0])
        return io.BytesIO((RECORDED / f"{doi.lower().replace('/', '_')}.json").read_bytes())


def failing(error: Exception) -> Callable[..., Any]:
    def opener(request: urllib.request.Request, *, timeout: float) -> io.BytesIO:
        raise error

    return opener


def answering(data: bytes) -> Callable[..., Any]:
    return lambda request, *, timeout: io.BytesIO(data)


def bib(root: Path) -> str:
    return (root / "literature/samverdi.bib").read_text("utf-8")


def test_import_by_doi_writes_the_entry_and_its_apa_reference(project: Callable[..., Path]) -> None:
    root = project()
    before = bib(root)
    opener = Recorded()
    report = import_doi(root, f"https://doi.org/{WAGNER}", opener=opener)
    assert (report.failure, [str(item) for item in report.diagnostics]) == (None, [])
    assert report.added == [("wagner2022artificial", WAGNER)]
    assert report.notes == [NO_CONTACT]
    written = bib(root).removeprefix(before)
    assert written == (
        "\n@article{wagner2022artificial,\n"
        '    author = "Wagner, Gerit and Lukyanenko, Roman and Paré, Guy",\n'
        '    title = "Artificial intelligence and the conduct of literature reviews",\n'
        '    year = "2022",\n'
        '    journal = "Journal of Information Technology",\n'
        '    volume = "37",\n'
        '    number = "2",\n'
        '    pages = "209--226",\n'
        '    issn = "0268-3962",\n'
        '    doi = "10.1177/02683962211048201"\n'
        "}\n"
    )
    (item,) = normalise(parse_bibtex(written, "literature/samverdi.bib", Diagnostics())).entries
    assert apa.format_reference(item.entry, apa.entry_year(item.entry)) == (
        "Wagner, G., Lukyanenko, R. &#38; Paré, G. (2022). Artificial intelligence and the conduct of literature "
        "reviews. <em>Journal of Information Technology</em>, <em>37</em>(2), 209–226. "
        '<a class="adresse" href="https://doi.org/10.1177/02683962211048201">'
        "https://doi.org/10.1177/02683962211048201</a>"
    )
    assert [request.full_url for request in opener.requests] == [f"https://api.crossref.org/works/{WAGNER}"]
    assert (root / cache_path(WAGNER)).read_bytes() == (RECORDED / "10.1177_02683962211048201.json").read_bytes()
    assert (root / "literature/sources/wagner2022artificial.yaml").is_file()


def test_affiliations_crossref_lists_as_authors_are_left_out_and_said(project: Callable[..., Path]) -> None:
    root = project()
    before = bib(root)
    report = import_doi(root, SCHRYEN, opener=Recorded())
    assert report.added == [("schryen2021knowledge", SCHRYEN)]
    assert report.notes[1] == (
        "Crossref oppgir også Paderborn University, University of Regensburg, University of Technology Darmstadt, "
        "HEC Montréal som forfatter; tatt ut (trolig en tilknytning, ikke en person)"
    )
    assert '    author = "Schryen, Guido and Wagner, Gerit and Benlian, Alexander and Paré, Guy",\n' in bib(
        root
    ).removeprefix(before)


def test_the_polite_pool_gets_the_contact_address(project: Callable[..., Path]) -> None:
    root = project(summary=SUMMARY + "kontakt: forsker@ntnu.no\n")
    opener = Recorded()
    report = import_doi(root, WAGNER, opener=opener)
    assert report.notes == []
    (request,) = opener.requests
    assert request.full_url == f"https://api.crossref.org/works/{WAGNER}?mailto=forsker%40ntnu.no"
    assert request.get_header("User-agent") == "samverdi-kunnskapsoppsummering/1.0 (mailto:forsker@ntnu.no)"


def test_a_cached_doi_is_never_fetched_again(project: Callable[..., Path]) -> None:
    root = project()
    (root / ".cache/crossref").mkdir(parents=True)
    (root / cache_path(WAGNER)).write_bytes((RECORDED / "10.1177_02683962211048201.json").read_bytes())
    report = import_doi(root, WAGNER.upper(), opener=failing(AssertionError("fetched")))
    assert (report.failure, report.added) == (None, [("wagner2022artificial", WAGNER)])
    assert report.notes == []  # no request, so no word about the missing contact address


def test_offline_is_a_norwegian_message_and_exit_1(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    before = bib(root)
    unreachable = urllib.error.URLError(OSError(errno.ENETUNREACH, "Network is unreachable"))
    monkeypatch.setattr(urllib.request, "urlopen", failing(unreachable))
    assert main(["import", "--root", str(root), "--doi", WAGNER]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"Fikk ikke hentet {WAGNER} fra Crossref: fikk ikke kontakt med api.crossref.org (nettet kan ikke nås). "
        "Er maskinen på nett? Prøv igjen når den er det; det som alt er hentet, ligger i .cache/crossref/ og hentes "
        "ikke på nytt. Ingenting er skrevet."
    )
    assert bib(root) == before and not (root / ".cache").exists()


def test_a_timeout_is_offline_too(project: Callable[..., Path]) -> None:
    report = import_doi(project(), WAGNER, opener=failing(TimeoutError("timed out")))
    assert report.failure is not None and "(fikk ikke svar innen 20 sekunder). Er maskinen på nett?" in report.failure


def test_a_bad_doi_is_refused_before_any_request(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    assert main(["import", "--root", str(root), "--doi", "10.1234"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "'10.1234' er ikke en DOI. Skriv den som 10.1234/abc, for eksempel "
        "make import DOI=10.1080/14719037.2014.930505 Ingenting er skrevet."
    )


def test_an_unknown_doi_is_a_404_message(project: Callable[..., Path]) -> None:
    not_found = urllib.error.HTTPError(f"https://api.crossref.org/works/{WAGNER}", 404, "Not Found", Message(), None)
    report = import_doi(project(), WAGNER, opener=failing(not_found))
    assert report.failure == (
        f"Fikk ikke hentet {WAGNER} fra Crossref: Crossref kjenner ikke DOI-en {WAGNER} (404). Sjekk den mot doi.org; "
        "en DOI fra DataCite (for eksempel Zenodo) eller mEDRA finnes ikke hos Crossref: importer da en eksport i stedet."
    )


def test_an_oversized_or_non_json_response_is_refused_and_not_cached(project: Callable[..., Path]) -> None:
    root = project()
    report = import_doi(root, WAGNER, opener=answering(b" " * (MAX_RESPONSE + 1)))
    assert report.failure == (
        f"Fikk ikke hentet {WAGNER} fra Crossref: svaret fra Crossref er større enn 2048 KiB, og det er ikke et verks "
        "metadata; importer en eksport fra referanseverktøyet i stedet."
    )
    report = import_doi(root, WAGNER, opener=answering(b"<html>Logg inn</html>"))
    assert report.failure == (
        f"Fikk ikke hentet {WAGNER} fra Crossref: svaret fra Crossref for {WAGNER} er ikke JSON (kanskje en feilside "
        "fra et nettverk som krever innlogging). Prøv igjen senere, eller fra et annet nett."
    )
    report = import_doi(root, WAGNER, opener=answering(b'{"status": "ok"}'))
    assert (
        report.failure
        == f"Fikk ikke hentet {WAGNER} fra Crossref: svaret fra Crossref for {WAGNER} beskriver ikke et verk; prøv igjen senere."
    )
    assert not (root / cache_path(WAGNER)).exists()


def test_berik_dry_run_prints_the_difference_and_changes_no_byte(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(bib=SCHRYEN_IN_BASE)
    before = (root / "literature/samverdi.bib").read_bytes()
    monkeypatch.setattr(urllib.request, "urlopen", Recorded())
    assert main(["import", "--root", str(root), "--berik"]) == 0
    assert capsys.readouterr().err.splitlines()[1:] == [
        "Sammenlignet 1 oppføring som har DOI, med Crossref.",
        "  literature/samverdi.bib:2: schryen2021knowledge: volume: (mangler) → 49",
        "  literature/samverdi.bib:2: schryen2021knowledge: number: (mangler) → 1",
        "  literature/samverdi.bib:2: schryen2021knowledge: pages: (mangler) → 134--186",
        "  literature/samverdi.bib:4: schryen2021knowledge: title: A Knowledge Development Perspective On Literature "
        "Reviews: Validation Of A New Typology In The IS Field → A Knowledge Development Perspective on Literature "
        "Reviews: Validation of a new Typology in the IS Field",
        "Ingenting er skrevet. Skriv forslagene inn med make berik SKRIV=1 (python -m generator import --berik --skriv).",
    ]
    assert (root / "literature/samverdi.bib").read_bytes() == before


def test_berik_skriv_writes_only_those_fields(project: Callable[..., Path]) -> None:
    root = project(bib=SCHRYEN_IN_BASE + "\n% en kommentar som blir stående\n")
    before = bib(root)
    report = enrich(root, write=True, opener=Recorded())
    assert (report.failure, [str(item) for item in report.diagnostics]) == (None, [])
    assert report.written == ["literature/samverdi.bib"]
    expected = before.replace(
        "{A Knowledge Development Perspective On Literature Reviews: Validation Of A New Typology In The IS Field}",
        "{A Knowledge Development Perspective on Literature Reviews: Validation of a new Typology in the IS Field}",
    ).replace(
        "  doi = {10.17705/1cais.04607}\n}",
        "  doi = {10.17705/1cais.04607},\n  volume = {49},\n  number = {1},\n  pages = {134--186}\n}",
    )
    assert bib(root) == expected != before
    again = enrich(root, write=True, opener=failing(AssertionError("fetched")))  # from the cache, nothing left
    assert (again.proposals, again.written) == ([], [])


def test_berik_offline_stops_with_exit_1(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(bib=SCHRYEN_IN_BASE)
    monkeypatch.setattr(urllib.request, "urlopen", failing(urllib.error.URLError("Name or service not known")))
    assert main(["import", "--root", str(root), "--berik", "--skriv"]) == 1
    err = capsys.readouterr().err
    assert (
        "literature/samverdi.bib:2:1: warning[crossref]: schryen2021knowledge: fikk ikke kontakt med api.crossref.org"
        in err
    )
    assert err.splitlines()[-2:] == [
        "Sammenlignet 0 oppføringer som har DOI, med Crossref.",
        "Stoppet: Crossref svarer ikke, så resten av oppføringene med DOI er ikke sammenlignet. Ingenting er skrevet.",
    ]


def test_a_skipped_duplicate_says_which_fields_it_could_add_but_not_a_first_edition(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project(bib=SCHRYEN_IN_BASE)
    export = tmp_path / "eksport.bib"
    export.write_text(
        textwrap.dedent(
            """
            @article{Schryen_2021,
              author = {Schryen, Guido and Wagner, Gerit},
              title = {A knowledge development perspective on literature reviews},
              journal = {Communications of the Association for Information Systems},
              year = {2021}, volume = {49}, number = {1}, pages = {134--186}, edition = {1},
              doi = {10.17705/1CAIS.04607}
            }
            """
        ),
        "utf-8",
    )
    report = import_bibtex(root, export)
    assert report.skipped == [
        (
            "Schryen_2021",
            "finnes alt som schryen2021knowledge (literature/samverdi.bib:2): samme DOI. Denne har felt som "
            "schryen2021knowledge mangler: volume = {49}, "
            "number = {1}, pages = {134--186}. Kjør make berik for å se forslaget fra Crossref (årgang, nummer, sider), "
            "eller legg dem til for hånd i literature/samverdi.bib:2",
        )
    ]


def test_berik_skriv_keeps_a_trailing_comma_and_leaves_an_entry_it_cannot_edit_plainly(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wagner = (
        '@string{jit = "Journal of Information Technology"}\n'
        "@article{wagner2022artificial,\n"
        "  author = {Wagner, Gerit and Lukyanenko, Roman and Paré, Guy},\n"
        '  title = "Artificial intelligence and " # "the conduct of literature reviews",\n'
        "  journal = jit, year = 2022,\n"
        "  doi = {10.1177/02683962211048201}}\n"
    )
    root = project(bib=SCHRYEN_IN_BASE.replace("1cais.04607}\n}", "1cais.04607},\n}") + wagner)
    before = bib(root)
    monkeypatch.setattr(urllib.request, "urlopen", Recorded())
    assert main(["import", "--root", str(root), "--berik", "--skriv"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[1] == (
        "literature/samverdi.bib:10:1: warning[crossref]: wagner2022artificial: oppføringen er ikke skrevet i vanlig "
        'form (verdier i { }, " " eller tall), så forslagene er ikke skrevet inn; legg dem til for hånd'
    )
    assert err[-1] == "Skrev 4 felt i literature/samverdi.bib. Se over endringene med git diff."
    assert bib(root) == before.replace(
        "Of A New Typology In The IS Field}", "of a new Typology in the IS Field}"
    ).replace("Perspective On", "Perspective on").replace("Reviews: Validation Of", "Reviews: Validation of").replace(
        "1cais.04607},\n}", "1cais.04607},\n  volume = {49},\n  number = {1},\n  pages = {134--186},\n}"
    )


@pytest.mark.parametrize("odd", [5, "Ola Nordmann", {"family": "Nordmann"}, [{"family": {"x": 1}}, 7, None]])
def test_a_crossref_message_of_the_wrong_shape_gives_no_internal_error(
    project: Callable[..., Path], odd: object
) -> None:
    message = json.loads((RECORDED / "10.17705_1cais.04607.json").read_text("utf-8"))
    for name in ("author", "title", "volume", "issued", "type", "page"):
        message["message"][name] = odd
    report = import_doi(project(), SCHRYEN, opener=answering(json.dumps(message).encode()))
    assert report.failure is None
    assert [str(item) for item in report.diagnostics] == []
    key = "2021ola" if odd == "Ola Nordmann" else "2021"  # no author: the key is the year (from published-online)
    assert report.added == [(key, SCHRYEN)]


def test_berik_keeps_a_title_in_sentence_case_that_crossref_has_in_title_case(project: Callable[..., Path]) -> None:
    sentence_case = SCHRYEN_IN_BASE.replace(
        "A Knowledge Development Perspective On Literature Reviews: Validation Of A New Typology In The IS Field",
        "A knowledge development perspective on literature reviews: Validation of a new typology in the {IS} field",
    )
    report = enrich(project(bib=sentence_case), opener=Recorded())
    assert [str(proposal) for proposal in report.proposals] == [
        "literature/samverdi.bib:2: schryen2021knowledge: volume: (mangler) → 49",
        "literature/samverdi.bib:2: schryen2021knowledge: number: (mangler) → 1",
        "literature/samverdi.bib:2: schryen2021knowledge: pages: (mangler) → 134--186",
    ]


def test_importing_a_doi_the_base_has_says_what_crossref_could_add(project: Callable[..., Path]) -> None:
    root = project(bib=SCHRYEN_IN_BASE)
    before = bib(root)
    report = import_doi(root, SCHRYEN, opener=Recorded())
    assert report.added == []
    assert report.skipped == [
        (
            SCHRYEN,
            "finnes alt som schryen2021knowledge (literature/samverdi.bib:2): samme DOI. Denne har felt som "
            "schryen2021knowledge mangler: volume = {49}, "
            "number = {1}, pages = {134--186}, issn = {1529-3181}. Kjør make berik for å se forslaget fra Crossref "
            "(årgang, nummer, sider), eller legg dem til for hånd i literature/samverdi.bib:2",
        )
    ]
    assert bib(root) == before


def test_berik_proposes_no_volume_that_is_not_a_number_even_from_an_edited_cache(project: Callable[..., Path]) -> None:
    root = project(bib=SCHRYEN_IN_BASE)
    recorded = json.loads((RECORDED / "10.17705_1cais.04607.json").read_text("utf-8"))
    recorded["message"]["volume"] = "7 \\href{https://evil.example/}{klikk}"
    recorded["message"]["page"] = "1-9 % kommentar"
    cached = root / cache_path("10.17705/1cais.04607")
    cached.parent.mkdir(parents=True)
    cached.write_text(json.dumps(recorded), "utf-8")
    report = enrich(root, opener=failing(AssertionError("fetched")))
    assert [(item.field, item.proposed) for item in report.proposals if item.field != "title"] == [("number", "1")]
