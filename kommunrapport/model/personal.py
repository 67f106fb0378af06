"""Personal: key figures of the period against the same period the year before."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.formatting import NBSP, Figure, compact
from ..sources.loading import check_unique, read_export
from ..sources.schemas import PersonalRow


def load(folder: Path, log: CheckLog) -> pd.DataFrame:
    path, records = read_export(folder, "personal", PersonalRow, log)
    frame = pd.DataFrame([{**m.model_dump(), "_rad": row} for row, m in records])
    check_unique(frame, "id", path)
    log.ok("personalens nyckeltal har unika id")
    frame["forandring"] = frame["varde"] - frame["foregaende_ar"]
    return frame.set_index("id", drop=False)


def format_value(unit: str, value: float) -> str:
    """968,4 (årsarbetare); 7,96 % (procent); 136 (antal)."""
    return compact(value) + (NBSP + "%" if unit == "procent" else "")


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


def table(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Nyckeltal": frame["nyckeltal"],
        "Avser": frame["avser"],
        "Enhet": frame["enhet"],
        str(year): frame["varde"],
        str(year - 1): frame["foregaende_ar"],
        "Förändring": frame["forandring"],
    }).reset_index(drop=True)
