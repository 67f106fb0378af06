"""Values a new period carries over from the one it was made from, which may no longer hold:
KF's decisions and frames, what a personnel figure covers ("augusti"), headings naming a
month, every carried-over text that names the source period (a year, a month, a date, a
season, "enligt delårsrapporten 2025") and the board's own measurements older than the
period.

`make new-period` lists them in the period's bekrafta.yaml; the check warns of each one that
still has the old value, until the writer changes it or confirms it by deleting its entry.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml

from ..common.checks import CONFIRM, WORDS, CheckLog, plain_key
from ..common.errors import DataError
from ..common.periods import Period
from ..common.reading import read_text, read_yaml_data
from . import yaml_syntax
from .loading import LIST_FIELDS, column_key, yaml_line

FILE = "bekrafta.yaml"
MONTHS = re.compile(r"\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|"
                    r"november|december)\b", re.I)
# Words that tie a text to the period it was written in, beside years and months.
_TIED = re.compile(r"\b(våren|sommaren|hösten|vintern|delårsrapport\w*|årsredovisning\w*|"
                   r"månadsuppföljning\w*|tertial\w*|innevarande år|i år)\b|\d{4}-\d{2}-\d{2}",
                   re.I)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_FRAMES = [("budgetram", "beslut"), ("budgetram", "belopp_tkr"),
           ("investeringsram", "beslut"), ("investeringsram", "belopp_tkr")]
# The YAML files whose carried-over texts are scanned, and the keys that are not texts of the
# period (set by new-period, identifiers, or the scale's fixed words).
_SCANNED = ["rapport.yaml", "mal.yaml", "indikatorer.yaml"]
_SKIPPED = {"period", "beslutsdatum", "bedomningsdatum", "exempeldata", "logotyp", "kommunkod",
            "organisation", "namnd", "forvaltning", "id", "kpi", "battre", "kon", "skala",
            "strategiska_mal"}
# CSV columns holding words a period may have written (never the amounts).
_WORDED = {"personal.csv": ["nyckeltal"], "verksamhet.csv": ["nyckeltal", "enhet"]}
OWN_VALUES = "indikatorvarden.csv"


def names_period(text: str, source: Period, period: Period) -> bool:
    """Whether a text names the time it was written in: a month, a season, a date, a report
    of the year, or a year from the one before the source period's to the new period's (not
    a goal's "2030", nor "sedan 2019")."""
    years = [int(m.group(0)) for m in _YEAR.finditer(text)]
    return bool(MONTHS.search(text) or _TIED.search(text)
                or any(source.year - 1 <= y <= period.year for y in years))


def _rows(path: Path) -> list[list[str]]:
    text = read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _column(rows: list[list[str]], name: str) -> int | None:
    keys = [column_key(h) for h in rows[0]] if rows else []
    return keys.index(name) if name in keys else None


def _leaves(data, path: tuple = ()):
    """(key path, text) of every text in a YAML document; list positions from 1."""
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key) not in _SKIPPED:
                yield from _leaves(value, path + (str(key),))
    elif isinstance(data, list):
        for n, value in enumerate(data, start=1):
            yield from _leaves(value, path + (str(n),))
    elif isinstance(data, str) and data.strip():
        yield ".".join(path), data


def _yaml(folder: Path, name: str) -> dict:
    data = read_yaml_data(folder / name) if (folder / name).is_file() else None
    return data if isinstance(data, dict) else {}


def carried(folder: Path, source: Period, period: Period) -> list[dict]:
    """The entries for a freshly scaffolded period folder."""
    entries = []
    meta = _yaml(folder, "rapport.yaml")
    for key, field in _FRAMES:
        value = (meta.get(key) or {}).get(field) if isinstance(meta.get(key), dict) else None
        if value is not None:
            entries.append({"fil": "rapport.yaml", "nyckel": f"{key}.{field}", "varde": value})
    for name in _SCANNED:
        for key, text in _leaves(_yaml(folder, name)):
            if names_period(text, source, period) and not any(
                    e.get("nyckel") == key and e["fil"] == name for e in entries):
                entries.append({"fil": name, "nyckel": key, "varde": text})
    staff = folder / "personal.csv"
    rows = _rows(staff) if staff.is_file() else []
    at = _column(rows, "avser")
    if at is not None:
        entries += [{"fil": "personal.csv", "rad": n, "kolumn": "avser", "varde": row[at]}
                    for n, row in enumerate(rows[1:], start=2) if len(row) > at and row[at]]
    for name, columns in _WORDED.items():
        rows = _rows(folder / name) if (folder / name).is_file() else []
        for column in columns:
            at = _column(rows, column)
            entries += [{"fil": name, "rad": n, "kolumn": column, "varde": row[at]}
                        for n, row in enumerate(rows[1:], start=2)
                        if at is not None and len(row) > at and names_period(row[at], source, period)]
    entries += _measurements(folder, source)
    for text in sorted((folder / "text").glob("*.md")):
        for n, line in enumerate(read_text(text).splitlines(), start=1):
            if line.startswith("#") and (MONTHS.search(line) or _TIED.search(line)):
                entries.append({"fil": f"text/{text.name}", "rad": n, "varde": line})
    return entries


