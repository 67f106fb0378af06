"""A mistyped figure key answered with the nearest keys that exist: "menade du …?"."""
from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(key: str, keys: Iterable[str]) -> str:
    """'; menade du drift_44_avvikelse eller drift_45_avvikelse?', or '' when nothing is
    near: appended to the message that the key does not exist."""
    close = difflib.get_close_matches(key, sorted(keys), n=3, cutoff=0.6)
    if not close:
        return ""
    named = close[0] if len(close) == 1 else ", ".join(close[:-1]) + " eller " + close[-1]
    return f"; menade du {named}?"
