"""A Sphinx extension: the interface strings the theme leaves in English, in Swedish.

`language: sv` translates what Sphinx's own catalogue knows. The themes write the rest in
their templates without a Swedish catalogue ("Skip to main content", "Back to top", tooltips
and ARIA labels), so every written page is translated after the build, from this table. A
reader and a screen reader meet only Swedish; tests/test_browser.py looks for English left.
"""
from __future__ import annotations

import re
from pathlib import Path

# Each English string with the quotes or tags around it, so text in the report is untouched.
STRINGS = {
    '>Skip to main content<': '>Hoppa till huvudinnehållet<',
    'Back to top</button>': 'Till början av sidan</button>',
    'title="Link to this heading"': 'title="Länk till den här rubriken"',
    'title="Link to this image"': 'title="Länk till den här bilden"',
    'title="Link to this table"': 'title="Länk till den här tabellen"',
    'title="Link to this code"': 'title="Länk till den här koden"',
    'title="Link to this definition"': 'title="Länk till den här definitionen"',
    '"Color mode"': '"Färgläge"',
    'title="Light"': 'title="Ljust"',
    'title="Dark"': 'title="Mörkt"',
    'title="System Settings"': 'title="Systeminställning"',
    'aria-label="Main"': 'aria-label="Huvudmeny"',
    'aria-label="Page"': 'aria-label="Sidans innehåll"',
    'aria-label="On this page"': 'aria-label="På den här sidan"',
    'aria-label="Site navigation"': 'aria-label="Webbplatsens navigering"',
    'aria-label="Version warning"': 'aria-label="Versionsvarning"',
    'aria-label="Announcement"': 'aria-label="Meddelande"',
    'aria-label="Breadcrumb"': 'aria-label="Sökväg"',
    'title="Toggle primary sidebar"': 'title="Visa eller dölj menyn"',
    'title="Toggle secondary sidebar"': 'title="Visa eller dölj sidans innehåll"',
    'title="next page"': 'title="nästa sida"',
    'title="previous page"': 'title="föregående sida"',
    'title="Index"': 'title="Register"',
    '>Table of contents<': '>Innehållsförteckning<',
    'Please activate JavaScript to enable the search functionality.':
        'Aktivera JavaScript för att kunna söka i rapporten.',
    'title="JavaScript not allowed. Please trust this notebook to get interactive tables."':
        'title="Tabellen visas utan JavaScript"',
}
# itables' text while a table loads (and without JavaScript).
_LOADING = re.compile(r"Loading ITables v[\d.]+ from the <code>init_notebook_mode</code> "
                      r"cell\.\.\.\s*\(need <a href=[^>]*>help</a>\?\)")
_PREVIEW = re.compile(r'title="ITables v[\d.]+ static preview"')
_NOSCRIPT = re.compile(r"This is the <code>init_notebook_mode</code> cell from ITables v[\d.]+<br>\s*"
                       r"\(you should not see this message - is your notebook <it>trusted</it>\?\)")


def translate(html: str) -> str:
    for english, swedish in STRINGS.items():
        html = html.replace(english, swedish)
    html = _LOADING.sub("Tabellen laddas …", html)
    html = _NOSCRIPT.sub("Tabellerna kan sorteras och sökas i när JavaScript är påslaget.", html)
    return _PREVIEW.sub('title="Tabellen utan JavaScript"', html)


def _translate_pages(app, exception) -> None:
    if exception is not None:
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        swedish = translate(text)
        if swedish != text:
            page.write_text(swedish, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _translate_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
