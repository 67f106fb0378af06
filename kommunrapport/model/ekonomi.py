"""Ekonomi: result summary, operating statement (driftredovisning) and investments."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.formatting import tkr
from ..common.periods import Period
from ..sources.huvudbok.source import prognos_level, tables_folder
from ..sources.loading import FileRejected, attempt, check_unique, read_export, read_yaml
from ..sources.schemas import AnalysRow, DriftRow, EkonomiFil, InvesteringRow, ResultatRow
from .reconcile import Reconciliation, check_deviation, reconcile

AMOUNTS = ["utfall", "prognos", "budget"]
RESULT_POSTS = ["Intäkter", "Kostnader", "varav personalkostnader", "varav kapitalkostnader",
                "Resultat"]


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


def _frame(records) -> pd.DataFrame:
    return pd.DataFrame([{**model.model_dump(), "_rad": row} for row, model in records])


def needs_prognos(period: Period, only_post: str | None = None):
    """Before December every row needs a prognos (read_export lists each one missing), or
    only the row of the post `only_post`; in December the year's utfall is the outcome, so an
    export without prognos is complete."""
    if not period.has_prognos:
        return None
    return lambda row: ["prognos"] if only_post in (None, row.get("post")) else []


def project_columns(period: Period):
    """A project needs its budget (and before December its prognos); an item of a project
    holds utfall only."""
    columns = ["prognos", "budget"] if period.has_prognos else ["budget"]
    return lambda row: [] if row.get("ingar_i") else columns


def fill_prognos(frame: pd.DataFrame, period: Period, rows=None) -> None:
    """December: the year's utfall stands where a prognos would (of `rows`). Before it, a
    missing prognos stays missing (the checks asked for every one that must be there)."""
    if period.has_prognos:
        frame["prognos"] = frame["prognos"].astype(float)
        return
    missing = frame["prognos"].isna() & (True if rows is None else rows)
    frame.loc[missing, "prognos"] = frame.loc[missing, "utfall"]
    frame["prognos"] = frame["prognos"].astype(float)  # an absent column was read as None


def _split_total(frame: pd.DataFrame, label_column: str, path: Path):
    """Separate the export's own 'Summa …' row from the data rows."""
    is_total = frame[label_column].str.startswith("Summa")
    if is_total.sum() != 1:
        raise DataError(path, f"{is_total.sum()} summarader hittades", column=label_column,
                        expected="exakt en rad vars namn börjar med 'Summa', sist")
    return frame[~is_total].copy(), frame[is_total].iloc[0]


def load_resultat(folder: Path, period: Period, log: CheckLog) -> pd.DataFrame:
    # A net prognos per verksamhet gives the result's, not its intäkter's and kostnader's.
    only = "Resultat" if prognos_level(folder) else None
    path, records = read_export(folder, "resultat", ResultatRow, log, needs_prognos(period, only))
    frame = _frame(records)
    fill_prognos(frame, period)
    posts = list(frame["post"])
    if posts != RESULT_POSTS:
        raise DataError(path, f"posterna är {', '.join(posts)}", column="post",
                        expected=", ".join(RESULT_POSTS))
    check_deviation(frame, file=path, log=log, label="resultaträkningen")
    frame = frame.set_index("post")
    for column in AMOUNTS:
        computed = frame.at["Intäkter", column] + frame.at["Kostnader", column]
        if pd.notna(computed) and abs(computed - frame.at["Resultat", column]) > 1:
            log.error(path, f"Resultat {tkr(frame.at['Resultat', column])} är inte Intäkter + "
                      f"Kostnader ({tkr(computed)})", column=column,
                      row=int(frame.at["Resultat", "_rad"]))
    frame["avvikelse"] = frame["prognos"] - frame["budget"]
    return frame


def load_drift(folder: Path, period: Period, log: CheckLog
               ) -> tuple[pd.DataFrame, Reconciliation]:
    path, records = read_export(folder, "driftredovisning", DriftRow, log, needs_prognos(period))
    frame = _frame(records)
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
    check = reconcile(rows, total, AMOUNTS + ["avvikelse"], file=path, row=int(total["_rad"]),
                      label="Driftredovisningens summarad", log=log)
    return rows.reset_index(drop=True), check


def load_verksamhetsanalys(folder: Path, drift: pd.DataFrame, texts: EkonomiFil,
                           log: CheckLog) -> pd.DataFrame:
    path, records = read_export(folder, "verksamhetsanalys", AnalysRow, log,
                                _analysis_columns(folder))
    frame = _frame(records)
    split = ["intakt_prognos", "kostnad_prognos"]
    frame[split] = frame[split].astype(float) if len(frame) else frame[split]
    names = dict(zip(drift["kod"], drift["verksamhet"]))
    deviations = dict(zip(drift["kod"], drift["avvikelse"]))
    with log.check("verksamhetsanalysens intäkter och kostnader stämmer med driftredovisningen"):
        for _, r in frame.iterrows():
            if r["kod"] not in names:
                raise DataError(path, f"verksamhetskoden {r['kod']} finns inte i "
                                "driftredovisningen", row=int(r["_rad"]), column="kod")
            net = ((r["intakt_prognos"] + r["kostnad_prognos"])
                   - (r["intakt_budget"] + r["kostnad_budget"]))
            if pd.isna(net):  # the separate prognos file: no split to add up
                net = r["nettoavvikelse"]
            for label, value in (("nettoavvikelse", r["nettoavvikelse"]),
                                 ("driftredovisningens avvikelse", deviations[r["kod"]])):
                if abs(net - value) > 2:
                    log.error(path, f"intäkter och kostnader ger nettoavvikelsen {tkr(net)}, "
                              f"men {label} är {tkr(value)}", row=int(r["_rad"]),
                              column="nettoavvikelse")
    frame["verksamhet"] = frame["kod"].map(names)
    frame["analys"] = frame["kod"].map(texts.analyser_drift)
    return frame


