"""Verksamhet: the key figures the narrative quotes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import DataError
from .formatting import compact
from .loading import read_csv


def load(folder: Path) -> pd.DataFrame:
    path = folder / "verksamhet.csv"
    frame = read_csv(path, ["id", "nyckeltal", "enhet"], ["varde", "foregaende"],
                     optional_numbers=("foregaende",))
    if frame["id"].duplicated().any():
        r = frame[frame["id"].duplicated()].iloc[0]
        raise DataError(path, f"id '{r['id']}' förekommer flera gånger", row=int(r["_rad"]),
                        column="id", expected="varje id en gång")
    return frame.set_index("id", drop=False)


def figures(frame: pd.DataFrame) -> dict[str, str]:
    """Glue values: verksamhet_<id> and verksamhet_<id>_fg for the earlier value."""
    out = {}
    for key, r in frame.iterrows():
        out[f"verksamhet_{key}"] = compact(r["varde"])
        if pd.notna(r["foregaende"]):
            out[f"verksamhet_{key}_fg"] = compact(r["foregaende"])
            change = r["varde"] - r["foregaende"]
            out[f"verksamhet_{key}_verb"] = ("ökat" if change > 0 else "minskat" if change < 0
                                             else "legat kvar")
            out[f"verksamhet_{key}_andring"] = ("en höjning" if change > 0 else "en sänkning"
                                                if change < 0 else "oförändrat")
    return out
