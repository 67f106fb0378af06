"""A prepared book rendered: the site in this process and the PDF beside it in a chapter
worker (one per core; WeasyPrint in a thread of this process would share it with the site's
Sphinx)."""
from __future__ import annotations

import re
import time
from concurrent.futures import wait
from pathlib import Path

from ..common.formatting import number
from ..presentation import static_pages
from . import pdf, workers
from .identity import Identity
from .jupyterbook import build_site
from .prepare import Prepared


def stamped(settings: dict, build: dict[str, str], banner: str | None = None) -> dict:
    """The report's settings with the build's number and date for Om rapporten and the
    accessibility statement (static_pages.build_substitutions: once on the site, not in
    every page's footer), and a banner on every page (the preview's), if any."""
    out = {**settings, "myst_substitutions": {**settings.get("myst_substitutions", {}), **build}}
    if banner:
        out["html_theme_options"] = {"announcement": banner}
    return out


def render(prepared: Prepared, staging: Path, build_id: Identity) -> Path | None:
    """The site into staging/html and (unless HTML only) the PDF into staging/pdf; returns
    the PDF."""
    settings = stamped(prepared.settings(),
                       static_pages.build_substitutions(build_id.label(), build_id.built))
    options, steps = prepared.options, prepared.steps
    pdf_job = workers.submit(options.jobs, prepared.code, pdf.build_pdf, prepared.source,
                             prepared.report, staging / "pdf", build_id,
                             settings) if options.pdf else None
    start = time.monotonic()
    with steps.timed("html", since=start):
        try:
            build_site(prepared.source, staging / "html", settings,
                       staging / ".jb-html" / ".doctrees")
        except BaseException:
            if pdf_job:
                wait([pdf_job])  # done with the staging folder before it is removed
            raise
    pdf_file = None
    if pdf_job:
        with steps.timed("html och pdf", since=start):
            pdf_file = pdf_job.result()
    link_pdf(staging / "html", pdf_file)
    return pdf_file


_PDF_LINK = re.compile(r'<a class="pdf-lank"[^>]*>.*?</a>', re.S)


def link_pdf(site: Path, pdf_file: Path | None) -> None:
    """Fill in the PDF's size beside every link to it; an HTML-only build (the preview) has
    no PDF, so its links say how to make one instead."""
    if pdf_file:
        size = f' <span class="pdf-storlek">({number(pdf_file.stat().st_size / 1000)}\u00a0kB)</span>'
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "pdf-lank" not in html:
            continue
        if pdf_file:
            html = html.replace('<span class="pdf-storlek"></span>', size)
        else:
            html = _PDF_LINK.sub('<span class="pdf-lank">PDF:en görs med make book</span>', html)
        page.write_text(html, encoding="utf-8")
