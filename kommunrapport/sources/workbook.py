"""arbetsbok.xlsx: what people write for a nämnd's period, in tables instead of YAML.

`make new-period` writes it beside mal.yaml and ekonomi.yaml (model/workbook.py). Its values
replace the YAML's: each goal's kommentar and bedömning (blad Mål), the analyses and the
prognosposter (blad Analyser, Prognosposter), and the personnel figures when no export gives
them (blad Personal). A value is written in one place: given both here and in the YAML, it is
an error naming both. Columns are found by their headings (a moved column is still read); every
problem names the sheet, the row and the heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..common.checks import CheckLog
from ..common.errors import DataError
from .loading import column_key, excel, validate, yaml_line

NAME = "arbetsbok.xlsx"
GOALS, ANALYSES, ITEMS, STAFF, CHOICES = "Mål", "Analyser", "Prognosposter", "Personal", "Val"
# Each sheet's headings, in the order the workbook is written; the first names the row.
HEADINGS = {
    GOALS: ["Målområde", "Nämndmål", "Målprecisering", "Kommentar", "Bedömning",
            "Förra periodens kommentar", "Förra periodens bedömning"],
    ANALYSES: ["Typ", "Kod", "Namn", "Avvikelse tkr", "Analys", "Behövs analys",
               "Förra periodens analys"],
    ITEMS: ["Post", "Belopp tkr", "Förra periodens belopp"],
    STAFF: ["Id", "Nyckeltal", "Enhet", "Avser", "Värde", "Föregående år"],
}
# The columns a person writes in (the rest are filled in by make new-period, for reference).
WRITTEN = {GOALS: ["Kommentar", "Bedömning"], ANALYSES: ["Analys"], ITEMS: ["Belopp tkr"],
           STAFF: ["Avser", "Värde", "Föregående år"]}
# The columns read: what names the row, and what is written (the rest may be deleted).
READ = {GOALS: ["Nämndmål", "Kommentar", "Bedömning"], ANALYSES: ["Typ", "Kod", "Namn", "Analys"],
        ITEMS: ["Post", "Belopp tkr"], STAFF: ["Id", "Nyckeltal", "Enhet", "Värde"]}
OPERATING, PROJECT = "verksamhet", "projekt"
_GOAL = re.compile(r"^\s*(\d+)\s*\.\s*(\d+)(?!\d)")
_EXPECTED_SHEET = "arbetsboken som make new-period skrev (arbetsbok.xlsx)"


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class Place:
    """A cell of the workbook, as a finding names it."""
    path: Path
    sheet: str
    row: int | None
    heading: str

    def at(self) -> dict:
        """A finding's file, row and column."""
        column = f"blad {self.sheet}, kolumn {self.heading}"
        return {"file": self.path, "row": self.row, "column": column, "label": column}

    def error(self, problem: str, expected: str | None = None) -> DataError:
        return DataError(self.path, problem, row=self.row,
                         column=f"blad {self.sheet}, kolumn {self.heading}", expected=expected)


@dataclass
class Sheet:
    """A sheet's rows as {heading: value}, each with its row number as a spreadsheet shows it."""
    path: Path
    name: str
    rows: list[tuple[int, dict]] = field(default_factory=list)

    def place(self, row: int | None, heading: str) -> Place:
        return Place(self.path, self.name, row, heading)


_CACHE: dict[tuple, dict[str, Sheet | DataError]] = {}


def exists(folder: Path) -> bool:
    return (folder / NAME).is_file()


def _read_sheets(path: Path) -> dict[str, Sheet | DataError | None]:
    """Every known sheet of the workbook (a missing one or one without its headings as its
    DataError); a file that is no workbook raises."""
    with excel(path, f"{_EXPECTED_SHEET}, sparad som .xlsx") as book:
        return {name: _sheet(path, book, name) for name in HEADINGS}


def _sheet(path: Path, book, name: str) -> Sheet | DataError | None:
    if name not in book.sheetnames:  # Personal only when no export gives the figures
        return None if name == STAFF else DataError(path, f"bladet {name} saknas",
                                                    expected=_EXPECTED_SHEET)
    cells = [list(row) for row in book[name].iter_rows(max_row=1000, values_only=True)]
    wanted = {column_key(h): h for h in HEADINGS[name]}
    for n, row in enumerate(cells[:5]):  # the heading row, below the instruction row
        keys = [column_key(c) if isinstance(c, str) else None for c in row]
        if column_key(HEADINGS[name][0]) not in keys:
            continue
        columns = {wanted[k]: i for i, k in enumerate(keys) if k in wanted}
        missing = [h for h in READ[name] if h not in columns]
        if missing:
            return DataError(path, f"kolumnen {missing[0]} saknas", row=n + 1,
                             column=f"blad {name}", expected="rubrikerna " +
                             ", ".join(HEADINGS[name]))
        sheet = Sheet(path, name)
        for r, row in enumerate(cells[n + 1:], start=n + 2):
            values = {h: (row[columns[h]] if h in columns and columns[h] < len(row) else None)
                      for h in HEADINGS[name]}
            values = {h: v.strip() if isinstance(v, str) else v for h, v in values.items()}
            if not all(blank(v) for v in values.values()):
                sheet.rows.append((r, values))
        return sheet
    return DataError(path, f"bladet {name} saknar rubrikraden", column=f"blad {name}",
                     expected="rubrikerna " + ", ".join(HEADINGS[name]))


