"""Ekonomi: result summary, operating statement (driftredovisning) and investments.

A person gives the amounts; what follows from them is computed when absent and checked when
present: each row's avvikelse, the Summa rows, Resultat (Intäkter + Kostnader), a plan's
utfall (its items'), the analysis split's nettoavvikelse. Which analyses the period needs is
decided by its own deviations (analyses.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.formatting import tkr
from ..common.periods import Period
from ..sources import workbook
from ..sources.huvudbok import source
from ..sources.huvudbok.source import TABLES, Tables
from ..sources.loading import FileRejected, attempt, check_unique, read_yaml
from ..sources.schemas import AnalysRow, DriftRow, EkonomiFil, InvesteringRow, ResultatRow
from . import analyses
from .reconcile import Reconciliation, check_deviation, reconcile

AMOUNTS = ["utfall", "prognos", "budget"]
RESULT_POSTS = ["Intäkter", "Kostnader", "varav personalkostnader", "varav kapitalkostnader",
                "Resultat"]
SPLIT = ["intakt_prognos", "intakt_budget", "kostnad_prognos", "kostnad_budget"]
LEDGER_FIRST = "lägg periodens huvudbok i periodens mapp, som kommun.yaml anger"


@dataclass
class Ekonomi:
    resultat: pd.DataFrame          # one row per post, indexed by post
    drift: pd.DataFrame             # one row per verksamhet, with computed avvikelse
    drift_total: Reconciliation     # stated "Summa" row against the rows' sum
    verksamhetsanalys: pd.DataFrame  # intäkt/kostnad split and analysis text per analysed code
    investeringar: pd.DataFrame     # one row per project
    reinvesteringar: pd.DataFrame   # items under a project (utfall only)
    investering_total: Reconciliation
    texter: EkonomiFil              # ekonomi.yaml
    # 'verksamhet' or 'ansvar' when the prognos is the separate file's net amounts: the
    # result's intäkter and kostnader and the analysis split then have no prognos.
    prognos_niva: str | None = None


def _frame(records, amounts: list[str], model=None) -> pd.DataFrame:
    columns = list(model.model_fields) + ["_rad"] if model else None
    frame = pd.DataFrame([{**m.model_dump(), "_rad": row} for row, m in records], columns=columns)
    for column in amounts:  # all-empty columns come as None: make them numbers
        frame[column] = pd.to_numeric(frame[column]).astype(float)
    return frame


def _is_total(label) -> bool:
    return str(label or "").strip().startswith("Summa")


def _prognos(period: Period) -> list[str]:
    """Before December every row needs a prognos; in December the year's utfall is the
    outcome, so an export without prognos is complete."""
    return ["prognos"] if period.has_prognos else []


def _resultat_needs(period: Period, only_post: str | None):
    """Each post needs its amounts, except Resultat (Intäkter + Kostnader); with a net prognos
    (`only_post` 'Resultat') only Resultat has a prognos."""
    def needs(row, table):
        post = row.get("post")
        if post == "Resultat":  # Intäkter + Kostnader, but for a net prognos
            return _prognos(period) if only_post == post else []
        return ["utfall", "budget"] + (_prognos(period) if only_post is None else [])
    return needs


def _drift_needs(period: Period):
    """Every verksamhet needs its amounts; the Summa row is the rows' sum."""
    return lambda row, table: [] if _is_total(row.get("verksamhet")) else (
        ["utfall"] + _prognos(period) + ["budget"])


def project_columns(period: Period):
    """A project needs its budget (and before December its prognos) and its utfall, unless
    items of it give the utfall; an item holds utfall only; the Summa row is the sum."""
    def needs(row, table):
        if _is_total(row.get("projekt")):
            return []
        if row.get("ingar_i"):
            return ["utfall"]
        has_items = any(r.get("ingar_i") == row.get("projekt") for r in table)
        return ([] if has_items else ["utfall"]) + _prognos(period) + ["budget"]
    return needs


