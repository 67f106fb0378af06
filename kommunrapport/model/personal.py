"""Personal: key figures of the period against the same period the year before."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.formatting import NBSP, Figure, compact, number
from ..sources import workbook
from ..sources.loading import check_unique, read_export
from ..sources.schemas import PersonalRow


def load(folder: Path, log: CheckLog, required=None) -> pd.DataFrame:
    """The personnel figures; `required` names a row's last-year value when something quotes
    a figure made from it (quoted.py)."""
    sheet = workbook.sheet(folder, workbook.STAFF, log)
    exported = any(folder.glob("personal.*"))
    if sheet and sheet.rows and exported:
        raise DataError(sheet.path, "personalens nyckeltal finns både här och i "
                        "personalexporten", column=f"blad {workbook.STAFF}",
                        expected="nyckeltalen på ett ställe: exporten, eller bladet "
                        "Personal när ingen export finns")
    from_book = None if exported else workbook.staff(folder, PersonalRow, log, required)
    path, records = from_book or read_export(folder, "personal", PersonalRow, log, required)
    frame = pd.DataFrame([{**m.model_dump(), "_rad": row} for row, m in records])
    check_unique(frame, "id", path)
    log.ok("personalens nyckeltal har unika id")
    frame["forandring"] = frame["varde"] - frame["foregaende_ar"]
    return frame.set_index("id", drop=False)


def format_value(unit: str, value: float, decimals: int | None = None) -> str:
    """968,4 (årsarbetare); 7,96 % (procent); 136 (antal). With decimals, that many."""
    shown = compact(value) if decimals is None else number(value, decimals)
    return shown + (NBSP + "%" if unit == "procent" else "")


def _decimals(*values: float) -> int:
    """The decimals a row's values need, so that this year and last year read alike
    (44,0 % beside 41,3 %)."""
    return max((len(compact(v).partition(",")[2]) for v in values if pd.notna(v)), default=0)


def figures(frame: pd.DataFrame) -> dict[str, Figure]:
    """Glue values: personal_<id>, personal_<id>_fg (previous year) and _forandring (absolute)."""
    out = {}
    for key, r in frame.iterrows():
        name, unit = r["nyckeltal"], r["enhet"]
        when = f" ({r['avser']})" if r["avser"] else ""
        out[f"personal_{key}"] = Figure(compact(r["varde"]), f"{name}{when}, {unit}")
        out[f"personal_{key}_avser"] = Figure(r["avser"], f"{name}: vad värdet avser")
        out[f"personal_{key}_med_enhet"] = Figure(format_value(unit, r["varde"]),
                                                  f"{name}{when}, med enhet")
        if pd.notna(r["foregaende_ar"]):
            out[f"personal_{key}_fg"] = Figure(compact(r["foregaende_ar"]),
                                               f"{name}: föregående år, {unit}")
            out[f"personal_{key}_forandring"] = Figure(
                compact(abs(r["forandring"])),
                f"{name}: förändring sedan föregående år, utan tecken, {unit}")
            out[f"personal_{key}_riktning"] = Figure(
                "en ökning" if r["forandring"] > 0 else
                "en minskning" if r["forandring"] < 0 else "oförändrat",
                f"{name}: förändringen i ord (en ökning, en minskning, oförändrat)")
    return out


def format_change(unit: str, change: float) -> str:
    """A change with its sign, as the indicators' (+12,6; −11; 0); between two percentages in
    procentenheter (+0,69 procentenheter), never in per cent."""
    if pd.isna(change):
        return ""
    text = compact(change)
    if change > 0 and text != "0":
        text = "+" + text
    return text + (NBSP + "procentenheter" if unit == "procent" else "")


def table(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each figure with its unit (968,4; 7,96 %), last year's beside it and the change."""
    decimals = [_decimals(v, fg) for v, fg in zip(frame["varde"], frame["foregaende_ar"])]

    def values(column):
        return [format_value(u, v, d) if pd.notna(v) else ""
                for u, v, d in zip(frame["enhet"], frame[column], decimals)]
    return pd.DataFrame({
        "Nyckeltal": frame["nyckeltal"],
        "Avser": frame["avser"],
        str(year): values("varde"),
        str(year - 1): values("foregaende_ar"),
        "Förändring": [format_change(u, c) for u, c in zip(frame["enhet"], frame["forandring"])],
    }).reset_index(drop=True)
