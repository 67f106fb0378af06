"""Charts for the chapters, drawn from the same data as the tables.

Each function returns a matplotlib figure; the notebooks show them as SVG (sharp in the
HTML and in the PDF). Axis labels use Swedish number format.
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from ..common.formatting import compact, tkr  # noqa: E402
from ..common.periods import Period  # noqa: E402
from ..model.mal import Mal, counts  # noqa: E402
from ..model.personal import format_value  # noqa: E402
from .goals import COLOURS  # noqa: E402

BETTER = "#1b5e20"   # better than budget
WORSE = "#b71c1c"    # worse than budget
NEUTRAL = "#4a6fa5"
PREVIOUS = "#9aa5b1"

# Charts are drawn at this width and text size so that, scaled down to a phone's 375 px, no
# label is smaller than about 9 px (tests/test_browser.py measures it).
WIDTH_IN = 4.8
FONT_PT = 10
# A deviation more than this many times the next largest (an internal offset such as
# 80 Affärsverksamhet −41 222 against 91 Gemensamma lokaler +40 664) would squash every
# other bar into a sliver: it is drawn cut at the scale's edge and labelled with its value.
OFFSET_FACTOR = 5

plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "font.size": FONT_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "kommunrapport",  # stable ids: same data gives the same SVG
    "text.parse_math": False,  # a "$" in a name from the data is text, not TeX
})
_TKR = FuncFormatter(lambda v, _: tkr(v))


def _drawn_tick_labels(axis) -> list:
    """The axis's labelled ticks within its range (matplotlib keeps others, undrawn)."""
    low, high = sorted(axis.get_view_interval())
    return [label for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels())
            if low - 1e-9 <= loc <= high + 1e-9 and label.get_visible() and label.get_text()]


