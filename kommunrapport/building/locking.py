"""One builder of a period at a time: a build, a preview rebuild and a publish of the same
period take the period's lock; other periods are not held up.

The lock is an flock on a file in the build folder, so the operating system releases it when
its process ends, however it ends: a lock left by a killed process is free, and the next
holder says that it cleared it. The file names the holder, for the message to the one waiting.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path

from ..common.errors import BuildError

_held: dict[str, int] = {}  # lock file -> depth, so a holder may take its own lock again


def _holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError, TypeError):
        return False
    except PermissionError:
        return True
    return True


def describe(info: dict) -> str:
    if not info:
        return "en annan process"
    return f"process {info.get('pid')} ({info.get('vad', 'okänt')}, startad {info.get('start', '?')})"


@contextmanager
def period_lock(out_root: Path, period: str, what: str, *, wait: bool = False, say=print):
    """Hold the period's lock for the block; if another process holds it, refuse with a
    BuildError naming it, or (wait=True) say so and wait for it."""
    out_root.mkdir(parents=True, exist_ok=True)
    path = out_root / f".{period.replace('/', '-')}.las"  # a report: '2025-12/socialnamnden'
    key = str(path.resolve())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = describe(_holder(path))
            if not wait:
                raise BuildError(f"Perioden {period} byggs eller publiceras redan av {other}. "
                                 "Vänta tills den är klar och försök igen.") from None
            say(f"Väntar på {other}, som bygger eller publicerar perioden {period} …")
            fcntl.flock(fd, fcntl.LOCK_EX)
        left = _holder(path)
        if left.get("pid") and left.get("pid") != os.getpid() and not alive(left["pid"]):
            say(f"Ett lås som {describe(left)} lämnade efter sig togs bort (processen finns inte längre).")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "vad": what,
                                  "start": time.strftime("%H:%M:%S")}).encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the flock
