"""The first use of a glossary term on home and theme pages links to Begreper (generator/mkdocs/glossary_links.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.mkdocs.glossary_links import link_first_uses, on_files, read_terms
from generator.pipeline import build
from tests.conftest import write_project

TERMS = json.dumps(
    [
        {"id": "samskaping", "forms": ["samskaping"], "title": "Samskaping: At aktører løser problemer sammen."},
        {
            "id": "samarbeidsdrevet-innovasjon",
            "forms": ["samarbeidsdrevet innovasjon"],
            "title": 'Samarbeidsdrevet "innovasjon" & mer',
        },
        {"id": "innovasjon", "forms": ["innovasjon"], "title": "Innovasjon: Fornyelse."},
    ]
)
GLOSSARY = read_terms(TERMS)
SAMSKAPING = (
    '<a class="begrep" href="../../begreper/#samskaping" title="Samskaping: At aktører løser problemer sammen.">'
)


def linked(page_html: str) -> str:
    return link_first_uses(page_html, GLOSSARY, "../../begreper/")


def test_only_the_first_use_is_linked_and_its_words_are_kept() -> None:
    assert linked("<p>Samskapingen krever tid. Samskaping igjen.</p>") == (
        f"<p>{SAMSKAPING}Samskapingen</a> krever tid. Samskaping igjen.</p>"
    )


def test_headings_links_code_and_abbreviations_are_left_alone() -> None:
    page = (
        '<h2 id="samskaping">Samskaping</h2><p><a href="x/">samskaping</a> <code>samskaping</code> '
        '<abbr title="samskaping">SK</abbr></p><pre><code>samskaping</code></pre><p>Om samskaping.</p>'
    )
    assert linked(page) == page.replace("<p>Om samskaping.", f"<p>Om {SAMSKAPING}samskaping</a>.")


def test_a_term_inside_another_word_or_an_attribute_is_not_a_use() -> None:
    page = '<p title="samskaping">ikkesamskaping, samskapingsprosess og &samskaping;</p>'
    assert linked(page) == page


def test_the_longer_term_wins_and_may_span_a_line_break() -> None:
    assert linked("<p>Samarbeidsdrevet\ninnovasjon og innovasjon.</p>") == (
        '<p><a class="begrep" href="../../begreper/#samarbeidsdrevet-innovasjon" '
        'title="Samarbeidsdrevet &quot;innovasjon&quot; &amp; mer">Samarbeidsdrevet\ninnovasjon</a> og '
        '<a class="begrep" href="../../begreper/#innovasjon" title="Innovasjon: Fornyelse.">innovasjon</a>.</p>'
    )


def test_a_page_without_terms_is_returned_as_it_is() -> None:
    assert link_first_uses("<p>samskaping</p>", read_terms("[]"), "begreper/") == "<p>samskaping</p>"


@pytest.mark.parametrize(
    ("definition", "title"),
    [
        (
            "Styring inspirert av privat sektor. Forskningen beskriver NPM som et overgangsstadium.",
            "New Public Management: Styring inspirert av privat sektor.",
        ),
        # Markdown or markup cannot stand in a title as it is: the link still leads to the entry.
        ("Styring med *mål* og resultater.", "Se forklaringen under Begreper"),
    ],
)
def test_the_generator_writes_each_terms_words_and_a_plain_tooltip(tmp_path: Path, definition: str, title: str) -> None:
    root = write_project(tmp_path)
    glossary = f"begreper:\n  npm:\n    navn: New Public Management (NPM)\n    definisjon: {definition}\n"
    (root / "literature/glossary.yaml").write_text(glossary, "utf-8")
    assert build(root).report is not None
    terms = json.loads((root / "docs/_generert/begreper.json").read_text("utf-8"))
    assert terms == [{"id": "npm", "forms": ["new public management", "npm"], "title": title}]


def test_without_the_generated_terms_the_build_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"fant ikke begrepene i .*: kjør «python -m generator build» først"):
        on_files(None, {"docs_dir": str(tmp_path)})
