"""Where things are: found from the project root, never from the working directory."""
from __future__ import annotations

from pathlib import Path

import yaml

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


def is_example(folder: Path) -> bool:
    """An invented example period: its rapport.yaml sets `exempeldata`."""
    meta = folder / "rapport.yaml"
    try:
        return bool(meta.is_file() and (yaml.safe_load(meta.read_text("utf-8")) or {}).get("exempeldata"))
    except yaml.YAMLError:
        return False  # the check reports the broken file when the period is built


def latest_period(data_root: Path | None = None) -> Period:
    """The default period: the newest in data/ that is not invented example data."""
    root = data_root or DATA
    periods = [p for p in periods_in(root) if not is_example(root / str(p))]
    if not periods:
        raise BuildError(f"Mappen {root} har inga periodmappar (ÅÅÅÅ-MM) med riktiga data.")
    return periods[-1]
