"""Scaffolding a new period's data folder from an earlier one.

Structure carries over (verksamheter, projects, key figures, målområden and nämndmål); figures,
comments, analyses and assessments are emptied, so `make check` lists what the writers must
fill in; each nämnd gets arbetsbok.xlsx to write them in (model/workbook.py). Tables are written as CSV in UTF-8 with a byte order mark, so Swedish Excel opens
them with å, ä and ö intact. A source period that cannot be read (a YAML syntax error, a
file in an unknown encoding) is refused with its findings, before anything is written.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml

from ..common.checks import CheckLog, format_table
from ..common.errors import BuildError, DataError
from ..common.paths import DATA, KOMMUN, data_dir, namnder
from ..common.periods import Period
from ..common.reading import LOADER, read_text
from ..sources import confirm, kommunen, narrative, workbook, yaml_syntax
from ..sources.loading import column_key, xlsx_rows
from ..sources.schemas import NUMBER_COLUMNS
from . import indicators
from .workbook import write as write_workbook

_SCAFFOLDED = ["rapport.yaml", "ekonomi.yaml", "mal.yaml"]


def _delimiter(header: str) -> str:
    return ";" if ";" in header else "\t" if "\t" in header else ","


def _table(path: Path) -> tuple[list[list], str]:
    """A CSV's rows and separator, or an Excel sheet's rows (written back as ';' CSV)."""
    if path.suffix == ".xlsx":
        return xlsx_rows(path, path.stem), ";"
    text = read_text(path)
    delimiter = _delimiter(text.split("\n", 1)[0])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), delimiter


def _empty_table(path: Path, with_prognos: bool) -> None:
    """Empty the figures; a period after December's årsredovisning gets its prognos column
    back. Written as CSV beside (or instead of) the source's file."""
    rows, delimiter = _table(path)
    if not rows:
        return
    header = [column_key(name) for name in rows[0]]
    if with_prognos and "budget" in header and "prognos" not in header:
        at = header.index("budget")
        rows = [list(row[:at]) + [""] + list(row[at:]) for row in rows]
        rows[0][at], header = "prognos", header[:at] + ["prognos"] + header[at:]
    numbers = {i for i, name in enumerate(header) if name in NUMBER_COLUMNS}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow(["" if i in numbers else cell for i, cell in enumerate(row)])
    path.unlink()
    path.with_suffix(".csv").write_text(out.getvalue(), encoding="utf-8-sig")


def _empty_text(path: Path, source_period: Period, board: str = "") -> None:
    """Keep the headings, put a placeholder where each paragraph was: the check lists them."""
    placeholder = (f"{narrative.PLACEHOLDER} Förra periodens text finns i "
                   f"data/{source_period}/{board}{narrative.FOLDER}/{path.name}.]")
    blocks = read_text(path).strip().split("\n\n")
    kept = []
    for block in blocks:
        text = placeholder if not block.startswith("#") else block
        if not (kept and kept[-1] == text == placeholder):
            kept.append(text)
    path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")


def _load(path: Path) -> dict:
    """A YAML file the source period has (checked readable by _readable); {} when absent."""
    if not path.is_file():
        return {}
    data = yaml.load(read_text(path), Loader=LOADER)
    return data if isinstance(data, dict) else {}


