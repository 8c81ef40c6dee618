"""Integration: the shipped evidence base builds with a real `mkdocs build --strict`."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from generator.core.dates import norwegian_date
from generator.core.markup import literal
from generator.core.provenance import is_recognised
from generator.mkdocs.abbreviations import on_files
from generator.mkdocs.edit_links import edit_path
from generator.mkdocs.site_check import Net, Violation, check_built_site, check_html, check_page, check_site
from generator.pipeline import build, check
from generator.render import front_matter
from generator.render.environment import _front_matter, generated_header, page_environment
from tests.conftest import REPO, SUMMARY, build_evidence_site

THEME_TEMPLATES = [Path(material.__file__).parent / "templates", REPO / "overrides"]


class _Text(HTMLParser):
    """The visible text of a page's main content, and the text of its primary navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.content: list[str] = []
        self.nav_links: list[str] = []
        self._stack: list[str] = []
        self._in_content = 0
        self._in_nav = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "article":
            self._in_content += 1
        if tag == "nav" and (self._in_nav or "md-nav--primary" in classes):
            self._in_nav += 1  # nested <nav> elements count too, so the primary one ends where it should
        if self._in_nav and tag == "a" and attributes.get("href"):
            self.nav_links.append(attributes["href"] or "")
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_content -= 1
        if tag == "nav" and self._in_nav:
            self._in_nav -= 1

    def handle_data(self, data: str) -> None:
        if self._in_content:
            self.content.append(data)


def page(site: Path, path: str) -> tuple[str, str, list[str]]:
    html = (site / path).read_text("utf-8")
    parser = _Text()
    parser.feed(html)
    text = re.sub(r"\s+", " ", "".join(parser.content))
    return html, text, parser.nav_links


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_evidence_site(tmp_path_factory.mktemp("project"))


def test_every_page_type_exists(site: Path) -> None:
    for path in (
        "index.html",
        "tema/index.html",
        "tema/tillit/index.html",
        "kilder/index.html",
        "kilder/ansell2008collaborative/index.html",
        "referanser/index.html",
        "om/index.html",
        "404.html",
    ):
        assert (site / path).is_file(), path


def test_home_page_shows_the_numbers(site: Path) -> None:
    _, text, _ = page(site, "index.html")
    assert "omfatter nå 58 kilder fordelt på 9 temaer" in text


def test_one_source_in_one_theme_is_counted_in_the_singular(project: Callable[..., Path]) -> None:
    root = project()
    assert build(root).report is not None
    numbers = (root / "docs/_generert/tall.md").read_text("utf-8")
    assert "omfatter nå **1 kilde** fordelt på **1 tema**, med" in numbers


def test_theme_page_has_resolved_citations_findings_and_implications(site: Path) -> None:
    html, text, _ = page(site, "tema/tillit/index.html")
    assert "(Vallentin & Thygesen, 2017)" in text
    assert "Ansell og Gash (2008)" in text
    assert '<a href="../../kilder/ansell2008collaborative/">Ansell og Gash (2008)</a>' in html
    assert "Tiltro: ●●○○ lav." in text, "confidence as marks and the word, not by colour alone"
    assert (
        '<span class="tiltro__merker" aria-hidden="true">●●○○</span> <a href="../#slik-vurderer-vi-tiltro">lav</a>'
        in html
    )
    assert "Tiltro til hovedfunnene: 3 lav." in text
    assert 'id="hovedfunn-1"' in html
    assert "Hva betyr dette for ledere?" in text
    assert "[@" not in text


def test_each_finding_shows_its_assessment_in_a_collapsed_box(site: Path) -> None:
    html, _, _ = page(site, "tema/tillit/index.html")
    boxes = re.findall(r'<details class="vurdering">(.*?)</details>', html, re.DOTALL)
    assert len(boxes) == html.count('class="hovedfunn"'), "one box per finding"
    first = boxes[0]
    assert "<summary>Slik er tiltroen vurdert</summary>" in first
    terms = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)\.", first, re.DOTALL)
    assert [term for term, _ in terms] == ["Metodiske begrensninger", "Samstemmighet", "Datamengde", "Relevans"]
    # One source: its coherence cannot be judged (issue 28), and the box says so instead of a concern.
    assert all(concern.endswith("betenkeligheter") or concern == "Kan ikke vurderes" for _, concern in terms)


def test_source_page_has_reference_coding_and_the_findings_that_cite_it(site: Path) -> None:
    html, text, _ = page(site, "kilder/ansell2008collaborative/index.html")
    assert (
        '<h1 id="collaborative-governance-in-theory-and-practice"><span lang="en">Collaborative Governance in Theory and Practice</span>'
        in html
    )
    assert (
        "Ansell, C. & Gash, A. (2008). Collaborative governance in theory and practice. "
        "Journal of Public Administration Research and Theory, 18(4), 543–571. https://doi.org/10.1093/jopart/mum032"
    ) in text
    assert 'href="https://doi.org/10.1093/jopart/mum032"' in html
    assert "Sammenstilling av casestudier" in text
    assert "Tillit og tillitsbasert styring, hovedfunn 3" in text
    assert '<a href="../../tema/tillit/#hovedfunn-3">' in html


