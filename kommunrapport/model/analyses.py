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
from ..sources import narrative
from ..sources.huvudbok.source import Tables
from ..sources.loading import yaml_line
from ..sources.schemas import EkonomiFil


class _Texts:
    """ekonomi.yaml, for findings that name an entry's line."""

    def __init__(self, folder: Path):
        self.path = folder / "ekonomi.yaml"
        try:
            self.text = read_text(self.path)
        except (OSError, DataError):
            self.text = ""

    def at(self, *key) -> dict:
        """The finding's column and row for the entry at key."""
        return {"column": ".".join(map(str, key)),
                "row": yaml_line(self.text, key) if self.text else None}


def _limit(limit: float) -> str:
    return f"gränsen {tkr(limit)} tkr"


def operating(drift: pd.DataFrame, split: pd.DataFrame, texts: EkonomiFil, log: CheckLog, *,
              placeholders: dict[int, int], folder: Path, tables: Tables, limit: float) -> int:
    """Per verksamhet: an analysed row (with figures) needs its text (an error); a deviation
    over the limit without one is missing (a warning); a placeholder row or an empty text of
    a verksamhet within it is removable. Returns how many are missing."""
    yaml, own_rows = _Texts(folder), tables.ledger is None
    analysis_file = tables.path("verksamhetsanalys")
    names = dict(zip(drift["kod"], drift["verksamhet"]))
    deviations = dict(zip(drift["kod"], drift["avvikelse"]))
    analysed = set(split["kod"])
    written = {k: (v or "").strip() for k, v in texts.analyser_drift.items()}
    missing = 0
    for kod in sorted(set(deviations) | analysed | set(placeholders) | set(written)):
        label = f"analys för {kod} {names.get(kod, '')}".rstrip()
        deviation = deviations.get(kod)
        says = (f"avvikelse {tkr(deviation)} tkr" if deviation is not None
                else "verksamheten finns inte i driftredovisningen")
        needed = deviation is not None and abs(deviation) > limit
        key = yaml.at("analyser_drift", kod)
        if kod in analysed and not written.get(kod):
            missing += 1
            log.error(yaml.path, f"texten saknas ({says})", label=label, expected="en text "
                      "som förklarar avvikelsen, under analyser_drift", **key)
        elif needed and kod not in analysed:
            missing += 1
            row = f" (rad {placeholders[kod]})" if kod in placeholders else ""
            where = f"intäkter och kostnader i {analysis_file.name}{row} och " if own_rows else ""
            log.warn(analysis_file if own_rows else yaml.path,
                     f"saknas ({says}, över {_limit(limit)})", kind=FILL, label=label,
                     row=placeholders.get(kod) if own_rows else key["row"],
                     expected=f"{where}en text under analyser_drift i ekonomi.yaml")
        elif not needed and kod not in analysed:
            reason = f"behövs inte: {says}, inom {_limit(limit)}" if deviation is not None else says
            if kod in placeholders:
                log.warn(analysis_file, reason, row=placeholders[kod], kind=REMOVABLE,
                         label=label, expected="ta bort raden (den har inga belopp)")
            if kod in written:
                log.warn(yaml.path, reason + ("; texten visas inte" if written[kod] else ""),
                         kind=REMOVABLE, label=label, expected="ta bort posten", **key)
    return missing


def investments(projects: pd.DataFrame, texts: EkonomiFil, folder: Path, limit: float,
                log: CheckLog) -> int:
    """Per project: a deviation over the limit needs a text (a warning if missing); an empty
    text of a project within it, or of no project, is removable. Returns how many are
    missing."""
    yaml = _Texts(folder)
    written = {k: (v or "").strip() for k, v in texts.analyser_investeringar.items()}
    deviations = dict(zip(projects["projekt"], projects["avvikelse"]))
    missing = 0
    for name in sorted(set(deviations) | set(written)):
        deviation, label = deviations.get(name), f"analys för projektet {name}"
        key = yaml.at("analyser_investeringar", name)
        if deviation is not None and abs(deviation) > limit and not written.get(name):
            missing += 1
            log.warn(yaml.path, f"saknas (avvikelse {tkr(deviation)} tkr, över "
                     f"{_limit(limit)})", kind=FILL, label=label, expected="en text som "
                     "förklarar avvikelsen, under analyser_investeringar", **key)
        elif deviation is None and written[name]:
            log.error(yaml.path, f"projektet '{name}' finns inte i investeringar",
                      label=label, expected="ett projektnamn ur investeringar", **key)
        elif name in written and not written[name]:
            reason = (f"behövs inte: avvikelse {tkr(deviation)} tkr, inom {_limit(limit)}"
                      if deviation is not None else "projektet finns inte i investeringar")
            log.warn(yaml.path, reason, kind=REMOVABLE, label=label,
                     expected="ta bort posten", **key)
    return missing


def quoted_items(texts: EkonomiFil, folder: Path, log: CheckLog) -> None:
    """A prognospost, or the savings, is needed when a text of the period quotes it; an empty
    one no text quotes is listed as removable (a one-off item of the period before)."""
    quoted, yaml = narrative.quoted(folder), _Texts(folder)
    for key, value in texts.prognosposter.items():
        if value is not None:
            continue
        if f"post_{key}" in quoted:
            log.error(yaml.path, f"värdet saknas; {quoted[f'post_{key}']} citerar det",
                      expected=EXPECTED_NUMBER + " (tkr, negativt för en kostnad)",
                      **yaml.at("prognosposter", key))
        else:
            log.warn(yaml.path, "ingen text citerar den", kind=REMOVABLE, expected="ta bort "
                     "posten, eller fyll i beloppet om en text ska citera den",
                     **yaml.at("prognosposter", key))
    if texts.besparingar_tkr is None and "besparingar_mnkr" in quoted:
        log.error(yaml.path, f"värdet saknas; {quoted['besparingar_mnkr']} citerar det",
                  expected=EXPECTED_NUMBER + " (tkr)", **yaml.at("besparingar_tkr"))


def pending(log: CheckLog, folder: Path, key: str, first: str) -> None:
    """The analyses of a table not yet filled in: decided once its figures are in (`first`
    says what to do before)."""
    what = "verksamheter" if key == "analyser_drift" else "projekt"
    log.warn(folder / "ekonomi.yaml", f"vilka {what} som behöver en analys avgörs av "
             "periodens avvikelser", column=key, kind=LATER, label=f"analyser, {key}",
             expected=f"{first}; make check listar sedan analyserna som behövs")
