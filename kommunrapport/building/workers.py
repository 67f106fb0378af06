"""The build process's chapter workers: processes that each keep a warm kernel (warm.py) and
run chapters with Papermill, and make the PDF beside the site.

The pool is kept for the next nämnd, period or preview save, and shut down with the process.
A change to the package's code replaces it: its kernels have the old code imported.
"""
from __future__ import annotations

import atexit
import json
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import BuildError

# The longest a chapter's cell may run; a cell that takes longer stops the build, named.
CELL_LIMIT_S = int(os.environ.get("KOMMUNRAPPORT_CELLGRANS", "300"))


@dataclass
class ChapterResult:
    name: str
    seconds: float
    error: str | None = None
    cell: int | None = None  # 1-based number of the raising cell in the chapter notebook


def _start_worker(scratch: str, build_pid: int) -> None:
    """A chapter worker: its kernels' sockets in the pool's scratch folder, and gone (with its
    kernel) soon after the build process is, however that ended (a killed `make book` must
    not leave kernels behind)."""
    from . import warm

    warm.SCRATCH = Path(scratch)

    def watch() -> None:
        while os.getppid() == build_pid:  # reparented once the build is gone
            time.sleep(1)
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
    """One chapter, in a worker."""
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


@dataclass
class _Pool:
    executor: ProcessPoolExecutor
    size: int
    code: str         # the package's code digest the workers imported
    scratch: Path     # the kernels' sockets; removed with the pool

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)  # each worker ends its kernel
        shutil.rmtree(self.scratch, ignore_errors=True)


_pool: _Pool | None = None


def pool(size: int, code: str) -> ProcessPoolExecutor:
    """The process's chapter workers, started when first needed or when the code changed."""
    global _pool
    if _pool and (_pool.size != size or _pool.code != code or _pool.executor._broken):
        close()
    if _pool is None:
        scratch = Path(tempfile.mkdtemp(prefix=f"kommunrapport-{os.getpid()}-"))
        # Spawned workers, not forks of this process: a fork would inherit the open lock of
        # the build that started the pool and hold it for the pool's life.
        executor = ProcessPoolExecutor(max_workers=size, initializer=_start_worker,
                                       initargs=(str(scratch), os.getpid()),
                                       mp_context=multiprocessing.get_context("spawn"))
        _pool = _Pool(executor, size, code, scratch)
    return _pool.executor


def close() -> None:
    global _pool
    if _pool:
        closing, _pool = _pool, None
        closing.close()


atexit.register(close)


def clean_scratch() -> None:
    """Remove the scratch folders of builds killed before their clean-up (named with their
    process id, so a running build's folder is kept)."""
    from .locking import alive

    for folder in Path(tempfile.gettempdir()).glob("kommunrapport-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def execute(chapters: list[tuple[str, Path, Path]], params: dict, size: int, code: str,
            limit: int | None = None) -> list[ChapterResult]:
    """Run each (name, notebook, executed copy) in the workers' warm kernels; a cell running
    longer than `limit` seconds (CELL_LIMIT_S) stops its chapter."""
    workers = pool(size, code)
    futures = [workers.submit(_execute, name, source, target, params, limit or CELL_LIMIT_S)
               for name, source, target in chapters]
    return [f.result() for f in futures]


def submit(size: int, code: str, function, *args) -> Future:
    """Another job for a worker (the PDF, beside the site in this process)."""
    return pool(size, code).submit(function, *args)


def failures(results: list[ChapterResult], executed: Path) -> BuildError:
    lines = ["Bygget avbröts: kapitel kunde inte köras."]
    for r in results:
        if r.error:
            where = f"i cell {r.cell}" if r.cell is not None else "vid körningen"
            lines.append(f"  Kapitlet '{r.name}' misslyckades {where}: {r.error}")
            lines.append("    Det körda kapitlet finns kvar för felsökning: "
                         f"{executed / (r.name + '.ipynb')}")
    return BuildError("\n".join(lines))
