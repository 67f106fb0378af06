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
from ...common.reading import read_text
from ..loading import FileRejected, yaml_line
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
    plan: kontoplan.KontoplanFil
    plan_path: Path
    # The separate prognos file (kommun.yaml's prognos), each row placed: namnd, verksamhet
    # (operating rows) or projekt; None when the prognos is the ledger's column, or December.
    prognos: pd.DataFrame | None = None
    prognos_path: Path | None = None


def _place(rows: pd.DataFrame, kommun: KommunFil, plan, log: CheckLog, *, path: Path,
           plan_path: Path) -> None:
    ansvar_values = rows["ansvar"].astype(int)
    rows["namnd"] = ""
    for n in kommun.namnder:
        rows.loc[(rows["namnd"] == "") & in_ranges(ansvar_values, n.ansvar), "namnd"] = n.id
    outside = in_ranges(ansvar_values, kommun.utanfor_namnder)
    rows.loc[(rows["namnd"] == "") & outside, "namnd"] = OUTSIDE
    rows[["post", "varav"]] = kontoplan.classify(rows["konto"].astype(int), plan)
    rows.loc[rows["post"] == "eliminera", "namnd"] = ELIMINATED
    # A fixed asset's balance outside the nämnder, on no project, is the balansräkning's.
    rows.loc[(rows["post"] == "investering") & (rows["namnd"] == OUTSIDE)
             & (rows["projekt"] == ""), "post"] = "balans"
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
        name_rows(log, path, rows[mask], column, problem=problem, expected=expected,
                  heading=kommun.huvudbok.kolumner.get(column, column))


def name_rows(log: CheckLog, path: Path, rows: pd.DataFrame, column: str, *, problem: str,
              expected: str, heading: str) -> None:
    """One error per value of `column` among the rows, naming its rows of the file (`rad`);
    `problem` says what is wrong with the value `{v}`."""
    for value, group in rows.groupby(column):
        lines = group["rad"].tolist()
        where = ", ".join(map(str, lines[:10])) + (f" … ({len(lines)} rader)" if len(lines) > 10 else "")
        log.error(path, problem.format(v=value) + f" (rad {where})", row=lines[0],
                  column=heading, expected=expected)


def _place_prognos(prognos: pd.DataFrame, rows: pd.DataFrame, kommun: KommunFil, path: Path,
                   log: CheckLog) -> None:
    """Each prognos row's nämnd and verksamhet (or project); a row that fits none, and a
    verksamhet or project of the ledger without a prognos, is an error."""
    operating = rows[rows["post"].isin(["intakt", "kostnad"])]
    if kommun.prognos.niva == "verksamhet":
        _prognos_by_name(prognos, kommun, path, log)
    else:
        _prognos_by_ansvar(prognos, operating, kommun, path, log)
    _prognos_projects(prognos, rows, kommun, path, log)
    _prognos_coverage(prognos, operating, kommun, path, log)


def _prognos_by_name(prognos: pd.DataFrame, kommun: KommunFil, path: Path, log: CheckLog) -> None:
    """niva: verksamhet: the nämnd by its name or id, as the file writes it."""
    ids = {n.id: n.id for n in kommun.namnder} | {n.namn.casefold(): n.id for n in kommun.namnder}
    found = prognos["namnd"].str.casefold().map(ids).fillna("")
    name_rows(log, path, prognos[(prognos["projekt"] == "") & (found == "")], "namnd",
              problem="nämnden '{v}' finns inte i kommun.yaml",
              expected="en nämnds namn eller id ur kommun.yaml: "
              + ", ".join(n.namn for n in kommun.namnder), heading=kommun.prognos.kolumner["namnd"])
    prognos["namnd"] = found


