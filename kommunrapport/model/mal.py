"""Mål och uppdrag: the assessment scale, målområden and nämndmål."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.formatting import Figure
from ..common.gaps import marker
from ..common.reading import read_text
from ..sources import workbook
from ..sources.loading import FileRejected, read_yaml, yaml_line
from ..sources.schemas import MalFil

NOT_STATED = "ej_angiven"
NOT_STATED_LABEL = "Ingen bedömning angiven"
# A draft's goal without an assessment yet (never in a file: the scale has no such step).
GAP = "saknas"
# Before December an assessment is a forecast for the year's end, and says so; December's
# årsredovisning states the outcome in the scale's own words.
FORECAST_LABELS = {
    "ej_uppfyllt": "Målet beräknas inte bli uppfyllt",
    "delvis_uppfyllt": "Målet beräknas bli delvis uppfyllt",
    "uppfyllt_i_hog_grad": "Målet beräknas bli uppfyllt i hög grad",
    "helt_uppfyllt": "Målet beräknas bli helt uppfyllt",
}


@dataclass
class Mal:
    data: dict
    scale: list[dict]               # id, namn, definition; worst first
    goals: pd.DataFrame             # one row per nämndmål
    forecast: bool = False          # a delårsrapport's assessments forecast the year's end

    def label(self, assessment: str) -> str:
        if assessment == NOT_STATED:
            return NOT_STATED_LABEL
        if assessment == GAP:
            return marker("bedömning")
        if self.forecast:
            return FORECAST_LABELS[assessment]
        return next(s["namn"] for s in self.scale if s["id"] == assessment)

    def omrade(self, nr: int) -> dict:
        for area in self.data["malomraden"]:
            if area["nr"] == nr:
                return area
        raise DataError("mal.yaml", f"målområde {nr} saknas", column="malomraden")


def load(folder: Path, period_end, log: CheckLog, forecast: bool = False, *,
         draft: bool = False) -> Mal:
    """mal.yaml, with each goal's kommentar and bedömning from the workbook when it has them
    (sources/workbook.py): a finding on one names the cell it came from. In a draft, a goal
    without a comment or an assessment yet is a marked gap (its error is in the log)."""
    path = folder / "mal.yaml"
    overlays, gaps = [], set()

    def overlay(raw: dict, text: str, into: CheckLog = log) -> workbook.Overlay:
        overlays.append(workbook.goals(folder, raw, text, path, into))
        return overlays[-1]

    try:
        data = read_yaml(path, MalFil, log, overlay)
    except FileRejected:
        if not draft:
            raise
        data = read_yaml(path, MalFil, CheckLog(), lambda raw, text: _with_gaps(
            raw, gaps, overlay(raw, text, CheckLog())))
    places = overlays[-1].places if overlays else {}
    if data.bedomningsdatum != period_end:
        log.error(path, f"bedömningsdatumet {data.bedomningsdatum} hör inte till perioden",
                  column="bedomningsdatum", expected=str(period_end))
    rows = []
    text = read_text(path)
    steps = {s.id for s in data.skala}

    def where(a: int, g: int, part: str, label: str) -> dict:
        loc = ("malomraden", a, "namndmal", g, part)
        if loc in places:
            return places[loc].at()
        return {"file": path, "column": f"malomraden.{a + 1}.namndmal.{g + 1}.{part}",
                "label": label, "row": yaml_line(text, loc)}

    for a, area in enumerate(data.malomraden):
        for g, goal in enumerate(area.namndmal):
            rows.append({"malomrade": area.nr, "malomrade_namn": area.namn, "nr": goal.nr,
                         "namn": goal.namn,
                         "bedomning": GAP if (area.nr, goal.nr) in gaps else goal.bedomning,
                         "kommentar": goal.kommentar, "at": where(
                             a, g, "kommentar", f"nämndmål {area.nr}.{goal.nr}, kommentar")})
            at = where(a, g, "bedomning", f"nämndmål {area.nr}.{goal.nr}, bedömning")
            if (area.nr, goal.nr) in gaps:
                continue
            if goal.bedomning == NOT_STATED:
                log.warn(problem=f"ingen bedömning (ej_angiven): {goal.namn}",
                         expected="en bedömning ur skalan, om kommentaren anger en", **at)
            elif goal.bedomning not in steps:
                log.error(problem=f"bedömningen {goal.bedomning} finns inte i skalan",
                          expected="ett steg ur skala överst i filen", **at)
    if not rows:
        raise DataError(path, "inga nämndmål hittades", column="malomraden")
    log.ok("varje nämndmål har en bedömning ur skalan eller ett uttryckligt ej_angiven")
    goals = pd.DataFrame(rows)
    _check_repeated_sentences(goals, log)
    dump = data.model_dump()
    return Mal(dump, dump["skala"], goals.drop(columns=["kommentar", "at"]), forecast)


def _with_gaps(data: dict, gaps: set, placed: workbook.Overlay) -> workbook.Overlay:
    """A draft's goals: an empty comment or assessment is filled in with its gap, and the
    goals whose assessment is missing are named in gaps. The file's other errors leave no
    draft."""
    for area in data.get("malomraden") or []:
        for goal in area.get("namndmal") or [] if isinstance(area, dict) else []:
            if not isinstance(goal, dict):
                continue
            where = f"{area.get('nr')}.{goal.get('nr')}"
            if not str(goal.get("kommentar") or "").strip():
                goal["kommentar"] = marker(f"kommentar för nämndmål {where}")
            if not goal.get("bedomning"):
                goal["bedomning"] = NOT_STATED
                gaps.add((area.get("nr"), goal.get("nr")))
    return placed


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _sentences(text: str) -> set[str]:
    """The comment's longer sentences, normalised, for spotting copy-paste between goals."""
    return {" ".join(s.split()).lower() for s in _SENTENCE.split(text) if len(s) >= 40}


