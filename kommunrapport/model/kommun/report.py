"""The municipality's own report, loaded and checked: its statements from the ledger, the
nämnder's reports together, the balanskravsutredning and the financial goals.

Every nämnd's total is taken from its own report and checked against the ledger (not
assumed), and the whole is reconciled: the balansräkning balances, the equity changes by
the result, the nämnder and the finansförvaltning sum to the result, and the
kassaflödesanalys ends in the change of likvida medel.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from ...common.checks import CheckLog, ChecksFailed
from ...common.errors import BuildError
from ...common.paths import DATA, KOMMUN, NOTEBOOKS, slug
from ...common.periods import Period
from ...sources import confirm, kommunen, narrative
from ...sources.huvudbok import kontoplan, source
from ...sources.huvudbok.aggregate import ELIMINATED, OUTSIDE, Ledger, name_rows, to_tkr
from ...sources.huvudbok.organisation import in_ranges
from ...sources.kommunen import KommunRapportFil
from ...sources.loading import attempt
from .. import personal
from .. import report as namnd_report
from . import balanskrav, hushallning, notes, statements
from .figures import figures
from .statements import Statements

COLUMNS = ["utfall", "budget", "prognos"]


@dataclass
class Namnd:
    """A nämnd as the municipality's report shows it, from the nämnd's own report (tkr)."""
    id: str
    namn: str
    resultat: dict[str, float]      # utfall, budget, prognos, avvikelse of its result
    investeringar: dict[str, float]  # its investments' Summa row
    mal: dict[str, int]             # nämndmål per assessment id
    mal_antal: int


@dataclass
class KommunReport:
    period: Period
    folder: Path                    # data/<period>/kommunen: the report's texts
    meta: KommunRapportFil
    organisation: str
    ledger: Ledger
    statements: Statements
    namnder: list[Namnd]
    finansforvaltning: dict[str, float]  # kronor: the result outside the nämnder
    investeringar: dict[str, float]      # kronor: every nämnd's investments (positive)
    balanskrav: balanskrav.Balanskrav
    kassaflode: list[tuple[str, float]]  # the kassaflödesanalys: label, kronor
    noter: list[notes.Note]
    hushallning: list[hushallning.Bedomning]
    personal: pd.DataFrame | None
    checks: CheckLog
    avstamning: pd.DataFrame
    historik: list[tuple[int, dict[str, float | None]]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.period.kind} {self.period.months}"

    @property
    def name(self) -> str:
        return self.organisation

    @property
    def decided_by(self) -> str:
        return self.meta.beslutande.lower()

    @property
    def basis(self) -> str:
        """The column the year is judged on: the prognos before December."""
        return "prognos" if self.period.has_prognos else "utfall"

    @property
    def pdf_name(self) -> str:
        return f"{slug(self.period.kind)}-{self.period}-{slug(self.organisation)}.pdf"


def _lines(ledger: Ledger, log: CheckLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ledger's rows with their statement line (`linje`): result rows and balance rows. An account
    in neither statement, or a balance account without its opening balance, is an error
    naming its rows."""
    rows = ledger.rows[ledger.rows["namnd"] != ELIMINATED]
    konto = rows["konto"].astype(int)
    rr = kontoplan.lines(konto, ledger.plan.resultatrakning)
    br = kontoplan.lines(konto, ledger.plan.balansrakning)
    path, column = ledger.path, ledger.kommun.huvudbok.kolumner["konto"]
    name_rows(log, path, rows[(rr == "") & (br == "")], "konto", heading=column,
              problem="kontot {v} hör inte till någon rad i resultaträkningen eller "
              "balansräkningen", expected="en regel under resultatrakning eller "
              f"balansrakning i {ledger.plan_path.name}")
    name_rows(log, path, rows[(rr != "") & (br != "")], "konto", heading=column,
              problem="kontot {v} hör till både resultaträkningen och balansräkningen",
              expected=f"en enda regel för kontot i {ledger.plan_path.name}")
    balance = rows[br != ""].assign(linje=br[br != ""])
    if "ib" not in ledger.kommun.huvudbok.kolumner:
        log.error(path, "kolumnen med ingående balans saknas", column="ib",
                  expected="huvudbok.kolumner.ib i kommun.yaml: balanskontonas saldo vid "
                  "förra årsskiftet, som kommunens balansräkning utgår från")
    else:
        name_rows(log, path, balance[balance["ib"].isna()], "konto",
                  heading=ledger.kommun.huvudbok.kolumner["ib"],
                  problem="balanskontot {v} saknar ingående balans",
                  expected="kontots saldo vid förra årsskiftet (0 om det var noll)")
    return rows[rr != ""].assign(linje=rr[rr != ""]), balance


