"""`generator import` and `generator new` write only inside the project, and never corrupt the bibliography.

Every write goes through `write.contained_folder`: a linked `literature/` or `literature/sources/`
is a located error and nothing is written. Import keys and year labels stay letters at any count
(`identifiers.letters`), and the files import writes are read back.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.commands.importer import import_bibtex
from generator.commands.new_source import new_source, source_file_text
from generator.core.diagnostics import Diagnostics
from generator.core.identifiers import is_identifier, letters, skeleton
from generator.load.bibliography import parse_bibtex
from generator.pipeline import build, check
from generator.write import files as write
from tests.conftest import SOURCE, THEME, write_project

TODAY = datetime.date(2026, 12, 4)
LINKED = (
    "error[not-regular-file]: er en symbolsk lenke eller en annen spesialfil, ikke en vanlig mappe; generatoren "
    "skriver aldri gjennom en lenke, så ingenting er skrevet (gjør den til en vanlig mappe og prøv igjen)"
)
# What a source file to fill in holds, read back: nothing from the entry ever reaches a field.
FIELDS = {
    "temaer": [],
    "design": "",
    "kontekst": {"land": [], "nivå": [], "sektor": []},
    "sammendrag": "",
    "funn": [],
    "implikasjoner": [],
    "status": "utkast",
    "lagt_til": TODAY,
    "faktagrunnlag": [],
    "faktagrunnlag_tynt": False,
    "lest": "tittel",
}


def export(tmp_path: Path, titles: list[str], author: str = "Hansen, Kari", year: str = "2020") -> Path:
    entries = [
        f"@article{{Zotero{number},\n  author = {{{author}}},\n  title = {{{title}}},\n"
        f"  journal = {{Tidsskrift}},\n  year = {{{year}}},\n  volume = {{1}},\n  pages = {{1--2}}\n}}\n"
        for number, title in enumerate(titles)
    ]
    path = tmp_path / "eksport.bib"
    path.write_text("\n".join(entries), "utf-8")
    return path


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# --- the suffix helper ------------------------------------------------------------------------


def test_letters_run_a_to_z_then_aa() -> None:
    assert [letters(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
        "zz",
        "aaa",
    ]


@settings(database=None)  # nothing written into the repository
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=10**12))
def test_letters_are_letters_unique_and_in_order(first: int, second: int) -> None:
    a, b = letters(first), letters(second)
    assert re.fullmatch("[a-z]+", a) and is_identifier("hansen2020trust" + a[:40])
    assert (a == b) == (first == second)  # injective
    assert ((len(a), a) < (len(b), b)) == (first < second)  # ordered: by length, then alphabet


# --- contained writes ---------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project, where a link in literature/ points."""
    folder = tmp_path / "utenfor"
    folder.mkdir()
    (folder / "hemmelig.txt").write_text("urørt\n", "utf-8")
    return folder


def link_literature(root: Path, outside: Path) -> None:
    """Move literature/ out of the project and leave a link to it behind."""
    os.rename(root / "literature", outside / "literature")
    (root / "literature").symlink_to(outside / "literature")


def link_sources(root: Path, outside: Path) -> None:
    (outside / "sources").mkdir()
    (root / "literature/sources").mkdir(exist_ok=True)
    for path in (root / "literature/sources").iterdir():
        os.rename(path, outside / "sources" / path.name)
    (root / "literature/sources").rmdir()
    (root / "literature/sources").symlink_to(outside / "sources")


@pytest.mark.parametrize(("link", "where"), [(link_literature, "literature"), (link_sources, "literature/sources")])
def test_import_never_writes_through_a_linked_folder(
    tmp_path: Path, outside: Path, link: Callable[[Path, Path], None], where: str
) -> None:
    root = write_project(tmp_path / "prosjekt")
    link(root, outside)
    before, inside = tree(outside), tree(root)
    report = import_bibtex(root, export(tmp_path, ["Trust in municipalities"]), today=TODAY)
    assert [str(item) for item in report.diagnostics] == [f"{where}:1:1: {LINKED}"]
    assert report.added == [] and report.written == []
    assert tree(outside) == before and tree(root) == inside


