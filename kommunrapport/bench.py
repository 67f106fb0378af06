"""Benchmark of the build, printed, not asserted: python -m kommunrapport.bench.

Builds into a temporary folder with a copy of data/ (the project's files are not touched):
the check of a 200 000-row export, a clean build, a rebuild with nothing changed, rebuilds after one chapter's text changed (the
period's prose, then a notebook), and four periods of a year one after the other.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from .build import build
from .paths import DATA, NOTEBOOKS, latest_period
from .periods import Period
from .report import check


def _timed(label: str, **kwargs) -> float:
    start = time.monotonic()
    build(say=lambda *_: None, **kwargs)
    seconds = time.monotonic() - start
    print(f"{label:<58} {seconds:6.1f} s", flush=True)
    return seconds


def copy_as(data_root: Path, source: str, target: str) -> None:
    """A stand-in period with the source's figures (for timing only)."""
    folder = data_root / target
    shutil.copytree(data_root / source, folder)
    end = Period.parse(target).end.isoformat()
    for name, old, new in (("rapport.yaml", f'period: "{source}"', f'period: "{target}"'),
                           ("mal.yaml", f'bedomningsdatum: "{Period.parse(source).end}"',
                            f'bedomningsdatum: "{end}"')):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def time_large_check(data_root: Path, period: str, rows: int = 200_000) -> None:
    """The check of an export of `rows` rows (it is refused: too many for a report table)."""
    big = data_root.parent / "stor"
    shutil.copytree(data_root / period, big / period)
    lines = ["kod;verksamhet;utfall;prognos;budget;avvikelse"]
    lines += [f"{1000 + i};Verksamhet {i};-1;-2;-1;-1" for i in range(rows)]
    (big / period / "driftredovisning.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    _, log = check(period, big)
    seconds = time.monotonic() - start
    print(f"{f'kontroll av en export med {rows} rader (mål: högst 10 s)':<58} {seconds:6.1f} s "
          f"({len(log.errors)} fel: {log.errors[0].problem if log.errors else 'inget'})")


def time_preview(root: Path, period: str) -> None:
    """make preview as a writer uses it: a page open in Chromium, a file saved, the time until
    the page, reloaded by itself, shows the change."""
    import threading

    from playwright.sync_api import sync_playwright

    from . import preview

    shutil.copytree(DATA, root / "data")
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    said, stop = [], threading.Event()
    threading.Thread(target=preview.serve, args=(period, 0), daemon=True, kwargs=dict(
        data_root=root / "data", out_root=root / "_build", source_root=root / "book",
        notebooks=root / "notebooks", stop=stop, say=said.append)).start()
    while not any(s.startswith("Förhandsvisning:") for s in said):
        time.sleep(0.1)
    url = next(s for s in said if s.startswith("Förhandsvisning:")).split()[1]
    print("Förhandsvisningen (make preview), från sparad fil till att den öppna sidan i "
          "Chromium visar ändringen (mål: text 1,5 s, notebook 5 s):")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url.replace("index.html", "personal.html"))
        text = root / "data" / period / "text" / "personal.md"
        for n in range(1, 4):
            page.wait_for_timeout(1000)
            start = time.monotonic()
            _append(text, f"\n\nMening {n} skriven i förhandsvisningen.\n")
            page.get_by_text(f"Mening {n} skriven i förhandsvisningen.").wait_for(timeout=60_000)
            print(f"{f'  text sparad (text/personal.md), gång {n}':<58} "
                  f"{time.monotonic() - start:6.1f} s", flush=True)
        chapter = root / "notebooks" / "personal.ipynb"
        for n in range(1, 3):
            page.wait_for_timeout(1000)
            nb = nbformat.read(chapter, as_version=4)
            nb.cells[2].source += f"\n\nNotebookmening {n}."
            start = time.monotonic()
            nbformat.write(nb, chapter)
            page.get_by_text(f"Notebookmening {n}.").wait_for(timeout=120_000)
            print(f"{f'  notebook sparad (personal.ipynb), gång {n}':<58} "
                  f"{time.monotonic() - start:6.1f} s", flush=True)
        browser.close()
    stop.set()


def main() -> None:
    period = str(latest_period())
    with tempfile.TemporaryDirectory(prefix="kommunrapport-bench-") as tmp:
        root = Path(tmp)
        data, notebooks = root / "data", root / "notebooks"
        shutil.copytree(DATA, data)
        shutil.copytree(NOTEBOOKS, notebooks)
        time_large_check(data, period)
        where = dict(data_root=data, out_root=root / "_build", source_root=root / "book",
                     notebooks=notebooks)
        print(f"Period {period}, HTML och PDF, på den här maskinen:")
        _timed("ren byggnation", period_text=period, **where)
        _timed("ombyggnad, inget ändrat", period_text=period, **where)
        _append(data / period / "text" / "personal.md", "\n\nEn ändrad mening.\n")
        _timed("ombyggnad, ett kapitels text (text/personal.md) ändrad", period_text=period, **where)
        time_preview(root / "forhandsvisning", period)
        _timed("hel HTML-byggnation (make book utan PDF), alla kapitel körs", period_text=period,
               pdf=False, force=True, **where)
        nb = nbformat.read(notebooks / "personal.ipynb", as_version=4)
        nb.cells[2].source += " Och en till."
        nbformat.write(nb, notebooks / "personal.ipynb")
        _timed("ombyggnad, ett kapitels notebook ändrad, HTML och PDF", period_text=period, **where)

        year = ["2025-04", "2025-08", "2025-10", "2025-12"]
        for missing in year:
            if not (data / missing).exists():
                copy_as(data, "2025-08", missing)
        print("Fyra perioder efter varandra (2025-04 och 2025-10 är kopior av 2025-08):")
        total = sum(_timed(f"  {p}, ren byggnation", period_text=p, force=True, **where)
                    for p in year)
        print(f"{'fyra perioder, ren byggnation':<58} {total:6.1f} s")
        again = sum(_timed(f"  {p}, inget ändrat", period_text=p, **where) for p in year)
        print(f"{'fyra perioder, inget ändrat':<58} {again:6.1f} s")


if __name__ == "__main__":
    main()
