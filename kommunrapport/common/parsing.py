"""Reading numbers as Swedish spreadsheet and ledger exports write them."""
from __future__ import annotations

import re

# Minus signs seen in exports: hyphen, U+2212 minus, en dash.
_MINUS = "-\u2212\u2013"
# Spaces used as thousands separators: space, no-break space, narrow no-break space.
_SPACES = " \u00a0\u202f"
_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+(?:[,.]\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[,.]\d+)?$")
# "1.234" could be a thousand (as German or some ledgers write it) or one and a bit.
_AMBIGUOUS_POINT = re.compile(r"^\d{1,3}\.\d{3}$")

EXPECTED_NUMBER = "ett tal som −1 234 eller 968,4"


def parse_number(text: str) -> float | None:
    """'- 1 234,5' -> -1234.5; '' -> None. Raises ValueError for anything else.

    Accepted: decimal comma or point, thousands separated by a space (of any width) or not at
    all, minus as '-', '−' or '–', also with a space after it. Refused rather than guessed:
    a thousands group without three digits ('12 34'), both a comma and a point ('1.234,5'),
    and a point before exactly three digits ('1.234').
    """
    s = text.strip()
    for space in _SPACES:
        s = s.replace(space, " ")
    if not s:
        return None
    negative = s[0] in _MINUS
    if negative:
        s = s[1:].lstrip()
    if _AMBIGUOUS_POINT.match(s):
        raise ValueError(f"'{text.strip()}' är tvetydigt: tusental eller decimaler?")
    if not (_GROUPED.match(s) or _PLAIN.match(s)):
        raise ValueError(f"'{text.strip()}' är inte ett tal")
    value = float(s.replace(" ", "").replace(",", "."))
    return -value if negative else value
