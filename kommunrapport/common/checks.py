"""What was checked in a period's data, and what was found: errors stop the build,
warnings are listed in the book's "Datakontroller" page."""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .formatting import number

ERROR = "fel"
WARNING = "varning"


def _name(file: Path | str) -> str:
    """The file as the period's folder names it: 'resultat.csv', 'text/personal.md'."""
    path = Path(file)
    if path.parent.name == "fran-huvudbok":  # huvudbok/source.py: computed from the ledger
        return f"{path.name} (beräknad från huvudboken)"
    return f"{path.parent.name}/{path.name}" if path.parent.name == "text" else path.name


@dataclass(frozen=True)
class Finding:
    level: str
    file: str
    row: int | None
    column: str | None
    problem: str
    expected: str | None = None


@dataclass
class CheckLog:
    findings: list[Finding] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    def error(self, file: Path | str, problem: str, *, row: int | None = None,
              column: str | None = None, expected: str | None = None) -> None:
        self.findings.append(Finding(ERROR, _name(file), row, column, problem, expected))

    def warn(self, file: Path | str, problem: str, *, row: int | None = None,
             column: str | None = None, expected: str | None = None) -> None:
        self.findings.append(Finding(WARNING, _name(file), row, column, problem, expected))

    def ok(self, check: str) -> None:
        self.passed.append(check)

    @contextmanager
    def check(self, name: str):
        """Count the check as passed if the block logs no error."""
        before = len(self.errors)
        yield
        if len(self.errors) == before:
            self.ok(name)

    def add(self, exc: DataError) -> None:
        self.error(exc.file, exc.problem, row=exc.row, column=exc.column, expected=exc.expected)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    def table(self) -> list[dict]:
        """The findings as rows with Swedish headings, errors first; many of one kind are
        summarised (the first few, then a count and their rows)."""
        return [{"Nivå": f.level, "Fil": f.file, "Rad": "" if f.row is None else f.row,
                 "Kolumn": f.column or "", "Vad som är fel": f.problem,
                 "Förväntat": f.expected or ""} for f in summarised(self.errors + self.warnings)]

    def summary(self) -> str:
        return (f"{len(self.passed)} kontroller godkända, {len(self.errors)} fel, "
                f"{len(self.warnings)} varningar.")


# More findings of one kind than this are shown as the first SHOWN_OF_A_KIND and a count.
MAX_OF_A_KIND = 5
SHOWN_OF_A_KIND = 3


def summarised(findings: list[Finding]) -> list[Finding]:
    """Findings of one kind (level, file, column, expectation) beyond MAX_OF_A_KIND become one
    line: an export with 50 000 bad rows gets a readable answer, not 50 000 lines."""
    kinds: dict[tuple, list[Finding]] = {}
    for f in findings:
        kinds.setdefault((f.level, f.file, f.column, f.expected), []).append(f)
    out = []
    for group in kinds.values():
        if len(group) <= MAX_OF_A_KIND:
            out += group
            continue
        out += group[:SHOWN_OF_A_KIND]
        rest = group[SHOWN_OF_A_KIND:]
        rows = [str(f.row) for f in rest if f.row is not None]
        where = (f" (rad {', '.join(rows[:10])}{' …' if len(rows) > 10 else ''})"
                 if rows else "")
        first = group[0]
        out.append(Finding(first.level, first.file, None, first.column,
                           f"… och {number(len(rest))} till av samma slag{where}", first.expected))
    return out


def format_table(log: CheckLog) -> str:
    """The findings as a plain-text table for the terminal, then the summary line."""
    from tabulate import tabulate

    rows = log.table()
    text = tabulate(rows, headers="keys", tablefmt="simple", maxcolwidths=[None, None, None,
                    None, 60, 30]) if rows else "Inga fel eller varningar."
    return f"{text}\n{log.summary()}"


class ChecksFailed(Exception):
    """The period's data has errors; the message is the table of findings, in Swedish."""

    def __init__(self, log: CheckLog):
        self.log = log
        super().__init__("Datakontrollen hittade fel i indata; inget kapitel har körts.\n"
                         + format_table(log))


def findings_table(log: CheckLog):
    import pandas as pd

    rows = log.table()
    columns = ["Nivå", "Fil", "Rad", "Kolumn", "Vad som är fel", "Förväntat"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["Rad"] = frame["Rad"].astype(str)
    return frame


def passed_html(log: CheckLog) -> str:
    from html import escape

    items = "".join(f"<li>{escape(check)}</li>" for check in log.passed)
    return f'<ul class="godkanda-kontroller">{items}</ul>'


def _ranges(rows: list[int]) -> str:
    """[2, 3, 4, 7] -> 'rad 2–4 och 7'"""
    spans, start = [], None
    for n in sorted(set(rows)) + [None]:
        if start is not None and n != previous + 1:
            spans.append(f"{start}–{previous}" if previous != start else str(start))
            start = None
        if n is not None and start is None:
            start = n
        previous = n
    return "rad " + (", ".join(spans[:-1]) + " och " + spans[-1] if len(spans) > 1 else spans[0])


_GOAL_KEY = re.compile(r"^malomraden\.(\d+)\.namndmal\.(\d+)\.(\w+)$")
_PLAIN_KEYS = {"analyser_drift": "analys för verksamhet", "analyser_investeringar":
               "analys för projektet", "prognosposter": "prognosposten"}


def plain_key(column: str | None) -> str:
    """'malomraden.2.namndmal.3.kommentar' -> 'nämndmål 2.3: kommentar'."""
    if not column:
        return ""
    goal = _GOAL_KEY.match(column)
    if goal:
        return f"nämndmål {goal[1]}.{goal[2]}: {goal[3].replace('_', ' ')}"
    head, _, rest = column.partition(".")
    if head in _PLAIN_KEYS and rest:
        return f"{_PLAIN_KEYS[head]} {rest}"
    return column.replace("_", " ").replace(".", " › ")


def checklist(log: CheckLog) -> str:
    """The findings as a checklist per file: what to fill in ([ ]) and what to confirm or
    change ([?]), rows of one kind gathered ('rad 2–24')."""
    by_file: dict[str, dict[tuple, list]] = {}
    for f in log.errors + log.warnings:
        kinds = by_file.setdefault(f.file, {})
        kinds.setdefault((f.level, f.column, f.problem, f.expected), []).append(f.row)
    lines = []
    for file in sorted(by_file):
        lines.append(file)
        for (level, column, problem, expected), rows in by_file[file].items():
            mark = "[ ]" if level == ERROR else "[?]"
            where = _ranges([r for r in rows if r is not None]) if any(
                r is not None for r in rows) else ""
            what = ": ".join(p for p in (plain_key(column), problem) if p)
            lines.append(f"  {mark} {what}" + (f" ({where})" if where else "")
                         + (f". Fyll i: {expected}" if expected and level == ERROR else
                            f". {expected[0].upper()}{expected[1:]}" if expected else ""))
        lines.append("")
    todo, confirm = len(log.errors), len(log.warnings)
    lines.append(f"{todo} att fylla i ([ ]) och {confirm} att bekräfta eller ändra ([?]).")
    return "\n".join(lines)
