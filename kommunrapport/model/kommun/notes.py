"""Notes to the statements' main lines: the resultaträkning's operating lines per nämnd (and
the finansförvaltning), its other lines and the balansräkning's per account group (the
kontoplan's names), in kronor."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...sources.huvudbok.aggregate import OUTSIDE
from . import statements as st

BY_NAMND = ("verksamhetens_intakter", "verksamhetens_kostnader", "avskrivningar")


@dataclass
class Note:
    nr: int
    line: str                 # the statement line it explains
    title: str
    columns: list[str]        # amount keys: utfall, utfall_fg (RR); ib, forandring, ub (BR)
    rows: list[tuple[str, list[float]]]  # label, kronor per column; the last is the line's sum


def _rr_note(line: str, title: str, rows: pd.DataFrame, *, names: dict, groups: dict) -> Note:
    columns = ["utfall"] + (["utfall_fg"] if rows["utfall_fg"].notna().any() else [])
    mine = rows[rows["linje"] == line]
    if line in BY_NAMND:
        keys = mine["namnd"].map(lambda n: names.get(n, "Finansförvaltningen")
                                 if n != OUTSIDE else "Finansförvaltningen")
    else:
        keys = mine["konto"].astype(int) // 100
        keys = keys.map(lambda g: groups.get(g, f"Kontogrupp {g}"))
    sums = mine.groupby(keys, sort=False)[columns].sum()
    out = [(label, [float(sums.at[label, c]) for c in columns]) for label in sums.index]
    return Note(0, line, title, columns, out + [("Summa", [float(mine[c].sum()) for c in columns])])


def _br_note(line: str, title: str, rows: pd.DataFrame, groups: dict) -> Note:
    mine = rows[rows["linje"] == line]
    sign = -1 if line in st.ASSET_LINES else 1
    keys = (mine["konto"].astype(int) // 100).map(lambda g: groups.get(g, f"Kontogrupp {g}"))
    keys = keys.where(mine["projekt"] == "", "Årets investeringar i projekt")
    frame = pd.DataFrame({"ib": sign * mine["ib"].fillna(0), "forandring": sign * mine["utfall"]})
    frame["ub"] = frame["ib"] + frame["forandring"]
    sums = frame.groupby(keys, sort=False).sum()
    out = [(label, [float(v) for v in sums.loc[label]]) for label in sums.index]
    return Note(0, line, title, ["ib", "forandring", "ub"],
                out + [("Summa", [float(v) for v in frame.sum()])])


def notes(result_rows: pd.DataFrame, balance_rows: pd.DataFrame, names: dict[str, str],
          groups: dict[int, str]) -> list[Note]:
    """A note for every line whose amount has parts (nämnder, account groups, investments),
    numbered in the statements' order."""
    found = []
    for line, title in st.RR:
        if not line.startswith("=") and (result_rows["linje"] == line).any():
            found.append(_rr_note(line, title, result_rows, names=names, groups=groups))
    for line, title in [(line, label) for side in (st.ASSETS, st.CLAIMS)
                        for _, group in side[1] for line, label in group]:
        if line != "arets_resultat" and (balance_rows["linje"] == line).any():
            found.append(_br_note(line, title, balance_rows, groups))
    parted = [n for n in found if len(n.rows) > 2]  # parts and their sum
    for nr, note in enumerate(parted, 1):
        note.nr = nr
    return parted
