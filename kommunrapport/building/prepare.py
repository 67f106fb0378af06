"""A report's book source, ready for Jupyter Book: the data checked, the chapters whose
inputs changed run again, and book/<place>/ written with the period's prose as it is now.

`make book` renders it into a new build (build.py); the preview renders it into its own site
on every save (preview.py).
"""
from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..common.checks import ChecksFailed
from ..common.paths import BOOK, ROOT
from ..model import report
from ..model.kommun import figures as kommun_figures
from ..model.kommun import report as kommun_report
from ..presentation import static_pages, table_script
from ..presentation.materialize import materialize
from ..sources import narrative
from . import cache, identity, workers
from .jupyterbook import preload
from .target import Options, Target

# book/<place>/_korda/: the chapters as Papermill executed them, with their cache keys.
EXECUTED = "_korda"


class Steps(dict):
    """How long each step of a build took, in seconds, in the order they ran."""

    @contextmanager
    def timed(self, name: str, since: float | None = None):
        start = time.monotonic() if since is None else since
        yield
        self[name] = time.monotonic() - start

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.items())


@dataclass
class Prepared:
    target: Target
    options: Options
    report: report.Report | kommun_report.KommunReport
    code: str            # the package's code digest, computed once per build
    keys: dict[str, str]  # chapter -> the cache key it was executed with, in book order
    steps: Steps

    @property
    def source(self) -> Path:
        return self.target.source

    def settings(self) -> dict:
        """Jupyter Book's settings that differ by report (passed as overrides: the project's
        _config.yml is never written)."""
        rep = self.report
        return {"html_title": f"{rep.title} – {rep.name}", "author": rep.organisation,
                "copyright": str(rep.period.year), "html_context": {"pdf_fil": rep.pdf_name},
                # the static pages' words from the data (the accessibility statement's contact)
                "myst_substitutions": static_pages.data_substitutions(rep)}

    def book_key(self) -> str:
        """The rendered book's inputs: the executed chapters, the book's own files and the
        settings (not the build's number, which every build has anew)."""
        files = [p for p in self.source.rglob("*") if p.is_file() and EXECUTED not in p.parts]
        return cache.book_key(list(self.keys.values()),
                              cache.files_digest(files, self.source),
                              [(ROOT / "_config.yml").read_text("utf-8"), self.settings(),
                               self.options.pdf])


def prepare(target: Target, options: Options, code: str | None = None) -> Prepared:
    """Check the data (an error: no chapter runs), run the chapters whose inputs changed, and
    write the book's source. `code`: the package's digest, when the caller has it."""
    steps, say = Steps(), options.say
    code = code or cache.code_digest()
    with steps.timed("kontroll av data"):
        rep, figures = _load(target, options.draft)
    say(f"Datakontroll: {rep.checks.summary()} " + (
        "Ett utkast: det som saknas visas som [saknas: …]." if getattr(rep, "draft", False)
        else "Varningarna visas på sidan Datakontroller."))
    say(f"Bygger {rep.title} för {rep.name} ({target.period}).")
    _write_static(target)
    files = identity.data_files(target.period, target.data_root, target.namnd)
    keys = {name: cache.chapter_key(target.notebook(name), cache.chapter_data(
        None if target.kommun else name, files, target.data_root), target.parameters, code)
            for name in options.chapters or target.chapters}
    with steps.timed("kapitel"):
        _run_stale(target, options, keys, code)
        # The book's notebooks: the executed chapters with the period's prose as it is now.
        for name in keys:
            materialize(target.source / EXECUTED / f"{name}.ipynb",
                        target.source / f"{name}.ipynb", rep.folder / narrative.FOLDER, figures,
                        draft=getattr(rep, "draft", False))
    return Prepared(target, options, rep, code, keys, steps)


def _load(target: Target, draft: bool = False):
    """The checked report and its figures (the municipality's, or a nämnd's); a draft's
    with its open items (a nämnd's only: the municipality's report needs every nämnd's)."""
    if target.kommun:
        rep = kommun_report.load(target.period, target.data_root, target.notebooks)
        return rep, kommun_figures.figures(rep)
    rep, log = report.check(target.period, target.data_root, target.notebooks, target.namnd,
                            draft=draft)
    if rep is None:
        raise ChecksFailed(log)
    return rep, report.figures(rep)


def _write_static(target: Target) -> None:
    """The book's own pages, stylesheet, templates and table of contents. Executed chapters
    from an earlier build stay: the cache decides which to run again."""
    source = target.source
    shutil.copytree(BOOK / "static", source, dirs_exist_ok=True)
    table_script.write(source / "_static")  # the tables' script, once for every page
    shutil.rmtree(source / narrative.FOLDER, ignore_errors=True)  # prose is in the chapters
    shutil.copy(target.toc, source / "_toc.yml")
    (source / "_config.yml").unlink(missing_ok=True)  # an earlier layout's copy


def _run_stale(target: Target, options: Options, keys: dict[str, str], code: str) -> None:
    executed = target.source / EXECUTED
    executed.mkdir(parents=True, exist_ok=True)
    stale = [name for name in keys
             if options.force or not cache.fresh(executed / f"{name}.nyckel", keys[name])]
    if not stale:
        options.say("Inget kapitel har ändrats sedan förra bygget (notebook, data och parametrar).")
        return
    options.say(f"Kör {len(stale)} av {len(keys)} kapitel med Papermill: "
                f"{', '.join(stale)} …")
    preload()  # the site build's imports, while this process waits for the chapters
    for name in stale:
        (executed / f"{name}.nyckel").unlink(missing_ok=True)
    results = workers.execute([(name, target.notebook(name), executed / f"{name}.ipynb")
                               for name in stale], target.parameters, options.jobs, code)
    if any(r.error for r in results):
        raise workers.failures(results, executed)
    for r in results:
        (executed / f"{r.name}.nyckel").write_text(keys[r.name])
        options.say(f"  {r.name}: {r.seconds:.1f} s")
