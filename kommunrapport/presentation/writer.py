"""The writer's side of a chapter in JupyterLab: which report it shows, and the panel above it.

`make lab PERIOD=2026-04 NAMND=socialnamnden` starts JupyterLab with the period and nämnd in
the environment, and a chapter whose parameters cell is left as committed (an empty period)
shows that report; without them, the newest period, as `make book`. A build always passes the
period (papermill's injected cell), so the writer's environment never reaches a build.

The panel says which report the chapter shows and why, links to the period's texts and data
folder (a click opens them in JupyterLab), and lists the figures the chapter quotes, each
with what it is, its value and what to paste, above all the report's figures. The book
never shows it (materialize.py drops the writer's outputs).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..common.errors import BuildError
from ..common.formatting import Figure
from ..common.paths import BOOK, DATA, ROOT, latest_period
from ..common.periods import Period, periods_in
from ..sources import kommunen, narrative

# Set by `make lab` (building/lab.py) for JupyterLab and so for its kernels.
PERIOD = "KOMMUNRAPPORT_PERIOD"
NAMND = "KOMMUNRAPPORT_NAMND"
# Set by Jupyter Server for a notebook's kernel: the notebook's path.
SESSION = "JPY_SESSION_NAME"
# The book's stylesheet, and what JupyterLab needs besides it to show the report as the book.
STYLES = [BOOK / "static" / "_static" / "rapport.css", Path(__file__).with_name("jupyterlab.css")]
SCRIPT = Path(__file__).with_name("jupyterlab.js")


@dataclass(frozen=True)
class Choice:
    """The report a chapter shows, and how it was chosen, in the writer's words."""
    period: str
    namnd: str
    why: str


def newest_with_own_report(data_root: Path | None = None) -> Period:
    """The newest period that has the municipality's own report (a folder kommunen/)."""
    root = data_root or DATA
    found = [p for p in periods_in(root) if kommunen.has_report(root / str(p))]
    if not found:
        raise BuildError(f"Ingen period i {root} har kommunens egen rapport (mappen "
                         f"{kommunen.FOLDER}/ med rapport.yaml).")
    return found[-1]


def choose(period: str, namnd: str = "", *, kommun: bool = False,
           data_root: Path | None = None) -> Choice:
    """The parameters as given; an empty period: the one `make lab` was started with, else
    the newest (for the municipality's own report, the newest that has one). The nämnd
    follows `make lab` only where the period does."""
    if period:
        return Choice(period, namnd, "enligt kapitlets parameters-cell")
    given, wanted = os.environ.get(PERIOD, ""), namnd or os.environ.get(NAMND, "")
    wanted = "" if kommun or wanted == kommunen.FOLDER else wanted
    if given:
        return Choice(given, wanted, "som make lab startades med")
    newest = newest_with_own_report(data_root) if kommun else latest_period(data_root)
    return Choice(str(newest), wanted, "den senaste perioden i data/")


def notebook() -> Path | None:
    """The chapter's notebook, when JupyterLab runs it (not papermill)."""
    path = os.environ.get(SESSION, "")
    return Path(path) if path.endswith(".ipynb") and Path(path).is_file() else None


def link(path: Path, text: str | None = None) -> str:
    """A link that opens a text in JupyterLab's editor beside the chapter, or shows a folder
    in its file browser: JupyterLab's own commands (a plain link would open a text as a
    rendered preview), with the path from the project's root, which `make lab` serves."""
    if not path.is_relative_to(ROOT):
        return f"<code>{escape(text or str(path))}</code>"
    where = path.relative_to(ROOT).as_posix()
    if path.is_dir():
        command, args, title = "filebrowser:go-to-path", {"path": where}, "Visa mappen"
        shown = (text or where) + "/"
    else:
        command, title, shown = "docmanager:open", "Öppna texten bredvid kapitlet", text or where
        args = {"path": where, "factory": "Editor", "options": {"mode": "split-right"}}
    return (f'<a class="jupyterlab" tabindex="0" data-commandlinker-command="{command}" '
            f'data-commandlinker-args="{escape(json.dumps(args))}" title="{title}">'
            f"{escape(shown)}</a>")


def style_html() -> str:
    """The book's look, for the report's classes (analyses, tables, cards) in JupyterLab, and
    JupyterLab's Find switched to search outputs too (where the figures' keys are)."""
    return ("<style>" + "\n".join(p.read_text(encoding="utf-8") for p in STYLES
                                   if p.is_file()) + "</style>"
            f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>")


def _rows(figures: dict[str, Figure], keys) -> str:
    return "".join(f"<tr><td>{escape(getattr(figures[k], 'description', ''))}</td>"
                   f"<td>{escape(figures[k])}</td>"
                   f"<td><code>{{glue:text}}`{escape(k)}:s`</code></td></tr>" for k in keys)


def _table(figures: dict[str, Figure], keys) -> str:
    return ("<table><thead><tr><th>Siffra</th><th>Värde</th><th>Att klistra in</th></tr>"
            f"</thead><tbody>{_rows(figures, keys)}</tbody></table>")


def _texts(texts: Path, own: set[str]) -> str:
    names = sorted(p.name for p in texts.glob("*.md")) if texts.is_dir() else []
    items = [link(texts / n, n) + (" (det här kapitlet)" if n in own else "") for n in names]
    return (f"Periodens texter i {link(texts)}: " + ", ".join(items)
            if items else f"Periodens texter skrivs i {link(texts)}")


def panel(report, figures: dict[str, Figure], choice: Choice) -> str:
    """The writer's panel (HTML): the report, its texts and data, the figures."""
    chapter = notebook()
    texts = report.folder / narrative.FOLDER
    calls = narrative.notebook_texts(chapter) if chapter else []
    own_texts = {t.text for t in calls if t.call == "prose" and t.text}
    own = [k for k in narrative.chapter_keys(chapter, texts) if k in figures] if chapter else []
    who = f", {report.name}" if getattr(report, "name", "") else ""
    parts = [
        f'<details class="skribent" open><summary>För skribenten: {escape(report.title)}'
        f"{escape(who)} (perioden {escape(choice.period)}, {escape(choice.why)})</summary>",
        f"<p>{_texts(texts, own_texts)}. Klicka på en text för att öppna och "
        "redigera den här i JupyterLab; spara den och kör kapitlets celler igen. Periodens "
        f"data: {link(report.folder)}.</p>",
        "<p>En siffra skrivs i en text med det som står under <em>Att klistra in</em>, och i "
        "kapitlets egen text (<code>kapitel.md</code>) som <code>{nyckel}</code>. Sök med "
        "Ctrl+F.</p>",
    ]
    if getattr(report, "draft", False):
        parts.insert(1, f'<p class="utkast"><strong>Utkast:</strong> perioden har '
                     f"{len(report.checks.errors)} öppna punkter. Det som saknas visas som "
                     "[saknas: …] där det ska stå; listan över öppna punkter ger "
                     "<code>make check</code>.</p>")
    if chapter:
        parts += ["<p><strong>Siffror som kapitlet citerar</strong></p>",
                  _table(figures, own) if own else "<p>Kapitlet och dess texter citerar inga "
                  "siffror än.</p>"]
    parts += [f"<p><strong>Alla siffror i rapporten ({len(figures)})</strong></p>",
              f'<div class="alla-siffror">{_table(figures, figures)}</div></details>']
    return style_html() + "".join(parts)