def _measurements(folder: Path, source: Period) -> list[dict]:
    """Per indicator the latest own measurement, and every one labelled relative to the source
    period ("Senaste mätning"): the new period has a newer one, or confirms there is none."""
    path = folder / OWN_VALUES
    rows = _rows(path) if path.is_file() else []
    ind, label, value = (_column(rows, c) for c in ("indikator", "matning", "varde"))
    if None in (ind, label, value):
        return []
    latest: dict[str, int] = {}
    relative = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > max(ind, label, value) and row[ind].strip():
            latest[row[ind].strip()] = n
            if not _YEAR.fullmatch(row[label].strip()):
                relative.append(n)
    return [{"fil": OWN_VALUES, "rad": n, "kolumn": "matning", "varde": rows[n - 1][label],
             "vad": f"egen mätning från {source} eller tidigare: {rows[n - 1][ind]}, "
                    f"{rows[n - 1][label]} = {rows[n - 1][value]}"}
            for n in sorted(set(latest.values()) | set(relative))]


def write(folder: Path, source: str, period: str | None = None) -> None:
    entries = carried(folder, Period.parse(source), Period.parse(period or folder.name))
    header = (f"# Värden som följde med från {source} och som kan ha ändrats. Ändra dem i sina\n"
              f"# filer, eller ta bort posten här för att bekräfta att den gäller oförändrad.\n")
    (folder / FILE).write_text(header + yaml.safe_dump(entries, allow_unicode=True,
                                                       sort_keys=False, width=100),
                               encoding="utf-8")


def lookup(data, key: str):
    """The value at a dotted key; list positions from 1, integer mapping keys as written."""
    for part in key.split("."):
        if isinstance(data, list) and part.isdigit() and 1 <= int(part) <= len(data):
            data = data[int(part) - 1]
        elif isinstance(data, dict):
            data = data.get(part, data.get(int(part)) if part.isdigit() else None)
        else:
            return None
    return data


def _current(folder: Path, entry: dict):
    path = folder / str(entry["fil"])
    if not path.is_file():
        return None
    if "nyckel" in entry:
        return lookup(_yaml(folder, str(entry["fil"])), str(entry["nyckel"]))
    row = entry.get("rad")
    if not isinstance(row, int) or row < 1:
        return None
    if "kolumn" in entry:
        rows = _rows(path)
        at = _column(rows, column_key(str(entry["kolumn"])))
        cells = rows[row - 1] if at is not None and row <= len(rows) else []
        return cells[at] if at is not None and len(cells) > at else None
    lines = read_text(path).splitlines()
    return lines[row - 1] if row <= len(lines) else None


def _row(folder: Path, entry: dict) -> int | None:
    """The entry's row, or for a YAML key its line."""
    if "nyckel" not in entry:
        return entry.get("rad") if isinstance(entry.get("rad"), int) else None
    parts = str(entry["nyckel"]).split(".")
    loc = [int(p) - 1 if p.isdigit() and i and parts[i - 1] in LIST_FIELDS else p
           for i, p in enumerate(parts)]
    try:
        return yaml_line(read_text(folder / str(entry["fil"])), tuple(loc))
    except (OSError, DataError):
        return None


def _label(folder: Path, entry: dict) -> str:
    """The entry's key in the checklist's words; an indicator by its id."""
    key = str(entry.get("nyckel") or "")
    parts = key.split(".")
    if entry.get("fil") == "indikatorer.yaml" and len(parts) > 2 and parts[0] == "indikatorer":
        found = lookup(_yaml(folder, "indikatorer.yaml"), ".".join(parts[:2]))
        ident = found.get("id") if isinstance(found, dict) else parts[1]
        rest = ", ".join(WORDS.get(p, p.replace("_", " ")) for p in parts[2:])
        return f"indikatorn {ident}, {rest}"
    return plain_key(key, str(entry.get("fil", ""))) if key else str(entry.get("kolumn") or "")


def check(folder: Path, log: CheckLog) -> None:
    """A warning for every carried-over value that is still unchanged and unconfirmed."""
    path = folder / FILE
    if not path.is_file():
        return
    try:
        entries = read_yaml_list(path)
    except DataError as exc:
        log.add(exc)
        return
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or "fil" not in entry or "varde" not in entry:
            log.error(path, f"post {n} saknar fil eller varde", expected="posterna som make "
                      "new-period skrev; ta bort posten för att bekräfta värdet")
            continue
        try:
            unchanged = _current(folder, entry) == entry["varde"]
        except DataError:
            continue  # the file's own check names it
        if unchanged:
            value = str(entry["varde"])
            value = value if len(value) <= 120 else value[:119] + "…"
            what = entry.get("vad") or f"oförändrat från förra perioden: ”{value}”"
            log.warn(folder / str(entry["fil"]), str(what), row=_row(folder, entry),
                     column=entry.get("nyckel") or entry.get("kolumn"), kind=CONFIRM,
                     label=_label(folder, entry),
                     expected=f"ändra värdet, eller ta bort posten i {FILE} om det gäller")


def read_yaml_list(path: Path) -> list:
    """bekrafta.yaml: a list of entries (an empty file is an empty list)."""
    data, _, errors = yaml_syntax.parse(path, read_text(path))
    if errors:
        raise errors[0]
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(path, "filen är inte en lista av poster", expected="posterna som make "
                        "new-period skrev, var och en med fil och varde")
    return data
