"""Every download format is read back with a real parser and compared with the evidence base."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
import rispy
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, parse_string
from pybtex.database.output.bibtex import Writer as BibtexWriter

from bench.corpus import write_corpus
from generator.model.build import Model, entry_bibtex
from generator.pipeline import build, check
from tests.conftest import EVIDENCE_BASE, copy_site_files

# Never downloaded: keywords unless summary.yaml opts in, and the publisher's address.
PRIVATE = frozenset({"keywords", "address"})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    root = tmp_path_factory.mktemp("exports")
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    copy_site_files(root)
    result = build(root)
    assert result.report is not None
    _, model = check(root)
    assert model is not None
    return model, root / "docs"


def test_bibtex_reads_back_with_every_entry_and_field(built: tuple[Model, Path]) -> None:
    model, docs = built
    data = parse_string((docs / "nedlastinger/alle.bib").read_text("utf-8"), "bibtex")
    assert list(data.entries) == [source.key for source in model.sources]
    original = parse_string((EVIDENCE_BASE / "samverdi.bib").read_text("utf-8"), "bibtex")
    for key, entry in data.entries.items():
        public = {name: value for name, value in original.entries[key].fields.items() if name not in PRIVATE}
        assert dict(entry.fields) == public
        assert [str(p) for p in entry.persons.get("author", [])] == [
            str(p) for p in original.entries[key].persons.get("author", [])
        ]


def test_ris_reads_back_with_rispy(built: tuple[Model, Path]) -> None:
    model, docs = built
    records = rispy.loads((docs / "nedlastinger/alle.ris").read_text("utf-8"))
    assert len(records) == len(model.sources)
    by_id = {record["id"]: record for record in records}
    ansell = by_id["ansell2008collaborative"]
    assert ansell["type_of_reference"] == "JOUR"
    assert ansell["authors"] == ["Ansell, Chris", "Gash, Alison"]
    assert ansell["title"] == "Collaborative Governance in Theory and Practice"
    assert ansell["secondary_title"] == "Journal of Public Administration Research and Theory"
    assert (ansell["year"], ansell["volume"], ansell["number"]) == ("2008", "18", "4")
    assert (ansell["start_page"], ansell["end_page"]) == ("543", "571")
    assert ansell["doi"] == "10.1093/jopart/mum032"
    assert by_id["johnsen2024tillitsreformer"]["type_of_reference"] == "EDBOOK"
    assert by_id["johnsen2024tillitsreformer"]["secondary_authors"] == ["Johnsen, Åge", "Svare, Helge"]
    assert by_id["vonheimburg2021cocreation"]["authors"][0] == "von Heimburg, Dina"


def test_csl_json_reads_back_with_citeproc(built: tuple[Model, Path]) -> None:
    model, docs = built
    items = json.loads((docs / "nedlastinger/alle.json").read_text("utf-8"))
    source = CiteProcJSON(items)
    assert len(source) == len(model.sources)
    chapter = source["vonheimburg2021cocreation"]
    assert chapter["type"] == "chapter"
    assert (
        str(chapter["container_title"])
        == "Processual Perspectives on the Co-Production Turn in Public Sector Organizations"
    )
    assert [name["family"] for name in chapter["author"]] == ["von Heimburg", "Ness", "Storch"]
    assert chapter["issued"]["year"] == 2021
    dfo = source["dfo2023laerdommer"]
    assert dfo["author"][0]["literal"] == "Direktoratet for forvaltning og økonomistyring (DFØ)"


def test_csv_opens_in_excel_with_norwegian_letters(built: tuple[Model, Path]) -> None:
    model, docs = built
    raw = (docs / "nedlastinger/alle.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(model.sources)
    johnsen = next(row for row in rows if row["nøkkel"] == "johnsen2024tillitsreformer")
    assert johnsen["forfattere"] == "Johnsen, Åge & Svare, Helge"
    assert johnsen["temaer"] == "Tillit og tillitsbasert styring, Styringslogikker"
    assert johnsen["land"] == "Norge, Danmark"
    assert johnsen["design"] == "Antologi (redigert bok)"


def test_theme_downloads_hold_exactly_their_sources(built: tuple[Model, Path]) -> None:
    model, docs = built
    theme = model.themes_by_id["tillit"]
    data = parse_string((docs / "nedlastinger/tema/tillit.bib").read_text("utf-8"), "bibtex")
    assert list(data.entries) == list(theme.sources)


def test_a_source_page_holds_its_own_bibtex_and_ris_to_copy(built: tuple[Model, Path]) -> None:
    _, docs = built
    page = (docs / "kilder/moore1995creating.md").read_text("utf-8")
    blocks = re.findall(r"<pre><code[^>]*>(.*?)\n</code></pre>", page, re.DOTALL)
    bibtex, ris = (html.unescape(block) for block in blocks)
    assert list(parse_string(bibtex, "bibtex").entries) == ["moore1995creating"]
    assert [record["id"] for record in rispy.loads(ris)] == ["moore1995creating"]
    assert not (docs / "nedlastinger/kilder").exists(), "no download files per source: the page has them"


def test_atom_feed_parses_and_lists_the_newest_sources(built: tuple[Model, Path]) -> None:
    _, docs = built
    feed = feedparser.parse((docs / "nytt/atom.xml").read_text("utf-8"))
    assert feed.bozo == 0
    assert feed.feed.title == "Nytt i kunnskapsgrunnlaget – SAMVERDI"
    assert len(feed.entries) == 20
    assert feed.entries[0].link == "../kilder/agger2017collaborative/"
    assert feed.entries[0].updated == "2026-11-29T00:00:00Z"
    assert len({entry.id for entry in feed.entries}) == 20


class _PybtexWriter(BibtexWriter):  # type: ignore[misc]  # pybtex is untyped
    """pybtex's own writer with values kept as written: what the generator's BibTeX must equal."""

    def _encode(self, text: str) -> str:
        return text

    def check_braces(self, text: str) -> None:
        pass


ODD_NAMES = [
    "von der Leyen, Jr, Ursula Gertrud",
    "{Trondheim kommune}",
    "Ludwig van Beethoven",
    "de la Fontaine, Jean",
    "Sørensen, Eva and Torfing, Jacob",
    "Madonna",
    "Smith, III, J. R. R.",
    "{\\O}stergaard, H{\\aa}kon",
]


def test_bibtex_of_each_source_is_what_pybtexs_writer_writes(tmp_path: Path) -> None:
    write_corpus(300, tmp_path)
    texts = [(EVIDENCE_BASE / "samverdi.bib").read_text("utf-8")]
    texts.append((tmp_path / "literature" / "samverdi.bib").read_text("utf-8"))
    texts.append(
        "".join(
            f'@book{{odd{index}, author = {{{name}}}, editor = "{name}", title = {{Say "hi"}}, year = 2020}}\n'
            for index, name in enumerate(ODD_NAMES)
        )
    )
    compared = 0
    for text in texts:
        for key, entry in parse_string(text, "bibtex").entries.items():
            expected = io.StringIO()
            _PybtexWriter(encoding="utf-8").write_stream(BibliographyData({key: entry}), expected)
            assert entry_bibtex(key, entry) == expected.getvalue()
            compared += 1
    assert compared == 58 + 300 + len(ODD_NAMES)
