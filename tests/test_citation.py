"""Citing the summary: CITATION.cff and .zenodo.json from summary.yaml, kept in step by the check, and Om's APA."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.core.diagnostics import Diagnostics
from generator.model.build import SummaryInfo
from generator.pipeline import check
from generator.render.citation import check_in_step, citation_files, reference_html
from generator.render.hosts import linked_hosts
from tests.conftest import REPO, SUMMARY

# The CFF 1.2.0 schema (https://citation-file-format.github.io/1.2.0/schema.json, CC BY 4.0), as cffconvert 2.0.0
# ships it. cffconvert itself cannot be a test dependency: its only release pins jsonschema<4, and the project needs 4.
CFF_SCHEMA = json.loads((REPO / "tests/fixtures/cff/schema-1.2.0.json").read_text("utf-8"))

# Synthetic editors, DOI and address.
WITH_EDITORS = (
    SUMMARY.replace('versjon: "0.1"', 'versjon: "1.0"')
    + """\
redaksjon:
  - {navn: Kari Testesen Nordmann, rolle: redaktør, institusjon: Eksempeluniversitetet}
  - {navn: "van Prøve, Ola", rolle: redaktør}
dato: "2026-12-01"
doi: 10.5281/zenodo.0000001
nettadresse: https://samverdi.example.org/kunnskap/
"""
)

EXPECTED_CFF = """\
# Generert fra literature/summary.yaml av python -m generator build. Ikke rediger: endre summary.yaml.
cff-version: 1.2.0
message: Siter kunnskapsoppsummeringen slik preferred-citation viser, med versjonen du har lest.
title: Samskaping og ledelse i kommunene – en kunnskapsoppsummering
authors:
- family-names: Nordmann
  given-names: Kari Testesen
  affiliation: Eksempeluniversitetet
- family-names: Prøve
  given-names: Ola
  name-particle: van
version: '1.0'
date-released: '2026-12-01'
doi: 10.5281/zenodo.0000001
url: https://samverdi.example.org/kunnskap/
preferred-citation:
  type: report
  title: Samskaping og ledelse i kommunene – en kunnskapsoppsummering
  authors:
  - family-names: Nordmann
    given-names: Kari Testesen
    affiliation: Eksempeluniversitetet
  - family-names: Prøve
    given-names: Ola
    name-particle: van
  version: '1.0'
  publisher:
    name: Trondheim kommune
  languages:
  - nor
  date-released: '2026-12-01'
  doi: 10.5281/zenodo.0000001
  url: https://samverdi.example.org/kunnskap/
  year: 2026
