"""Ekonomi: result summary, operating statement (driftredovisning) and investments."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import DataError
from .loading import read_csv, read_yaml
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
    texter: dict                    # ekonomi.yaml


def _split_total(frame: pd.DataFrame, label_column: str, path: Path):
    """Separate the export's own 'Summa …' row from the data rows."""
    is_total = frame[label_column].str.startswith("Summa")
    if is_total.sum() != 1:
        raise DataError(path, f"{is_total.sum()} summarader hittades", column=label_column,
                        expected="exakt en rad vars namn börjar med 'Summa'")
    return frame[~is_total].copy(), frame[is_total].iloc[0]


def load_resultat(folder: Path) -> pd.DataFrame:
    path = folder / "resultat.csv"
    frame = read_csv(path, ["post"], AMOUNTS + ["avvikelse"])
    posts = list(frame["post"])
    if posts != RESULT_POSTS:
        raise DataError(path, f"posterna är {', '.join(posts)}", column="post",
                        expected=", ".join(RESULT_POSTS))
    check_deviation(frame, file=path)
    frame = frame.set_index("post")
    for column in AMOUNTS:
        computed = frame.at["Intäkter", column] + frame.at["Kostnader", column]
        if abs(computed - frame.at["Resultat", column]) > 1:
            raise DataError(path, "Resultat är inte Intäkter + Kostnader", column=column,
                            row=int(frame.at["Resultat", "_rad"]))
    frame["avvikelse"] = frame["prognos"] - frame["budget"]
    return frame


def load_drift(folder: Path) -> tuple[pd.DataFrame, Reconciliation]:
    path = folder / "driftredovisning.csv"
    frame = read_csv(path, ["kod", "verksamhet"], AMOUNTS + ["avvikelse"])
    rows, total = _split_total(frame, "verksamhet", path)
    for _, r in rows.iterrows():
        if not r["kod"].isdigit():
            raise DataError(path, f"verksamhetskoden '{r['kod']}' är inte ett heltal",
                            row=int(r["_rad"]), column="kod", expected="en kod som 10 eller 92")
    duplicated = rows[rows["kod"].duplicated()]
    if len(duplicated):
        r = duplicated.iloc[0]
        raise DataError(path, f"verksamhetskoden {r['kod']} förekommer flera gånger",
                        row=int(r["_rad"]), column="kod", expected="varje kod en gång")
    check_deviation(rows, file=path)
    rows["kod"] = rows["kod"].astype(int)
    rows["avvikelse"] = rows["prognos"] - rows["budget"]
    check = reconcile(rows, total, AMOUNTS + ["avvikelse"], file=path, row=int(total["_rad"]),
                      label="Summaraden")
    return rows.reset_index(drop=True), check


def load_verksamhetsanalys(folder: Path, drift: pd.DataFrame, texts: dict) -> pd.DataFrame:
    path = folder / "verksamhetsanalys.csv"
    columns = ["intakt_prognos", "intakt_budget", "kostnad_prognos", "kostnad_budget",
               "nettoavvikelse"]
    frame = read_csv(path, ["kod"], columns)
    frame["kod"] = frame["kod"].astype(int)
    analyses = {int(k): str(v) for k, v in (texts.get("analyser_drift") or {}).items()}
    names = dict(zip(drift["kod"], drift["verksamhet"]))
    for _, r in frame.iterrows():
        if r["kod"] not in names:
            raise DataError(path, f"verksamhetskoden {r['kod']} finns inte i driftredovisningen",
                            row=int(r["_rad"]), column="kod")
        if r["kod"] not in analyses:
            raise DataError(folder / "ekonomi.yaml", f"analystext saknas för verksamhet {r['kod']}",
                            column="analyser_drift")
    frame["verksamhet"] = frame["kod"].map(names)
    frame["analys"] = frame["kod"].map(analyses)
    return frame


def load_investeringar(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, Reconciliation]:
    path = folder / "investeringar.csv"
    frame = read_csv(path, ["projekt", "ingar_i"], AMOUNTS + ["avvikelse"],
                     optional_numbers=("prognos", "budget", "avvikelse"))
    rows, total = _split_total(frame, "projekt", path)
    items = rows[rows["ingar_i"] != ""].copy()
    projects = rows[rows["ingar_i"] == ""].copy()
    for _, r in projects.iterrows():
        for column in ("prognos", "budget"):
            if pd.isna(r[column]):
                raise DataError(path, "värdet saknas", row=int(r["_rad"]), column=column)
    for parent, group in items.groupby("ingar_i"):
        match = projects[projects["projekt"] == parent]
        if match.empty:
            raise DataError(path, f"projektet '{parent}' finns inte", column="ingar_i",
                            row=int(group["_rad"].iloc[0]))
        stated = match.iloc[0]
        reconcile(group, stated, ["utfall"], file=path, row=int(stated["_rad"]),
                  label=f"Utfallet för '{parent}'")
    check_deviation(projects, file=path)
    projects["avvikelse"] = projects["prognos"] - projects["budget"]
    check = reconcile(projects, total, AMOUNTS + ["avvikelse"], file=path,
                      row=int(total["_rad"]), label="Summaraden")
    return projects.reset_index(drop=True), items.reset_index(drop=True), check


