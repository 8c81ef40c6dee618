"""Editions (generator/model/editions.py): snapshots recorded by `generator utgave`, /endringer/ from a
history of three, and the difference a pull request makes for readers (`generator endringer --mot`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from generator.core.diagnostics import MAX_SUMMARY_BYTES
from generator.model.changes import _capped
from generator.model.editions import canonical, snapshot, version_key
from generator.pipeline import build, check
from tests.conftest import ANSELL, REPO, SOURCE, SUMMARY, THEME, write_project

NORDMANN = """
@article{nordmann2020samarbeid,
  author = {Nordmann, Kari},
  title = {Et syntetisk testverk om samarbeid},
  journal = {Testtidsskrift},
  year = {2020},
  volume = {1},
  pages = {1--10},
  language = {norwegian}
}
"""
NORDMANN_SOURCE = SOURCE.replace("status: utkast", "status: vurdert")
SECOND = """\
  - påstand: Samarbeid tar tid.
    tiltro: lav
    begrunnelse: Én kilde.
    kilder: [nordmann2020samarbeid]
    vurdering:
      metode: {bekymring: små, forklaring: Et testverk.}
      samstemmighet: {bekymring: kan-ikke-vurderes, forklaring: Funnet bygger på én kilde.}
      datamengde: {bekymring: moderate, forklaring: Én kilde.}
      relevans: {bekymring: moderate, forklaring: Syntetisk.}
