import shutil
from pathlib import Path

import pytest

from kommunrapport import report
from kommunrapport.paths import DATA

PERIOD = "2025-08"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the 2025-08 data; returns the data root holding it."""
    root = tmp_path / "data"
    shutil.copytree(DATA / PERIOD, root / PERIOD)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def rep():
    """The 2025-08 report data, loaded and checked."""
    return report.load(PERIOD)