def load(folder: Path) -> Ekonomi:
    texts = read_yaml(folder / "ekonomi.yaml")
    resultat = load_resultat(folder)
    drift, drift_total = load_drift(folder)
    for column in AMOUNTS:
        stated = drift_total.stated[column]
        if abs(stated - resultat.at["Resultat", column]) > 1:
            raise DataError(folder / "driftredovisning.csv",
                            "driftredovisningens summa skiljer sig från resultatets",
                            column=column, expected="samma Resultat som i resultat.csv")
    analys = load_verksamhetsanalys(folder, drift, texts)
    projects, items, inv_total = load_investeringar(folder)
    known = set(projects["projekt"])
    for name in texts.get("analyser_investeringar") or {}:
        if name not in known:
            raise DataError(folder / "ekonomi.yaml", f"projektet '{name}' finns inte i "
                            "investeringar.csv", column="analyser_investeringar")
    return Ekonomi(resultat, drift, drift_total, analys, projects, items, inv_total, texts)


# Tables as the book shows them: Swedish headings, amounts in tkr, Summa row last.

def resultat_table(e: Ekonomi, period) -> pd.DataFrame:
    r = e.resultat
    return pd.DataFrame({
        "(tkr)": r.index,
        period.utfall_heading: r["utfall"].values,
        period.prognos_heading: r["prognos"].values,
        period.budget_heading: r["budget"].values,
        "Budgetavvikelse": r["avvikelse"].values,
    })


def drift_table(e: Ekonomi, period, namnd: str) -> pd.DataFrame:
    """23 rows and the stated Summa row (rows are rounded, so the stated total is shown)."""
    d = e.drift
    frame = pd.DataFrame({
        "Kod": d["kod"].astype(str), "Verksamhet": d["verksamhet"],
        period.utfall_heading: d["utfall"], "Prognos": d["prognos"], "Budget": d["budget"],
        "Avvikelse": d["avvikelse"],
    })
    total = e.drift_total.stated
    frame.loc[len(frame)] = ["", f"Summa {namnd}", total["utfall"], total["prognos"],
                             total["budget"], total["avvikelse"]]
    return frame


def analys_table(e: Ekonomi) -> pd.DataFrame:
    a = e.verksamhetsanalys
    return pd.DataFrame({
        "Kod": a["kod"].astype(str), "Verksamhet": a["verksamhet"],
        "Intäkt, prognos": a["intakt_prognos"], "Intäkt, budget": a["intakt_budget"],
        "Kostnad, prognos": a["kostnad_prognos"], "Kostnad, budget": a["kostnad_budget"],
        "Nettoavvikelse": a["nettoavvikelse"],
    })


def analys_items(e: Ekonomi) -> list[tuple[str, str]]:
    a = e.verksamhetsanalys
    return [(f"{k} {v}", t) for k, v, t in zip(a["kod"], a["verksamhet"], a["analys"])]


def investering_table(e: Ekonomi, period) -> pd.DataFrame:
    p = e.investeringar
    frame = pd.DataFrame({
        "Projekt": p["projekt"], period.utfall_heading: p["utfall"],
        period.prognos_heading: p["prognos"], period.budget_heading: p["budget"],
        "Avvikelse": p["avvikelse"],
    })
    total = e.investering_total.stated
    frame.loc[len(frame)] = ["Summa", total["utfall"], total["prognos"], total["budget"],
                             total["avvikelse"]]
    return frame


def reinvestering_table(e: Ekonomi, period) -> pd.DataFrame:
    items = e.reinvesteringar
    frame = pd.DataFrame({"Objekt": items["projekt"], "Ingår i": items["ingar_i"],
                          period.utfall_heading: items["utfall"]})
    frame.loc[len(frame)] = ["Summa", "", items["utfall"].sum()]
    return frame


def investering_items(e: Ekonomi) -> list[tuple[str, str]]:
    texts = e.texter.get("analyser_investeringar") or {}
    return [(name, texts[name]) for name in e.investeringar["projekt"] if name in texts]
