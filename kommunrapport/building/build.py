"""The build driver: check the data, execute the chapters, build the book.

Output goes to the period's own folder, _build/<period>/ (see outputs.py), so building one
period never touches another; the new HTML and PDF replace the old ones together, in one step,
only when the whole build succeeded. One builder of a period at a time (locking.py).
"""
from __future__ import annotations

import atexit
import contextlib
import functools
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..common.errors import BuildError
from ..common.formatting import number
from ..common.paths import BOOK, BUILD, DATA, NOTEBOOKS, ROOT, data_dir, namnder
from ..common.periods import Period
from ..model import report
from ..presentation import static_pages, table_script
from ..presentation.materialize import materialize
from ..sources import narrative
from . import cache, identity, locking, outputs
from .identity import Identity
from .jupyterbook import build_site, preload

CHAPTERS = ["index", "verksamhet", "personal", "mal", "ekonomi", "datakontroller"]
# Chapter workers, each with a warm kernel (the kernel computes while its worker waits on
# it): one per core of the machine this was measured on. The PDF is made in one of them.
WORKERS = 2
SCRATCH_PREFIX = "kommunrapport-"
# book/<period>/_korda/: the chapters as Papermill executed them, with their cache keys.
EXECUTED = "_korda"
# The longest a chapter's cell may run; a cell that takes longer stops the build, named.
CELL_LIMIT_S = int(os.environ.get("KOMMUNRAPPORT_CELLGRANS", "300"))


@dataclass
class ChapterResult:
    name: str
    seconds: float
    error: str | None = None
    cell: int | None = None  # 1-based number of the raising cell in the chapter notebook


def parameters(period: Period, data_root: Path, namnd: str | None = None) -> dict:
    """What every chapter's parameters cell receives."""
    return {"period": str(period), "data_dir": str(data_root), "namnd": namnd or ""}


def board(period: Period, data_root: Path, namnd: str | None) -> tuple[str | None, str]:
    """The nämnd (None for a one-board period) and its place under _build/ and book/:
    '2025-08', or '2025-12/kommunstyrelsen' when the period has several nämnder."""
    ids = namnder(period, data_root)
    if not ids:
        return None, str(period)
    chosen = data_dir(period, data_root, namnd).name
    return chosen, f"{period}/{chosen}"


