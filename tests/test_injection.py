"""Untrusted text: payloads in every text field build into pages where no script, handler or element is injected."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.core.markup import literal
from generator.pipeline import build, check
from tests.conftest import REPO, SUMMARY, VOCABULARY, build_site, copy_theme_files, write_project

# Each payload is tagged so a leak can be traced to its field.
PAYLOADS = [
    '<script>alert("XSS-{n}")</script>',
    '<img src=x onerror=alert("XSS-{n}")>',
    '<svg onload=alert("XSS-{n}")>',
    "{{: onclick=\"alert('XSS-{n}')\" }}",
    "{{{{ 7*7 }}}} {{% raw %}}XSS-{n}",
    '[lenke](https://example.org/ "title" onmouseover="alert(\'XSS-{n}\')")',
    "<a href=\"javascript:alert('XSS-{n}')\">x</a>",
]


def payload(n: int) -> str:
    return " ".join(template.format(n=n) for template in PAYLOADS)


def yaml_text(n: int) -> str:
    return "'" + payload(n).replace("'", "''") + "'"


def bib_text(n: int) -> str:
    return payload(n).replace("{", "").replace("}", "").replace("%", "")


BIB = f"""
@article{{ansell2008collaborative,
  author = {{Ansell, Chris and {bib_text(1)}, Alison}},
  title = {{Collaborative Governance {bib_text(2)}}},
  journal = {{Journal {bib_text(3)}}},
  year = {{2008}}, volume = {{18 {bib_text(4)}}}, number = {{4}}, pages = {{543--571}},
  url = {{https://example.org/"onmouseover="alert('XSS-5')}},
  language = {{english}}
}}
"""

# Prose that must come out inert without an error (warnings only): tricks on links, snippets,
# abbreviations, attribute lists and images. Also opened in the browser (tests/browser).
INERT_PROSE = (
    '\n<https://ok.example/"onmouseover=alert(3)> <https://ok.example/a b>\n'
    '`-8<-` code\n    -8<- "../../.git/config"\n*[ABBR]: <img src=x onerror=alert(4)>\n{: onclick=alert(5) }\n'
    '![bilde](https://x.example/sporing.png) [lenke](https://ok.example/ "tittel" onmouseover="alert(7)")\n'
    # The generator's own markers for finished HTML (generator/mkdocs/finished_html.py), written by hand.
    "\n<!-- ferdig-html -->\n<script>alert(8)</script>\n<!-- /ferdig-html -->\n\n[[ferdig-html 0]]\n"
)

SOURCE = f"""\
temaer: [tillit]
design: case-metaanalyse
sammendrag: {yaml_text(10)}
funn: [{yaml_text(11)}]
implikasjoner: [{yaml_text(12)}]
status: utkast
lest: fulltekst
faktagrunnlag: ['https://example.org/*XSS-13*[x](javascript:alert(13))#_a_']
"""

THEME = f"""\
---
tittel: {yaml_text(20)}
rekkefølge: 1
kort: {yaml_text(21)}
status: utkast
hovedfunn:
  - påstand: {yaml_text(22)}
    tiltro: moderat
    begrunnelse: {yaml_text(23)}
    kilder: [ansell2008collaborative]
    vurdering:
      metode: {{bekymring: små, forklaring: {yaml_text(26)}}}
      samstemmighet: {{bekymring: kan-ikke-vurderes, forklaring: {yaml_text(27)}}}
      datamengde: {{bekymring: moderate, forklaring: {yaml_text(28)}}}
      relevans: {{bekymring: små, forklaring: {yaml_text(29)}}}
ledere:
  - tekst: {yaml_text(24)}
    kilder: [ansell2008collaborative]
---
{payload(25)}
{INERT_PROSE}

Tekst [@ansell2008collaborative].
"""

# The about page names the editors; the contact address must be an e-mail or https address.
ABOUT = SUMMARY + f"redaksjon:\n  - {{navn: {yaml_text(40)}, rolle: {yaml_text(41)}}}\nkontakt: post@example.org\n"

# The site's configuration without its navigation, so MkDocs lists whatever pages this small project has.
MKDOCS = (REPO / "mkdocs.yml").read_text("utf-8").split("\nnav:")[0] + "\n"


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self._json_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if (
                name in ("href", "src")
                and value
                and value.replace(" ", "").lower().startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        self._in_script = tag == "script"
        self._json_script = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._json_script = False

    def handle_data(self, data: str) -> None:
        if self._json_script:
            # Data, not code: it must parse, and hold no "<" that could end the element early.
            json.loads(data)
            if "<" in data:
                self.problems.append(f"json script containing '<': {data[:40]!r}")
        elif self._in_script and "XSS" in data:
            self.problems.append(f"script containing {data[:40]!r}")
        self.text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(write_injection_project(tmp_path_factory.mktemp("injection")))


def write_injection_project(directory: Path) -> Path:
    """A one-source project with payloads in every text field; warnings only, so it builds."""
    vocabulary = VOCABULARY.replace("navn: Sammenstilling av casestudier", f"navn: {yaml_text(30)}")
    assert vocabulary != VOCABULARY, "the payload replaces the label of the source's design"
    root = write_project(
        directory,
        bib=BIB,
        sources={"ansell2008collaborative": SOURCE},
        themes={"tillit": THEME},
        vocabulary=vocabulary,
        summary=ABOUT,
        mkdocs=MKDOCS,
    )
    copy_theme_files(root)
    (root / "docs/index.md").write_text("# Hjem\n", "utf-8")
    (root / "docs/om.md").write_text('# Om\n\n--8<-- "om.md"\n', "utf-8")
    diagnostics, _ = check(root)
    # Warnings only: the payloads are published (as text); example.org is no provenance host we know.
    expected = {"raw-html", "link-syntax", "bib-missing-field", "unknown-provenance-host"}
    assert {item.code for item in diagnostics} <= expected
    return root


@pytest.mark.parametrize(
    "page",
    [
        "tema/tillit/index.html",
        "kilder/ansell2008collaborative/index.html",
        "kilder/index.html",
        "referanser/index.html",
        "tema/index.html",
        "om/index.html",
    ],
)
def test_no_payload_becomes_live(site: Path, page: str) -> None:
    inspector = _Inspector()
    inspector.feed((site / page).read_text("utf-8"))
    assert inspector.problems == []


def test_payloads_are_shown_as_text(site: Path) -> None:
    inspector = _Inspector()
    inspector.feed((site / "tema/tillit/index.html").read_text("utf-8"))
    text = "".join(inspector.text)
    assert '<script>alert("XSS-25")</script>' in text
    assert "{{ 7*7 }} {% raw %}XSS-25" in text
    assert "{: onclick=\"alert('XSS-25')\" }" in text


def test_the_editors_names_are_shown_as_text_and_the_contact_as_a_mail_link(site: Path) -> None:
    html = (site / "om/index.html").read_text("utf-8")
    inspector = _Inspector()
    inspector.feed(html)
    assert '<script>alert("XSS-40")</script>' in "".join(inspector.text)
    assert '<a href="mailto:post@example.org">post@example.org</a>' in html


def test_the_raw_html_is_reported_to_the_author(tmp_path: Path) -> None:
    root = write_project(tmp_path, sources={"ansell2008collaborative": SOURCE}, bib=BIB)
    result = build(root)
    assert any(
        item.code == "raw-html" and item.path.endswith("ansell2008collaborative.yaml") for item in result.diagnostics
    )


def test_literal_replaces_every_special_character_and_nothing_else() -> None:
    specials = '&<>"\\`*_{}[]#|~^!'
    for character in [chr(code) for code in range(32, 127)] + ["ø", "é", "–"]:
        text = f"a{character}b"
        expected = f"a&#{ord(character)};b" if character in specials else text
        assert literal(text) == expected, character
    assert literal("Ansell & Gash") == "Ansell &#38; Gash"
    assert literal("2024\n-8<- x\r\n\tb") == "2024 -8&#60;- x   b", "a value never starts a line of its own"
