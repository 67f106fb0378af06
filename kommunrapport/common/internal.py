"""An unexpected error (a fault of ours, not of the data) as the user meets it: one Swedish line
naming the file being read and where the details are; the traceback goes to a log file.

KOMMUNRAPPORT_FELSOK=1 raises it instead, for whoever develops the package (the tests set it).
"""
from __future__ import annotations

import datetime
import os
import sys
import traceback
from pathlib import Path

from .paths import BUILD, ROOT
from .reading import current

LOG = BUILD / "fel.log"
DEBUG = "KOMMUNRAPPORT_FELSOK"


def debugging() -> bool:
    return os.environ.get(DEBUG, "") not in ("", "0")


def shown(path: Path | None) -> str:
    """A path as the user finds it: relative to the project when it is inside it."""
    if path is None:
        return "?"
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def log_details(exc: BaseException, what: str, log: Path | None = None) -> Path:
    """Append the traceback, with the command and the file being read, to the log."""
    log = log or LOG
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"=== {datetime.datetime.now():%Y-%m-%d %H:%M:%S} {what}; fil: "
                      f"{shown(current())}; python {sys.version.split()[0]}\n")
            out.write("".join(traceback.format_exception(exc)) + "\n")
    except OSError:  # a read-only checkout: the line on screen must still come
        pass
    return log


def message(exc: BaseException, what: str, log: Path | None = None) -> str:
    """The one line for the user, after the details were written to the log."""
    written = log_details(exc, what, log)
    file = current()
    where = f" när {shown(file)} lästes" if file else ""
    return (f"Ett oväntat fel i rapportverktyget{where} ({type(exc).__name__}). Detaljerna "
            f"finns i {shown(written)}: skicka den filen till den som underhåller verktyget.")
