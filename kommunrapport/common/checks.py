"""What was checked in a period's data, and what was found: errors stop the build,
warnings are listed in the book's "Datakontroller" page.

A finding names a place the user can open (a file they have, a row or line, a key in the
checklist's words) and says what to do: fill in, confirm or change, remove, or wait until the
figures it depends on are in. The terminal table (`make check`), the checklist (`make
new-period`) and the book's page are views of the same findings.
"""
from __future__ import annotations

import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .formatting import number

ERROR = "fel"
WARNING = "varning"
# What a finding asks of the user (its mark in the checklist). By default an error is
# something to fill in or correct and a warning something to confirm or change.
FILL = "fyll_i"
CONFIRM = "bekrafta"
REMOVABLE = "ta_bort"
LATER = "senare"       # decided once other figures are in
INTERNAL = "internt"   # an unexpected error of ours, with details in the log
MARKS = {FILL: "[ ]", CONFIRM: "[?]", REMOVABLE: "[-]", LATER: "[>]", INTERNAL: "[!]"}
MARK_WORDS = {FILL: "att fylla i", CONFIRM: "att bekräfta eller ändra",
              REMOVABLE: "som kan tas bort", LATER: "som avgörs när siffrorna är ifyllda",
              INTERNAL: "oväntade fel"}
# The terminal the table and the checklist must fit.
WIDTH = 100


def display_name(file: Path | str) -> str:
    """The file as the period's folder names it: 'resultat.csv', 'text/personal.md'."""
    path = Path(file)
    return f"{path.parent.name}/{path.name}" if path.parent.name == "text" else path.name


def _shared(file: Path | str) -> bool:
    """A municipality-wide file of a period with several nämnder (kommun.yaml, the ledger)."""
    path = Path(file)
    return path.is_absolute() and (path.parent / "kommun.yaml").is_file()


@dataclass(frozen=True)
class Finding:
    level: str
    file: str
    row: int | None
    column: str | None
    problem: str
    expected: str | None = None
    kind: str = ""      # FILL, CONFIRM, REMOVABLE, LATER or INTERNAL ("": by the level)
    label: str = ""     # the key in the checklist's words, when the column's are not enough
    shared: bool = False  # in a municipality-wide file: shown once, not per nämnd

    @property
    def action(self) -> str:
        return self.kind or (FILL if self.level == ERROR else CONFIRM)

    @property
    def where(self) -> str:
        """The key or column as the checklist says it: 'nämndmål 2.3, kommentar'."""
        return self.label or plain_key(self.column, self.file)

    @property
    def attribute(self) -> str:
        """What of its entity a YAML key names ('kommentar' of 'nämndmål 2.3, kommentar'); a
        CSV column as it is."""
        entity, _, part = self.where.rpartition(", ")
        return part if entity and self.file.endswith(".yaml") else self.where


@dataclass
class CheckLog:
    findings: list[Finding] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    def error(self, file: Path | str, problem: str, *, row: int | None = None,
              column: str | None = None, expected: str | None = None, kind: str = "",
              label: str = "") -> None:
        self.findings.append(Finding(ERROR, display_name(file), row, column, problem, expected, kind,
                                     label, _shared(file)))

    def warn(self, file: Path | str, problem: str, *, row: int | None = None,
             column: str | None = None, expected: str | None = None, kind: str = "",
             label: str = "") -> None:
        self.findings.append(Finding(WARNING, display_name(file), row, column, problem, expected,
                                     kind, label, _shared(file)))

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

    def internal(self, exc: Exception, file: Path | str | None) -> None:
        """An unexpected error while reading `file`: one finding, the details in the log."""
        from .internal import log_details, shown

        written = log_details(exc, "kontroll av data")
        self.error(file or "?", f"oväntat fel i rapportverktyget när filen lästes "
                   f"({type(exc).__name__}); de andra filerna är kontrollerade",
                   expected=f"detaljerna finns i {shown(written)}: skicka den till den som "
                   "underhåller verktyget", kind=INTERNAL)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    def only(self, shared: bool) -> "CheckLog":
        """The findings in municipality-wide files, or those in the nämnd's own."""
        return CheckLog([f for f in self.findings if f.shared == shared], self.passed)

    def table(self) -> list[dict]:
        """The findings as rows with Swedish headings, errors first; many of one kind are
        summarised (the first few, then a count and their rows)."""
        return [{"Nivå": f.level, "Fil": f.file, "Rad": "" if f.row is None else f.row,
                 "Kolumn": f.where, "Vad som är fel": f.problem,
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
        kinds.setdefault((f.level, f.file, f.attribute, f.expected), []).append(f)
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
                           f"… och {number(len(rest))} till av samma slag{where}", first.expected,
                           first.kind, first.attribute, first.shared))
    return out


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.file, []).append(f)
    return groups


