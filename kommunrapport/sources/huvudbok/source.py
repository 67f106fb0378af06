"""Where a nämnd's ekonomi tables come from: its own report-shaped files, or the
municipality's ledger. Never both: a nämnd with rows in the ledger and files of its own is
an error, since either could be stale."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from ...common.checks import CheckLog, Finding
from ...common.errors import DataError
from ...common.paths import KOMMUN
from ...common.periods import Period
from . import aggregate

TABLES = ["resultat", "driftredovisning", "verksamhetsanalys", "investeringar"]
# Generated tables are written here and read like the hand-made files; checks.py names them
# "… (beräknad från huvudboken)".
GENERATED = "fran-huvudbok"
# Beside the generated tables when the prognos is the separate, coarser file: its level
# (verksamhet or ansvar), so the tables' missing intäkt and kostnad prognoses are expected.
PROGNOS_LEVEL = "prognosniva.txt"
# Beside them too: the ledger's file name, so that findings name the file the user has.
SOURCE = "huvudbok.txt"
_SCRATCH = Path(tempfile.gettempdir()) / f"kommunrapport-{os.getpid()}-huvudbok"
atexit.register(shutil.rmtree, _SCRATCH, True)

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


def tables_folder(folder: Path, period: Period, limit_tkr: float, log: CheckLog) -> Path:
    """The folder holding the nämnd's resultat.csv, driftredovisning.csv, … to read."""
    own = [t for t in TABLES if any(folder.glob(f"{t}.*"))]
    if not uses_ledger(folder):
        return folder
    book = ledger(folder.parent, log)
    has_rows = (book.rows["namnd"] == folder.name).any()
    if own and has_rows:
        raise DataError(folder / f"{own[0]}.csv", "nämnden har både egna ekonomitabeller och "
                        f"rader i {book.path.name}", expected="det ena eller det andra: ta bort "
                        "tabellerna, eller nämndens ansvar ur kommun.yaml")
    if own or not has_rows:
        return folder
    target = _SCRATCH / str(period) / folder.name / GENERATED
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    aggregate.write_tables(aggregate.tables(book, folder.name, period.has_prognos, limit_tkr), target)
    (target / SOURCE).write_text(book.path.name, encoding="utf-8")
    if book.prognos is not None:
        (target / PROGNOS_LEVEL).write_text(book.kommun.prognos.niva, encoding="utf-8")
    return target


def generated_from(tables: Path) -> str | None:
    """The ledger's file name when the tables were computed from it; None for a nämnd's own."""
    marker = tables / SOURCE
    return marker.read_text(encoding="utf-8") if marker.is_file() else None


def prognos_level(tables: Path) -> str | None:
    """'verksamhet' or 'ansvar' when the tables' prognos came from the separate prognos file."""
    marker = tables / PROGNOS_LEVEL
    return marker.read_text(encoding="utf-8") if marker.is_file() else None
