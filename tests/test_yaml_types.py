"""Every YAML type is checked before it is used: any value of any shipped file (a scalar, or a list
or map), swapped for a value of another type (a list, a map, a float, a boolean, null, a text or an
integer), gives a located error in that file, never an internal error."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.core.diagnostics import Diagnostics
from generator.load.evidence import split_front_matter
from generator.load.yamlsafe import Path as ValuePath
from generator.load.yamlsafe import load_yaml
from generator.pipeline import check
from tests.conftest import EVIDENCE_BASE, site_config

# One file of each kind the researchers write, as shipped (the frozen copy the content tests use).
_FILES = [
    "literature/summary.yaml",
    "literature/vocabulary.yaml",
    "literature/glossary.yaml",
    "literature/checks.yaml",
    "literature/sources/ansell2008collaborative.yaml",
    "literature/sources/torfing2019transforming.yaml",
    "literature/themes/tillit.md",
    "literature/themes/samskaping-begreper.md",
]
_REPLACEMENTS: list[Any] = [["x"], {"x": "y"}, 3.0, 1.0, True, False, None, "x", 7]


def _values(data: object, at: ValuePath = ()) -> Iterator[ValuePath]:
    """The path of every value in `data`, at every depth: scalars, and the lists and maps holding them."""
    if at:
        yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _values(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _values(value, (*at, index))


def _parts(text: str) -> tuple[str, str | None]:
    """(YAML, Markdown body or None): a theme's front matter and body, or a whole YAML file."""
    split = split_front_matter(text)
    return (split[0], split[1]) if split else (text, None)


def _data(text: str) -> Any:
    document = load_yaml(_parts(text)[0], "x.yaml", Diagnostics())  # as the generator reads it
    assert document is not None
    return document.data


def _written(text: str, data: object) -> str:
    """`text` with its YAML replaced by `data`, written by PyYAML's emitter (which quotes what YAML 1.1
    would read as another type, so the generator's YAML 1.2 reading keeps every other value)."""
    emitted = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    body = _parts(text)[1]
    return emitted if body is None else f"---\n{emitted}---\n{body}"


def _with(text: str, at: ValuePath, value: object) -> str:
    """`text` with the value at `at` replaced by `value`."""
    data = copy.deepcopy(_data(text))
    parent = data
    for part in at[:-1]:
        parent = parent[part]
    parent[at[-1]] = copy.deepcopy(value)
    return _written(text, data)


@pytest.fixture(scope="module")
def evidence_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("types")
    shutil.copytree(EVIDENCE_BASE, root / "literature")
    # The navigation every theme must be in.
    (root / "mkdocs.yml").write_text(site_config(root / "literature"), "utf-8")
    return root


def test_the_copied_evidence_base_is_valid_and_written_back_unchanged(evidence_base: Path) -> None:
    diagnostics, model = check(evidence_base)
    assert model is not None, [str(item) for item in diagnostics]
    for relative in _FILES:
        text = (evidence_base / relative).read_text("utf-8")
        assert _data(_written(text, _data(text))) == _data(text), relative


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.data())
def test_any_value_swapped_for_another_type_is_a_located_error(evidence_base: Path, choice: st.DataObject) -> None:
    relative = choice.draw(st.sampled_from(_FILES), label="file")
    path = evidence_base / relative
    original = path.read_text("utf-8")
    paths = list(_values(_data(original)))
    depth = choice.draw(
        st.sampled_from(sorted({len(at) for at in paths})), label="depth"
    )  # top-level fields weigh more
    at = choice.draw(st.sampled_from([at for at in paths if len(at) == depth]), label="value")
    old = _get(_data(original), at)
    replacement = choice.draw(st.sampled_from([value for value in _REPLACEMENTS if type(value) is not type(old)]))
    path.write_text(_with(original, at, replacement), "utf-8")
    try:
        diagnostics, model = check(evidence_base, keep=True)  # raising here is the failure
    finally:
        path.write_text(original, "utf-8")
    if old is None or replacement is None:
        return  # a field that may be empty may take its type, and may be emptied: no error is due
    assert model is None, f"{relative} {at} = {replacement!r} passed the check"
    assert any(item.path == relative and item.severity.value == "error" for item in diagnostics), [
        str(item) for item in diagnostics
    ]


def _get(data: Any, at: ValuePath) -> Any:
    for part in at:
        data = data[part]
    return data


def test_a_key_message_number_written_as_a_float_is_a_located_error_not_an_internal_one(
    evidence_base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = evidence_base / "literature/summary.yaml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("{tema: tillit, hovedfunn: 3}", "{tema: tillit, hovedfunn: 3.0}"), "utf-8")
    try:
        assert main(["check", "--root", str(evidence_base)]) == 1
    finally:
        path.write_text(original, "utf-8")
    error = capsys.readouterr().err
    assert "Intern feil" not in error
    line = original[: original.index("{tema: tillit, hovedfunn: 3}")].count("\n") + 1
    assert (
        f"literature/summary.yaml:{line}:31: error[wrong-type]: feltet hovedbudskap[6].hovedfunn skal være et heltall, "
        "men er et tall" in error
    )


@pytest.mark.parametrize("value", ["3.0", "7", "true"])
def test_a_themes_key_findings_as_a_number_are_a_located_error(evidence_base: Path, value: str) -> None:
    path = evidence_base / "literature/themes/tillit.md"
    original = path.read_text("utf-8")
    data = _data(original)
    data["hovedfunn"] = yaml.safe_load(value)
    path.write_text(_written(original, data), "utf-8")
    try:
        diagnostics, model = check(evidence_base, keep=True)  # the key messages counted its findings: TypeError
    finally:
        path.write_text(original, "utf-8")
    assert model is None
    assert [item.code for item in diagnostics if item.path == "literature/themes/tillit.md"] == ["wrong-type"]
