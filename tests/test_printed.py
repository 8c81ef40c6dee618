"""Every value printed for a person or for CI is escaped: no control character, no line of its own,
no GitHub workflow command, no markup in the job summary, whatever the path and message hold."""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.core.codes import Severity
from generator.core.diagnostics import Diagnostic, printable, step_summary
from tests.conftest import REPO, SOURCE

# What an attacker reaches for, mixed into any Unicode text: line ends of every kind (str.splitlines
# and log viewers), ESC, bidi override, and the two forms of GitHub workflow commands.
_HOSTILE = ["\r", "\n", "\r\n", "\x1b[2J", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
_HOSTILE += ["\u202e", "\u200b", "\ud800", "::", "::error file=x::", "##[stop-commands]", "\t::", " ", "%0A", "<b>"]
_TEXT = st.lists(st.one_of(st.text(), st.sampled_from(_HOSTILE)), max_size=12).map("".join)
# Characters no printed line may hold: every control, format, surrogate, private-use or unassigned
# character, and every character str.splitlines breaks a line at.
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _assert_one_clean_line(text: str, *, annotation: bool = False) -> None:
    assert len(text.splitlines()) <= 1, text
    assert not [character for character in text if unicodedata.category(character) in _HIDDEN], text
    assert "##[" not in text, text
    assert text.lstrip().startswith("::") is annotation, text


@settings(max_examples=300, deadline=None)
@given(path=_TEXT, message=_TEXT, code=st.sampled_from(["unknown-theme", "bib-missing-field"]))
@example(path="literature/sources/x\r<b>.yaml", message="ok\n::error file=a::gotcha\x1b[2J", code="unknown-theme")
@example(path="::a", message="\u2028::stop-commands::t", code="unknown-theme")
def test_every_printed_form_of_a_diagnostic_is_escaped(path: str, message: str, code: str) -> None:
    severity = Severity.ERROR if code == "unknown-theme" else Severity.WARNING
    diagnostic = Diagnostic(path, 3, 7, severity, code, message)
    _assert_one_clean_line(str(diagnostic))
    annotation = diagnostic.github_annotation()
    _assert_one_clean_line(annotation, annotation=True)
    assert annotation.startswith(f"::{severity.value} file=")
    command, _ = annotation[2:].split("::", 1)  # as the runner reads it: the command ends at the next `::`
    assert command.endswith(f",title={code}") and command.count(",") == 3, "a value cannot end the properties"
    summary = step_summary([diagnostic])
    assert "<" not in summary and "##[" not in summary
    for line in summary.splitlines():
        _assert_one_clean_line(line)
    assert not summary.rstrip("\n").endswith("\n\n\n")


@given(text=_TEXT)
@settings(max_examples=200, deadline=None)
def test_printable_is_one_line_and_changes_nothing_twice(text: str) -> None:
    shown = printable(text)
    _assert_one_clean_line(shown)
    assert printable(shown) == shown


def test_printable_shows_what_it_escaped() -> None:
    assert printable("a\nb\x1b[2Jc\u202ed\U000e0001") == "a\\u000Ab\\u001B[2Jc\\u202Ed\\U000E0001"
    assert printable("  ::error::x") == "  \\u003A:error::x"
    assert printable("ok ##[add-mask]secret") == "ok ##\\u005Badd-mask]secret"
    assert printable("Tromsø – «tillit» 😀 a::b") == "Tromsø – «tillit» 😀 a::b"


def test_annotation_values_follow_githubs_rules() -> None:
    diagnostic = Diagnostic("a:b,c%.yaml", 1, 2, Severity.ERROR, "invalid-value", "100% sikker: ja, nei")
    assert diagnostic.github_annotation() == (
        "::error file=a%3Ab%2Cc%25.yaml,line=1,col=2,title=invalid-value::100%25 sikker: ja, nei"
    )


def test_a_hostile_value_cannot_write_a_line_of_its_own_in_the_ci_log(
    project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    hostile = '"x\\n::error file=a::gotcha\\r##[stop-commands]t\\e[2J\\u2028<b>"'
    root = project(sources={"ansell2008collaborative": SOURCE.replace("[tillit]", f"[{hostile}]")})
    assert main(["check", "--root", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "::error file=literature/sources/ansell2008collaborative.yaml,line=1,col=11,title=control-character::"
        "verdien i temaer har et kontrolltegn (U+000D), som ikke kan stå i en nettside eller nyhetsstrøm; "
        "slett det, eller koden \\u000D som lager det\n"
        "::error file=literature/sources/ansell2008collaborative.yaml,line=1,col=11,title=unknown-theme::"
        "'x\\u000A::error file=a::gotcha\\u000D##\\u005Bstop-commands]t\\u001B[2J\\u2028<b>' er ikke et tema "
        "(en fil i literature/themes/). Gyldige verdier: tillit\n"
    )
    for line in captured.err.splitlines():
        _assert_one_clean_line(line)
    assert "'x\\u000A::error file=a::gotcha\\u000D##\\u005Bstop-commands]t\\u001B[2J\\u2028<b>'" in captured.err
    text = summary.read_text("utf-8")
    assert "<" not in text and "\r" not in text and "\x1b" not in text


def test_the_generator_prints_only_through_printable() -> None:
    """`print` is called in three places: `cli._say` (stderr) and `cli._print_lines` (stdout: the pull
    request's changes), which pass every line through `printable`, and `cli._report` for the annotations,
    whose values `github_annotation` has escaped."""
    callers, calls = [], 0
    for module in sorted((REPO / "generator").rglob("*.py")):
        tree = ast.parse(module.read_text("utf-8"))
        calls += sum(isinstance(node, ast.Call) and ast.unparse(node.func) in _PRINTS for node in ast.walk(tree))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.Call) and ast.unparse(node.func) in _PRINTS:
                        callers.append(f"{module.name}:{function.name}:{ast.unparse(node.args[0])}")
    assert callers == [
        "cli.py:_report:diagnostic.github_annotation()",
        "cli.py:_print_lines:printable(line)",
        "cli.py:_say:printable(text)",
    ]
    assert calls == len(callers), "and none outside a function"


_PRINTS = ("print", "sys.stderr.write", "sys.stdout.write")