def _texts(fig) -> list:
    """Every piece of text a reader sees in the figure: titles, axis and tick labels, value
    labels, legend entries."""
    found = list(fig.texts)
    for legend in fig.legends:
        found += legend.get_texts()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        found += [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        found += _drawn_tick_labels(ax.xaxis) + _drawn_tick_labels(ax.yaxis)
        if ax.get_legend():
            found += ax.get_legend().get_texts()
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of texts in the drawn figure whose extents overlap (matplotlib's own measure of
    the rendered text): "−2 000−1 000" on an axis, a title over its neighbour's."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(fig)]
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            up = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if across > 0.5 and up > 0.5:
                found.append((a, b))
    return found


def _fit_ticks(fig, axis, most: int = 6) -> None:
    """As many ticks on the axis as fit without their labels touching: fewer, down to two,
    until matplotlib's measure of the drawn labels finds no overlap."""
    renderer = fig.canvas.get_renderer()
    for count in range(most, 1, -1):
        axis.set_major_locator(matplotlib.ticker.MaxNLocator(count))
        fig.canvas.draw()
        labels = sorted((t.get_window_extent(renderer) for t in _drawn_tick_labels(axis)),
                        key=lambda box: box.x0)
        gap = 4  # pixels between two labels, at least
        if all(a.x1 + gap <= b.x0 for a, b in zip(labels, labels[1:])):
            return


def _bar_labels(ax, bars, values, fmt=tkr):
    for bar, value in zip(bars, values):
        ax.annotate(fmt(value), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3 if value >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=FONT_PT - 1)


def offsets(values: pd.Series) -> pd.Series:
    """True for the few deviations that dwarf the rest (more than OFFSET_FACTOR times the
    next largest), at most three, and only when at least three others remain."""
    size = values.abs().sort_values(ascending=False)
    for k in range(1, min(3, len(size) - 3) + 1):
        if size.iloc[k] and size.iloc[k - 1] > OFFSET_FACTOR * size.iloc[k]:
            return values.abs() >= size.iloc[k - 1]
    return values.abs() > size.iloc[0] if len(size) else values.astype(bool)


def deviation_by_verksamhet(drift: pd.DataFrame):
    """Budget deviation (prognos − budget) of each verksamhet that has one; offsets that dwarf
    the rest are cut at the scale's edge (hatched) and labelled with their value. None when
    fewer than two verksamheter deviate: the caption's sentence says it all."""
    rows = drift[drift["avvikelse"] != 0].sort_values("avvikelse")
    if len(rows) < 2:
        return None
    labels = [_wrap(f"{k} {v}", 26) for k, v in zip(rows["kod"], rows["verksamhet"])]
    cut = offsets(rows["avvikelse"])
    rest = rows.loc[~cut, "avvikelse"]
    lo, hi = min(rest.min(), 0), max(rest.max(), 0)
    span = max(hi - lo, 1)
    # Room beside the longest bars for their labels, and for a cut bar's value.
    pad = 0.3 * span + (0.35 * span if cut.any() else 0)
    left, right = lo - pad * (lo < 0 or cut.any()), hi + pad * (hi > 0 or cut.any())
    shown = rows["avvikelse"].clip(left, right)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.5 * len(rows) + 1.2))
    colours = [BETTER if v > 0 else WORSE for v in rows["avvikelse"]]
    bars = ax.barh(labels, shown, color=colours)
    values = []  # each cut bar with the label of its value
    for bar, is_cut, value, colour in zip(bars, cut, rows["avvikelse"], colours):
        if is_cut:  # its value inside it, at the cut end: on its own side of zero
            bar.set_hatch("///")
            bar.set_edgecolor("white")
            values.append((bar, ax.annotate(
                f"← {tkr(value)}" if value < 0 else f"{tkr(value)} →",
                (left if value < 0 else right, bar.get_y() + bar.get_height() / 2),
                xytext=(3 if value < 0 else -3, 0), textcoords="offset points",
                ha="left" if value < 0 else "right", va="center", color="white",
                fontsize=FONT_PT - 1, fontweight="bold",
                bbox={"boxstyle": "square,pad=0.15", "facecolor": colour, "edgecolor": "none"})))
    _bar_labels(ax, [b for b, c in zip(bars, cut) if not c], rows.loc[~cut, "avvikelse"])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.xaxis.set_major_formatter(_TKR)
    ax.set_xlabel("Avvikelse mot budget, tkr\n(positiv = bättre än budget)")
    ax.set_xlim(left, right)
    fig.tight_layout()
    _fit_cut_labels(fig, ax, values)
    _fit_ticks(fig, ax.xaxis, 5)
    return fig


def _fit_cut_labels(fig, ax, values) -> None:
    """A cut bar reaches at least as far from zero as its value's label is wide (measured as
    drawn), so the label stands inside the bar, on its side of zero."""
    for _ in range(3):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        left, right = ax.get_xlim()
        to_data = ax.transData.inverted()
        for bar, label in values:
            box = label.get_window_extent(renderer)
            width = abs(to_data.transform((box.x1, 0))[0] - to_data.transform((box.x0, 0))[0])
            need = width * 1.25
            if label.xy[0] < 0 and -left < need:
                left = -need
            elif label.xy[0] > 0 and right < need:
                right = need
        if (left, right) == ax.get_xlim():
            return
        ax.set_xlim(left, right)
        for bar, label in values:
            edge = left if label.xy[0] < 0 else right
            bar.set_width(edge)
            label.xy = (edge, label.xy[1])
        fig.tight_layout()


