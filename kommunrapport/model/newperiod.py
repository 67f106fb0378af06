"""Scaffolding a new period's data folder from an earlier one.

Structure carries over (verksamheter, projects, key figures, målområden and nämndmål); figures,
comments, analyses and assessments are emptied, so `make check` lists exactly what the writers
must fill in.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml

from ..common.errors import BuildError
from ..common.paths import DATA, KOMMUN, data_dir, namnder
from ..common.periods import Period
from ..sources import confirm, narrative
from ..sources.schemas import EXPECTED
from . import indicators

NUMBER_COLUMNS = set(EXPECTED) - {"kod"}


def _empty_csv(path: Path, with_prognos: bool) -> None:
    """Empty the figures; a period after December's årsredovisning gets its prognos column back."""
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = [name.strip() for name in rows[0]]
    if with_prognos and "budget" in header and "prognos" not in header:
        at = header.index("budget")
        rows = [row[:at] + [""] + row[at:] for row in rows]
        rows[0][at] = "prognos"
    numbers = [i for i, name in enumerate(rows[0]) if name.strip() in NUMBER_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow(["" if i in numbers else cell for i, cell in enumerate(row)])
    path.write_text(out.getvalue(), encoding="utf-8")


def _empty_text(path: Path, source_period: Period, board: str = "") -> None:
    """Keep the headings, put a placeholder where each paragraph was: the check lists them."""
    placeholder = (f"{narrative.PLACEHOLDER} Förra periodens text finns i "
                   f"data/{source_period}/{board}{narrative.FOLDER}/{path.name}.]")
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    kept = []
    for block in blocks:
        text = placeholder if not block.startswith("#") else block
        if not (kept and kept[-1] == text == placeholder):
            kept.append(text)
    path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")


def _dump(path: Path, data: dict, note: str) -> None:
    path.write_text(f"# {note}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                    width=100), encoding="utf-8")


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
    staging = data_root / f".{period}.ny"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    note = f"Skapad från {source_period}: fyll i det som make check PERIOD={period} listar."
    boards = namnder(source_period, data_root)
    if boards:
        kommun = yaml.safe_load((staging / KOMMUN).read_text(encoding="utf-8"))
        (staging / kommun["huvudbok"]["fil"]).unlink(missing_ok=True)
        if kommun.get("prognos"):
            (staging / kommun["prognos"].get("fil", "prognos.csv")).unlink(missing_ok=True)
        kommun["exempeldata"] = None
        _dump(staging / KOMMUN, kommun, note)
    for board in boards or [""]:
        _empty_board(staging / board, period, source_period, note, board)
    staging.rename(target)
    return target


def _empty_board(staging: Path, period: Period, source_period: Period, note: str,
                 board: str) -> None:
    for path in staging.glob("*.csv"):
        if path.stem != indicators.OWN_VALUES:  # earlier measurements stay: they are history
            _empty_csv(path, period.has_prognos)
    for path in staging.glob("*.xlsx"):
        path.unlink()  # an Excel export is replaced by the new period's export

    meta = yaml.safe_load((staging / "rapport.yaml").read_text(encoding="utf-8"))
    meta.update(period=str(period), beslutsdatum=None, exempeldata=None)
    _dump(staging / "rapport.yaml", meta, note)

    texts = yaml.safe_load((staging / "ekonomi.yaml").read_text(encoding="utf-8"))
    texts["prognosposter"] = {key: None for key in texts.get("prognosposter") or {}}
    texts["besparingar_tkr"] = None
    texts["analyser_drift"] = {key: "" for key in texts.get("analyser_drift") or {}}
    texts["analyser_investeringar"] = {k: "" for k in texts.get("analyser_investeringar") or {}}
    _dump(staging / "ekonomi.yaml", texts, note)

    goals = yaml.safe_load((staging / "mal.yaml").read_text(encoding="utf-8"))
    goals["bedomningsdatum"] = period.end.isoformat()
    for area in goals["malomraden"]:
        for goal in area["namndmal"]:
            goal.update(kommentar="", bedomning="", bedomning_grund=None)
    _dump(staging / "mal.yaml", goals, note)

    for path in (staging / narrative.FOLDER).glob("*.md"):
        _empty_text(path, source_period, f"{board}/" if board else "")

    confirm.write(staging, str(source_period))
