"""The declared schema of every input file (pydantic): columns, types, units, allowed values.

Numbers in text are read by parsing.parse_number (Swedish conventions); numbers from Excel
pass through as they are.
"""
from __future__ import annotations

import datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

from .parsing import EXPECTED_NUMBER, parse_number

ASSESSMENTS = Literal["ej_uppfyllt", "delvis_uppfyllt", "uppfyllt_i_hog_grad", "helt_uppfyllt",
                      "ej_angiven"]
UNITS = Literal["årsarbetare", "procent", "antal"]


def _number(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return parse_number(str(value))  # None for an empty cell


Number = Annotated[float, BeforeValidator(_number)]
OptionalNumber = Annotated[float | None, BeforeValidator(_number)]
Text = Annotated[str, BeforeValidator(lambda v: "" if v is None else str(v)),
                 StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, BeforeValidator(lambda v: "" if v is None else str(v).strip())]
Code = Annotated[int, BeforeValidator(lambda v: int(v) if isinstance(v, float) else v)]

EXPECTED = {name: EXPECTED_NUMBER for name in (
    "utfall", "prognos", "budget", "avvikelse", "varde", "foregaende_ar", "foregaende",
    "intakt_prognos", "intakt_budget", "kostnad_prognos", "kostnad_budget", "nettoavvikelse")}
EXPECTED["kod"] = "en verksamhetskod som 10 eller 92 (eller tom på summaraden)"


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore")
    # Columns an export may leave out: December's årsredovisning has no prognos.
    optional_columns: ClassVar[set[str]] = set()
    # A report table a reader can take in; more rows means a ledger or an unsummed export,
    # refused before its rows are validated (a 200 000-row file gets its answer at once).
    max_rows: ClassVar[int] = 500


# CSV or Excel exports, one model per row.

class ResultatRow(Row):
    optional_columns: ClassVar[set[str]] = {"prognos"}
    post: Text
    utfall: Number
    prognos: OptionalNumber = None  # required before December: ekonomi.fill_prognos
    budget: Number
    avvikelse: OptionalNumber = None


class DriftRow(Row):
    optional_columns: ClassVar[set[str]] = {"prognos"}
    kod: OptionalText  # empty on the Summa row
    verksamhet: Text
    utfall: Number
    prognos: OptionalNumber = None  # required before December: ekonomi.fill_prognos
    budget: Number
    avvikelse: OptionalNumber = None


class AnalysRow(Row):
    kod: Code
    intakt_prognos: Number
    intakt_budget: Number
    kostnad_prognos: Number
    kostnad_budget: Number
    nettoavvikelse: Number


class InvesteringRow(Row):
    optional_columns: ClassVar[set[str]] = {"prognos"}
    projekt: Text
    ingar_i: OptionalText = ""
    utfall: Number
    prognos: OptionalNumber = None
    budget: OptionalNumber = None
    avvikelse: OptionalNumber = None


class PersonalRow(Row):
    id: Text
    nyckeltal: Text
    enhet: UNITS
    avser: OptionalText = ""
    varde: Number
    foregaende_ar: OptionalNumber = None


class VerksamhetRow(Row):
    id: Text
    nyckeltal: Text
    enhet: Text
    varde: Number
    foregaende: OptionalNumber = None


# YAML files.

class Ram(BaseModel):
    belopp_tkr: float
    beslut: Text


class Kontroller(BaseModel):
    # A deviation larger than this (tkr, either sign) should have an analysis text.
    analysgrans_tkr: float = 100


class RapportFil(BaseModel):
    period: Text
    organisation: Text
    namnd: Text
    forvaltning: Text
    beslutsdatum: datetime.date | None = None
    logotyp: str | None = None
    # Set for invented example data: shown on the book's start page and the PDF's title page.
    exempeldata: str | None = None
    budgetram: Ram
    investeringsram: Ram
    kontroller: Kontroller = Kontroller()


class EkonomiFil(BaseModel):
    prognosposter: dict[str, float] = {}
    besparingar_tkr: float
    analyser_drift: dict[int, Text] = {}
    analyser_investeringar: dict[str, Text] = {}


class Skalsteg(BaseModel):
    id: ASSESSMENTS
    namn: Text
    definition: Text


class Namndmal(BaseModel):
    nr: int
    namn: Text
    beskrivning: OptionalText = ""
    malprecisering: OptionalText = ""
    kommentar: Text
    bedomning: ASSESSMENTS
    bedomning_grund: str | None = None


class Malomrade(BaseModel):
    nr: int
    namn: Text
    inledning: OptionalText = ""
    strategiska_mal: list[Text] = []
    indikatorer: list = []
    indikator_kommentar: str | None = None
    namndmal: list[Namndmal]


class MalFil(BaseModel):
    bedomningsdatum: datetime.date
    skala: list[Skalsteg]
    malomraden: list[Malomrade]
