"""What the period's own figures ask of ekonomi.yaml and verksamhetsanalys.csv: an analysis of
each verksamhet and project whose deviation exceeds the limit, named with code and name; a
prognospost, or the savings, when a text quotes it. An entry carried over that no longer
applies (an analysis of a verksamhet now within the limit, a one-off prognospost) is listed as
removable, not as missing; before the figures are in, the analyses are listed as decided
later."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.checks import FILL, LATER, REMOVABLE, CheckLog
from ..common.errors import DataError
from ..common.formatting import tkr
from ..common.parsing import EXPECTED_NUMBER
from ..common.reading import read_text
from ..sources import narrative, workbook
from ..sources.huvudbok.source import Tables
from ..sources.schemas import EkonomiFil


class _Texts:
    """ekonomi.yaml or the workbook, for findings that name an entry's line or cell."""

    def __init__(self, folder: Path):
        self.folder, self.path = folder, folder / "ekonomi.yaml"
        try:
            self.text = read_text(self.path)
        except (OSError, DataError):
            self.text = ""

    def at(self, *key) -> dict:
        """The finding's file, column and row for the entry at key (workbook.where)."""
        return workbook.where(self.folder, key, self.path, self.text)

    def error(self, log: CheckLog, key: tuple, problem: str, **finding) -> None:
        log.error(problem=problem, **{**finding, **self.at(*key)})

    def warn(self, log: CheckLog, key: tuple, problem: str, **finding) -> None:
        log.warn(problem=problem, **{**finding, **self.at(*key)})

    def under(self, key: str, named: bool = False) -> str:
        """Where a person writes the entries of `key`, in words (`named`: with the file)."""
        if key in workbook.entries(self.folder):
            return f"i {workbook.NAME}, blad {workbook.ANALYSES}"
        return f"under {key}" + (" i ekonomi.yaml" if named else "")


def _limit(limit: float) -> str:
    return f"gränsen {tkr(limit)} tkr"


def needed(deviations: dict, limit: float) -> set:
    """The verksamheter or projects whose deviation exceeds the limit: each needs an
    analysis."""
    return {k for k, d in deviations.items() if d is not None and abs(d) > limit}


def operating(drift: pd.DataFrame, split: pd.DataFrame, texts: EkonomiFil, log: CheckLog, *,
              placeholders: dict[int, int], folder: Path, tables: Tables, limit: float) -> int:
    """Per verksamhet: an analysed row (with figures) needs its text (an error); a deviation
    over the limit without one is missing (a warning); a placeholder row or an empty text of
    a verksamhet within it is removable. Returns how many are missing."""
    yaml, own_rows = _Texts(folder), tables.ledger is None
    analysis_file = tables.path("verksamhetsanalys")
    names = dict(zip(drift["kod"], drift["verksamhet"]))
    deviations = dict(zip(drift["kod"], drift["avvikelse"]))
    over = needed(deviations, limit)
    analysed = set(split["kod"])
    written = {k: (v or "").strip() for k, v in texts.analyser_drift.items()}
    under, named = yaml.under("analyser_drift"), yaml.under("analyser_drift", named=True)
    missing = 0
    for kod in sorted(set(deviations) | analysed | set(placeholders) | set(written)):
        label = f"analys för {kod} {names.get(kod, '')}".rstrip()
        deviation = deviations.get(kod)
        says = (f"avvikelse {tkr(deviation)} tkr" if deviation is not None
                else "verksamheten finns inte i driftredovisningen")
        key = ("analyser_drift", kod)
        if kod in analysed and not written.get(kod):
            missing += 1
            yaml.error(log, key, f"texten saknas ({says})", label=label,
                       expected=f"en text som förklarar avvikelsen, {under}")
        elif kod in over and kod not in analysed:
            missing += 1
            row = f" (rad {placeholders[kod]})" if kod in placeholders else ""
            where = f"intäkter och kostnader i {analysis_file.name}{row} och " if own_rows else ""
            finding = dict(kind=FILL, label=label, expected=f"{where}en text {named}")
            if own_rows:
                log.warn(analysis_file, f"saknas ({says}, över {_limit(limit)})",
                         row=placeholders.get(kod), **finding)
            else:
                yaml.warn(log, key, f"saknas ({says}, över {_limit(limit)})", **finding)
        elif kod not in over and kod not in analysed:
            reason = f"behövs inte: {says}, inom {_limit(limit)}" if deviation is not None else says
            if kod in placeholders:
                log.warn(analysis_file, reason, row=placeholders[kod], kind=REMOVABLE,
                         label=label, expected="ta bort raden (den har inga belopp)")
            if kod in written:
                yaml.warn(log, key, reason + ("; texten visas inte" if written[kod] else ""),
                          kind=REMOVABLE, label=label, expected=_remove(yaml, key))
    return missing


