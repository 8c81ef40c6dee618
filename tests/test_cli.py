"""The command line: exit codes, summary line and GitHub annotations."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ANSELL, SOURCE, THEME


def test_check_on_a_valid_project(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    assert main(["check", "--root", str(root)]) == 0
    assert "Sjekket 1 kilde og 1 tema: 0 feil og 0 advarsler" in capsys.readouterr().err
    assert not (root / "docs/tema").exists()


def test_build_writes_pages(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = project()
    assert main(["build", "--root", str(root)]) == 0
    assert (root / "docs/tema/tillit.md").is_file()
    assert "Bygget 1 kilde og 1 tema:" in capsys.readouterr().err


def test_errors_exit_1_and_say_nothing_was_written(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = project(sources={"ansell2008collaborative": SOURCE.replace("[tillit]", "[tilit]")})
    assert main(["build", "--root", str(root)]) == 1
    captured = capsys.readouterr()
    assert "error[unknown-theme]" in captured.err
    assert "Stoppet: 1 feil og 0 advarsler. Ingenting er skrevet" in captured.err
    assert captured.out.startswith(
        "::error file=literature/sources/ansell2008collaborative.yaml,line=1,col=10,title=unknown-theme::'tilit' er ikke et tema"
    )
    assert not (root / "docs/tema").exists()


def test_strict_makes_warnings_fail(project: Callable[..., Path]) -> None:
    root = project(bib=(Path(__file__).parent / "fixtures/warning.bib").read_text("utf-8"))
    assert main(["check", "--root", str(root)]) == 0
    assert main(["check", "--root", str(root), "--strict"]) == 1


def test_missing_literature_folder_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert "error[missing-file]: fant ikke mappen literature/" in capsys.readouterr().err


def test_new_writes_a_source_file_and_refuses_to_overwrite(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(sources={})
    assert main(["new", "ansell2008collaborative", "--root", str(root)]) == 0
    written = root / "literature/sources/ansell2008collaborative.yaml"
    text = written.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schemas/source.schema.json\n")
    assert "# Koding av: Ansell og Gash (2008). Collaborative Governance in Theory and Practice" in text
    assert "# Studiedesign, én av: konseptuell, case-metaanalyse," in text
    assert main(["new", "ansell2008collaborative", "--root", str(root)]) == 1
    assert "finnes allerede; den blir ikke skrevet over" in capsys.readouterr().err
    assert written.read_text("utf-8") == text


def test_new_for_an_unknown_key_suggests_the_closest(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    assert main(["new", "ansel2008collaborative", "--root", str(root)]) == 1
    assert "mente du 'ansell2008collaborative'?" in capsys.readouterr().err


def test_a_filled_in_new_file_passes_the_check(project: Callable[..., Path]) -> None:
    root = project(sources={})
    main(["new", "ansell2008collaborative", "--root", str(root)])
    path = root / "literature/sources/ansell2008collaborative.yaml"
    text = path.read_text("utf-8").replace("temaer: []", "temaer: [tillit]").replace('design: ""', "design: casestudie")
    text = text.replace('sammendrag: ""', "sammendrag: Et sammendrag.")
    # Read in full: the default theme's single-source finding has small method concerns.
    path.write_text(text.replace("lest: tittel", "lest: fulltekst"), "utf-8")
    assert main(["check", "--root", str(root)]) == 0


def test_an_internal_error_is_one_line_not_a_traceback(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(root: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("generator.cli.check", broken)
    assert main(["check", "--root", str(project())]) == 3
    assert "Intern feil i generatoren (RuntimeError: boom)" in capsys.readouterr().err


def test_github_gets_errors_first_and_a_norwegian_summary_by_file(
    project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    bib = ANSELL.replace("  volume = {18},\n", "")  # a warning in the .bib file, which sorts first by path
    root = project(bib=bib, sources={"ansell2008collaborative": SOURCE.replace("[tillit]", "[<b>tilit</b>]")})
    assert main(["check", "--root", str(root)]) == 1
    annotations = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[0] for line in annotations] == ["::error", "::warning"]
    text = summary.read_text("utf-8")
    assert text.index("literature/sources/ansell2008collaborative.yaml") < text.index("literature/samverdi.bib")
    assert "1 feil og 1 advarsler, fil for fil:" in text
    assert "| 1 | feil | `unknown-theme` |" in text
    assert "<b>" not in text and "&#60;b&#62;" in text, "a value from the files stays text in the summary too"


def test_github_gets_the_ten_annotations_of_each_kind_it_shows_and_the_log_gets_every_problem(
    project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    flood = THEME.rstrip("\n") + "\n\n" + "<a " * 30 + "\n"  # thirty raw-html warnings
    root = project(themes={"tillit": flood}, sources={"ansell2008collaborative": SOURCE.replace("[tillit]", "[x]")})
    main(["check", "--root", str(root)])
    captured = capsys.readouterr()
    annotations = [line.split(" ")[0] for line in captured.out.splitlines()]
    assert annotations == ["::error"] + ["::warning"] * 10
    assert captured.err.count("warning[raw-html]") == 30


def test_python_without_the_packages_says_run_make_site_first() -> None:
    completed = subprocess.run(
        [sys.executable, "-S", "-m", "generator", "check"],  # -S: no site-packages, as a system Python without them
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "Kjør make site først" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_an_export_that_is_not_there_is_explained_in_norwegian(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = project()
    missing = tmp_path / "eksport.bib"
    assert main(["import", str(missing), "--root", str(root)]) == 1
    assert (
        f"{missing}:1:1: error[unreadable-file]: kunne ikke lese filen: filen eller mappen finnes ikke "
        "(sjekk navnet og hvor den ligger)"
    ) in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["mappe", "rør"])
def test_an_export_that_is_a_folder_or_a_named_pipe_is_refused_without_waiting(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    root = project()
    export = tmp_path / "eksport.ris"
    if kind == "mappe":
        export.mkdir()
    else:
        os.mkfifo(export)  # opened without a writer, a plain open() would wait for ever
    assert main(["import", str(export), "--root", str(root)]) == 1
    assert f"{export}:1:1: error[not-regular-file]:" in capsys.readouterr().err


# Synthetic works: a second Ansell & Gash 2008 (so both get a year letter) without pages.
PREVIEWED = """\
@article{eksport1,
  author = {Ansell, Chris and Gash, Alison},
  title = {A synthetic title for the preview},
  journal = {Journal of Synthetic Studies},
  year = {2008},
  volume = {1},
}
"""


def test_import_shows_each_new_reference_as_published_with_its_warnings(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = project()
    export = tmp_path / "eksport.bib"
    export.write_text(PREVIEWED, "utf-8")
    # Imported: exit 0, although the source file is still to be filled in (the output says so).
    assert main(["import", str(export), "--root", str(root)]) == 0
    err = capsys.readouterr().err
    preview = err.split("Slik blir de nye referansene på nettstedet:\n", 1)[1]
    shown = preview.splitlines()
    assert shown[:4] == [
        "  Ansell, C. & Gash, A. (2008a). A synthetic title for the preview. *Journal of Synthetic Studies*, *1*.",
        "    literature/samverdi.bib:14:1: warning[bib-missing-field]: @article{ansell2008synthetic} mangler feltet "
        "pages eller eid; legg det til hvis det finnes (referansen vises uten), eller før det opp under kjent_mangler "
        "i literature/checks.yaml med grunnen",
        # The base's own Ansell & Gash (2008) is cited as 2008b from now on: the researcher is told.
        "Henvisningene til ansell2008collaborative endres fra 2008 til 2008b: en ny kilde har samme forfattere og "
        "år (APA 8.19). Sjekk at temaene som viser til den, fortsatt stemmer.",
        # The source file to fill in is not part of the reference: its problems follow, unindented.
        "literature/sources/ansell2008synthetic.yaml:7:9: error[empty-field]: feltet temaer kan ikke være tomt "
        "(Temaene kilden hører til: id-ene (filnavnene) i literature/themes/, for eksempel samskaping-begreper.)",
    ]


# Synthetic works whose exporter wrote the date as people write it.
DATED = """\
@article{eksport1,
  author = {Hansen, Kari},
  title = {Samskaping i en syntetisk kommune},
  journal = {Journal of Synthetic Studies},
  date = {04.12.2026}, volume = {1}, pages = {1--2},
}
@article{eksport2,
  author = {Hansen, Kari},
  title = {Tvetydige syntetiske datoer},
  journal = {Journal of Synthetic Studies},
  date = {4/12/2026}, volume = {1}, pages = {1--2},
}
@article{eksport3,
  author = {Hansen, Kari},
  title = {Korte syntetiske årstall},
  journal = {Journal of Synthetic Studies},
  date = {04.12.26}, volume = {1}, pages = {1--2},
}
"""


def test_import_of_a_date_written_day_first_keys_its_year_and_names_the_iso_date(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = project()
    export = tmp_path / "eksport.bib"
    export.write_text(DATED, "utf-8")
    assert main(["import", str(export), "--root", str(root)]) == 0
    err = capsys.readouterr().err
    # A four-digit year gives the key its year; a two-digit one (1926 or 2026?) does not.
    assert err.splitlines()[1:4] == [
        "  hansen2026samskaping  (var eksport1)",
        "  hansen2026tvetydige  (var eksport2)",
        "  hansenkorte  (var eksport3)",
    ]
    preview = err.split("Slik blir de nye referansene på nettstedet:\n", 1)[1].splitlines()
    assert preview[:6] == [
        "  Hansen, K. (04.12.2026). Samskaping i en syntetisk kommune. *Journal of Synthetic Studies*, *1*, 1–2.",
        # The import wrote the date into `year`: the message names that line and what replaces it.
        "    literature/samverdi.bib:14:1: error[bib-year]: året '04.12.2026' i hansen2026samskaping er en dato "
        "skrevet på en annen måte: erstatt year = {04.12.2026} med date = {2026-12-04} (4. desember 2026)",
        "  Hansen, K. (4/12/2026). Tvetydige syntetiske datoer. *Journal of Synthetic Studies*, *1*, 1–2.",
        "    literature/samverdi.bib:23:1: error[bib-year]: året '4/12/2026' i hansen2026tvetydige er en dato som kan "
        "leses på 2 måter: erstatt year = {4/12/2026} med date = {2026-12-04} (4. desember 2026) eller "
        "date = {2026-04-12} (12. april 2026), den som stemmer",
        "  Hansen, K. (04.12.26). Korte syntetiske årstall. *Journal of Synthetic Studies*, *1*, 1–2.",
        "    literature/samverdi.bib:32:1: error[bib-year]: året '04.12.26' i hansenkorte er en dato som kan leses på "
        "2 måter: erstatt year = {04.12.26} med date = {2026-12-04} (4. desember 2026) eller date = {1926-12-04} "
        "(4. desember 1926), den som stemmer",
    ]
    # The researcher's date is kept as written, for them to fix: the import does not guess.
    written = (root / "literature" / "samverdi.bib").read_text("utf-8")
    assert '    year = "04.12.2026"\n' in written
    assert '    year = "4/12/2026"\n' in written


def test_import_closing_count_is_every_listed_error_and_warning(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = project()
    export = tmp_path / "eksport.bib"
    export.write_text(DATED + PREVIEWED.replace("eksport1", "eksport4"), "utf-8")
    assert main(["import", str(export), "--root", str(root)]) == 0
    lines = capsys.readouterr().err.splitlines()
    listed = [line for line in lines if ": error[" in line or ": warning[" in line]
    # 3 bib-year errors and 1 bib-missing-field warning under the references; 4 source files with 3 errors each.
    assert sum(": error[" in line for line in listed) == 15
    assert sum(": warning[" in line for line in listed) == 1
    assert lines[-1] == (
        "Importert. Før de nye kildene kan publiseres, fyll inn kodefilene i literature/sources/ og rett det som er "
        "vist over (15 feil og 1 advarsel), og kjør make check igjen."
    )
