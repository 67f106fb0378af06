"""The municipality's resultaträkning, balansräkning and kassaflödesanalys, from the ledger.

The lines, their order and their sums are the law's (LKBR 4 kap. 1 §, 5 kap. 1 §, 6 kap.);
which accounts make each line is the kontoplan's (sources/huvudbok/kontoplan.yaml). Amounts
are kronor, signed as the ledger's rows are read (income +, costs −): a balance account is
then credit-positive, so assets are turned positive here. Nothing is rounded until shown.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

RR = [  # line id, label; "=" lines are the running sum of the lines above them
    ("verksamhetens_intakter", "Verksamhetens intäkter"),
    ("verksamhetens_kostnader", "Verksamhetens kostnader"),
    ("avskrivningar", "Avskrivningar"),
    ("=verksamhetens_nettokostnad", "Verksamhetens nettokostnad"),
    ("skatteintakter", "Skatteintäkter"),
    ("generella_statsbidrag", "Generella statsbidrag och utjämning"),
    ("=verksamhetens_resultat", "Verksamhetens resultat"),
    ("finansiella_intakter", "Finansiella intäkter"),
    ("finansiella_kostnader", "Finansiella kostnader"),
    ("=resultat_efter_finansiella_poster", "Resultat efter finansiella poster"),
    ("extraordinara_poster", "Extraordinära poster"),
    ("=arets_resultat", "Årets resultat"),
]
# The balansräkning: (heading, [(group, [(line id, label)])]); a group of one line of its own
# name is shown as that line.
ASSETS = ("Tillgångar", [
    ("Anläggningstillgångar", [
        ("immateriella_anlaggningstillgangar", "Immateriella anläggningstillgångar"),
        ("mark_byggnader_tekniska_anlaggningar", "Mark, byggnader och tekniska anläggningar"),
        ("maskiner_och_inventarier", "Maskiner och inventarier"),
        ("finansiella_anlaggningstillgangar", "Finansiella anläggningstillgångar")]),
    ("Bidrag till infrastruktur", [("bidrag_till_infrastruktur", "Bidrag till infrastruktur")]),
    ("Omsättningstillgångar", [
        ("forrad", "Förråd m.m."), ("fordringar", "Fordringar"),
        ("kortfristiga_placeringar", "Kortfristiga placeringar"),
        ("kassa_och_bank", "Kassa och bank")]),
])
CLAIMS = ("Eget kapital, avsättningar och skulder", [
    ("Eget kapital", [
        ("arets_resultat", "Årets resultat"),
        ("resultatutjamningsreserv", "Resultatutjämningsreserv"),
        ("ovrigt_eget_kapital", "Övrigt eget kapital")]),
    ("Avsättningar", [
        ("avsattningar_pensioner", "Avsättningar för pensioner och liknande förpliktelser"),
        ("andra_avsattningar", "Andra avsättningar")]),
    ("Skulder", [
        ("langfristiga_skulder", "Långfristiga skulder"),
        ("kortfristiga_skulder", "Kortfristiga skulder")]),
])
ASSET_LINES = {line for _, group in ASSETS[1] for line, _ in group}
RR_COLUMNS = ["utfall", "utfall_fg", "budget", "prognos"]


def _ids(group) -> list[str]:
    return [line for _, lines in group[1] for line, _ in lines]


@dataclass
class Statements:
    """Each line's amounts in kronor: rr[line][column] (utfall, utfall_fg, budget, prognos,
    NaN where the ledger has none); br[line] = (ib, ub), assets and claims positive."""
    rr: dict[str, dict[str, float]]
    br: dict[str, tuple[float, float]]
    eget_kapital_rorelser: float  # movements on equity accounts in the period (not the result)

    def result(self, column: str = "utfall") -> float:
        return self.rr["=arets_resultat"][column]

    def total(self, group: tuple) -> tuple[float, float]:
        ib = sum(self.br[line][0] for line in _ids(group))
        ub = sum(self.br[line][1] for line in _ids(group))
        return ib, ub

    def part(self, heading: str) -> tuple[float, float]:
        """A group's (Anläggningstillgångar, Eget kapital, …) total."""
        group = next(g for g in ASSETS[1] + CLAIMS[1] if g[0] == heading)
        return (sum(self.br[line][0] for line, _ in group[1]),
                sum(self.br[line][1] for line, _ in group[1]))


def resultatrakning(rows: pd.DataFrame) -> dict[str, dict[str, float]]:
    """rows: the ledger's result rows with their line (`linje`)."""
    sums = rows.groupby("linje")[RR_COLUMNS].sum(min_count=1)
    out, running = {}, {c: 0.0 for c in RR_COLUMNS}
    for line, _ in RR:
        if line.startswith("="):
            out[line] = dict(running)
            continue
        values = {c: (float(sums.at[line, c]) if line in sums.index else 0.0)
                  for c in RR_COLUMNS}
        out[line] = values
        running = {c: running[c] + values[c] for c in RR_COLUMNS}
    # A column no row has (the same period last year, a prognos) is NaN throughout.
    missing = [c for c in RR_COLUMNS if rows[c].isna().all()] if len(rows) else RR_COLUMNS
    for values in out.values():
        values.update({c: float("nan") for c in missing})
    return out