@pytest.mark.parametrize(("link", "where"), [(link_literature, "literature"), (link_sources, "literature/sources")])
def test_new_never_writes_through_a_linked_folder(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str], link: Callable[[Path, Path], None], where: str
) -> None:
    """literature/ is the folder between the project and literature/sources/, where new writes."""
    root = write_project(tmp_path / "prosjekt", sources={})
    link(root, outside)
    before = tree(outside)
    assert main(["new", "ansell2008collaborative", "--root", str(root)]) == 1
    assert capsys.readouterr().err == f"{where}:1:1: {LINKED}\n"
    assert tree(outside) == before


def test_a_link_deeper_down_is_refused_too(tmp_path: Path, outside: Path) -> None:
    """The helper checks every component, not only the first and the last."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a/b").symlink_to(outside)
    with pytest.raises(write.WriteError) as refused, write.contained_folder(tmp_path, "a/b/c/d"):
        pass
    assert (refused.value.path, refused.value.code) == ("a/b", "not-regular-file")
    assert sorted(path.name for path in outside.iterdir()) == ["hemmelig.txt"]


def test_a_file_where_a_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "literature").write_text("", "utf-8")
    with pytest.raises(write.WriteError) as refused, write.contained_folder(tmp_path, "literature/sources"):
        pass
    assert refused.value.path == "literature"


def test_write_file_never_overwrites_without_replace(tmp_path: Path) -> None:
    with write.contained_folder(tmp_path, "literature/sources") as folder:
        write.write_file(folder, "literature/sources/a.yaml", "a.yaml", "først\n", replace=False)
        with pytest.raises(write.WriteError, match="finnes allerede"):
            write.write_file(folder, "literature/sources/a.yaml", "a.yaml", "så\n", replace=False)
        write.write_file(folder, "literature/sources/a.yaml", "a.yaml", "byttet\n", replace=True)
    assert sorted(path.name for path in (tmp_path / "literature/sources").iterdir()) == ["a.yaml"]  # no leftovers
    assert (tmp_path / "literature/sources/a.yaml").read_text("utf-8") == "byttet\n"


def test_new_writes_its_file_into_a_project_without_sources(tmp_path: Path) -> None:
    root = write_project(tmp_path, sources={})
    assert not (root / "literature/sources").exists()
    written, message = new_source(root, "ansell2008collaborative", TODAY)
    assert written == root / "literature/sources/ansell2008collaborative.yaml"
    assert message == "Skrev literature/sources/ansell2008collaborative.yaml. Fyll inn feltene og kjør «make check»."


def test_new_refuses_a_reserved_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path, bib="@misc{index, title = {Register}, year = {2020}}", sources={})
    assert main(["new", "index", "--root", str(root)]) == 1
    assert capsys.readouterr().err.startswith("Nøkkelen 'index' er et navn nettstedet bruker selv (tema/index.md,")
    assert not (root / "literature/sources/index.yaml").exists()


# --- keys past z ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [30, 800])
def test_many_works_by_one_author_in_one_year_get_valid_unique_keys(tmp_path: Path, count: int) -> None:
    root = write_project(tmp_path / "prosjekt")
    titles = [f"Trust and governance, part {number}" for number in range(count)]
    report = import_bibtex(root, export(tmp_path, titles), today=TODAY)
    assert not report.diagnostics.has_errors
    keys = [key for key, _ in report.added]
    suffixes = [""] + [letters(number) for number in range(26)]
    assert keys[:27] == [f"hansen2020trust{suffix}" for suffix in suffixes]
    assert all(is_identifier(key) and key.startswith("hansen2020trust") for key in keys)
    assert len({skeleton(key) for key in keys}) == count  # unique, and no two look alike
    assert keys[26:28] == ["hansen2020trustz", "hansen2020trustaa"]  # never { | }
    diagnostics = Diagnostics()
    bib = parse_bibtex((root / "literature/samverdi.bib").read_text("utf-8"), "samverdi.bib", diagnostics)
    assert not diagnostics.has_errors and [item.key for item in bib][1:] == keys
    key_map = yaml.safe_load((root / "literature/importerte-nokler.yaml").read_text("utf-8"))
    assert key_map == {f"Zotero{number}": key for number, key in enumerate(keys)}
    for key in keys[:: max(1, count // 40)]:
        assert yaml.safe_load((root / f"literature/sources/{key}.yaml").read_text("utf-8")) == FIELDS


def test_seven_hundred_works_with_titles_starting_alike_get_keys_that_do_not_look_alike(tmp_path: Path) -> None:
    """`letters` gives `m` and later `rn`, whose keys share a TR39 skeleton: the import skips the second."""
    root = write_project(tmp_path / "prosjekt")
    titles = [f"Samskaping i kommunene, del {number}" for number in range(700)]
    report = import_bibtex(root, export(tmp_path, titles, author="Berg, Kari", year="2021"), today=TODAY)
    keys = [key for key, _ in report.added]
    suffixes = [""] + [letters(number) for number in range(700) if letters(number) != "rn"]
    assert keys == [f"berg2021samskaping{suffix}" for suffix in suffixes]
    assert len({skeleton(key) for key in keys}) == 700
    diagnostics, _ = check(root)
    assert [str(item) for item in diagnostics if item.code == "confusable-id"] == []


def test_an_import_key_never_takes_a_reserved_name(tmp_path: Path) -> None:
    """No year and no title word: the key is the author's name alone, here a name the site uses."""
    root = write_project(tmp_path / "prosjekt")
    path = tmp_path / "eksport.bib"
    path.write_text("@misc{x, author = {{Assets}}, title = {Å}, year = {n.d.}}\n", "utf-8")
    report = import_bibtex(root, path, today=TODAY)
    assert [key for key, _ in report.added] == ["assetsa"]


