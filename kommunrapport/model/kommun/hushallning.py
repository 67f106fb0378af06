"""God ekonomisk hushållning: the financial goals kommunfullmäktige set, each measured from
the statements and assessed. Results and investments are measured on the year's prognos in a
delårsrapport (the assessment is a forecast), on the outcome in December; balances at the
period's end."""
from __future__ import annotations

from dataclasses import dataclass

from ...common.formatting import percent
from ...sources.kommunen import FinansielltMal
from .statements import ASSETS, Statements

NAMES = {
    "resultat_andel": "årets resultat i procent av skatteintäkter och generella statsbidrag",
    "sjalvfinansieringsgrad": "självfinansieringsgraden av investeringarna",
    "soliditet": "soliditeten",
    "soliditet_inkl_pensioner": "soliditeten inklusive pensionsförpliktelserna",
    "nettokostnadsandel": "nettokostnaderna i procent av skatteintäkter och generella statsbidrag",
}


@dataclass
class Bedomning:
    goal: FinansielltMal
    value: float | None   # percent; None where it cannot be computed (no investments)
    met: bool | None

    @property
    def target(self) -> str:
        bound = self.goal.minst if self.goal.minst is not None else self.goal.hogst
        return ("minst " if self.goal.minst is not None else "högst ") + percent(bound, 1)


def measures(s: Statements, column: str, investments: float, pensions: float
             ) -> dict[str, float | None]:
    """Each measure in percent. column: 'utfall' or 'prognos' for the result's measures;
    investments: net investments in kronor (positive); pensions: the commitments outside the
    balansräkning at the period's end (kronor)."""
    rr = s.rr
    revenue = rr["skatteintakter"][column] + rr["generella_statsbidrag"][column]
    result = rr["=arets_resultat"][column]
    depreciation = -rr["avskrivningar"][column]
    net_cost = rr["=verksamhetens_nettokostnad"][column] + rr["finansiella_intakter"][column] \
        + rr["finansiella_kostnader"][column]
    assets = s.total(ASSETS)[1] or None
    equity = s.part("Eget kapital")[1]
    return {
        "resultat_andel": 100 * result / revenue if revenue else None,
        "sjalvfinansieringsgrad": (100 * (result + depreciation) / investments
                                   if investments > 0 else None),
        "soliditet": 100 * equity / assets if assets else None,
        "soliditet_inkl_pensioner": 100 * (equity - pensions) / assets if assets else None,
        "nettokostnadsandel": 100 * -net_cost / revenue if revenue else None,
    }


def assess(goals: list[FinansielltMal], values: dict[str, float | None]) -> list[Bedomning]:
    out = []
    for goal in goals:
        value = values[goal.matt]
        met = None if value is None else (
            value >= goal.minst if goal.minst is not None else value <= goal.hogst)
        out.append(Bedomning(goal, value, met))
    return out