def test_reference_list_is_sorted_and_disambiguated(site: Path) -> None:
    _, text, _ = page(site, "referanser/index.html")
    assert "Ansell, C. & Torfing, J. (2021a). Co-creation: The new kid on the block in public governance." in text
    assert "Ansell, C. & Torfing, J. (2021b). Public governance as co-creation:" in text
    positions = [
        text.index(name) for name in ("Andersen, L. L.", "Ansell, C. & Gash", "Vallentin, S.", "von Heimburg, D.")
    ]
    assert positions == sorted(positions)


def test_navigation_lists_themes_but_not_individual_sources(site: Path) -> None:
    _, _, nav = page(site, "tema/tillit/index.html")
    assert any(link.endswith("samskaping-begreper/") for link in nav)
    assert any(link.endswith("kilder/") for link in nav)
    assert not any(re.search(r"kilder/[^/]+/", link) for link in nav)


def test_search_is_configured_for_norwegian_and_english(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["no", "en"]
    assert any(doc["location"].startswith("tema/tillit/") for doc in index["docs"])


def test_search_leaves_out_listings_facets_and_print_and_ranks_themes_and_terms_higher(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    for listing in ("kilder/", "referanser/", "tema/", "nedlastinger/", "nytt/", "utskrift/"):
        assert listing not in pages, listing
    assert not any(page.startswith("kunnskapskart/") and page != "kunnskapskart/" for page in pages)
    boosts = {doc["location"]: doc.get("boost") for doc in docs if "#" not in doc["location"]}
    assert boosts["tema/tillit/"] == 2 and boosts["begreper/"] == 4
    assert boosts["kilder/ansell2008collaborative/"] is None
    # A theme's `søkeord` are its search tags, which Material weighs above any title.
    tags = {doc["location"]: doc.get("tags") for doc in docs}
    assert tags["tema/tillit/"] == ["tillit", "tillitsreform"]
    assert tags["tema/tillit/#hva-sier-forskningen"] == ["tillit", "tillitsreform"]
    assert tags["tema/politisk-ledelse/"] is None


_GLOSSARY_LINK = re.compile(r'<a class="begrep" href="([^"#]*)#([a-z0-9-]+)" title="([^"]*)">([^<]*)</a>')


def test_the_first_use_of_a_glossary_term_on_home_and_theme_pages_links_to_its_entry(site: Path) -> None:
    theme = _article(site / "tema/tillit/index.html")
    links = _GLOSSARY_LINK.findall(theme)
    assert links[0] == (
        "../../begreper/",
        "samskaping",
        "Samskaping: At offentlige og private aktører – innbyggere, frivillige organisasjoner, næringsliv og "
        "offentlige ansatte – sammen definerer problemer og utvikler og gjennomfører løsninger.",
        "samskaping",
    )
    assert len({link[1] for link in links}) == len(links)  # the first use only
    # Not in headings, nor in the finished HTML (the theme's sources and references).
    assert not re.search(r"<h[1-6][^>]*>(?:(?!</h[1-6]>).)*class=\"begrep\"", theme, re.DOTALL)
    assert 'class="begrep"' not in theme.split('id="kilder-i-temaet"', 1)[1]
    home = _GLOSSARY_LINK.findall(_article(site / "index.html"))
    assert home and all(link[0] == "begreper/" for link in home)
    for elsewhere in ("begreper/index.html", "tema/index.html", "kilder/ansell2008collaborative/index.html"):
        assert 'class="begrep"' not in _article(site / elsewhere), elsewhere


def _article(path: Path) -> str:
    return path.read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]


def test_search_indexes_what_a_source_says_and_leaves_out_its_citation_forms_and_links(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]
    sections = {doc["location"].split("#")[-1] for doc in docs if doc["location"].startswith("kilder/ansell2008")}
    assert {"sammendrag", "referanse", "funn", "hva-betyr-dette-for-ledere"} <= sections
    assert not {"kjennetegn", "brukt-i-hovedfunn", "beslektede-kilder", "siter"} & sections
    source_texts = [doc["text"] for doc in docs if doc["location"].startswith("kilder/")]
    assert not any("Utkast – venter" in text for text in source_texts), "the draft notice is on every page"


def test_finished_html_comes_back_everywhere_and_the_citation_forms_show_on_the_page(site: Path) -> None:
    # generator/mkdocs/finished_html.py puts regions back after Markdown, and those search leaves out after the template.
    for path in [*site.rglob("*.html"), site / "search/search_index.json"]:
        assert "ferdig-html" not in path.read_text("utf-8"), path
    html = (site / "kilder/moore1995creating/index.html").read_text("utf-8")
    assert '<pre><code class="language-bibtex">@book{moore1995creating,' in html
    assert "<pre><code>TY  - BOOK\n" in html and "<p><strong>RIS</strong></p>" in html


def test_pages_are_norwegian_and_load_no_web_fonts(site: Path) -> None:
    html, _, _ = page(site, "index.html")
    assert '<html lang="nb"' in html
    assert "fonts.googleapis.com" not in html


def test_whole_summary_print_page_has_every_theme_and_the_references(site: Path) -> None:
    _, text, _ = page(site, "utskrift/index.html")
    for title in (
        "Samskaping – begreper og perspektiver",
        "Tillit og tillitsbasert styring",
        "Verktøy, plattformer og arenaer",
    ):
        assert title in text
    assert "Ansell, C. & Gash, A. (2008). Collaborative governance in theory and practice." in text


def test_print_stylesheet_hides_navigation_and_shows_link_targets(site: Path) -> None:
    css = (site / "stylesheets/extra.css").read_text("utf-8")
    print_rules = css.split("@media print", 1)[1]
    assert ".md-sidebar" in print_rules and "display: none" in print_rules
    assert 'content: " (" attr(href) ")"' in print_rules


def test_abbreviations_become_tooltips(site: Path) -> None:
    html, _, _ = page(site, "tema/styringslogikker/index.html")
    # The English expansion is explained in Norwegian, by the glossary term that names it; focusable by keyboard.
    npm = "Styring inspirert av privat sektor, med mål- og resultatstyring, konkurranse og markedsmekanismer."
    assert f'<abbr tabindex="0" title="{npm}">NPM</abbr>' in html
    glossary, _, _ = page(site, "begreper/index.html")
    assert (
        f'<dd><span lang="en">New Public Management</span>: {npm} <a href="#npm">Mer om begrepet</a>.</dd>' in glossary
    )
    about, _, _ = page(site, "om/index.html")  # every page, the hand-written ones too
    assert (
        '<abbr tabindex="0" title="Metode for å vurdere hvor stor tiltro vi kan ha til funn fra kvalitativ forskning">'
        in about
    )


def test_without_the_generated_abbreviations_the_build_says_what_to_run(tmp_path: Path) -> None:
    config = {"docs_dir": str(tmp_path), "mdx_configs": {}}
    with pytest.raises(PluginError, match="kjør «python -m generator build» først"):
        on_files(None, config)
    (tmp_path / "_generert").mkdir()
    (tmp_path / "_generert/forkortelser.md").write_text("*[KS]: Kommunesektorens organisasjon\n", "utf-8")
    on_files(None, config)
    assert config["mdx_configs"] == {"abbr": {"glossary": {"KS": "Kommunesektorens organisasjon"}}}


def test_edit_links_open_the_file_a_researcher_edits() -> None:
    assert edit_path("tema/tillit.md") == "literature/themes/tillit.md"
    assert edit_path("kilder/ansell2008collaborative.md") == "literature/sources/ansell2008collaborative.yaml"
    assert edit_path("om.md") == "docs/om.md"
    for generated in ("tema/index.md", "kilder/index.md", "referanser/index.md", "kunnskapskart/tema/tillit.md"):
        assert edit_path(generated) is None, generated


def test_published_under_a_project_path_the_404_page_and_edit_links_work(site: Path) -> None:
    root = site.parent
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "pages")],
        cwd=root,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SITE_URL": "https://trondheim-kommune.github.io/samverdi/",
            "REPO_URL": "https://github.com/trondheim-kommune/samverdi",
        },
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    not_found = (root / "pages" / "404.html").read_text("utf-8")
    assert 'href="/samverdi/assets/stylesheets/' in not_found and 'href="/assets/' not in not_found
    theme = (root / "pages" / "tema" / "tillit" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/trondheim-kommune/samverdi/edit/main/literature/themes/tillit.md"' in theme
    with pytest.MonkeyPatch.context() as patch:  # mkdocs.yml reads both from the environment
        patch.setenv("SITE_URL", "https://trondheim-kommune.github.io/samverdi/")
        patch.setenv("REPO_URL", "https://github.com/trondheim-kommune/samverdi")
        violations = check_built_site(root / "pages", root, THEME_TEMPLATES, "/samverdi/")
    assert violations == [], [str(violation) for violation in violations]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://doi.org/10.1093/jopart/mum032", True),
        ("https://www.tandfonline.com/doi/abs/10.1080/14719037.2014.930505", True),
        ("https://ntnuopen.ntnu.no/ntnu-xmlui/handle/11250/2730499", True),
        ("https://www.regjeringen.no/no/dokumenter/x/id1/", True),
        ("https://www.trondheim.kommune.no/samskaping/", True),
        ("https://docslib.org/doc/4859804/collaborative-governance", False),
        ("https://www.scribd.com/document/437803119/Jurnal", False),
        ("https://onlinelibrary-wiley-com-443.webvpn.zafu.edu.cn/doi/10.1111/puar.12238", False),
        ("https://oztopooneiriceikon.pages.dev/641761.html", False),
        ("https://doi.org.evil.example/10.1/x", False),
        ("javascript:alert(1)//doi.org", False),
    ],
)
def test_provenance_links_only_to_recognised_hosts(url: str, linked: bool) -> None:
    assert is_recognised(url) is linked


