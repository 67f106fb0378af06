"""What a chapter notebook calls: set-up, glue of figures, tables and goal texts."""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib_inline.backend_inline import set_matplotlib_formats
from myst_nb import glue

from . import report as report_module
from . import tables


def start(period: str, data_dir: str = ""):
    """Load and check the period's data, prepare SVG charts and offline tables.

    Returns the Report. Call it in a cell tagged remove-input: its output embeds DataTables.
    """
    set_matplotlib_formats("svg")
    tables.init()
    return report_module.load(period, data_dir or None)


def glue_figures(report) -> None:
    """Glue every figure the chapters quote: insert them with {glue:text}`key:s`."""
    for key, value in report_module.figures(report).items():
        glue(key, value, display=False)


def glue_chart(key: str, fig, description: str) -> None:
    """Glue a chart for {glue:figure}, and its text alternative as `<key>_text`.

    The caption quotes the text alternative, so the chart's figures reach every reader.
    """
    glue(key, fig, display=False)
    glue(f"{key}_text", description, display=False)
    plt.close(fig)
