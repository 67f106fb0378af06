"""The period's own prose: data/<period>/text/*.md, included by the chapter notebooks.

Each period has its own text, so building an earlier period again shows that period's words.
A text quotes figures with the same glue roles as the notebooks, and the check makes sure
every role names a figure the book glues and no placeholder from `new-period` is left.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .checks import CheckLog
from .paths import NOTEBOOKS

FOLDER = "text"
PLACEHOLDER = "[Skriv periodens text här."
_INCLUDE = re.compile(r"```\{include\}\s+text/([\w-]+\.md)")
_GLUE = re.compile(r"\{glue(?::text|:md)?\}`([^`:]+)")
# Figures glued by a chapter's cells rather than by report.figures (charts and their texts).
CHART_KEY = re.compile(r"^fig_\w+$")


def included(notebooks: Path = NOTEBOOKS) -> dict[str, str]:
    """File name -> chapter, for every text file a chapter notebook includes."""
    found = {}
    for path in sorted(notebooks.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            source = "".join(cell["source"])
            for name in _INCLUDE.findall(source):
                found[name] = path.stem
    return found


def check(folder: Path, figure_keys: set[str] | None, log: CheckLog,
          notebooks: Path = NOTEBOOKS) -> None:
    """Every included text exists, is written, and quotes only figures that exist (checked
    when the data had no errors, so figure_keys is known)."""
    with log.check("periodens texter finns och citerar bara siffror som finns"):
        for name, chapter in included(notebooks).items():
            path = folder / FOLDER / name
            if not path.is_file():
                log.error(path, f"texten saknas (kapitlet {chapter} tar med den)",
                          expected=f"filen {FOLDER}/{name} i periodens mapp, skriven i Markdown")
                continue
            for row, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip().startswith(PLACEHOLDER):
                    log.error(path, "texten är inte skriven för perioden", row=row,
                              expected="periodens text i stället för platshållaren")
                if figure_keys is None:
                    continue
                for key in _GLUE.findall(line):
                    if key not in figure_keys and not CHART_KEY.match(key):
                        log.error(path, f"siffran '{key}' finns inte för perioden", row=row,
                                  expected="en nyckel ur listan i data/README.md")


def copy_into(folder: Path, source: Path) -> None:
    """Replace the book source's text/ with the period's (a deleted text must not linger)."""
    target = source / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    if (folder / FOLDER).is_dir():
        shutil.copytree(folder / FOLDER, target)