def _analysis_needs(tables: Tables):
    """A row with any amount is an analysis: its split is needed (its prognos side unless the
    prognos is net); a row with none is a placeholder, decided by the deviations."""
    net = tables.net_prognos

    def needs(row, table):
        if all(row.get(c) in ("", None) for c in SPLIT + ["nettoavvikelse"]):
            return []
        return ["intakt_budget", "kostnad_budget"] + (
            [] if net else ["intakt_prognos", "kostnad_prognos"])
    return needs


def fill_prognos(frame: pd.DataFrame, period: Period, rows=None) -> None:
    """December: the year's utfall stands where a prognos would (of `rows`). Before it, a
    missing prognos stays missing (the checks asked for every one that must be there)."""
    if period.has_prognos:
        return
    missing = frame["prognos"].isna() & (True if rows is None else rows)
    frame.loc[missing, "prognos"] = frame.loc[missing, "utfall"]


def _split_total(frame: pd.DataFrame, label_column: str, path: Path):
    """Separate the export's own 'Summa …' row from the data rows; without one, the total is
    the rows' sum (an empty Series: reconcile computes it)."""
    is_total = frame[label_column].map(_is_total)
    if is_total.sum() > 1:
        rows = ", ".join(str(r) for r in frame.loc[is_total, "_rad"])
        raise DataError(path, f"{is_total.sum()} summarader (rad {rows})", column=label_column,
                        expected="en rad vars namn börjar med 'Summa', sist (eller ingen: "
                        "då räknas summan ut)")
    total = frame[is_total].iloc[0] if is_total.any() else pd.Series({"_rad": None}, dtype=object)
    return frame[~is_total].copy(), total


def _total_row(total: pd.Series) -> int | None:
    return None if pd.isna(total.get("_rad")) else int(total["_rad"])


def load_resultat(tables: Tables, period: Period, log: CheckLog) -> pd.DataFrame:
    # A net prognos per verksamhet gives the result's, not its intäkter's and kostnader's.
    only = "Resultat" if tables.net_prognos else None
    path, records = tables.records("resultat", ResultatRow, log, _resultat_needs(period, only))
    frame = _frame(records, AMOUNTS + ["avvikelse"])
    fill_prognos(frame, period)
    posts = list(frame["post"])
    if posts != RESULT_POSTS:
        raise DataError(path, f"posterna är {', '.join(posts)}", column="post",
                        expected=", ".join(RESULT_POSTS))
    frame = frame.set_index("post")
    for column in AMOUNTS:
        computed = frame.at["Intäkter", column] + frame.at["Kostnader", column]
        stated = frame.at["Resultat", column]
        if pd.isna(stated):
            frame.at["Resultat", column] = computed  # Intäkter + Kostnader, as it must be
        elif pd.notna(computed) and abs(computed - stated) > 1:
            log.error(path, f"Resultat {tkr(stated)} är inte Intäkter + Kostnader "
                      f"({tkr(computed)})", column=column, row=int(frame.at["Resultat", "_rad"]),
                      expected="Intäkter + Kostnader, eller tom: då räknas den ut")
    check_deviation(frame.reset_index(), file=path, log=log, label="resultaträkningen")
    frame["avvikelse"] = frame["prognos"] - frame["budget"]
    return frame


def load_drift(tables: Tables, period: Period, log: CheckLog
               ) -> tuple[pd.DataFrame, Reconciliation]:
    path, records = tables.records("driftredovisning", DriftRow, log, _drift_needs(period))
    frame = _frame(records, AMOUNTS + ["avvikelse"])
    fill_prognos(frame, period)
    rows, total = _split_total(frame, "verksamhet", path)
    for _, r in rows.iterrows():
        if not r["kod"].isdigit():
            raise DataError(path, f"verksamhetskoden '{r['kod']}' är inte ett heltal",
                            row=int(r["_rad"]), column="kod", expected="en kod som 10 eller 92")
    check_unique(rows, "kod", path)
    log.ok("varje verksamhetskod förekommer en gång")
    check_deviation(rows, file=path, log=log, label="driftredovisningen")
    rows["kod"] = rows["kod"].astype(int)
    rows["avvikelse"] = rows["prognos"] - rows["budget"]
    check = reconcile(rows, total, AMOUNTS + ["avvikelse"], file=path, row=_total_row(total),
                      label="Driftredovisningens summarad", log=log,
                      rounding_expected=tables.ledger is not None)
    return rows.reset_index(drop=True), check


