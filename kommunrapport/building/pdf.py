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
from ..model import wording
from ..model.report import Report
from ..presentation import tables
from .identity import Identity
from .jupyterbook import build_site

STYLESHEET = Path(__file__).with_name("print.css")


def singlehtml(source: Path, staging: Path, settings: dict) -> Path:
    """The whole book as one HTML page (in this process: a chapter worker's, beside the site)."""
    build_site(source, staging / "singlehtml", settings, staging / ".doctrees",
               builder="singlehtml")
    return staging / "singlehtml" / "index.html"


# The PDF links to the site beside it: both are published together (_build/<period>/html and
# pdf/, and make publish's <folder>/<period>/html and pdf/). WeasyPrint resolves every link
# against the document's folder, so the link is written with this stand-in and made relative
# in the finished PDF (_relative_web_link).
WEB_LINK = "https://webbversion.invalid/"
WEB_RELATIVE = "../html/index.html"


def _title_page(rep: Report, logo: Path | None) -> str:
    """A report cover: the logo (or the organisation set in type), the report and its period,
    the board, the status."""
    status = wording.status_sentence(rep.meta.beslutsdatum, rep.decided_by)
    organisation = escape(rep.organisation)
    mark = (f'<div class="logotyp"><img src="{logo.as_uri()}" alt="{organisation}s logotyp"></div>'
            f'<p class="organisation">{organisation}</p>' if logo else
            f'<p class="organisation typografisk">{organisation}</p>')
    return (f'<section class="titelsida">{mark}'
            f"<h1>{escape(rep.period.kind)}"
            f'<span class="period">{escape(rep.period.months)}</span></h1>'
            f'<p class="undertitel">{escape(rep.name)}</p>'
            f'{texts.example_notice_html(rep.meta.exempeldata)}'
            f'<div class="fot"><p class="status">{escape(status)}</p></div></section>')


def _whose(rep: Report) -> str:
    """'Delårsrapport januari–augusti 2025, Kommunstyrelsen, Askersunds kommun'; the
    municipality's own report names the municipality once."""
    names = dict.fromkeys([rep.title, rep.name, rep.organisation])
    return ", ".join(names)


def _imprint(rep: Report, build_id: Identity) -> str:
    """Under the contents: where the web version is, the status, and the build's number (the
    one place in the PDF that names it; the site names it on Om rapporten)."""
    status = wording.status_sentence(rep.meta.beslutsdatum, rep.decided_by)
    return (f'<aside class="imprint"><p>{escape(_whose(rep))}. {escape(status)}.</p>'
            f'<p>Rapporten finns också som webbplats, publicerad tillsammans med den här PDF:en, '
            f'med sökbara tabeller: <a href="{WEB_LINK}">öppna webbversionen</a>.</p>'
            f'<p class="byggidentitet">{escape(build_id.label())}. Webbplatsen och PDF:en med '
            f'samma nummer kommer från samma bygge.</p></aside>')


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


def _keep_introductions(root) -> None:
    """The paragraph just before a table or a chart introduces it: it is kept on the same
    page (print.css .infor), and so is the heading before it."""
    for item in root.select(".utskriftstabell, .tabell-ram, figure"):
        block = item
        while block.parent is not None and block.parent.name != "section":
            block = block.parent
        before = block.find_previous_sibling()
        if before is not None and before.name == "p":
            before["class"] = before.get("class", []) + ["infor"]


def _heading(section) -> str | None:
    heading = section.find(["h1", "h2", "h3", "h4", "h5", "h6"])
    return heading.name if heading else None


