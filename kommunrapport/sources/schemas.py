"""The declared schema of every input file (pydantic): columns, types, units, allowed values.

Numbers in text are read by parsing.parse_number (Swedish conventions); numbers from Excel
pass through as they are.
"""
from __future__ import annotations

import datetime
import unicodedata
from typing import Annotated, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from ..common.parsing import EXPECTED_NUMBER, parse_number

ASSESSMENTS = Literal["ej_uppfyllt", "delvis_uppfyllt", "uppfyllt_i_hog_grad", "helt_uppfyllt",
                      "ej_angiven"]
UNITS = Literal["årsarbetare", "procent", "antal"]
# The assessment as the reader sees it (the reference report's scale): a writer may type these
# words, in any case, with or without "Målet", as well as the ids.
ASSESSMENT_WORDS = {"ej_uppfyllt": "Målet ej uppfyllt", "delvis_uppfyllt": "Målet delvis uppfyllt",
                    "uppfyllt_i_hog_grad": "Målet uppfyllt i hög grad",
                    "helt_uppfyllt": "Målet helt uppfyllt", "ej_angiven": "Ingen bedömning angiven"}
_SYNONYMS = {"inte_uppfyllt": "ej_uppfyllt", "ingen_bedomning": "ej_angiven",
             "ej_bedomt": "ej_angiven", "ingen_bedomning_angiven": "ej_angiven"}


def word_key(text: str) -> str:
    """'  Målet delvis Uppfyllt ' -> 'delvis_uppfyllt' (case, å/ä/ö, spaces and 'Målet' do not
    matter)."""
    plain = unicodedata.normalize("NFKD", str(text).strip().casefold())
    plain = "_".join("".join(c for c in plain if not unicodedata.combining(c))
                     .replace("-", " ").split())
    plain = plain.removeprefix("malet_")
    return _SYNONYMS.get(plain, plain)


def _assessment(value):
    """The id for the words a writer typed; anything else is left for the Literal to refuse."""
    if not isinstance(value, str):
        return value
    key = word_key(value)
    return key if key in ASSESSMENT_WORDS else value.strip()


