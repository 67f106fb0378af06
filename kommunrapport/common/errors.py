"""Errors a user sees, in Swedish, naming the file, row and column."""
from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A problem with an input file, located as precisely as we can."""

    def __init__(self, file: Path | str, problem: str, *, row: int | None = None,
                 column: str | None = None, expected: str | None = None):
        self.file = str(file)
        self.row = row
        self.column = column
        self.problem = problem
        self.expected = expected
        super().__init__(self.message())

    def message(self) -> str:
        where = [f"fil {self.file}"]
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolumn '{self.column}'")
        text = f"{', '.join(where)}: {self.problem}"
        if self.expected:
            text += f" (förväntat: {self.expected})"
        return text


class BuildError(Exception):
    """The build failed; the message is for the user, in Swedish."""
