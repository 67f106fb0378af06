"""Indikatorer as the reader meets them: a chart per indicator against riket and the
comparison group, its figures in words, a table of its values, and the overview table."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..common.formatting import number
from ..model.indicator_words import rank_text, target_text, value, when
from ..model.indicators import Indicator, Indicators, quartile, target_status
from .charts import FONT_PT, NEUTRAL, PREVIOUS, WIDTH_IN

GROUP_COLOUR = "#8d5a00"
def summary(ind: Indicator) -> list[str]:
    """The indicator's figures in words, one item each (plain text; the chapter escapes it)."""
    if not ind.latest:
        return [f"Värden saknas för perioden. {ind.source_text}."]
    label, latest = ind.latest
    # The year beside the value; a measurement named otherwise ("Senaste mätning") says
    # nothing the heading does not.
    items = [f"Senaste värde: {value(ind, latest)}" + (f" ({label})" if label.isdigit() else "")]
    if ind.change is not None:
        items.append(f"Förändring sedan {when(ind.points[-2][0])}: "
                     f"{value(ind, ind.change, signed=True)}")
    if label in ind.riket:
        items.append(f"Riket: {value(ind, ind.riket[label])}")
    items.append(f"Rang: {rank_text(ind)}")
    items.append(f"Mål: {target_text(ind)}")
    return items


def has_chart(ind: Indicator) -> bool:
    """A chart over years: at least two measurements, each named by its year. Measurements
    the source names otherwise ("Senaste mätning") are shown as figures and a table only."""
    return len(ind.points) > 1 and all(label.isdigit() for label, _ in ind.points)


def chart(ind: Indicator, municipality: str, group_name: str | None):
    """The municipality's values over the years, against riket and the comparison group. The
    value axis starts where the measure's scale does (skala: 1 for a grade of 1–6), else at
    zero, so a small change never looks like a leap. None when has_chart is not."""
    if not has_chart(ind):
        return None
    labels = [label for label, _ in ind.points]
    x = [int(label) for label in labels]
    values = [v for _, v in ind.points]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.8))
    ax.plot(x, values, marker="o", color=NEUTRAL, linewidth=2, label=municipality)
    shown = list(values)
    for series, name, colour, style in ((ind.riket, "Riket", PREVIOUS, "--"),
                                        (ind.group, group_name or "Jämförelsegrupp", GROUP_COLOUR, ":")):
        if series:
            points = [series.get(label) for label in labels]
            shown += [v for v in points if v is not None]
            ax.plot(x, points, marker="s", markersize=4, color=colour, linestyle=style, label=name)
    target = ind.decl.get("mal") or {}
    if target.get("varde") is not None:
        shown.append(target["varde"])
        ax.axhline(target["varde"], color="#1b5e20", linewidth=1, linestyle="-.",
                   label=f"Mål {target['ar']}")
    ax.annotate(number(values[-1], ind.decl["decimaler"]), (x[-1], values[-1]),
                xytext=(0, -14), textcoords="offset points", ha="center",
                fontsize=FONT_PT - 1, color=NEUTRAL, fontweight="bold")
    ax.set_xticks(x, labels, fontsize=FONT_PT - 1)
    ax.set_xlim(x[0] - 0.4, x[-1] + 0.4)
    scale = ind.decl.get("skala")
    low = scale[0] if scale else min(0, *shown)
    high = scale[1] if scale else max(shown) * 1.15
    ax.set_ylim(low, high)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, ind.decl["decimaler"])))
    if ind.decl["enhet"]:
        ax.set_ylabel(ind.decl["enhet"], fontsize=FONT_PT - 1)
    ax.legend(fontsize=FONT_PT - 1, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.15), ncol=2)
    fig.tight_layout()
    return fig


def describe(ind: Indicator, municipality: str, group_name: str | None) -> str:
    """The chart's text alternative: every value it shows, in words."""
    def series(name, pairs):
        return f"{name}: " + ", ".join(f"{when(k)} {value(ind, v)}" for k, v in pairs)
    parts = [series(municipality, ind.points)]
    if ind.riket:
        parts.append(series("riket", ind.riket.items()))
    if ind.group:
        parts.append(series(f"{group_name or 'jämförelsegruppen'} (medelvärde)", ind.group.items()))
    return "; ".join(parts) + "."


def values_table(ind: Indicator, municipality: str, group_name: str | None) -> pd.DataFrame:
    rows = {"År" if all(k.isdigit() for k, _ in ind.points) else "Mätning": [k for k, _ in ind.points],
            municipality: [v for _, v in ind.points]}
    if ind.riket:
        rows["Riket"] = [ind.riket.get(k) for k, _ in ind.points]
    if ind.group:
        rows[group_name or "Jämförelsegrupp"] = [ind.group.get(k) for k, _ in ind.points]
    if ind.ranks:
        rows["Rang"] = [f"{ind.ranks[k][0]} av {ind.ranks[k][1]}" if k in ind.ranks else ""
                        for k, _ in ind.points]
    return pd.DataFrame(rows)


def trend(ind: Indicator) -> str:
    change = ind.change
    if change is None:
        return "–"
    if change == 0:
        return "oförändrat"
    better = (change > 0) == ind.higher_is_better
    return f"{'↑' if change > 0 else '↓'} {value(ind, change, signed=True)} ({'bättre' if better else 'sämre'})"


def overview_table(indicators: Indicators) -> pd.DataFrame:
    """One row per indicator: where it stands, where it is going, and its target."""
    rows = []
    for ind in indicators.items:
        source = ("egen uppföljning" if ind.source == "egen" else
                  "Kolada, påhittade exempelvärden" if indicators.example else "Kolada")
        rows.append({
            "Indikator (målområde, källa)": f"{ind.decl['titel']} ({ind.decl['malomrade']}, {source})",
            "Senaste värde": (f"{value(ind, ind.latest[1])} ({when(ind.latest[0])})"
                              if ind.latest else "–"),
            "Utveckling": trend(ind),
            "Rang (kvartil)": f"{ind.rank[0]} av {ind.rank[1]} ({quartile(*ind.rank)})" if ind.rank else "–",
            "Målet": target_status(ind)[0],
        })
    return pd.DataFrame(rows)
