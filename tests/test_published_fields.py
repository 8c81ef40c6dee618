"""Only the allow-listed fields reach a page or a download: keywords on request, no publisher's
address, no citation-index tracking address; and the Norwegian archives and institutes are
recognised provenance hosts. The entries are synthetic, written as Paperpile, Web of Science and Scopus export them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.provenance import is_recognised
from generator.pipeline import build, check
from generator.write.cache import CACHE_FILE
from tests.conftest import ANSELL, SUMMARY

# Paperpile writes its labels (here the project's private tags) into `keywords`.
PAPERPILE = ANSELL.replace("  language = {english}\n", "  language = {english},\n  keywords = {SAMVERDI-intern;AP7}\n")
# Web of Science writes the publisher's street address; biblatex exporters call it `location`.
WEB_OF_SCIENCE = ANSELL.replace(
    "  language = {english}\n",
    "  language = {english},\n  publisher = {OXFORD UNIV PRESS INC},\n"
    "  address = {JOURNALS DEPT, 2001 EVANS RD, CARY, NC 27513 USA},\n  location = {Cary, NC}\n",
)
SCOPUS_URL = (
    "https://www.scopus.com/inward/record.uri?eid=2-s2.0-0000000000&doi=10.1093%2fjopart%2fmum032"
    "&partnerID=40&md5=0123456789abcdef0123456789abcdef"
)
SCOPUS = ANSELL.replace("  language = {english}\n", f"  language = {{english}},\n  url = {{{SCOPUS_URL}}}\n")


def downloads(root: Path) -> str:
    folder = root / "docs/nedlastinger"
    return "".join((folder / name).read_text("utf-8-sig") for name in ("alle.bib", "alle.ris", "alle.json", "alle.csv"))


def published(root: Path) -> str:
    """Every generated page and download (not the build's own cache of its messages)."""
    assert build(root).report is not None
    files = sorted(path for path in (root / "docs").rglob("*") if path.is_file() and path.name != CACHE_FILE.name)
    return "".join(path.read_text("utf-8-sig") for path in files)


def test_keywords_are_private_by_default(project: Callable[..., Path]) -> None:
    text = published(project(bib=PAPERPILE))
    assert "SAMVERDI-intern" not in text and "AP7" not in text


def test_keywords_are_published_when_summary_opts_in(project: Callable[..., Path]) -> None:
    root = project(bib=PAPERPILE, summary=SUMMARY + "publiser_emneord: true\n")
    assert build(root).report is not None
    folder = root / "docs/nedlastinger"
    assert "KW  - SAMVERDI-intern\nKW  - AP7" in (folder / "alle.ris").read_text("utf-8")
    assert json.loads((folder / "alle.json").read_text("utf-8"))[0]["keyword"] == "SAMVERDI-intern, AP7"
    assert 'keywords = "SAMVERDI-intern;AP7"' in (folder / "alle.bib").read_text("utf-8")


def test_the_opt_in_is_a_boolean(project: Callable[..., Path]) -> None:
    diagnostics, _ = check(project(summary=SUMMARY + "publiser_emneord: ja\n"))
    assert [(item.path, item.code) for item in diagnostics] == [("literature/summary.yaml", "wrong-type")]


def test_publisher_address_and_location_are_never_published(project: Callable[..., Path]) -> None:
    text = published(project(bib=WEB_OF_SCIENCE))
    assert "EVANS RD" not in text and "Cary" not in text
    assert "OXFORD UNIV PRESS INC" in downloads(project(bib=WEB_OF_SCIENCE))


def test_a_scopus_address_is_dropped_with_a_warning_and_the_doi_kept(project: Callable[..., Path]) -> None:
    root = project(bib=SCOPUS)
    diagnostics, model = check(root)
    assert [(item.line, item.code, item.message) for item in diagnostics] == [
        (
            2,
            "bib-tracking-url",
            "nettadressen i ansell2008collaborative ('https://www.scopus.com/inward/record.uri?eid=2-s2.0-00000000') "
            "er en post i Scopus, Web of Science eller en bibliotekskatalog (Oria), ikke verket selv; den "
            "vises ikke. Slett url, eller skriv inn forlagets eller arkivets adresse (DOI-en lenker til verket)",
        )
    ]
    assert model is not None
    (source,) = model.sources
    assert (source.url, source.doi_url) == (None, "https://doi.org/10.1093/jopart/mum032")
    assert "scopus" not in published(root)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.webofscience.com/wos/woscc/full-record/WOS:000000000000001",
        "http://gateway.webofknowledge.com/gateway/Gateway.cgi?GWVersion=2&SrcApp=x&KeyUT=WOS:000000000000001",
        "https://www2.scopus.com/inward/record.uri?eid=2-s2.0-0000000000",
        # Oria's catalogue (Ex Libris Primo), as an outside researcher's export carried it
        "https://bibsys-almaprimo.hosted.exlibrisgroup.com/primo-explore/fulldisplay?docid=BIBSYS_ILS71&vid=NTNU_UB",
        "https://oria.no/discovery/fulldisplay?docid=alma99&vid=47BIBSYS_NETWORK:Oria",
    ],
)
def test_web_of_science_addresses_are_dropped_too(project: Callable[..., Path], url: str) -> None:
    diagnostics, model = check(project(bib=ANSELL.replace("  language = {english}\n", f"  url = {{{url}}}\n")))
    assert [item.code for item in diagnostics] == ["bib-tracking-url"]
    assert model is not None and model.sources[0].url is None


def test_a_publisher_address_is_kept(project: Callable[..., Path]) -> None:
    url = "https://academic.oup.com/jpart/article/18/4/543/1090370"
    diagnostics, model = check(project(bib=ANSELL.replace("  language = {english}\n", f"  url = {{{url}}}\n")))
    assert list(diagnostics) == []
    assert model is not None and model.sources[0].url == url


@pytest.mark.parametrize(
    "url",
    [
        "https://nva.sikt.no/registration/0190000000-aaaa",
        "https://app.cristin.no/results/show.jsf?id=1",
        "https://hvlopen.brage.unit.no/hvlopen-xmlui/handle/11250/1",
        "https://www.duo.uio.no/handle/10852/1",
        "https://ntnuopen.ntnu.no/ntnu-xmlui/handle/11250/1",
        "https://munin.uit.no/handle/10037/1",
        "https://bora.uib.no/bora-xmlui/handle/11250/1",
        "https://oda.oslomet.no/oda-xmlui/handle/11250/1",
        "https://www.fafo.no/publikasjoner/fafo-rapporter/1",
        "https://www.oslomet.no/om/nibr",
        "https://nordopen.nord.no/nord-xmlui/handle/11250/1",
        "https://openarchive.usn.no/usn-xmlui/handle/11250/1",
        "https://www.idunn.no/doi/10.18261/1",
        "https://www.regjeringen.no/no/dokumenter/meld.-st.-1/id1/",
        "https://www.ks.no/fagomrader/1",
    ],
)
def test_norwegian_archives_and_institutes_are_recognised(url: str) -> None:
    assert is_recognised(url)


@pytest.mark.parametrize(
    "url", ["https://nibr.example/oslomet.no", "https://fafo.no.example/", "https://notfafo.no/", "http://[x/"]
)
def test_look_alike_hosts_are_not(url: str) -> None:
    assert not is_recognised(url)
