"""The kontoplan mapping: which accounts are intäkter, kostnader (and of those personal- and
kapitalkostnader), investments, or posts outside a nämnd's result. First matching rule wins.

DEFAULT (kontoplan.yaml beside this module) follows SKR's Kommun-Bas 13: class 3
intäkter, 4 and 6–7 övriga kostnader, 5 personalkostnader, 78 avskrivningar as
kapitalkostnader, 1 (on an investment project) investeringar, 8 skatter, bidrag and
finansiella poster (kommun level, outside the nämnder's results). A municipality adapts a
copy in the period's folder.
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
    post: Literal["intakt", "kostnad", "investering", "utanfor"]
    varav: Literal["personal", "kapital"] | None = None
    namn: str = ""


class KontoplanFil(BaseModel):
    regler: list[Regel]
    # Internal items the municipality eliminates (internal sales and purchases): listed in
    # the reconciliation, in no nämnd's result.
    eliminera: list[CodeRange] = []


def load(folder: Path, name: str, log=None) -> tuple[Path, KontoplanFil]:
    path = folder / name
    return (path, read_yaml(path, KontoplanFil, log)) if path.is_file() else (
        DEFAULT, read_yaml(DEFAULT, KontoplanFil, log))


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
