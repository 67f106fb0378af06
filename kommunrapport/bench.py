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

from .building.build import build
from .building.target import Options, Target
from .common.paths import DATA, NOTEBOOKS, latest_period
from .common.periods import Period
from .model.report import check


def _timed(label: str, period: str, where: dict, **options) -> float:
    """One build of the period's report in this process, into the folders `where` names."""
    start = time.monotonic()
    build(Target.of(period, **where), Options(say=lambda *_: None, **options))
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

    from .building import preview
    from .building.target import Target

    shutil.copytree(DATA, root / "data")
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    said, stop = [], threading.Event()
    target = Target.of(period, data_root=root / "data", out_root=root / "_build",
                       source_root=root / "book", notebooks=root / "notebooks")
    start = time.monotonic()
    threading.Thread(target=preview.serve, args=(target, 0), daemon=True,
                     kwargs=dict(stop=stop, say=said.append)).start()
    while not any(s.startswith("Förhandsvisning:") for s in said):
        time.sleep(0.1)
    full = time.monotonic() - start
    url = next(s for s in said if s.startswith("Förhandsvisning:")).split()[1]
    print("Förhandsvisningen (make preview), från sparad fil till att den öppna sidan i "
          "Chromium visar ändringen (mål: text 1,5 s, datafil 3 s, notebook 5 s):")
    print(f"{'  hela HTML-bygget när förhandsvisningen startar (jämförelse)':<58} {full:6.1f} s")
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
        staff = root / "data" / period / "personal.csv"
        for n in range(1, 4):  # a data file: only the chapters that read it run again
            page.wait_for_timeout(1000)
            before = staff.read_text(encoding="utf-8")
            value = f"9{n}8,4"
            start = time.monotonic()
            staff.write_text(before.replace(";968,4;" if n == 1 else f";9{n - 1}8,4;",
                                            f";{value};", 1), encoding="utf-8")
            page.get_by_text(value).first.wait_for(timeout=60_000)
            print(f"{f'  datafil sparad (personal.csv), gång {n}':<58} "
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


LEDGER_BENCH = """
import resource, sys, time
from pathlib import Path
from kommunrapport.common.checks import CheckLog
from kommunrapport.sources.huvudbok import aggregate
start = time.monotonic()
ledger = aggregate.load(Path(sys.argv[1]), CheckLog())
for n in ledger.kommun.namnder:
    aggregate.tables(ledger, n.id, True, 100)
aggregate.reconciliation(ledger)
print(len(ledger.rows), time.monotonic() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def time_ledger(root: Path, rows: int = 200_000) -> None:
    """Reading, checking and aggregating a ledger of `rows` rows for the example's four
    nämnder, in a process of its own (its peak memory is the measurement)."""
    import random
    import subprocess
    import sys

    import yaml

    folder = root / "huvudbok-stor"
    folder.mkdir()
    for name in ("kommun.yaml", "kontoplan.yaml"):
        shutil.copy(DATA / "2025-12" / name, folder / name)
    kommun = yaml.safe_load((folder / "kommun.yaml").read_text("utf-8"))
    codes = [c for c in kommun["verksamheter"] if c != 99]
    accounts = [3110, 4010, 5010, 6110, 7810]
    rnd = random.Random(1)
    # The export's columns as 2025-12's kommun.yaml names them; result accounts have no IB.
    lines = ["Ansvar;Vht;Konto;Projekt;IB kr;Utfall ack kr;Utfall fg år ack kr;Budget år kr;"
             "Prognos år kr"]
    lines += [f"{rnd.randint(1000, 4999)};{rnd.choice(codes)};{rnd.choice(accounts)};;;"
              f"{rnd.randint(-99999, 999999)} ;{rnd.randint(-99999, 999999)};"
              f"{rnd.randint(0, 999999)};- {rnd.randint(0, 99999)}" for _ in range(rows)]
    (folder / "huvudbok.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kommun["huvudbok"]["kolumner"]["prognos"] = "Prognos år kr"
    (folder / "kommun.yaml").write_text(yaml.safe_dump(kommun, allow_unicode=True), "utf-8")
    run = subprocess.run([sys.executable, "-c", LEDGER_BENCH, str(folder)],
                         capture_output=True, text=True, check=True)
    count, seconds, mib = run.stdout.split()
    print(f"{f'huvudbok med {int(count)} rader: läsa, kontrollera, summera (mål: 5 s, 1 GiB)':<58} "
          f"{float(seconds):6.1f} s, {float(mib):.0f} MiB", flush=True)


BUILD_BENCH = """
import json, sys, time
from kommunrapport.building.build import build_all
from kommunrapport.building.target import Options, Target
where, period, names, options = json.loads(sys.argv[1])
start = time.monotonic()
targets = [Target.of(period, n, **where) for n in names] if names else Target.every(period, **where)
build_all(targets, Options(say=lambda *_: None, **options))
print(time.monotonic() - start)
"""


def _fresh(label: str, where: dict, period: str, names: list[str] | None = None,
           **options) -> float:
    """A clean build in a process of its own, as `make book` runs (every report of the
    period unless some are named): no warm kernels yet."""
    import json
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", BUILD_BENCH,
                          json.dumps([{k: str(v) for k, v in where.items()}, period, names,
                                      {"force": True, **options}])],
                         capture_output=True, text=True, check=True)
    seconds = float(run.stdout.split()[-1])
    print(f"{label:<58} {seconds:6.1f} s", flush=True)
    return seconds


def time_boards(root: Path) -> None:
    """A clean build of all four nämnder of 2025-12, and of the whole municipality (its own
    report and the four nämnder), against one nämnd, HTML and PDF, each in a fresh process
    (as `make book`, and `make book NAMND=…`)."""
    where = dict(data_root=root / "data", out_root=root / "_build", source_root=root / "book",
                 notebooks=root / "notebooks")
    shutil.copytree(DATA, where["data_root"])
    shutil.copytree(NOTEBOOKS, where["notebooks"])
    print("Alla nämnder (2025-12, huvudboken som underlag), HTML och PDF, var och en i en ny "
          "process (mål: fyra nämnder högst 2,5 × en, hela kommunen högst 3 × en):")
    boards = ["kommunstyrelsen", "socialnamnden", "barn-och-utbildningsnamnden",
              "samhallsbyggnadsnamnden"]
    one = _fresh("  en nämnd (kommunstyrelsen), ren byggnation", where, "2025-12", boards[:1])
    four = _fresh("  fyra nämnder, ren byggnation", where, "2025-12", boards)
    whole = _fresh("  hela kommunen (kommunens rapport och fyra nämnder), ren byggnation",
                   where, "2025-12")
    print(f"{'  fyra nämnder mot en':<58} {four / one:6.1f} ×")
    print(f"{'  hela kommunen mot en nämnd':<58} {whole / one:6.1f} ×")


def time_against_jupyter_book(root: Path, period: str) -> None:
    """One nämnd's clean HTML build against Jupyter Book executing the same notebooks itself
    (execute_notebooks: force), in the same run."""
    import subprocess
    import sys

    import yaml

    from .common.paths import BOOK, ROOT

    source = root / "jb-exekverar"
    shutil.copytree(BOOK / "static", source)
    for nb in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(nb, source / nb.name)
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    config["execute"]["execute_notebooks"] = "force"
    (source / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    shutil.copy(ROOT / "_toc.yml", source / "_toc.yml")
    ours = _fresh(f"  kommunrapport: ren HTML-byggnation ({period}), ny process",
                  dict(data_root=DATA, out_root=root / "_build-jb", source_root=root / "book-jb"),
                  period, pdf=False)
    start = time.monotonic()
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(source),
                    "--all", "--quiet"], capture_output=True, check=False)
    theirs = time.monotonic() - start
    print(f"{'  Jupyter Book kör samma notebooks själv (force)':<58} {theirs:6.1f} s "
          f"(kommunrapport {ours / theirs:.2f} × Jupyter Book; mål högst 0,5)")


def main() -> None:
    period = str(latest_period())
    with tempfile.TemporaryDirectory(prefix="kommunrapport-bench-") as tmp:
        root = Path(tmp)
        data, notebooks = root / "data", root / "notebooks"
        shutil.copytree(DATA, data)
        shutil.copytree(NOTEBOOKS, notebooks)
        time_large_check(data, period)
        time_ledger(root)
        where = dict(data_root=data, out_root=root / "_build", source_root=root / "book",
                     notebooks=notebooks)
        print(f"Period {period}, HTML och PDF, på den här maskinen:")
        _timed("ren byggnation", period, where)
        _timed("ombyggnad, inget ändrat", period, where)
        _append(data / period / "text" / "personal.md", "\n\nEn ändrad mening.\n")
        _timed("ombyggnad, ett kapitels text (text/personal.md) ändrad", period, where)
        time_preview(root / "forhandsvisning", period)
        _timed("hel HTML-byggnation (make book utan PDF), alla kapitel körs", period, where,
               pdf=False, force=True)
        nb = nbformat.read(notebooks / "personal.ipynb", as_version=4)
        nb.cells[2].source += " Och en till."
        nbformat.write(nb, notebooks / "personal.ipynb")
        _timed("ombyggnad, ett kapitels notebook ändrad, HTML och PDF", period, where)

        time_boards(root / "namnder")
        time_against_jupyter_book(root, period)

        year = ["2025-04", "2025-08", "2025-10", "2025-12"]
        for missing in year:
            if not (data / missing).exists():
                copy_as(data, "2025-08", missing)
        print("Fyra perioder efter varandra (2025-04 och 2025-10 är kopior av 2025-08):")
        total = sum(_timed(f"  {p}, ren byggnation", p, where, force=True)
                    for p in year)
        print(f"{'fyra perioder, ren byggnation':<58} {total:6.1f} s")
        again = sum(_timed(f"  {p}, inget ändrat", p, where) for p in year)
        print(f"{'fyra perioder, inget ändrat':<58} {again:6.1f} s")


if __name__ == "__main__":
    main()
