"""A Sphinx extension: what the report's site needs beyond Jupyter Book's defaults.

- No Thebe. Jupyter Book always loads sphinx-thebe (live code cells, which a report has
  none of); its configuration script came twice on every page, an uncaught error in the
  browser ("Identifier 'THEBE_JS_URL' has already been declared").
- Search finds inflected Swedish words. Snowball's Swedish stemmer leaves definite forms
  in -n and -t (sjukfrånvaron, målet, skolan) unstemmed, and Sphinx's search tries partial
  matches only for words it does not know, so "sjukfrånvaro" missed the pages that only say
  "sjukfrånvaron". The same extra step is taken when the index is built (Python) and when a
  query is stemmed (the browser, sok.js).
- Search results show what the reader sees, also over file://. Sphinx fetches each result's
  page for its summary, which a browser refuses for file:// pages (titles only), and reads
  all its text, hidden copies included. The pages' readable text is written once to
  _static/sidtexter.js, which the search page loads as a script and answers those fetches
  from.
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.search import languages
from sphinx.search.sv import SearchSwedish

STATIC = Path(__file__).with_name("webb")
TEXTS = "sidtexter.js"
_DEFINITE = re.compile(r"(?<=[aeiouyåäö])[nt]$")


def definite_stem(word: str, stem) -> str:
    """Snowball's stem, and once more without a definite form's final -n or -t after a vowel
    (sjukfrånvaron → sjukfrånvaro, målet → mål, skolan → skol), as sok.js does it."""
    first = stem(word)
    if len(first) < 4:
        return first
    return stem(_DEFINITE.sub("", first))


class SearchSwedishInflected(SearchSwedish):
    def stem(self, word: str) -> str:
        return definite_stem(word.lower(), self.stemmer.stemWord)


def _without_thebe(app) -> None:
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "").startswith("sphinx_thebe"):
                app.disconnect(listener.id)
    app.registry.css_files = [c for c in app.registry.css_files if "thebe" not in c[0]]


def _search_page(app, pagename, templatename, context, doctree) -> None:
    """The search page alone loads the pages' texts and the Swedish search (page-local:
    Sphinx resets the script list after each page)."""
    if pagename == "search":
        app.add_js_file(TEXTS)
        app.add_js_file("sok.js")
    app.env.kommunrapport_written = getattr(app.env, "kommunrapport_written", set()) | {pagename}


def page_text(html: str) -> str:
    """A page's main content as the reader sees it, as minimal HTML: its sections (with their
    ids, which a result's anchor names) and their text; hidden copies, scripts and the
    interactive tables' raw data left out (the tables' formatted copies are kept)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one('[role="main"]')
    if main is None:
        return ""
    for junk in main.select("script, style, svg, noscript, .headerlink, table[id^=itables_], "
                            "[id$=_fallback], .dt-container, .skribent"):
        junk.decompose()

    def walk(node) -> str:
        parts = []
        for child in node.children:
            if getattr(child, "name", None) == "section":
                parts.append(f'<section id="{escape(child.get("id", ""))}">{walk(child)}</section>')
            elif getattr(child, "name", None):
                parts.append(walk(child))
            else:
                parts.append(escape(str(child)))
        return " ".join(p for p in parts if p.strip())

    # ASCII whitespace only: a figure's no-break space (−41 222) stays as the page has it
    text = re.sub(r"[ \t\n\r\f\v]+", " ", walk(main)).strip()
    return f'<div role="main">{text}</div>'


def _write_texts(app, exception) -> None:
    """_static/sidtexter.js: every page's text, for the search page's summaries. Pages Sphinx
    did not write in this build keep their text from the build before (kept beside the
    doctrees), so a preview save parses only the page it changed."""
    if exception is not None or app.builder.name != "html":
        return
    outdir, cache = Path(app.outdir), Path(app.doctreedir) / "sidtexter.json"
    texts = json.loads(cache.read_text(encoding="utf-8")) if cache.is_file() else {}
    written = getattr(app.env, "kommunrapport_written", set())
    pages = {p.relative_to(outdir).as_posix(): p for p in outdir.glob("*.html")}
    texts = {name: texts[name] for name in pages if name in texts}
    for name, path in pages.items():
        if name not in texts or name.removesuffix(".html") in written:
            texts[name] = page_text(path.read_text(encoding="utf-8"))
    app.env.kommunrapport_written = set()
    cache.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    (outdir / "_static" / TEXTS).write_text(
        f"window.kommunrapportSidtexter = {json.dumps(texts, ensure_ascii=False)};\n",
        encoding="utf-8")


def _static_path(app) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    languages["sv"] = SearchSwedishInflected
    _without_thebe(app)
    app.connect("builder-inited", _static_path)
    app.connect("html-page-context", _search_page)
    app.connect("build-finished", _write_texts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