def load_verksamhetsanalys(tables: Tables, drift: pd.DataFrame, texts: EkonomiFil,
                           log: CheckLog) -> tuple[pd.DataFrame, dict[int, int]]:
    """The analysed verksamheter's split, and the placeholders (code -> row): carried-over rows
    with no amount, which the period's deviations make needed or removable."""
    path, records = tables.records("verksamhetsanalys", AnalysRow, log,
                                   _analysis_needs(tables), may_be_empty=True)
    frame = _frame(records, SPLIT + ["nettoavvikelse"], AnalysRow)
    empty = frame[SPLIT + ["nettoavvikelse"]].isna().all(axis=1)
    placeholders = dict(zip(frame.loc[empty, "kod"], frame.loc[empty, "_rad"]))
    frame = frame[~empty].copy()
    names = dict(zip(drift["kod"], drift["verksamhet"]))
    deviations = dict(zip(drift["kod"], drift["avvikelse"]))
    check_unique(frame, "kod", path)
    with log.check("verksamhetsanalysens intäkter och kostnader stämmer med driftredovisningen"):
        for i, r in frame.iterrows():
            if r["kod"] not in names:
                raise DataError(path, f"verksamhetskoden {r['kod']} finns inte i "
                                "driftredovisningen", row=int(r["_rad"]), column="kod")
            net = ((r["intakt_prognos"] + r["kostnad_prognos"])
                   - (r["intakt_budget"] + r["kostnad_budget"]))
            if pd.isna(net):  # the separate prognos file: no split to add up
                net = deviations[r["kod"]] if pd.isna(r["nettoavvikelse"]) else r["nettoavvikelse"]
            if pd.isna(r["nettoavvikelse"]):
                frame.at[i, "nettoavvikelse"] = net  # computed when absent
            for label, value in (("nettoavvikelse", frame.at[i, "nettoavvikelse"]),
                                 ("driftredovisningens avvikelse", deviations[r["kod"]])):
                if abs(net - value) > 2:
                    log.error(path, f"intäkter och kostnader ger nettoavvikelsen {tkr(net)}, "
                              f"men {label} är {tkr(value)}", row=int(r["_rad"]),
                              column="nettoavvikelse")
    frame["verksamhet"] = frame["kod"].map(names)
    frame["analys"] = frame["kod"].map(texts.analyser_drift)
    return frame.reset_index(drop=True), placeholders


def load_investeringar(tables: Tables, period: Period, log: CheckLog
                       ) -> tuple[pd.DataFrame, pd.DataFrame, Reconciliation]:
    path, records = tables.records("investeringar", InvesteringRow, log, project_columns(period))
    frame = _frame(records, AMOUNTS + ["avvikelse"])
    fill_prognos(frame, period, rows=frame["ingar_i"] == "")  # items hold utfall only
    rows, total = _split_total(frame, "projekt", path)
    items = rows[rows["ingar_i"] != ""].copy()
    projects = rows[rows["ingar_i"] == ""].copy()
    for parent, group in items.groupby("ingar_i"):
        match = projects[projects["projekt"] == parent]
        if match.empty:
            raise DataError(path, f"projektet '{parent}' finns inte", column="ingar_i",
                            row=int(group["_rad"].iloc[0]), expected="namnet på ett projekt i filen")
        project = match.iloc[0]
        checked = reconcile(group, project, ["utfall"], file=path, row=int(project["_rad"]),
                            label=f"Utfallet för '{parent}' mot dess objekt", log=log,
                            rounding_expected=tables.ledger is not None)
        projects.loc[match.index[0], "utfall"] = checked.stated["utfall"]  # computed if empty
    fill_prognos(projects, period)
    check_deviation(projects, file=path, log=log, label="investeringarna")
    projects["avvikelse"] = projects["prognos"] - projects["budget"]
    check = reconcile(projects, total, AMOUNTS + ["avvikelse"], file=path,
                      row=_total_row(total), label="Investeringarnas summarad", log=log,
                      rounding_expected=tables.ledger is not None)
    return projects.reset_index(drop=True), items.reset_index(drop=True), check