def sheets(folder: Path) -> dict[str, Sheet | DataError] | None:
    """The workbook's sheets (None without a workbook), read once per saved version."""
    path = folder / NAME
    if not path.is_file():
        return None
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE.clear()
        try:
            _CACHE[key] = _read_sheets(path)
        except DataError as exc:
            _CACHE[key] = {name: exc for name in HEADINGS}
    return _CACHE[key]


def sheet(folder: Path, name: str, log: CheckLog | None = None) -> Sheet | None:
    """One sheet of the folder's workbook; None without a workbook, or (logged once) when the
    sheet or the file cannot be read."""
    found = sheets(folder)
    if found is None:
        return None
    result = found.get(name)
    if isinstance(result, DataError):
        if log is not None:
            finding = (result.file, result.problem, result.column)
            if not any((f.file, f.problem, f.column) == (Path(result.file).name, *finding[1:])
                       for f in log.findings):
                log.add(result)
        return None
    return result


# Reading the values into the YAML's data, before its schema validates them.

@dataclass
class Overlay:
    """The workbook's values put into a YAML file's data: where each came from (by the
    schema's location, for its findings) and the conflicts with the YAML."""
    yaml_path: Path
    yaml_text: str
    places: dict[tuple, Place] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    expected: dict[str, str] = field(default_factory=dict)  # by field, for the workbook's words

    def put(self, entries: dict, key, value, place: Place, loc: tuple, *, empty=""):
        """Set entries[key] from the workbook; a value both give is an error naming both."""
        given, name = entries.get(key), self.yaml_path.name
        if not blank(value) and not blank(given):
            line = yaml_line(self.yaml_text, loc)
            self.errors.append(place.error(
                f"värdet finns också i {name}" + (f" (rad {line})" if line else ""),
                expected=f"värdet på ett ställe: här, och tomt i {name}"))
        if not blank(value) or blank(given):
            entries[key] = empty if blank(value) else value
            self.places[loc] = place


def goal_key(cell) -> tuple[int, int] | None:
    """'1.2 Brottförebyggande arbete' -> (1, 2)."""
    found = _GOAL.match(str(cell or ""))
    return (int(found[1]), int(found[2])) if found else None


def goals(folder: Path, data: dict, text: str, path: Path, log: CheckLog | None) -> Overlay:
    """Blad Mål into mal.yaml's data: each goal's kommentar and bedömning."""
    overlay, found = Overlay(path, text), sheet(folder, GOALS, log)
    if found is None:
        return overlay
    index = {}
    for a, area in enumerate(data.get("malomraden") or []):
        for g, goal in enumerate((area.get("namndmal") or []) if isinstance(area, dict) else []):
            if isinstance(goal, dict):
                index[(area.get("nr"), goal.get("nr"))] = (a, g, goal)
    words = choices(data)
    seen = set()
    for row, values in found.rows:
        key = goal_key(values["Nämndmål"])
        if key is None or key not in index or key in seen:
            problem = ("nämndmålet finns inte i mal.yaml" if key and key not in index else
                       "nämndmålet står på två rader" if key else "nämndmålet saknar nummer")
            overlay.errors.append(found.place(row, "Nämndmål").error(
                problem, expected="nämndmålen som make new-period skrev, med nummer: "
                "1.2 Namn"))
            continue
        seen.add(key)
        a, g, goal = index[key]
        for field_name, heading in (("kommentar", "Kommentar"), ("bedomning", "Bedömning")):
            value = values[heading]
            value = value if blank(value) or isinstance(value, str) else str(value)
            place = found.place(row, heading)
            overlay.put(goal, field_name, value, place,
                        ("malomraden", a, "namndmal", g, field_name))
    if words:
        overlay.expected = {"bedomning": "ett av orden i listan: " + ", ".join(words)}
    return overlay


def choices(data: dict) -> list[str]:
    """The words of the Bedömning drop-down: the scale's, and no assessment."""
    scale = data.get("skala") if isinstance(data, dict) else None
    words = [s["namn"] for s in scale or [] if isinstance(s, dict) and isinstance(
        s.get("namn"), str)]
    return words + ["Ingen bedömning angiven"]


