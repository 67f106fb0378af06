"""Comparisons with earlier periods in data/: how the year's prognosis moved from report to
report, and the same period the year before. Missing history is said in words, never an error;
an earlier period that cannot be read is left out with a warning."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.formatting import tkr
from ..common.paths import KOMMUN, board_folder
from ..common.periods import Period, periods_in
from ..sources.huvudbok import source
from ..sources.loading import attempt
from . import ekonomi, personal


@dataclass(frozen=True)
class Forecast:
    period: Period
    avvikelse: float  # the year's result as forecast (December: the outcome) minus budget


def _read(loader, folder: Path, what: str, log: CheckLog):
    """An earlier period's file, read by loader(log), or None with a warning if it does not
    pass its checks (its own errors are not the current period's)."""
    scratch = CheckLog()
    result = attempt(scratch, lambda: loader(scratch))
    if result is None or scratch.errors:
        nested = (folder.parent / KOMMUN).is_file()  # a nämnd's folder in its period's
        period = folder.parent.name if nested else folder.name
        board = f" NAMND={folder.name}" if nested else ""
        log.warn(period, f"perioden {period} kunde inte läsas och saknas i jämförelsen av "
                 f"{what}", expected=f"ett underlag utan fel (make check PERIOD={period}{board})")
        return None
    return result


def _forecast(period: Period, resultat: pd.DataFrame) -> Forecast:
    return Forecast(period, resultat.at["Resultat", "avvikelse"])


def forecasts(period: Period, data_root: Path, board: str, resultat: pd.DataFrame,
              log: CheckLog) -> list[Forecast]:
    """The year's result per report of the year in data/, oldest first, ending with this one
    (the nämnd's own reports: `board` is its folder name, or its name's slug)."""
    out = []
    for earlier in periods_in(data_root):
        folder = board_folder(data_root, earlier, board)
        if earlier.year == period.year and earlier.month < period.month and folder:
            frame = _read(lambda lg: ekonomi.load_resultat(
                source.tables(folder, earlier, 0, lg), earlier, lg), folder, "prognoser", log)
            if frame is not None:
                out.append(_forecast(earlier, frame))
    return out + [_forecast(period, resultat)]


def forecast_note(items: list[Forecast]) -> str:
    """For Datakontroller (the staff): which of the year's earlier reports the prognos is
    compared with, or that data/ holds none (the reader's text then says nothing of it)."""
    p = items[-1].period
    if len(items) == 1:
        return (f"Prognosens utveckling under året visas inte: data/ har ingen tidigare rapport "
                f"för {p.year} att jämföra med.")
    earlier = ", ".join(str(f.period) for f in items[:-1])
    return f"Prognosens utveckling under året jämför med perioderna {earlier} i data/."


def forecast_sentence(items: list[Forecast]) -> str:
    """How the year's prognos moved since the year's previous report ('' when there is
    none in the data: the chapter then leaves the section out)."""
    current = items[-1]
    p = current.period
    if len(items) == 1:
        return ""
    previous = items[-2]
    change = current.avvikelse - previous.avvikelse
    direction = ("en förbättring" if change > 0 else "en försämring" if change < 0
                 else "oförändrat")
    subject = ("Prognosen för årets avvikelse mot budget är" if p.has_prognos
               else "Årets avvikelse mot budget blev")
    amount = f" med {tkr(abs(change))} tkr" if change else ""
    return (f"{subject} {tkr(current.avvikelse)} tkr. I {previous.period.name} var prognosen "
            f"{tkr(previous.avvikelse)} tkr: {direction}{amount}.")


def last_year_ids(period: Period, data_root: Path, board: str | None) -> set[str]:
    """The personnel figures the same period last year in data/ gives (none when it is absent
    or does not pass its checks, which previous_year then says)."""
    folder = board_folder(data_root, Period(period.year - 1, period.month), board) if board else None
    scratch = CheckLog()
    old = attempt(scratch, lambda: personal.load(folder, scratch)) if folder else None
    return set() if old is None else set(old.index[old["varde"].notna()])


def previous_year(period: Period, data_root: Path, board: str, frame: pd.DataFrame,
                  log: CheckLog) -> tuple[pd.DataFrame, str]:
    """Personal key figures with last year's values from data/<year-1>-<month> where it exists.

    A value the export states is kept, and a warning given if last year's data disagrees;
    a value it leaves empty is taken from last year's data.
    """
    earlier = Period(period.year - 1, period.month)
    folder = board_folder(data_root, earlier, board)
    if folder is None:
        return frame, (f"Underlaget för samma period föregående år ({earlier}) finns inte i "
                       "data/; personalens jämförelsevärden är de som personalexporten anger.")
    old = _read(lambda lg: personal.load(folder, lg), folder, "personal", log)
    if old is None:
        return frame, (f"Underlaget för {earlier} kunde inte läsas; jämförelsevärdena är de "
                       "som personalexporten anger.")
    frame = frame.copy()
    for key, r in frame.iterrows():
        if key not in old.index:
            continue
        value = old.at[key, "varde"]
        if pd.isna(r["foregaende_ar"]):
            frame.at[key, "foregaende_ar"] = value
        elif abs(r["foregaende_ar"] - value) > 0.005:
            log.warn("personal.csv",
                     f"föregående år anges som {r['foregaende_ar']:g}, men underlaget för "
                     f"{earlier} har {value:g}", row=int(r["_rad"]), column="foregaende_ar",
                     expected="samma värde som förra årets rapport")
    frame["forandring"] = frame["varde"] - frame["foregaende_ar"]
    return frame, (f"Jämförelsen med {earlier.year} bygger på underlaget för {earlier} i "
                   "rapportens data, där personalexporten inte anger något eget värde.")
