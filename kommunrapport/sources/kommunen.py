"""The municipality's own report's inputs beside the ledger: data/<period>/kommunen/
rapport.yaml (who decides it, its financial goals, what the balanskravsutredning adjusts,
the commitments outside the balansräkning) and its texts (text/*.md).

Amounts are kronor, as in the ledger; each has its source, which the report's notes name.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, model_validator

from ..common.paths import KOMMUN
from .loading import read_yaml
from .schemas import MunicipalityCode, Text

FOLDER = "kommunen"
# What the financial goals may measure (model/kommun/hushallning.py computes each).
MEASURES = Literal["resultat_andel", "sjalvfinansieringsgrad", "soliditet",
                   "soliditet_inkl_pensioner", "nettokostnadsandel"]


class FinansielltMal(BaseModel):
    mal: Text                  # the goal as kommunfullmäktige wrote it
    matt: MEASURES
    minst: float | None = None  # percent
    hogst: float | None = None

    @model_validator(mode="after")
    def _one_bound(self):
        if (self.minst is None) == (self.hogst is None):
            raise ValueError("ange antingen minst eller hogst (procent)")
        return self


class Balanskravsjusteringar(BaseModel):
    """What kommunfullmäktige decides beside the ledger's accounts (kronor)."""
    realisationsvinster_undantag: float = 0      # gains the law lets the municipality keep
    realisationsforluster_undantag: float = 0
    till_resultatutjamningsreserv: float = 0
    fran_resultatutjamningsreserv: float = 0
    # Balanskravsunderskott from earlier years still to be restored (kronor, a deficit as a
    # positive amount), and what kommunfullmäktige has decided not to restore for synnerliga
    # skäl (LKBR 11 kap. 13 §).
    underskott_tidigare_ar: float = 0
    synnerliga_skal: float = 0


class Ansvarsforbindelse(BaseModel):
    ib: float                 # kronor at the last year-end
    ub: float                 # kronor at the period's end
    kalla: Text               # e.g. "KPA Pensions beräkning per 2025-12-31"


class KommunRapportFil(BaseModel):
    period: Text
    beslutande: Text = "Kommunfullmäktige"
    beslutsdatum: datetime.date | None = None
    logotyp: str | None = None
    exempeldata: str | None = None
    kommunkod: MunicipalityCode | None = None
    finansiella_mal: list[FinansielltMal] = []
    balanskrav: Balanskravsjusteringar = Balanskravsjusteringar()
    # Pensions earned before 1998 (blandmodellen), outside the balansräkning: required.
    pensionsforpliktelser: Ansvarsforbindelse
    borgensataganden: Ansvarsforbindelse | None = None
    # A delårsrapport may present a kassaflödesanalys; the årsredovisning always does.
    kassaflodesanalys: bool = False


def folder(period_folder: Path) -> Path:
    return period_folder / FOLDER


def has_report(period_folder: Path) -> bool:
    """Whether the period builds the municipality's own report (it needs the ledger's
    kommun.yaml beside it)."""
    return (folder(period_folder) / "rapport.yaml").is_file() and \
        (period_folder / KOMMUN).is_file()


def load(period_folder: Path, log=None) -> KommunRapportFil:
    return read_yaml(folder(period_folder) / "rapport.yaml", KommunRapportFil, log)
