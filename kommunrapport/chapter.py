"""What a chapter notebook calls: set-up, glue of figures, tables and goal texts."""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib_inline.backend_inline import set_matplotlib_formats
from myst_nb import glue

from . import narrative
from . import report as report_module
from . import tables


def start(period: str, data_dir: str = ""):
    """Load and check the period's data, prepare SVG charts and offline tables.

    Returns the Report. Call it in a cell tagged remove-input: its output embeds DataTables.
    """
    set_matplotlib_formats("svg")
    tables.init()
    return report_module.load(period, data_dir or None)


def glue_figures(report, chapter: str = "") -> None:
    """Glue the figures this chapter quotes (insert them with {glue:text}`key:s`).

    In the build, only what the chapter's pages quote (QUOTED_FILE), so an export with many
    rows does not swell every notebook; opened elsewhere (JupyterLab), every figure.
    """
    figures = report_module.figures(report)
    quoted = Path(narrative.QUOTED_FILE)
    if chapter and quoted.is_file():
        wanted = json.loads(quoted.read_text(encoding="utf-8")).get(chapter)
        if wanted is not None:
            figures = {k: v for k, v in figures.items() if k in set(wanted)}
    for key, value in figures.items():
        glue(key, value, display=False)


def glue_chart(key: str, fig, description: str) -> None:
    """Glue a chart for {glue:figure}, and its text alternative as `<key>_text`.

    The caption quotes the text alternative, so the chart's figures reach every reader.
    """
    glue(key, fig, display=False)
    glue(f"{key}_text", description, display=False)
    plt.close(fig)
