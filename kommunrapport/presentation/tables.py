"""Report tables in HTML: itables, offline, numeric columns shown in Swedish format.

Numbers stay numbers in the table data, so sorting is numeric; the browser formats them
for display only, with Intl.NumberFormat('sv-SE') (U+2212 minus, no-break space).
"""
from __future__ import annotations

import re
from html import escape

import pandas as pd
from IPython.display import HTML, display
from itables import init_notebook_mode, show
from itables import options as itables_options
from itables.typing import JavascriptFunction

from ..common.formatting import compact
from .materialize import PRINT_MIME

SWEDISH = {
    "search": "Sök i tabellen:",
    "info": "Visar _TOTAL_ rader",
    "infoEmpty": "Inga rader",
    "infoFiltered": "(filtrerat från _MAX_ rader)",
    "zeroRecords": "Inga rader matchar sökningen",
    "emptyTable": "Tabellen är tom",
    "lengthMenu": "Visa _MENU_ rader",
    "loadingRecords": "Laddar …",
    "thousands": "\u00a0",
    "decimal": ",",
    "aria": {"orderable": ": aktivera för att sortera",
             "orderableReverse": ": aktivera för att sortera i omvänd ordning",
             "orderableRemove": ": aktivera för att ta bort sorteringen"},
}
_SUMMA_FLAG = "_summa"


def init() -> None:
    """Embed DataTables in the page: no request leaves the machine. Keep this cell's output."""
    init_notebook_mode(all_interactive=False, connected=False)
    # orderFixed (which keeps the Summa row last) is a DataTables option itables does not list.
    itables_options.warn_on_undocumented_option = False


# Tables of at most this many rows are shown as plain tables: a search box, sorting and a row
# count help in a long table and are clutter in a short one.
INTERACTIVE_FROM_ROWS = 11
# In the PDF a table of at most this many rows is not split across pages.
KEEP_TOGETHER_ROWS = 15


_DATE = re.compile(r"\b(\d{2})-(\d{2})-(\d{2})\b")


def _headings(frame: pd.DataFrame) -> pd.DataFrame:
    """A date in a column heading ('Utfall 25-08-31') is never broken at its hyphens: they
    become non-breaking (U+2011), so a narrow column wraps between words only."""
    return frame.rename(columns=lambda c: _DATE.sub("\\1\u2011\\2\u2011\\3", str(c)))


def _render(decimals: int) -> JavascriptFunction:
    """Numbers in Swedish format for display; a missing value (NaN) is an empty cell."""
    return JavascriptFunction(
        "function (data, type) {"
        " if (typeof data === 'number' && isNaN(data)) return type === 'display' ? '' : null;"
        " if (type !== 'display' || data === null || data === undefined || data === '') return data;"
        " if (typeof data !== 'number') return data;"
        f" return new Intl.NumberFormat('sv-SE', {{minimumFractionDigits: 0, maximumFractionDigits: {decimals}}}).format(data); }}")


def show_table(frame: pd.DataFrame, caption: str, *, decimals: int = 0,
               summa_last: bool = False, allow_html: bool = False) -> None:
    """Show a report table with all rows. With summa_last, the last row is the table's sum:
    set apart, and last in any sort. A short table is shown as a plain table."""
    frame = _headings(frame.reset_index(drop=True))
    if len(frame) < INTERACTIVE_FROM_ROWS:
        display(HTML(static_table_html(frame, caption, decimals=decimals, summa_last=summa_last,
                                       allow_html=allow_html, on_screen=True)))
        return
    numeric = [i for i, c in enumerate(frame.columns) if pd.api.types.is_numeric_dtype(frame[c])]
    column_defs = [{"targets": numeric, "render": _render(decimals), "className": "dt-right"}]
    options = {}
    if summa_last:
        frame[_SUMMA_FLAG] = [0] * (len(frame) - 1) + [1]
        flag = len(frame.columns) - 1
        column_defs.append({"targets": [flag], "visible": False, "searchable": False})
        # Sort by the hidden flag first, so the Summa row ends last whatever the user sorts.
        options["orderFixed"] = {"pre": [flag, "asc"]}
        options["createdRow"] = JavascriptFunction(
            f"function (row, data) {{ if (data[{flag}] === 1) row.classList.add('summa'); }}")
    show(frame, caption=caption, paging=False, showIndex=False, order=[], autoWidth=False,
         columnDefs=column_defs, language=SWEDISH, allow_html=allow_html,
         classes="display compact rapporttabell",
         layout={"topStart": None, "topEnd": "search", "bottomStart": "info", "bottomEnd": None},
         **options)
    # The print copy is for the PDF only: JupyterLab does not render its mimetype, so the
    # writer sees the table once; the book gets it as HTML (materialize.py).
    display({PRINT_MIME: static_table_html(frame.drop(columns=[_SUMMA_FLAG], errors="ignore"),
                                           caption, decimals=decimals, summa_last=summa_last,
                                           allow_html=allow_html)}, raw=True)


def static_table_html(frame: pd.DataFrame, caption: str, *, decimals: int = 0,
                      summa_last: bool = False, allow_html: bool = False,
                      on_screen: bool = False) -> str:
    """The table, complete and static: a short table on screen, and every table in the PDF
    (which cannot run DataTables; the interactive tables' static twins are hidden on screen).
    """
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    head = "".join(f'<th scope="col" class="{"tal" if n else "text"}">{escape(str(c))}</th>'
                   for c, n in zip(frame.columns, numeric))
    rows = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = []
        for value, is_number in zip(row, numeric):
            if is_number:
                cells.append(f'<td class="tal">{"" if pd.isna(value) else compact(value, decimals)}</td>')
            else:
                text = "" if pd.isna(value) else str(value)
                cells.append(f"<td>{text if allow_html else escape(text)}</td>")
        summa = ' class="summa"' if summa_last and i == len(frame) - 1 else ""
        rows.append(f"<tr{summa}>{''.join(cells)}</tr>")
    whole = " hel" if len(frame) <= KEEP_TOGETHER_ROWS else ""
    # On screen a wide table scrolls in its frame, which the keyboard must reach too.
    frame_attributes = (f'class="tabell-ram{whole}" tabindex="0" role="region" '
                        f'aria-label="Tabell: {escape(caption)}"' if on_screen
                        else f'class="print-only{whole}"')
    return (f'<div {frame_attributes}>'
            f'<table class="print-table"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def show_html(html: str) -> None:
    display(HTML(html))
