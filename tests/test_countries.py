"""`kontekst.land` messages: one round to the fix for regions, places without an ISO code, several countries
in one value, a scalar, and a country the list already has (synthetic sources)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.countries import codes_in
from generator.pipeline import check
from tests.conftest import SOURCE

AT = "literature/sources/ansell2008collaborative.yaml"
COUNTRIES = (
    "AU (Australia), BR (Brasil), DK (Danmark), FI (Finland), GB (Storbritannia), NG (Nigeria), NL (Nederland), "
    "NO (Norge), SE (Sverige), SI (Slovenia), US (USA), ZA (Sør-Afrika)"
)
LEVEL = " Gjelder kilden det overnasjonale nivået som helhet, skriv nivå: [overnasjonal]."


def problems(root: Path) -> list[str]:
    diagnostics, _ = check(root)
    return [str(item) for item in diagnostics]


def countries(project: Callable[..., Path], land: str) -> list[str]:
    return problems(project(sources={"ansell2008collaborative": SOURCE + f"kontekst:\n  land: {land}\n"}))


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (
            "Skandinavia",
            "Skandinavia er en region, ikke et land. Skriv landene studien har data fra, hver for seg; "
            "hele Skandinavia er [NO, SE, DK].",
        ),
        (
            "Scandinavia",
            "Skandinavia er en region, ikke et land. Skriv landene studien har data fra, hver for seg; "
            "hele Skandinavia er [NO, SE, DK].",
        ),
        (
            "Nordic countries",
            "Norden er en region, ikke et land. Skriv landene studien har data fra, hver for seg; "
            "hele Norden er [NO, SE, DK, FI, IS]. IS står ikke i literature/vocabulary.yaml: "
            "legg til 'IS: {navn: Island}' under land: der.",
        ),
        (
            "Norden",
            "Norden er en region, ikke et land. Skriv landene studien har data fra, hver for seg; "
            "hele Norden er [NO, SE, DK, FI, IS]. IS står ikke i literature/vocabulary.yaml: "
            "legg til 'IS: {navn: Island}' under land: der.",
        ),
        (
            "EU",
            "EU er en region, ikke et land. Skriv landene studien har data fra, hver for seg, for eksempel [NO, SE].",
        ),
        (
            "Europa",
            "Europa er en region, ikke et land. Skriv landene studien har data fra, hver for seg, "
            "for eksempel [NO, SE].",
        ),
    ],
)
def test_a_region_is_named_as_one_with_its_countries(project: Callable[..., Path], written: str, told: str) -> None:
    assert countries(project, f"[{written}]") == [
        f"{AT}:7:10: error[unknown-country]: '{written}' er ikke en gyldig verdi for land; {told}{LEVEL} "
        f"Gyldige verdier: {COUNTRIES}"
    ]


@pytest.mark.parametrize(("written", "note"), [("Kosovo", ""), ("XK", " ('XK' er ikke en ISO-kode)")])
def test_a_place_without_an_iso_code_is_left_out_and_named_in_the_summary(
    project: Callable[..., Path], written: str, note: str
) -> None:
    assert countries(project, f"[NO, {written}]") == [
        f"{AT}:7:14: error[unknown-country]: '{written}' er ikke en gyldig verdi for land; Kosovo har ingen kode i "
        f"ISO 3166-1{note}. Ta Kosovo ut av land og nevn Kosovo i sammendraget; står ingen andre "
        f"land igjen, fjern land. Gyldige verdier: {COUNTRIES}"
    ]


@pytest.mark.parametrize(
    ("written", "codes"),
    [("Norge", "NO"), ("Norway, Sweden", "NO, SE"), ("Norge og Sverige", "NO, SE"), ("Skandinavia", "NO, SE, DK")],
)
def test_a_scalar_country_is_suggested_as_a_list_of_codes(
    project: Callable[..., Path], written: str, codes: str
) -> None:
    assert countries(project, written) == [
        f"{AT}:7:9: error[wrong-type]: feltet kontekst.land skal være en liste, men er en tekst "
        f"(skriv den som en liste: [{codes}])"
    ]


def test_a_scalar_in_another_field_stays_as_written(project: Callable[..., Path]) -> None:
    coded = SOURCE + "kontekst:\n  nivå: Norge\n"
    assert problems(project(sources={"ansell2008collaborative": coded})) == [
        f"{AT}:7:9: error[wrong-type]: feltet kontekst.nivå skal være en liste, men er en tekst "
        "(skriv den som en liste: [Norge])"
    ]


@pytest.mark.parametrize("written", ["Norway; Sweden", "Norway and Sweden", "Norge/Sverige"])
def test_several_countries_in_one_value_are_suggested_as_codes(project: Callable[..., Path], written: str) -> None:
    assert countries(project, f"[{written}]") == [
        f"{AT}:7:10: error[unknown-country]: '{written}' er ikke en gyldig verdi for land; det er flere land i én "
        f"verdi. Skriv hvert land som en egen verdi i listen: [NO, SE]. Gyldige verdier: {COUNTRIES}"
    ]


def test_a_country_with_and_in_its_name_is_one_country() -> None:
    assert codes_in("Bosnia and Herzegovina") == ["BA"]
    assert codes_in("Norway and Xylofonia") == ["NO", "Xylofonia"]
    # Linear in a run of spaces (a pattern with `\s*` around the separator was quadratic).
    assert codes_in("Norway" + " " * 50_000 + "and Sweden") == ["NO", "SE"]


def test_a_country_the_list_already_has_is_to_be_removed(project: Callable[..., Path]) -> None:
    assert countries(project, "[NO, Norge, Sweden, Sverige]") == [
        f"{AT}:7:14: error[unknown-country]: 'Norge' er ikke en gyldig verdi for land; det er NO (Norge), som allerede "
        f"står i listen. Fjern 'Norge'. Gyldige verdier: {COUNTRIES}",
        f"{AT}:7:21: error[unknown-country]: 'Sweden' er ikke en gyldig verdi for land; mente du 'SE' (Sverige)? "
        f"Land skrives som koden på to store bokstaver (ISO 3166-1). Gyldige verdier: {COUNTRIES}",
        f"{AT}:7:29: error[unknown-country]: 'Sverige' er ikke en gyldig verdi for land; det er SE (Sverige), som "
        f"allerede står i listen (som 'Sweden'). Fjern 'Sverige'. Gyldige verdier: {COUNTRIES}",
    ]


def test_a_repeated_item_is_located_at_the_repeat_and_named(project: Callable[..., Path]) -> None:
    assert countries(project, "[NO, DK, NO]") == [
        f"{AT}:7:18: error[duplicate-value]: 'NO' står allerede i feltet kontekst.land, på linje 7, kolonne 10; "
        "fjern duplikatet"
    ]


def test_a_repeat_in_any_list_is_located_the_same_way(project: Callable[..., Path]) -> None:
    coded = SOURCE.replace("[tillit]", "[tillit,\n  tillit]")
    assert problems(project(sources={"ansell2008collaborative": coded})) == [
        f"{AT}:2:3: error[duplicate-value]: 'tillit' står allerede i feltet temaer, på linje 1, kolonne 10; "
        "fjern duplikatet"
    ]


def test_a_country_the_list_has_later_is_also_to_be_removed(project: Callable[..., Path]) -> None:
    assert countries(project, "[Norge, NO]") == [
        f"{AT}:7:10: error[unknown-country]: 'Norge' er ikke en gyldig verdi for land; det er NO (Norge), som allerede "
        f"står i listen. Fjern 'Norge'. Gyldige verdier: {COUNTRIES}"
    ]


def test_a_scalar_country_missing_from_the_vocabulary_says_how_to_add_it_in_the_same_round(
    project: Callable[..., Path],
) -> None:
    assert countries(project, "Tyskland") == [
        f"{AT}:7:9: error[unknown-country]: 'DE' er ikke en gyldig verdi for land; DE (Tyskland) er en gyldig "
        "landkode (ISO 3166-1), men den står ikke i literature/vocabulary.yaml: legg til 'DE: {navn: Tyskland}' "
        f"under land: der. Gyldige verdier: {COUNTRIES}",
        f"{AT}:7:9: error[wrong-type]: feltet kontekst.land skal være en liste, men er en tekst "
        "(skriv den som en liste: [DE])",
    ]


def test_a_scalar_region_without_its_countries_is_explained_in_the_same_round(project: Callable[..., Path]) -> None:
    assert countries(project, "EU") == [
        f"{AT}:7:9: error[unknown-country]: 'EU' er ikke en gyldig verdi for land; EU er en region, ikke et land. "
        f"Skriv landene studien har data fra, hver for seg, for eksempel [NO, SE].{LEVEL} Gyldige verdier: {COUNTRIES}",
        f"{AT}:7:9: error[wrong-type]: feltet kontekst.land skal være en liste, men er en tekst "
        "(skriv den som en liste: [EU])",
    ]
