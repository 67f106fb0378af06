"""From the ledger to a nämnd's report tables, and the reconciliation of every krona.

Each row of the export lands in exactly one place: a nämnd's operating result (intäkt or
kostnad, on its verksamhet), a nämnd's investment project, the municipality's posts outside
the nämnder (finansförvaltning, class 8), or the eliminated internal items; a row that fits
none (an ansvar of no nämnd, an account no rule maps, an investment account outside an
investment project, an unknown verksamhet) is an error naming the value and its rows. Rows
are summed in kronor and rounded to whole tkr once per table cell (half away from zero), as
the reference report does; a Summa row is the rounded total, so the rounding differences
the book states are those of the report's own tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ...common.checks import CheckLog
from ...common.errors import DataError
from ...common.formatting import tkr
from . import kontoplan, organisation, read
from .organisation import KommunFil, in_ranges

OUTSIDE = "utanför nämnderna"
ELIMINATED = "eliminerat"


def to_tkr(kronor) -> np.ndarray | float:
    values = np.asarray(kronor, dtype=float) / 1000
    return np.sign(values) * np.floor(np.abs(values) + 0.5) + 0.0  # + 0.0: no −0


@dataclass
class Ledger:
    """The export, each row placed: namnd (an id, OUTSIDE or ELIMINATED) and post."""
    rows: pd.DataFrame
    path: Path
    kommun: KommunFil
    totals: dict[str, float]  # the export's own totals, in kronor


def _place(rows: pd.DataFrame, kommun: KommunFil, plan, path: Path, plan_path: Path,
           log: CheckLog) -> None:
    ansvar_values = rows["ansvar"].astype(int)
    rows["namnd"] = ""
    for n in kommun.namnder:
        rows.loc[(rows["namnd"] == "") & in_ranges(ansvar_values, n.ansvar), "namnd"] = n.id
    outside = in_ranges(ansvar_values, kommun.utanfor_namnder)
    rows.loc[(rows["namnd"] == "") & outside, "namnd"] = OUTSIDE
    rows[["post", "varav"]] = kontoplan.classify(rows["konto"].astype(int), plan)
    rows.loc[rows["post"] == "eliminera", "namnd"] = ELIMINATED
    projects = {p.kod for p in kommun.projekt}
    problems = [
        (rows["namnd"] == "", "ansvar", "ansvaret {v} hör inte till någon nämnd",
         f"ett ansvar som {organisation.FILE} fördelar på en nämnd (eller under utanfor_namnder)"),
        (rows["post"] == "", "konto", "kontot {v} matchar ingen regel i kontoplanen",
         f"en regel i {plan_path.name} som täcker kontot"),
        ((rows["post"] == "investering") & ~rows["projekt"].isin(projects), "projekt",
         "investeringskonto utan investeringsprojekt (projekt '{v}')",
         f"ett projekt som {organisation.FILE} listar under projekt"),
        (~rows["verksamhet"].astype(int).isin(kommun.verksamheter) & rows["post"].isin(["intakt", "kostnad"]),
         "verksamhet", "verksamheten {v} saknar namn",
         f"verksamhetens namn under verksamheter i {organisation.FILE}"),
    ]
    for mask, column, problem, expected in problems:
        for value, group in rows[mask].groupby(column):
            lines = group["rad"].tolist()
            where = ", ".join(map(str, lines[:10])) + (f" … ({len(lines)} rader)" if len(lines) > 10 else "")
            log.error(path, problem.format(v=value) + f" (rad {where})", row=lines[0],
                      column=kommun.huvudbok.kolumner.get(column, column), expected=expected)


def load(folder: Path, log: CheckLog) -> Ledger:
    """The period's ledger, read and every row placed; errors are logged, then raised."""
    kommun = organisation.load(folder, log)
    plan_path, plan = kontoplan.load(folder, kommun.kontoplan, log)
    rows = read.read(folder, kommun.huvudbok, log)
    totals = {c: float(rows[c].sum()) for c in read.AMOUNTS}
    before = len(log.errors)
    _place(rows, kommun, plan, folder / kommun.huvudbok.fil, plan_path, log)
    if len(log.errors) > before:
        raise DataError(folder / kommun.huvudbok.fil, "raderna kunde inte fördelas (se felen ovan)")
    log.ok(f"varje rad i {kommun.huvudbok.fil} hör till en nämnd och en post ({len(rows)} rader)")
    return Ledger(rows, folder / kommun.huvudbok.fil, kommun, totals)


def _amounts(frame: pd.DataFrame, has_prognos: bool) -> dict[str, float]:
    out = {"utfall": frame["utfall"].sum(), "budget": frame["budget"].sum()}
    if has_prognos:
        out["prognos"] = frame["prognos"].sum()
    return out


def _tkr_row(amounts: dict, has_prognos: bool) -> dict:
    row = {k: float(to_tkr(v)) for k, v in amounts.items()}
    row["avvikelse"] = (row["prognos"] if has_prognos else row["utfall"]) - row["budget"]
    return row


