"""Diagnostics shared by every stage: located problems, collected and reported together.

A stage never raises on bad input; it adds a `Diagnostic` to the `Diagnostics` it was
given and goes on, so that the researcher sees every problem in one run.
"""

from __future__ import annotations

import errno
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.core.codes import CODES, Severity

__all__ = [
    "HIDDEN_CATEGORIES",
    "Diagnostic",
    "Diagnostics",
    "Severity",
    "printable",
    "step_summary",
    "summary_cell",
    "with_hidden_shown",
]

# Characters a terminal or a log viewer may act on rather than show: controls (Cc: newline, CR, ESC,
# NEL), format (Cf: bidi overrides, zero-width), surrogates, private use, unassigned, and the
# line and paragraph separators (U+2028, U+2029), which some viewers also take as line ends.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# GitHub's runner takes a line as a workflow command when it starts with `::` after leading
# whitespace, and, in the legacy form, when `##[` stands anywhere in it (actions/runner,
# ActionCommand.TryParseV2 and TryParse): `::error`, `##[stop-commands]`, `##[add-mask]` …
_LEGACY_COMMAND = "##["


def with_hidden_shown(text: str) -> str:
    """`text` with each hidden character written as `\\uXXXX` (`\\UXXXXXXXX` above U+FFFF), so that
    it shows: the one escape for messages, comments and the character gate's refused values."""
    if text.isprintable():  # in C; every hidden category is unprintable
        return text
    return "".join(
        _escaped(character) if unicodedata.category(character) in HIDDEN_CATEGORIES else character for character in text
    )


def printable(text: str) -> str:
    """`text` as one line that is safe to print for a person or for CI, the one place every printed
    value passes: hidden characters as `\\uXXXX`, and no GitHub workflow command in it."""
    shown = with_hidden_shown(text).replace(_LEGACY_COMMAND, "##\\u005B")
    stripped = shown.lstrip()
    if stripped.startswith("::"):
        shown = shown[: len(shown) - len(stripped)] + "\\u003A" + stripped[1:]
    return shown


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


# The system's reasons a researcher meets, in Norwegian; any other is quoted as the system gives it.
_OS_REASONS = {
    errno.ENOENT: "filen eller mappen finnes ikke (sjekk navnet og hvor den ligger)",
    errno.EACCES: "mangler tilgang (sjekk rettighetene)",
    errno.EPERM: "mangler tilgang (sjekk rettighetene)",
    errno.EISDIR: "dette er en mappe, ikke en fil",
    errno.ENOTDIR: "en del av stien er en fil, ikke en mappe",
    errno.ENOSPC: "disken er full",
    errno.EROFS: "disken er skrivebeskyttet",
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in Norwegian where the reason is a common one."""
    return _OS_REASONS.get(error.errno or 0) or f"{error.strerror or error}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (path relative to the project root), what and how to fix it."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.column}: {self.severity.value}[{self.code}]: {self.message}")

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the pull request: one line,
        its values escaped by GitHub's rules after `printable`."""
        message = _escape_annotation(printable(self.message), data=True)
        properties = ",".join(
            f"{name}={_escape_annotation(printable(value), data=False)}"
            for name, value in (
                ("file", self.path),
                ("line", str(self.line)),
                ("col", str(self.column)),
                ("title", self.code),
            )
        )
        return f"::{self.severity.value} {properties}::{message}"


def _escape_annotation(text: str, *, data: bool) -> str:
    # After `printable` no CR or newline is left; they are escaped here all the same, as GitHub documents.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text if data else text.replace(":", "%3A").replace(",", "%2C")


class Diagnostics:
    """The problems found in one run; iterating gives them sorted, without silenced warnings."""

    def __init__(self) -> None:
        self._items: set[Diagnostic] = set()
        self._silenced: frozenset[str] = frozenset()

    def add(self, path: str, line: int, column: int, code: str, message: str) -> None:
        """Record a problem; its severity comes from the code (see `generator.core.codes`)."""
        self._items.add(Diagnostic(path, line, column, CODES[code].severity, code, message))

    def silence(self, codes: Iterable[str]) -> None:
        """Leave out warnings with these codes (errors cannot be silenced)."""
        self._silenced = frozenset(codes)

    def _shown(self) -> list[Diagnostic]:
        return [item for item in self._items if item.severity is Severity.ERROR or item.code not in self._silenced]

    def restore(self, items: Iterable[Diagnostic]) -> None:
        self._items.update(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._shown()))

    def __len__(self) -> int:
        return len(self._shown())

    @property
    def error_count(self) -> int:
        return sum(1 for item in self._items if item.severity is Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return len(self) - self.error_count

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0


# GitHub refuses a job summary over 1 MiB; stop well before, and say how many problems are left out.
MAX_SUMMARY_BYTES = 900 * 1024


def step_summary(diagnostics: Iterable[Diagnostic]) -> str:
    """The problems as Markdown for a GitHub job summary: files with errors first, each file's
    problems by line. Every value is escaped, so a message cannot become markup there either.
    Past `MAX_SUMMARY_BYTES` the rest is only counted: they all stand in the log."""
    by_file: dict[str, list[Diagnostic]] = {}
    for item in diagnostics:
        by_file.setdefault(item.path, []).append(item)
    if not by_file:
        return "## Sjekk av kunnskapsgrunnlaget\n\nIngen feil og ingen advarsler.\n"
    total = sum(len(items) for items in by_file.values())
    errors = sum(1 for items in by_file.values() for item in items if item.severity is Severity.ERROR)
    lines = ["## Sjekk av kunnskapsgrunnlaget", "", f"{errors} feil og {total - errors} advarsler, fil for fil:", ""]
    size, shown, full = sum(len(line.encode()) + 1 for line in lines), 0, False
    ordered = sorted(by_file.items(), key=lambda pair: (all(i.severity is Severity.WARNING for i in pair[1]), pair[0]))
    for path, items in ordered:
        part = [
            f"### {summary_cell(path)}",
            "",
            "| linje | type | kode | hva og hvordan rette det |",
            "|---|---|---|---|",
        ]
        for item in sorted(items, key=lambda item: (item.severity is not Severity.ERROR, item.line, item.column)):
            kind = "feil" if item.severity is Severity.ERROR else "advarsel"
            row = f"| {item.line} | {kind} | `{item.code}` | {summary_cell(item.message)} |"
            if size + sum(len(line.encode()) + 1 for line in (*part, row)) > MAX_SUMMARY_BYTES:
                full = True
                break
            part.append(row)
        if len(part) > 4:
            lines += [*part, ""]
            size += sum(len(line.encode()) + 1 for line in part) + 1
            shown += len(part) - 4
        if full:
            break
    if shown < total:
        lines.append(f"… og {total - shown} problemer til, som står i loggen for dette steget.")
    return "\n".join(lines) + "\n"


def summary_cell(text: str) -> str:
    """Text in a Markdown heading or table cell: printable, with HTML and Markdown characters as entities."""
    return "".join(
        f"&#{ord(character)};" if character in "<>&|[]`*_\\#!" else character for character in printable(text)
    )
