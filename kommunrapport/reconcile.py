"""Totals computed from rows, checked against the totals an export states."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .errors import DataError
from .formatting import tkr

# Rows are rounded to whole tkr, so a computed sum may differ from the stated total by a
# few tkr. A larger difference means a missing or wrong row and stops the build.
ROUNDING_TOLERANCE_TKR = 5


@dataclass
class Reconciliation:
    """The stated total of each column, and how far the rows' sum is from it."""
    stated: dict[str, float]
    computed: dict[str, float]
    differences: dict[str, float] = field(default_factory=dict)

    @property
    def rounding_differs(self) -> bool:
        return any(self.differences.values())


def reconcile(rows: pd.DataFrame, stated: pd.Series, columns: list[str], *, file, row: int,
              label: str) -> Reconciliation:
    computed = {c: float(rows[c].sum()) for c in columns}
    stated_values = {c: float(stated[c]) for c in columns}
    differences = {}
    for column in columns:
        diff = stated_values[column] - computed[column]
        if abs(diff) > ROUNDING_TOLERANCE_TKR:
            raise DataError(
                file, f"{label} stämmer inte med summan av raderna: angiven {tkr(stated_values[column])}, "
                f"beräknad {tkr(computed[column])}, skillnad {tkr(diff)} tkr",
                row=row, column=column,
                expected=f"högst {ROUNDING_TOLERANCE_TKR} tkr avrundningsdifferens")
        differences[column] = diff
    return Reconciliation(stated_values, computed, differences)


def check_deviation(frame: pd.DataFrame, *, file, stated: str = "avvikelse") -> None:
    """A deviation the export states must equal prognos − budget (within 1 tkr of rounding)."""
    for _, r in frame.iterrows():
        if pd.isna(r.get(stated)) or pd.isna(r["prognos"]) or pd.isna(r["budget"]):
            continue
        computed = r["prognos"] - r["budget"]
        if abs(computed - r[stated]) > 1:
            raise DataError(file, f"avvikelsen {tkr(r[stated])} är inte prognos − budget "
                            f"({tkr(computed)})", row=int(r["_rad"]), column=stated,
                            expected="avvikelse = prognos − budget")
