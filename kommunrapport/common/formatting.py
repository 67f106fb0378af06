"""Swedish number format: −118 340, 968,4, 7,96 %.

Babel writes an ASCII hyphen for minus, so the few rules we need are written here.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"
NBSP = "\u00a0"  # thousands separator and before "%": never broken across lines


def number(value: float | int, decimals: int = 0, *, signed: bool = False) -> str:
    """Format a number the Swedish way, rounding half away from zero."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "−0"
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = NBSP.join(groups) + ("," + fraction if fraction else "")
    if rounded < 0:
        return MINUS + text
    return ("+" + text) if signed and rounded > 0 else text


def compact(value: float | int, max_decimals: int = 2) -> str:
    """As few decimals as the value needs, at most max_decimals: 968.4 -> '968,4', 167 -> '167'."""
    text = number(value, max_decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def tkr(value: float | int, *, signed: bool = False) -> str:
    """An amount in tkr, whole thousands: −118 340."""
    return number(value, 0, signed=signed)


def percent(value: float, decimals: int = 2) -> str:
    """A percentage given in percent units: 7.96 -> '7,96 %'."""
    return number(value, decimals) + NBSP + "%"


class Figure(str):
    """A figure as the text the report quotes ('−500'), knowing in words what it is
    ('avvikelse för 44 Skolskjutsar, tkr'): it is described where it is made, so the writer's
    list of figures can never lag behind the figures themselves. Everywhere else it is the
    plain string it reads as."""

    description: str

    def __new__(cls, text: str, description: str) -> Figure:
        self = super().__new__(cls, text)
        self.description = description
        return self

    def __reduce__(self):  # a figure crosses to the chapter workers with its description
        return (type(self), (str(self), self.description))