def _prognos_by_ansvar(prognos: pd.DataFrame, operating: pd.DataFrame, kommun: KommunFil,
                       path: Path, log: CheckLog) -> None:
    """niva: ansvar: the nämnd by the ansvar's range, the verksamhet the one its ledger rows
    have (an ansvar on several verksamheter cannot have one prognos)."""
    heading, own = kommun.prognos.kolumner["ansvar"], prognos["projekt"] == ""
    ansvar = prognos["ansvar"].astype(int)
    prognos["namnd"] = ""
    for n in kommun.namnder:
        prognos.loc[(prognos["namnd"] == "") & in_ranges(ansvar, n.ansvar), "namnd"] = n.id
    prognos.loc[(prognos["namnd"] == "") & in_ranges(ansvar, kommun.utanfor_namnder), "namnd"] = OUTSIDE
    name_rows(log, path, prognos[own & (prognos["namnd"] == "")], "ansvar",
              problem="ansvaret {v} hör inte till någon nämnd",
              expected=f"ett ansvar som {organisation.FILE} fördelar på en nämnd", heading=heading)
    spans = operating.groupby(operating["ansvar"].astype(int))["verksamhet"].agg(
        lambda v: sorted(set(v.astype(int))))
    found = ansvar.map(spans)
    name_rows(log, path, prognos[own & found.map(lambda v: isinstance(v, list) and len(v) > 1)],
              "ansvar", problem="ansvaret {v} har rader på flera verksamheter i huvudboken, och "
              "en prognos per ansvar kan inte delas på dem", expected="en prognos per "
              "verksamhet (niva: verksamhet), eller ansvar som har en verksamhet var",
              heading=heading)
    name_rows(log, path, prognos[own & found.isna() & (prognos["namnd"] != OUTSIDE)], "ansvar",
              problem="ansvaret {v} har inga driftrader i huvudboken",
              expected="ett ansvar med rader i huvudboken", heading=heading)
    prognos["verksamhet"] = found.map(lambda v: v[0] if isinstance(v, list) else 0)


def _prognos_projects(prognos: pd.DataFrame, rows: pd.DataFrame, kommun: KommunFil, path: Path,
                      log: CheckLog) -> None:
    """A project's prognos belongs to the nämnd whose ledger rows have the project; it is
    given per project, never per item of a plan."""
    own = prognos["projekt"] != ""
    tops = {p.kod for p in kommun.projekt if not p.ingar_i}
    name_rows(log, path, prognos[own & ~prognos["projekt"].isin(tops)], "projekt",
              problem="projektet {v} är inget investeringsprojekt i kommun.yaml (prognosen "
              "anges per projekt, inte per objekt)",
              expected="ett projekt under projekt i kommun.yaml utan ingar_i",
              heading=kommun.prognos.kolumner.get("projekt", "projekt"))
    parent = {p.kod: p.ingar_i or p.kod for p in kommun.projekt}
    invest = rows[rows["post"] == "investering"]
    owners = dict(zip(invest["projekt"].map(parent), invest["namnd"]))
    prognos.loc[own, "namnd"] = prognos.loc[own, "projekt"].map(owners).fillna("")
    for code in sorted(set(owners) - set(prognos.loc[own, "projekt"])):
        log.error(path, f"ingen prognos för investeringsprojektet {code}",
                  column=kommun.prognos.kolumner.get("projekt", "projekt"),
                  expected="en prognos per investeringsprojekt med rader i huvudboken")


def _prognos_coverage(prognos: pd.DataFrame, operating: pd.DataFrame, kommun: KommunFil,
                      path: Path, log: CheckLog) -> None:
    """Every verksamhet a nämnd has rows on has a prognos, and no prognos is for a verksamhet
    the nämnd has no rows on (outside the nämnder, nothing is asked)."""
    ids = {n.id for n in kommun.namnder}
    mine = operating[operating["namnd"].isin(ids)]
    ledger_keys = set(zip(mine["namnd"], mine["verksamhet"].astype(int)))
    keys = list(zip(prognos["namnd"], prognos["verksamhet"].astype(int)))
    given = {k for k, p in zip(keys, prognos["projekt"]) if not p}
    heading = kommun.prognos.kolumner[kommun.prognos.niva]
    for (namnd, code), group in mine.groupby(["namnd", mine["verksamhet"].astype(int)]):
        if (namnd, code) not in given:
            log.error(path, f"ingen prognos för verksamhet {code} "
                      f"{kommun.verksamheter.get(code, '')} ({namnd}), som har {len(group)} "
                      "rader i huvudboken", column=heading, expected="en prognos för varje "
                      f"verksamhet med rader i huvudboken (niva: {kommun.prognos.niva})")
    stray = pd.Series([not p and k[0] in ids and k not in ledger_keys
                       for k, p in zip(keys, prognos["projekt"])], index=prognos.index)
    name_rows(log, path, prognos[stray], "verksamhet", problem="verksamhet {v} har en prognos "
              "men inga rader för nämnden i huvudboken",
              expected="bara verksamheter som nämnden har i huvudboken",
              heading=kommun.prognos.kolumner.get("verksamhet", heading))