def _check_repeated_sentences(goals: pd.DataFrame, log: CheckLog) -> None:
    seen: dict[str, str] = {}
    repeated = 0
    for g in goals.itertuples():
        here = f"{g.malomrade}.{g.nr}"
        for sentence in sorted(_sentences(g.kommentar)):
            if sentence in seen and seen[sentence] != here:
                repeated += 1
                log.warn(problem=f"upprepar en mening från nämndmål {seen[sentence]}: "
                         f"”{sentence[:80]}…”", expected="en egen kommentar per nämndmål",
                         **g.at)
            seen.setdefault(sentence, here)
    if not repeated:
        log.ok("inga kommentarer upprepar meningar från ett annat nämndmål")


def indicator_text(mal: Mal, area_nr: int) -> str:
    area = mal.omrade(area_nr)
    text = "Inga indikatorer redovisas för perioden."
    if area.get("indikator_kommentar"):
        text += " " + area["indikator_kommentar"].strip()
    return text


def counts(mal: Mal) -> pd.DataFrame:
    """Number of nämndmål per målområde and assessment (columns in scale order)."""
    order = [s["id"] for s in mal.scale] + [NOT_STATED] + (
        [GAP] if (mal.goals["bedomning"] == GAP).any() else [])
    table = pd.crosstab(mal.goals["malomrade"], mal.goals["bedomning"])
    return table.reindex(columns=order, fill_value=0)


def figures(mal: Mal) -> dict[str, Figure]:
    out = {"mal_antal": Figure(str(len(mal.goals)), "antal nämndmål")}
    totals = counts(mal).sum()
    for assessment, n in totals.items():
        out[f"mal_antal_{assessment}"] = Figure(
            str(int(n)), f"antal nämndmål: {mal.label(assessment).lower()}")
    for area in mal.data["malomraden"]:
        out[f"mo{area['nr']}_namn"] = Figure(area["namn"], f"namnet på målområde {area['nr']}")
    return out
