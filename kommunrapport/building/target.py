"""What one build makes, and how: a report of a period (the period's only board, or one of
its nämnder) with the folders it reads and writes, and the options of the build."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..common.paths import BOOK, BUILD, DATA, NOTEBOOKS, data_dir, namnder
from ..common.periods import Period

CHAPTERS = ("index", "verksamhet", "personal", "mal", "ekonomi", "datakontroller")
# Chapter workers, each with a warm kernel: one per core of the machine this was measured on.
WORKERS = 2


@dataclass(frozen=True)
class Target:
    """One report: `place` is its folder under _build/ and book/ ('2025-08', or
    '2025-12/kommunstyrelsen' when the period has several nämnder)."""
    period: Period
    namnd: str | None  # the nämnd's folder; None in a period with one board
    data_root: Path = DATA
    notebooks: Path = NOTEBOOKS
    source_root: Path = BOOK
    out_root: Path = BUILD

    @classmethod
    def of(cls, period: str | Period, namnd: str | None = None, **roots) -> Target:
        """The nämnd named, or the period's first (none in a one-board period). `roots`
        (data_root, notebooks, source_root, out_root) let tests build elsewhere."""
        period = period if isinstance(period, Period) else Period.parse(period)
        roots = {k: Path(v) for k, v in roots.items() if v is not None}
        data_root = roots.get("data_root", DATA)
        chosen = data_dir(period, data_root, namnd).name if namnder(period, data_root) else None
        return cls(period, chosen, **roots)

    @classmethod
    def every(cls, period: str | Period, **roots) -> list[Target]:
        """Every report of the period, in kommun.yaml's order."""
        data_root = roots.get("data_root") or DATA
        return [cls.of(period, namnd, **roots) for namnd in namnder(period, data_root) or [None]]

    @property
    def place(self) -> str:
        return f"{self.period}/{self.namnd}" if self.namnd else str(self.period)

    @property
    def name(self) -> str:
        """How messages name it: the nämnd's folder, or the period."""
        return self.namnd or str(self.period)

    @property
    def output(self) -> Path:
        """_build/<place>/: its builds, and the links readers follow."""
        return self.out_root / self.place

    @property
    def source(self) -> Path:
        """book/<place>/: the book's source as Jupyter Book reads it."""
        return self.source_root / self.place

    @cached_property
    def data(self) -> Path:
        """The report's own data folder."""
        return data_dir(self.period, self.data_root, self.namnd)

    @property
    def parameters(self) -> dict:
        """What every chapter's parameters cell receives."""
        return {"period": str(self.period), "data_dir": str(self.data_root),
                "namnd": self.namnd or ""}

    def notebook(self, chapter: str) -> Path:
        return self.notebooks / f"{chapter}.ipynb"


@dataclass(frozen=True)
class Options:
    pdf: bool = True                      # False: the site only (the preview)
    force: bool = False                   # run every chapter and render though nothing changed
    jobs: int = WORKERS                   # chapters run at once
    chapters: tuple[str, ...] = CHAPTERS
    wait: bool = False                    # wait for another builder of the report, not refuse
    what: str = "bygge"                   # what this build is, to one who waits for its lock
    say: Callable[[str], None] = field(default=print, compare=False)
