"""Publishing a built report to the intranet folder, atomically.

<folder>/<period>/ holds the site (html/), the PDF (pdf/) and manifest.json; <folder>/index.html
lists every published report, newest first. Only a complete build (HTML and PDF, one identity)
whose inputs are unchanged is published. A period is copied beside its old copy and swapped
in by renames, so readers never see a half-copied site and the old copy stays until the new
one is in place.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from . import identity, locking, outputs
from .errors import BuildError
from .identity import Identity
from .paths import BUILD
from .periods import Period, periods_in


def manifest(build_id: Identity) -> dict:
    """What was published: the build's identity and the hashes of the inputs it was built
    from (recorded when it was built, not read from the files at publishing time)."""
    return {
        "period": build_id.period,
        "bygge": build_id.id,
        "byggd": build_id.built,
        "publicerad": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "git_commit": build_id.commit,
        "parametrar": build_id.parameters,
        "indata": build_id.inputs,
    }


def publishable(period: Period, built: Path) -> Identity:
    """The period's current build, if it may be published: complete (HTML and PDF) and built
    from the inputs as they are now."""
    again = f"Kör först: make book PERIOD={period}"
    build_id = outputs.current_identity(built)
    if build_id is None or not (built / "html" / "index.html").is_file():
        raise BuildError(f"Perioden {period} är inte byggd (saknar {built / 'html'}). {again}")
    if not build_id.pdf or not list((built / "pdf").glob("*.pdf")):
        raise BuildError(f"Perioden {period} är bara byggd som HTML (förhandsvisningen), utan "
                         f"PDF; HTML och PDF publiceras bara från samma bygge. {again}")
    changed = identity.changed_inputs(build_id)
    if changed:
        shown = ", ".join(changed[:5]) + (f" och {len(changed) - 5} till" if len(changed) > 5 else "")
        raise BuildError(f"Underlaget har ändrats sedan rapporten byggdes ({build_id.label()}): "
                         f"{shown}. Den byggda rapporten visar inte det nya underlaget. {again}")
    return build_id


def publish(period_text: str, target: Path | str, *, build_root: Path = BUILD) -> Path:
    period = Period.parse(period_text)
    built = build_root / str(period)
    with locking.period_lock(build_root, str(period), "publicering"):
        build_id = publishable(period, built)
        return _copy(period, built, build_id, Path(target))


def _copy(period: Period, built: Path, build_id: Identity, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    staging = target / f".{period}.ny"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(built / "html", staging / "html")
        shutil.copytree(built / "pdf", staging / "pdf")
        (staging / "manifest.json").write_text(
            json.dumps(manifest(build_id), ensure_ascii=False, indent=2), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    final, old = target / str(period), target / f".{period}.gammal"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    write_index(target)
    return final


def write_index(target: Path) -> Path:
    """index.html listing every published report, newest first (written, then renamed)."""
    rows = []
    for period in reversed(periods_in(target)):
        folder = target / str(period)
        info = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        pdf = next((folder / "pdf").glob("*.pdf")).name
        rows.append(
            f"<tr><th scope=\"row\">{escape(period.kind)} {escape(period.months)}</th>"
            f"<td><a href=\"{period}/html/index.html\">Webbversion</a></td>"
            f"<td><a href=\"{period}/pdf/{escape(pdf)}\">PDF</a></td>"
            f"<td>{escape(info['byggd'][:10])}</td></tr>")
    html = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Publicerade uppföljningsrapporter</title>
<link rel="icon" href="data:,">
<style>body{{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
table{{border-collapse:collapse;width:100%}}th,td{{text-align:left;padding:.4rem;border-bottom:1px solid #999}}
a{{color:#0b4f8a}}</style></head>
<body><main><h1>Publicerade uppföljningsrapporter</h1>
<table><caption>Rapporter, den senaste först</caption>
<thead><tr><th scope="col">Rapport</th><th scope="col">Webb</th><th scope="col">PDF</th>
<th scope="col">Byggd</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></main></body></html>
"""
    tmp = target / ".index.html.ny"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, target / "index.html")
    return target / "index.html"