def _from_ledger(tables_log: CheckLog, log: CheckLog, ledger: str) -> None:
    """Findings on the tables computed from the ledger, named by the file the user has."""
    log.passed += tables_log.passed
    for f in tables_log.findings:
        if f.file not in {f"{t}.csv" for t in TABLES}:
            log.findings.append(f)
            continue
        place = f"{f.file.removesuffix('.csv')} (beräknad ur {ledger})" + (
            f", rad {f.row}" if f.row is not None else "")
        (log.error if f.level == "fel" else log.warn)(
            ledger, f"{f.problem} [{place}]", column=f.column, expected=f.expected, kind=f.kind,
            label=f.label)


def load(folder: Path, period: Period, limit: float, log: CheckLog) -> Ekonomi:
    """The nämnd's ekonomi: its tables (hand-made, or computed from the municipality's
    ledger: huvudbok/source.py) and its texts (ekonomi.yaml, and the workbook's analyses and
    prognosposter when it has them: sources/workbook.py)."""
    # Each file is checked even when another has errors, so all are reported at once.
    path = folder / "ekonomi.yaml"
    texts = attempt(log, lambda: read_yaml(path, EkonomiFil, log, lambda raw, text: (
        workbook.texts(folder, raw, text, path, log))))
    if texts:
        analyses.quoted_items(texts, folder, log)
    tables = attempt(log, lambda: source.tables(folder, period, limit, log))
    if tables is None:
        analyses.pending(log, folder, "analyser_drift", LEDGER_FIRST)
        analyses.pending(log, folder, "analyser_investeringar", LEDGER_FIRST)
        raise FileRejected(folder)
    ledger = tables.ledger
    own = CheckLog() if ledger else log
    try:
        return _load_tables(folder, tables, period, own, limit=limit, texts=texts)
    except DataError as exc:
        if not ledger:
            raise
        own.add(exc)
        raise FileRejected(folder) from None
    finally:
        if ledger:
            _from_ledger(own, log, ledger)


def _load_tables(folder: Path, tables: Tables, period: Period, log: CheckLog, *, limit: float,
                 texts: EkonomiFil | None) -> Ekonomi:
    """The tables, and the analyses their deviations ask for: those of the operating statement
    as soon as it is in, those of the investments as soon as they are."""
    parts = {name: attempt(log, lambda: loader(tables, period, log)) for name, loader in (
        ("resultat", load_resultat), ("drift", load_drift),
        ("investeringar", load_investeringar))}
    split, missing = None, 0
    if parts["drift"] is None:
        analyses.pending(log, folder, "analyser_drift", "fyll i driftredovisning.csv")
    elif texts is not None:
        split = attempt(log, lambda: load_verksamhetsanalys(tables, parts["drift"][0], texts, log))
        if split is not None:
            missing += analyses.operating(parts["drift"][0], split[0], texts, log,
                                          placeholders=split[1], folder=folder, tables=tables,
                                          limit=limit)
    if split is None:  # its own missing values are still listed now, so the list is complete
        attempt(log, lambda: tables.records("verksamhetsanalys", AnalysRow, log,
                                            _analysis_needs(tables), may_be_empty=True))
    if parts["investeringar"] is None:
        analyses.pending(log, folder, "analyser_investeringar",
                         "fyll i investeringar.csv")
    elif texts is not None:
        missing += analyses.investments(parts["investeringar"][0], texts, folder, limit, log)
    if split is None or any(part is None for part in parts.values()):
        raise FileRejected(folder)
    if not missing:
        log.ok(f"varje avvikelse över {tkr(limit)} tkr har en analys")
    resultat, (drift, drift_total) = parts["resultat"], parts["drift"]
    projects, items, inv_total = parts["investeringar"]
    with log.check("driftredovisningens summa stämmer med resultatsammanställningen"):
        for column in AMOUNTS:
            if abs(drift_total.stated[column] - resultat.at["Resultat", column]) > 1:
                log.error(tables.path("driftredovisning"),
                          f"summaraden {tkr(drift_total.stated[column])} skiljer sig från "
                          f"Resultat i resultat.csv ({tkr(resultat.at['Resultat', column])})",
                          column=column, row=drift_total.row, expected="samma belopp")
    return Ekonomi(resultat, drift, drift_total, split[0], projects, items, inv_total, texts,
                   tables.net_prognos)


