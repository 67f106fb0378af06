"""Verksamhet: the key figures the narrative quotes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.formatting import Figure, compact
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


def figures(frame: pd.DataFrame) -> dict[str, Figure]:
    """Glue values: verksamhet_<id> and verksamhet_<id>_fg for the earlier value."""
    out = {}
    for key, r in frame.iterrows():
        name, unit = r["nyckeltal"], f", {r['enhet']}" if r["enhet"] else ""
        out[f"verksamhet_{key}"] = Figure(compact(r["varde"]), f"{name}{unit}")
        if pd.notna(r["foregaende"]):
            out[f"verksamhet_{key}_fg"] = Figure(compact(r["foregaende"]),
                                                 f"{name}: föregående värde{unit}")
            change = r["varde"] - r["foregaende"]
            out[f"verksamhet_{key}_verb"] = Figure(
                "ökat" if change > 0 else "minskat" if change < 0 else "legat kvar",
                f"{name}: hur det har ändrats (ökat, minskat, legat kvar)")
            out[f"verksamhet_{key}_andring"] = Figure(
                "en höjning" if change > 0 else "en sänkning" if change < 0 else "oförändrat",
                f"{name}: ändringen i ord (en höjning, en sänkning, oförändrat)")
    return out
