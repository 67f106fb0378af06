"""The build: a report's data checked, its chapters run, its site and PDF rendered and
switched in.

    build(target, options)
      1. take the report's lock (locking.py): one builder of a report at a time
      2. prepare the book (prepare.py): check the data, run the chapters whose inputs
         changed, write the book's source with the period's prose
      3. if nothing changed since the current build, stop: it stands
      4. render the site and the PDF into a staging folder (site.py)
      5. switch the staging folder in as the current build, in one step (outputs.py)

Output goes to the report's own folder, _build/<place>/, so building one report never touches
another; a failed or interrupted build leaves the last good one as it was. build_all builds
every report of a period, each as `build` builds one; a report is rendered while the next
one's chapters run, so the cores are never idle between them.
"""
from __future__ import annotations

import contextlib
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from . import cache, identity, locking, outputs, workers
from .prepare import prepare
from .site import render
from .target import Options, Target


def build(target: Target, options: Options = Options()) -> Path:
    """One report; returns its start page."""
    return build_all([target], options)[0]


def build_all(targets: list[Target], options: Options = Options()) -> list[Path]:
    """Each report in turn; returns their start pages."""
    started = []
    with ThreadPoolExecutor(max_workers=1) as renders:
        for n, target in enumerate(targets):
            if len(targets) > 1:
                options.say(f"— {target.name} —")
            # The last one is rendered here: nothing is left to run beside it.
            started.append(_start(target, options, renders if n < len(targets) - 1 else None))
    return [job.result() for job in started]


def _start(target: Target, options: Options, renders: ThreadPoolExecutor | None) -> Future:
    """Steps 1–3 here; steps 4–5 in `renders` (or here), the lock held until they are done."""
    lock = contextlib.ExitStack()
    lock.enter_context(locking.period_lock(target.out_root, target.place, options.what,
                                           wait=options.wait, say=options.say))
    try:
        outputs.clean(target.output)
        workers.clean_scratch()
        finish = _prepared(target, options)
        job = renders.submit(finish) if renders else _done(finish)
    except BaseException:
        lock.close()
        raise
    job.add_done_callback(lambda _: lock.close())
    return job


def _prepared(target: Target, options: Options):
    """Prepare the book; returns what finishes the build (render and switch, or nothing)."""
    code = cache.code_digest()
    build_id = identity.create(target, options.pdf, code)  # the inputs as they are now
    prepared = prepare(target, options, code)
    key = prepared.book_key()
    current = outputs.current_identity(target.output)
    index = target.output / "html" / "index.html"
    if (not options.force and outputs.current_key(target.output) == key
            and current and current.inputs == build_id.inputs):
        options.say(f"Boken är oförändrad; den byggda rapporten i {target.output} gäller. "
                    f"({prepared.steps})")
        return lambda: index

    def finish() -> Path:
        options.say("Bygger HTML med Jupyter Book"
                    + (" och PDF med WeasyPrint" if options.pdf else "") + " …")
        staging = outputs.staging(target.output, build_id)
        try:
            pdf_file = render(prepared, staging, build_id)
            outputs.switch(target.output, staging, build_id, key)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # gone already when switched in
        if pdf_file:
            options.say(f"PDF: {target.output / 'pdf' / pdf_file.name}")
        # With several nämnder this is said while the next nämnd's chapters run: name it.
        options.say(f"Klart ({prepared.report.name}): {build_id.label()}. "
                    f"{prepared.steps}")
        options.say(f"Startsida: {index}")
        return index

    return finish


def _done(function) -> Future:
    """function run here, as a finished Future."""
    job = Future()
    try:
        job.set_result(function())
    except BaseException as exc:
        job.set_exception(exc)
    return job


def build_pdf_only(target: Target, options: Options = Options(what="make pdf")) -> Path:
    """The PDF, from the chapters already executed for the report (executed first if their
    inputs changed). HTML and PDF are always one build, so the site is rendered beside it."""
    index = build(target, options)
    return next((index.parent.parent / "pdf").glob("*.pdf"))
