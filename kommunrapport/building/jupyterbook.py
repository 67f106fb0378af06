"""Running Jupyter Book 1.x, shared by the site and the PDF's single-page build."""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from ..common.errors import BuildError


def run_jupyter_book(source: Path, staging: Path, *builder: str) -> Path:
    """Jupyter Book with warnings as errors, into staging/_build; a Swedish error on failure."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(source), "--all",
           *builder, "--path-output", str(staging), "-W", "-n", "--keep-going", "--quiet"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise _failed("boken", run.stdout + run.stderr)
    return staging / "_build"


def _failed(what: str, log: str, causes: list[str] | None = None) -> BuildError:
    lines = log.strip().splitlines()
    # The cause is in Sphinx's warning and error lines; the tail is often a traceback.
    causes = [line for line in lines if "WARNING" in line or "ERROR" in line
              or "Error" in line][:15] + (causes or [])
    return BuildError(f"Jupyter Book kunde inte bygga {what} (varningar räknas som fel):\n  "
                      + "\n  ".join(causes or lines[-25:]))


def update_site(source: Path, site: Path) -> None:
    """The site into `site`, in this process and incrementally: Sphinx re-reads only the pages
    whose source changed since the last call (the preview's path, where Jupyter Book's own
    process start and full rebuild would cost seconds per save). Same options as
    run_jupyter_book: warnings are errors, references are checked."""
    from jupyter_book.sphinx import build_sphinx  # imported once, on the first preview

    warnings = io.StringIO()
    overrides = {"external_toc_path": str(source / "_toc.yml"), "latex_individualpages": False,
                 "nitpicky": True}
    with contextlib.redirect_stderr(warnings):
        result = build_sphinx(source, site, noconfig=True, path_config=str(source / "_config.yml"),
                              confoverrides=overrides, quiet=True, warningiserror=True,
                              keep_going=True)
    if result != 0:
        # Pages read in a failed build count as current: read them all again next time, so a
        # warning stays visible until it is fixed.
        (site.parent / ".doctrees" / "environment.pickle").unlink(missing_ok=True)
        raised = [f"{type(result).__name__}: {result}"] if isinstance(result, Exception) else []
        raise _failed("sidan", warnings.getvalue(), raised)
