"""Reading a period's files as they really come: CSV or Excel exports, and YAML.

Every problem becomes a DataError (or a finding in the CheckLog) that names the file, the row
(as a spreadsheet numbers it: the header is row 1) and the column.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.formatting import number
from ..common.internal import debugging
from ..common.parsing import EXPECTED_NUMBER
from ..common.reading import current, decode, reading
from . import yaml_syntax


class FileRejected(Exception):
    """A file had errors; they are already in the CheckLog."""


def attempt(log: CheckLog, load):
    """Run one file's loader; its errors go to the log and the result is None. An unexpected
    error (ours, not the data's) becomes one finding naming the file being read, with the
    details in the error log, so the other files are still checked."""
    try:
        return load()
    except DataError as exc:
        log.add(exc)
    except FileRejected:
        pass
    except Exception as exc:  # noqa: BLE001 - reported as one line, never a traceback
        if debugging():
            raise
        log.internal(exc, current())
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
    """UTF-8, or Windows-1252 as Swedish Excel saves CSV; a warning only when Windows-1252
    gave characters Swedish text does not have (another encoding, read wrongly)."""
    text, odd = decode(path, raw)
    if odd:
        log.warn(path, f"filen är inte UTF-8 och lästes som Windows-1252, men då blir några "
                 f"tecken ovanliga ({odd[:10]})", expected="spara filen som CSV UTF-8 "
                 "(kommaavgränsad) eller CSV (semikolonavgränsad) i Excel")
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


@contextmanager
def excel(path: Path, expected: str):
    """An Excel workbook open for reading; a file that is none, or a sheet that cannot be
    read, is a DataError naming the file (openpyxl raises many kinds for a broken file)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001
        raise DataError(path, "kan inte läsas som Excel-arbetsbok", expected=expected) from None
    try:
        yield book
    except DataError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet inside a readable file
        raise DataError(path, "ett blad kan inte läsas", expected=expected) from None
    finally:
        book.close()


def xlsx_rows(path: Path, sheet: str, limit: int | None = None) -> list[list]:
    """The sheet named like the file, else the first sheet; numbers stay numbers. A sheet
    said to be longer than `limit` rows is refused before it is read."""
    with excel(path, f"en arbetsbok sparad i Excel som .xlsx, eller {sheet}.csv") as book:
        ws = book[sheet] if sheet in book.sheetnames else book.worksheets[0]
        if limit is not None and ws.max_row:
            _check_size(path, ws.max_row - 1, limit)
        return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]


def read_export(folder: Path, stem: str, model: type[BaseModel], log: CheckLog,
                required=None, *, may_be_empty: bool = False
                ) -> tuple[Path, list[tuple[int, BaseModel]]]:
    """Read stem.csv/.xlsx, match its columns to the model's and validate every row.

    Every bad row is logged; if there was any, FileRejected is raised after the whole file
    was read, so the controller sees all of a file's problems at once. required(row, table)
    names the optional columns this row must fill (a prognos before December, a project's
    budget; `table` is every row, for what another row derives), each a name or (name, why):
    they are listed with the row's other problems, not after those are fixed. A file that
    `may_be_empty` may be absent or hold no rows (a period with nothing to analyse).
    """
    if may_be_empty and not any(folder.glob(f"{stem}.*")):
        return folder / f"{stem}.csv", []
    path = reading(find_export(folder, stem))
    rows = (xlsx_rows(path, stem, model.max_rows) if path.suffix == ".xlsx"
            else _csv_rows(path, log))
    if not rows or not any(str(c).strip() for c in rows[0]):
        raise DataError(path, "filen är tom", expected="en rubrikrad och minst en datarad")
    _check_size(path, len(rows) - 1, model.max_rows)
    optional = getattr(model, "optional_columns", set())
    columns = _match_columns(path, rows[0], list(model.model_fields), optional)
    table = []
    for row, raw in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in raw):
            continue
        values = {name: (raw[i] if i < len(raw) else "") for name, i in columns.items()}
        table.append((row, {k: v.strip() if isinstance(v, str) else v
                            for k, v in values.items()}))
    records = validate(path, table, model, log, required)
    if not records and not may_be_empty:
        raise DataError(path, "filen har inga datarader", expected="minst en datarad")
    return path, records


