"""Publishing a built report to the intranet folder, atomically.

<folder>/<period>/ holds the site (html/), the PDF (pdf/) and manifest.json; a period with
several nämnder has a folder per nämnd under it (<folder>/<period>/<nämnd>/). <folder>/index.html
lists every published report, newest period first, each nämnd with its status. Only complete
builds (HTML and PDF, one identity) whose inputs are unchanged are published, and a period's
nämnder only when every one of them is. A report is copied beside its old copy and swapped in
by renames, so readers never see a half-copied site and the old copy stays until the new one
is in place.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from ..building import identity, locking, outputs
from ..building.identity import Identity
from ..building.target import Target
from ..common.errors import BuildError
from ..common.paths import BUILD, DATA
from ..common.periods import Period, periods_in
from ..model import wording
from ..sources import kommunen
from ..sources.huvudbok import organisation
from ..sources.loading import read_yaml
from ..sources.schemas import RapportFil


def _about(report: Target) -> tuple[str, str, str | None]:
    """Whose report it is (the nämnd, or the municipality), its status (as the start page
    says it: wording.status) and whether its data are invented."""
    if report.kommun:
        period_folder = report.data.parent
        meta = kommunen.load(period_folder)
        return (organisation.load(period_folder).organisation,
                wording.status(meta.beslutsdatum, meta.beslutande.lower()), meta.exempeldata)
    meta = read_yaml(report.data / "rapport.yaml", RapportFil)
    return meta.namnd, wording.status(meta.beslutsdatum, meta.namnd.lower()), meta.exempeldata


def manifest(build_id: Identity, report: Target, order: int) -> dict:
    """What was published: the build's identity and the hashes of the inputs it was built
    from (recorded when it was built, not read from the files at publishing time), and what
    the index shows: the nämnd, its status and whether the data are invented."""
    name, status, example = _about(report)
    return {
        "period": build_id.period,
        "namnd": name,
        "status": status,
        "exempeldata": bool(example),
        "ordning": order,  # the index lists nämnder as kommun.yaml does
        "bygge": build_id.id,
        "byggd": build_id.built,
        "publicerad": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "git_commit": build_id.commit,
        "parametrar": build_id.parameters,
        "indata": build_id.inputs,
    }


def publishable(period: Period, built: Path, namnd: str | None = None) -> Identity:
    """The period's current build, if it may be published: complete (HTML and PDF) and built
    from the inputs as they are now."""
    again = f"Kör först: make book PERIOD={period}" + (f" NAMND={namnd}" if namnd else "")
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


def publish(period_text: str, target: Path | str, *, build_root: Path = BUILD,
            namnd: str | None = None, data_root: Path | None = None) -> Path:
    """Publish the period's report, or with several nämnder each one (or the one named);
    returns the published folder (the period's, when several were published)."""
    period = Period.parse(period_text)
    root = data_root or DATA
    reports = ([Target.of(period, namnd, data_root=root, out_root=build_root)] if namnd else
               Target.every(period, data_root=root, out_root=build_root))
    # Every report's build is checked (and held) before any is copied: a period is published
    # whole, or not at all. The municipality's own report comes first, then its nämnder.
    with contextlib.ExitStack() as held:
        ready = []
        for report in reports:
            held.enter_context(locking.period_lock(build_root, report.place, "publicering"))
            named = report.name if report.namnd or report.kommun else None
            ready.append((report, publishable(period, report.output, named)))
        for order, (report, build_id) in enumerate(ready):
            final = _copy(report.place, report.output, manifest(build_id, report, order),
                          Path(target))
    return final if len(reports) == 1 else Path(target) / str(period)


def _copy(place: str, built: Path, info: dict, target: Path) -> Path:
    final = target / place
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = final.parent / f".{final.name}.ny"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(built / "html", staging / "html")
        shutil.copytree(built / "pdf", staging / "pdf")
        (staging / "manifest.json").write_text(
            json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = final.parent / f".{final.name}.gammal"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    write_index(target)
    return final


def _order(report: Path) -> tuple:
    info = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    return info.get("ordning", 0), report.name


def write_index(target: Path) -> Path:
    """index.html listing every published report, newest first (written, then renamed)."""
    rows = []
    for period in reversed(periods_in(target)):
        folder = target / str(period)
        reports = ([folder] if (folder / "manifest.json").is_file() else
                   sorted((f for f in folder.iterdir() if (f / "manifest.json").is_file()),
                          key=_order))
        for report in reports:
            info = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
            pdf = next((report / "pdf").glob("*.pdf")).name
            where = report.relative_to(target).as_posix()
            example = " (påhittade exempeldata)" if info.get("exempeldata") else ""
            rows.append(
                f"<tr><th scope=\"row\">{escape(period.kind)} {escape(period.months)}</th>"
                f"<td>{escape(info.get('namnd', ''))}{example}</td>"
                f"<td><a href=\"{where}/html/index.html\">Webbversion</a></td>"
                f"<td><a href=\"{where}/pdf/{escape(pdf)}\">PDF</a></td>"
                f"<td>{escape(info.get('status', ''))}</td>"
                f"<td>{escape(info['byggd'][:10])}</td></tr>")
    html = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Publicerade uppföljningsrapporter</title>
<link rel="icon" href="data:,">
<style>body{{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
table{{border-collapse:collapse;width:100%}}th,td{{text-align:left;padding:.4rem;border-bottom:1px solid #999}}
td:last-child{{white-space:nowrap}}
a{{color:#0b4f8a}}</style></head>
<body><main><h1>Publicerade uppföljningsrapporter</h1>
<table><caption>Rapporter, den senaste först</caption>
<thead><tr><th scope="col">Rapport</th><th scope="col">Nämnd</th><th scope="col">Webb</th>
<th scope="col">PDF</th><th scope="col">Status</th><th scope="col">Byggd</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></main></body></html>
"""
    tmp = target / ".index.html.ny"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, target / "index.html")
    return target / "index.html"
