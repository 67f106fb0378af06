"""The period's own prose: data/<period>/text/*.md, included by the chapter notebooks.

Each period has its own text, so building an earlier period again shows that period's words.
A text quotes figures with the same glue roles as the notebooks, and the check makes sure
every role names a figure the book glues and no placeholder from `new-period` is left.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.paths import NOTEBOOKS
from ..common.reading import read_text

FOLDER = "text"
PLACEHOLDER = "[Skriv periodens text här."
_INCLUDE = re.compile(r"chapter\.prose\(\"([\w.-]+\.md)\"\)")
# `{key}` fields in a chapter's own text (chapter.md, chapter.figure captions).
_FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
_GLUE = re.compile(r"\{glue(?::text|:md)?\}`([^`:]+)")
# What a writer's Markdown must not carry onto an intranet with a strict policy: it would run
# as script or pass through as raw HTML. Warned of, with the file and line.
_UNSAFE = [
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.I), "HTML-taggen <{0}>"),
    (re.compile(r"\bon[a-z]+\s*=\s*[\"']", re.I), "en HTML-händelse ({0}…)"),
    (re.compile(r"javascript:", re.I), "en javascript:-länk"),
    (re.compile(r"[`:]{3,}\s*\{(raw|eval-rst)\}"), "direktivet {{{0}}}"),
    (re.compile(r"\{(raw)\}`"), "rollen {{{0}}}"),
]
# The chapters as a writer knows them.
CHAPTERS = {"index": "Inledning (startsidan)", "verksamhet": "Verksamhet", "personal": "Personal",
            "mal": "Mål och uppdrag", "ekonomi": "Ekonomi", "datakontroller": "Datakontroller"}
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
            try:
                lines = read_text(path).splitlines()
            except DataError as exc:
                log.add(exc)
                continue
            for row, line in enumerate(lines, 1):
                if line.strip().startswith(PLACEHOLDER):
                    log.error(path, "texten är inte skriven för perioden", row=row,
                              expected="periodens text i stället för platshållaren")
                for pattern, what in _UNSAFE:
                    found = pattern.search(line)
                    if found:
                        named = what.format(*found.groups(), found.group(0).strip())
                        log.warn(path, f"texten innehåller {named}", row=row,
                                 expected="vanlig Markdown: skript och rå HTML körs eller "
                                 "visas inte som text på intranätet")
                if figure_keys is None:
                    continue
                for key in _GLUE.findall(line):
                    if key not in figure_keys:
                        log.error(path, f"siffran '{key}' finns inte för perioden", row=row,
                                  expected="en nyckel ur listan i data/README.md")


def quoted(folder: Path, notebooks: Path | None = None) -> dict[str, str]:
    """Figure key -> where a text of the period (or, with `notebooks`, a chapter's own text)
    first quotes it ('text/ekonomi-resultat.md, rad 3,'), for the figures made from values a
    person gives only when something quotes them."""
    found: dict[str, str] = {}
    for path in sorted(notebooks.glob("*.ipynb")) if notebooks else []:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if "chapter.md(" in source or "caption=" in source:
                for key in _FIELD.findall(source):
                    found.setdefault(key, f"kapitlet {CHAPTERS.get(path.stem, path.stem)}")
    for path in sorted((folder / FOLDER).glob("*.md")):
        try:
            lines = read_text(path).splitlines()
        except (OSError, DataError):
            continue  # check() reports the unreadable text
        for row, line in enumerate(lines, 1):
            for key in _GLUE.findall(line):
                found.setdefault(key, f"{FOLDER}/{path.name}, rad {row},")
    return found


def check_fields(figure_keys: set[str], log: CheckLog, notebooks: Path = NOTEBOOKS) -> None:
    """Every `{key}` in a chapter's own text names a figure (or a chart's text)."""
    for path in sorted(notebooks.glob("*.ipynb")):
        for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], 1):
            source = "".join(cell["source"])
            if "chapter.md(" not in source and "caption=" not in source:
                continue
            for key in _FIELD.findall(source):
                if key not in figure_keys and not CHART_KEY.match(key):
                    log.error(f"notebooks/{path.name}", f"cell {n}: siffran '{key}' finns inte "
                              "för perioden", expected="en nyckel ur listan över siffror")


_AREA = re.compile(r"mal\.goals_html\(rapport\.mal, (\d+)\)")


def shown_areas(notebooks: Path = NOTEBOOKS) -> list[int]:
    """The målområden the mål chapter has a section for (its mal.goals_html calls)."""
    path = notebooks / "mal.ipynb"
    if not path.is_file():
        return []
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sorted({int(n) for c in cells for n in _AREA.findall("".join(c["source"]))})
