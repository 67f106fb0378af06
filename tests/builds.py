"""A report built for a test, into the test's own folders."""
from pathlib import Path

from kommunrapport.building import build
from kommunrapport.building.target import Options, Target

_ROOTS = ("notebooks", "source_root", "out_root")


def build_report(period: str, data_root: Path | None = None, *, namnd: str | None = None,
                 **settings) -> Path:
    """build.build for the report of `period` (and `namnd`); `settings` are the target's
    folders (notebooks, source_root, out_root) and the build's Options."""
    roots = {k: settings.pop(k) for k in _ROOTS if k in settings}
    if "chapters" in settings:
        settings["chapters"] = tuple(settings["chapters"])
    target = Target.of(period, namnd, data_root=data_root, **roots)
    return build.build(target, Options(**settings))