def investments(projects: pd.DataFrame, period: Period):
    """Net spending per project: prognos (in December utfall) against budget, with the
    table's sign (spending is negative, so the bars reach left of zero). None with fewer than
    two projects with amounts: the caption's sentence says it all."""
    rows = projects[(projects["prognos"] != 0) | (projects["budget"] != 0)].iloc[::-1]
    if len(rows) < 2:
        return None
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.6 * len(rows) + 1.5))
    y = range(len(rows))
    height = 0.4
    b1 = ax.barh([i + height / 2 for i in y], rows["prognos"], height, color=NEUTRAL,
                 label=period.prognos_heading if period.has_prognos else f"Utfall {period.year}")
    b2 = ax.barh([i - height / 2 for i in y], rows["budget"], height, color=PREVIOUS,
                 label=period.budget_heading)
    _bar_labels(ax, b1, rows["prognos"])
    _bar_labels(ax, b2, rows["budget"])
    ax.set_yticks(list(y), [_wrap(name, 24) for name in rows["projekt"]])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.xaxis.set_major_formatter(_TKR)
    ax.set_xlabel("Nettoutgift, tkr (utgifter är negativa, som i tabellen)")
    low = min(rows["prognos"].min(), rows["budget"].min(), 0)
    high = max(rows["prognos"].max(), rows["budget"].max(), 0)
    span = max(high - low, 1)
    # Room beside zero for a zero's label, and beside the longest bars for theirs.
    ax.set_xlim(low - 0.3 * span * (low < 0), high + 0.3 * span * (high > 0) + 0.08 * span)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False,
              fontsize=FONT_PT - 1)
    fig.tight_layout()
    _fit_ticks(fig, ax.xaxis, 5)
    return fig


def personal_comparison(frame: pd.DataFrame, year: int):
    """Each key figure that has a previous-year value: this year against last year, in
    panels three to a row, or two when a name's longest word would reach into the next
    panel's title. None without any previous-year value."""
    rows = frame[frame["foregaende_ar"].notna()]
    if rows.empty:
        return None
    longest = max(len(word) for name in rows["nyckeltal"] for word in _panel_title(name).split())
    columns = 3 if longest <= 16 else 2
    grid = -(-len(rows) // columns)
    fig, axes = plt.subplots(grid, columns, figsize=(WIDTH_IN - 0.4, 2.3 * grid), squeeze=False)
    for ax in axes.flat[len(rows):]:
        ax.set_visible(False)
    for ax, (_, r) in zip(axes.flat, rows.iterrows()):
        values = [r["foregaende_ar"], r["varde"]]
        bars = ax.bar([str(year - 1), str(year)], values, color=[PREVIOUS, NEUTRAL])
        for bar, value in zip(bars, values):
            ax.annotate(compact(value), (bar.get_x() + bar.get_width() / 2,
                        bar.get_height()), xytext=(0, 2), textcoords="offset points",
                        ha="center", fontsize=FONT_PT - 1)
        ax.set_title(_wrap(_panel_title(r["nyckeltal"]), 17 if columns == 3 else 28) +
                     ("\n(procent)" if r["enhet"] == "procent" else ""), fontsize=FONT_PT - 1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(0, max(values) * 1.25)
        ax.tick_params(axis="x", labelsize=FONT_PT - 1)
    fig.tight_layout()
    return fig


def _panel_title(name: str) -> str:
    return name.split(", exklusive")[0].split(", omräknat")[0]


def goal_overview(mal: Mal):
    """Nämndmål per målområde, stacked by assessment, with the scale's colours and words."""
    table = counts(mal)
    names = {a["nr"]: f"{a['nr']} {a['namn']}" for a in mal.data["malomraden"]}
    # Two columns of the scale's words in the legend, or one when they are long (a
    # delårsrapport's "Målet beräknas bli …"): the chart keeps its width, and so its text its
    # size on a phone, and grows in height instead.
    shown = [a for a in table.columns if table[a].any()]
    columns = 1 if max(len(mal.label(a)) for a in shown) > 26 else 2
    rows = -(-len(shown) // columns)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.4 + 0.25 * rows))
    left = pd.Series(0, index=table.index)
    labels = [_wrap(names[i], 22) for i in table.index]
    for assessment in table.columns:
        values = table[assessment]
        if not values.any():
            continue
        background, text = COLOURS[assessment]
        bars = ax.barh(labels, values, left=left, color=background, edgecolor="white",
                       label=mal.label(assessment))
        for bar, value in zip(bars, values):
            if value:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                        str(int(value)), ha="center", va="center", color=text, fontsize=FONT_PT - 1)
        left += values
    ax.invert_yaxis()
    ax.set_xlabel("Antal nämndmål")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.35, -0.2), ncol=columns,
              frameon=False, fontsize=FONT_PT - 1)
    fig.tight_layout()
    return fig


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