def _dump(path: Path, data: dict, note: str) -> None:
    path.write_text(f"# {note}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                    width=100), encoding="utf-8")


def _readable(source: Path, boards: list[str]) -> None:
    """Refuse a source period whose files cannot be read as new-period reads them: every
    problem at once, as make check names them, and nothing written."""
    log = CheckLog()
    folders = [source / board for board in boards] or [source]
    folders += [kommunen.folder(source)] if kommunen.has_report(source) else []
    files = [source / KOMMUN] if boards else []
    for folder in folders:
        files += [folder / name for name in _SCAFFOLDED]
        files += sorted(folder.glob("*.csv")) + sorted(
            p for p in folder.glob("*.xlsx") if p.name != workbook.NAME)  # its texts: a help
        files += sorted((folder / narrative.FOLDER).glob("*.md"))
    for path in files:
        if not path.is_file():
            continue
        try:
            if path.suffix in (".csv", ".xlsx"):
                _table(path)
                continue
            text = read_text(path)
            if path.suffix == ".yaml":
                data, _, errors = yaml_syntax.parse(path, text)
                for error in errors:
                    log.add(error)
                if not errors and data is not None and not isinstance(data, dict):
                    log.error(path, "filen saknar nycklar", expected="nyckel: värde på varje rad")
        except DataError as exc:
            log.add(exc)
        except Exception as exc:  # noqa: BLE001 - ours, not the file's: one line, details logged
            log.internal(exc, path)
    if log.findings:
        raise BuildError(f"Perioden {source.name} kan inte användas som förlaga förrän det här "
                         f"är rättat (inget har skapats):\n{format_table(log)}")


def new_period(period_text: str, from_text: str, data_root: Path = DATA) -> Path:
    """data/<period>/ from an earlier period: every nämnd's folder (or the period's one
    board) emptied of figures and prose, structure kept; the ledger export and a separate
    prognos file are left out, since the new period's replace them."""
    period, source_period = Period.parse(period_text), Period.parse(from_text)
    source = data_root / str(source_period)
    data_dir(source_period, data_root)  # a clear message when the source period is missing
    target = data_root / str(period)
    if target.exists():
        raise BuildError(f"Mappen {target} finns redan; den skrivs inte över.")
    boards = namnder(source_period, data_root)
    _readable(source, boards)
    staging = data_root / f".{period}.ny"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(source, staging)
        note = f"Skapad från {source_period}: fyll i det som make check PERIOD={period} listar."
        if boards:
            kommun = _load(staging / KOMMUN)
            for part, default in (("huvudbok", "huvudbok.csv"), ("prognos", "prognos.csv")):
                spec = kommun.get(part)
                if isinstance(spec, dict):
                    (staging / str(spec.get("fil") or default)).unlink(missing_ok=True)
            kommun["exempeldata"] = None
            _dump(staging / KOMMUN, kommun, note)
        for board in boards or [""]:
            _empty_board(staging / board, period, source_period, note=note, board=board,
                         source=source / board if board else source)
        if kommunen.has_report(staging):
            _empty_kommun(kommunen.folder(staging), period, source_period, note)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _empty_board(staging: Path, period: Period, source_period: Period, *, note: str,
                 board: str, source: Path) -> None:
    (staging / workbook.NAME).unlink(missing_ok=True)  # written anew below, from source's
    for path in sorted(staging.glob("*.csv")) + sorted(staging.glob("*.xlsx")):
        if path.stem != indicators.OWN_VALUES:  # earlier measurements stay: they are history
            _empty_table(path, period.has_prognos)

    if (staging / "rapport.yaml").is_file():
        meta = _load(staging / "rapport.yaml")
        meta.update(period=str(period), beslutsdatum=None, exempeldata=None)
        _dump(staging / "rapport.yaml", meta, note)

    if (staging / "ekonomi.yaml").is_file():
        texts = _load(staging / "ekonomi.yaml")
        for key, empty in (("prognosposter", None), ("analyser_drift", ""),
                           ("analyser_investeringar", "")):
            entries = texts.get(key)
            texts[key] = {k: empty for k in entries} if isinstance(entries, dict) else {}
        texts["besparingar_tkr"] = None
        _dump(staging / "ekonomi.yaml", texts, note)

    if (staging / "mal.yaml").is_file():
        goals = _load(staging / "mal.yaml")
        goals["bedomningsdatum"] = period.end.isoformat()
        for area in goals.get("malomraden") or []:
            for goal in (area.get("namndmal") or []) if isinstance(area, dict) else []:
                if isinstance(goal, dict):
                    goal.update(kommentar="", bedomning="", bedomning_grund=None)
        _dump(staging / "mal.yaml", goals, note)

    for path in (staging / narrative.FOLDER).glob("*.md"):
        _empty_text(path, source_period, f"{board}/" if board else "")
    confirm.write(staging, str(source_period), str(period))
    if (staging / "mal.yaml").is_file() or (staging / "ekonomi.yaml").is_file():
        write_workbook(staging, period, source, source_period, figures_in=False)


def _empty_kommun(staging: Path, period: Period, source_period: Period, note: str) -> None:
    """The municipality's own report (kommunen/): its figures and texts emptied; a commitment
    outside the balansräkning keeps its opening balance (the last year-end's closing one,
    after a December) and asks for the period's."""
    for path in sorted(staging.glob("*.csv")) + sorted(staging.glob("*.xlsx")):
        _empty_table(path, period.has_prognos)
    meta = _load(staging / "rapport.yaml")
    meta.update(period=str(period), beslutsdatum=None, exempeldata=None)
    for key in ("pensionsforpliktelser", "borgensataganden"):
        commitment = meta.get(key)
        if isinstance(commitment, dict):
            if source_period.month == 12 and period.year > source_period.year:
                commitment["ib"] = commitment.get("ub")
            commitment["ub"] = None
    _dump(staging / "rapport.yaml", meta, note)
    for path in (staging / narrative.FOLDER).glob("*.md"):
        _empty_text(path, source_period, f"{kommunen.FOLDER}/")
    confirm.write(staging, str(source_period), str(period))
