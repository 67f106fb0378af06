"""A draft's pages in the preview: the banner every page carries and the page of open items
(the checklist of `make check`, by file)."""
from __future__ import annotations

from html import escape

from ..common.checks import CheckLog, checklist_items

OPEN_ITEMS = "oppna-punkter.html"


def banner(log: CheckLog) -> str:
    """'Utkast' and the way to the open items, at the top of every page of a draft."""
    n = len(log.errors)
    return (f'<div class="utkast-banderoll" role="note" style="background:#fff3b0;color:#1a1a1a;'
            f'padding:0.5em 1em;border-bottom:2px solid #8a6d00;font:15px/1.4 sans-serif">'
            f"<strong>Utkast</strong> – inte färdigt att publicera: {n} "
            f"{'öppen punkt' if n == 1 else 'öppna punkter'}. Det som saknas står som "
            f'[saknas: …]. <a href="/{OPEN_ITEMS}">Visa de öppna punkterna</a></div>')


def open_items_page(log: CheckLog, title: str) -> str:
    """The open items as a page of the preview: what to fill in, confirm or remove, by file."""
    parts, current = [], None
    for item in checklist_items(log):
        if item.file != current:
            parts.append(("</ul>" if current else "") + f"<h2>{escape(item.file)}</h2><ul>")
            current = item.file
        parts.append(f"<li>{escape(item.text())}</li>")
    body = "".join(parts) + ("</ul>" if current else "<p>Inga öppna punkter.</p>")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Öppna punkter – '
            f"{escape(title)}</title></head><body><main><h1>Öppna punkter: {escape(title)}</h1>"
            f"<p>Samma lista som <code>make check</code> ger. [ ] att fylla i, [?] att bekräfta "
            f"eller ändra, [-] som kan tas bort, [&gt;] som avgörs när siffrorna är ifyllda.</p>"
            f'{body}<p><a href="/index.html">Till utkastets startsida</a></p></main></body></html>')
