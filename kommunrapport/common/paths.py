"""Where things are: found from the project root, never from the working directory."""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from .errors import BuildError
from .periods import Period, periods_in
from .reading import read_yaml_data

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "kommunrapport"
# The periods' data: data/ in the project, or another folder (KOMMUNRAPPORT_DATA), as a
# municipality may keep it apart from the code (and the tests keep broken copies).
DATA = Path(os.environ.get("KOMMUNRAPPORT_DATA") or ROOT / "data")
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"


# A period of a municipality with several nämnder: its kommun.yaml lists them, each with a
# folder of its own beside the municipality-wide files (the ledger export and its mappings).
KOMMUN = "kommun.yaml"
# A nämnd's id is its folder's name (kommun.yaml's schema says the same).
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def namnder(period: Period | str, data_root: Path | str | None = None) -> list[str]:
    """The nämnder of a period in order (their folder names); [] for a one-board period."""
    path = (Path(data_root) if data_root else DATA) / str(period) / KOMMUN
    if not path.is_file():
        return []
    data = read_yaml_data(path)  # None when broken: the check reports the file
    if not isinstance(data, dict) or not isinstance(data.get("namnder"), list):
        return []
    return [n["id"] for n in data["namnder"]
            if isinstance(n, dict) and isinstance(n.get("id"), str) and _ID.match(n["id"])]


def data_dir(period: Period, data_root: Path | str | None = None, namnd: str | None = None) -> Path:
    """The folder of a nämnd's data for the period: the period's folder itself, or with
    several nämnder the nämnd's folder in it (the first nämnd when none is named)."""
    root = Path(data_root) if data_root else DATA
    folder = root / str(period)
    if not folder.is_dir():
        found = ", ".join(str(p) for p in periods_in(root)) or "inga"
        raise BuildError(f"Det finns ingen data för perioden {period}: mappen {folder} saknas. "
                         f"Perioder med data: {found}.")
    ids = namnder(period, root)
    if not ids:
        return folder
    if namnd and namnd not in ids:
        raise BuildError(f"Perioden {period} har ingen nämnd '{namnd}'. Nämnderna i "
                         f"{folder / KOMMUN}: {', '.join(ids)}.")
    return folder / (namnd or ids[0])


def board_folder(root: Path, period: Period, board: str) -> Path | None:
    """Where the nämnd `board` (its id, or its name's slug) has data for an earlier period:
    its folder in a several-nämnder period, or a one-board period that is its."""
    folder = root / str(period)
    if (folder / KOMMUN).is_file():
        return folder / board if (folder / board / "rapport.yaml").is_file() else None
    meta = folder / "rapport.yaml"
    data = read_yaml_data(meta)
    name = data.get("namnd", "") if isinstance(data, dict) else None
    if name is None:
        return None
    return folder if slug(str(name)) == board else None


def slug(text: str) -> str:
    """'Barn- och utbildningsnämnden' -> 'barn-och-utbildningsnamnden'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_example(folder: Path) -> bool:
    """An invented example period: its rapport.yaml (or kommun.yaml) sets `exempeldata`."""
    meta = folder / KOMMUN if (folder / KOMMUN).is_file() else folder / "rapport.yaml"
    data = read_yaml_data(meta) if meta.is_file() else None  # None: the check reports it
    return bool(isinstance(data, dict) and data.get("exempeldata"))


def latest_period(data_root: Path | None = None) -> Period:
    """The default period: the newest in data/ that is not invented example data."""
    root = data_root or DATA
    periods = [p for p in periods_in(root) if not is_example(root / str(p))]
    if not periods:
        raise BuildError(f"Mappen {root} har inga periodmappar (ÅÅÅÅ-MM) med riktiga data.")
    return periods[-1]
