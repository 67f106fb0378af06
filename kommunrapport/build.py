"""The build driver: check the data, execute the chapters, build the book.

Output goes to the period's own folder, _build/<period>/html, so building one period never
touches another; the new site replaces the old one only when the whole build succeeded.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import cache, narrative, report
from .errors import BuildError
from .paths import BOOK, BUILD, DATA, NOTEBOOKS, ROOT
from .periods import Period

CHAPTERS = ["index", "verksamhet", "personal", "mal", "ekonomi", "datakontroller"]
KERNEL_MANAGER = "kommunrapport.kernels.IPCKernelManager"


@dataclass
class ChapterResult:
    name: str
    seconds: float
    error: str | None = None
    cell: int | None = None  # 1-based number of the raising cell in the chapter notebook


def parameters(period: Period, data_root: Path) -> dict:
    """What every chapter's parameters cell receives."""
    return {"period": str(period), "data_dir": str(data_root)}


def _set_tempdir(path: str) -> None:
    tempfile.tempdir = path


def _execute(name: str, source: Path, target: Path, params: dict) -> ChapterResult:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.monotonic()
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=params, kernel_name="python3",
            cwd=str(target.parent), progress_bar=False, log_output=False,
            kernel_manager_class=KERNEL_MANAGER)
    except PapermillExecutionError as exc:
        # cell_index counts from 0 in the executed copy, where papermill has added one cell
        # (injected-parameters) after the parameters cell: so it is the 1-based number of the
        # cell in the writer's notebook.
        first_line = (exc.source or "").strip().splitlines()[:1]
        error = f"{exc.ename}: {exc.evalue}" + (f" (i koden: {first_line[0]})" if first_line else "")
        return ChapterResult(name, time.monotonic() - start, error, exc.cell_index)
    except Exception as exc:  # a kernel that died, a missing file: still this chapter's failure
        return ChapterResult(name, time.monotonic() - start, f"{type(exc).__name__}: {exc}")
    return ChapterResult(name, time.monotonic() - start)


def execute_chapters(period: Period, data_root: Path, target: Path,
                     chapters: list[str] = CHAPTERS, jobs: int | None = None,
                     notebooks: Path = NOTEBOOKS) -> list[ChapterResult]:
    """Run each chapter notebook with Papermill, in parallel processes."""
    params = parameters(period, data_root)
    scratch = tempfile.mkdtemp(prefix="kommunrapport-")
    try:
        with ProcessPoolExecutor(max_workers=jobs or min(4, len(chapters)),
                                 initializer=_set_tempdir, initargs=(scratch,)) as pool:
            futures = [pool.submit(_execute, name, notebooks / f"{name}.ipynb",
                                   target / f"{name}.ipynb", params) for name in chapters]
            results = [f.result() for f in futures]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def _chapter_failures(results: list[ChapterResult], target: Path) -> str:
    lines = ["Bygget avbröts: kapitel kunde inte köras."]
    for r in results:
        if r.error:
            where = f"i cell {r.cell}" if r.cell is not None else "vid körningen"
            lines.append(f"  Kapitlet '{r.name}' misslyckades {where}: {r.error}")
            lines.append(f"    Det körda kapitlet finns kvar för felsökning: {target / (r.name + '.ipynb')}")
    return "\n".join(lines)


