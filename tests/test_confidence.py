"""Confidence follows what was read: each rule of generator/check/check_confidence.py, with its exact message.

The sources are synthetic (tests/fixtures/confidence): one read in full text, one from its abstract,
one known by its title only. Each test writes one theme whose key findings break one rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check.lix import lix
from generator.core.cerqual import COMPONENTS, READINGS, allowed_concerns
from generator.pipeline import build, check
from tests.conftest import write_project

FIXTURE = Path(__file__).parent / "fixtures" / "confidence"
FULL = "testesen2020fulltekst"
ABSTRACT = "testesen2021sammendrag"
TITLE = "testesen2022tittel"
THEME = "literature/themes/tillit.md"


def finding(
    claim: str,
    confidence: str,
    keys: list[str],
    method: str,
    coherence: str,
    adequacy: str,
    relevance: str = "moderate",
    why_method: str = "Syntetisk.",
) -> str:
    """One key finding, 9 lines: påstand on its first, metode on its sixth."""
    return (
        f"  - påstand: {claim}\n    tiltro: {confidence}\n    begrunnelse: Syntetisk.\n"
        f"    kilder: [{', '.join(keys)}]\n    vurdering:\n"
        f"      metode: {{bekymring: {method}, forklaring: {why_method}}}\n"
        f"      samstemmighet: {{bekymring: {coherence}, forklaring: Syntetisk.}}\n"
        f"      datamengde: {{bekymring: {adequacy}, forklaring: Syntetisk.}}\n"
        f"      relevans: {{bekymring: {relevance}, forklaring: Syntetisk.}}\n"
    )


# Read in full and from an abstract, two sources that agree: small concerns are allowed; rated lav.
VALID = finding("Tillit kan vokse over tid.", "lav", [FULL, ABSTRACT], "små", "små", "moderate")


def problems(tmp_path: Path, *findings: str, read: dict[str, str] | None = None) -> list[str]:
    """The diagnostics for a theme with these key findings (the first on line 7)."""
    sources = {path.stem: path.read_text("utf-8") for path in sorted(FIXTURE.glob("*.yaml"))}
    for key, level in (read or {}).items():
        sources[key] = sources[key].replace(sources[key].split("lest: ")[1], f"{level}\n")
    theme = "---\ntittel: Tillit\nrekkefølge: 1\nkort: Om tillit.\nstatus: utkast\nhovedfunn:\n"
    theme += "".join(findings) + f"---\nTekst som viser til [@{FULL}].\n"
    root = write_project(
        tmp_path, bib=(FIXTURE / "samverdi.bib").read_text("utf-8"), sources=sources, themes={"tillit": theme}
    )
    diagnostics, _ = check(root)
    return [str(item) for item in diagnostics]


def test_findings_that_follow_what_was_read_pass(tmp_path: Path) -> None:
    assert problems(tmp_path, VALID) == []


def test_a_finding_from_titles_alone_is_an_error(tmp_path: Path) -> None:
    only_title = finding("Tillit kan vokse.", "svaert-lav", [TITLE], "moderate", "kan-ikke-vurderes", "moderate")
    assert problems(tmp_path, only_title) == [
        f"{THEME}:10:13: error[finding-title-only]: hovedfunn 1: {TITLE} er bare kjent fra tittelen (lest: tittel), "
        "og en tittel alene er ikke grunnlag for et funn. Les minst sammendraget og skriv det i kildens lest:, vis "
        "til en kilde som er lest, eller flytt funnet til «Hull i kunnskapen» i teksten"
    ]


def test_a_title_beside_a_read_source_is_no_error_but_does_not_count_as_a_second_source(tmp_path: Path) -> None:
    with_read = finding(
        "Tillit kan vokse.", "svaert-lav", [TITLE, ABSTRACT], "moderate", "kan-ikke-vurderes", "alvorlige"
    )
    assert problems(tmp_path, with_read) == []


def test_a_title_cannot_lift_a_single_source_finding_out_of_its_rules(tmp_path: Path) -> None:
    # The loophole an outside reviewer found: a second source nobody has read, and "both agree".
    agreeing = finding("Tillit kan vokse.", "lav", [ABSTRACT, TITLE], "moderate", "små", "små")
    assert problems(tmp_path, agreeing) == [
        f"{THEME}:13:34: error[single-source-coherence]: hovedfunn 1: funnet bygger på én kilde ({ABSTRACT}) "
        f"({TITLE} er bare kjent fra tittelen og teller ikke), og én kilde kan verken være enig eller uenig med seg "
        "selv; skriv samstemmighet: {bekymring: kan-ikke-vurderes, forklaring: Funnet bygger på én kilde.}",
        f"{THEME}:14:31: error[single-source-adequacy]: hovedfunn 1: funnet bygger på én kilde ({ABSTRACT}) "
        f"({TITLE} er bare kjent fra tittelen og teller ikke), men datamengde har bekymring 'små'; med én kilde er "
        "betenkelighetene om datamengden minst moderate: sett bekymring: moderate eller alvorlige",
    ]


def test_advice_to_leaders_from_titles_alone_is_an_error(tmp_path: Path) -> None:
    advice = (
        f"ledere:\n  - tekst: Bygg tillit.\n    kilder: [{TITLE}]\n  - tekst: Mål tillit.\n    kilder: [{ABSTRACT}]\n"
    )
    assert problems(tmp_path, VALID, advice) == [
        f"{THEME}:18:13: error[finding-title-only]: rådet til ledere nr. 1: {TITLE} er bare kjent fra tittelen "
        "(lest: tittel), og en tittel alene er ikke grunnlag for et råd. Vis til en kilde som er lest, eller stryk "
        "rådet"
    ]


def test_a_method_concern_below_moderate_needs_a_full_text(tmp_path: Path) -> None:
    from_abstract = finding("Tillit kan vokse.", "lav", [ABSTRACT], "små", "kan-ikke-vurderes", "moderate")
    assert problems(tmp_path, from_abstract) == [
        f"{THEME}:12:27: error[method-without-full-text]: hovedfunn 1: metode har bekymring 'små', men ingen av "
        "kildene er lest i fulltekst; metodiske begrensninger kan ikke vurderes uten hele teksten. Sett bekymring: "
        "moderate (eller alvorlige), eller les en av kildene og skriv lest: fulltekst i kildens fil"
    ]


def test_a_single_source_cannot_show_coherence(tmp_path: Path) -> None:
    judged = finding("Tillit kan vokse.", "lav", [FULL], "små", "små", "moderate")
    assert problems(tmp_path, judged) == [
        f"{THEME}:13:34: error[single-source-coherence]: hovedfunn 1: funnet bygger på én kilde ({FULL}), og én "
        "kilde kan verken være enig eller uenig med seg selv; skriv samstemmighet: {bekymring: kan-ikke-vurderes, "
        "forklaring: Funnet bygger på én kilde.}"
    ]


def test_coherence_cannot_be_left_unjudged_for_several_sources(tmp_path: Path) -> None:
    unjudged = finding("Tillit kan vokse.", "lav", [FULL, ABSTRACT], "små", "kan-ikke-vurderes", "moderate")
    assert problems(tmp_path, unjudged) == [
        f"{THEME}:13:34: error[single-source-coherence]: hovedfunn 1: samstemmighet er 'kan-ikke-vurderes', men "
        "funnet bygger på 2 kilder; vurder om de peker i samme retning, og sett bekymring: ingen, små, moderate "
        "eller alvorlige"
    ]


def test_kan_ikke_vurderes_is_a_value_for_coherence_only(tmp_path: Path) -> None:
    elsewhere = finding("Tillit kan vokse.", "lav", [FULL], "små", "kan-ikke-vurderes", "kan-ikke-vurderes")
    ((location, code, message),) = [item.split(": ", 2) for item in problems(tmp_path, elsewhere)]
    assert (location, code) == (f"{THEME}:14:31", "error[invalid-value]")
    assert "Gyldige verdier: ingen, små, moderate, alvorlige" in message


def test_a_single_source_finding_has_at_least_moderate_concerns_about_adequacy(tmp_path: Path) -> None:
    rich = finding("Tillit vokser trolig over tid.", "moderat", [FULL], "små", "kan-ikke-vurderes", "små")
    assert problems(tmp_path, rich) == [
        f"{THEME}:14:31: error[single-source-adequacy]: hovedfunn 1: funnet bygger på én kilde ({FULL}), men "
        "datamengde har bekymring 'små'; med én kilde er betenkelighetene om datamengden minst moderate: sett "
        "bekymring: moderate eller alvorlige"
    ]


def test_one_source_has_one_method_concern_in_the_findings_that_rest_on_it_alone(tmp_path: Path) -> None:
    first = finding("Tillit kan vokse.", "lav", [ABSTRACT], "moderate", "kan-ikke-vurderes", "moderate", "små")
    second = finding("Kontroll kan svekke tillit.", "svaert-lav", [ABSTRACT], "alvorlige", "kan-ikke-vurderes", "små")
    second = second.replace("datamengde: {bekymring: små", "datamengde: {bekymring: moderate")
    assert problems(tmp_path, first, second) == [
        f"{THEME}:21:27: warning[method-concern-differs]: hovedfunn 2: metode har bekymring 'alvorlige' for "
        f"{ABSTRACT}, men hovedfunn 1 i {THEME} bygger også bare på {ABSTRACT} og har 'moderate'. Samme kilde har de "
        "samme metodiske begrensningene: gjør bekymringene like, eller skriv i forklaringen hvorfor de er ulike, "
        f"med en henvisning til kilden ([@{ABSTRACT}])"
    ]


def test_a_method_concern_that_says_why_it_differs_is_left_alone(tmp_path: Path) -> None:
    first = finding("Tillit kan vokse.", "lav", [ABSTRACT], "moderate", "kan-ikke-vurderes", "moderate", "små")
    why = f"Funnet bygger på den minste av casene i [@{ABSTRACT}]."
    second = finding("Kontroll kan svekke tillit.", "svaert-lav", [ABSTRACT], "alvorlige", "kan-ikke-vurderes", "x")
    second = second.replace("{bekymring: x", "{bekymring: moderate").replace(
        "metode: {bekymring: alvorlige, forklaring: Syntetisk.}",
        f'metode: {{bekymring: alvorlige, forklaring: "{why}"}}',
    )
    assert problems(tmp_path, first, second) == []


def test_a_low_confidence_finding_that_does_not_hedge_is_a_warning(tmp_path: Path) -> None:
    plain = VALID.replace("Tillit kan vokse over tid.", "Tillit vokser over tid.")
    assert problems(tmp_path, plain) == [
        f"{THEME}:7:14: warning[hedge-missing]: hovedfunn 1: tiltroen er 'lav', men påstanden sier det rett fram; "
        "skriv hva som kan være tilfelle, med et av ordene «kan», «kanskje», «tyder på», «vi vet ikke», «trolig», "
        "«muligens», «mulig», «usikkert»"
    ]


@pytest.mark.parametrize("claim", ["Funnene tyder på at tillit vokser.", "Vi vet ikke om tillit vokser.", "KAN skje."])
def test_hedges_are_whole_words_in_any_case(tmp_path: Path, claim: str) -> None:
    assert problems(tmp_path, VALID.replace("Tillit kan vokse over tid.", claim)) == []


def test_a_claim_above_lix_40_is_a_warning_with_the_value(tmp_path: Path) -> None:
    heavy = "Samskapingsprosesser kan forutsette institusjonelle rammebetingelser og kommunikasjonskompetanse."
    assert problems(tmp_path, VALID.replace("Tillit kan vokse over tid.", heavy)) == [
        f"{THEME}:7:14: warning[lix-high]: hovedfunn 1: påstanden har LIX 78,4; grensen er 40. Skriv kortere "
        "setninger og færre lange ord (mer enn 6 bokstaver)."
    ]


def test_a_group_that_reads_the_full_text_can_raise_the_rating_and_the_check_holds_it(tmp_path: Path) -> None:
    """From the abstract, method concerns stay at least moderate; after reading the full text and
    recording it, small concerns and a higher confidence pass; going back fails again."""
    raised = finding("Tillit vokser trolig over tid.", "moderat", [ABSTRACT], "små", "kan-ikke-vurderes", "moderate")
    raised = raised.replace("relevans: {bekymring: moderate", "relevans: {bekymring: små")
    assert [item.split(": ")[1] for item in problems(tmp_path / "a", raised)] == ["error[method-without-full-text]"]
    assert problems(tmp_path / "b", raised, read={ABSTRACT: "fulltekst"}) == []
    assert [item.split(": ")[1] for item in problems(tmp_path / "c", raised, read={ABSTRACT: "forlagsomtale"})] == [
        "error[method-without-full-text]"
    ]


def test_lix_against_a_worked_example() -> None:
    # 11 words in 2 sentences (5.5 per sentence); 5 long words (Samskaping, kommunen, innbyggerne,
    # tydelig, ledelse: more than six letters): 100 × 5/11 = 45.45. LIX 50.95, rounded 51.0.
    assert lix("Samskaping mellom kommunen og innbyggerne krever tydelig ledelse. Det tar tid") == 51.0
    assert lix("Tillit kan bygges over tid.") == 5.0  # "bygges" has six letters: not long
    # A citation and a link's address are not read: "Se og lenken", three short words.
    assert lix("Se [@ansell2008collaborative] og [lenken](https://eksempel.no/en-lang-adresse).") == 3.0
    assert lix("") == 0.0


def test_the_pages_say_how_each_source_was_read_and_that_coherence_could_not_be_judged(tmp_path: Path) -> None:
    alone = finding("Tillit kan vokse.", "lav", [ABSTRACT], "moderate", "kan-ikke-vurderes", "moderate", "små")
    assert problems(tmp_path, VALID, alone) == []
    assert build(tmp_path).report is not None
    theme = (tmp_path / "docs/tema/tillit.md").read_text("utf-8")
    assert "Samstemmighet\n:   Kan ikke vurderes. Syntetisk." in theme
    source = (tmp_path / f"docs/kilder/{TITLE}.md").read_text("utf-8")
    assert "Vi kjenner bare tittelen og opplysningene om utgivelsen.\n\nSammendrag og funn bygger på" in source
    about = (tmp_path / "docs/_generert/om.md").read_text("utf-8")
    assert (
        "Av de 3 kildene har vi lest hele teksten av 1 og sammendraget av 1. For 1 kjenner vi bare tittelen og "
        "opplysningene om utgivelsen.\n" in about
    )


def test_the_schemas_allow_the_values_the_check_knows() -> None:
    """Editors validate against the JSON schemas while typing; the check reads cerqual.py: one set of values."""
    schemas = Path(__file__).parent.parent / "generator" / "schemas"
    source = json.loads((schemas / "source.schema.json").read_text("utf-8"))
    assert source["properties"]["lest"]["enum"] == list(READINGS)
    assert "lest" in source["required"]
    theme = json.loads((schemas / "theme.schema.json").read_text("utf-8"))
    components = theme["properties"]["hovedfunn"]["items"]["properties"]["vurdering"]["properties"]
    assert {key: tuple(value["properties"]["bekymring"]["enum"]) for key, value in components.items()} == {
        key: allowed_concerns(key) for key in COMPONENTS
    }