def print_document(singlehtml_file: Path, rep: Report, logo: Path | None,
                   build_id: Identity) -> str:
    soup = BeautifulSoup(singlehtml_file.read_text(encoding="utf-8"), "html.parser")
    root = soup.select_one("article.bd-article > section")
    # Pages and sections for the team and the website (data checks, the site's accessibility
    # statement, Om rapporten's data folder and build) stay on the intranet: the PDF for
    # kommunfullmäktige holds the report.
    for marker in root.select(f".{texts.WEB_ONLY}"):
        page = next((s for s in marker.find_parents("section") if _heading(s) == "h2"), None)
        if page is None:
            raise BuildError("Markeringen att en sida bara hör till webbplatsen står före "
                             "sidans rubrik; flytta den under rubriken.")
        page["data-endast-webb"] = "1"
    for marker in root.select(f".{texts.WEB_ONLY_SECTION}"):
        marker.find_parent("section").decompose()
    # The interactive tables (and DataTables itself) cannot print: their static twins do.
    for output in root.select("div.output"):
        if output.find("script") or output.select_one("table[id^=itables_]"):
            output.decompose()
    for junk in root.select("a.headerlink, script, style, wbr"):  # names whole on paper
        junk.decompose()
    for static in root.select(".print-only"):
        static["class"] = ["utskriftstabell"] + [c for c in static["class"] if c == "hel"]
    # A short table stays on one page, whoever wrote it (the municipality's statements too).
    for frame in root.select(".tabell-ram"):
        if len(frame.select("tr")) <= tables.KEEP_TOGETHER_ROWS + 1:
            frame["class"] = list(dict.fromkeys(frame.get("class", []) + ["hel"]))
    _keep_introductions(root)
    root.find("h1").decompose()
    # A goal's heading is raw HTML (h4), which Sphinx's single page does not demote with the
    # Markdown headings around it: one level below its "Nämndmål" heading.
    for heading in root.select(".namndmal > h4"):
        heading.name = "h5"
    # Sphinx's single page demotes each chapter's title to h2 (the start page keeps h1).
    chapters = [s for s in root.find_all("section") if _heading(s) == "h2"]
    for chapter in chapters:
        chapter.extract()
    chapters = [c for c in chapters if not c.get("data-endast-webb")]
    for chapter in chapters:
        chapter.find("h2")["class"] = ["kapitel"]
    contents = _contents(chapters)
    body = "".join(str(c) for c in chapters)
    title = escape(_whose(rep).replace(", ", " – ", 1))
    # Every page but the cover names the report in its running header.
    running = re.sub(r'[\\"<>]', lambda m: f"\\{ord(m[0]):x} ", f"{rep.title} · {rep.name}")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="{escape(rep.organisation)}">'
            f'<meta name="description" content="{title}">'
            f'<meta name="keywords" content="{escape(build_id.label())}">'
            f'<meta name="byggidentitet" content="{build_id.id}">'
            f'<style>@page {{ @top-left {{ content: "{running}"; }} }}'
            f"@page titelsida {{ @top-left {{ content: none; }} }}</style></head><body>"
            f"{_title_page(rep, logo)}{contents}{_imprint(rep, build_id)}<main>{body}</main>"
            f"</body></html>")


# The examples' placeholder logo says so in its text; it never goes on a report with real
# figures (that cover is typographic instead).
PLACEHOLDER_LOGO = "Exempellogotyp"


def logo_path(rep: Report) -> Path | None:
    configured = rep.meta.logotyp
    if not configured:
        return None
    path = (rep.folder / configured).resolve()
    if not path.is_file():
        raise BuildError(f"Logotypen {path} som rapport.yaml anger finns inte.")
    if not rep.meta.exempeldata and PLACEHOLDER_LOGO.encode() in path.read_bytes():
        return None
    return path


def _relative_web_link(document, pdf) -> None:
    """WeasyPrint's finisher: the stand-in link to the web version, relative to the PDF."""
    import pydyf

    for item in pdf.objects:  # the link annotations, each with its action inside
        for action in (item, item.get("A")) if isinstance(item, pydyf.Dictionary) else ():
            if (isinstance(action, pydyf.Dictionary) and action.get("S") == "/URI"
                    and getattr(action.get("URI"), "string", None) == WEB_LINK):
                action["URI"] = pydyf.String(WEB_RELATIVE)


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
        uncompressed_pdf=False, custom_metadata=True,  # byggidentitet in the document info
        finisher=_relative_web_link)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / target.name
    target.replace(final)
    shutil.rmtree(staging, ignore_errors=True)
    return final