def test_source_pages_do_not_link_to_document_sharing_sites(site: Path) -> None:
    html, _, _ = page(site, "kilder/ansell2008collaborative/index.html")
    for host in ("docslib", "scribd", "17tex"):
        assert host not in html, host


def test_the_interface_speaks_norwegian(site: Path) -> None:
    home = (site / "index.html").read_text("utf-8")
    assert "Made with" not in home and "Material for MkDocs" not in home
    labels = set(re.findall(r'aria-label="([^"]*)"', home))
    assert {"Sidetopp", "Sidebunn"} <= labels and not {"Header", "Footer"} & labels
    not_found = (site / "404.html").read_text("utf-8")
    assert "<h1>Fant ikke siden</h1>" in not_found and "Not found" not in not_found


def test_news_tells_the_truth_about_what_it_shows(site: Path) -> None:
    _, text, _ = page(site, "nytt/index.html")
    assert "Lagt til 29. november 2026" in text
    assert "Viser 20 av de 58 kildene som ble lagt til denne dagen." in text


@pytest.mark.parametrize(
    ("iso", "written"),
    [("2026-11-29", "29. november 2026"), ("2024-01-05", "5. januar 2024"), ("2024-13-01", "2024-13-01")],
)
def test_dates_are_written_as_in_norwegian(iso: str, written: str) -> None:
    assert norwegian_date(iso) == written


