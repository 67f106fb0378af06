"""A period's whole report data, loaded and checked (its figures in words: figures.py)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..common.checks import ERROR, CheckLog, ChecksFailed, display_name
from ..common.gaps import Missing, Saknas
from ..common.paths import KOMMUN, NOTEBOOKS, data_dir, slug
from ..common.periods import Period
from ..common.reading import reading
from ..sources import confirm, narrative
from ..sources.huvudbok import aggregate, organisation, source
from ..sources.huvudbok.source import uses_ledger
from ..sources.loading import attempt, read_yaml
from ..sources.schemas import Kontroller, RapportFil
from . import ekonomi, history, indicators, mal, personal, quoted, verksamhet
from .figures import figures


@dataclass
class Report:
    period: Period
    folder: Path
    meta: RapportFil
    ekonomi: ekonomi.Ekonomi
    personal: pd.DataFrame
    mal: mal.Mal
    verksamhet: pd.DataFrame
    indikatorer: indicators.Indicators
    checks: CheckLog
    prognoser: list[history.Forecast]  # the year's reports in data/, ending with this one
    personal_jamforelse: str           # where last year's personal figures come from
    avstamning: pd.DataFrame | None = None  # the ledger's reconciliation, when there is one
    avstamning_prognos: pd.DataFrame | None = None  # and the separate prognos file's
    draft: bool = False  # open items remain: shown with marked gaps, never published

    @property
    def title(self) -> str:
        return f"{self.period.kind} {self.period.months}"

    @property
    def name(self) -> str:
        """Whose report it is: the nämnd."""
        return self.meta.namnd

    @property
    def organisation(self) -> str:
        return self.meta.organisation

    @property
    def decided_by(self) -> str:
        return self.meta.namnd.lower()

    @property
    def pdf_name(self) -> str:
        """delarsrapport-2025-08-kommunstyrelsen.pdf"""
        return f"{slug(self.period.kind)}-{self.period}-{slug(self.meta.namnd)}.pdf"


def check(period: str | Period, data_root: Path | str | None = None,
          notebooks: Path = NOTEBOOKS, namnd: str | None = None, *,
          draft: bool = False) -> tuple[Report | None, CheckLog]:
    """Read and check every file of the nämnd's period (the period's only board, or with
    several nämnder the one named, by default the first); the Report only without errors,
    or with `draft` as far as its files can be read (Report.draft: open items remain)."""
    period = period if isinstance(period, Period) else Period.parse(period)
    folder = data_dir(period, data_root, namnd)
    root = folder.parent.parent if uses_ledger(folder) else folder.parent
    log = CheckLog()
    if not (folder / "rapport.yaml").is_file() and any(folder.glob("*/rapport.yaml")) \
            and not uses_ledger(folder):  # the nämnder's folders without their kommun.yaml
        log.error(folder / KOMMUN, "filen saknas", expected="kommun.yaml med nämnderna och "
                  "huvudbokens kolumner, eftersom perioden har en mapp per nämnd")
        return None, log
    if (folder / KOMMUN).is_file():  # kommun.yaml names no nämnd it can be read for
        attempt(log, lambda: organisation.load(folder, log))
        if not log.errors:
            log.error(folder / KOMMUN, "inga nämnder", column="namnder",
                      expected="en lista med nämnderna: id (mappens namn), namn och ansvar")
        return None, log
    meta = attempt(log, lambda: read_yaml(folder / "rapport.yaml", RapportFil, log))
    if meta and meta.period != str(period):
        log.error(folder / "rapport.yaml", f"filen gäller perioden {meta.period}", column="period",
                  expected=f"{period}, som mappen den ligger i")
    elif meta:
        log.ok("perioden i rapport.yaml stämmer med mappen")
    limit = meta.kontroller.analysgrans_tkr if meta else Kontroller().analysgrans_tkr
    board = folder.name if uses_ledger(folder) else slug(meta.namnd) if meta else None
    said = attempt(log, lambda: narrative.quoted(folder, notebooks)) or {}  # texts, chapters
    last_year = history.last_year_ids(period, root, board)
    parts = {
        "personal": _part(log, "personal", lambda: personal.load(
            folder, log, quoted.personal_needs(said, last_year))),
        "mal": _part(log, "mal", lambda: mal.load(folder, period.end, log, period.has_prognos,
                                           draft=draft)),
        "verksamhet": _part(log, "verksamhet", lambda: verksamhet.load(
            folder, log, quoted.verksamhet_needs(said))),
        "ekonomi": _part(log, "ekonomi", lambda: ekonomi.load(folder, period, limit, log)),
        "indikatorer": _part(log, "indikatorer", lambda: indicators.load(
            folder, period, meta.kommunkod if meta else None, log)),
    }
    attempt(log, lambda: confirm.check(folder, log))
    if not isinstance(parts["mal"], Missing) and not isinstance(parts["indikatorer"], Missing):
        indicators.check_goals(parts["indikatorer"], parts["mal"], folder, log)
    if log.errors and not (draft and meta):
        narrative.check(folder, None, log, notebooks)
        return None, log
    rep = _assemble(period, folder, meta, parts, log, root=root, board=board)
    if log.errors:  # a draft: the figures there are, no check of the texts' keys against them
        narrative.check(folder, None, log, notebooks)
        rep.draft = True
        return rep, log
    keys = attempt(log, lambda: set(figures(rep)))
    if keys is None:
        return None, log
    narrative.check(folder, keys, log, notebooks)
    narrative.check_fields(keys, log, notebooks)
    reading(None)  # an unexpected error after this is not the data's
    return (None if log.errors else rep), log


# What a draft says is missing when a part's files have errors.
_PART_WORDS = {"personal": "personalens nyckeltal", "mal": "målen",
               "verksamhet": "verksamhetens nyckeltal", "ekonomi": "ekonomins siffror",
               "indikatorer": "indikatorerna"}


def _part(log: CheckLog, name: str, load):
    """One part of the report, or (its files had errors) a Missing naming them."""
    seen = len(log.findings)
    found = attempt(log, load)
    if found is not None:
        return found
    files = sorted({display_name(f.file) for f in log.findings[seen:] if f.level == ERROR})
    return Missing(_PART_WORDS[name] + (f" ({', '.join(files)})" if files else ""))


def _assemble(period: Period, folder: Path, meta: RapportFil, parts: dict, log: CheckLog, *,
              root: Path, board: str | None) -> Report:
    """The Report from its parts; in a draft, what depends on a missing part is missing too."""
    try:
        staff, compared = history.previous_year(period, root, board, parts["personal"], log)
    except Saknas:
        staff, compared = parts["personal"], ""
    try:
        forecasts = history.forecasts(period, root, board, parts["ekonomi"].resultat, log)
    except Saknas as gap:
        forecasts = Missing(str(gap))
    # A draft's ledger may be the part that is missing: then so are its reconciliations.
    ledger = (attempt(CheckLog(), lambda: reconciliations(folder)) or (None, None)
              if log.errors else reconciliations(folder))
    return Report(period, folder, meta, parts["ekonomi"], staff, parts["mal"],
                  parts["verksamhet"], parts["indikatorer"], log, forecasts, compared, *ledger)


def reconciliations(folder: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Where every krona of the ledger, and of the separate prognos file, went."""
    if not uses_ledger(folder):
        return None, None
    ledger = source.ledger(folder.parent, CheckLog())
    return aggregate.reconciliation(ledger), aggregate.prognos_reconciliation(ledger)


def load(period: str | Period, data_root: Path | str | None = None,
         notebooks: Path = NOTEBOOKS, namnd: str | None = None) -> Report:
    """The checked Report; ChecksFailed lists every error found."""
    rep, log = check(period, data_root, notebooks, namnd)
    if rep is None:
        raise ChecksFailed(log)
    return rep
