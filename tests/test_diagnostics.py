"""Bad input gives located, Norwegian diagnostics, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.diagnostics import MAX_SUMMARY_BYTES, Diagnostic, Severity, step_summary
from generator.pipeline import build, check
from tests.conftest import ANSELL, SOURCE, SUMMARY, THEME, VOCABULARY


def problems(root: Path) -> list[str]:
    diagnostics, _ = check(root)
    return [str(item) for item in diagnostics]


def test_valid_project_has_no_problems(project: Callable[..., Path]) -> None:
    assert problems(project()) == []


def test_unknown_theme_suggests_the_closest(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE.replace("[tillit]", "[tilit]")})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:1:10: error[unknown-theme]: 'tilit' er ikke et tema "
        "(en fil i literature/themes/); mente du 'tillit'? Gyldige verdier: tillit"
    ]


def test_unknown_design_lists_the_vocabulary(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE.replace("case-metaanalyse", "casestudi")})
    (problem,) = problems(root)
    assert problem.startswith(
        "literature/sources/ansell2008collaborative.yaml:2:9: error[unknown-design]: 'casestudi' er ikke en gyldig "
        "verdi for design; mente du 'casestudie'?"
    )


def test_country_code_no_is_valid_unquoted(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + "kontekst:\n  land: [NO, DK]\n"})
    assert problems(root) == []


def test_source_without_bibtex_entry(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE, "ansell2008colaborative": SOURCE})
    assert problems(root) == [
        "literature/sources/ansell2008colaborative.yaml:1:1: error[source-without-entry]: fant ingen "
        "BibTeX-oppføring med nøkkelen 'ansell2008colaborative'; mente du 'ansell2008collaborative'? "
        "Filnavnet må være nøkkelen til en oppføring i literature/*.bib"
    ]


def test_entry_without_source_is_a_warning(project: Callable[..., Path]) -> None:
    root = project(
        bib=ANSELL
        + "@book{moore1995creating, author = {Moore, Mark H.}, title = {Creating Public Value}, publisher = {Harvard University Press}, year = {1995}}\n"
    )
    diagnostics, model = check(root)
    assert model is not None
    assert [(item.severity.value, item.code, item.line) for item in diagnostics] == [
        ("warning", "entry-without-source", 13)
    ]


def test_unknown_citation_points_at_line_and_column(project: Callable[..., Path]) -> None:
    theme = THEME.replace(
        "Tekst som viser til [@ansell2008collaborative].", "Første linje.\nAndre viser til [@ansel2008collaborative]."
    )
    root = project(themes={"tillit": theme})
    assert problems(root) == [
        "literature/themes/tillit.md:18:18: error[unknown-citation]: henvisningen @ansel2008collaborative peker ikke "
        "på noen kodet kilde; mente du 'ansell2008collaborative'? En kilde trenger både en oppføring i "
        "literature/*.bib og en fil i literature/sources/"
    ]


def test_key_finding_citing_unknown_source(project: Callable[..., Path]) -> None:
    root = project(themes={"tillit": THEME.replace("kilder: [ansell2008collaborative]", "kilder: [moore1995creating]")})
    (problem,) = problems(root)
    assert problem.startswith("literature/themes/tillit.md:10:14: error[unknown-source]: 'moore1995creating' er ikke")


def test_bibtex_syntax_error_has_a_line(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL + "\n@article{broken,\n  title = {Unclosed,\n  year = 2020\n")
    codes = [(item.code, item.line) for item in check(root)[0]]
    assert ("bib-syntax", 17) in codes or any(code == "bib-syntax" and line >= 14 for code, line in codes)


def test_duplicate_bibtex_key_names_both_places(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL + ANSELL)
    assert (
        "literature/samverdi.bib:14:1: error[bib-duplicate-key]: nøkkelen 'ansell2008collaborative' er brukt før, på linje 2"
        in problems(root)[0]
    )


def test_missing_required_field_and_unknown_field(project: Callable[..., Path]) -> None:
    root = project(
        sources={
            "ansell2008collaborative": "temaer: [tillit]\ndesign: casestudie\nstatus: utkast\nsammendrg: x\nlest: fulltekst\n"
        }
    )
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:1:1: error[missing-field]: feltet 'sammendrag' mangler; "
        "legg det til (Sammendrag på klarspråk (bokmål), 2–4 setninger. Markdown og henvisninger som "
        "[@nøkkel] er lov.)",
        "literature/sources/ansell2008collaborative.yaml:4:1: error[unknown-field]: ukjent felt 'sammendrg'; mente "
        "du 'sammendrag'? Tillatte felt her: temaer, design, kontekst, sammendrag, funn, implikasjoner, status, "
        "lagt_til, lest, faktagrunnlag, fakta, faktagrunnlag_tynt",
    ]


def test_wrong_type_explains_the_fix(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE.replace("[tillit]", "tillit")})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:1:9: error[wrong-type]: feltet temaer skal være en liste, "
        "men er en tekst (skriv den som en liste: [tillit])"
    ]


def test_theme_missing_from_navigation(project: Callable[..., Path]) -> None:
    root = project(mkdocs="site_name: x\nnav:\n  - Hjem: index.md\n")
    assert problems(root) == [
        "mkdocs.yml:3:3: error[nav-missing-theme]: temaet 'tillit' står ikke i navigasjonen; "
        "legg til «- tema/tillit.md» under Temaer i nav"
    ]


def test_file_that_is_not_utf8(project: Callable[..., Path]) -> None:
    root = project()
    (root / "literature/sources/ansell2008collaborative.yaml").write_bytes(
        "sammendrag: \xe6\xf8\xe5\n".encode("latin-1")
    )
    assert any(
        problem.startswith("literature/sources/ansell2008collaborative.yaml:1:13: error[not-utf8]: filen er ikke UTF-8")
        for problem in problems(root)
    )


def test_nothing_is_written_when_there_are_errors(project: Callable[..., Path]) -> None:
    root = project()
    assert build(root).report is not None
    before = {path: path.read_bytes() for path in (root / "docs").rglob("*.md")}
    (root / "literature/sources/ansell2008collaborative.yaml").write_text(SOURCE.replace("tillit", "tilit"), "utf-8")
    result = build(root)
    assert result.report is None
    assert {path: path.read_bytes() for path in (root / "docs").rglob("*.md")} == before


def warnings_of(root: Path) -> list[tuple[str, int, str]]:
    diagnostics, model = check(root)
    assert model is not None, "warnings alone must not stop the build"
    return [(item.path, item.line, item.code) for item in diagnostics]


def test_same_doi_under_two_keys_is_a_likely_duplicate(project: Callable[..., Path]) -> None:
    copy = ANSELL.replace("ansell2008collaborative", "ansell2008copy").replace("Theory and Practice", "Theory")
    root = project(bib=ANSELL + copy, sources={"ansell2008collaborative": SOURCE, "ansell2008copy": SOURCE})
    assert warnings_of(root) == [("literature/samverdi.bib", 14, "duplicate-doi")]


def test_same_title_and_year_under_two_keys_is_a_likely_duplicate(project: Callable[..., Path]) -> None:
    copy = ANSELL.replace("ansell2008collaborative", "gash2008collaborative").replace(
        "10.1093/jopart/mum032", "10.1000/annen"
    )
    root = project(bib=ANSELL + copy, sources={"ansell2008collaborative": SOURCE, "gash2008collaborative": SOURCE})
    assert warnings_of(root) == [("literature/samverdi.bib", 14, "duplicate-title")]


def test_entry_type_without_template_and_unknown_language_are_warnings(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace("@article", "@patent").replace("language = {english}", "language = {klingon}")
    assert warnings_of(project(bib=bib)) == [
        ("literature/samverdi.bib", 2, "bib-entry-type"),
        ("literature/samverdi.bib", 2, "unknown-language"),
    ]


def test_warnings_can_be_silenced_by_code_in_checks_yaml(project: Callable[..., Path]) -> None:
    bib = ANSELL.replace("  volume = {18},\n", "")
    root = project(bib=bib)
    assert warnings_of(root) == [("literature/samverdi.bib", 2, "bib-missing-field")]
    (root / "literature/checks.yaml").write_text("skru_av: [bib-missing-field]\n", "utf-8")
    assert warnings_of(root) == []


def test_a_latex_citation_in_a_theme_is_located_with_its_fix(project: Callable[..., Path]) -> None:
    theme = THEME.replace(
        "Tekst som viser til [@ansell2008collaborative].", "Som \\citet{ansell2008collaborative} viser."
    )
    assert problems(project(themes={"tillit": theme})) == [
        "literature/themes/tillit.md:17:5: error[citation-syntax]: '\\citet{ansell2008collaborative}' er ikke en "
        "henvisning her og ville stått som tekst; skriv @ansell2008collaborative (se CONTRIBUTING.md, "
        "«Temaer og hovedfunn»)"
    ]


def test_a_source_file_that_does_not_parse_gets_one_message(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": "temaer: [tillit\ndesign: x\n"})
    assert [item.split(": ")[1] for item in problems(root)] == ["error[yaml-syntax]"]


def test_an_empty_theme_file_gets_one_message(project: Callable[..., Path]) -> None:
    root = project(themes={"tillit": ""})
    assert [item.split(": ")[1] for item in problems(root)] == ["error[theme-front-matter]"]


def test_a_bib_syntax_error_gets_no_follow_on_messages(project: Callable[..., Path]) -> None:
    root = project(bib=ANSELL.replace("  volume = {18},", "  volume = {18"))
    assert [item.split(": ")[1] for item in problems(root)] == ["error[bib-syntax]"]


def test_a_key_message_must_name_a_theme_and_one_of_its_findings(project: Callable[..., Path]) -> None:
    summary = SUMMARY + "hovedbudskap:\n  - {tema: tilit, hovedfunn: 1}\n  - {tema: tillit, hovedfunn: 7}\n"
    found = [item.split(": ", 2)[1:] for item in problems(project(summary=summary))]
    assert [code for code, _ in found] == ["error[unknown-theme]", "error[invalid-value]"]
    assert "mente du 'tillit'?" in found[0][1] and "har 1 hovedfunn, ikke nummer 7" in found[1][1]


def test_a_note_to_the_research_group_in_published_text_is_a_warning(project: Callable[..., Path]) -> None:
    source = SOURCE.replace("Et kort sammendrag.", "Et kort sammendrag. Resten fylles inn senere.")
    ((found, message),) = [
        item.split(": ", 2)[1:] for item in problems(project(sources={"ansell2008collaborative": source}))
    ]
    assert found == "warning[internal-note]" and "YAML-kommentar" in message


def test_a_contact_must_be_an_e_mail_or_https_address(project: Callable[..., Path]) -> None:
    summary = SUMMARY + "kontakt: javascript:alert(1)\n"
    ((location, code, message),) = [item.split(": ", 2) for item in problems(project(summary=summary))]
    assert location == "literature/summary.yaml:5:10" and code == "error[invalid-value]"
    assert "E-postadresse eller nettadresse" in message


def test_a_key_finding_without_its_assessment_is_a_warning(project: Callable[..., Path]) -> None:
    theme = THEME.split("    vurdering:")[0] + "---\n" + THEME.split("---\n", 2)[2]
    ((found, message),) = [item.split(": ", 2)[1:] for item in problems(project(themes={"tillit": theme}))]
    assert found == "warning[cerqual-missing]" and "metode, samstemmighet, datamengde og relevans" in message


def test_a_confidence_that_does_not_follow_from_the_assessment_is_a_warning(project: Callable[..., Path]) -> None:
    theme = THEME.replace("{bekymring: små, forklaring: En", "{bekymring: alvorlige, forklaring: En")
    ((location, found, message),) = [item.split(": ", 2) for item in problems(project(themes={"tillit": theme}))]
    assert location == "literature/themes/tillit.md:8:13" and found == "warning[cerqual-mismatch]"
    assert "har tiltro 'lav', men vurderingen gir 'svaert-lav'" in message


def test_an_unknown_concern_names_the_valid_ones(project: Callable[..., Path]) -> None:
    theme = THEME.replace("{bekymring: moderate, forklaring: Én", "{bekymring: moderat, forklaring: Én")
    ((found, message),) = [item.split(": ", 2)[1:] for item in problems(project(themes={"tillit": theme}))]
    assert found == "error[invalid-value]"
    assert "mente du 'moderate'? Gyldige verdier: ingen, små, moderate, alvorlige" in message


def test_a_hyphen_at_a_line_break_is_a_warning_but_a_shared_hyphen_is_not(project: Callable[..., Path]) -> None:
    source = SOURCE.replace(
        "sammendrag: Et kort sammendrag.",
        "sammendrag: >-\n  Studier fra Nord- og Vest-\n  Europa om CO₂-\n  kutt.",
    )
    found = [item.split(": ", 2)[1:] for item in problems(project(sources={"ansell2008collaborative": source}))]
    assert [code for code, _ in found] == ["warning[hyphen-break]", "warning[hyphen-break]"]
    assert "Vest- Europa" in found[0][1] and "CO₂- kutt" in found[1][1]


def test_a_reviewed_source_must_have_a_settled_design(project: Callable[..., Path]) -> None:
    source = SOURCE.replace("design: case-metaanalyse", "design: uavklart").replace("status: utkast", "status: vurdert")
    ((location, found, _),) = [
        item.split(": ", 2) for item in problems(project(sources={"ansell2008collaborative": source}))
    ]
    assert location == "literature/sources/ansell2008collaborative.yaml:2:9" and found == "warning[design-unsettled]"


def test_recorded_facts_count_towards_the_provenance_and_only_recognised_addresses_are_linked(
    project: Callable[..., Path],
) -> None:
    source = SOURCE + (
        "fakta:\n"
        "  - {punkt: 137 caser., kilde: 'https://doi.org/10.1093/jopart/mum032'}\n"
        "  - {punkt: Samme artikkel., kilde: 'https://docslib.org/doc/4859804'}\n"
    )
    root = project(sources={"ansell2008collaborative": source})
    assert build(root).report is not None
    page = (root / "docs/kilder/ansell2008collaborative.md").read_text("utf-8")
    assert '<a href="https://doi.org/10.1093/jopart/mum032">' in page.split("## Grunnlag for teksten")[1]
    assert "docslib" not in page
    assert "De bygger også på én nettside vi ikke lenker til" in page


def test_a_provenance_address_on_an_unknown_host_is_a_warning_that_says_where_to_add_it(
    project: Callable[..., Path],
) -> None:
    source = SOURCE + (
        "faktagrunnlag:\n"
        "  - https://docslib.org/doc/4859804\n"
        "  - https://nord.example.no/rapport\n"
        "fakta:\n"
        "  - {punkt: Samme artikkel., kilde: 'https://www.idunn.no/doi/10.18261/x'}\n"
        "  - {punkt: Samme artikkel., kilde: 'https://speil.example.com/kopi.pdf'}\n"
    )
    found = problems(project(sources={"ansell2008collaborative": source}))
    lines = SOURCE.count("\n")
    assert [item.split(": ", 2)[:2] for item in found] == [
        [f"literature/sources/ansell2008collaborative.yaml:{lines + 3}:5", "warning[unknown-provenance-host]"],
        [f"literature/sources/ansell2008collaborative.yaml:{lines + 6}:38", "warning[unknown-provenance-host]"],
    ]
    assert found[0].endswith(
        "adressen ligger på nord.example.no, som vi ikke kjenner; siden lenker ikke til den. Finn helst samme "
        "opplysning hos forlaget, i et arkiv eller via DOI og skriv den adressen. Er verten et forlag, et arkiv eller "
        "et offentlig organ, kan den legges til i RECOGNISED_HOSTS i generator/core/provenance.py; er den et "
        "dokumentdelingsnettsted eller en kopi, i UNLINKED_HOSTS"
    )


def test_every_source_page_says_what_its_text_rests_on_even_when_no_address_may_be_linked(
    project: Callable[..., Path],
) -> None:
    source = SOURCE + "faktagrunnlag:\n  - https://docslib.org/doc/4859804\n"
    root = project(sources={"ansell2008collaborative": source})
    assert build(root).report is not None
    section = (root / "docs/kilder/ansell2008collaborative.md").read_text("utf-8").split("## Grunnlag for teksten")[1]
    assert "Sammendrag og funn bygger på opplysninger fra nettsider vi ikke lenker til" in section
    assert "docslib" not in section


def test_a_date_must_be_on_the_calendar(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + "lagt_til: 2026-02-30\n"})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:6:11: error[invalid-value]: datoen '2026-02-30' finnes ikke "
        "i kalenderen; skriv en virkelig dato på formen ÅÅÅÅ-MM-DD, for eksempel 2026-02-28"
    ]


def test_a_leap_day_is_a_date(project: Callable[..., Path]) -> None:
    assert problems(project(sources={"ansell2008collaborative": SOURCE + "lagt_til: 2024-02-29\n"})) == []


def test_a_key_message_number_must_be_a_whole_number(project: Callable[..., Path]) -> None:
    root = project(summary=SUMMARY + "hovedbudskap: [{tema: tillit, hovedfunn: 1.0}]\n")
    assert problems(root) == [
        "literature/summary.yaml:5:42: error[wrong-type]: feltet hovedbudskap[1].hovedfunn skal være et heltall, "
        "men er et tall"
    ]


def test_schema_limits_are_explained_in_norwegian(project: Callable[..., Path]) -> None:
    messages = ", ".join(["{tema: tillit, hovedfunn: 1}"] * 10)
    root = project(summary=SUMMARY + f"hovedbudskap: [{messages}, {{tema: tillit, hovedfunn: 0}}]\n")
    assert problems(root) == [
        "literature/summary.yaml:5:15: error[invalid-value]: feltet hovedbudskap kan ha høyst 9 punkter; fjern noen",
        "literature/summary.yaml:5:342: error[invalid-value]: feltet hovedbudskap[11].hovedfunn må være minst 1",
    ]


def test_a_date_with_a_trailing_newline_is_refused_and_shown_escaped(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + 'lagt_til: "9999-99-99\\n"\n'})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:6:12: error[invalid-value]: feltet lagt_til har feil format: "
        "'9999-99-99\\u000A' (Datoen kilden ble lagt til, på formen ÅÅÅÅ-MM-DD.)"
    ]


def test_a_flood_of_problems_keeps_the_job_summary_under_githubs_limit() -> None:
    # 30,000 warnings from one theme made a 4.5 MB summary; GitHub refuses one over 1 MiB.
    flood = [
        Diagnostic(f"literature/themes/t{index % 3}.md", index, 1, Severity.WARNING, "raw-html", "<a" * 20)
        for index in range(30_000)
    ]
    summary = step_summary(flood)
    assert len(summary.encode()) <= MAX_SUMMARY_BYTES
    rows = summary.count("| advarsel |")
    assert 1_000 < rows < 30_000
    assert summary.endswith(f"… og {30_000 - rows} problemer til, som står i loggen for dette steget.\n")
    assert step_summary(flood[:3]).count("| advarsel |") == 3


def test_a_country_written_as_its_name_or_in_lower_case_suggests_its_code(project: Callable[..., Path]) -> None:
    coded = SOURCE + "kontekst:\n  land: [Danmark, no, Sverge]\n"
    root = project(sources={"ansell2008collaborative": coded})
    countries = COUNTRIES
    how = "Land skrives som koden på to store bokstaver (ISO 3166-1)."
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:7:10: error[unknown-country]: 'Danmark' er ikke en gyldig "
        f"verdi for land; mente du 'DK' (Danmark)? {how} Gyldige verdier: {countries}",
        "literature/sources/ansell2008collaborative.yaml:7:19: error[unknown-country]: 'no' er ikke en gyldig "
        f"verdi for land; mente du 'NO' (Norge)? {how} Gyldige verdier: {countries}",
        "literature/sources/ansell2008collaborative.yaml:7:23: error[unknown-country]: 'Sverge' er ikke en gyldig "
        f"verdi for land; mente du 'SE' (Sverige)? {how} Gyldige verdier: {countries}",
    ]


COUNTRIES = (
    "AU (Australia), BR (Brasil), DK (Danmark), FI (Finland), GB (Storbritannia), NG (Nigeria), NL (Nederland), "
    "NO (Norge), SE (Sverige), SI (Slovenia), US (USA), ZA (Sør-Afrika)"
)
HOW = "Land skrives som koden på to store bokstaver (ISO 3166-1)."


@pytest.mark.parametrize(
    ("written", "column", "meant"),
    [
        ("Norway", 10, "mente du 'NO' (Norge)?"),
        ("UK", 10, "mente du 'GB' (Storbritannia)?"),
        ("England", 10, "mente du 'GB' (Storbritannia)?"),
        ("Great Britain", 10, "mente du 'GB' (Storbritannia)?"),
        ("U.S.", 10, "mente du 'US' (USA)?"),
        ("United States", 10, "mente du 'US' (USA)?"),
        ("Holland", 10, "mente du 'NL' (Nederland)?"),
        ("the Netherlands", 10, "mente du 'NL' (Nederland)?"),
        ("Swedn", 10, "mente du 'SE' (Sverige)?"),
    ],
)
def test_an_english_name_or_alias_of_a_country_in_the_vocabulary_suggests_its_code(
    project: Callable[..., Path], written: str, column: int, meant: str
) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + f"kontekst:\n  land: [{written}]\n"})
    assert problems(root) == [
        f"literature/sources/ansell2008collaborative.yaml:7:{column}: error[unknown-country]: '{written}' er ikke en "
        f"gyldig verdi for land; {meant} {HOW} Gyldige verdier: {COUNTRIES}"
    ]


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("DE", "; DE (Tyskland) er"),
        ("de", "; DE (Tyskland) er"),
        ("Germany", "; mente du 'DE' (Tyskland)? DE er"),
        ("Tyskland", "; mente du 'DE' (Tyskland)? DE er"),
        ("Germny", "; mente du 'DE' (Tyskland)? DE er"),
        ("Niger", "; mente du 'NE' (Niger)? NE er"),
    ],
)
def test_a_real_country_missing_from_the_vocabulary_says_how_to_add_it(
    project: Callable[..., Path], written: str, told: str
) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + f"kontekst:\n  land: [{written}]\n"})
    code, name = ("NE", "Niger") if written == "Niger" else ("DE", "Tyskland")
    assert problems(root) == [
        f"literature/sources/ansell2008collaborative.yaml:7:10: error[unknown-country]: '{written}' er ikke en "
        f"gyldig verdi for land{told} en gyldig landkode (ISO 3166-1), men den står ikke i literature/vocabulary.yaml: "
        f"legg til '{code}: {{navn: {name}}}' under land: der. Gyldige verdier: {COUNTRIES}"
    ]


def test_a_country_that_does_not_exist_gets_no_suggestion(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + "kontekst:\n  land: [Xylofonia, QQ]\n"})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:7:10: error[unknown-country]: 'Xylofonia' er ikke en "
        f"gyldig verdi for land. Gyldige verdier: {COUNTRIES}",
        "literature/sources/ansell2008collaborative.yaml:7:21: error[unknown-country]: 'QQ' er ikke en "
        f"gyldig verdi for land. Gyldige verdier: {COUNTRIES}",
    ]


DECEMBER = "2026-12-04 (4. desember 2026)"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("04.12.2026", DECEMBER),
        ("2026.12.04", DECEMBER),
        ("2026-12-4", DECEMBER),
        # A slash is day first in Norway and month first in American exports: both readings.
        ("4/12/2026", f"{DECEMBER} eller 2026-04-12 (12. april 2026)"),
        ("13/4/2026", "2026-04-13 (13. april 2026)"),
        ("04.12.26", f"{DECEMBER} eller 1926-12-04 (4. desember 1926)"),
    ],
)
def test_a_date_in_another_form_suggests_the_iso_form(project: Callable[..., Path], written: str, meant: str) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + f"lagt_til: {written}\n"})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:6:11: error[invalid-value]: feltet lagt_til har feil format: "
        f"'{written}' (Datoen kilden ble lagt til, på formen ÅÅÅÅ-MM-DD.); mente du {meant}?"
    ]


def test_a_date_that_is_no_day_gets_no_suggestion(project: Callable[..., Path]) -> None:
    root = project(sources={"ansell2008collaborative": SOURCE + "lagt_til: 31.02.2026\n"})
    assert problems(root) == [
        "literature/sources/ansell2008collaborative.yaml:6:11: error[invalid-value]: feltet lagt_til har feil format: "
        "'31.02.2026' (Datoen kilden ble lagt til, på formen ÅÅÅÅ-MM-DD.)"
    ]


def test_a_vocabulary_country_code_that_is_not_iso_3166_is_refused(project: Callable[..., Path]) -> None:
    vocabulary = VOCABULARY.replace(
        "  GB: {navn: Storbritannia}\n", "  UK: {navn: Storbritannia}\n  XX: {navn: Ingen}\n"
    )
    root = project(vocabulary=vocabulary)
    how = "Bruk landets kode fra ISO 3166-1, så kan kildene skrive den og sjekken kjenne den igjen"
    assert problems(root) == [
        f"literature/vocabulary.yaml:52:3: error[invalid-id]: landkoden 'UK' finnes ikke i ISO 3166-1; Storbritannia "
        f"har koden 'GB'. {how}",
        f"literature/vocabulary.yaml:53:3: error[invalid-id]: landkoden 'XX' finnes ikke i ISO 3166-1. {how}",
    ]
