"""Values a new period carries over from the one it was made from, which usually change: KF's
decisions and frames, what a personnel figure covers ("augusti"), headings naming a month.

`make new-period` lists them in the period's bekrafta.yaml; the check warns of each one that
still has the old value, until the writer changes it or confirms it by deleting its entry.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml

from ..common.checks import CheckLog

FILE = "bekrafta.yaml"
MONTHS = re.compile(r"\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|"
                    r"november|december)\b", re.I)
_FRAMES = [("budgetram", "beslut"), ("budgetram", "belopp_tkr"),
           ("investeringsram", "beslut"), ("investeringsram", "belopp_tkr")]


def _csv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def carried(folder: Path) -> list[dict]:
    """The entries for a freshly scaffolded period folder."""
    entries = []
    meta = yaml.safe_load((folder / "rapport.yaml").read_text(encoding="utf-8"))
    for key, field in _FRAMES:
        value = (meta.get(key) or {}).get(field)
        if value is not None:
            entries.append({"fil": "rapport.yaml", "nyckel": f"{key}.{field}", "varde": value})
    staff = folder / "personal.csv"
    if staff.is_file():
        rows = _csv(staff)
        if "avser" in rows[0]:
            at = rows[0].index("avser")
            entries += [{"fil": "personal.csv", "rad": n, "kolumn": "avser", "varde": row[at]}
                        for n, row in enumerate(rows[1:], start=2) if len(row) > at and row[at]]
    for text in sorted((folder / "text").glob("*.md")):
        for n, line in enumerate(text.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("#") and MONTHS.search(line):
                entries.append({"fil": f"text/{text.name}", "rad": n, "varde": line})
    return entries


def write(folder: Path, source: str) -> None:
    entries = carried(folder)
    header = (f"# Värden som följde med från {source} och som brukar ändras. Ändra dem i sina\n"
              f"# filer, eller ta bort posten här för att bekräfta att den gäller oförändrad.\n")
    (folder / FILE).write_text(header + yaml.safe_dump(entries, allow_unicode=True,
                                                       sort_keys=False, width=100),
                               encoding="utf-8")


def _current(folder: Path, entry: dict):
    path = folder / entry["fil"]
    if not path.is_file():
        return None
    if "nyckel" in entry:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        for part in entry["nyckel"].split("."):
            value = (value or {}).get(part) if isinstance(value, dict) else None
        return value
    if "kolumn" in entry:
        rows = _csv(path)
        at = rows[0].index(entry["kolumn"]) if entry["kolumn"] in rows[0] else None
        row = rows[entry["rad"] - 1] if at is not None and entry["rad"] <= len(rows) else []
        return row[at] if at is not None and len(row) > at else None
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[entry["rad"] - 1] if entry["rad"] <= len(lines) else None


def check(folder: Path, log: CheckLog) -> None:
    """A warning for every carried-over value that is still unchanged and unconfirmed."""
    path = folder / FILE
    if not path.is_file():
        return
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        if _current(folder, entry) == entry["varde"]:
            log.warn(folder / entry["fil"], f"oförändrat från förra perioden: {entry['varde']}",
                     row=entry.get("rad"), column=entry.get("nyckel") or entry.get("kolumn"),
                     expected=f"ändra värdet, eller bekräfta det genom att ta bort posten i {FILE}")
