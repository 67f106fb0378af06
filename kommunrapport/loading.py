"""Loading a period's export files: CSV with Swedish conventions, and YAML."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import yaml

from .errors import DataError
from .parsing import EXPECTED_NUMBER, parse_number


def read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise DataError(path, "filen saknas")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        raise DataError(path, f"kan inte läsas som YAML ({getattr(exc, 'problem', exc)})",
                        row=row) from None
    if not isinstance(data, dict):
        raise DataError(path, "filen är tom eller saknar nycklar")
    return data


def read_csv(path: Path, text_columns: list[str], number_columns: list[str],
             optional_numbers: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a ';'-separated CSV; number columns are parsed the Swedish way.

    Rows are numbered as in a spreadsheet: the header is row 1. A number column listed in
    optional_numbers may be empty (None); others must hold a number on every row.
    """
    if not path.is_file():
        raise DataError(path, "filen saknas")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    if not rows:
        raise DataError(path, "filen är tom", expected="en rubrikrad och minst en datarad")
    header = [h.strip() for h in rows[0]]
    for column in text_columns + number_columns:
        if column not in header:
            raise DataError(path, "kolumnen saknas", row=1, column=column,
                            expected="kolumnerna " + ", ".join(text_columns + number_columns))
    records = []
    for line_no, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        cells = dict(zip(header, (c.strip() for c in raw)))
        record = {c: cells.get(c, "") for c in text_columns}
        for column in number_columns:
            try:
                value = parse_number(cells.get(column, ""))
            except ValueError as exc:
                raise DataError(path, str(exc), row=line_no, column=column,
                                expected=EXPECTED_NUMBER) from None
            if value is None and column not in optional_numbers:
                raise DataError(path, "värdet saknas", row=line_no, column=column,
                                expected=EXPECTED_NUMBER)
            record[column] = value
        record["_rad"] = line_no
        records.append(record)
    if not records:
        raise DataError(path, "filen har inga datarader", expected="minst en datarad")
    return pd.DataFrame(records)