# Tables as the book shows them: Swedish headings, amounts in tkr, Summa row last. December's
# årsredovisning has no prognos column: its utfall is the whole year.

def _amounts(period: Period, utfall, prognos, budget, avvikelse, *, short: bool = False) -> dict:
    columns = {period.utfall_heading: utfall}
    if period.has_prognos:
        columns["Prognos" if short else period.prognos_heading] = prognos
    columns["Budget" if short else period.budget_heading] = budget
    columns["Avvikelse"] = avvikelse
    return columns


def _with_total(frame: pd.DataFrame, labels: list, total: pd.Series, period: Period):
    amounts = [total["utfall"]] + ([total["prognos"]] if period.has_prognos else [])
    frame.loc[len(frame)] = labels + amounts + [total["budget"], total["avvikelse"]]
    return frame


def resultat_table(e: Ekonomi, period: Period) -> pd.DataFrame:
    r = e.resultat
    frame = pd.DataFrame({"(tkr)": r.index, **_amounts(
        period, r["utfall"].values, r["prognos"].values, r["budget"].values,
        r["avvikelse"].values)})
    return frame.rename(columns={"Avvikelse": "Budgetavvikelse"})


def drift_table(e: Ekonomi, period: Period, namnd: str) -> pd.DataFrame:
    """23 rows and the stated Summa row (rows are rounded, so the stated total is shown)."""
    d = e.drift
    frame = pd.DataFrame({"Kod": d["kod"].astype(str), "Verksamhet": d["verksamhet"],
                          **_amounts(period, d["utfall"], d["prognos"], d["budget"],
                                     d["avvikelse"], short=True)})
    return _with_total(frame, ["", f"Summa {namnd}"], e.drift_total.stated, period)


def analys_table(e: Ekonomi, period: Period) -> pd.DataFrame:
    """The split of each analysed verksamhet; a net prognos (e.prognos_niva) has no split,
    so then only the budget's is shown."""
    a = e.verksamhetsanalys
    basis = "prognos" if period.has_prognos else "utfall"
    frame = pd.DataFrame({
        "Kod": a["kod"].astype(str), "Verksamhet": a["verksamhet"],
        f"Intäkt, {basis}": a["intakt_prognos"], "Intäkt, budget": a["intakt_budget"],
        f"Kostnad, {basis}": a["kostnad_prognos"], "Kostnad, budget": a["kostnad_budget"],
        "Nettoavvikelse": a["nettoavvikelse"],
    })
    if e.prognos_niva:
        return frame.drop(columns=[f"Intäkt, {basis}", f"Kostnad, {basis}"])
    return frame


def analys_items(e: Ekonomi) -> list[tuple[str, str]]:
    a = e.verksamhetsanalys
    return [(f"{k} {v}", t) for k, v, t in zip(a["kod"], a["verksamhet"], a["analys"])]


def investering_table(e: Ekonomi, period: Period) -> pd.DataFrame:
    p = e.investeringar
    frame = pd.DataFrame({"Projekt": p["projekt"], **_amounts(
        period, p["utfall"], p["prognos"], p["budget"], p["avvikelse"])})
    return _with_total(frame, ["Summa"], e.investering_total.stated, period)


def reinvestering_table(e: Ekonomi, period) -> pd.DataFrame:
    items = e.reinvesteringar
    frame = pd.DataFrame({"Objekt": items["projekt"], "Ingår i": items["ingar_i"],
                          period.utfall_heading: items["utfall"]})
    frame.loc[len(frame)] = ["Summa", "", items["utfall"].sum()]
    if items["ingar_i"].nunique() == 1:  # one plan, which the heading names: not on every row
        return frame.drop(columns="Ingår i")
    return frame


def investering_items(e: Ekonomi) -> list[tuple[str, str]]:
    texts = e.texter.analyser_investeringar
    return [(name, texts[name]) for name in e.investeringar["projekt"] if texts.get(name)]
