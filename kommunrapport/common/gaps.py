"""A draft's gaps: what an unfinished period does not have yet, shown in place and marked.

`make preview` and JupyterLab show a period with open items as a draft (model/report.py):
a part of the report whose files have errors is a Missing, and whatever a chapter does with
it raises Saknas, which the chapter shows as a marked gap instead of the cell's output
(presentation/chapter.py). `make book` never gets this far: it refuses a period with errors.
"""
from __future__ import annotations


def marker(what: str) -> str:
    """'[saknas: kommentar för nämndmål 2.3]'"""
    return f"[saknas: {what}]"


class Saknas(Exception):
    """A cell of a draft used a part of the report that is not there yet."""


class Missing:
    """A part of a draft report that could not be read (its errors are the open items)."""

    def __init__(self, what: str):
        self._what = what

    def _gap(self, *_args, **_kwargs):
        raise Saknas(self._what)

    def __getattr__(self, name):
        if name.startswith("__"):  # copy, pickle and pandas probe these: not there
            raise AttributeError(name)
        self._gap()

    __getitem__ = __iter__ = __len__ = __bool__ = __call__ = _gap

    def __repr__(self) -> str:
        return marker(self._what)
