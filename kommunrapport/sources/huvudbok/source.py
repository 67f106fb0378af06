"""Where a nämnd's ekonomi tables come from: its own report-shaped files, or the
municipality's ledger. Never both: a nämnd with rows in the ledger and files of its own is
an error, since either could be stale."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import BaseModel

from ...common.checks import CheckLog, Finding
from ...common.errors import DataError
from ...common.paths import KOMMUN
from ...common.periods import Period
from ..loading import read_export, validate
from . import aggregate

TABLES = ["resultat", "driftredovisning", "verksamhetsanalys", "investeringar"]

_cache: dict[tuple, tuple[aggregate.Ledger | None, list[Finding], Exception | None]] = {}


def _stamp(folder: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                 for p in sorted(folder.iterdir()) if p.is_file())


def ledger(period_folder: Path, log: CheckLog) -> aggregate.Ledger:
    """The period's ledger, read once per process while its files are unchanged (every
    nämnd and every earlier-period comparison reads it); its findings are given each time."""
    key = (str(period_folder.resolve()), _stamp(period_folder))
    if key not in _cache:
        own = CheckLog()
        try:
            has_prognos = Period.parse(period_folder.name).has_prognos
            result, error = aggregate.load(period_folder, own, has_prognos), None
        except Exception as exc:  # noqa: BLE001 - replayed below, as the first time
            result, error = None, exc
        _cache.clear()  # one period's ledger at a time is plenty
        _cache[key] = (result, own.findings, error)
    result, findings, error = _cache[key]
    log.findings.extend(findings)
    if error:
        raise error
    aggregate.check_reconciled(result, log)
    return result


def uses_ledger(folder: Path) -> bool:
    return (folder.parent / KOMMUN).is_file()


@dataclass
class Tables:
    """A nämnd's four ekonomi tables, read as validated rows: from its own files, or computed
    from the municipality's ledger (in memory). Findings name `path(stem)`: the file, or for
    the ledger's tables the table's name, which the caller words as computed from `ledger`."""
    folder: Path
    ledger: str | None = None        # the ledger's file name, when computed from it
    net_prognos: str | None = None   # 'verksamhet' or 'ansvar': the separate file's level
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def path(self, stem: str) -> Path:
        return self.folder / f"{stem}.csv"

    def records(self, stem: str, model: type[BaseModel], log: CheckLog, required=None,
                may_be_empty: bool = False) -> tuple[Path, list[tuple[int, BaseModel]]]:
        """The table's rows, validated (loading.read_export's contract)."""
        if self.ledger is None:
            return read_export(self.folder, stem, model, log, required,
                               may_be_empty=may_be_empty)
        # Computed from the ledger: validated, and asked of, as a file's rows would be.
        rows = [{k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
                 for k, v in row.items()} for row in self.frames[stem].to_dict("records")]
        path = self.path(stem)
        return path, validate(path, list(enumerate(rows, start=2)), model, log, required)


def tables(folder: Path, period: Period, limit_tkr: float, log: CheckLog) -> Tables:
    """The nämnd's tables: its own files, or those the ledger gives it."""
    own = [t for t in TABLES if any(folder.glob(f"{t}.*"))]
    if not uses_ledger(folder):
        return Tables(folder)
    book = ledger(folder.parent, log)
    has_rows = (book.rows["namnd"] == folder.name).any()
    if own and has_rows:
        raise DataError(folder / f"{own[0]}.csv", "nämnden har både egna ekonomitabeller och "
                        f"rader i {book.path.name}", expected="det ena eller det andra: ta bort "
                        "tabellerna, eller nämndens ansvar ur kommun.yaml")
    if own or not has_rows:
        return Tables(folder)
    frames = aggregate.tables(book, folder.name, period.has_prognos, limit_tkr)
    return Tables(folder, book.path.name,
                  book.kommun.prognos.niva if book.prognos is not None else None, frames)
