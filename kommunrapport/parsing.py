"""Reading numbers as Swedish spreadsheet and ledger exports write them."""
from __future__ import annotations

import re

# Minus signs seen in exports: hyphen, U+2212 minus, en dash.
_MINUS = "-\u2212\u2013"
# Spaces used as thousands separators: space, no-break space, narrow no-break space.
_SPACES = " \u00a0\u202f"
_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")

EXPECTED_NUMBER = "ett tal som −1 234 eller 968,4"


def parse_number(text: str) -> float | None:
    """'- 1 234,5' -> -1234.5; '' -> None. Raises ValueError for anything else.

    A thousands group must have three digits, so '12 34' is refused rather than read as 1234.
    """
    s = text.strip()
    for space in _SPACES:
        s = s.replace(space, " ")
    if not s:
        return None
    negative = s[0] in _MINUS
    if negative:
        s = s[1:].lstrip()
    if not (_GROUPED.match(s) or _PLAIN.match(s)):
        raise ValueError(f"'{text.strip()}' är inte ett tal")
    value = float(s.replace(" ", "").replace(",", "."))
    return -value if negative else value
