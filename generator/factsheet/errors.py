"""Problems found in the editors' content, each tied to the place it was found."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1, as editors do."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content: where, what, and how to fix it."""

    location: Location
    message: str
    hint: str = ""
    warning: bool = False
    """A warning is shown but does not stop the build."""

    def __str__(self) -> str:
        text = f"{self.location}: {'warning: ' if self.warning else ''}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class FactsheetError(Exception):
    """Root of the errors the CLI and the plugin know how to print."""


class ContentError(FactsheetError):
    """The content has problems; all of them, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the content")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)
