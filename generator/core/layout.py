"""Where things live in a project: the inputs under its root and the folders the generator owns in docs/.

Kept free of heavy imports so that a rebuild with nothing changed can find its files cheaply.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

LITERATURE = "literature"
SOURCES = f"{LITERATURE}/sources"
THEMES = f"{LITERATURE}/themes"
VOCABULARY = f"{LITERATURE}/vocabulary.yaml"
SUMMARY = f"{LITERATURE}/summary.yaml"
CHECKS = f"{LITERATURE}/checks.yaml"
GLOSSARY = f"{LITERATURE}/glossary.yaml"
EDITIONS = f"{LITERATURE}/utgaver"  # one snapshot per edition, <versjon>.json (generator/model/editions.py)
DEFAULT_BIB = f"{LITERATURE}/samverdi.bib"  # where `generator import` adds new works
IMPORTED_KEYS = f"{LITERATURE}/importerte-nokler.yaml"  # the reference managers' keys -> the base's
MKDOCS = "mkdocs.yml"
# The MkDocs hooks mkdocs.yml names by path: a project built elsewhere (tests, bench) needs them beside it.
MKDOCS_HOOKS = (
    "generator/mkdocs/edit_links.py",
    "generator/mkdocs/glossary_links.py",
    "generator/mkdocs/finished_html.py",
    "generator/mkdocs/pages_in_two.py",
    "generator/mkdocs/shared_per_folder.py",
    "generator/mkdocs/abbreviations.py",
)

# Folders below docs/ that hold only generated pages; the writer removes files there it did not write.
GENERATED_FOLDERS = (
    "tema",
    "kilder",
    "referanser",
    "begreper",
    "kunnskapskart",
    "nedlastinger",
    "nytt",
    "endringer",
    "utskrift",
    "metode",
    "_generert",
)

# The pages and files the render stage writes under fixed names; every other generated path is named by an id.
THEMES_INDEX = "tema/index.md"
SOURCES_INDEX = "kilder/index.md"
REFERENCES_PAGE = "referanser/index.md"
EVIDENCE_MAP = "kunnskapskart/index.md"
DOWNLOADS_PAGE = "nedlastinger/index.md"
NEWS_PAGE = "nytt/index.md"
NEWS_FEED = "nytt/atom.xml"
CHANGES_PAGE = "endringer/index.md"
PRINTABLE_PAGE = "utskrift/index.md"
GLOSSARY_PAGE = "begreper/index.md"
METHOD_PAGE = "metode/index.md"
HOME_IN_SHORT = "_generert/kort-fortalt.md"
HOME_NUMBERS = "_generert/tall.md"
HOME_THEMES = "_generert/temaer.md"
HOME_MESSAGES = "_generert/hovedbudskap.md"
HOME_PRINT = "_generert/utskrift.md"
ABOUT_SNIPPET = "_generert/om.md"
ABOUT_CITATION = "_generert/om-sitering.md"  # "Slik siterer du kunnskapsoppsummeringen" on Om
ABBREVIATIONS_SNIPPET = "_generert/forkortelser.md"
GLOSSARY_LINKS = "_generert/begreper.json"  # not a page: the terms generator/mkdocs/glossary_links.py links to Begreper
LINKED_HOSTS = "_generert/lenker.json"  # not a page: the hosts the pages link to, for the net after the build
ALL_DOWNLOADS = "nedlastinger/alle"  # the stem of alle.bib, .ris, .json and .csv
THEME_DOWNLOADS = "nedlastinger/tema"  # the folder of <theme id>.bib, .ris, .json and .csv
# Not written by the build: `make pdf` prints it into the built site and links it (generator/mkdocs/pdf.py).
PDF_FILE = "nedlastinger/kunnskapsoppsummering.pdf"
FIXED_PATHS = (
    THEMES_INDEX,
    SOURCES_INDEX,
    REFERENCES_PAGE,
    EVIDENCE_MAP,
    DOWNLOADS_PAGE,
    NEWS_PAGE,
    NEWS_FEED,
    CHANGES_PAGE,
    PRINTABLE_PAGE,
    GLOSSARY_PAGE,
    METHOD_PAGE,
    HOME_IN_SHORT,
    HOME_NUMBERS,
    HOME_THEMES,
    HOME_MESSAGES,
    HOME_PRINT,
    ABOUT_SNIPPET,
    ABOUT_CITATION,
    ABBREVIATIONS_SNIPPET,
    GLOSSARY_LINKS,
    LINKED_HOSTS,
    ALL_DOWNLOADS,
    THEME_DOWNLOADS,
)
# The evidence map's own value for sources with no country or level given: it shares a folder with
# the vocabulary's ids. (Its dimension folders, design/region/nivaa, share a folder with no id.)
NOT_GIVEN = "ikke-oppgitt"
# Beside the generator: the hand-written pages and the theme overrides, both maintainers' files.
_REPOSITORY = Path(__file__).resolve().parents[2]
STATIC_FOLDERS = ("docs", "overrides")


@functools.cache
def reserved_names() -> dict[str, tuple[str, ...]]:
    """Every name the site itself gives a page, file or folder, with where it does: no id may take one.

    Derived, not listed: the generated paths above, the top level of docs/ and overrides/, and what
    the theme and MkDocs put at the top of the built site (Material's templates, such as assets/ and
    404.html; MkDocs's sitemap.xml and the folder each of its own plugins writes, such as search/)."""
    places: dict[str, list[str]] = {}

    def add(name: str, where: str) -> None:
        stem = name.partition(".")[0]  # sitemap.xml.gz -> sitemap
        if stem and not stem.startswith("_"):  # "_" or "." can never start an id
            places.setdefault(stem, []).append(where)

    for path in (*FIXED_PATHS, *GENERATED_FOLDERS):
        for part in path.split("/"):
            add(part, path)
    add(NOT_GIVEN, f"kunnskapskart/nivaa/{NOT_GIVEN}.md")
    for folder in STATIC_FOLDERS:
        for name in _listing(_REPOSITORY / folder):
            add(name, f"{folder}/{name}")
    for package, folder, owner in (("material", "templates", "Material"), ("mkdocs", "templates", "MkDocs")):
        for name in _listing(package_folder(package) / folder):
            add(name, f"{name} ({owner})")
    for name in _listing(package_folder("mkdocs") / "contrib"):
        add(name, f"{name}/ (MkDocs-tillegget {name})")
    return {name: tuple(where) for name, where in places.items()}


def package_folder(name: str) -> Path:
    """Where an installed package's files are, without importing it."""
    spec = importlib.util.find_spec(name)
    locations = spec.submodule_search_locations if spec else None
    return Path(next(iter(locations))) if locations else Path("/nonexistent")


def _listing(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def site_page(docs_path: str) -> str:
    """The HTML file MkDocs (directory URLs) writes for a page under docs/: `tema/x.md` -> `tema/x/index.html`."""
    stem = docs_path.removesuffix(".md")
    return (
        f"{stem.removesuffix('index')}index.html"
        if stem == "index" or stem.endswith("/index")
        else f"{stem}/index.html"
    )


def generated_note(edit: str = f"filene i {LITERATURE}/") -> str:
    """What every generated file that can hold a comment says first (a page after its front matter):
    an edit there is lost at the next build, so it names the file under literature/ to edit instead."""
    return f"Generert av «python -m generator build»: ikke rediger her, filen skrives over. Rediger {edit}."