def _sum(rows: pd.DataFrame, accounts: list[str], column: str) -> float:
    return float(rows.loc[in_ranges(rows["konto"].astype(int), accounts), column].sum())


def _namnd(rep: namnd_report.Report, id_: str, namn: str) -> Namnd:
    e = rep.ekonomi
    resultat = {c: float(e.resultat.at["Resultat", c]) for c in COLUMNS + ["avvikelse"]}
    counts = rep.mal.goals["bedomning"].value_counts().to_dict()
    return Namnd(id_, namn, resultat, dict(e.investering_total.stated), counts,
                 len(rep.mal.goals))


def _check_balances(s: Statements, rows: pd.DataFrame, ledger: Ledger, log: CheckLog) -> None:
    start, end = statements.balance_difference(s)
    heading = ledger.kommun.huvudbok.kolumner
    with log.check("balansräkningen balanserar: tillgångarna är lika med eget kapital, "
                   "avsättningar och skulder, vid årets början och vid periodens slut"):
        if abs(start) >= 0.5:
            log.error(ledger.path, f"de ingående balanserna balanserar inte: tillgångarna är "
                      f"{_kr(start)} kr större än eget kapital, avsättningar och skulder",
                      column=heading.get("ib", "ib"), expected="lika stora summor (debet = kredit)")
        if abs(end - start) >= 0.5:
            # As the export's own column sums (debet positive, unless it signs as the report)
            exported = end - start if ledger.kommun.huvudbok.tecken == "debet_positiv" \
                else start - end
            log.error(ledger.path, f"periodens bokföring balanserar inte: utfallet summerar "
                      f"till {_kr(exported)} kr", column=heading["utfall"],
                      expected="0 kr: varje verifikation har lika mycket debet som kredit")
    with log.check("eget kapital har förändrats med årets resultat"):
        if abs(s.eget_kapital_rorelser) >= 0.5:
            log.warn(ledger.path, "eget kapital har förändrats med "
                     f"{_kr(s.eget_kapital_rorelser)} kr utöver årets resultat", column="konto",
                     expected="bara årets resultat, eller en förklaring i noterna")


def _check_parts(rep_namnder: list[Namnd], result_rows: pd.DataFrame, s: Statements,
                 ledger: Ledger, log: CheckLog, *, columns: list[str]) -> dict:
    """Each nämnd's total in its own report is the ledger's; the nämnder and the
    finansförvaltning are the resultaträkning's result. Returns the finansförvaltning."""
    outside = result_rows[result_rows["namnd"] == OUTSIDE]
    invest = ledger.rows[ledger.rows["post"] == "investering"]
    with log.check("varje nämnds resultat och investeringar i kommunens rapport är de som "
                   "nämndens egen rapport visar"):
        for n in rep_namnder:
            own = result_rows[result_rows["namnd"] == n.id]
            mine = invest[invest["namnd"] == n.id]
            for column in columns:
                for what, stated, kronor in (("resultat", n.resultat, own[column].sum()),
                                             ("investeringar", n.investeringar,
                                              mine[column].sum())):
                    ledger_tkr = float(to_tkr(kronor))
                    if pd.isna(stated.get(column, float("nan"))):
                        continue
                    if abs(stated[column] - ledger_tkr) > 0.5:
                        log.error(ledger.path, f"{n.namn}s {what} ({column}) är {stated[column]:.0f}"
                                  f" tkr i nämndens rapport men {ledger_tkr:.0f} tkr i huvudboken",
                                  column=column, expected="samma belopp: bygg om nämndens rapport")
    with log.check("nämndernas resultat och finansförvaltningen summerar till årets resultat"):
        for column in columns:
            parts = sum(float(result_rows.loc[result_rows["namnd"] == n.id, column].sum())
                        for n in rep_namnder) + float(outside[column].sum())
            if abs(parts - s.rr["=arets_resultat"][column]) >= 0.5:
                log.error(ledger.path, f"nämnderna och finansförvaltningen summerar till "
                          f"{_kr(parts)} kr, årets resultat ({column}) är "
                          f"{_kr(s.rr['=arets_resultat'][column])} kr", column=column,
                          expected="samma belopp: varje resultatrad hör till en nämnd eller "
                          "finansförvaltningen")
    return {c: float(outside[c].sum()) for c in columns}