def texts(folder: Path, data: dict, text: str, path: Path, log: CheckLog | None) -> Overlay:
    """Blad Analyser and Prognosposter into ekonomi.yaml's data."""
    overlay = Overlay(path, text)
    for key, (rows, empty) in entries(folder, log, overlay.errors).items():
        current = data.get(key)
        if not isinstance(current, dict):
            current = data[key] = {}
        for name, value, place in rows:
            overlay.put(current, name, value, place, (key, name), empty=empty)
    return overlay


def entries(folder: Path, log: CheckLog | None = None, errors: list | None = None
            ) -> dict[str, tuple[list[tuple], object]]:
    """The workbook's analyses and prognosposter as ekonomi.yaml's keys: per key its entries
    (name, value, place) and what an empty one is; only the sheets the workbook has."""
    errors = [] if errors is None else errors
    out = {}
    found = sheet(folder, ANALYSES, log)
    if found is not None:
        out["analyser_drift"], out["analyser_investeringar"] = ([], ""), ([], "")
        for row, values in found.rows:
            kind = str(values["Typ"] or "").strip().lower()
            name = code(values["Kod"]) if kind == OPERATING else values["Namn"]
            text = values["Analys"]
            text = text if blank(text) or isinstance(text, str) else str(text)
            if kind not in (OPERATING, PROJECT):
                errors.append(found.place(row, "Typ").error(
                    f"okänd typ '{values['Typ'] or ''}'", expected="verksamhet eller projekt"))
            elif blank(name) or name is False:
                errors.append(found.place(row, "Kod" if kind == OPERATING else "Namn").error(
                    "värdet saknas" if blank(values["Kod" if kind == OPERATING else "Namn"])
                    else f"'{values['Kod']}' är inte en verksamhetskod",
                    expected="verksamhetens kod, ett heltal" if kind == OPERATING
                    else "projektets namn som i investeringar"))
            else:
                key = "analyser_drift" if kind == OPERATING else "analyser_investeringar"
                out[key][0].append((name if kind == OPERATING else str(name), text,
                                    found.place(row, "Analys")))
    found = sheet(folder, ITEMS, log)
    if found is not None:
        out["prognosposter"] = ([], None)
        for row, values in found.rows:
            if blank(values["Post"]):
                errors.append(found.place(row, "Post").error(
                    "värdet saknas", expected="postens namn, som texterna citerar den"))
                continue
            out["prognosposter"][0].append((str(values["Post"]), values["Belopp tkr"],
                                            found.place(row, "Belopp tkr")))
    return out


def code(value):
    """A verksamhet code as Excel gives it (10, 10.0, '10'); False when it is none."""
    if blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    return int(text) if text.isdigit() else False


def where(folder: Path, key: tuple, yaml_path: Path, yaml_text: str) -> dict:
    """A finding's file, row and column for an entry of ekonomi.yaml (`key`, as
    ('analyser_drift', 10)): its row in the workbook; the sheet when the workbook has the
    sheet but not the entry and the YAML does not have it either; else the YAML's line."""
    found = entries(folder)
    if key[0] in found:
        for name, _, place in found[key[0]][0]:
            if len(key) > 1 and str(name) == str(key[1]):
                return place.at()
        line = yaml_line(yaml_text, key) if yaml_text else None
        if line is None or len(key) == 1 or yaml_line(yaml_text, key[:1]) == line:
            heading = "Belopp tkr" if key[0] == "prognosposter" else "Analys"
            sheet_name = ITEMS if key[0] == "prognosposter" else ANALYSES
            return Place(folder / NAME, sheet_name, None, heading).at()
    return {"file": yaml_path, "column": ".".join(map(str, key)),
            "row": yaml_line(yaml_text, key) if yaml_text else None}


def staff(folder: Path, model, log: CheckLog, required=None) -> tuple[Path, list] | None:
    """Blad Personal's rows as the model (the export's), each finding naming the sheet, the
    row and the heading; None when the workbook has no such sheet."""
    found = sheet(folder, STAFF, log)
    if found is None or not found.rows:
        return None
    headings = {column_key(h): h for h in HEADINGS[STAFF]}
    table = [(row, {column_key(h): v for h, v in values.items()}) for row, values in found.rows]
    scratch = CheckLog()
    try:
        records = validate(found.path, table, model, scratch, required)
    finally:
        for f in scratch.findings:
            log.error(found.path, f.problem, row=f.row, expected=f.expected,
                      column=f"blad {STAFF}, kolumn {headings.get(f.column, f.column)}")
    return found.path, records