def test_home_starts_with_key_messages_and_shows_every_theme_at_a_glance(site: Path) -> None:
    html, text, nav = page(site, "index.html")
    assert text.index("Hovedbudskap") < text.index("Temaene på ett blikk") < text.index("Slik bruker du")
    assert (
        "Tillit kan være en kjerne i samarbeid og fornyelse. Tidlige, små seire kan styrke den. "
        "Tiltro: ●●○○ lav." in text
    )
    assert 'href="tema/tillit/#hovedfunn-3"' in html
    assert re.search(
        r"Tillit og tillitsbasert styring.*?</td>\s*<td[^>]*>6</td>\s*<td[^>]*>4</td>\s*"
        r'<td data-etikett="Tiltro til hovedfunnene">3 lav</td>',
        html,
        re.DOTALL,
    )
    assert {"kunnskapskart/", "begreper/", "nedlastinger/", "nytt/"} <= set(nav), "the home page shows the navigation"


def test_thin_facts_show_a_neutral_notice_and_no_note_to_the_group(site: Path) -> None:
    _, text, _ = page(site, "kilder/hofstad2022cities/index.html")
    assert "Få opplysninger om denne kilden" in text
    assert "forskergruppen bør" not in text.lower()


def test_source_pages_carry_highwire_tags_for_reference_managers(site: Path) -> None:
    html = (site / "kilder/ansell2008collaborative/index.html").read_text("utf-8")
    head = html.split("</head>", 1)[0]
    tags = re.findall(r'<meta name="citation_([a-z_]+)" content="([^"]*)">', head)
    assert ("title", "Collaborative Governance in Theory and Practice") in tags
    assert [value for name, value in tags if name == "author"] == ["Ansell, Chris", "Gash, Alison"]
    assert ("doi", "10.1093/jopart/mum032") in tags and ("firstpage", "543") in tags
    assert re.search(r'<h2 [^>]*id="siter"[^>]*>Siter', html) and "language-bibtex" in html