def tables(ledger: Ledger, namnd: str, has_prognos: bool, limit_tkr: float) -> dict[str, pd.DataFrame]:
    """The nämnd's four report tables, shaped as the hand-made files (tkr, Summa rows)."""
    own = ledger.rows[ledger.rows["namnd"] == namnd]
    operating = own[own["post"].isin(["intakt", "kostnad"])]
    costs = operating[operating["post"] == "kostnad"]
    posts = {"Intäkter": operating[operating["post"] == "intakt"], "Kostnader": costs,
             "varav personalkostnader": costs[costs["varav"] == "personal"],
             "varav kapitalkostnader": costs[costs["varav"] == "kapital"], "Resultat": operating}
    resultat = pd.DataFrame([{"post": k, **_tkr_row(_amounts(v, has_prognos), has_prognos)}
                             for k, v in posts.items()])
    drift = []
    analys = []
    names = ledger.kommun.verksamheter
    for code, group in operating.groupby(operating["verksamhet"].astype(int)):
        row = _tkr_row(_amounts(group, has_prognos), has_prognos)
        drift.append({"kod": str(code), "verksamhet": names[code], **row})
        if abs(row["avvikelse"]) > limit_tkr:
            side = {p: _tkr_row(_amounts(group[group["post"] == p], has_prognos), has_prognos)
                    for p in ("intakt", "kostnad")}
            column = "prognos" if has_prognos else "utfall"
            analys.append({"kod": code, "intakt_prognos": side["intakt"][column],
                           "intakt_budget": side["intakt"]["budget"],
                           "kostnad_prognos": side["kostnad"][column],
                           "kostnad_budget": side["kostnad"]["budget"],
                           "nettoavvikelse": row["avvikelse"]})
    title = next(n.namn for n in ledger.kommun.namnder if n.id == namnd)
    drift.append({"kod": "", "verksamhet": f"Summa {title}", **_tkr_row(_amounts(operating, has_prognos), has_prognos)})
    return {"resultat": resultat, "driftredovisning": pd.DataFrame(drift),
            "verksamhetsanalys": pd.DataFrame(analys, columns=[
                "kod", "intakt_prognos", "intakt_budget", "kostnad_prognos", "kostnad_budget",
                "nettoavvikelse"]),
            "investeringar": _investments(ledger, own, has_prognos)}


def _investments(ledger: Ledger, own: pd.DataFrame, has_prognos: bool) -> pd.DataFrame:
    invest = own[own["post"] == "investering"]
    by_project = invest.groupby("projekt")
    catalogue = ledger.kommun.projekt
    names = {p.kod: p.namn for p in catalogue}
    present = set(invest["projekt"])
    rows = []
    for p in (p for p in catalogue if not p.ingar_i):
        items = [c for c in catalogue if c.ingar_i == p.kod]
        codes = [p.kod] + [c.kod for c in items]
        if not present & set(codes):
            continue  # a project of another nämnd, or without rows this period
        rows.append({"projekt": p.namn, "ingar_i": "",
                     **_tkr_row(_amounts(invest[invest["projekt"].isin(codes)], has_prognos), has_prognos)})
        for c in items:
            if c.kod in present:
                utfall = float(to_tkr(by_project.get_group(c.kod)["utfall"].sum()))
                rows.append({"projekt": c.namn, "ingar_i": names[p.kod], "utfall": utfall})
    total = _tkr_row(_amounts(invest, has_prognos), has_prognos)
    rows.append({"projekt": "Summa", "ingar_i": "", **total})
    return pd.DataFrame(rows)


def write_tables(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """As the hand-made files, so the ledger's tables go through the same checks."""
    for stem, frame in frames.items():
        frame.to_csv(folder / f"{stem}.csv", sep=";", index=False, float_format="%.0f")


def reconciliation(ledger: Ledger) -> pd.DataFrame:
    """Every krona of the export: per nämnd (result and investments), outside the nämnder,
    eliminated; the last row is the export's own total, which the sum must equal."""
    rows = ledger.rows
    names = {n.id: n.namn for n in ledger.kommun.namnder}
    out = []
    for key, group in rows.groupby("namnd", sort=False):
        label = names.get(key, key)
        for part, mask in (("resultat", group["post"].isin(["intakt", "kostnad"])),
                           ("investeringar", group["post"] == "investering"),
                           ("övrigt", ~group["post"].isin(["intakt", "kostnad", "investering"]))):
            if mask.any():
                out.append({"Del": f"{label}, {part}", "Rader": int(mask.sum()),
                            **{f"{c.capitalize()} (kr)": group.loc[mask, c].sum()
                               for c in ("utfall", "budget")}})
    table = pd.DataFrame(out)
    total = {"Del": "Summa", "Rader": int(table["Rader"].sum()),
             **{f"{c.capitalize()} (kr)": table[f"{c.capitalize()} (kr)"].sum() for c in ("utfall", "budget")}}
    export = {"Del": f"Exportens summa ({ledger.path.name})", "Rader": len(rows),
              **{f"{c.capitalize()} (kr)": ledger.totals[c] for c in ("utfall", "budget")}}
    return pd.concat([table, pd.DataFrame([total, export])], ignore_index=True)


def check_reconciled(ledger: Ledger, log: CheckLog) -> None:
    table = reconciliation(ledger)
    summed, export = table.iloc[-2], table.iloc[-1]
    for column in ("Utfall (kr)", "Budget (kr)"):
        if abs(summed[column] - export[column]) > 0.005 or summed["Rader"] != export["Rader"]:
            log.error(ledger.path, f"fördelningen summerar till {tkr(summed[column])} kr, "
                      f"exporten till {tkr(export[column])} kr", column=column)
            return
    log.ok(f"varje krona i {ledger.path.name} finns i exakt en nämnd och post, eller listas")