# Text alternatives: what each chart shows, in words and figures, from the same data.

def _list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def describe_deviation(drift: pd.DataFrame, n: int = 3) -> str:
    rows = drift[drift["avvikelse"] != 0].sort_values("avvikelse")
    worst = [f"{r.kod} {r.verksamhet} {tkr(r.avvikelse)} tkr"
             for r in rows.head(n).itertuples() if r.avvikelse < 0]
    best = [f"{r.kod} {r.verksamhet} {tkr(r.avvikelse)} tkr"
            for r in rows.iloc[::-1].head(n).itertuples() if r.avvikelse > 0]
    if rows.empty:
        return "Ingen verksamhet avviker från budget."
    text = f"{len(rows)} verksamheter avviker från budget."
    cut = rows[offsets(rows["avvikelse"])]
    if len(cut):
        names = [f"{r.kod} {r.verksamhet} ({tkr(r.avvikelse)} tkr)" for r in cut.itertuples()]
        text += (f" Staplarna för {_list(names)} är avkortade (randiga, med värdet i "
                 f"stapeln): de är mer än {OFFSET_FACTOR} gånger större än de övriga.")
    if worst:
        text += f" Störst negativa avvikelser: {_list(worst)}."
    if best:
        text += f" Störst positiva avvikelser: {_list(best)}."
    return text


def describe_investments(projects: pd.DataFrame, period: Period, n: int = 3) -> str:
    rows = projects.assign(storlek=-projects["prognos"]).sort_values("storlek", ascending=False)
    parts = [f"{r.projekt} {tkr(-r.prognos)} tkr (budget {tkr(-r.budget)} tkr)"
             for r in rows.head(n).itertuples()]
    basis = "helårsprognosen" if period.has_prognos else "årets utfall"
    return f"Störst nettoutgift enligt {basis}: {_list(parts)}."


def describe_personal(frame: pd.DataFrame, year: int) -> str:
    rows = frame[frame["foregaende_ar"].notna()]
    parts = [f"{r.nyckeltal[0].lower()}{r.nyckeltal[1:]} {format_value(r.enhet, r.varde)} "
             f"({format_value(r.enhet, r.foregaende_ar)})" for r in rows.itertuples()]
    return f"Värden {year} med {year - 1} inom parentes: {'; '.join(parts)}."


def describe_goals(mal: Mal) -> str:
    table = counts(mal)
    parts = []
    for nr, row in table.iterrows():
        counted = [f"{int(v)} {mal.label(a).removeprefix('Målet ').lower()}"
                   for a, v in row.items() if v]
        parts.append(f"målområde {nr}: {_list(counted)}")
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}."


def forecast_by_report(items: list) -> "plt.Figure":
    """The year's deviation from budget as each report of the year stated it (history.Forecast)."""
    labels = [f.period.short_name for f in items]
    values = [f.avvikelse for f in items]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.5 * len(items) + 1.2))
    bars = ax.barh(labels[::-1], values[::-1],
                   color=[BETTER if v >= 0 else WORSE for v in values[::-1]], height=0.5)
    _bar_labels(ax, bars, values[::-1])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.xaxis.set_major_formatter(_TKR)
    ax.set_xlabel(f"Avvikelse mot budget för helåret {items[-1].period.year}, tkr")
    lo, hi = min(values + [0]), max(values + [0])
    span = max(hi - lo, 1)  # all zero: still a visible axis
    ax.set_xlim(lo - 0.35 * span * (lo < 0), hi + 0.35 * span * (hi > 0) + 0.25 * span * (hi <= 0))
    fig.tight_layout()
    _fit_ticks(fig, ax.xaxis, 4)
    return fig


def describe_forecasts(items: list) -> str:
    parts = [f"{f.period.short_name.lower()} {tkr(f.avvikelse)} tkr" for f in items]
    return f"Avvikelse mot budget per rapport: {_list(parts)}."
