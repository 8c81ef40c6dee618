"""Diagnostics shared by every stage: located problems, collected and reported together.

A stage never raises on bad input; it adds a `Diagnostic` to the `Diagnostics` it was
given and goes on, so that the researcher sees every problem in one run.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


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
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}[{self.code}]: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the pull request."""
        message = _escape_annotation(self.message, data=True)
        properties = ",".join(
            f"{name}={_escape_annotation(value, data=False)}"
            for name, value in (
                ("file", self.path),
                ("line", str(self.line)),
                ("col", str(self.column)),
                ("title", self.code),
            )
        )
        return f"::{self.severity.value} {properties}::{message}"


def _escape_annotation(text: str, *, data: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text if data else text.replace(":", "%3A").replace(",", "%2C")


class Diagnostics:
    """The problems found in one run, in the order they were found."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def error(self, path: str, line: int, column: int, code: str, message: str) -> None:
        self._items.append(Diagnostic(path, line, column, Severity.ERROR, code, message))

    def warning(self, path: str, line: int, column: int, code: str, message: str) -> None:
        self._items.append(Diagnostic(path, line, column, Severity.WARNING, code, message))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self._items)))

    def __len__(self) -> int:
        return len(set(self._items))

    @property
    def error_count(self) -> int:
        return sum(1 for item in set(self._items) if item.severity is Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return len(self) - self.error_count

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0
