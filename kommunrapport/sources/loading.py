"""Reading a period's files as they really come: CSV or Excel exports, and YAML.

Every problem becomes a DataError (or a finding in the CheckLog) that names the file, the row
(as a spreadsheet numbers it: the header is row 1) and the column.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.formatting import number
from ..common.parsing import EXPECTED_NUMBER

BOM = b"\xef\xbb\xbf"


class FileRejected(Exception):
    """A file had errors; they are already in the CheckLog."""


def attempt(log: CheckLog, load):
    """Run one file's loader; its errors go to the log and the result is None."""
    try:
        return load()
    except DataError as exc:
        log.add(exc)
    except FileRejected:
        pass
    return None


def column_key(name: str) -> str:
    """'  Föregående år ' -> 'foregaende_ar': case, spaces and å/ä/ö do not matter."""
    text = unicodedata.normalize("NFKD", str(name).strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "_".join(text.replace("-", " ").split())


def find_export(folder: Path, stem: str) -> Path:
    """stem.csv or stem.xlsx, whichever the controller exported (not both)."""
    found = [p for p in (folder / f"{stem}.csv", folder / f"{stem}.xlsx") if p.is_file()]
    if not found:
        raise DataError(folder / f"{stem}.csv", "filen saknas",
                        expected=f"{stem}.csv eller {stem}.xlsx i {folder}")
    if len(found) > 1:
        raise DataError(found[1], f"både {found[0].name} och {found[1].name} finns",
                        expected="en av dem")
    return found[0]


def _decode(path: Path, raw: bytes, log: CheckLog) -> str:
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DataError(path, f"okänd teckenkodning (byte {raw[exc.start]:#04x})",
                        row=raw[:exc.start].count(b"\n") + 1,
                        expected="UTF-8 eller Windows-1252") from None
    log.warn(path, "filen är inte UTF-8; den lästes som Windows-1252 (Latin-1)",
             expected="UTF-8")
    return text


def _csv_rows(path: Path, log: CheckLog) -> list[list]:
    text = _decode(path, path.read_bytes(), log)
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _check_size(path: Path, rows: int, limit: int) -> None:
    if rows > limit:
        raise DataError(path, f"filen har {number(rows)} rader, fler än en tabell i rapporten "
                        f"kan visa (högst {number(limit)})", row=limit + 2,
                        expected="en rad per verksamhet, projekt eller post: exportera "
                        "underlaget summerat på den nivå som rapporten visar")


def _xlsx_rows(path: Path, sheet: str, limit: int) -> list[list]:
    """The sheet named like the file, else the first sheet; numbers stay numbers."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DataError(path, f"kan inte läsas som Excel-fil ({exc})") from None
    ws = book[sheet] if sheet in book.sheetnames else book.worksheets[0]
    if ws.max_row:  # the sheet's stated size: refuse a huge sheet before reading it
        _check_size(path, ws.max_row - 1, limit)
    rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    book.close()
    return rows


def read_export(folder: Path, stem: str, model: type[BaseModel], log: CheckLog,
                required=None) -> tuple[Path, list[tuple[int, BaseModel]]]:
    """Read stem.csv/.xlsx, match its columns to the model's and validate every row.

    Every bad row is logged; if there was any, FileRejected is raised after the whole file
    was read, so the controller sees all of a file's problems at once. required(row) names
    the optional columns this row must fill (a prognos before December, a project's budget):
    they are listed with the row's other problems, not after those are fixed.
    """
    path = find_export(folder, stem)
    rows = (_xlsx_rows(path, stem, model.max_rows) if path.suffix == ".xlsx"
            else _csv_rows(path, log))
    if not rows or not any(str(c).strip() for c in rows[0]):
        raise DataError(path, "filen är tom", expected="en rubrikrad och minst en datarad")
    _check_size(path, len(rows) - 1, model.max_rows)
    optional = getattr(model, "optional_columns", set())
    columns = _match_columns(path, rows[0], list(model.model_fields), optional)
    records = []
    failed = False
    for row, raw in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in raw):
            continue
        values = {name: (raw[i] if i < len(raw) else "") for name, i in columns.items()}
        values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
        for column in (required(values) if required else []):
            if values.get(column) in ("", None):
                failed = True
                log.error(path, "prognosen saknas" if column == "prognos" else "värdet saknas",
                          row=row, column=column, expected=EXPECTED_NUMBER + (
                              " (helårsprognosen; bara årsredovisningen i december saknar "
                              "prognos)" if column == "prognos" else ""))
        try:
            records.append((row, model(**values)))
        except ValidationError as exc:
            failed = True
            for problem in exc.errors():
                column, message, expected = describe(problem)
                log.error(path, message, row=row, column=column, expected=expected)
    if failed:
        raise FileRejected(path)
    if not records:
        raise DataError(path, "filen har inga datarader", expected="minst en datarad")
    return path, records


def check_unique(frame, column: str, path: Path) -> None:
    """A key (a verksamhet code, an id) may appear once per file."""
    repeated = frame[frame[column].duplicated()]
    if len(repeated):
        r = repeated.iloc[0]
        raise DataError(path, f"'{r[column]}' förekommer flera gånger", row=int(r["_rad"]),
                        column=column, expected="varje värde en gång")


def _match_columns(path: Path, header: list, wanted: list[str], optional: set[str]
                   ) -> dict[str, int]:
    keys = [column_key(h) for h in header]
    found = {}
    for name in wanted:
        hits = [i for i, key in enumerate(keys) if key == name]
        if len(hits) > 1:
            raise DataError(path, f"kolumnerna {', '.join(repr(header[i]) for i in hits)} "
                            "kan inte skiljas åt", row=1, column=name)
        if hits:
            found[name] = hits[0]
    missing = [n for n in wanted if n not in found and n not in optional]
    if missing:
        raise DataError(path, "kolumnen saknas", row=1, column=missing[0],
                        expected="kolumnerna " + ", ".join(n for n in wanted if n not in optional))
    return found


# The YAML fields that are lists: their items are numbered from 1 in messages.
LIST_FIELDS = {"malomraden", "namndmal", "skala", "strategiska_mal", "indikatorer", "namnder",
               "ansvar", "projekt", "utanfor_namnder", "regler", "eliminera"}


def describe(problem: dict) -> tuple[str, str, str | None]:
    """A pydantic error as (column, Swedish message, what was expected)."""
    from .schemas import EXPECTED

    # Positions in a YAML list are counted from 1, as a reader counts them; an integer key of
    # a mapping (a verksamhet code) is shown as it is.
    loc = problem["loc"]
    column = ".".join(str(p + 1) if isinstance(p, int) and i and loc[i - 1] in LIST_FIELDS
                      else str(p) for i, p in enumerate(loc))
    kind, value = problem["type"], problem.get("input")
    expected = EXPECTED.get(problem["loc"][-1] if problem["loc"] else "", None)
    if kind in ("missing", "string_too_short") or value in ("", None):
        return column, "värdet saknas", expected
    if kind == "value_error":
        return column, problem["msg"].removeprefix("Value error, "), expected
    if kind == "literal_error":
        return column, f"otillåtet värde '{value}'", problem["ctx"]["expected"]
    if kind.startswith("int"):
        return column, f"'{value}' är inte ett heltal", expected or "ett heltal"
    return column, f"ogiltigt värde '{value}' ({problem['msg']})", expected


# libyaml's safe loader where PyYAML has it: the same documents, parsed ten times faster (each
# chapter, and each preview save, reads every YAML file of the period).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, model: type[BaseModel] | None = None, log: CheckLog | None = None):
    """Read a YAML file, validated against model when given; errors carry the line.

    With a log, every schema error is logged and FileRejected raised; without, the first
    error is raised as a DataError.
    """
    if not path.is_file():
        raise DataError(path, "filen saknas")
    text = _decode(path, path.read_bytes(), CheckLog())
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, f"kan inte läsas som YAML ({getattr(exc, 'problem', exc)})",
                        row=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise DataError(path, "filen är tom eller saknar nycklar")
    if model is None:
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [DataError(path, message, row=yaml_line(text, problem["loc"]), column=column,
                            expected=expected)
                  for problem in exc.errors()
                  for column, message, expected in [describe(problem)]]
    if log is None:
        raise errors[0]
    for error in errors:
        log.add(error)
    raise FileRejected(path)


def yaml_line(text: str, loc: tuple) -> int | None:
    """The line of the YAML node at loc (or of its nearest existing parent)."""
    node = yaml.compose(text, Loader=YAML_LOADER)
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == str(part)]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line