def prepare_source(period: Period, rep: report.Report, source_root: Path = BOOK) -> Path:
    """book/<period>/: the book's source, with this period's title in its config.

    Executed chapters from an earlier build stay: the cache decides which to run again.
    """
    source = source_root / str(period)
    shutil.copytree(BOOK / "static", source, dirs_exist_ok=True)
    narrative.copy_into(rep.folder, source)
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{rep.title} – {rep.meta['namnd']}"
    config["author"] = rep.meta["organisation"]
    config["copyright"] = str(period.year)
    (source / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    shutil.copy(ROOT / "_toc.yml", source / "_toc.yml")
    return source


def run_jupyter_book(source: Path, staging: Path, *builder: str) -> Path:
    """Jupyter Book with warnings as errors, into staging/_build; a Swedish error on failure."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(source), "--all",
           *builder, "--path-output", str(staging), "-W", "-n", "--keep-going", "--quiet"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        log = (run.stdout + run.stderr).strip().splitlines()
        raise BuildError("Jupyter Book kunde inte bygga boken (varningar räknas som fel):\n  "
                         + "\n  ".join(log[-25:]))
    return staging / "_build"


def build_html(source: Path, target: Path) -> None:
    """The HTML site, into target (a staging folder)."""
    run_jupyter_book(source, target.parent / ".jb-html").joinpath("html").rename(target)


def replace_outputs(staging: Path, period_dir: Path) -> None:
    """Move the new html/ and pdf/ into place together, only after both were built.

    Each swap is a rename: readers never see a half-written site, and the old output is
    deleted only once the new one is in place.
    """
    old = period_dir / ".gammal"
    shutil.rmtree(old, ignore_errors=True)
    old.mkdir(parents=True)
    for new in sorted(staging.iterdir()):
        if new.name.startswith("."):
            continue
        current = period_dir / new.name
        if current.exists():
            current.rename(old / new.name)
        new.rename(current)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def build(period_text: str, data_root: Path | None = None, jobs: int | None = None,
          say=print, *, out_root: Path = BUILD, source_root: Path = BOOK,
          notebooks: Path = NOTEBOOKS, chapters: list[str] = CHAPTERS, pdf: bool = True,
          force: bool = False) -> Path:
    """Build the HTML book for a period; returns the start page.

    The keyword arguments let tests build elsewhere, or with other notebooks.
    """
    period = Period.parse(period_text)
    root = Path(data_root) if data_root else DATA
    steps = {}
    t = time.monotonic()
    rep = report.load(period, root)  # a data error stops the build before any notebook runs
    steps["kontroll av data"] = time.monotonic() - t
    say(f"Datakontroll: {rep.checks.summary()} Varningarna visas på sidan Datakontroller.")
    say(f"Bygger {rep.title} för {rep.meta['namnd']} ({period}).")
    source = prepare_source(period, rep, source_root)
    params = parameters(period, root)
    keys = {name: cache.chapter_key(notebooks / f"{name}.ipynb", rep.folder, params)
            for name in chapters}
    stale = [name for name in chapters
             if force or not cache.fresh(source / f"{name}.nyckel", keys[name])]
    t = time.monotonic()
    if stale:
        say(f"Kör {len(stale)} av {len(chapters)} kapitel med Papermill: {', '.join(stale)} …")
        for name in stale:
            (source / f"{name}.nyckel").unlink(missing_ok=True)
        results = execute_chapters(period, root, source, stale, jobs, notebooks)
        if any(r.error for r in results):
            raise BuildError(_chapter_failures(results, source))
        for r in results:
            (source / f"{r.name}.nyckel").write_text(keys[r.name])
            say(f"  {r.name}: {r.seconds:.1f} s")
    else:
        say("Inget kapitel har ändrats sedan förra bygget (notebook, data och parametrar).")
    steps["kapitel"] = time.monotonic() - t
    period_dir = out_root / str(period)
    book_files = [p for p in source.rglob("*") if p.is_file() and not p.name.endswith(".nyckel")]
    key = cache.book_key([keys[n] for n in chapters], book_files, source, pdf)
    if not force and cache.fresh(period_dir / ".nyckel", key) and (period_dir / "html").is_dir():
        say(f"Boken är oförändrad; den byggda rapporten i {period_dir} gäller. "
            f"({', '.join(f'{k} {v:.1f} s' for k, v in steps.items())})")
        return period_dir / "html" / "index.html"
    staging = period_dir / ".ny"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    t = time.monotonic()
    say("Bygger HTML med Jupyter Book" + (" och PDF med WeasyPrint" if pdf else "") + " …")
    from .pdf import build_pdf
    # Two Sphinx builds (site and single page for the PDF) side by side, one per core.
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdf_job = pool.submit(build_pdf, source, rep, staging / "pdf") if pdf else None
        build_html(source, staging / "html")
        steps["html"] = time.monotonic() - t
        if pdf_job:
            pdf_name = pdf_job.result().name
            steps["html och pdf"] = time.monotonic() - t
    replace_outputs(staging, period_dir)
    (period_dir / ".nyckel").write_text(key)
    output = period_dir / "html"
    if pdf:
        say(f"PDF: {period_dir / 'pdf' / pdf_name}")
    say("Klart. " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))
    say(f"Startsida: {output / 'index.html'}")
    return output / "index.html"


def build_pdf_only(period_text: str, say=print) -> Path:
    """The PDF alone, from the chapters already executed for the period (else a full build)."""
    period = Period.parse(period_text)
    source = BOOK / str(period)
    if not all((source / f"{name}.ipynb").is_file() for name in CHAPTERS):
        say("Kapitlen är inte körda för perioden: bygger hela rapporten.")
        build(period_text, say=say)
        return next((BUILD / str(period) / "pdf").glob("*.pdf"))
    from .pdf import build_pdf
    rep = report.load(period)
    period_dir = BUILD / str(period)
    staging = period_dir / ".ny"
    shutil.rmtree(staging, ignore_errors=True)
    pdf_name = build_pdf(source, rep, staging / "pdf").name
    replace_outputs(staging, period_dir)
    say(f"PDF: {period_dir / 'pdf' / pdf_name}")
    return period_dir / "pdf" / pdf_name