def _kr(value: float) -> str:
    from ...common.formatting import tkr

    return tkr(value)


def check(period: str | Period, data_root: Path | str | None = None,
          notebooks: Path = NOTEBOOKS) -> tuple[KommunReport | None, CheckLog]:
    period = period if isinstance(period, Period) else Period.parse(period)
    root = Path(data_root) if data_root else DATA
    folder = root / str(period)
    log = CheckLog()
    if not (folder / KOMMUN).is_file() or not kommunen.has_report(folder):
        raise BuildError(f"Perioden {period} har ingen kommunrapport: den behöver "
                         f"{folder / KOMMUN} och {kommunen.folder(folder) / 'rapport.yaml'}.")
    meta = attempt(log, lambda: kommunen.load(folder, log))
    if meta and meta.period != str(period):
        log.error(kommunen.folder(folder) / "rapport.yaml", f"filen gäller perioden "
                  f"{meta.period}", column="period", expected=f"{period}, som mappen")
    ledger = attempt(log, lambda: source.ledger(folder, log))
    namnder = []
    for n in (ledger.kommun.namnder if ledger else []):
        rep, own = namnd_report.check(period, root, notebooks, n.id)
        if rep is None:  # its errors, named in its folder (its own check lists them too)
            log.findings += [replace(f, file=f"{n.id}/{f.file}") for f in own.errors]
        else:
            namnder.append(_namnd(rep, n.id, n.namn))
    staff = attempt(log, lambda: personal.load(kommunen.folder(folder), log)) \
        if any(kommunen.folder(folder).glob("personal.*")) else None
    attempt(log, lambda: confirm.check(kommunen.folder(folder), log))  # after new-period
    chapters = notebooks / kommunen.FOLDER
    if ledger is None or meta is None or log.errors:
        narrative.check(kommunen.folder(folder), None, log, chapters)  # every text to write
        return None, log
    rep = _assemble(period, folder, meta, ledger, log, namnder=namnder, staff=staff)
    if rep is None:
        narrative.check(kommunen.folder(folder), None, log, chapters)
        return None, log
    keys = set(figures(rep))
    narrative.check(rep.folder, keys, log, chapters)
    narrative.check_fields(keys, log, chapters)
    return (None if log.errors else rep), log


def _assemble(period: Period, folder: Path, meta: KommunRapportFil, ledger: Ledger,
              log: CheckLog, *, namnder: list[Namnd], staff) -> KommunReport | None:
    result_rows, balance_rows = _lines(ledger, log)
    if period.has_prognos and ledger.prognos is not None:
        log.error(ledger.path, "kommunens rapport behöver årets prognos per rad i huvudboken",
                  column="prognos", expected="huvudbokens prognoskolumn (huvudbok.kolumner."
                  "prognos); prognosfilen ger prognosen netto per nämnd och verksamhet")
    if log.errors:
        return None
    s = statements.statements(result_rows, balance_rows)
    statements.show_last_result(s, _last_year_result(period, folder.parent, s))
    _check_balances(s, result_rows, ledger, log)
    invest = ledger.rows[ledger.rows["post"] == "investering"]
    columns = ["utfall", "budget"] + (["prognos"] if period.has_prognos else [])
    outside = _check_parts(namnder, result_rows, s, ledger, log, columns=columns)
    plan = ledger.plan.balanskrav
    basis = "prognos" if period.has_prognos else "utfall"
    realised = _sum(result_rows, plan.realisationsvinster + plan.realisationsforluster, "utfall")
    cash = statements.kassaflode(s, realised)
    balanced = not log.errors  # else the flow cannot end where the bank does
    with log.check("kassaflödesanalysen slutar i förändringen av likvida medel"):
        flow = next(v for label, v in cash if label == "=Årets kassaflöde")
        ib, ub = s.br["kassa_och_bank"]
        if balanced and abs(flow - (ub - ib)) >= 0.5:
            log.error(ledger.path, f"kassaflödet är {_kr(flow)} kr men kassa och bank har ändrats "
                      f"med {_kr(ub - ib)} kr", expected="samma belopp")
    krav = balanskrav.utredning(
        s.rr["=arets_resultat"][basis], _sum(result_rows, plan.realisationsvinster, basis),
        _sum(result_rows, plan.orealiserade_vardepapper, basis), meta.balanskrav)
    investments = {c: -float(invest[c].sum()) for c in columns}
    values = hushallning.measures(s, basis, investments[basis], meta.pensionsforpliktelser.ub)
    history = overview(period, folder.parent, key_figures(s, investments["utfall"],
                       meta.pensionsforpliktelser.ub), log)
    rep = KommunReport(period, kommunen.folder(folder), meta, ledger.kommun.organisation, ledger,
                       s, namnder, outside, investments, krav, cash,
                       notes.notes(result_rows, balance_rows,
                                   {n.id: n.namn for n in ledger.kommun.namnder},
                                   ledger.plan.kontogrupper or {}),
                       hushallning.assess(meta.finansiella_mal, values), staff, log,
                       source_reconciliation(ledger), history)
    return None if log.errors else rep


