"""Personal: key figures of the period against the same period the year before."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import DataError
from .formatting import NBSP, compact
from .loading import read_csv

UNITS = {"årsarbetare", "procent", "antal"}


def load(folder: Path) -> pd.DataFrame:
    path = folder / "personal.csv"
    frame = read_csv(path, ["id", "nyckeltal", "enhet", "avser"], ["varde", "foregaende_ar"],
                     optional_numbers=("foregaende_ar",))
    for _, r in frame.iterrows():
        if r["enhet"] not in UNITS:
            raise DataError(path, f"okänd enhet '{r['enhet']}'", row=int(r["_rad"]),
                            column="enhet", expected=", ".join(sorted(UNITS)))
    if frame["id"].duplicated().any():
        r = frame[frame["id"].duplicated()].iloc[0]
        raise DataError(path, f"id '{r['id']}' förekommer flera gånger", row=int(r["_rad"]),
                        column="id", expected="varje id en gång")
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
