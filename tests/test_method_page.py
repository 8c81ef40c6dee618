"""The method page (/metode/), "Kort fortalt" on the home page, and the PRISMA 2020 flow from summary.yaml."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.check import prisma
from generator.core.cerqual import READINGS
from generator.mkdocs.edit_links import edit_path
from generator.pipeline import build, check
from generator.render.home import read_counts
from tests.conftest import EVIDENCE_BASE, SUMMARY, build_evidence_site, build_site, copy_site_files

# Synthetic counts that add up: 412 + 35 - 97 = 350; 350 - 260 = 90; 90 - 20 - 12 = 58.
SCREENING = """\
screening:
  identifisert: {databaser: 412, andre kilder: 35}
  duplikater_fjernet: 97
  screenet: 350
  ekskludert_screening: 260
  fulltekst_vurdert: 90
  ekskludert_fulltekst: {ikke kommunal kontekst: 20, ikke om ledelse: 12}
  inkludert: 58
"""


def _messages(root: Path) -> list[str]:
    diagnostics, _ = check(root)
    return [str(item) for item in diagnostics]


def test_screening_that_adds_up_passes_and_becomes_the_model(project: Callable[..., Path]) -> None:
    diagnostics, model = check(project(summary=SUMMARY + SCREENING))
    assert [str(item) for item in diagnostics] == []
    assert model is not None and model.info.screening == prisma.Screening(
        identified=(("databaser", 412), ("andre kilder", 35)),
        duplicates_removed=97,
        screened=350,
        excluded_screening=260,
        full_text_assessed=90,
        excluded_full_text=(("ikke kommunal kontekst", 20), ("ikke om ledelse", 12)),
        included=58,
    )


@pytest.mark.parametrize(
    ("wrong", "right", "message"),
    [
        (
            "screenet: 351",
            "screenet: 350",
            "literature/summary.yaml:8:13: error[screening-sum]: tallene går ikke opp: screenet er 351, men "
            "identifisert (447) minus duplikater_fjernet (97) er 350; rett ett av tallene",
        ),
        (
            "fulltekst_vurdert: 91",
            "fulltekst_vurdert: 90",
            "literature/summary.yaml:10:22: error[screening-sum]: tallene går ikke opp: fulltekst_vurdert er 91, men "
            "screenet (350) minus ekskludert_screening (260) er 90; rett ett av tallene",
        ),
        (
            "ikke om ledelse: 13",
            "ikke om ledelse: 12",
            "literature/summary.yaml:12:14: error[screening-sum]: tallene går ikke opp: inkludert er 58, men "
            "fulltekst_vurdert (90) minus ekskludert_fulltekst (33) er 57; rett ett av tallene",
        ),
    ],
)
def test_screening_that_does_not_add_up_is_an_error_at_the_count_with_the_sum_expected(
    project: Callable[..., Path], wrong: str, right: str, message: str
) -> None:
    root = project(summary=SUMMARY + SCREENING.replace(right, wrong))
    assert _messages(root) == [message]


def test_screening_given_in_part_is_an_error_that_names_what_is_missing(project: Callable[..., Path]) -> None:
    partial = "screening:\n  identifisert: {databaser: 412}\n  screenet: 300\n  inkludert: null\n"
    assert _messages(project(summary=SUMMARY + partial)) == [
        "literature/summary.yaml:6:3: error[screening-incomplete]: screening har tall for identifisert, screenet, "
        "men ikke for duplikater_fjernet, ekskludert_screening, fulltekst_vurdert, ekskludert_fulltekst, inkludert; "
        "fyll inn alle tallene for utvelgelsen, eller la alle stå som null"
    ]


def test_screening_with_no_counts_is_no_flow(project: Callable[..., Path]) -> None:
    nulls = "screening:\n" + "".join(f"  {name}: null\n" for name in prisma.FIELDS)
    diagnostics, model = check(project(summary=SUMMARY + nulls))
    assert [str(item) for item in diagnostics] == []
    assert model is not None and model.info.screening is None


def test_the_flow_is_well_formed_accessible_svg_in_the_page_colours() -> None:
    counts = prisma.Screening((("databaser", 412), ("andre kilder", 35)), 97, 350, 260, 90, (("en grunn", 32),), 58)
    figure = ElementTree.fromstring(str(prisma.flow(counts)))
    svg = figure.find("svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "flytdiagram-tittel flytdiagram-beskrivelse"
    assert [element.text for element in svg.iter() if element.tag in ("title", "desc")] == [
        "Flytdiagram for søk og utvelgelse (PRISMA 2020)",
        "Fra 447 identifiserte verk til 58 inkludert. Tabellen under diagrammet gir de samme tallene.",
    ]
    assert [(element.text or "").replace("\u00a0", " ") for element in svg.iter("text")] == [
        "Identifisert:",
        "databaser (n = 412)",
        "andre kilder (n = 35)",
        "Fjernet før screening:",
        "dubletter (n = 97)",
        "Screenet på tittel og sammendrag",
        "(n = 350)",
        "Ekskludert (n = 260)",
        "Vurdert i fulltekst (n = 90)",
        "Ekskludert, med grunn:",
        "en grunn (n = 32)",
        "Inkludert i oppsummeringen (n = 58)",
    ]
    colours = {element.get(name) for element in svg.iter() for name in ("fill", "stroke") if element.get(name)}
    assert colours == {"none", "currentColor"}, "lines follow the text colour, so dark mode works"
    assert all(element.get("style") is None for element in svg.iter())
    assert prisma.rows(counts)[:3] == (
        ("Identifisert: databaser", 412),
        ("Identifisert: andre kilder", 35),
        ("Fjernet som dubletter", 97),
    )


def test_a_reason_is_text_in_the_svg() -> None:
    counts = prisma.Screening((("<b>x</b> & y", 1),), 0, 1, 0, 1, (), 1)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y (n\u00a0=\u00a01)" in str(prisma.flow(counts))


def test_the_method_page_counts_how_the_sources_were_read_most_thorough_first(
    project: Callable[..., Path],
) -> None:
    root = project()
    _, model = check(root)
    assert model is not None
    expected = Counter(source.read.id for source in model.sources)
    rows = read_counts(model)
    assert [count for _, count in rows] == [expected[key] for key in READINGS if expected[key]]
    assert rows[0][0][0].isupper() and sum(count for _, count in rows) == len(model.sources)


def test_the_method_page_with_counts_shows_the_flow_and_the_same_numbers_in_a_table(
    project: Callable[..., Path],
) -> None:
    root = project(summary=SUMMARY + SCREENING)
    assert build(root).report is not None
    page = (root / "docs/metode/index.md").read_text("utf-8")
    assert '<figure class="diagram" id="flytdiagram" tabindex="0">' in page
    table = page[page.index("| Trinn | Antall |") :].split("\n\n")[0]
    assert table.splitlines() == [
        "| Trinn | Antall |",
        "|---|---:|",
        "| Identifisert: databaser | 412 |",
        "| Identifisert: andre kilder | 35 |",
        "| Fjernet som dubletter | 97 |",
        "| Screenet på tittel og sammendrag | 350 |",
        "| Ekskludert ved screening | 260 |",
        "| Vurdert i fulltekst | 90 |",
        "| Ekskludert etter fulltekst: ikke kommunal kontekst | 20 |",
        "| Ekskludert etter fulltekst: ikke om ledelse | 12 |",
        "| Inkludert | 58 |",
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_evidence_site(tmp_path_factory.mktemp("project"))


def _text(html: str) -> str:
    body = html[html.index('<article class="md-content__inner') :]
    body = body[: body.index("</article>")]
    text = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", text.replace("&amp;", "&").replace("&para;", "")).strip()


def test_the_method_page_says_how_the_summary_was_made(site: Path) -> None:
    text = _text((site / "metode/index.html").read_text("utf-8"))
    for expected in (
        "Slik er kunnskapsoppsummeringen laget",
        "Dette er en skjønnsmessig og ikke-systematisk kunnskapsoppsummering.",
        "Søkeperioden og inklusjonskriteriene er ikke fastsatt ennå. Kunnskapsgrunnlaget har nå 58 kilder.",
        "Utvelgelsen er ikke talt opp trinn for trinn, så her er ikke noe flytdiagram (PRISMA 2020) over søk og "
        "utvelgelse.",
        "Vi har ikke lest hele tekstene.",
        "GRADE-CERQual er laget for systematiske oppsummeringer av kvalitativ forskning (Lewin et al., 2018).",
        "I en systematisk oppsummering leser og vurderer to forskere hver for seg. Her har ett team lest og vurdert, "
        "uten dobbel screening.",
        "Den er ikke en effektevaluering:",
        "Vurdert Teksten er gjennomgått av én forsker i SAMVERDI.",
        "Hele kunnskapsoppsummeringen har nå status utkast .",
    ):
        assert expected in text, expected
    assert text.count("ikke fastsatt ennå") == 1
    html = (site / "metode/index.html").read_text("utf-8")
    assert 'href="https://doi.org/10.1186/s13012-017-0688-3"' in html
    assert 'id="flytdiagram"' not in html, "no empty flow when there are no counts"


def test_home_opens_with_in_short_and_has_one_draft_notice(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    text = _text(html)
    assert text.startswith(  # the page's title, for print, then the heading
        "SAMVERDI – kunnskapsoppsummering Samskaping og ledelse i kommunene Kort fortalt Forskningen beskriver hvordan kommunen kan løse oppgaver "
        "sammen med andre."
    )
    assert text.index("Kort fortalt") < text.index("Hovedbudskap")
    assert "Utkast – venter" not in text, "the bar above the header is the one draft notice"
    assert 'href="metode/#fra-utkast-til-godkjent"' in html
    assert 'href="metode/"' in html


def test_om_keeps_who_and_contact_and_links_to_the_method(site: Path) -> None:
    text = _text((site / "om/index.html").read_text("utf-8"))
    assert "Redaksjonen og en kontaktadresse er ikke fastsatt ennå." in text
    assert text.count("ennå") == 1
    assert "Hvordan tiltroen til hovedfunnene vurderes" not in text
    assert "Slik er kunnskapsoppsummeringen laget" in text


def test_the_flow_builds_strictly_and_passes_the_net(tmp_path: Path) -> None:
    """The shipped-like base with synthetic counts: a strict MkDocs build, and the site check finds no style or resource."""
    shutil.copytree(EVIDENCE_BASE, tmp_path / "literature")
    summary = tmp_path / "literature/summary.yaml"
    text = summary.read_text("utf-8")
    start = text.index("screening:")
    end = text.index("\n\n", start)
    summary.write_text(text[:start] + SCREENING.rstrip("\n") + text[end:], "utf-8")
    copy_site_files(tmp_path)
    html = (build_site(tmp_path) / "metode/index.html").read_text("utf-8")
    assert '<svg role="img" aria-labelledby="flytdiagram-tittel flytdiagram-beskrivelse"' in html
    assert "<td>Ekskludert etter fulltekst: ikke kommunal kontekst</td>" in html


def test_a_suggested_change_to_the_method_page_goes_to_summary_yaml() -> None:
    assert edit_path("metode/index.md") == "literature/summary.yaml"