def balansrakning(rows: pd.DataFrame, result: float) -> tuple[dict, float]:
    """rows: the ledger's balance rows with their line; result: årets resultat (utfall),
    which the equity carries until the books are closed. Returns the lines and the
    movements on the equity accounts."""
    rows = rows.assign(ub=rows["ib"].fillna(0) + rows["utfall"])
    sums = rows.groupby("linje")[["ib", "ub"]].sum()
    out = {}
    for line in _ids(ASSETS) + _ids(CLAIMS):
        ib, ub = (float(sums.at[line, "ib"]), float(sums.at[line, "ub"])) \
            if line in sums.index else (0.0, 0.0)
        sign = -1 if line in ASSET_LINES else 1  # a debit balance is an asset
        out[line] = (sign * ib, sign * ub)
    equity = {"arets_resultat", "resultatutjamningsreserv", "ovrigt_eget_kapital"}
    moved = float(rows.loc[rows["linje"].isin(equity), "utfall"].sum())
    ib, ub = out["arets_resultat"]
    out["arets_resultat"] = (ib, ub + result)
    return out, moved


def show_last_result(s: Statements, last: float | None) -> None:
    """The last year-end's column as it was published: its årets resultat, which the opening
    balances carry inside the other equity once the books are closed (the total is the
    same)."""
    ib, ub = s.br["arets_resultat"]
    if last is None or ib != 0:
        return
    s.br["arets_resultat"] = (last, ub)
    other_ib, other_ub = s.br["ovrigt_eget_kapital"]
    s.br["ovrigt_eget_kapital"] = (other_ib - last, other_ub)


def statements(result_rows: pd.DataFrame, balance_rows: pd.DataFrame) -> Statements:
    rr = resultatrakning(result_rows)
    br, moved = balansrakning(balance_rows, rr["=arets_resultat"]["utfall"])
    return Statements(rr, br, moved)


def balance_difference(s: Statements) -> tuple[float, float]:
    """Tillgångar minus eget kapital, avsättningar och skulder, at the start and at the end:
    zero in a ledger whose opening balances and whose every voucher balance."""
    assets, claims = s.total(ASSETS), s.total(CLAIMS)
    return assets[0] - claims[0], assets[1] - claims[1]


def kassaflode(s: Statements, realisationsvinster: float) -> list[tuple[str, float]]:
    """The kassaflödesanalys (indirect method) from the result and the balansräkning's
    changes; ends in the change of likvida medel (kassa och bank)."""
    def change(line: str) -> float:
        ib, ub = s.br[line]
        return ub - ib

    result = s.result()
    depreciation = -s.rr["avskrivningar"]["utfall"]
    provisions = change("avsattningar_pensioner") + change("andra_avsattningar")
    before = result + depreciation + provisions - realisationsvinster
    working = [("Ökning (−)/minskning (+) av förråd", -change("forrad")),
               ("Ökning (−)/minskning (+) av fordringar", -change("fordringar")),
               ("Ökning (−)/minskning (+) av kortfristiga placeringar",
                -change("kortfristiga_placeringar")),
               ("Ökning (+)/minskning (−) av kortfristiga skulder", change("kortfristiga_skulder"))]
    running = before + sum(v for _, v in working)
    tangible = (change("immateriella_anlaggningstillgangar")
                + change("mark_byggnader_tekniska_anlaggningar")
                + change("maskiner_och_inventarier"))
    investing = [("Investering i immateriella och materiella anläggningstillgångar, netto",
                  -(tangible + depreciation) + realisationsvinster),
                 ("Investering i finansiella anläggningstillgångar, netto",
                  -change("finansiella_anlaggningstillgangar")),
                 ("Bidrag till infrastruktur", -change("bidrag_till_infrastruktur"))]
    financing = [("Ökning (+)/minskning (−) av långfristiga skulder", change("langfristiga_skulder")),
                 ("Förändring av eget kapital utöver årets resultat", s.eget_kapital_rorelser)]
    invested = sum(v for _, v in investing)
    financed = sum(v for _, v in financing)
    cash_ib, cash_ub = s.br["kassa_och_bank"]
    return ([("#Den löpande verksamheten", 0.0), ("Årets resultat", result),
             ("Justering för av- och nedskrivningar", depreciation),
             ("Justering för förändring av avsättningar", provisions),
             ("Justering för realisationsvinster", -realisationsvinster),
             ("=Medel från verksamheten före förändring av rörelsekapital", before)]
            + working + [("=Kassaflöde från den löpande verksamheten", running),
                         ("#Investeringsverksamheten", 0.0)]
            + investing + [("=Kassaflöde från investeringsverksamheten", invested),
                           ("#Finansieringsverksamheten", 0.0)]
            + financing + [("=Kassaflöde från finansieringsverksamheten", financed),
                           ("=Årets kassaflöde", running + invested + financed),
                           ("Likvida medel vid årets början", cash_ib),
                           ("=Likvida medel vid periodens slut", cash_ub)])
