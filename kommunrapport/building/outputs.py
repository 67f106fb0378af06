"""A period's built output, replaced as one step.

    _build/<period>/
        bygge-<id>/        one complete build: html/, pdf/ (unless HTML-only), bygge.json, nyckel
        aktuell -> bygge-<id>   the build readers see, switched by one atomic rename
        html -> aktuell/html    stable paths for readers, a web server and the README
        pdf  -> aktuell/pdf

A build is made in a staging folder (.ny-<id>), renamed to bygge-<id> when complete, and then
the `aktuell` link is replaced by os.replace: at any moment of an interruption, readers see
either the old build or the new one, never HTML of one and the PDF of another. Whatever a
killed build left (staging folders, superseded builds) is removed by the next one.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .identity import Identity

CURRENT = "aktuell"
KEY = "nyckel"


def current(period_dir: Path) -> Path | None:
    """The build readers see now, if any."""
    link = period_dir / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def current_identity(period_dir: Path) -> Identity | None:
    folder = current(period_dir)
    return Identity.read(folder) if folder else None


def current_key(period_dir: Path) -> str | None:
    folder = current(period_dir)
    key = folder / KEY if folder else None
    return key.read_text() if key and key.is_file() else None


def staging(period_dir: Path, identity: Identity) -> Path:
    folder = period_dir / f".ny-{identity.id}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _link(path: Path, target: str) -> None:
    """Point path at target, replacing what is there in one rename."""
    tmp = path.with_name(path.name + ".ny")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _stable_links(period_dir: Path) -> None:
    for name in ("html", "pdf"):
        path = period_dir / name
        if path.is_symlink():
            continue
        if path.is_dir():  # an output of the layout before builds had identities
            shutil.rmtree(path)
        _link(path, f"{CURRENT}/{name}")


def switch(period_dir: Path, staged: Path, identity: Identity, key: str) -> Path:
    """Make the staged build the one readers see; returns its folder."""
    for scratch in staged.glob(".jb-*"):
        shutil.rmtree(scratch)
    identity.save(staged)
    (staged / KEY).write_text(key)
    final = period_dir / f"bygge-{identity.id}"
    staged.rename(final)
    _stable_links(period_dir)
    _link(period_dir / CURRENT, final.name)
    clean(period_dir)
    return final


def clean(period_dir: Path) -> None:
    """Remove every staging folder and every build readers no longer see. Call it only while
    holding the period's lock."""
    if not period_dir.is_dir():
        return
    keep = current(period_dir)
    for path in period_dir.iterdir():
        stale_build = path.name.startswith("bygge-") and path.resolve() != keep
        half_linked = path.name.endswith(".ny") and path.is_symlink()
        if path.name.startswith((".ny", ".jb-", ".gammal")) or stale_build or half_linked:
            if path.is_symlink() or path.is_file():
                path.unlink()
            else:
                shutil.rmtree(path, ignore_errors=True)
    (period_dir / ".nyckel").unlink(missing_ok=True)  # the layout before identities
