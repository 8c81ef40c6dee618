"""axe-core with the WCAG 2.0/2.1 A and AA rules reports no violations on any page type,
in the light and dark palettes, at desktop and phone width."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "hjem": "",
    "tema": "tema/tillit/",
    "kilde": "kilder/ansell2008collaborative/",
    "alle-kilder": "kilder/?tema=tillit",
    "kunnskapskart": "kunnskapskart/",
    "fasett": "kunnskapskart/design/casestudie/",
    "referanser": "referanser/",
    "nedlastinger": "nedlastinger/",
    "begreper": "begreper/",
    "om": "om/",
    "tilgjengelighet": "tilgjengelighet/",
    "nytt": "nytt/",
    "404": "finnes-ikke/",
}


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in violation["nodes"][:5]
        )
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_violations(open_page: Any, base_url: str, name: str, width: int, scheme: str) -> None:
    page = open_page(width=width, scheme=scheme)
    page.goto(base_url + PAGES[name])
    if name == "alle-kilder":
        page.eval_on_selector(".kildefilter__detaljer", "details => { details.open = true; }")  # the filters open
    assert axe_violations(page) == []