---"""
KEY_MESSAGE = 'kort_fortalt: ["Tillit tar tid."]\nhovedbudskap:\n  - {tema: tillit, hovedfunn: 1}\n'


def generator(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments, "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def _edition(root: Path, version: str, date: str) -> None:
    done = generator(root, "utgave", version, "--dato", date)
    assert done.returncode == 0, done.stderr


def history(root: Path) -> Path:
    """Three editions, with every kind of change between them."""
    write_project(root, summary=SUMMARY + KEY_MESSAGE)
    _edition(root, "1.0", "2026-01-10")
    # 1.9: a new source and a new finding; finding 1 is re-rated (relevance serious: lav -> svært lav).
    write_project(
        root,
        bib=ANSELL + NORDMANN,
        sources={"ansell2008collaborative": SOURCE, "nordmann2020samarbeid": NORDMANN_SOURCE},
        themes={
            "tillit": THEME.replace("tiltro: lav", "tiltro: svaert-lav")
            .replace("moderate, forklaring: Ikke norske", "alvorlige, forklaring: Ikke norske")
            .replace("\n---\n", "\n" + SECOND + "\n", 1)
        },
        summary=SUMMARY + KEY_MESSAGE,
    )
    _edition(root, "1.9", "2026-03-01")
    # 1.10: finding 1 and its source are withdrawn (finding 2 becomes 1), which is reworded; the source
    # gets a new status, the theme's text and Kort fortalt change.
    theme = "---\ntittel: Tillit\nrekkefølge: 1\nkort: Om tillit.\nstatus: utkast\nhovedfunn:\n" + SECOND.replace(
        "Samarbeid tar tid.", "Samarbeid tar lang tid."
    )
    write_project(
        root,
        bib=NORDMANN,
        sources={"nordmann2020samarbeid": NORDMANN_SOURCE.replace("status: vurdert", "status: godkjent")},
        themes={"tillit": theme + "\nNy tekst som viser til [@nordmann2020samarbeid].\n"},
        summary=SUMMARY + KEY_MESSAGE.replace("Tillit tar tid.", "Samarbeid tar tid."),
    )
    (root / "literature/sources/ansell2008collaborative.yaml").unlink()
    _edition(root, "1.10", "2026-06-01")
    return root


def test_versions_compare_number_by_number() -> None:
    assert version_key("1.10") > version_key("1.9")
    assert version_key("1.0") == version_key("1")
    assert version_key("2") > version_key("1.99")


def test_a_snapshot_is_the_same_bytes_from_the_same_input(tmp_path: Path) -> None:
    write_project(tmp_path)
    first = check(tmp_path)[1]
    second = check(tmp_path)[1]
    assert first is not None and second is not None
    text = canonical(snapshot(first, "1.0", "2026-01-10"))
    assert text == canonical(snapshot(second, "1.0", "2026-01-10"))
    assert text.endswith("}\n") and "\n" not in text[:-1]
    data = json.loads(text)
    assert data["kilder"]["ansell2008collaborative"] == {
        "referanse": "Ansell, C. & Gash, A. (2008). Collaborative governance in theory and practice. "
        "Journal of Public Administration Research and Theory, 18(4), 543–571. https://doi.org/10.1093/jopart/mum032",
        "status": "Utkast",
    }
    assert data["hovedfunn"][0]["vurdering"]["Relevans"] == {
        "bekymring": "Moderate betenkeligheter",
        "forklaring": "Ikke norske caser.",
    }


def test_the_command_records_an_edition_and_only_the_version_line_changes(tmp_path: Path) -> None:
    write_project(tmp_path)
    before = (tmp_path / "literature/summary.yaml").read_text("utf-8")
    _edition(tmp_path, "1.0", "2026-01-10")
    after = (tmp_path / "literature/summary.yaml").read_text("utf-8")
    assert after == before.replace('versjon: "0.1"', 'versjon: "1.0"')
    assert json.loads((tmp_path / "literature/utgaver/1.0.json").read_text("utf-8"))["dato"] == "2026-01-10"
    # The citation files name the version: written with it, so the check finds them in step.
    assert "\nversion: '1.0'\n" in (tmp_path / "CITATION.cff").read_text("utf-8")
    assert list(check(tmp_path)[0]) == []


def test_an_older_or_equal_version_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    write_project(tmp_path)
    _edition(tmp_path, "1.10", "2026-01-10")
    summary = (tmp_path / "literature/summary.yaml").read_text("utf-8")
    for version in ("1.9", "1.10.0"):
        refused = generator(tmp_path, "utgave", version, "--dato", "2026-02-01")
        assert refused.returncode == 1
        assert (
            f"literature/utgaver/{version}.json:1:1: error[edition-refused]: utgave {version} er ikke nyere enn "
            "den siste, 1.10; velg et høyere nummer, for eksempel 1.11"
        ) in refused.stderr
        assert not (tmp_path / f"literature/utgaver/{version}.json").exists()
    wrong = generator(tmp_path, "utgave", "1.x")
    assert "error[edition-refused]: '1.x' er ikke et versjonsnummer" in wrong.stderr
    assert (tmp_path / "literature/summary.yaml").read_text("utf-8") == summary


def test_a_hand_edited_or_broken_snapshot_is_a_located_error(tmp_path: Path) -> None:
    write_project(tmp_path)
    _edition(tmp_path, "1.0", "2026-01-10")
    path = tmp_path / "literature/utgaver/1.0.json"
    path.write_text(path.read_text("utf-8").replace("Tillit kan bygges", "Tillit bygges alltid"), "utf-8")
    diagnostics, model = check(tmp_path)
    assert model is None
    assert [str(item) for item in diagnostics] == [
        "literature/utgaver/1.0.json:1:1: error[edition-invalid]: innholdet stemmer ikke med fingeravtrykket: "
        "en utgave skal aldri endres for hånd"
    ]
    path.write_text('{"format": 1,\n "versjon": ', "utf-8")
    assert [str(item) for item in check(tmp_path)[0]] == [
        "literature/utgaver/1.0.json:2:13: error[edition-invalid]: er ikke gyldig JSON (Expecting value); "
        "en utgave skal aldri endres for hånd"
    ]
    path.write_text("[]\n", "utf-8")
    assert "error[edition-invalid]: filen er ikke et JSON-objekt" in str(next(iter(check(tmp_path)[0])))


def test_endringer_lists_every_kind_of_change_newest_first(tmp_path: Path) -> None:
    root = history(tmp_path)
    result = build(root)
    assert result.report is not None, [str(item) for item in result.diagnostics]
    page = (root / "docs/endringer/index.md").read_text("utf-8")
    body = page[page.index("## Utgave 1.10") :]
    assert body.index("## Utgave 1.10") < body.index("## Utgave 1.9") < body.index("## Utgave 1.0")
    newest = body[: body.index("## Utgave 1.9")]
    assert newest == (
        "## Utgave 1.10 (1. juni 2026) { #utgave-1-10 }\n\n"
        "**Trukket tilbake**\n\n- [Tillit](../tema/tillit.md), hovedfunn 1: «Tillit kan bygges over tid.»\n\n"
        "**Omformulert**\n\n- [Tillit](../tema/tillit.md), hovedfunn 1: «Samarbeid tar lang tid.» (før: «Samarbeid tar tid.»)\n\n"
        "**Fjernede kilder**\n\n- Ansell, C. &#38; Gash, A. (2008). Collaborative governance in theory and practice. "
        "Journal of Public Administration Research and Theory, 18(4), 543–571. https://doi.org/10.1093/jopart/mum032\n\n"
        "**Kilder med ny status**\n\n- Nordmann, K. (2020). Et syntetisk testverk om samarbeid. Testtidsskrift, 1, 1–10. "
        "Status: vurdert → godkjent.\n\n"
        "**Nye hovedbudskap**\n\n- Samarbeid tar lang tid.\n\n"
        "**Ny «Kort fortalt»**\n\n- Samarbeid tar tid.\n\n"
        "**Temaer med endret tekst**\n\n- Tillit\n\n"
    )
    middle = body[body.index("## Utgave 1.9") : body.index("## Utgave 1.0")]
    assert "**Nye hovedfunn**\n\n- [Tillit](../tema/tillit.md), hovedfunn 2: «Samarbeid tar tid.»\n" in middle
    assert (
        "**Endret tiltro**\n\n- [Tillit](../tema/tillit.md), hovedfunn 1: «Tillit kan bygges over tid.»: Lav → Svært lav; "
        "relevans: moderate betenkeligheter → alvorlige betenkeligheter\n"
    ) in middle
    assert "**Nye kilder**\n\n- Nordmann, K. (2020)." in middle
    assert "## Utgave 1.0 (10. januar 2026) { #utgave-1-0 }\n\nDen første utgaven: 1 hovedfunn og 1 kilde." in body
    assert "Siden utgave" not in page  # nothing changed after the last edition
    theme = (root / "docs/tema/tillit.md").read_text("utf-8")
    assert "[Endret i utgave 1.10](../endringer/index.md#utgave-1-10){: .endret }" in theme
    home = (root / "docs/_generert/tall.md").read_text("utf-8")
    assert "Sist vesentlig endret: [utgave 1.10 (1. juni 2026)](endringer/index.md)." in home
    about = (root / "docs/_generert/om.md").read_text("utf-8")
    assert "Sist vesentlig endret\n:   [Utgave 1.10 (1. juni 2026)](endringer/index.md)\n" in about
    feed = (root / "docs/nytt/atom.xml").read_text("utf-8")
    assert '<link rel="alternate" type="text/html" href="../endringer/#utgave-1-10"/>' in feed


def test_the_pull_request_difference_between_two_trees(tmp_path: Path) -> None:
    base = write_project(tmp_path / "base")
    pull = write_project(
        tmp_path / "pr",
        bib=ANSELL + NORDMANN,
        sources={"ansell2008collaborative": SOURCE, "nordmann2020samarbeid": NORDMANN_SOURCE},
    )
    done = generator(pull, "endringer", "--mot", str(base))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "## Dette endrer for leserne\n\n### Nye kilder\n\n"
        "- Nordmann, K. (2020). Et syntetisk testverk om samarbeid. Testtidsskrift, 1, 1–10.\n"
    )
    same = generator(base, "endringer", "--mot", str(base))
    assert same.stdout == "## Dette endrer for leserne\n\nIngen endringer som leserne ser.\n"


def test_pull_requests_get_the_difference_and_the_built_site() -> None:
    workflow = (REPO / ".github/workflows/site.yml").read_text("utf-8")
    assert workflow.count("uses: actions/checkout@") == workflow.count("persist-credentials: false") == 2
    assert "ref: ${{ github.base_ref }}\n          path: .grunnlag-base" in workflow
    assert 'generator endringer --mot .grunnlag-base >> "$GITHUB_STEP_SUMMARY"' in workflow
    # The action is pinned by commit (tests/test_workflows.py); what matters here is what it uploads.
    assert re.search(
        r"uses: actions/upload-artifact@\S+ # v4\S*\n        with:\n          name: nettsted\n          path: site\n",
        workflow,
    )
    assert "retention-days: 5" in workflow


def test_a_linked_or_oversized_snapshot_is_refused(tmp_path: Path) -> None:
    write_project(tmp_path)
    folder = tmp_path / "literature/utgaver"
    folder.mkdir()
    (folder / "1.0.json").symlink_to(tmp_path / "literature/summary.yaml")
    (folder / "notat.txt").write_text("x", "utf-8")
    (folder / "2.0.json").write_text(" " * (4 * 1024 * 1024 + 1), "utf-8")
    assert sorted(str(item) for item in check(tmp_path)[0]) == [
        "literature/utgaver/1.0.json:1:1: error[not-regular-file]: dette er en symbolsk lenke eller en annen "
        "spesialfil; bare vanlige filer leses (kopier innholdet inn i en vanlig fil)",
        "literature/utgaver/2.0.json:1:1: error[file-too-large]: filen er større enn 4096 KiB, grensen for denne "
        "typen fil; del den opp eller fjern det som ikke hører hjemme her",
        "literature/utgaver/notat.txt:1:1: error[edition-invalid]: bare utgaver hører hjemme her, med navn som "
        "1.0.json; lag dem med make utgave V=…",
    ]


def test_changes_since_the_last_edition_are_shown(tmp_path: Path) -> None:
    write_project(tmp_path)
    _edition(tmp_path, "1.0", "2026-01-10")
    write_project(tmp_path, sources={"ansell2008collaborative": SOURCE.replace("utkast", "godkjent")})
    assert build(tmp_path).report is not None
    page = (tmp_path / "docs/endringer/index.md").read_text("utf-8")
    assert (
        "## Siden utgave 1.0 { #siden-siste-utgave }\n\nDette er endret etter utgave 1.0 og kommer med i neste utgave.\n\n"
        "**Kilder med ny status**\n\n- Ansell, C. &#38; Gash, A. (2008)."
    ) in page
    assert "Status: utkast → godkjent.\n\n## Utgave 1.0 (10. januar 2026)" in page


def test_the_pull_request_summary_stays_under_githubs_limit() -> None:
    many = [f"- {'x' * 1000}" for _ in range(1000)]
    text = _capped(["## Dette endrer for leserne", "", *many])
    assert len(text.encode()) < MAX_SUMMARY_BYTES + 100
    assert text.endswith(f"\n\n… og {1000 - text.count('- x')} punkter til, som ikke får plass her.\n")


def test_a_version_behind_the_last_edition_is_a_located_warning(tmp_path: Path) -> None:
    write_project(tmp_path)
    _edition(tmp_path, "1.0", "2026-01-10")
    summary = tmp_path / "literature/summary.yaml"
    summary.write_text(summary.read_text("utf-8").replace('versjon: "1.0"', 'versjon: "0.9"'), "utf-8")
    assert [str(item) for item in check(tmp_path)[0]] == [
        'literature/summary.yaml:3:11: warning[edition-version]: versjon er 0.9, men siste utgave er 1.0; skriv versjon: "1.0" '
        "(make utgave setter den selv)"
    ]
    summary.write_text(summary.read_text("utf-8").replace('versjon: "0.9"', 'versjon: "1.1"'), "utf-8")
    assert list(check(tmp_path)[0]) == []
