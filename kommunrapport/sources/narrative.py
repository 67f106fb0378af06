"""The period's own prose: data/<period>/text/*.md, included by the chapter notebooks.

Each period has its own text, so building an earlier period again shows that period's words.
A text quotes figures with the same glue roles as the notebooks, and the check makes sure
every role names a figure the book glues and no placeholder from `new-period` is left.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.nearest import did_you_mean
from ..common.paths import NOTEBOOKS
from ..common.reading import read_text

FOLDER = "text"
PLACEHOLDER = "[Skriv periodens text här."
# `{key}` fields in a chapter's own text (kapitel.md, a chart's caption).
_FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
# A figure in a text: {glue:text}`key:s`. The figures are formatted already (Swedish), so the
# only format is `s` (or none); another (`:.2f`) would be ignored, so it is refused.
GLUE = re.compile(r"\{glue(?::text|:md)?\}`([^`:]+)(?::([^`]*))?`")
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


@dataclass(frozen=True)
class ChapterText:
    """A text a chapter's code gives the package: the file of `kapitel.prose("x.md")`, the
    template of `kapitel.md("…")` or a chart's `caption="…"`. None when the call gives no
    plain string (a variable, an f-string): its figures could not be checked."""
    chapter: str
    cell: int    # 1-based, as JupyterLab counts the notebook's cells
    call: str    # "prose", "md" or "caption"
    text: str | None


def _parse(source: str) -> ast.Module | None:
    """A cell's syntax tree; a cell with IPython's magics or shell lines, without them."""
    for code in (source, "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                                   for line in source.splitlines())):
        try:
            return ast.parse(code)
        except SyntaxError:
            pass
    return None


def notebook_texts(path: Path) -> list[ChapterText]:
    """Every text one chapter's code gives the package, read from the code's syntax tree
    (however it is quoted or named); a cell that is not Python is one with call "syntax"."""
    found = []
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for n, cell in enumerate(cells, 1):
        if cell["cell_type"] != "code":
            continue
        tree = _parse("".join(cell["source"]))
        if tree is None:
            found.append(ChapterText(path.stem, n, "syntax", None))
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            given = [node.args[0]] if name in ("prose", "md") and node.args else []
            given += [k.value for k in node.keywords if k.arg == "caption"]
            for value in given:
                text = value.value if isinstance(value, ast.Constant) \
                    and isinstance(value.value, str) else None
                call = "caption" if value not in node.args else name
                found.append(ChapterText(path.stem, n, call, text))
    return found


def chapter_texts(notebooks: Path = NOTEBOOKS) -> list[ChapterText]:
    """Every text the chapters in the folder give the package."""
    return [t for path in sorted(notebooks.glob("*.ipynb")) for t in notebook_texts(path)]


def chapter_keys(notebook: Path, texts: Path) -> list[str]:
    """The figure keys one chapter quotes, in its order: the `{key}` fields of its own texts
    and the roles of the period's texts it includes (from texts/, when they can be read)."""
    keys = []
    for t in notebook_texts(notebook):
        if t.call == "prose" and t.text:
            try:
                keys += [key for key, _ in GLUE.findall(read_text(texts / t.text))]
            except (OSError, DataError):
                continue  # check() reports a missing or unreadable text
        elif t.call in ("md", "caption") and t.text:
            keys += _FIELD.findall(t.text)
    return list(dict.fromkeys(keys))


def included(notebooks: Path = NOTEBOOKS) -> dict[str, str]:
    """File name -> chapter, for every text file a chapter includes."""
    return {t.text: t.chapter for t in chapter_texts(notebooks) if t.call == "prose" and t.text}


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
                for key, spec in GLUE.findall(line):
                    if spec not in ("", "s"):
                        log.error(path, f"siffran '{key}' har formatet ':{spec}'", row=row,
                                  expected=f"{{glue:text}}`{key}:s`: siffrorna är redan "
                                  "formaterade på svenska")
                    elif key not in figure_keys:
                        log.error(path, f"siffran '{key}' finns inte för perioden"
                                  f"{did_you_mean(key, figure_keys)}", row=row,
                                  expected="en nyckel ur listan För skribenten i kapitlet")


def quoted(folder: Path, notebooks: Path | None = None) -> dict[str, str]:
    """Figure key -> where a text of the period (or, with `notebooks`, a chapter's own text)
    first quotes it ('text/ekonomi-resultat.md, rad 3,'), for the figures made from values a
    person gives only when something quotes them."""
    found: dict[str, str] = {}
    for t in chapter_texts(notebooks) if notebooks else []:
        if t.call != "prose" and t.text:
            for key in _FIELD.findall(t.text):
                found.setdefault(key, f"kapitlet {CHAPTERS.get(t.chapter, t.chapter)}")
    for path in sorted((folder / FOLDER).glob("*.md")):
        try:
            lines = read_text(path).splitlines()
        except (OSError, DataError):
            continue  # check() reports the unreadable text
        for row, line in enumerate(lines, 1):
            for key, _ in GLUE.findall(line):
                found.setdefault(key, f"{FOLDER}/{path.name}, rad {row},")
    return found


def check_fields(figure_keys: set[str], log: CheckLog, notebooks: Path = NOTEBOOKS) -> None:
    """Every `{key}` in a chapter's own text names a figure (or a chart's text), and every
    text can be checked."""
    for t in chapter_texts(notebooks):
        where = f"notebooks/{t.chapter}.ipynb"
        if t.call == "syntax":
            log.error(where, f"cell {t.cell} kan inte läsas som Python",
                      expected="kod som kan köras; rätta cellen i JupyterLab")
        elif t.text is None:
            log.error(where, f"cell {t.cell}: texten till {t.call} är inte en vanlig sträng, så "
                      "dess siffror kan inte kontrolleras", expected='en sträng i citattecken, '
                      'med siffrorna som {nyckel} (till exempel kapitel.md("""…"""))')
        elif t.call != "prose":
            for key in _FIELD.findall(t.text):
                if key not in figure_keys and not CHART_KEY.match(key):
                    log.error(where, f"cell {t.cell}: siffran '{key}' finns inte för perioden"
                              f"{did_you_mean(key, figure_keys)}",
                              expected="en nyckel ur listan För skribenten i kapitlet")