def shown(text: str, limit: int = 400) -> str:
    """Text from the data as a terminal shows it on one line: tabs and line breaks as spaces,
    other control characters as '?' (they would move the cursor, not print), and at most
    `limit` characters."""
    text = str(text)
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return "".join(" " if c in "\t\r\n" else "?" if ord(c) < 32 or c == "\x7f" else c
                   for c in text)


def _wrapped_table(rows: list[list[str]], headers: list[str], floors: list[int],
                   indent: int = 2) -> str:
    """A plain table whose cells wrap so that it fits WIDTH columns: the widest column gives
    way first, none below its floor."""
    from tabulate import tabulate

    rows = [[shown(cell) for cell in row] for row in rows]

    # tabulate pads a heading by two: a column is never narrower than that.
    widths = [max([len(h) + 2] + [max(map(len, str(r[i]).splitlines() or [""])) for r in rows])
              for i, h in enumerate(headers)]
    room = WIDTH - indent - 2 * (len(headers) - 1)
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i] - floors[i])] -= 1
    text = tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=widths,
                    disable_numparse=True)
    return "\n".join(" " * indent + line.rstrip() for line in text.splitlines())


def format_table(log: CheckLog) -> str:
    """The findings for the terminal: errors first, then warnings, each grouped by file with a
    count per file; cells wrap so that every line fits WIDTH columns; then the summary."""
    parts = []
    for level, heading, many in ((ERROR, "Fel (stoppar bygget)", "fel"),
                                 (WARNING, "Varningar", "varningar")):
        found = [f for f in log.findings if f.level == level]
        if not found:
            continue
        files = _by_file(found)
        parts.append(f"{heading}: {len(found)} i {_count(len(files), 'fil', 'filer')}")
        for file, group in files.items():
            parts.append(f"\n{file}: {len(group)} {many if len(group) != 1 else level}")
            group = summarised(sorted(group, key=lambda f: (f.row is None, f.row or 0)))
            rows = [["" if f.row is None else str(f.row), f.where, f.problem, f.expected or ""]
                    for f in group]
            parts.append(_wrapped_table(rows, ["Rad", "Var", "Vad som är fel", "Förväntat"],
                                        [5, 24, 30, 20]))
        parts.append("")
    text = "\n".join(parts) if parts else "Inga fel eller varningar.\n"
    return f"{text.rstrip()}\n{log.summary()}"


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


# YAML keys in the words of the checklist and the README.
WORDS = {
    "bedomning": "bedömning", "bedomning_grund": "bedömningens grund",
    "malprecisering": "målprecisering", "indikator_kommentar": "indikatorkommentar",
    "strategiska_mal": "strategiskt mål", "kalla": "källa", "kalla_namn": "källans namn",
    "belopp_tkr": "belopp (tkr)", "besparingar_tkr": "besparingar (tkr)",
    "bedomningsdatum": "bedömningsdatum", "skala": "skalsteg", "malomrade": "målområde",
    "namndmal": "nämndmål", "battre": "bättre", "basta_andel": "bästa andel", "ar": "år",
    "varde": "värde", "mal": "mål", "antal_ar": "antal år", "jamforelsegrupp": "jämförelsegrupp",
    "analysgrans_tkr": "analysgräns (tkr)", "forvaltning": "förvaltning", "namnd": "nämnd",
    "namnder": "nämnd", "utanfor_namnder": "utanför nämnderna", "kolumner": "kolumner",
    "analyser_drift": "analys för verksamhet", "analyser_investeringar": "analys för projektet",
    "prognosposter": "prognosposten", "indikatorer": "indikator", "malomraden": "målområde",
    "pensionsforpliktelser": "pensionsförpliktelser", "borgensataganden": "borgensåtaganden",
    "ib": "ingående balans", "ub": "utgående balans", "finansiella_mal": "finansiellt mål",
}
_GOAL = re.compile(r"^malomraden\.(\d+)\.namndmal\.(\d+)(?:\.(.+))?$")
_AREA = re.compile(r"^malomraden\.(\d+)(?:\.(.+))?$")
_KEY = re.compile(r"^[\w.]+$")


def _words(key: str) -> str:
    """'strategiska_mal.2' -> 'strategiskt mål 2'; 'budgetram.belopp_tkr' -> 'budgetram, belopp
    (tkr)'."""
    parts, out = key.split("."), []
    for part in parts:
        if part.isdigit() and out:
            out[-1] += f" {part}"
        else:
            out.append(WORDS.get(part, part.replace("_", " ")))
    return ", ".join(out)


