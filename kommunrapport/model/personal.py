"""Personal: key figures of the period against the same period the year before."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.formatting import NBSP, compact
from ..sources.loading import check_unique, read_export
from ..sources.schemas import PersonalRow


def load(folder: Path, log: CheckLog, required=None) -> pd.DataFrame:
    """The personnel figures; `required` names a row's last-year value when something quotes
    a figure made from it (quoted.py)."""
    path, records = read_export(folder, "personal", PersonalRow, log, required)
    frame = pd.DataFrame([{**m.model_dump(), "_rad": row} for row, m in records])
    check_unique(frame, "id", path)
    log.ok("personalens nyckeltal har unika id")
    frame["forandring"] = frame["varde"] - frame["foregaende_ar"]
    return frame.set_index("id", drop=False)


def format_value(unit: str, value: float) -> str:
    """968,4 (årsarbetare); 7,96 % (procent); 136 (antal)."""
    return compact(value) + (NBSP + "%" if unit == "procent" else "")


def figures(frame: pd.DataFrame) -> dict[str, str]:
    """Glue values: personal_<id>, personal_<id>_fg (previous year) and _forandring (absolute)."""
    out = {}
    for key, r in frame.iterrows():
        out[f"personal_{key}"] = compact(r["varde"])
        out[f"personal_{key}_avser"] = r["avser"]
        out[f"personal_{key}_med_enhet"] = format_value(r["enhet"], r["varde"])
        if pd.notna(r["foregaende_ar"]):
            out[f"personal_{key}_fg"] = compact(r["foregaende_ar"])
            out[f"personal_{key}_forandring"] = compact(abs(r["forandring"]))
            out[f"personal_{key}_riktning"] = ("en ökning" if r["forandring"] > 0 else
                                               "en minskning" if r["forandring"] < 0 else
                                               "oförändrat")
    return out


def table(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Nyckeltal": frame["nyckeltal"],
        "Avser": frame["avser"],
        "Enhet": frame["enhet"],
        str(year): frame["varde"],
        str(year - 1): frame["foregaende_ar"],
        "Förändring": frame["forandring"],
    }).reset_index(drop=True)
