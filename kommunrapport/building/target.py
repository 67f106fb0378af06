"""What one build makes, and how: a report of a period (the period's only board, or one of
its nämnder) with the folders it reads and writes, and the options of the build."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..common.paths import BOOK, BUILD, DATA, NOTEBOOKS, ROOT, data_dir, namnder
from ..common.periods import Period
from ..sources import kommunen

CHAPTERS = ("index", "verksamhet", "personal", "mal", "ekonomi", "datakontroller")
# The municipality's own report: its chapters, in notebooks/kommunen/ with their own _toc.yml.
KOMMUN_CHAPTERS = ("index", "forvaltningsberattelse", "rakenskaper", "namnderna",
                   "datakontroller")
KOMMUN = kommunen.FOLDER  # its place beside the nämnder's: _build/<period>/kommunen/
# Chapter workers, each with a warm kernel: one per core of the machine this was measured on.
WORKERS = 2


@dataclass(frozen=True)
class Target:
    """One report: `place` is its folder under _build/ and book/ ('2025-08', or
    '2025-12/kommunstyrelsen' when the period has several nämnder, and
    '2025-12/kommunen' for the municipality's own report)."""
    period: Period
    namnd: str | None  # the nämnd's folder; None in a period with one board, and the kommun's
    data_root: Path = DATA
    notebooks: Path = NOTEBOOKS
    source_root: Path = BOOK
    out_root: Path = BUILD
    kommun: bool = False  # the municipality's own report

    @classmethod
    def of(cls, period: str | Period, namnd: str | None = None, **roots) -> Target:
        """The nämnd named ('kommunen': the municipality's own report), or the period's first
        (none in a one-board period). `roots` (data_root, notebooks, source_root, out_root)
        let tests build elsewhere."""
        period = period if isinstance(period, Period) else Period.parse(period)
        roots = {k: Path(v) for k, v in roots.items() if v is not None}
        data_root = roots.get("data_root", DATA)
        if namnd == KOMMUN and kommunen.has_report(data_root / str(period)):
            return cls(period, None, kommun=True, **roots)
        chosen = data_dir(period, data_root, namnd).name if namnder(period, data_root) else None
        return cls(period, chosen, **roots)

    @classmethod
    def every(cls, period: str | Period, **roots) -> list[Target]:
        """Every report of the period: the municipality's own first, when the period has one,
        then the nämnder in kommun.yaml's order."""
        data_root = Path(roots.get("data_root") or DATA)
        own = [KOMMUN] if kommunen.has_report(data_root / str(period)) else []
        return [cls.of(period, namnd, **roots)
                for namnd in own + (namnder(period, data_root) or [None])]

    @property
    def place(self) -> str:
        key = KOMMUN if self.kommun else self.namnd
        return f"{self.period}/{key}" if key else str(self.period)

    @property
    def name(self) -> str:
        """How messages name it: the nämnd's folder, 'kommunen', or the period."""
        return self.place.split("/")[-1]

    @property
    def chapters(self) -> tuple[str, ...]:
        return KOMMUN_CHAPTERS if self.kommun else CHAPTERS

    @property
    def chapter_folder(self) -> Path:
        """Where its chapter notebooks are."""
        return self.notebooks / KOMMUN if self.kommun else self.notebooks

    @property
    def toc(self) -> Path:
        return self.chapter_folder / "_toc.yml" if self.kommun else ROOT / "_toc.yml"

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
        if self.kommun:
            return kommunen.folder(self.data_root / str(self.period))
        return data_dir(self.period, self.data_root, self.namnd)

    @property
    def parameters(self) -> dict:
        """What every chapter's parameters cell receives."""
        out = {"period": str(self.period), "data_dir": str(self.data_root)}
        return out if self.kommun else out | {"namnd": self.namnd or ""}

    def notebook(self, chapter: str) -> Path:
        return self.chapter_folder / f"{chapter}.ipynb"


@dataclass(frozen=True)
class Options:
    pdf: bool = True                      # False: the site only (the preview)
    force: bool = False                   # run every chapter and render though nothing changed
    jobs: int = WORKERS                   # chapters run at once
    chapters: tuple[str, ...] | None = None  # None: the target's own
    wait: bool = False                    # wait for another builder of the report, not refuse
    what: str = "bygge"                   # what this build is, to one who waits for its lock
    draft: bool = False                   # a period with open items is shown with its gaps
    say: Callable[[str], None] = field(default=print, compare=False)