def plain_key(column: str | None, file: str = "") -> str:
    """A YAML key path in the checklist's words: 'malomraden.2.namndmal.3.kommentar' ->
    'nämndmål 2.3, kommentar'. A CSV column stays as its heading; words stay words."""
    if not column:
        return ""
    if not file.endswith(".yaml") or not _KEY.match(column):
        return column
    goal = _GOAL.match(column)
    if goal:
        return f"nämndmål {goal[1]}.{goal[2]}" + (f", {_words(goal[3])}" if goal[3] else "")
    area = _AREA.match(column)
    if area:
        return f"målområde {area[1]}" + (f", {_words(area[2])}" if area[2] else "")
    head, _, rest = column.partition(".")
    if head in ("analyser_drift", "analyser_investeringar", "prognosposter") and rest:
        return f"{WORDS[head]} {rest}"
    return _words(column)


@dataclass(frozen=True)
class Item:
    """A line of the checklist: the action, the file, the key or column in words, the rows it
    covers, what was found and what to do. A workbook or a draft view can show the same."""
    action: str
    file: str
    where: str
    rows: tuple[int, ...]
    problem: str
    expected: str
    count: int  # the findings (values, rows, entries) it stands for

    @property
    def mark(self) -> str:
        return MARKS[self.action]

    def text(self) -> str:
        what = ": ".join(p for p in (self.where, self.problem) if p)
        rows = f" ({_ranges(list(self.rows))})" if self.rows else ""
        todo = ""
        if self.expected and self.action == FILL:
            todo = f". Fyll i: {self.expected}"
        elif self.expected:
            todo = f". {self.expected[0].upper()}{self.expected[1:]}"
        return shown(f"{self.mark} {what}{rows}{todo}")


_ORDER = [INTERNAL, FILL, LATER, CONFIRM, REMOVABLE]


def _entities(wheres: list[str]) -> str:
    """['nämndmål 1.1', 'nämndmål 1.2'] -> 'nämndmål 1.1, 1.2'."""
    heads = {w.split(" ", 1)[0] for w in wheres}
    if len(heads) == 1 and all(" " in w for w in wheres):
        return f"{heads.pop()} " + ", ".join(w.split(" ", 1)[1] for w in wheres)
    return ", ".join(wheres[:-1]) + " och " + wheres[-1]


def checklist_items(log: CheckLog) -> list[Item]:
    """The findings as checklist items per file: rows of one kind gathered ('rad 2–24'), and
    one question asked of many keys said once ('nämndmål 1.1, 1.2, …, kommentar'); in each
    file what to fill in first, then what is decided later, to confirm, to remove."""
    kinds: dict[tuple, list[Finding]] = {}
    for f in log.findings:
        kinds.setdefault((f.file, f.action, f.attribute, f.problem, f.expected), []).append(f)
    items = []
    for (file, action, attribute, problem, expected), group in kinds.items():
        wheres = list(dict.fromkeys(f.where for f in group))
        where = wheres[0] if len(wheres) == 1 else (
            f"{_entities([w.rpartition(', ')[0] for w in wheres])}, {attribute}")
        items.append(Item(action, file, where, tuple(f.row for f in group if f.row is not None),
                          problem, expected or "", len(group)))
    return sorted(items, key=lambda i: (i.file.startswith("text/"), i.file,
                                        _ORDER.index(i.action)))


def checklist(log: CheckLog) -> str:
    """The checklist for the terminal: per file what to do, each line wrapped to WIDTH, and a
    count of each kind of mark at the end."""
    items = checklist_items(log)
    lines = []
    for file, group in _by_file(items).items():
        counts = {a: sum(i.count for i in group if i.action == a) for a in _ORDER}
        said = ", ".join(f"{n} {MARK_WORDS[a]}" for a, n in counts.items() if n)
        lines.append(f"{file} ({said})")
        for item in group:
            lines += textwrap.wrap(item.text(), WIDTH, initial_indent="  ",
                                   subsequent_indent="      ", break_on_hyphens=False)
        lines.append("")
    totals = {a: sum(i.count for i in items if i.action == a) for a in _ORDER}
    said = [f"{n} {MARK_WORDS[a]} ({MARKS[a]})" for a, n in totals.items() if n]
    lines += textwrap.wrap(("Att göra: " + ", ".join(said) + ".") if said else
                           "Inget att fylla i eller bekräfta.", WIDTH)
    return "\n".join(lines)
