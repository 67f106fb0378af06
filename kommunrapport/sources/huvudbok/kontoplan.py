"""The kontoplan mapping: which accounts are intäkter, kostnader (and of those personal- and
kapitalkostnader), investments, balances, or posts outside a nämnd's result; and, for the
municipality's own report, each account's line in the resultaträkning and balansräkning and
the accounts the balanskravsutredning adjusts for. First matching rule wins.

DEFAULT (kontoplan.yaml beside this module) follows SKR's Kommun-Bas 13: class 3
intäkter, 4 and 6–7 övriga kostnader, 5 personalkostnader, 78 avskrivningar as
kapitalkostnader, 10–13 (on an investment project) investeringar, 14–29 balances, 8 skatter,
bidrag and finansiella poster (kommun level, outside the nämnder's results). A municipality
adapts a copy in the period's folder.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel

from ..loading import read_yaml
from .organisation import CodeRange, bounds

DEFAULT = Path(__file__).with_name("kontoplan.yaml")


class Regel(BaseModel):
    konton: CodeRange
    post: Literal["intakt", "kostnad", "investering", "balans", "utanfor"]
    varav: Literal["personal", "kapital"] | None = None
    namn: str = ""


# The lines of the municipality's statements an account may be mapped to (LKBR 4 and 5 kap.;
# their labels, order and sums are model/kommun/statements.py's).
RR_LINES = Literal["verksamhetens_intakter", "verksamhetens_kostnader", "avskrivningar",
                   "skatteintakter", "generella_statsbidrag", "finansiella_intakter",
                   "finansiella_kostnader", "extraordinara_poster"]
BR_LINES = Literal["immateriella_anlaggningstillgangar", "mark_byggnader_tekniska_anlaggningar",
                   "maskiner_och_inventarier", "finansiella_anlaggningstillgangar",
                   "bidrag_till_infrastruktur", "forrad", "fordringar",
                   "kortfristiga_placeringar", "kassa_och_bank", "arets_resultat",
                   "resultatutjamningsreserv", "ovrigt_eget_kapital", "avsattningar_pensioner",
                   "andra_avsattningar", "langfristiga_skulder", "kortfristiga_skulder"]


class RRRegel(BaseModel):
    konton: CodeRange
    rad: RR_LINES


class BRRegel(BaseModel):
    konton: CodeRange
    rad: BR_LINES


class Balanskrav(BaseModel):
    realisationsvinster: list[CodeRange] = []
    realisationsforluster: list[CodeRange] = []
    orealiserade_vardepapper: list[CodeRange] = []


class KontoplanFil(BaseModel):
    regler: list[Regel]
    # Internal items the municipality eliminates (internal sales and purchases): listed in
    # the reconciliation, in no nämnd's result.
    eliminera: list[CodeRange] = []
    # The municipality's own report; a plan that leaves them out takes the default's.
    resultatrakning: list[RRRegel] | None = None
    balansrakning: list[BRRegel] | None = None
    balanskrav: Balanskrav | None = None
    kontogrupper: dict[int, str] | None = None  # the notes' names of the two-digit groups


def load(folder: Path, name: str, log=None) -> tuple[Path, KontoplanFil]:
    path = folder / name
    if not path.is_file():
        return DEFAULT, read_yaml(DEFAULT, KontoplanFil, log)
    plan = read_yaml(path, KontoplanFil, log)
    default = read_yaml(DEFAULT, KontoplanFil)
    for part in ("resultatrakning", "balansrakning", "balanskrav", "kontogrupper"):
        if getattr(plan, part) is None:
            setattr(plan, part, getattr(default, part))
    return path, plan


def lines(accounts: pd.Series, rules: list[RRRegel] | list[BRRegel]) -> pd.Series:
    """Each account's line (first matching rule), empty where none matches."""
    line = np.full(len(accounts), "", dtype=object)
    values = accounts.to_numpy()
    for rule in reversed(rules):  # the first rule is applied last, so it wins
        low, high = bounds(rule.konton)
        line[(values >= low) & (values <= high)] = rule.rad
    return pd.Series(line, index=accounts.index)


def classify(accounts: pd.Series, plan: KontoplanFil) -> pd.DataFrame:
    """post and varav per account (vectorised: 200 000 rows in milliseconds); post is
    'eliminera' for eliminated accounts and empty where no rule matches."""
    post = np.full(len(accounts), "", dtype=object)
    varav = np.full(len(accounts), "", dtype=object)
    values = accounts.to_numpy()
    decided = np.zeros(len(accounts), dtype=bool)
    for r in plan.eliminera:
        low, high = bounds(r)
        hit = ~decided & (values >= low) & (values <= high)
        post[hit], decided = "eliminera", decided | hit
    for rule in plan.regler:
        low, high = bounds(rule.konton)
        hit = ~decided & (values >= low) & (values <= high)
        post[hit] = rule.post
        varav[hit] = rule.varav or ""
        decided |= hit
    return pd.DataFrame({"post": post, "varav": varav}, index=accounts.index)