class _LinksAndIds(HTMLParser):
    """The relative links in a page's main content, and every id on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._in_content = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._in_content += tag == "article"
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        href = attributes.get("href") or ""
        if self._in_content and tag == "a" and href and not re.match(r"[a-z]+:|#", href):
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        self._in_content -= tag == "article"


@cache  # a theme page is the target of many links
def _links_and_ids(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_links_on_source_pages_reach_a_page_and_its_anchor(site: Path) -> None:
    # MkDocs does not read source pages (they are finished HTML), so it cannot check their links: this does.
    checked = 0
    for source_page in sorted((site / "kilder").glob("*/index.html")):
        for href in _links_and_ids(source_page).links:
            path, _, anchor = href.partition("#")
            target = (source_page.parent / path / "index.html").resolve()
            assert target.is_file(), f"{source_page}: {href}"
            assert not anchor or anchor in _links_and_ids(target).ids, f"{source_page}: {href}"
            checked += 1
    assert checked > 400


def test_a_source_page_has_its_sections_in_the_table_of_contents_and_glossary_tooltips(site: Path) -> None:
    html, _, _ = page(site, "kilder/dfo2023laerdommer/index.html")
    contents = html.split('class="md-nav md-nav--secondary"')[1].split("</nav>")[0]
    assert re.findall(r'href="#([a-z-]+)"', contents)[:4] == ["sammendrag", "referanse", "kjennetegn", "funn"]
    assert '<abbr tabindex="0" title="Direktoratet for forvaltning og økonomistyring">DFØ</abbr>' in html


def test_the_navigation_and_header_shared_in_a_folder_are_what_each_page_renders_alone(site: Path) -> None:
    # generator/mkdocs/shared_per_folder.py renders the navigation and the header once per folder where they are the same.
    # Without its templates (Material's own on every page) every page must come out byte for byte the same.
    root = site.parent
    shared = ("overrides/partials/nav.html", "overrides/partials/header.html")
    for template in shared:
        (root / template).unlink()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-uten"],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
    finally:
        for template in shared:
            shutil.copy(REPO / template, root / template)
    assert completed.returncode == 0, completed.stderr
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    outside_nav = [path for path in pages if "kilder" in path.parts and path.parts[1:] != ("index.html",)]
    assert len(outside_nav) > 50  # the source pages, which the navigation does not list
    for path in pages:
        assert (site / path).read_bytes() == (root / "site-uten" / path).read_bytes(), path


# MkDocs in a fresh interpreter, MIN_PARALLEL_PAGES pages outside the navigation before
# generator/mkdocs/pages_in_two.py builds half of them in a second process (500 in a real build; 1
# makes this small site split). It prints how many times it forked: twice for a whole build,
# once to convert and once to render.
SPLIT_BUILD = """
import atexit, os, sys
from generator.core import parallel
from mkdocs.__main__ import cli
parallel.MIN_PARALLEL_PAGES = int(sys.argv[1])
forks = []
fork = os.fork
os.fork = lambda: forks.append(1) or fork()
atexit.register(lambda: print(f"forks={len(forks)}", file=sys.stderr))
cli(["build", "--strict", "-d", sys.argv[2]])
"""


def _build_split(root: Path, folder: str, minimum: int) -> subprocess.CompletedProcess[str]:
    # A published build (site_url: the sitemap lists every page) at a fixed time (the sitemap's dates).
    published = {"SITE_URL": "https://example.org/samverdi/", "SOURCE_DATE_EPOCH": "1764633600"}
    return subprocess.run(
        [sys.executable, "-c", SPLIT_BUILD, str(minimum), folder],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **published},
        check=False,
    )


def _files(folder: Path) -> list[Path]:
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def _copy_with_source_pages(site: Path, root: Path) -> list[Path]:
    """The built project copied to `root`, without its sites; its source pages, in name order."""
    shutil.copytree(site.parent, root, ignore=shutil.ignore_patterns("site*"))
    return sorted(path for path in (root / "docs/kilder").glob("*.md") if path.name != "index.md")


def test_pages_built_in_two_processes_make_the_same_site(site: Path) -> None:
    root = site.parent
    alone, split = _build_split(root, "site-en", 10**9), _build_split(root, "site-to", 1)
    assert alone.returncode == 0 and split.returncode == 0, split.stderr
    assert "forks=0" in alone.stderr and "forks=2" in split.stderr
    assert "excluded from the built site" not in split.stderr and "Generated empty output" not in split.stderr
    files = _files(root / "site-en")
    assert files == _files(root / "site-to")
    sitemap = (root / "site-to/sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/samverdi/kilder/ansell2008collaborative/</loc>" in sitemap
    for path in files:  # pages, search index and sitemap
        assert (root / "site-en" / path).read_bytes() == (root / "site-to" / path).read_bytes(), path


def test_a_warning_on_a_page_the_other_process_builds_still_fails_the_strict_build(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    source_pages = _copy_with_source_pages(site, root)
    broken = "\n[Brutt lenke](finnes-ikke.md) og [brutt anker](../tema/tillit.md#finnes-ikke)\n"
    for path in source_pages:  # half of them go to the other process; anchors are checked here afterwards
        path.write_text(path.read_text("utf-8") + broken, "utf-8")
    alone, split = _build_split(root, "site-en", 10**9), _build_split(root, "site-to", 1)
    assert "forks=2" in split.stderr
    assert alone.returncode != 0 and split.returncode != 0

    def warnings(completed: subprocess.CompletedProcess[str]) -> list[str]:
        return sorted(line for line in completed.stderr.splitlines() if line.startswith("WARNING"))

    assert len(warnings(alone)) == 2 * len(source_pages)
    assert warnings(split) == warnings(alone), "each once, none lost"


@pytest.mark.parametrize("broken", [0, 1])  # of two neighbouring source pages, one goes to the other process
def test_an_error_on_a_page_on_either_side_stops_the_build_and_names_the_page(
    site: Path, tmp_path: Path, broken: int
) -> None:
    root = tmp_path / "prosjekt"
    page = _copy_with_source_pages(site, root)[broken]
    page.write_text(page.read_text("utf-8") + '\n--8<-- "finnes-ikke.md"\n', "utf-8")  # a snippet that is missing
    split = _build_split(root, "site-to", 1)
    assert "forks=1" in split.stderr  # the error stops the build before it renders
    assert split.returncode != 0
    assert split.stderr.count(f"ERROR   -  Error reading page 'kilder/{page.name}'") == 1


# The net: what the site never makes (generator/mkdocs/site_check.py).

OWN = Net(site_host="example.github.io", link_hosts=frozenset({"doi.org", "journals.sfu.ca"}))
NET_CASES = {
    '<img src="https://evil.example/p.png" alt="">': "<img src> henter noe fra en annen vert: 'https://evil.example/p.png'",
    '<img srcset="a.png 1x, https://evil.example/p.png 2x" alt="">': (
        "<img srcset> henter noe fra en annen vert: 'https://evil.example/p.png'"
    ),
    '<img src="//evil.example/p.png" alt="">': "<img src> henter noe fra en annen vert: '//evil.example/p.png'",
    '<img src="https:&#x2F;&#x2F;evil.example/p.png" alt="">': (
        "<img src> henter noe fra en annen vert: 'https://evil.example/p.png'"
    ),
    '<video poster="https://evil.example/p.png"></video>': (
        "<video poster> henter noe fra en annen vert: 'https://evil.example/p.png'"
    ),
    '<object data="https://evil.example/x.svg"></object>': (
        "<object data> henter noe fra en annen vert: 'https://evil.example/x.svg'"
    ),
    '<link rel="stylesheet" href="https://evil.example/x.css">': (
        "<link href> henter noe fra en annen vert: 'https://evil.example/x.css'"
    ),
    '<svg><use href="https://evil.example/i.svg#a"></use></svg>': (
        "<use href> henter noe fra en annen vert: 'https://evil.example/i.svg#a'"
    ),
    "<style>body { background: url( 'https://evil.example/p.png') }</style>": (
        "<style> henter noe fra en annen vert: 'https://evil.example/p.png'"
    ),
    '<style>@import "https://evil.example/x.css";</style>': (
        "<style> henter noe fra en annen vert: 'https://evil.example/x.css'"
    ),
    '<td style="background:url(p.png)">1</td>': "<td> har en style-verdi som ikke er tillatt: 'background:url(p.png)'",
    '<a style="position:fixed;top:0;left:0;width:100%;height:100%" href="../">x</a>': (
        "<a> har en style-verdi som ikke er tillatt: 'position:fixed;top:0;left:0;width:100%;height:100%'"
    ),
    '<td style="text-align:right">1</td>': "<td> har en style-verdi som ikke er tillatt: 'text-align:right'",
    '<a href="https://evil.example/login">Logg inn</a>': (
        "<a href> lenker til en vert generatoren ikke lenker til: 'https://evil.example/login'"
    ),
    '<a href="https://doi.org@evil.example/10.1/x">x</a>': (
        "<a href> lenker til en vert generatoren ikke lenker til: 'https://doi.org@evil.example/10.1/x'"
    ),
    '<a href="https://doi.org.evil.example/10.1/x">x</a>': (
        "<a href> lenker til en vert generatoren ikke lenker til: 'https://doi.org.evil.example/10.1/x'"
    ),
    '<a href="//evil.example/">x</a>': "<a href> lenker til en vert generatoren ikke lenker til: '//evil.example/'",
    '<a href="https://[evil/">x</a>': "<a href> lenker til en vert generatoren ikke lenker til: 'https://[evil/'",
    # As a browser reads them: `\` is `/`, and after http(s): the host comes however many slashes there are.
    '<a href="https://evil.example\\@doi.org/">x</a>': (
        "<a href> lenker til en vert generatoren ikke lenker til: 'https://evil.example\\\\@doi.org/'"
    ),
    '<a href="https:evil.example/login">x</a>': (
        "<a href> lenker til en vert generatoren ikke lenker til: 'https:evil.example/login'"
    ),
    '<img src="/\\evil.example/p.png" alt="">': "<img src> henter noe fra en annen vert: '/\\\\evil.example/p.png'",
    "<style>a { background: u\\72l(https://evil.example/p.png) }</style>": (
        "<style> henter noe fra en annen vert: 'https://evil.example/p.png'"
    ),
    "<style>a { background-image: image-set('https://evil.example/p.png' 1x) }</style>": (
        "<style> henter noe fra en annen vert: 'https://evil.example/p.png'"
    ),
}


@pytest.mark.parametrize("html", NET_CASES, ids=range(len(NET_CASES)))
def test_the_net_flags_each_resource_style_and_link_no_page_of_ours_has(html: str) -> None:
    assert f"x.html:1: {NET_CASES[html]}" in [str(violation) for violation in check_html("x.html", html, [], "/", OWN)]


@pytest.mark.parametrize(
    "html",
    [
        '<img src="../assets/images/favicon.png" alt=""><link rel="icon" href="/samverdi/assets/x.png">',
        '<link rel="canonical" href="https://example.github.io/samverdi/tema/">',
        '<td style="text-align: right;">1</td><td style="text-align: center;">2</td>',
        '<a href="https://doi.org/10.1093/jopart/mum032">x</a><a href="http://journals.sfu.ca/x">y</a>',
        '<a href="https://www.regjeringen.no/no/x/">x</a><a href="https://www.lom.kommune.no/">y</a>',
        '<a href="mailto:post@example.org">x</a><a href="../kilder/">y</a><a href="#hovedfunn-1">z</a>',
        "<style>.a { background: url(../assets/p.png) }</style>",
    ],
)
def test_the_net_lets_through_what_the_site_makes(html: str) -> None:
    assert check_html("x.html", html, [], "/samverdi/", OWN) == []


def test_a_generated_pages_title_and_heading_must_be_its_own() -> None:
    page = (
        "<html><head><title>Tillit &amp; styring - SAMVERDI</title></head><body>"
        '<h1 id="t">Tillit &amp; styring<a class="headerlink" href="#t" title="Lenke">¶</a></h1></body></html>'
    )
    assert check_page("t.html", page, [], "/", OWN, "Tillit & styring") == []
    assert [str(item) for item in check_page("t.html", page, [], "/", OWN, "Tillit")] == [
        "t.html:1: <title> er 'Tillit & styring - SAMVERDI', ikke sidens tittel 'Tillit'",
        "t.html:1: <h1> er 'Tillit & styring', ikke sidens tittel 'Tillit'",
    ]
    assert [str(item) for item in check_page("t.html", "<title>Tillit</title>", [], "/", OWN, "Tillit")] == [
        "t.html:1: <h1> er None, ikke sidens tittel 'Tillit'"
    ]


def test_the_search_index_is_checked_by_the_same_net(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    document = {"location": "tema/tillit/", "title": "Tillit", "text": '<img src="https://evil.example/p.png">'}
    (tmp_path / "search/search_index.json").write_text(json.dumps({"docs": [document]}), "utf-8")
    assert check_site(tmp_path, [], "/", OWN) == [
        Violation(
            "search/search_index.json (tema/tillit/)",
            1,
            "<img src> henter noe fra en annen vert: 'https://evil.example/p.png'",
        )
    ]


def test_the_generator_lists_the_hosts_its_pages_link_to(site: Path) -> None:
    hosts = json.loads((site.parent / "docs/_generert/lenker.json").read_text("utf-8"))
    assert {"doi.org", "journals.sfu.ca", "forskning.ruc.dk"} <= set(hosts)
    assert "evil.example" not in hosts and hosts == sorted(set(hosts))


def test_front_matter_mkdocs_cannot_read_fails_the_check_and_so_does_what_it_turns_into(
    site: Path, tmp_path: Path
) -> None:
    """The attack of issue 26: a C1 character in a title made MkDocs show the front matter as text."""
    root = tmp_path / "prosjekt"
    shutil.copytree(site.parent, root, ignore=shutil.ignore_patterns("site*"))
    page = root / "docs/tema/tillit.md"
    hostile = (
        "Tillit\x80 ![p](https://evil.example/p.png) [Logg inn](https://evil.example/login){: style=position:fixed }"
    )
    page.write_text(
        page.read_text("utf-8").replace("title: Tillit og tillitsbasert styring", f"title: {hostile}"), "utf-8"
    )
    # The same title as the generator writes it (emitter, read back) on another page: text, all of it.
    written = root / "docs/tema/styringslogikker.md"
    _, _, body = written.read_text("utf-8").split("---\n", 2)
    front = _front_matter(hostile, "Versjon 0.1", {"boost": 2}, [], [])
    written.write_text(f"{front}{body.replace('# Styringslogikker', f'# {literal(hostile)}', 1)}", "utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr  # MkDocs itself says nothing
    violations = check_built_site(root / "site", root, THEME_TEMPLATES)
    assert {item.path for item in violations} == {"tema/tillit/index.html"}
    shown = (root / "site/tema/styringslogikker/index.html").read_text("utf-8")
    assert f"<title>{front_matter.page_title(hostile)} - " in shown
    assert 'src="https://evil.example' not in shown and 'href="https://evil.example' not in shown
    assert {item.problem for item in violations} == {
        "MkDocs kan ikke lese metadataene (front matter) med tittel øverst i Markdown-filen, og viser dem da som tekst",
        "<img src> henter noe fra en annen vert: 'https://evil.example/p.png'",
        "<a href> lenker til en vert generatoren ikke lenker til: 'https://evil.example/login'",
        "<a> har en style-verdi som ikke er tillatt: 'position:fixed'",
    }


def test_the_shipped_site_passes_the_whole_net(site: Path) -> None:
    assert check_built_site(site, site.parent, THEME_TEMPLATES) == []


# Front matter (generator/render/front_matter.py).

# Any text, even characters the character gate refuses (C0/C1 controls, NEL, bidi, zero-width, private use):
# the output side must hold on its own.
_YAML_SPECIALS = ":#-?[]{}&*!|>'\"%@`,\t\n \x00\x1b\x80\x85\u2028\u202e\u200b\ufeff"
_TITLE_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from(_YAML_SPECIALS), max_size=80
) | st.sampled_from(
    ["---", "...", "  leading", " - a", "? x", "NO", "on", "2019-05-01", "010", "~", "null", "&a", "*a"]
)


@given(title=_TITLE_TEXT, tags=st.lists(_TITLE_TEXT, max_size=3), boost=st.sampled_from([1.5, 2, 4]))
@settings(max_examples=300, deadline=None)
def test_front_matter_reads_back_as_written_for_any_title(title: str, tags: list[str], boost: float) -> None:
    written = str(_front_matter(title, "Versjon 0.1", {"boost": boost}, tags, [("title", title)]))
    meta = front_matter.read_back(f"{written}{generated_header('kilder/x.md')}\n\n# x\n")
    assert meta == {
        "title": front_matter.page_title(title),
        "utgave": "Versjon 0.1",
        "search": {"boost": boost},
        **({"tags": [front_matter.page_title(tag) for tag in tags]} if tags else {}),
        "citation": [["title", front_matter.page_title(title)]],
    }
    assert html.unescape(str(meta["title"])) == " ".join(title.split())  # what a reader sees


def test_front_matter_that_does_not_read_back_stops_the_build() -> None:
    with pytest.raises(front_matter.FrontMatterError, match="leses ikke tilbake"):
        front_matter.emit({"title": ("a", "b")})  # a tuple is written as a list: not what was meant
    assert front_matter.read_back("---\ntitle: a\x80\n---\n# a\n") is None
    assert front_matter.read_back("# a\n") == {}


def test_the_contact_address_is_text_for_markdown_too(project: Callable[..., Path]) -> None:
    """`|e` escaped `kontakt` for HTML only, and an attribute list in it gave the link a handler."""
    root = project(summary=SUMMARY + "kontakt: https://example.org/{:onerror=alert(1)}*x*\n")
    assert build(root).report is not None
    about = (root / "docs/_generert/om.md").read_text("utf-8")
    written = "https://example.org/&#123;:onerror=alert(1)&#125;&#42;x&#42;"
    assert f':   <a href="{written}">{written}</a>' in about


def test_jinjas_own_escape_filters_are_the_projects_escaping(project: Callable[..., Path]) -> None:
    _, model = check(project())
    assert model is not None
    template = page_environment(model).from_string("{{ x|e }} {{ x|escape }} {{ x|literal }} {{ x }}")
    assert template.render(x="{: a }*") == " ".join(["&#123;: a &#125;&#42;"] * 4)


def test_each_generated_page_names_the_file_under_literature_to_edit() -> None:
    note = "<!-- Generert av «python -m generator build»: ikke rediger her, filen skrives over. Rediger "
    assert generated_header("kilder/ansell2008collaborative.md") == (
        f"{note}literature/sources/ansell2008collaborative.yaml og oppføringen ansell2008collaborative i "
        "literature/*.bib. -->"
    )
    assert generated_header("tema/tillit.md") == f"{note}literature/themes/tillit.md. -->"
    assert generated_header("begreper/index.md") == f"{note}literature/glossary.yaml. -->"
    assert generated_header("_generert/forkortelser.md") == f"{note}literature/glossary.yaml. -->"
    assert generated_header("tema/index.md") == f"{note}filene i literature/. -->"
    assert generated_header("kunnskapskart/land/NO.md") == f"{note}filene i literature/. -->"
