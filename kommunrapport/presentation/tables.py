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
SOFT_HYPHEN = "\u00ad"
# Long compounds in column headings may break between their parts (browsers here have no
# Swedish hyphenation), so a narrow column is as wide as its figures, not its heading.
_COMPOUNDS = re.compile(r"\b(Helårs|Budget|Netto|Mål)(prognos|avvikelse|uppfyllelse)\b")


def _headings(frame: pd.DataFrame) -> pd.DataFrame:
    """A date in a column heading ('Utfall 25-08-31') is never broken at its hyphens: they
    become non-breaking (U+2011), so a narrow column wraps between words only; a long
    compound may break between its parts."""
    def heading(c) -> str:
        text = _DATE.sub("\\1\u2011\\2\u2011\\3", str(c))
        return _COMPOUNDS.sub(f"\\1{SOFT_HYPHEN}\\2", text)
    return frame.rename(columns=heading)


# A phone shows a table's name, its main amount and the figure it is about (the deviation,
# the assessment) side by side; the other columns make way there, and a note under the table
# says which, and that turning the phone shows them. A table without such a column leaves out
# only its codes, periods and ranks.
_KEY_WORDS = ("avvikelse", "måluppfyllelse")  # in a column's name
_KEY_NAMES = ("målet", "bedömning")           # a column's whole name
_AMOUNTS = ("Prognos", "Helårsprognos", "Senaste värde")
_SECONDARY = {"Kod", "Avser", "Ingår i", "Rang", "Rang (kvartil)", "Not"}
# A phone shows this many columns side by side; a table with more scrolls in its frame, and
# the note says so.
PHONE_COLUMNS = 3
# Long compounds in a static table's names may break before these parts (<wbr>: no character
# is added, so the text reads, copies and searches as it is), so a name such as "Summa
# Samhällsbyggnadsnämnden" does not widen its column past a phone's screen. The PDF keeps
# names whole (pdf.py removes the breaks).
_NAME_PARTS = re.compile(r"(?<=\w{4})(nämnden|styrelsen|förvaltningen|verksamhet|åtgärder|"
                         r"anläggningar|kostnader|tillgångar|avsättningar|förpliktelser|"
                         r"förbindelser)\b")


def breakable(html_text: str) -> str:
    """An escaped name with a line-break opportunity before its compound's last part."""
    return _NAME_PARTS.sub(r"<wbr>\1", html_text)


def hidden_on_phone(columns: list[str]) -> list[str]:
    plain = [c.replace(SOFT_HYPHEN, "") for c in columns]
    key = [c for c in plain if any(word in c.lower() for word in _KEY_WORDS)
           or c.lower() in _KEY_NAMES]
    if not key:
        return [c for c, p in zip(columns, plain) if p in _SECONDARY]
    name = next(c for c in plain if c not in ("Kod", "Nr"))
    amount = (next((c for c in plain if c.startswith(_AMOUNTS)), None)
              or next((c for c in plain if c.startswith("Utfall")), None))
    kept = {"Nr", name, amount, *key}
    return [c for c, p in zip(columns, plain) if p not in kept]


def phone_note_html(columns: list[str]) -> str:
    """Under a table, on a phone only: what it leaves out, and whether it scrolls."""
    hidden = hidden_on_phone(columns)
    parts = []
    # The split columns ("Intäkt, budget") are named together: "intäkter och kostnader".
    names = list(dict.fromkeys("intäkter och kostnader" if c.startswith(("Intäkt,", "Kostnad,"))
                               else "notnumren" if c == "Not"
                               else c.replace(SOFT_HYPHEN, "") for c in hidden))
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        parts.append(f"Vrid telefonen för att också se {escape(listed)}.")
    if len(columns) - len(hidden) > PHONE_COLUMNS:
        parts.append("Tabellen är bredare än skärmen: dra den i sidled för att se alla kolumner.")
    return f'<p class="smal-not">{" ".join(parts)}</p>' if parts else ""


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
    columns = [str(c) for c in frame.columns]
    phone = hidden_on_phone(columns)
    # One className per column: of two columnDefs naming a column, DataTables takes the first.
    column_defs = [{"targets": [i], "className": " ".join(
        (["dt-right"] if i in numeric else []) + (["smal-dold"] if c in phone else []))}
        for i, c in enumerate(columns) if i in numeric or c in phone]
    column_defs.append({"targets": numeric, "render": _render(decimals)})
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
    note = phone_note_html(columns)
    if note:
        display(HTML(note))


# A text column of figures with their units ("7,96 %", "+0,69 procentenheter") is aligned
# as figures are.
_FIGURE = re.compile(r"^[−+]?\d[\d\u00a0]*(,\d+)?(\u00a0(%|procentenheter))?$")


def _figures_as_text(column: pd.Series) -> bool:
    shown = [str(v) for v in column if pd.notna(v) and str(v) != ""]
    return bool(shown) and all(_FIGURE.match(v) for v in shown)


def static_table_html(frame: pd.DataFrame, caption: str, *, decimals: int = 0,
                      summa_last: bool = False, allow_html: bool = False,
                      on_screen: bool = False) -> str:
    """The table, complete and static: a short table on screen, and every table in the PDF
    (which cannot run DataTables; the interactive tables' static twins are hidden on screen).
    """
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    columns = [str(c) for c in frame.columns]
    phone = set(hidden_on_phone(columns))
    classes = [("tal" if n or _figures_as_text(frame[c]) else "text")
               + (" smal-dold" if str(c) in phone else "")
               for c, n in zip(frame.columns, numeric)]
    head = "".join(f'<th scope="col" class="{k}">{escape(c)}</th>' for c, k in zip(columns, classes))
    rows = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = []
        for value, is_number, kind in zip(row, numeric, classes):
            if is_number:
                text = "" if pd.isna(value) else compact(value, decimals)
            else:
                text = "" if pd.isna(value) else str(value)
                text = text if allow_html else escape(text)
                if on_screen:
                    text = breakable(text)
            cells.append(f'<td class="{kind}">{text}</td>')
        summa = ' class="summa"' if summa_last and i == len(frame) - 1 else ""
        # A cell to a line: the search index reads the cells as separate words.
        rows.append(f"<tr{summa}>\n{chr(10).join(cells)}\n</tr>")
    whole = " hel" if len(frame) <= KEEP_TOGETHER_ROWS else ""
    # On screen a wide table scrolls in its frame, which the keyboard must reach too.
    frame_attributes = (f'class="tabell-ram{whole}" tabindex="0" role="region" '
                        f'aria-label="Tabell: {escape(caption)}"' if on_screen
                        else f'class="print-only{whole}"')
    return (f'<div {frame_attributes}>'
            f'<table class="print-table"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{chr(10).join(rows)}</tbody></table></div>"
            + (phone_note_html(columns) if on_screen else ""))


def show_html(html: str) -> None:
    display(HTML(html))
