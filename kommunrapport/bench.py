"""Benchmark of the build, printed, not asserted: python -m kommunrapport.bench.

Builds into a temporary folder (the project's _build/ is not touched):
a clean build, a rebuild with nothing changed, a rebuild after one chapter's text changed,
and every period in data/ one after the other.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from .build import build
from .paths import DATA, NOTEBOOKS
from .periods import periods_in


def _timed(label: str, **kwargs) -> float:
    start = time.monotonic()
    build(say=lambda *_: None, **kwargs)
    seconds = time.monotonic() - start
    print(f"{label:<48} {seconds:6.1f} s", flush=True)
    return seconds


def main() -> None:
    periods = [str(p) for p in periods_in(DATA)]
    newest = periods[-1]
    with tempfile.TemporaryDirectory(prefix="kommunrapport-bench-") as tmp:
        root = Path(tmp)
        notebooks = root / "notebooks"
        shutil.copytree(NOTEBOOKS, notebooks)
        where = dict(out_root=root / "_build", source_root=root / "book", notebooks=notebooks)
        print(f"Period {newest}, HTML och PDF, på den här maskinen:")
        _timed("ren byggnation", period_text=newest, **where)
        _timed("ombyggnad, inget ändrat", period_text=newest, **where)
        nb = nbformat.read(notebooks / "personal.ipynb", as_version=4)
        nb.cells[2].source += "\n\nEn ändrad mening."
        nbformat.write(nb, notebooks / "personal.ipynb")
        _timed("ombyggnad, ett kapitels text ändrad", period_text=newest, **where)
        nb.cells[2].source += " Och en till."
        nbformat.write(nb, notebooks / "personal.ipynb")
        _timed("ombyggnad, ett kapitels text ändrad, bara HTML", period_text=newest, pdf=False,
               **{**where, "out_root": root / "_html"})
        total = sum(_timed(f"  period {p}, ren byggnation", period_text=p, force=True, **where)
                    for p in periods)
        print(f"{len(periods)} perioder i data/ efter varandra: {total:.1f} s")


if __name__ == "__main__":
    main()