def _start_worker(scratch: str, build_pid: int) -> None:
    """A chapter worker: its temporary files in the build's scratch folder, and gone (with its
    kernel) soon after the build process is, however that ended (a killed `make book` must
    not leave kernels behind)."""
    import threading

    tempfile.tempdir = scratch

    def watch() -> None:
        while os.getppid() == build_pid:  # reparented once the build is gone
            time.sleep(1)
        from . import warm
        warm.discard()
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _timed_out_cell(target: Path) -> int | None:
    """The cell papermill interrupted: the first with an error output in the executed copy
    (whose extra injected-parameters cell makes its index the writer's 1-based number)."""
    try:
        cells = json.loads(target.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    return next((i for i, c in enumerate(cells)
                 if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)


def _execute(name: str, source: Path, target: Path, params: dict, limit: int) -> ChapterResult:
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    from . import warm

    start = time.monotonic()
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=params, kernel_name="python3",
            cwd=str(target.parent), progress_bar=False, log_output=False,
            engine_name=warm.ENGINE, execution_timeout=limit)
    except CellTimeoutError:
        warm.discard()  # still busy with the cell: the next chapter gets a fresh kernel
        return ChapterResult(name, time.monotonic() - start,
                             f"cellen kördes längre än gränsen {limit} s och avbröts "
                             "(gränsen sätts med KOMMUNRAPPORT_CELLGRANS, i sekunder)",
                             _timed_out_cell(target))
    except PapermillExecutionError as exc:
        warm.discard()
        # cell_index counts from 0 in the executed copy, where papermill has added one cell
        # (injected-parameters) after the parameters cell: so it is the 1-based number of the
        # cell in the writer's notebook.
        first_line = (exc.source or "").strip().splitlines()[:1]
        error = f"{exc.ename}: {exc.evalue}" + (f" (i koden: {first_line[0]})" if first_line else "")
        return ChapterResult(name, time.monotonic() - start, error, exc.cell_index)
    except Exception as exc:  # a kernel that died, a missing file: still this chapter's failure
        warm.discard()
        return ChapterResult(name, time.monotonic() - start, f"{type(exc).__name__}: {exc}")
    return ChapterResult(name, time.monotonic() - start)


def clean_scratch() -> None:
    """Remove scratch folders that builds killed before their clean-up left in the temp
    folder (named with their process id, so a running build's folder is kept)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not locking.alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


_pool: tuple[ProcessPoolExecutor, tuple, str] | None = None


def _workers(count: int) -> ProcessPoolExecutor:
    """The build process's pool of chapter workers, each with its warm kernel (warm.py): kept
    for the next nämnd, period or preview save, and shut down with the process. A change to
    the package's code replaces it: its kernels have the old code imported."""
    global _pool
    kind = (count, cache.code_digest())
    if _pool and (_pool[1] != kind or _pool[0]._broken):
        _close_workers()
    if _pool is None:
        # The kernels' sockets and papermill's files go here; removed when the process ends,
        # and by the next build when it did not end cleanly.
        scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
        # Spawned workers, not forks of this process: a fork would inherit the open lock of
        # the build that started the pool and hold it for the pool's life.
        _pool = (ProcessPoolExecutor(max_workers=count, initializer=_start_worker,
                                     initargs=(scratch, os.getpid()),
                                     mp_context=multiprocessing.get_context("spawn")),
                 kind, scratch)
    return _pool[0]


def _close_workers() -> None:
    global _pool
    if _pool:
        pool, _, scratch = _pool
        _pool = None
        pool.shutdown(wait=True, cancel_futures=True)  # each worker shuts its kernel down
        shutil.rmtree(scratch, ignore_errors=True)


atexit.register(_close_workers)


def execute_chapters(period: Period, data_root: Path, target: Path,
                     chapters: list[str] = CHAPTERS, jobs: int | None = None,
                     notebooks: Path = NOTEBOOKS, limit: int | None = None,
                     namnd: str | None = None) -> list[ChapterResult]:
    """Run each chapter notebook with Papermill in the worker pool's warm kernels; a cell
    running longer than limit seconds (CELL_LIMIT_S) stops its chapter."""
    params = parameters(period, data_root, namnd)
    limit = limit or CELL_LIMIT_S
    pool = _workers(jobs or WORKERS)
    futures = [pool.submit(_execute, name, notebooks / f"{name}.ipynb",
                           target / f"{name}.ipynb", params, limit) for name in chapters]
    return [f.result() for f in futures]


def _chapter_failures(results: list[ChapterResult], target: Path) -> str:
    lines = ["Bygget avbröts: kapitel kunde inte köras."]
    for r in results:
        if r.error:
            where = f"i cell {r.cell}" if r.cell is not None else "vid körningen"
            lines.append(f"  Kapitlet '{r.name}' misslyckades {where}: {r.error}")
            lines.append(f"    Det körda kapitlet finns kvar för felsökning: {target / (r.name + '.ipynb')}")
    return "\n".join(lines)


def prepare_source(place: str, rep: report.Report, source_root: Path = BOOK) -> Path:
    """book/<period>[/<nämnd>]/: the book's source, with this report's title in its config.

    Executed chapters from an earlier build stay: the cache decides which to run again.
    """
    source = source_root / place
    shutil.copytree(BOOK / "static", source, dirs_exist_ok=True)
    table_script.write(source / "_static")  # the tables' script, once for every page
    shutil.rmtree(source / narrative.FOLDER, ignore_errors=True)  # prose is in the chapters now
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{rep.title} – {rep.meta['namnd']}"
    config["author"] = rep.meta["organisation"]
    config["copyright"] = str(rep.period.year)
    # The static pages' words from the data (the accessibility statement's contact).
    config["sphinx"]["config"]["myst_substitutions"] = static_pages.data_substitutions(rep.meta)
    (source / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    shutil.copy(ROOT / "_toc.yml", source / "_toc.yml")
    return source


def build_html(source: Path, target: Path) -> None:
    """The HTML site, into target (a staging folder), built in this process."""
    build_site(source, target, target.parent / ".jb-html" / ".doctrees")


def stamp_config(source: Path, build: dict[str, str], pdf_name: str,
                 banner: str | None = None) -> None:
    """Put the build's number and date on Om rapporten (static_pages.build_substitutions; not
    in every page's footer), the PDF's name in the navigation and a banner, if any, on every
    page (the preview's), after the cache key was taken from the unstamped config, so the
    stamp itself never invalidates the cache."""
    path = source / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["sphinx"]["config"]["html_context"]["pdf_fil"] = pdf_name
    config["sphinx"]["config"].setdefault("myst_substitutions", {}).update(build)
    if banner:
        config["sphinx"]["config"].setdefault("html_theme_options", {})["announcement"] = banner
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _render(source: Path, rep: report.Report, staging: Path, build_id: Identity, pdf: bool,
            steps: dict, start: float) -> str | None:
    """The site here, and the PDF beside it in a chapter worker: one per core (WeasyPrint in a
    thread of this process would share it with the site's Sphinx)."""
    from .pdf import build_pdf

    workers = _workers(_pool[1][0] if _pool else WORKERS)  # the chapters' pool, as it is
    pdf_job = workers.submit(build_pdf, source, rep, staging / "pdf", build_id) if pdf else None
    try:
        build_html(source, staging / "html")
    except BaseException:
        if pdf_job:
            futures_wait([pdf_job])  # done with the staging folder before it is removed
        raise
    steps["html"] = time.monotonic() - start
    pdf_file = pdf_job.result() if pdf_job else None
    link_pdf(staging / "html", pdf_file)
    if pdf_file:
        steps["html och pdf"] = time.monotonic() - start
    return pdf_file.name if pdf_file else None


_PDF_LINK = re.compile(r'<a class="pdf-lank"[^>]*>.*?</a>', re.S)


def link_pdf(site: Path, pdf_file: Path | None) -> None:
    """Fill in the PDF's size beside every link to it; an HTML-only build (the preview) has
    no PDF, so its links say how to make one instead."""
    if pdf_file:
        size = f' <span class="pdf-storlek">({number(pdf_file.stat().st_size / 1000)}\u00a0kB)</span>'
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "pdf-lank" not in html:
            continue
        if pdf_file:
            html = html.replace('<span class="pdf-storlek"></span>', size)
        else:
            html = _PDF_LINK.sub('<span class="pdf-lank">PDF:en görs med make book</span>', html)
        page.write_text(html, encoding="utf-8")


def build(period_text: str, data_root: Path | None = None, jobs: int | None = None,
          say=print, *, out_root: Path = BUILD, source_root: Path = BOOK,
          notebooks: Path = NOTEBOOKS, chapters: list[str] = CHAPTERS, pdf: bool = True,
          force: bool = False, wait: bool = False, what: str = "bygge",
          namnd: str | None = None) -> Path:
    """Build the book of a nämnd for a period (the period's only board, or the nämnd named,
    by default the first); returns the start page. build_all builds every nämnd.

    One builder of a report at a time: if another process holds it, refuse (or wait, with
    wait=True). The keyword arguments let tests build elsewhere, or with other notebooks.
    """
    period = Period.parse(period_text)
    root = Path(data_root) if data_root else DATA
    namnd, place = board(period, root, namnd)
    with locking.period_lock(out_root, place, what, wait=wait, say=say):
        outputs.clean(out_root / place)
        clean_scratch()
        return _build(period, root, jobs, say, out_root, source_root, notebooks, chapters,
                      pdf, force, namnd, place)


def build_all(period_text: str, say=print, data_root: Path | None = None, *,
              out_root: Path = BUILD, wait: bool = False, what: str = "bygge",
              **options) -> list[Path]:
    """Every nämnd's book of the period, each into its own folder. One nämnd's site and PDF
    are rendered while the next nämnd's chapters run (the cores are never idle between
    them); each nämnd's lock is held until its own book is switched in."""
    period = Period.parse(period_text)
    root = Path(data_root) if data_root else DATA
    ids = namnder(period, root)
    if len(ids) < 2:
        return [build(period_text, root, say=say, out_root=out_root, wait=wait, what=what,
                      namnd=ids[0] if ids else None, **options)]
    results = []
    with ThreadPoolExecutor(max_workers=1) as renders:
        for namnd in ids:
            say(f"— {namnd} —")
            _, place = board(period, root, namnd)
            held = contextlib.ExitStack()
            held.enter_context(locking.period_lock(out_root, place, what,
                                                   wait=wait, say=say))
            try:
                outputs.clean(out_root / place)
                clean_scratch()
                result = _build(period, root, options.get("jobs"), say, out_root,
                                options.get("source_root", BOOK),
                                options.get("notebooks", NOTEBOOKS),
                                options.get("chapters", CHAPTERS), options.get("pdf", True),
                                options.get("force", False), namnd, place, renders)
            except BaseException:
                held.close()
                raise
            if isinstance(result, Future):
                result.add_done_callback(lambda _, lock=held: lock.close())
            else:
                held.close()
            results.append(result)
    return [r.result() if isinstance(r, Future) else r for r in results]


def prepare(period: Period, root: Path, jobs, say, source_root: Path, notebooks: Path,
            chapters: list[str], force: bool = False, namnd: str | None = None,
            place: str | None = None):
    """Check the data, run the chapters whose inputs changed, and write the book's source
    (book/<period>/) with the period's prose as it is now. Returns the report, the source
    folder, the chapters' cache keys and the time each step took."""
    steps = {}
    t = time.monotonic()
    params = parameters(period, root, namnd)
    rep = report.load(period, root, notebooks, namnd)  # a data error: no chapter runs
    steps["kontroll av data"] = time.monotonic() - t
    say(f"Datakontroll: {rep.checks.summary()} Varningarna visas på sidan Datakontroller.")
    say(f"Bygger {rep.title} för {rep.meta['namnd']} ({period}).")
    source = prepare_source(place or str(period), rep, source_root)
    files = identity.data_files(period, root, namnd)
    keys = {name: cache.chapter_key(notebooks / f"{name}.ipynb", files, root, params)
            for name in chapters}
    executed = source / EXECUTED
    executed.mkdir(exist_ok=True)
    stale = [name for name in chapters
             if force or not cache.fresh(executed / f"{name}.nyckel", keys[name])]
    t = time.monotonic()
    if stale:
        say(f"Kör {len(stale)} av {len(chapters)} kapitel med Papermill: {', '.join(stale)} …")
        preload()  # the site build's imports, while this process waits for the chapters
        for name in stale:
            (executed / f"{name}.nyckel").unlink(missing_ok=True)
        results = execute_chapters(period, root, executed, stale, jobs, notebooks,
                                   namnd=namnd)
        if any(r.error for r in results):
            raise BuildError(_chapter_failures(results, executed))
        for r in results:
            (executed / f"{r.name}.nyckel").write_text(keys[r.name])
            say(f"  {r.name}: {r.seconds:.1f} s")
    else:
        say("Inget kapitel har ändrats sedan förra bygget (notebook, data och parametrar).")
    # The book's notebooks: the executed chapters with the period's prose as it is now.
    figures = report.figures(rep)
    for name in chapters:
        materialize(executed / f"{name}.ipynb", source / f"{name}.ipynb",
                    rep.folder / narrative.FOLDER, figures)
    steps["kapitel"] = time.monotonic() - t
    return rep, source, keys, steps


def _build(period: Period, root: Path, jobs, say, out_root: Path, source_root: Path,
           notebooks: Path, chapters: list[str], pdf: bool, force: bool, namnd: str | None,
           place: str, renders: ThreadPoolExecutor | None = None) -> Path | Future:
    """Prepare the book, then render and switch it in: here, or (with `renders`) in that
    executor's thread, returning its Future."""
    params = parameters(period, root, namnd)
    build_id = identity.create(period, root, notebooks, params, pdf)  # inputs as they are now
    rep, source, keys, steps = prepare(period, root, jobs, say, source_root, notebooks,
                                       chapters, force, namnd, place)
    period_dir = out_root / place
    book_files = [p for p in source.rglob("*") if p.is_file() and EXECUTED not in p.parts]
    key = cache.book_key([keys[n] for n in chapters], book_files, source, pdf)
    current = outputs.current_identity(period_dir)
    if (not force and outputs.current_key(period_dir) == key
            and current and current.inputs == build_id.inputs):
        say(f"Boken är oförändrad; den byggda rapporten i {period_dir} gäller. "
            f"({', '.join(f'{k} {v:.1f} s' for k, v in steps.items())})")
        return period_dir / "html" / "index.html"
    stamp_config(source, static_pages.build_substitutions(build_id.label(), build_id.built),
                 rep.pdf_name)
    finish = functools.partial(_render_and_switch, source, rep, period_dir, build_id, key, pdf,
                               steps, say)
    return renders.submit(finish) if renders else finish()


def _render_and_switch(source: Path, rep: report.Report, period_dir: Path, build_id: Identity,
                       key: str, pdf: bool, steps: dict, say) -> Path:
    staging = outputs.staging(period_dir, build_id)
    t = time.monotonic()
    say("Bygger HTML med Jupyter Book" + (" och PDF med WeasyPrint" if pdf else "") + " …")
    try:
        pdf_name = _render(source, rep, staging, build_id, pdf, steps, t)
        outputs.switch(period_dir, staging, build_id, key)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when switched in
    if pdf:
        say(f"PDF: {period_dir / 'pdf' / pdf_name}")
    # With several nämnder this is said while the next nämnd's chapters run: name it.
    say(f"Klart ({rep.meta['namnd']}): {build_id.label()}. "
        + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))
    say(f"Startsida: {period_dir / 'html' / 'index.html'}")
    return period_dir / "html" / "index.html"


def build_pdf_only(period_text: str, say=print, namnd: str | None = None) -> Path:
    """The PDF, from the chapters already executed for the period (executed first if their
    inputs changed). HTML and PDF are always one build, so the site is rendered beside it."""
    index = build(period_text, say=say, what="make pdf", namnd=namnd)
    return next((index.parent.parent / "pdf").glob("*.pdf"))