def _analysis_columns(tables: Path):
    """Every split needs its prognos (December: its utfall), unless the prognos is net."""
    return None if prognos_level(tables) else (lambda row: ["intakt_prognos", "kostnad_prognos"])


def load_investeringar(folder: Path, period: Period, log: CheckLog
                       ) -> tuple[pd.DataFrame, pd.DataFrame, Reconciliation]:
    path, records = read_export(folder, "investeringar", InvesteringRow, log,
                                project_columns(period))
    frame = _frame(records)
    fill_prognos(frame, period, rows=frame["ingar_i"] == "")  # items hold utfall only
    rows, total = _split_total(frame, "projekt", path)
    items = rows[rows["ingar_i"] != ""].copy()
    projects = rows[rows["ingar_i"] == ""].copy()
    for parent, group in items.groupby("ingar_i"):
        match = projects[projects["projekt"] == parent]
        if match.empty:
            raise DataError(path, f"projektet '{parent}' finns inte", column="ingar_i",
                            row=int(group["_rad"].iloc[0]), expected="namnet på ett projekt i filen")
        reconcile(group, match.iloc[0], ["utfall"], file=path, row=int(match.iloc[0]["_rad"]),
                  label=f"Utfallet för '{parent}' mot dess objekt", log=log)
    check_deviation(projects, file=path, log=log, label="investeringarna")
    projects["avvikelse"] = projects["prognos"] - projects["budget"]
    check = reconcile(projects, total, AMOUNTS + ["avvikelse"], file=path,
                      row=int(total["_rad"]), label="Investeringarnas summarad", log=log)
    return projects.reset_index(drop=True), items.reset_index(drop=True), check


def check_analyses(e: Ekonomi, folder: Path, limit: float, log: CheckLog,
                   tables: Path | None = None) -> None:
    """Each deviation larger than the limit should have an analysis (a warning if not)."""
    missing = 0
    analysed = set(e.verksamhetsanalys["kod"])
    for _, r in e.drift.iterrows():
        if abs(r["avvikelse"]) > limit and r["kod"] not in analysed:
            missing += 1
            log.warn((tables or folder) / "verksamhetsanalys.csv", f"verksamhet {r['kod']} {r['verksamhet']} "
                     f"avviker med {tkr(r['avvikelse'])} tkr men har ingen analys",
                     expected=f"en analys för avvikelser över {tkr(limit)} tkr")
    texts = e.texter.analyser_investeringar
    for _, r in e.investeringar.iterrows():
        if abs(r["avvikelse"]) > limit and r["projekt"] not in texts:
            missing += 1
            log.warn(folder / "ekonomi.yaml", f"projektet '{r['projekt']}' avviker med "
                     f"{tkr(r['avvikelse'])} tkr men har ingen analys",
                     column="analyser_investeringar",
                     expected=f"en analys för avvikelser över {tkr(limit)} tkr")
    for kod in analysed:
        if kod not in e.texter.analyser_drift:
            missing += 1
            log.error(folder / "ekonomi.yaml", f"analystext saknas för verksamhet {kod}",
                      column="analyser_drift", expected="en text per rad i verksamhetsanalys.csv")
    if not missing:
        log.ok(f"varje avvikelse över {tkr(limit)} tkr har en analys")


def load(folder: Path, period: Period, limit: float, log: CheckLog) -> Ekonomi:
    """The nämnd's ekonomi: its tables (hand-made, or computed from the municipality's
    ledger: huvudbok/source.py) and its texts (ekonomi.yaml)."""
    tables = tables_folder(folder, period, limit, log)
    # Each file is checked even when another has errors, so all are reported at once.
    parts = {"texter": attempt(log, lambda: read_yaml(folder / "ekonomi.yaml", EkonomiFil, log))}
    parts |= {name: attempt(log, lambda: loader(tables, period, log)) for name, loader in (
        ("resultat", load_resultat), ("drift", load_drift),
        ("investeringar", load_investeringar))}
    if any(part is None for part in parts.values()):
        # The analysis split is checked against the operating statement; its own missing
        # values are still listed now, so the list of what to fill in is complete.
        attempt(log, lambda: read_export(tables, "verksamhetsanalys", AnalysRow, log,
                                         _analysis_columns(tables)))
        raise FileRejected(folder)
    texts, resultat, (drift, drift_total) = parts["texter"], parts["resultat"], parts["drift"]
    projects, items, inv_total = parts["investeringar"]
    with log.check("driftredovisningens summa stämmer med resultatsammanställningen"):
        for column in AMOUNTS:
            if abs(drift_total.stated[column] - resultat.at["Resultat", column]) > 1:
                log.error(tables / "driftredovisning.csv",
                          f"summaraden {tkr(drift_total.stated[column])} skiljer sig från "
                          f"Resultat i resultat.csv ({tkr(resultat.at['Resultat', column])})",
                          column=column, row=drift_total.row, expected="samma belopp")
    analys = load_verksamhetsanalys(tables, drift, texts, log)
    for name in texts.analyser_investeringar:
        if name not in set(projects["projekt"]):
            log.error(folder / "ekonomi.yaml", f"projektet '{name}' finns inte i investeringar",
                      column="analyser_investeringar", expected="ett projektnamn ur investeringar")
    e = Ekonomi(resultat, drift, drift_total, analys, projects, items, inv_total, texts,
                prognos_level(tables))
    check_analyses(e, folder, limit, log, tables)
    return e


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
    return [(name, texts[name]) for name in e.investeringar["projekt"] if name in texts]
