"""An indicator's figures in words: values with their unit, rank and target, and the
figures a writer may quote (ind_<id>_senaste, …)."""
from __future__ import annotations

from ..common.formatting import NBSP, Figure, number
from .indicators import Indicator, Indicators, quartile, target_status

DIRECTION = {"hogre": "högre värde är bättre", "lagre": "lägre värde är bättre"}


def value(ind: Indicator, v: float | None, *, signed: bool = False) -> str:
    if v is None:
        return "–"
    unit = ind.decl["enhet"]
    text = number(v, ind.decl["decimaler"], signed=signed)
    if unit in ("%", "procent"):
        return f"{text}{NBSP}%" if not signed else f"{text}{NBSP}procentenheter"
    return f"{text}{NBSP}{unit}" if unit else text


def when(label: str) -> str:
    return label if label.isdigit() else label.lower()


def rank_text(ind: Indicator) -> str:
    if ind.source != "kolada":
        return "ingen rang (egen uppföljning)"
    if not ind.rank:
        return "ingen rang (värden saknas)"
    rank, of = ind.rank
    return (f"plats {rank} av {of} kommuner {ind.latest[0]}, kvartil {quartile(rank, of)} "
            f"({DIRECTION[ind.decl['battre']]})")


def target_text(ind: Indicator) -> str:
    target = ind.decl.get("mal")
    if not target:
        return "inget mål angivet"
    goal = (f"bland de {target['basta_andel']}{NBSP}% bästa kommunerna år {target['ar']}"
            if target.get("basta_andel") else f"{value(ind, target['varde'])} år {target['ar']}")
    return f"{goal}: {target_status(ind)[1]}"



def figures(indicators: Indicators) -> dict[str, Figure]:
    """What a writer may quote: ind_<id>_senaste, _forandring, _foregaende (and when it was
    measured), _rang, _kvartil, _mal."""
    out = {}
    for ind in indicators.items:
        key, title = f"ind_{ind.id}", ind.decl["titel"]
        if ind.latest:
            out[f"{key}_senaste"] = Figure(value(ind, ind.latest[1]),
                                           f"{title}: senaste värdet ({ind.latest[0]})")
            out[f"{key}_senaste_matning"] = Figure(when(ind.latest[0]),
                                                   f"{title}: när det senaste värdet mättes")
        if ind.change is not None:
            out[f"{key}_forandring"] = Figure(value(ind, ind.change, signed=True),
                                              f"{title}: förändring sedan förra mätningen")
            out[f"{key}_foregaende"] = Figure(value(ind, ind.points[-2][1]),
                                              f"{title}: förra mätningens värde")
            out[f"{key}_foregaende_matning"] = Figure(when(ind.points[-2][0]),
                                                      f"{title}: när förra mätningen gjordes")
        if ind.rank:
            out[f"{key}_rang"] = Figure(f"{ind.rank[0]} av {ind.rank[1]}",
                                        f"{title}: plats bland landets kommuner")
            out[f"{key}_kvartil"] = Figure(str(quartile(*ind.rank)), f"{title}: kvartil")
        out[f"{key}_mal"] = Figure(target_text(ind), f"{title}: målet och hur det går")
    return out
