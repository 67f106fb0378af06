"""The report period (YYYY-MM) and the words and dates that follow from it."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import BuildError

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]
# "under årets åtta första månader"
MONTH_COUNT_WORDS = ["en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
                     "elva", "tolv"]
_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PATTERN.match(text or "")
        if not match:
            raise BuildError(f"Perioden '{text}' är ogiltig: ange år och månad som ÅÅÅÅ-MM, "
                             "till exempel 2025-08.")
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def end_words(self) -> str:
        """'31 augusti 2025'"""
        return f"{self.end.day} {MONTHS[self.month - 1]} {self.year}"

    @property
    def months(self) -> str:
        """'januari–augusti 2025' (with an en dash), or 'januari 2025'."""
        if self.month == 1:
            return f"januari {self.year}"
        return f"januari–{MONTHS[self.month - 1]} {self.year}"

    @property
    def kind(self) -> str:
        if self.month == 12:
            return "Årsredovisning"
        if self.month in (4, 8):
            return "Delårsrapport"
        return "Månadsuppföljning"

    @property
    def has_prognos(self) -> bool:
        """December reports the year's utfall; every earlier period forecasts the year."""
        return self.month != 12

    @property
    def name(self) -> str:
        """How the text refers to the report: 'delårsrapporten per april (tertial 1)'."""
        if self.month == 12:
            return f"årsredovisningen {self.year}"
        tertial = " (tertial 1)" if self.month == 4 else ""
        kind = "delårsrapporten" if self.month in (4, 8) else "månadsuppföljningen"
        return f"{kind} per {MONTHS[self.month - 1]}{tertial}"

    @property
    def short_name(self) -> str:
        """A chart label: 'Delår april', 'Årsredovisning', 'Månad oktober'."""
        if self.month == 12:
            return "Årsredovisning"
        kind = "Delår" if self.month in (4, 8) else "Månad"
        return f"{kind} {MONTHS[self.month - 1]}"

    @property
    def utfall_heading(self) -> str:
        """'Utfall 25-08-31', the way Swedish ledgers label year-to-date actuals; in December
        the whole year's 'Utfall 2025'."""
        return f"Utfall {self.year}" if self.month == 12 else f"Utfall {self.end:%y-%m-%d}"

    @property
    def prognos_heading(self) -> str:
        return f"Helårsprognos {self.year}"

    @property
    def budget_heading(self) -> str:
        return f"Budget {self.year}"


def periods_in(data_root: Path) -> list[Period]:
    """Every period folder in data/, oldest first."""
    if not data_root.is_dir():
        return []
    return sorted((Period.parse(p.name) for p in data_root.iterdir()
                   if p.is_dir() and _PATTERN.match(p.name)), key=lambda p: (p.year, p.month))
