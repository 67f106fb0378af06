"""Running Jupyter Book 1.x, shared by the site and the PDF's single-page build."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import BuildError


def run_jupyter_book(source: Path, staging: Path, *builder: str) -> Path:
    """Jupyter Book with warnings as errors, into staging/_build; a Swedish error on failure."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(source), "--all",
           *builder, "--path-output", str(staging), "-W", "-n", "--keep-going", "--quiet"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        log = (run.stdout + run.stderr).strip().splitlines()
        # The cause is in Sphinx's warning and error lines; the tail is often a traceback.
        causes = [line for line in log if "WARNING" in line or "ERROR" in line
                  or "Error" in line][:15]
        raise BuildError("Jupyter Book kunde inte bygga boken (varningar räknas som fel):\n  "
                         + "\n  ".join(causes or log[-25:]))
    return staging / "_build"
