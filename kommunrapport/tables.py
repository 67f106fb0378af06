"""Report tables in HTML: itables, offline, numeric columns shown in Swedish format.

Numbers stay numbers in the table data, so sorting is numeric; the browser formats them
for display only, with Intl.NumberFormat('sv-SE') (U+2212 minus, no-break space).
"""
from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display
from itables import init_notebook_mode, show
from itables import options as itables_options
from itables.typing import JavascriptFunction

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
}
_SUMMA_FLAG = "_summa"


def init() -> None:
    """Embed DataTables in the page: no request leaves the machine. Keep this cell's output."""
    init_notebook_mode(all_interactive=False, connected=False)
    # orderFixed (which keeps the Summa row last) is a DataTables option itables does not list.
    itables_options.warn_on_undocumented_option = False


def _render(decimals: int) -> JavascriptFunction:
    return JavascriptFunction(
        "function (data, type) {"
        " if (type !== 'display' || data === null || data === undefined || data === '') return data;"
        " if (typeof data !== 'number') return data;"
        f" return new Intl.NumberFormat('sv-SE', {{minimumFractionDigits: 0, maximumFractionDigits: {decimals}}}).format(data); }}")


def show_table(frame: pd.DataFrame, caption: str, *, decimals: int = 0,
               summa_last: bool = False, allow_html: bool = False) -> None:
    """Show a report table with all rows. With summa_last, the last row stays last in any sort."""
    frame = frame.reset_index(drop=True).copy()
    numeric = [i for i, c in enumerate(frame.columns) if pd.api.types.is_numeric_dtype(frame[c])]
    column_defs = [{"targets": numeric, "render": _render(decimals), "className": "dt-right"}]
    options = {}
    if summa_last:
        frame[_SUMMA_FLAG] = [0] * (len(frame) - 1) + [1]
        flag = len(frame.columns) - 1
        column_defs.append({"targets": [flag], "visible": False, "searchable": False})
        # Sort by the hidden flag first, so the Summa row ends last whatever the user sorts.
        options["orderFixed"] = {"pre": [flag, "asc"]}
    show(frame, caption=caption, paging=False, showIndex=False, order=[],
         columnDefs=column_defs, language=SWEDISH, allow_html=allow_html,
         classes="display compact rapporttabell",
         layout={"topStart": None, "topEnd": "search", "bottomStart": "info", "bottomEnd": None},
         **options)


def show_html(html: str) -> None:
    display(HTML(html))
