"""Optional values a person gives only when something quotes a figure made from them: last
year's personnel figure (`personal_<id>_fg`, `_forandring`, `_riktning`, quoted by the start
page and the texts), a key figure's earlier value (`verksamhet_<id>_fg`, `_verb`, `_andring`).
The rows that need one are known before anything is filled in, so the first checklist asks."""
from __future__ import annotations

import re

# figure key -> (the id of the row it is made from)
_PERSONAL = re.compile(r"^personal_(\w+?)_(?:fg|forandring|riktning)$")
_VERKSAMHET = re.compile(r"^verksamhet_(\w+?)_(?:fg|verb|andring)$")


def _needs(quoted: dict[str, str], pattern: re.Pattern, column: str, given: set[str],
           what: str):
    """required(row, table) for read_export: the row's `column` when a quoted key is made
    from it and no earlier period in data/ gives it (`given`)."""
    wanted: dict[str, str] = {}
    for key, where in quoted.items():
        found = pattern.match(key)
        if found and found[1] not in given:
            wanted.setdefault(found[1], f"{what}; {where.rstrip(',')} citerar {key}")
    return lambda row, table: [(column, wanted[row.get("id")])] if row.get("id") in wanted else []


def personal_needs(quoted: dict[str, str], last_year: set[str]):
    return _needs(quoted, _PERSONAL, "foregaende_ar", last_year,
                  "samma period föregående år")


def verksamhet_needs(quoted: dict[str, str]):
    return _needs(quoted, _VERKSAMHET, "foregaende", set(), "det tidigare värdet")
