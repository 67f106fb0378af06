import shutil
from pathlib import Path

import pytest

from kommunrapport import build, report
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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The 2025-08 book, built once for the HTML and PDF tests; returns its html folder."""
    out = tmp_path_factory.mktemp("out")
    index = build.build(PERIOD, out_root=out / "_build", source_root=out / "book",
                        say=lambda *_: None)
    assert index == out / "_build" / PERIOD / "html" / "index.html"
    return index.parent


@pytest.fixture(scope="session")
def december_site(site) -> Path:
    """The invented 2025-12 årsredovisning, built after 2025-08 into the same folders."""
    out = site.parents[2]
    index = build.build("2025-12", out_root=out / "_build", source_root=out / "book",
                        say=lambda *_: None)
    return index.parent