KEY_FIGURES = ["resultat", "resultat_andel", "skatter_bidrag", "nettoinvesteringar",
               "sjalvfinansieringsgrad", "soliditet", "soliditet_inkl_pensioner"]


def key_figures(s: Statements, investments: float, pensions: float) -> dict[str, float | None]:
    """A year's row of the five-year overview (kronor and percent)."""
    values = hushallning.measures(s, "utfall", investments, pensions)
    return {"resultat": s.result(), "resultat_andel": values["resultat_andel"],
            "skatter_bidrag": s.rr["skatteintakter"]["utfall"]
            + s.rr["generella_statsbidrag"]["utfall"],
            "nettoinvesteringar": investments,
            "sjalvfinansieringsgrad": values["sjalvfinansieringsgrad"],
            "soliditet": values["soliditet"],
            "soliditet_inkl_pensioner": values["soliditet_inkl_pensioner"]}


def _last_year_result(period: Period, root: Path, s: Statements) -> float | None:
    """Last year's result: in December the result's column for last year, in a delårsrapport
    last year's årsredovisning in data/ (the same period last year is not the year)."""
    if not period.has_prognos:
        value = s.rr["=arets_resultat"]["utfall_fg"]
        return None if math.isnan(value) else value
    earlier = _earlier_year(root, period.year - 1, CheckLog())
    return earlier["resultat"] if earlier else None


def _earlier_year(root: Path, year: int, log: CheckLog) -> dict | None:
    """The key figures of an earlier årsredovisning in data/, if it has the municipality's
    report; one that does not pass its checks is left out with a warning."""
    folder = root / f"{year}-12"
    if not kommunen.has_report(folder) or not (folder / KOMMUN).is_file():
        return None
    own = CheckLog()
    ledger = attempt(own, lambda: source.ledger(folder, own))
    meta = attempt(own, lambda: kommunen.load(folder, own))
    if ledger is not None and meta is not None:
        result_rows, balance_rows = _lines(ledger, own)
    if own.errors or ledger is None or meta is None:
        log.warn(folder.name, f"årsredovisningen {year} kunde inte läsas och saknas i "
                 "femårsöversikten", expected=f"ett underlag utan fel (make check PERIOD={year}-12)")
        return None
    s = statements.statements(result_rows, balance_rows)
    invest = ledger.rows[ledger.rows["post"] == "investering"]
    return key_figures(s, -float(invest["utfall"].sum()), meta.pensionsforpliktelser.ub)


def overview(period: Period, root: Path, current: dict, log: CheckLog) -> list[tuple[int, dict]]:
    """December's five-year overview: the years in data/ that have an årsredovisning with
    the municipality's report, oldest first, ending with this one."""
    if period.has_prognos:
        return []
    years = [(y, _earlier_year(root, y, log)) for y in range(period.year - 4, period.year)]
    return [(y, f) for y, f in years if f] + [(period.year, current)]


def source_reconciliation(ledger: Ledger) -> pd.DataFrame:
    from ...sources.huvudbok.aggregate import reconciliation

    return reconciliation(ledger)


def load(period: str | Period, data_root: Path | str | None = None,
         notebooks: Path = NOTEBOOKS) -> KommunReport:
    rep, log = check(period, data_root, notebooks)
    if rep is None:
        raise ChecksFailed(log)
    return rep
