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

from .formatting import compact, tkr  # noqa: E402
from .mal import COLOURS, Mal, counts  # noqa: E402
from .periods import Period  # noqa: E402
from .personal import format_value  # noqa: E402

BETTER = "#1b5e20"   # better than budget
WORSE = "#b71c1c"    # worse than budget
NEUTRAL = "#4a6fa5"
PREVIOUS = "#9aa5b1"

plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "kommunrapport",  # stable ids: same data gives the same SVG
    "text.parse_math": False,  # a "$" in a name from the data is text, not TeX
})
_TKR = FuncFormatter(lambda v, _: tkr(v))


def _bar_labels(ax, bars, values, fmt=tkr):
    for bar, value in zip(bars, values):
        ax.annotate(fmt(value), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3 if value >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=8)


def deviation_by_verksamhet(drift: pd.DataFrame):
    """Budget deviation (prognos − budget) of each verksamhet that has one."""
    rows = drift[drift["avvikelse"] != 0].sort_values("avvikelse")
    labels = [f"{k} {v}" for k, v in zip(rows["kod"], rows["verksamhet"])]
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(rows) + 1))
    colours = [BETTER if v > 0 else WORSE for v in rows["avvikelse"]]
    bars = ax.barh(labels, rows["avvikelse"], color=colours)
    _bar_labels(ax, bars, rows["avvikelse"])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.xaxis.set_major_formatter(_TKR)
    ax.set_xlabel("Avvikelse mot budget, tkr (positiv = bättre än budget)")
    lo, hi = rows["avvikelse"].min(), rows["avvikelse"].max()
    ax.set_xlim(lo * 1.35 if lo < 0 else 0, hi * 1.35 if hi > 0 else 0)
    fig.tight_layout()
    return fig


def investments(projects: pd.DataFrame, period: Period):
    """Net spending per project: prognos (in December utfall) against budget, as positive
    amounts."""
    rows = projects[(projects["prognos"] != 0) | (projects["budget"] != 0)].iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.42 * len(rows) + 1))
    y = range(len(rows))
    height = 0.38
    prognos = -rows["prognos"]
    budget = -rows["budget"]
    b1 = ax.barh([i + height / 2 for i in y], prognos, height, color=NEUTRAL,
                 label=period.prognos_heading if period.has_prognos else f"Utfall {period.year}")
    b2 = ax.barh([i - height / 2 for i in y], budget, height, color=PREVIOUS,
                 label=period.budget_heading)
    _bar_labels(ax, b1, prognos)
    _bar_labels(ax, b2, budget)
    ax.set_yticks(list(y), rows["projekt"])
    ax.xaxis.set_major_formatter(_TKR)
    ax.set_xlabel("Nettoutgift, tkr")
    ax.set_xlim(0, max(prognos.max(), budget.max()) * 1.2)
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def personal_comparison(frame: pd.DataFrame, year: int):
    """Each key figure that has a previous-year value: this year against last year."""
    rows = frame[frame["foregaende_ar"].notna()]
    fig, axes = plt.subplots(1, len(rows), figsize=(7, 2.6), squeeze=False)
    for ax, (_, r) in zip(axes[0], rows.iterrows()):
        values = [r["foregaende_ar"], r["varde"]]
        bars = ax.bar([str(year - 1), str(year)], values, color=[PREVIOUS, NEUTRAL])
        for bar, value in zip(bars, values):
            ax.annotate(compact(value), (bar.get_x() + bar.get_width() / 2,
                        bar.get_height()), xytext=(0, 2), textcoords="offset points",
                        ha="center", fontsize=7)
        ax.set_title(_wrap(r["nyckeltal"].split(",")[0], 14) +
                     ("\n(procent)" if r["enhet"] == "procent" else ""), fontsize=7.5)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(0, max(values) * 1.25)
        ax.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    return fig


def goal_overview(mal: Mal):
    """Nämndmål per målområde, stacked by assessment, with the scale's colours and words."""
    table = counts(mal)
    names = {a["nr"]: f"{a['nr']} {a['namn']}" for a in mal.data["malomraden"]}
    fig, ax = plt.subplots(figsize=(7, 3))
    left = pd.Series(0, index=table.index)
    labels = [_wrap(names[i], 30) for i in table.index]
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
                        str(int(value)), ha="center", va="center", color=text, fontsize=8)
        left += values
    ax.invert_yaxis()
    ax.set_xlabel("Antal nämndmål")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.25), ncol=3, frameon=False, fontsize=8)
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
    text = f"{len(rows)} verksamheter avviker från budget."
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
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(items) + 1))
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
    return fig


def describe_forecasts(items: list) -> str:
    parts = [f"{f.period.short_name.lower()} {tkr(f.avvikelse)} tkr" for f in items]
    return f"Avvikelse mot budget per rapport: {_list(parts)}."
