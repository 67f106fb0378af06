"""Publishing a built report to the intranet folder, atomically.

<folder>/<period>/ holds the site (html/), the PDF (pdf/) and manifest.json; <folder>/index.html
lists every published report, newest first. A period is copied beside its old copy and swapped
in by renames, so readers never see a half-copied site and the old copy stays until the new
one is in place.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from datetime import datetime, timezone
from html import escape
from pathlib import Path

from .errors import BuildError
from .paths import BUILD, DATA, NOTEBOOKS, ROOT
from .periods import Period, periods_in


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_commit() -> str:
    run = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                         text=True)
    return run.stdout.strip() if run.returncode == 0 else "okänd"


def manifest(period: Period, built: Path, data_root: Path) -> dict:
    """What was published: period, build time, commit, and a hash of every input file."""
    inputs = sorted(p for p in (data_root / str(period)).rglob("*") if p.is_file())
    inputs += sorted(NOTEBOOKS.glob("*.ipynb")) + [ROOT / "_config.yml", ROOT / "_toc.yml"]
    built_at = datetime.fromtimestamp((built / "html" / "index.html").stat().st_mtime, timezone.utc)
    return {
        "period": str(period),
        "byggd": built_at.isoformat(timespec="seconds"),
        "publicerad": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "indata": {str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p): _sha256(p)
                   for p in inputs},
    }


def publish(period_text: str, target: Path | str, *, build_root: Path = BUILD,
            data_root: Path = DATA) -> Path:
    period = Period.parse(period_text)
    built = build_root / str(period)
    pdfs = sorted((built / "pdf").glob("*.pdf"))
    if not (built / "html" / "index.html").is_file() or not pdfs:
        raise BuildError(f"Perioden {period} är inte byggd (saknar {built / 'html'} eller PDF). "
                         f"Kör först: make book PERIOD={period}")
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    staging = target / f".{period}.ny"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(built / "html", staging / "html")
        shutil.copytree(built / "pdf", staging / "pdf")
        (staging / "manifest.json").write_text(
            json.dumps(manifest(period, built, data_root), ensure_ascii=False, indent=2),
            encoding="utf-8")
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
