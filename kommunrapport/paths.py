"""Where things are: found from the project root, never from the working directory."""
from __future__ import annotations

from pathlib import Path

from .errors import BuildError
from .periods import Period, periods_in

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"


def data_dir(period: Period, data_root: Path | str | None = None) -> Path:
    """The period's data folder, which must exist inside the data root."""
    root = Path(data_root) if data_root else DATA
    folder = root / str(period)
    if not folder.is_dir():
        found = ", ".join(str(p) for p in periods_in(root)) or "inga"
        raise BuildError(f"Det finns ingen data för perioden {period}: mappen {folder} saknas. "
                         f"Perioder med data: {found}.")
    return folder


def latest_period(data_root: Path | None = None) -> Period:
    periods = periods_in(data_root or DATA)
    if not periods:
        raise BuildError(f"Mappen {data_root or DATA} har inga periodmappar (ÅÅÅÅ-MM).")
    return periods[-1]
