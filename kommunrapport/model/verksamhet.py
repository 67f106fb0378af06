"""Verksamhet: the key figures the narrative quotes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.formatting import compact
from ..sources.loading import check_unique, read_export
from ..sources.schemas import VerksamhetRow


def load(folder: Path, log: CheckLog, required=None) -> pd.DataFrame:
    """The key figures; `required` names a row's earlier value when something quotes a figure
    made from it (quoted.py)."""
    path, records = read_export(folder, "verksamhet", VerksamhetRow, log, required)
    frame = pd.DataFrame([{**m.model_dump(), "_rad": row} for row, m in records])
    check_unique(frame, "id", path)
    log.ok("verksamhetens nyckeltal har unika id")
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
