"""The PDF for kommunfullmäktige, from the same executed chapters as the HTML.

Route (measured in shared notes): Sphinx single-page HTML of the book -> a print document
(title page, table of contents, static tables) -> WeasyPrint with a print stylesheet.
"""
from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup

from ..common import texts
from ..common.errors import BuildError
from ..model.report import Report
from .identity import Identity
from .jupyterbook import build_site

STYLESHEET = Path(__file__).with_name("print.css")


def singlehtml(source: Path, staging: Path, settings: dict) -> Path:
    """The whole book as one HTML page (in this process: a chapter worker's, beside the site)."""
    build_site(source, staging / "singlehtml", settings, staging / ".doctrees",
               builder="singlehtml")
    return staging / "singlehtml" / "index.html"


def _title_page(rep: Report, logo: Path | None, build_id: Identity) -> str:
    """A report cover: logo, organisation, the report and its period, the board, the status."""
    decided = rep.meta.beslutsdatum
    status = (f"Beslutad av {rep.decided_by} {decided}" if decided
              else f"Preliminär: ännu inte beslutad av {rep.decided_by}")
    logo_html = (f'<img src="{logo.as_uri()}" alt="{escape(rep.organisation)}s logotyp">'
                 if logo else "")
    return (f'<section class="titelsida"><div class="logotyp">{logo_html}</div>'
            f'<p class="organisation">{escape(rep.organisation)}</p>'
            f"<h1>{escape(rep.period.kind)}"
            f'<span class="period">{escape(rep.period.months)}</span></h1>'
            f'<p class="undertitel">{escape(rep.name)}</p>'
            f'{texts.example_notice_html(rep.meta.exempeldata)}'
            f'<div class="fot"><p class="status">{escape(status)}</p>'
            f'<p class="byggidentitet">{escape(build_id.label())}</p></div></section>')


def _text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text()).strip()


def _contents(chapters) -> str:
    """Chapters and their sections, linked by fresh ids (chapters may share section names)."""
    items = []
    for i, chapter in enumerate(chapters, start=1):
        chapter["id"] = f"kapitel-{i}"
        subs = []
        for j, section in enumerate(chapter.find_all("section", recursive=False), start=1):
            if section.find("h3"):
                section["id"] = f"kapitel-{i}-{j}"
                subs.append(f'<li><a href="#{section["id"]}">{escape(_text(section.find("h3")))}</a></li>')
        items.append(f'<li class="kapitel"><a href="#{chapter["id"]}">'
                     f'{escape(_text(chapter.find("h2")))}</a>'
                     + (f"<ol>{''.join(subs)}</ol>" if subs else "") + "</li>")
    return f'<nav class="innehall"><h2>Innehåll</h2><ol>{"".join(items)}</ol></nav>'


def _heading(section) -> str | None:
    heading = section.find(["h1", "h2", "h3", "h4", "h5", "h6"])
    return heading.name if heading else None


def print_document(singlehtml_file: Path, rep: Report, logo: Path | None,
                   build_id: Identity) -> str:
    soup = BeautifulSoup(singlehtml_file.read_text(encoding="utf-8"), "html.parser")
    root = soup.select_one("article.bd-article > section")
    # Pages for the team and the website (data checks, the site's accessibility statement)
    # stay on the intranet: the PDF for kommunfullmäktige holds the report.
    for marker in root.select(f".{texts.WEB_ONLY}"):
        page = next((s for s in marker.find_parents("section") if _heading(s) == "h2"), None)
        if page is None:
            raise BuildError("Markeringen att en sida bara hör till webbplatsen står före "
                             "sidans rubrik; flytta den under rubriken.")
        page["data-endast-webb"] = "1"
    # The interactive tables (and DataTables itself) cannot print: their static twins do.
    for output in root.select("div.output"):
        if output.find("script") or output.select_one("table[id^=itables_]"):
            output.decompose()
    for junk in root.select("a.headerlink, script, style"):
        junk.decompose()
    for static in root.select(".print-only"):
        static["class"] = ["utskriftstabell"] + [c for c in static["class"] if c == "hel"]
    root.find("h1").decompose()
    # Sphinx's single page demotes each chapter's title to h2 (the start page keeps h1).
    chapters = [s for s in root.find_all("section") if _heading(s) == "h2"]
    for chapter in chapters:
        chapter.extract()
    chapters = [c for c in chapters if not c.get("data-endast-webb")]
    for chapter in chapters:
        chapter.find("h2")["class"] = ["kapitel"]
    contents = _contents(chapters)
    body = "".join(str(c) for c in chapters)
    title = escape(f"{rep.title} – {rep.name}, {rep.organisation}")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="{escape(rep.organisation)}">'
            f'<meta name="description" content="{title}">'
            f'<meta name="keywords" content="{escape(build_id.label())}">'
            f'<meta name="byggidentitet" content="{build_id.id}"></head><body>'
            f"{_title_page(rep, logo, build_id)}{contents}<main>{body}</main></body></html>")


def logo_path(rep: Report) -> Path | None:
    configured = rep.meta.logotyp
    if not configured:
        return None
    path = (rep.folder / configured).resolve()
    if not path.is_file():
        raise BuildError(f"Logotypen {path} som rapport.yaml anger finns inte.")
    return path


def build_pdf(source: Path, rep: Report, output_dir: Path, build_id: Identity,
              settings: dict) -> Path:
    """Write the PDF into output_dir (a staging folder; the caller moves it into place)."""
    from weasyprint import CSS, HTML

    staging = output_dir.parent / ".jb-pdf"
    shutil.rmtree(staging, ignore_errors=True)
    page = singlehtml(source, staging, settings)
    document = page.with_name("utskrift.html")
    document.write_text(print_document(page, rep, logo_path(rep), build_id), encoding="utf-8")
    target = staging / rep.pdf_name
    HTML(filename=str(document), base_url=str(document.parent)).write_pdf(
        str(target), stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
        uncompressed_pdf=False, custom_metadata=True)  # byggidentitet in the document info
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / target.name
    target.replace(final)
    shutil.rmtree(staging, ignore_errors=True)
    return final