def load(folder: Path, log: CheckLog, has_prognos: bool | None = None) -> Ledger:
    """The period's ledger, read and every row placed; errors are logged, then raised.
    has_prognos: whether the year's prognos is wanted (by default: unless the folder is a
    December period's)."""
    if has_prognos is None:
        has_prognos = not folder.name.endswith("-12")
    kommun = organisation.load(folder, log)
    unforecast = has_prognos and not kommun.prognos and "prognos" not in kommun.huvudbok.kolumner
    if unforecast:  # say it once, not as a missing prognos on every row of every table
        path = folder / organisation.FILE
        log.error(path, "årets prognos saknas: huvudboken har ingen prognoskolumn och ingen "
                  "egen prognosfil anges", column="huvudbok.kolumner.prognos",
                  row=yaml_line(read_text(path), ("huvudbok", "kolumner")),
                  expected="rubriken på exportens prognoskolumn under huvudbok.kolumner "
                  "(prognos: …), eller en egen prognosfil under prognos: (data/README.md)")
    plan_path, plan = kontoplan.load(folder, kommun.kontoplan, log)
    rows = read.read(folder, kommun.huvudbok, log)
    if unforecast:
        raise FileRejected(folder / kommun.huvudbok.fil)
    totals = {c: float(rows[c].sum()) for c in read.AMOUNTS}
    before = len(log.errors)
    _place(rows, kommun, plan, log, path=folder / kommun.huvudbok.fil, plan_path=plan_path)
    if len(log.errors) > before:
        raise DataError(folder / kommun.huvudbok.fil, "raderna kunde inte fördelas (se felen ovan)")
    log.ok(f"varje rad i {kommun.huvudbok.fil} hör till en nämnd och en post ({len(rows)} rader)")
    ledger = Ledger(rows, folder / kommun.huvudbok.fil, kommun, totals, plan, plan_path)
    if kommun.prognos and has_prognos:  # December's utfall is the year: no prognos is read
        path = folder / kommun.prognos.fil
        prognos = read.read_prognos(folder, kommun.prognos, log)
        _place_prognos(prognos, rows, kommun, path, log)
        if len(log.errors) > before:
            raise DataError(path, "prognosen kunde inte fördelas (se felen ovan)")
        log.ok(f"varje rad i {path.name} hör till en nämnd och en verksamhet eller ett projekt, "
               "och varje verksamhet och projekt i huvudboken har en prognos")
        ledger.prognos, ledger.prognos_path = prognos, path
    return ledger


def _amounts(frame: pd.DataFrame, has_prognos: bool, prognos: float | None = None
             ) -> dict[str, float]:
    """Utfall and budget summed from the rows; the prognos too, unless given (the separate
    prognos file's amount, NaN where it gives none)."""
    out = {"utfall": frame["utfall"].sum(), "budget": frame["budget"].sum()}
    if has_prognos:
        out["prognos"] = frame["prognos"].sum() if prognos is None else prognos
    return out


