"""Chapters run in warm kernels: a Papermill engine that keeps one kernel per worker process.

Starting a kernel and importing the package, pandas and matplotlib costs about as much CPU as
a chapter's own work; a municipality's nämnder run the same six chapters each. So every worker
of the build's process pool starts its kernel once, and runs chapter after chapter in it (of
one nämnd or the next). Before each chapter the kernel's namespace is reset (`%reset -f`) and
the package's chapter state is cleared by chapter.start, so nothing of one chapter is seen by
the next: a chapter that leans on a name it did not define fails as it would in a fresh
kernel. A chapter that fails, runs too long or kills its kernel gets the kernel discarded:
the next chapter starts a fresh one.
"""
from __future__ import annotations

import atexit
import multiprocessing.util
from pathlib import Path

import nbformat
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.iorw import write_ipynb
from papermill.log import logger

from .kernels import IPCKernelManager

ENGINE = "kommunrapport-varm"
# The worker's scratch folder (workers.py sets it), where its kernels' sockets go.
SCRATCH: Path | None = None
RESET = "get_ipython().run_line_magic('reset', '-f')"
_kernel: IPCKernelManager | None = None


def _manager() -> IPCKernelManager:
    """The worker's kernel manager; nbclient starts its kernel on the first chapter."""
    global _kernel
    if _kernel is None:
        _kernel = IPCKernelManager(SCRATCH, kernel_name="python3")
    return _kernel


def discard() -> None:
    """Shut the worker's kernel down; the next chapter starts a fresh one."""
    global _kernel
    if _kernel is not None:
        try:
            if _kernel.has_kernel:
                run_sync(_kernel.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already dead is fine
            pass
        _kernel = None


# A pool's worker ends through multiprocessing, which runs its finalizers but not atexit.
atexit.register(discard)
multiprocessing.util.Finalize(None, discard, exitpriority=10)


class _Client(PapermillNotebookClient):
    def papermill_execute_cells(self):
        # A fresh namespace for this chapter: nothing of the previous one is reachable.
        reply = self.wait_for_reply(self.kc.execute(RESET, silent=True, store_history=False))
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError("kärnan kunde inte nollställas före kapitlet")
        super().papermill_execute_cells()

    def execute_cell(self, cell, cell_index, *args, **kwargs):
        try:
            return super().execute_cell(cell, cell_index, *args, **kwargs)
        except CellTimeoutError:
            # The kept notebook shows where the chapter stopped (workers._timed_out_cell).
            cell.outputs.append(nbformat.v4.new_output(
                "error", ename="CellTimeoutError", evalue="cellen kördes längre än gränsen",
                traceback=[]))
            raise


class WarmEngine(NBClientEngine):
    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, **kwargs):
        # Papermill writes the whole notebook (a megabyte, with the tables' script) as each
        # cell starts and ends: a third of a short chapter's time. Papermill writes it once
        # when the chapter has run; here it is written only where the chapter stopped.
        try:
            return super().execute_notebook(nb, kernel_name, output_path=None, **kwargs)
        except BaseException:
            if output_path:
                write_ipynb(nb, output_path)
            raise

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, *, log_output=False,
                                 stdout_file=None, stderr_file=None, start_timeout=60,
                                 execution_timeout=None, **kwargs):
        client = _Client(nb_man, km=_manager(), timeout=execution_timeout,
                         startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                         log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()


papermill_engines.register(ENGINE, WarmEngine)
