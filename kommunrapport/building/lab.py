"""The writers' JupyterLab: `make lab PERIOD=2026-04 NAMND=socialnamnden`.

JupyterLab serves the project's folder, so the chapters (notebooks/) and the period's texts
(data/<period>/[<nämnd>/]text/) are edited side by side; it opens on the first chapter the
writer writes text for, of the report asked for (notebooks/kommunen/ for the municipality's
own). Its kernels get the period and nämnd in their environment, and a chapter whose
parameters are left as committed shows that report (presentation/writer.py). Each report has
a JupyterLab workspace of its own, so the texts left open for April are not those for August.

Saving a chapter never writes what running it made: the pre-save hook strips outputs,
execution counts and the metadata JupyterLab adds (nbstripout, the maintained library for it)
and keeps the language_info committed, so a chapter run and saved is byte for byte the
committed one unless its cells were edited. The chapters' jupytext twins (*.myst.md) are not
listed: a writer meets the chapters and the texts only.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat

from ..common.paths import ROOT
from ..presentation import writer
from ..sources import narrative
from .target import KOMMUN, Target

# What nbstripout strips by default besides outputs and counts; JupyterLab's memory of a
# collapsed input or output (cell.metadata.jupyter): the writer's view, not the chapter; and
# what jupytext notes in the notebook (the pairing is notebooks/jupytext.toml's).
UI_STATE = ["metadata.signature", "metadata.widgets", "cell.metadata.collapsed",
            "cell.metadata.ExecuteTime", "cell.metadata.execution",
            "cell.metadata.heading_collapsed", "cell.metadata.hidden", "cell.metadata.scrolled",
            "cell.metadata.jupyter", "metadata.jupytext"]
# The writers' JupyterLab's own configuration, beside the user's.
CONFIG = Path(__file__).with_name("jupyterlab")
# Not listed in the file browser: Jupyter Server's defaults, and the chapters' twins.
HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", ".ipynb_checkpoints", "*.myst.md"]


def strip_outputs(model: dict, path: str, contents_manager, **_) -> None:
    """Jupyter Server's pre-save hook: a notebook is saved without what running it made."""
    from nbstripout import strip_output

    if model.get("type") != "notebook" or not model.get("content"):
        return
    nb = nbformat.from_dict(model["content"])
    strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=UI_STATE)
    # The kernel tells JupyterLab its Python's exact version; the file keeps the committed one.
    committed = _language_info(Path(contents_manager.root_dir) / path)
    if committed:
        nb.metadata["language_info"] = committed
    model["content"] = nb


def _language_info(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["metadata"].get("language_info")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def target(period: str | None, namnd: str | None) -> Target:
    """The report asked for, as `make book` reads PERIOD and NAMND (without PERIOD,
    NAMND=kommunen is the newest period that has the municipality's own report)."""
    from ..common.paths import latest_period

    if not period:
        period = str(writer.newest_with_own_report() if namnd == KOMMUN else latest_period())
    return Target.of(period, namnd)


def first_chapter(report: Target) -> str:
    """The report's first chapter that includes a period text (the one a writer starts
    in), else its first chapter."""
    with_text = set(narrative.included(report.chapter_folder).values())
    return next((c for c in report.chapters if c in with_text), report.chapters[0])


def command(report: Target, asked: dict[str, str | None],
            extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """JupyterLab's command line and environment for the report. `asked` is what the writer
    gave (PERIOD, NAMND): only that goes to the chapters, which otherwise take the newest."""
    env = {k: v for k, v in os.environ.items() if k not in (writer.PERIOD, writer.NAMND)}
    # Its page config (jupyterlab/labconfig/) leaves out the question about the news.
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(CONFIG), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])])
    if asked.get("period") or asked.get("namnd"):
        env[writer.PERIOD] = str(report.period)
        env[writer.NAMND] = KOMMUN if report.kommun else report.namnd or ""
    chapter = report.chapter_folder.relative_to(ROOT) / f"{first_chapter(report)}.ipynb"
    workspace = report.place.replace("/", "-")
    args = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1",
            f"--ServerApp.root_dir={ROOT}",
            f"--LabApp.default_url=/lab/workspaces/{workspace}/tree/{chapter.as_posix()}",
            f"--ContentsManager.pre_save_hook={__name__}.strip_outputs",
            # An intranet server: JupyterLab never fetches its news or looks for updates.
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *[f"--ContentsManager.hide_globs={glob}" for glob in HIDDEN]]
    if os.geteuid() == 0:  # a container or a build server: JupyterLab refuses root otherwise
        args.append("--allow-root")
    return args + extra, env


def run(period: str | None, namnd: str | None, extra: list[str]) -> None:
    """Start JupyterLab in this process's place (Ctrl+C stops it as usual)."""
    report = target(period, namnd)
    args, env = command(report, {"period": period, "namnd": namnd}, extra)
    texts = report.data / narrative.FOLDER
    whose = f"{report.name}, " if report.namnd or report.kommun else ""
    print(f"JupyterLab för {whose}perioden {report.period}: kapitlen i "
          f"{report.chapter_folder.relative_to(ROOT)}/, texterna i {texts.relative_to(ROOT)}/. "
          "Ctrl+C avslutar.", flush=True)
    os.execve(sys.executable, args, env)