"""

EXPECTED_ZENODO = {
    "title": "Samskaping og ledelse i kommunene – en kunnskapsoppsummering",
    "upload_type": "publication",
    "publication_type": "report",
    "description": "<p>Kunnskapsoppsummering fra SAMVERDI – nye former for ledelse av samskaping for "
    "fellesskapsverdier (2024–2026).</p>",
    "creators": [
        {"name": "Nordmann, Kari Testesen", "affiliation": "Eksempeluniversitetet"},
        {"name": "van Prøve, Ola"},
    ],
    "version": "1.0",
    "language": "nor",
    "publication_date": "2026-12-01",
}


def _info(root: Path) -> SummaryInfo:
    diagnostics, model = check(root)
    assert model is not None, [str(item) for item in diagnostics]
    return model.info


def _valid_cff(text: str) -> None:
    jsonschema.Draft7Validator(CFF_SCHEMA).validate(yaml.safe_load(text))


def test_shipped_base_files_are_in_step_and_valid() -> None:
    info = _info(REPO)
    diagnostics = Diagnostics()
    check_in_step(REPO, info, diagnostics)
    assert [str(item) for item in diagnostics] == []
    cff = (REPO / "CITATION.cff").read_text("utf-8")
    _valid_cff(cff)
    assert yaml.safe_load(cff)["authors"] == [{"name": "SAMVERDI (Trondheim kommune)"}]
    assert json.loads((REPO / ".zenodo.json").read_text("utf-8"))["creators"] == [
        {"name": "SAMVERDI (Trondheim kommune)"}
    ]


def test_editors_dates_doi_and_address(project: Callable[..., Path]) -> None:
    files = citation_files(_info(project(summary=WITH_EDITORS)))
    assert files["CITATION.cff"] == EXPECTED_CFF
    _valid_cff(files["CITATION.cff"])
    assert json.loads(files[".zenodo.json"]) == EXPECTED_ZENODO


def test_cffconvert_validates_the_generated_files(project: Callable[..., Path], tmp_path: Path) -> None:
    """The maintained tool itself, from its own environment (`make test` installs it in .venv-cff; it
    cannot be a test dependency, above). Missing, it is skipped on a developer's machine, an error in CI."""
    cffconvert = shutil.which("cffconvert", path=f"{REPO / '.venv-cff/bin'}:{Path(sys.executable).parent}")
    if cffconvert is None:
        if os.environ.get("CI") == "true":
            pytest.fail("cffconvert is missing: make test installs it in .venv-cff")
        pytest.skip("cffconvert er ikke installert (make test installerer det i .venv-cff)")
    for summary in (SUMMARY, WITH_EDITORS):
        folder = tmp_path / str(len(summary))
        folder.mkdir()
        (folder / "CITATION.cff").write_text(citation_files(_info(project(summary=summary)))["CITATION.cff"], "utf-8")
        done = subprocess.run([cffconvert, "--validate"], cwd=folder, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def test_about_page_cites_in_norwegian_apa(project: Callable[..., Path]) -> None:
    with_editors = _info(project(summary=WITH_EDITORS))
    assert reference_html(with_editors, "2025") == (
        "Nordmann, K. T. &#38; van Prøve, O. (Red.). (2026). "
        "<em>Samskaping og ledelse i kommunene – en kunnskapsoppsummering</em> (Versjon 1.0). Trondheim kommune. "
        '<a class="adresse" href="https://doi.org/10.5281/zenodo.0000001">https://doi.org/10.5281/zenodo.0000001</a>'
    )
    group = _info(project(summary=SUMMARY + "nettadresse: https://samverdi.example.org/\n"))
    assert reference_html(group, "2025") == (
        "SAMVERDI. (2025). <em>Samskaping og ledelse i kommunene – en kunnskapsoppsummering</em> (Versjon 0.1). "
        'Trondheim kommune. <a class="adresse" href="https://samverdi.example.org/">https://samverdi.example.org/</a>'
    )
    assert reference_html(_info(project(summary=SUMMARY)), None).startswith("SAMVERDI. (u.å.). <em>")


def test_build_writes_and_check_reports_the_line_that_differs(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(summary=WITH_EDITORS)
    assert main(["build", "--root", str(root)]) == 0
    assert "Skrev CITATION.cff og .zenodo.json på nytt etter literature/summary.yaml" in capsys.readouterr().err
    assert (root / "CITATION.cff").read_text("utf-8") == EXPECTED_CFF
    assert main(["check", "--root", str(root)]) == 0

    summary = root / "literature/summary.yaml"
    summary.write_text(WITH_EDITORS.replace('versjon: "1.0"', 'versjon: "1.1"'), "utf-8")
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 1
    fix = "kjør python -m generator build (eller make site), som skriver den på nytt, og ta den med i endringen"
    assert capsys.readouterr().err.splitlines()[:2] == [
        f".zenodo.json:15:1: error[citation-stale]: .zenodo.json følger ikke literature/summary.yaml fra linje 15; {fix}",
        f"CITATION.cff:12:1: error[citation-stale]: CITATION.cff følger ikke literature/summary.yaml fra linje 12; {fix}",
    ]

    assert main(["build", "--root", str(root)]) == 0
    assert main(["check", "--root", str(root)]) == 0
    (root / ".zenodo.json").unlink()
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f".zenodo.json:1:1: error[citation-stale]: .zenodo.json mangler, men CITATION.cff finnes; {fix}"
    )


@pytest.mark.parametrize(
    "doi",
    [
        "https://doi.org/10.5281/zenodo.1",  # written as an address
        "10.5281/zenodo.1.",  # a sentence's full stop
        "10.5281/a#b",  # a character CITATION.cff's schema refuses
    ],
)
def test_summary_doi_is_checked(doi: str, project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = project(summary=SUMMARY + f"doi: '{doi}'\n")
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err.startswith(
        f"literature/summary.yaml:5:7: error[invalid-value]: feltet doi har feil format: '{doi}' "
        "(Kunnskapsoppsummeringens egen DOI"
    )


HOSTILE_NAME = "</p><script>alert(1)</script> &x; 'a: [b]' *alias #c"
HOSTILE_SUMMARY = (
    SUMMARY.replace("tittel: Samskaping", 'tittel: "{Samskaping} <img src=x onerror=alert(1)>: &amp;')
    .replace("kunnskapsoppsummering\n", 'kunnskapsoppsummering"\n', 1)
    .replace("prosjekt: SAMVERDI", "prosjekt: </p><b>SAMVERDI", 1)
    + f'redaksjon:\n  - navn: {json.dumps(HOSTILE_NAME)}\n    institusjon: \'"}}, "upload_type": "software\'\n'
)


def test_hostile_editor_and_title_stay_text(project: Callable[..., Path]) -> None:
    info = _info(project(summary=HOSTILE_SUMMARY))
    files = citation_files(info)
    cff = yaml.safe_load(files["CITATION.cff"])
    _valid_cff(files["CITATION.cff"])
    assert cff["title"] == info.title
    assert cff["authors"] == [
        {
            "family-names": "#c",  # pybtex's split, as for every name: lower-case words are particles
            "name-particle": "</p><script>alert(1)</script> &x; 'a: [b]' *alias",
            "affiliation": '"}, "upload_type": "software',
        }
    ]
    zenodo = json.loads(files[".zenodo.json"])
    assert zenodo["upload_type"] == "publication"
    assert zenodo["creators"] == [
        {"name": "</p><script>alert(1)</script> &x; 'a: [b]' *alias #c", "affiliation": '"}, "upload_type": "software'}
    ]
    assert zenodo["description"] == (
        "<p>Kunnskapsoppsummering fra &lt;/p&gt;&lt;b&gt;SAMVERDI – nye former for ledelse av samskaping for "
        "fellesskapsverdier (2024–2026).</p>"
    )
    html = reference_html(info, "2026")
    assert "<script" not in html and "<img" not in html and "</p>" not in html
    assert "&#60;img src=x onerror=alert(1)&#62;: &#38;amp; og ledelse" in html


def test_the_citation_addresses_are_linked_hosts(project: Callable[..., Path]) -> None:
    """The net after the build lets through only hosts the generator links to: Om's DOI and address are two."""
    _, model = check(project(summary=WITH_EDITORS))
    assert model is not None
    assert {"doi.org", "samverdi.example.org"} <= set(linked_hosts(model))


def test_build_replaces_a_linked_citation_file_and_never_writes_through_it(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project()
    outside = tmp_path / "utenfor.txt"
    outside.write_text("urørt\n", "utf-8")
    (root / "CITATION.cff").symlink_to(outside)
    assert main(["build", "--root", str(root)]) == 0
    assert outside.read_text("utf-8") == "urørt\n"
    assert not (root / "CITATION.cff").is_symlink()
    assert (root / "CITATION.cff").read_text("utf-8") == citation_files(_info(root))["CITATION.cff"]
