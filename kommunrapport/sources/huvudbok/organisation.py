"""kommun.yaml: the municipality's nämnder (which ansvar are theirs), its investment
projects, and how its ledger export names its columns."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, StringConstraints, model_validator

from ..loading import read_yaml
from ..schemas import Text

FILE = "kommun.yaml"

# "1000-1999" or "1234": a range of codes, or one.
CodeRange = Annotated[str, BeforeValidator(str), StringConstraints(pattern=r"^\d+(-\d+)?$")]


def bounds(r: str) -> tuple[int, int]:
    low, _, high = r.partition("-")
    return int(low), int(high or low)


def in_ranges(codes, ranges: list[str]):
    """Which codes (a numpy array or a pandas Series) fall in any of the ranges."""
    hit = codes < 0  # all False, of the right shape
    for r in ranges:
        low, high = bounds(r)
        hit = hit | ((codes >= low) & (codes <= high))
    return hit


class Namnd(BaseModel):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]  # its data folder
    namn: Text
    ansvar: list[CodeRange]


class Projekt(BaseModel):
    kod: Annotated[str, BeforeValidator(str)]
    namn: Text
    ingar_i: Annotated[str, BeforeValidator(lambda v: "" if v is None else str(v))] = ""


class Huvudbok(BaseModel):
    fil: Text = "huvudbok.csv"
    # The export's column heading for each of ours; utfall, budget, prognos in kronor.
    kolumner: dict[Literal["ansvar", "verksamhet", "konto", "projekt", "utfall", "budget",
                           "prognos", "ib", "utfall_fg"], str]
    # As exported: debet positive (costs +, income −). The report shows income +, costs −.
    tecken: Literal["debet_positiv", "som_rapporten"] = "debet_positiv"

    @model_validator(mode="after")
    def _required(self):
        missing = [c for c in ("ansvar", "verksamhet", "konto", "utfall", "budget")
                   if c not in self.kolumner]
        if missing:
            raise ValueError(f"kolumnnamn saknas för {', '.join(missing)}")
        return self


class Prognos(BaseModel):
    """The year's prognos collected outside the ledger, coarser than its rows: one net amount
    per verksamhet of a nämnd, or per ansvar; investment projects by their code."""
    fil: Text = "prognos.csv"
    niva: Literal["verksamhet", "ansvar"]
    kolumner: dict[Literal["namnd", "ansvar", "verksamhet", "projekt", "prognos"], str]
    tecken: Literal["debet_positiv", "som_rapporten"] = "debet_positiv"

    @model_validator(mode="after")
    def _required(self):
        keys = {"verksamhet": ["namnd", "verksamhet"], "ansvar": ["ansvar"]}[self.niva]
        missing = [c for c in keys + ["prognos"] if c not in self.kolumner]
        if missing:
            raise ValueError(f"kolumnnamn saknas för {', '.join(missing)} (niva: {self.niva})")
        return self


class KommunFil(BaseModel):
    organisation: Text
    huvudbok: Huvudbok
    prognos: Prognos | None = None       # else the ledger's prognos column, if any
    kontoplan: Text = "kontoplan.yaml"
    namnder: list[Namnd]
    # Ansvar that belong to no nämnd (finansförvaltning): listed, not an error.
    utanfor_namnder: list[CodeRange] = []
    verksamheter: dict[int, Text]        # verksamhet code -> name, as the reports show it
    projekt: list[Projekt] = []          # investment projects and their items
    exempeldata: str | None = None

    @model_validator(mode="after")
    def _one_prognos(self):
        if self.prognos and "prognos" in self.huvudbok.kolumner:
            raise ValueError("prognosen kommer ur huvudboken (huvudbok.kolumner.prognos) och ur "
                             "en egen fil (prognos): ange det ena")
        return self


def load(folder: Path, log=None) -> KommunFil:
    return read_yaml(folder / FILE, KommunFil, log)