def _remove(yaml: _Texts, key: tuple) -> str:
    return "ta bort raden" if yaml.at(*key)["file"].name == workbook.NAME else "ta bort posten"


def investments(projects: pd.DataFrame, texts: EkonomiFil, folder: Path, limit: float,
                log: CheckLog) -> int:
    """Per project: a deviation over the limit needs a text (a warning if missing); an empty
    text of a project within it, or of no project, is removable. Returns how many are
    missing."""
    yaml = _Texts(folder)
    written = {k: (v or "").strip() for k, v in texts.analyser_investeringar.items()}
    deviations = dict(zip(projects["projekt"], projects["avvikelse"]))
    over = needed(deviations, limit)
    under = yaml.under("analyser_investeringar")
    missing = 0
    for name in sorted(set(deviations) | set(written)):
        deviation, label = deviations.get(name), f"analys för projektet {name}"
        key = ("analyser_investeringar", name)
        if name in over and not written.get(name):
            missing += 1
            yaml.warn(log, key, f"saknas (avvikelse {tkr(deviation)} tkr, över "
                      f"{_limit(limit)})", kind=FILL, label=label,
                      expected=f"en text som förklarar avvikelsen, {under}")
        elif deviation is None and written[name]:
            yaml.error(log, key, f"projektet '{name}' finns inte i investeringar",
                       label=label, expected="ett projektnamn ur investeringar")
        elif name in written and not written[name]:
            reason = (f"behövs inte: avvikelse {tkr(deviation)} tkr, inom {_limit(limit)}"
                      if deviation is not None else "projektet finns inte i investeringar")
            yaml.warn(log, key, reason, kind=REMOVABLE, label=label,
                      expected=_remove(yaml, key))
    return missing


def quoted_items(texts: EkonomiFil, folder: Path, log: CheckLog) -> None:
    """A prognospost, or the savings, is needed when a text of the period quotes it; an empty
    one no text quotes is listed as removable (a one-off item of the period before)."""
    quoted, yaml = narrative.quoted(folder), _Texts(folder)
    for key, value in texts.prognosposter.items():
        if value is not None:
            continue
        at = ("prognosposter", key)
        if f"post_{key}" in quoted:
            yaml.error(log, at, f"värdet saknas; {quoted[f'post_{key}']} citerar det",
                       expected=EXPECTED_NUMBER + " (tkr, negativt för en kostnad)")
        else:
            yaml.warn(log, at, "ingen text citerar den", kind=REMOVABLE, expected=(
                _remove(yaml, at) + ", eller fyll i beloppet om en text ska citera den"))
    if texts.besparingar_tkr is None and "besparingar_mnkr" in quoted:
        yaml.error(log, ("besparingar_tkr",), f"värdet saknas; {quoted['besparingar_mnkr']} "
                   "citerar det", expected=EXPECTED_NUMBER + " (tkr)")


def pending(log: CheckLog, folder: Path, key: str, first: str) -> None:
    """The analyses of a table not yet filled in: decided once its figures are in (`first`
    says what to do before)."""
    what = "verksamheter" if key == "analyser_drift" else "projekt"
    _Texts(folder).warn(log, (key,), f"vilka {what} som behöver en analys avgörs av "
                        "periodens avvikelser", kind=LATER, label=f"analyser, {key}",
                        expected=f"{first}; make check listar sedan analyserna som behövs")