def validate(path: Path, table: list[tuple[int, dict]], model: type[BaseModel], log: CheckLog,
             required=None) -> list[tuple[int, BaseModel]]:
    """Each (row, values) as the model, and each value `required` asks for present; every
    problem is logged, then FileRejected raised (a file's, or a computed table's)."""
    everything = [values for _, values in table]
    records = []
    failed = False
    for row, values in table:
        for need in (required(values, everything) if required else []):
            column, why = need if isinstance(need, tuple) else (need, None)
            if values.get(column) in ("", None):
                failed = True
                log.error(path, "prognosen saknas" if column == "prognos" else "värdet saknas",
                          row=row, column=column, expected=EXPECTED_NUMBER + (
                              " (helårsprognosen; bara årsredovisningen i december saknar "
                              "prognos)" if column == "prognos" else f" ({why})" if why else ""))
        try:
            records.append((row, model(**values)))
        except ValidationError as exc:
            failed = True
            for problem in exc.errors():
                column, message, expected = describe(problem)
                log.error(path, message, row=row, column=column, expected=expected)
    if failed:
        raise FileRejected(path)
    return records


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
# pydantic's kinds of error in Swedish: (problem, expected when the schema names none).
_KINDS = {
    "dict_type": ("här väntas nycklar (nyckel: värde), inte '{v}'", None),
    "model_type": ("här väntas nycklar (nyckel: värde), inte '{v}'", None),
    "model_attributes_type": ("här väntas nycklar (nyckel: värde), inte '{v}'", None),
    "list_type": ("här väntas en lista (rader som börjar med '- '), inte '{v}'", None),
    "string_type": ("här väntas en text, inte '{v}'", None),
    "float_parsing": ("'{v}' är inte ett tal", EXPECTED_NUMBER),
    "float_type": ("'{v}' är inte ett tal", EXPECTED_NUMBER),
    "bool_parsing": ("'{v}' är inte ja eller nej", "true eller false"),
    "bool_type": ("'{v}' är inte ja eller nej", "true eller false"),
    "date_parsing": ("'{v}' är inte ett datum", "ett datum som 2026-04-30"),
    "date_type": ("'{v}' är inte ett datum", "ett datum som 2026-04-30"),
    "date_from_datetime_parsing": ("'{v}' är inte ett datum", "ett datum som 2026-04-30"),
    "date_from_datetime_inexact": ("'{v}' är inte ett datum", "ett datum som 2026-04-30"),
    "string_pattern_mismatch": ("'{v}' har inte rätt form", None),
    "greater_than_equal": ("'{v}' är för litet", "minst {ge}"),
    "less_than_equal": ("'{v}' är för stort", "högst {le}"),
    "greater_than": ("'{v}' är för litet", "mer än {gt}"),
    "less_than": ("'{v}' är för stort", "mindre än {lt}"),
}


def _shown(value) -> str:
    """A value as a message quotes it: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"


def swedish_choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as "a, b eller c"."""
    return expected.replace("' or '", "' eller '").replace("'", "")


def describe(problem: dict) -> tuple[str, str, str | None]:
    """A pydantic error as (column, Swedish message, what was expected)."""
    from .schemas import EXPECTED

    # Positions in a YAML list are counted from 1, as a reader counts them; an integer key of
    # a mapping (a verksamhet code) is shown as it is.
    loc = [p for p in problem["loc"] if p != "[key]"]
    column = ".".join(str(p + 1) if isinstance(p, int) and i and loc[i - 1] in LIST_FIELDS
                      else str(p) for i, p in enumerate(loc))
    kind, value = problem["type"], problem.get("input")
    expected = EXPECTED.get(loc[-1] if loc else "", None)
    if kind in ("missing", "string_too_short") or value in ("", None):
        return column, "värdet saknas", expected
    if kind == "value_error":
        return column, problem["msg"].removeprefix("Value error, "), expected
    if kind == "literal_error":
        return column, f"otillåtet värde '{_shown(value)}'", expected or swedish_choices(
            problem["ctx"]["expected"])
    if kind.startswith("int"):
        return column, f"'{_shown(value)}' är inte ett heltal", expected or "ett heltal"
    if kind in _KINDS:
        message, default = _KINDS[kind]
        context = problem.get("ctx") or {}
        return (column, message.format(v=_shown(value)),
                expected or (default.format(**context) if default else None))
    return column, f"ogiltigt värde '{_shown(value)}'", expected


# The loader (libyaml's where PyYAML has it), shared with what reads YAML elsewhere.
YAML_LOADER = yaml_syntax.LOADER


def read_yaml(path: Path, model: type[BaseModel] | None = None, log: CheckLog | None = None,
              overlay=None):
    """Read a YAML file, validated against model when given; errors carry the line.

    With a log, every error is logged and FileRejected raised; without, the first error is
    raised as a DataError. A syntax error the parser can step over (a colon in a value) is
    reported with the file's other findings. `overlay(data, text)` puts values written
    elsewhere (the workbook) into the data before it is validated, and returns where each
    came from (workbook.Overlay), so that a problem with one names its own place.
    """
    if not path.is_file():
        raise DataError(path, "filen saknas")
    text, odd = decode(path, path.read_bytes())
    data, text, errors = yaml_syntax.parse(path, text)
    if odd and log is not None:
        log.warn(path, f"filen är inte UTF-8 och lästes som Windows-1252, men då blir några "
                 f"tecken ovanliga ({odd[:10]})", expected="spara filen som UTF-8")
    if not errors and not isinstance(data, dict):
        errors.append(DataError(path, "filen är tom eller saknar nycklar",
                                expected="nyckel: värde på varje rad, som i förra periodens fil"))
    result = data
    placed = overlay(data, text) if overlay is not None and isinstance(data, dict) else None
    if placed is not None:
        errors += placed.errors
    if isinstance(data, dict) and model is not None:
        try:
            result = model.model_validate(data)
        except ValidationError as exc:
            errors += [_located(path, text, problem, placed) for problem in exc.errors()]
    if not errors:
        return result
    if log is None:
        raise errors[0]
    for error in errors:
        log.add(error)
    raise FileRejected(path)


def _located(path: Path, text: str, problem: dict, placed) -> DataError:
    """A schema's problem at its line of the YAML, or at the cell the value came from."""
    column, message, expected = describe(problem)
    place = placed.places.get(tuple(problem["loc"])) if placed is not None else None
    if place is None:
        return DataError(path, message, row=yaml_line(text, problem["loc"]), column=column,
                         expected=expected)
    return place.error(message, placed.expected.get(str(problem["loc"][-1]), expected))


def yaml_line(text: str, loc: tuple) -> int | None:
    """The line of the YAML node at loc (or of its nearest existing parent)."""
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if getattr(k, "value", None) == str(part)]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line
