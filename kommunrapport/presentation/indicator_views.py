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
    items = [f"Senaste värde: {value(ind, latest)} ({when(label)})"]
    if ind.change is not None:
        items.append(f"Förändring sedan {when(ind.points[-2][0])}: "
                     f"{value(ind, ind.change, signed=True)}")
    if label in ind.riket:
        items.append(f"Riket: {value(ind, ind.riket[label])}")
    items.append(f"Rang: {rank_text(ind)}")
    items.append(f"Mål: {target_text(ind)}")
    return items


def chart(ind: Indicator, municipality: str, group_name: str | None):
    """The municipality's values over time, against riket and the comparison group."""
    labels = [label for label, _ in ind.points]
    x = range(len(labels))
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.6))
    ax.plot(x, [v for _, v in ind.points], marker="o", color=NEUTRAL, linewidth=2,
            label=municipality)
    for series, name, colour, style in ((ind.riket, "Riket", PREVIOUS, "--"),
                                        (ind.group, group_name or "Jämförelsegrupp", GROUP_COLOUR, ":")):
        if series:
            ax.plot(x, [series.get(label) for label in labels], marker="s", markersize=4,
                    color=colour, linestyle=style, label=name)
    target = ind.decl.get("mal") or {}
    if target.get("varde") is not None:
        ax.axhline(target["varde"], color="#1b5e20", linewidth=1, linestyle="-.",
                   label=f"Mål {target['ar']}")
    last = ind.points[-1] if ind.points else None
    if last:
        ax.annotate(number(last[1], ind.decl["decimaler"]), (len(labels) - 1, last[1]),
                    xytext=(0, 6), textcoords="offset points", ha="center", fontsize=FONT_PT - 1)
    ax.set_xticks(list(x), [_wrap_label(label) for label in labels], fontsize=FONT_PT - 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, ind.decl["decimaler"])))
    if ind.decl["enhet"]:
        ax.set_ylabel(ind.decl["enhet"], fontsize=FONT_PT - 1)
    ax.margins(x=0.1, y=0.25)
    _honest_scale(ax)
    ax.legend(fontsize=FONT_PT - 1, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.18), ncol=2)
    fig.tight_layout()
    return fig


def _honest_scale(ax) -> None:
    """A scale at least a tenth of the values' size: 3,39 → 3,42 should not look like a leap."""
    low, high = ax.get_ylim()
    least = 0.1 * max(abs(low), abs(high))
    if high - low < least:
        middle = (low + high) / 2
        ax.set_ylim(middle - least / 2, middle + least / 2)


def _wrap_label(label: str) -> str:
    return label.replace(" ", "\n", 1) if len(label) > 10 else label


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
