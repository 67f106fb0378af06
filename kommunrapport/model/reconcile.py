"""Totals computed from rows, checked against the totals an export states."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..common.checks import CheckLog
from ..common.formatting import tkr

# Rows are rounded to whole tkr, so a computed sum may differ from the stated total by a
# few tkr. A larger difference means a missing or wrong row and stops the build.
ROUNDING_TOLERANCE_TKR = 5


@dataclass
class Reconciliation:
    """The total of each column as the export states it (or, where it states none, as the
    rows sum), and how far the rows' sum is from a stated one."""
    stated: dict[str, float]
    computed: dict[str, float]
    row: int | None                 # the stated total's row in the file (None: no such row)
    differences: dict[str, float] = field(default_factory=dict)

    @property
    def rounding_differs(self) -> bool:
        return any(self.differences.values())


def reconcile(rows: pd.DataFrame, stated: pd.Series, columns: list[str], *, file,
              row: int | None, label: str, log: CheckLog,
              rounding_expected: bool = False) -> Reconciliation:
    """Log an error beyond the rounding tolerance, a warning for a rounding difference (none
    when the total was rounded from unrounded amounts, as the ledger's tables are). A total
    the export leaves empty is the rows' sum: computed when absent, checked when present."""
    computed = {c: float(rows[c].sum()) for c in columns}
    stated_values = {c: computed[c] if pd.isna(stated.get(c)) else float(stated[c])
                     for c in columns}
    differences = {}
    for column in columns:
        diff = stated_values[column] - computed[column]
        differences[column] = diff
        text = (f"{label}: angiven {tkr(stated_values[column])}, summan av raderna "
                f"{tkr(computed[column])}, skillnad {tkr(diff)} tkr")
        if abs(diff) > ROUNDING_TOLERANCE_TKR:
            log.error(file, text, row=row, column=column,
                      expected=f"högst {ROUNDING_TOLERANCE_TKR} tkr avrundningsdifferens, "
                      "eller tom: då räknas summan ut")
        elif diff and not rounding_expected:
            log.warn(file, f"avrundningsdifferens: {text}", row=row, column=column)
    if all(abs(d) <= ROUNDING_TOLERANCE_TKR for d in differences.values()):
        log.ok(f"{label} stämmer med raderna ({file.name})")
    return Reconciliation(stated_values, computed, row, differences)


def check_deviation(frame: pd.DataFrame, *, file, log: CheckLog, label: str) -> None:
    """A deviation the export states must equal prognos − budget (within 1 tkr of rounding);
    one it leaves empty is computed."""
    wrong = 0
    for _, r in frame.iterrows():
        if pd.isna(r["avvikelse"]) or pd.isna(r["prognos"]) or pd.isna(r["budget"]):
            continue
        computed = r["prognos"] - r["budget"]
        if abs(computed - r["avvikelse"]) > 1:
            wrong += 1
            log.error(file, f"avvikelsen {tkr(r['avvikelse'])} är inte prognos − budget "
                      f"({tkr(computed)})", row=int(r["_rad"]), column="avvikelse",
                      expected="avvikelse = prognos − budget")
    if not wrong:
        log.ok(f"avvikelse = prognos − budget på varje rad ({label})")