# --- year labels past z -----------------------------------------------------------------------


def test_thirty_two_works_by_one_author_and_year_are_labelled_a_to_af(tmp_path: Path) -> None:
    root = write_project(tmp_path / "prosjekt")
    titles = [f"Trust and governance, part {number:02}" for number in range(32)]
    report = import_bibtex(root, export(tmp_path, titles), today=TODAY)
    keys = [key for key, _ in report.added]
    for key in keys:
        (root / f"literature/sources/{key}.yaml").write_text(SOURCE, "utf-8")
    cited = " ".join(f"[@{key}]" for key in keys)
    (root / "literature/themes/tillit.md").write_text(THEME.rstrip("\n") + " " + cited + "\n", "utf-8")
    diagnostics, model = check(root)
    assert model is not None, [str(item) for item in diagnostics]
    labels = [model.by_key[key].reference.year_label for key in keys]
    expected = [f"2020{letters(number)}" for number in range(32)]
    assert labels == expected and expected[26:] == ["2020aa", "2020ab", "2020ac", "2020ad", "2020ae", "2020af"]
    assert build(root).report is not None
    references = (root / "docs/referanser/index.md").read_text("utf-8")
    theme = (root / "docs/tema/tillit.md").read_text("utf-8")
    for label in expected:
        assert f"({label})." in references  # in the list
        assert f"Hansen, {label}" in theme  # and in the text
    assert not re.search(r"2020[^a-z0-9\s<,;).]", references + theme)  # no { | } ~, DEL or U+0080


# --- generated source files -------------------------------------------------------------------

HOSTILE_TITLES = [
    r"Trust\par status: godkjent",
    "Trust\n---\nstatus: godkjent",
    "Trust # status: godkjent",
    "Trust: sammendrag: Godkjent",
    "Trust\u2028status: godkjent\x85design: survey",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_title_never_leaves_its_comment_in_a_generated_source_file(title: str) -> None:
    lists = dict.fromkeys(("themes", "designs", "countries", "levels", "sectors", "statuses"), title)
    text = source_file_text({"citation": "Hansen (2020)", "title": title}, lists, TODAY)
    assert yaml.safe_load(text) == FIELDS
    plain = source_file_text({"citation": "Hansen (2020)", "title": "Trust"}, dict.fromkeys(lists, "x"), TODAY)
    assert len(text.splitlines()) == len(plain.splitlines())  # every value stayed on its comment's line
    assert text.splitlines()[1].startswith("# Koding av: Hansen (2020). Trust")


@pytest.mark.parametrize(
    "title", [r"Trust\par{} status: godkjent", "Trust --- \\# status: godkjent", "Trust: a study of # and ---"]
)
def test_an_imported_title_never_changes_the_fields_of_its_source_file(tmp_path: Path, title: str) -> None:
    root = write_project(tmp_path / "prosjekt")
    report = import_bibtex(root, export(tmp_path, [title]), today=TODAY)
    ((key, _),) = report.added
    text = (root / f"literature/sources/{key}.yaml").read_text("utf-8")
    assert yaml.safe_load(text) == FIELDS
    assert text.splitlines()[1].startswith("# Koding av: Hansen (2020). Trust")