def _separate_prognos(ledger: Ledger, namnd: str) -> tuple[dict, dict] | None:
    """The nämnd's prognos from the separate file, in kronor: per verksamhet, per project."""
    if ledger.prognos is None:
        return None
    own = ledger.prognos[ledger.prognos["namnd"] == namnd]
    ops = own[own["projekt"] == ""]
    return (ops.groupby(ops["verksamhet"].astype(int))["prognos"].sum().to_dict(),
            own[own["projekt"] != ""].groupby("projekt")["prognos"].sum().to_dict())


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
    separate = _separate_prognos(ledger, namnd) if has_prognos else None
    by_vht, by_project = separate or ({}, {})
    # A net prognos per verksamhet says nothing of intäkter and kostnader: only of the result.
    nothing = float("nan") if separate else None
    total = sum(by_vht.values()) if separate else None
    resultat = pd.DataFrame([{"post": k, **_tkr_row(_amounts(
        v, has_prognos, total if k == "Resultat" else nothing), has_prognos)}
        for k, v in posts.items()])
    drift = []
    analys = []
    names = ledger.kommun.verksamheter
    for code, group in operating.groupby(operating["verksamhet"].astype(int)):
        row = _tkr_row(_amounts(group, has_prognos, by_vht.get(code) if separate else None),
                       has_prognos)
        drift.append({"kod": str(code), "verksamhet": names[code], **row})
        if abs(row["avvikelse"]) > limit_tkr:
            side = {p: _tkr_row(_amounts(group[group["post"] == p], has_prognos, nothing),
                                has_prognos) for p in ("intakt", "kostnad")}
            column = "prognos" if has_prognos else "utfall"
            analys.append({"kod": code, "intakt_prognos": side["intakt"][column],
                           "intakt_budget": side["intakt"]["budget"],
                           "kostnad_prognos": side["kostnad"][column],
                           "kostnad_budget": side["kostnad"]["budget"],
                           "nettoavvikelse": row["avvikelse"]})
    title = next(n.namn for n in ledger.kommun.namnder if n.id == namnd)
    drift.append({"kod": "", "verksamhet": f"Summa {title}",
                  **_tkr_row(_amounts(operating, has_prognos, total), has_prognos)})
    return {"resultat": resultat, "driftredovisning": pd.DataFrame(drift),
            "verksamhetsanalys": pd.DataFrame(analys, columns=[
                "kod", "intakt_prognos", "intakt_budget", "kostnad_prognos", "kostnad_budget",
                "nettoavvikelse"]),
            "investeringar": _investments(ledger, own, has_prognos,
                                          by_project if separate else None)}


def _investments(ledger: Ledger, own: pd.DataFrame, has_prognos: bool,
                 prognoses: dict | None) -> pd.DataFrame:
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
        given = prognoses.get(p.kod) if prognoses is not None else None
        rows.append({"projekt": p.namn, "ingar_i": "", **_tkr_row(_amounts(
            invest[invest["projekt"].isin(codes)], has_prognos, given), has_prognos)})
        for c in items:
            if c.kod in present:
                utfall = float(to_tkr(by_project.get_group(c.kod)["utfall"].sum()))
                rows.append({"projekt": c.namn, "ingar_i": names[p.kod], "utfall": utfall})
    given = sum(prognoses.values()) if prognoses is not None else None
    rows.append({"projekt": "Summa", "ingar_i": "",
                 **_tkr_row(_amounts(invest, has_prognos, given), has_prognos)})
    return pd.DataFrame(rows)


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


def prognos_reconciliation(ledger: Ledger) -> pd.DataFrame | None:
    """Every krona of the separate prognos file: per nämnd (result and investments) and
    outside the nämnder; the last row is the file's own total, which the sum must equal."""
    if ledger.prognos is None:
        return None
    prognos = ledger.prognos
    names = {n.id: n.namn for n in ledger.kommun.namnder}
    part = np.where(prognos["projekt"] == "", "resultat", "investeringar")
    order = {key: i for i, key in enumerate(names)}  # kommun.yaml's order, then outside
    groups = sorted(prognos.groupby([prognos["namnd"], part]),
                    key=lambda item: (order.get(item[0][0], len(order)), item[0][1] != "resultat"))
    out = [{"Del": f"{names.get(key[0], key[0])}, {key[1]}", "Rader": len(group),
            "Prognos (kr)": group["prognos"].sum()} for key, group in groups]
    table = pd.DataFrame(out)
    total = {"Del": "Summa", "Rader": int(table["Rader"].sum()),
             "Prognos (kr)": table["Prognos (kr)"].sum()}
    own = {"Del": f"Filens summa ({ledger.prognos_path.name})", "Rader": len(prognos),
           "Prognos (kr)": prognos["prognos"].sum()}
    return pd.concat([table, pd.DataFrame([total, own])], ignore_index=True)


def check_reconciled(ledger: Ledger, log: CheckLog) -> None:
    table = reconciliation(ledger)
    summed, export = table.iloc[-2], table.iloc[-1]
    for column in ("Utfall (kr)", "Budget (kr)"):
        if abs(summed[column] - export[column]) > 0.005 or summed["Rader"] != export["Rader"]:
            log.error(ledger.path, f"fördelningen summerar till {tkr(summed[column])} kr, "
                      f"exporten till {tkr(export[column])} kr", column=column)
            return
    log.ok(f"varje krona i {ledger.path.name} finns i exakt en nämnd och post, eller listas")