def _number(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None if value is None else parse_number(str(value))  # None for an empty cell


Number = Annotated[float, BeforeValidator(_number)]
OptionalNumber = Annotated[float | None, BeforeValidator(_number)]
Text = Annotated[str, BeforeValidator(lambda v: "" if v is None else str(v)),
                 StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, BeforeValidator(lambda v: "" if v is None else str(v).strip())]
# A municipality's four-digit code; YAML reads an unquoted 1882 as a number.
MunicipalityCode = Annotated[str, BeforeValidator(lambda v: f"{v:04d}" if isinstance(v, int) else v),
                             StringConstraints(pattern=r"^\d{4}$")]
Code = Annotated[int, BeforeValidator(lambda v: int(v) if isinstance(v, float) else v)]

# The amount columns of the exports: make new-period empties them.
NUMBER_COLUMNS = ("utfall", "prognos", "budget", "avvikelse", "varde", "foregaende_ar",
                  "foregaende", "intakt_prognos", "intakt_budget", "kostnad_prognos",
                  "kostnad_budget", "nettoavvikelse")
EXPECTED = {name: EXPECTED_NUMBER for name in NUMBER_COLUMNS}
EXPECTED["kod"] = "en verksamhetskod som 10 eller 92 (eller tom på summaraden)"
EXPECTED["bedomning"] = (", ".join(list(ASSESSMENT_WORDS.values())[:3]) + " eller "
                         + ASSESSMENT_WORDS["helt_uppfyllt"] + " (ej_angiven om kommentaren "
                         "inte anger någon)")
EXPECTED["besparingar_tkr"] = EXPECTED["belopp_tkr"] = EXPECTED_NUMBER


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore")
    # Columns an export may leave out: December's årsredovisning has no prognos.
    optional_columns: ClassVar[set[str]] = set()
    # A report table a reader can take in; more rows means a ledger or an unsummed export,
    # refused before its rows are validated (a 200 000-row file gets its answer at once).
    max_rows: ClassVar[int] = 500


# CSV or Excel exports, one model per row.

# Amounts a row may leave empty when they follow from other rows (a Summa row, Resultat, a
# plan's utfall from its items) or from the row itself (avvikelse, nettoavvikelse): computed
# when absent, checked when present. Which amounts a row must give is said by the loader
# (ekonomi.py), so every missing one is listed at once.

class ResultatRow(Row):
    optional_columns: ClassVar[set[str]] = {"prognos", "avvikelse"}
    post: Text
    utfall: OptionalNumber = None
    prognos: OptionalNumber = None
    budget: OptionalNumber = None
    avvikelse: OptionalNumber = None


class DriftRow(Row):
    optional_columns: ClassVar[set[str]] = {"prognos", "avvikelse"}
    kod: OptionalText  # empty on the Summa row
    verksamhet: Text
    utfall: OptionalNumber = None
    prognos: OptionalNumber = None
    budget: OptionalNumber = None
    avvikelse: OptionalNumber = None


class AnalysRow(Row):
    optional_columns: ClassVar[set[str]] = {"nettoavvikelse"}
    kod: Code
    # Empty when the prognos is given per verksamhet, net (kommun.yaml's prognos); a row
    # with no amount at all is a carried-over placeholder (ekonomi.py decides if it is needed).
    intakt_prognos: OptionalNumber = None
    intakt_budget: OptionalNumber = None
    kostnad_prognos: OptionalNumber = None
    kostnad_budget: OptionalNumber = None
    nettoavvikelse: OptionalNumber = None


class InvesteringRow(Row):
    optional_columns: ClassVar[set[str]] = {"prognos", "avvikelse"}
    projekt: Text
    ingar_i: OptionalText = ""
    utfall: OptionalNumber = None
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
    belopp_tkr: Number
    beslut: Text


class Kontroller(BaseModel):
    # A deviation larger than this (tkr, either sign) should have an analysis text.
    analysgrans_tkr: float = 100


class Kontakt(BaseModel):
    """Who readers contact about the report, and about the site's accessibility."""
    namn: Text                    # e.g. "Kommunledningsförvaltningen" or "Kontaktcenter"
    epost: OptionalText = ""
    telefon: OptionalText = ""


class RapportFil(BaseModel):
    period: Text
    organisation: Text
    namnd: Text
    forvaltning: Text
    beslutsdatum: datetime.date | None = None
    logotyp: str | None = None
    # Set for invented example data: shown on the book's start page and the PDF's title page.
    exempeldata: str | None = None
    kommunkod: MunicipalityCode | None = None  # SCB's code, which Kolada uses: Askersund 1882
    budgetram: Ram
    investeringsram: Ram
    kontroller: Kontroller = Kontroller()
    # Optional: without it the accessibility statement names the förvaltning, nothing invented.
    kontakt: Kontakt | None = None


class EkonomiFil(BaseModel):
    # Each is needed when the period asks for it (ekonomi.py): a prognospost or the savings
    # when a text quotes it, an analysis when the deviation exceeds the limit. An entry left
    # empty is the same as none (make new-period empties them).
    prognosposter: dict[str, OptionalNumber] = {}
    besparingar_tkr: OptionalNumber = None
    analyser_drift: dict[int, OptionalText] = {}
    analyser_investeringar: dict[str, OptionalText] = {}

    @model_validator(mode="before")
    @classmethod
    def _no_null_maps(cls, data):
        """`analyser_drift:` with nothing under it is an empty mapping, not an error."""
        if isinstance(data, dict):
            data = {k: ({} if v is None and k != "besparingar_tkr" else v)
                    for k, v in data.items()}
        return data


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
    bedomning: Annotated[ASSESSMENTS, BeforeValidator(_assessment)]
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

    @model_validator(mode="before")
    @classmethod
    def _scale_words(cls, data):
        """An assessment written as the file's own scale names it ("Målet i hög grad
        uppfyllt", if the skala says so) is that step's id."""
        if not isinstance(data, dict) or not isinstance(data.get("skala"), list):
            return data
        names = {word_key(s["namn"]): s["id"] for s in data["skala"]
                 if isinstance(s, dict) and isinstance(s.get("namn"), str) and "id" in s}
        for area in data.get("malomraden") or []:
            for goal in (area.get("namndmal") or []) if isinstance(area, dict) else []:
                if isinstance(goal, dict) and isinstance(goal.get("bedomning"), str):
                    goal["bedomning"] = names.get(word_key(goal["bedomning"]), goal["bedomning"])
        return data


# Indikatorer: indikatorer.yaml declares them, indikatorvarden.csv holds the board's own
# measurements, kolada.json the values fetched from Kolada (make indikatorer).

class Indikatormal(BaseModel):
    """A target: a value, or a place among the best (basta_andel 25: "bland de 25 % bästa")."""
    varde: float | None = None
    basta_andel: Annotated[int, Field(ge=1, le=99)] | None = None
    ar: Annotated[int, Field(ge=2000, le=2100)]

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.varde is None) == (self.basta_andel is None):
            raise ValueError("ange antingen varde eller basta_andel")
        return self


class Indikator(BaseModel):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    malomrade: int
    strategiskt_mal: int | None = None  # 1-based, in the målområde's list
    namndmal: int | None = None
    titel: Text
    kalla: Literal["kolada", "egen"]
    kalla_namn: OptionalText = ""  # who measured: required for egen uppföljning
    kpi: Annotated[str, StringConstraints(pattern=r"^[NU]\d{5}$")] | None = None
    kon: Literal["T", "K", "M"] = "T"
    enhet: OptionalText = ""
    decimaler: Annotated[int, Field(ge=0, le=3)] = 0
    battre: Literal["hogre", "lagre"]
    mal: Indikatormal | None = None
    kommentar: OptionalText = ""
    # The measure's own scale, e.g. [0, 100] for an index or [1, 6] for a grade: the chart's
    # axis starts at its lowest value (else at zero), so a small change never looks large.
    skala: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None

    @model_validator(mode="after")
    def _source_named(self):
        if self.kalla == "kolada" and not self.kpi:
            raise ValueError("en Kolada-indikator behöver sitt kpi-id (till exempel N00945)")
        if self.kalla == "egen" and not self.kalla_namn:
            raise ValueError("en egen uppföljning behöver kalla_namn: vem som mätt")
        return self


class Jamforelsegrupp(BaseModel):
    id: Text  # a Kolada municipality group id
    namn: Text


class IndikatorFil(BaseModel):
    exempeldata: str | None = None
    jamforelsegrupp: Jamforelsegrupp | None = None
    antal_ar: Annotated[int, Field(ge=2, le=15)] = 5
    indikatorer: list[Indikator] = []


class IndikatorvardeRow(Row):
    indikator: Text
    matning: Text  # the year (2024), or the measurement as the source names it
    varde: Number
