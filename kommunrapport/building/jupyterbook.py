"""Jupyter Book 1.x's Sphinx build, in this process: the site, the preview's updates and the
PDF's single page."""
from __future__ import annotations

import contextlib
import copy
import importlib
import io
import threading
from pathlib import Path

from ..common.errors import BuildError
from ..common.paths import ROOT

CONFIG = ROOT / "_config.yml"


def _failed(what: str, log: str, causes: list[str] | None = None) -> BuildError:
    lines = log.strip().splitlines()
    # The cause is in Sphinx's warning and error lines; the tail is often a traceback.
    causes = [line for line in lines if "WARNING" in line or "ERROR" in line
              or "Error" in line][:15] + (causes or [])
    return BuildError(f"Jupyter Book kunde inte bygga {what} (varningar räknas som fel):\n  "
                      + "\n  ".join(causes or lines[-25:]))


# What a site build imports (Jupyter Book, Sphinx, the theme and extensions): about 1.5 s,
# loaded while the chapters run so the site build itself starts at once.
_PRELOAD = ["jupyter_book.sphinx", "myst_nb", "sphinx_book_theme", "sphinx_design",
            "sphinx_external_toc", "sphinx_copybutton", "sphinx_togglebutton", "sphinx_comments",
            "sphinx_multitoc_numbering", "sphinx_jupyterbook_latex", "sphinx_thebe",
            "sphinx.builders.html", "sphinx.search.sv"]


_preloading: threading.Thread | None = None


def preload() -> None:
    """Import what build_site needs, in a thread, while this process waits for its chapters
    (and imports nothing itself: build_site waits for the thread, so no two threads import
    at once)."""
    global _preloading

    def run():
        for name in _PRELOAD:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)

    if _preloading is None:
        _preloading = threading.Thread(target=run, daemon=True)
        _preloading.start()


def build_site(source: Path, site: Path, settings: dict, doctrees: Path | None = None,
               builder: str = "html") -> None:
    """The site into `site`, in this process (no Jupyter Book process to start), with the
    project's _config.yml and `settings` (Sphinx options) over it; the file is never written.
    Sphinx reads again only the pages whose source changed since its environment in
    `doctrees` was saved (the preview keeps it between saves; a clean build starts without
    one). Warnings are errors and references are checked. The PDF's source is the
    `singlehtml` builder's page."""
    if _preloading:
        _preloading.join()
    from jupyter_book.sphinx import build_sphinx

    doctrees = doctrees or site.parent / ".doctrees"
    warnings = io.StringIO()
    # Merged into Jupyter Book's configuration last, dictionaries key by key.
    overrides = {"external_toc_path": str(source / "_toc.yml"), "latex_individualpages": False,
                 "nitpicky": True, **copy.deepcopy(settings)}
    with _SPHINX, contextlib.redirect_stderr(warnings):
        result = build_sphinx(source, site, noconfig=True, path_config=str(CONFIG),
                              confoverrides=overrides, doctreedir=str(doctrees), quiet=True,
                              builder=builder, warningiserror=True, keep_going=True)
    if result != 0:
        # Pages read in a failed build count as current: read them all again next time, so a
        # warning stays visible until it is fixed.
        (doctrees / "environment.pickle").unlink(missing_ok=True)
        raised = [f"{type(result).__name__}: {result}"] if isinstance(result, Exception) else []
        raise _failed("boken" if builder == "html" else "PDF:ens underlag (en sida)",
                      warnings.getvalue(), raised)


# Sphinx and docutils keep state in modules: one build in this process at a time.
_SPHINX = threading.Lock()
