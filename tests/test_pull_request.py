"""A researcher's pull request, as it is made: exports from the reference managers go in with
`generator import`, the new sources are coded and cited in a theme, and the evidence base checks
clean (--strict), builds with a real `mkdocs build --strict`, and publishes no private field."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EVIDENCE_BASE, REPO, build_site, copy_site_files

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
TOOLS = ["zotero-better-biblatex", "zotero-bibtex", "jabref", "endnote", "mendeley"]
# What the exports hold that must never be published (file paths, notes, owners, the summary text).
PRIVATE = [
    "/Users/kari",
    "/home/kari",
    "Mendeley Desktop",
    "H7TTW2QX",
    "9QK2ZT7M",
    "Forlagets sammendrag",
    "prosjektmøtet",
    "2026-11-30T10:15:00",
    "mendeley-groups",
    "Publisher: Routledge",
]


def generator(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments, "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def imported_keys(root: Path) -> dict[str, str]:
    """The new keys by the keys the reference managers gave them, from literature/importerte-nokler.yaml."""
    text = (root / "literature" / "importerte-nokler.yaml").read_text("utf-8")
    return dict(re.findall(r'^"([^"]+)": (\S+)$', text, re.MULTILINE))


def code_and_cite(root: Path, keys: list[str]) -> None:
    """What the researcher does by hand: fill in each source file and cite the source in a theme."""
    theme = sorted((root / "literature" / "themes").glob("*.md"))[0]
    for key in keys:
        (root / "literature" / "sources" / f"{key}.yaml").write_text(
            f"temaer: [{theme.stem}]\ndesign: konseptuell\nsammendrag: Et kort sammendrag på klarspråk.\n"
            "status: utkast\nlest: sammendrag\nlagt_til: 2026-12-02\n",
            "utf-8",
        )
    citations = "; ".join(f"@{key}" for key in keys)
    theme.write_text(theme.read_text("utf-8").rstrip("\n") + f"\n\nNye kilder drøfter dette [{citations}].\n", "utf-8")


def published_text(root: Path, folder: str) -> str:
    return "".join(path.read_text("utf-8", errors="replace") for path in (root / folder).rglob("*") if path.is_file())


def test_a_pull_request_from_a_zotero_export_checks_clean_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    # The frozen copy of the evidence base, not literature/: a researcher's first import commits
    # literature/importerte-nokler.yaml and new sources, and this test must not depend on them.
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    copy_site_files(root)

    imported = generator(root, "import", str(EXPORTS / "zotero-better-biblatex.bib"))
    assert "La til 1 kilde" in imported.stderr, imported.stderr
    assert "finnes alt som osborne2006new" in imported.stderr
    assert imported.returncode == 0, "imported; the new source file is still to be filled in, and the output says so"
    assert "Importert. Før de nye kildene kan publiseres, fyll inn kodefilene i literature/sources/" in imported.stderr
    assert "literature/sources/vankleef2016out.yaml" in imported.stderr
    assert imported_keys(root) == {"vankleef2016out": "vankleef2016out"}

    code_and_cite(root, ["vankleef2016out"])
    checked = generator(root, "check", "--strict")
    assert checked.returncode == 0, checked.stderr
    assert "0 feil og 0 advarsler" in checked.stderr

    site = build_site(root)
    references = (site / "referanser" / "index.html").read_text("utf-8")
    assert "van Kleef, D. &amp; van Eijk, C. (2016)." in references or "van Kleef, D. &#38; van Eijk" in references
    assert "https://doi.org/10.1080/01900692.2016.1177837" in references
    theme_pages = published_text(root, "site/tema")
    assert "van Kleef &amp; van Eijk, 2016" in theme_pages or "van Kleef &#38; van Eijk, 2016" in theme_pages
    site_text = published_text(root, "site")
    for private in PRIVATE:
        assert private not in site_text, private


def test_exports_from_every_tool_go_in_once_each(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini" / "literature", root / "literature")
    for tool in TOOLS:
        result = generator(root, "import", str(EXPORTS / f"{tool}.bib"))
        assert "Stoppet" not in result.stderr and "Intern feil" not in result.stderr, result.stderr
    keys = imported_keys(root)
    # Each work once, whichever tool brought it first; the ones the base has already are left out.
    assert keys == {
        "osborne2006new": "osborne2006new",
        "roiseland2024advancing": "roiseland2024advancing",
        "vankleef2016out": "vankleef2016out",
        "RN15": "ringholm2011innovasjonsprosesser",
        "Sorensen2020": "sorensen2020interactive",
    }
    code_and_cite(root, sorted(keys.values()))
    checked = generator(root, "build", "--strict")
    assert checked.returncode == 0, checked.stderr
    downloads = published_text(root, "docs/nedlastinger") + published_text(root, "docs/kilder")
    for private in PRIVATE:
        assert private not in downloads, private
    assert "@article{osborne2006new," in downloads


def test_the_test_evidence_base_is_a_copy_of_a_valid_base() -> None:
    """The frozen copy the content tests read must itself check clean (it is updated on purpose, never by a PR)."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--strict", "--root", str(EVIDENCE_BASE.parent)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
