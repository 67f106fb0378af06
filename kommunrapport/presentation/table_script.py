"""The interactive tables' script (DataTables, from itables) once per site instead of once per
page.

itables' offline mode puts its whole bundle, about a megabyte, in the notebook's output, which
the writer's JupyterLab needs. In the book every page would carry it. So the book's pages
refer to `_static/itables-bundle.js` instead: a classic script (it loads from a file:// page
too, where a module import would not), included in every page's head by _config.yml, which
the browser fetches once for the whole site.
"""
from __future__ import annotations

import re
from base64 import b64encode
from pathlib import Path

from itables import options as itables_options

FILE = "itables-bundle.js"
GLOBAL = "window.kommunrapportItables"
_INLINE = re.compile(r'(injectCSS|injectModule)\("[A-Za-z0-9+/=]{1000,}"\)')
# itables' copy of the table's raw data (-1886.0, the hidden _summa column) for a browser
# without JavaScript: the page's formatted static copy (tables.py) is shown instead, and the
# search index and its summaries never see the raw one.
_FALLBACK = re.compile(r'<div id="itables_[0-9a-f_]+_fallback">.*?</table></div>', re.S)


def script() -> str:
    """The bundle and its stylesheet, base64 as itables' offline loader takes them."""
    bundle = Path(itables_options.dt_bundle)
    js, css = (b64encode(p.read_bytes()).decode("ascii")
               for p in (bundle, bundle.with_suffix(".css")))
    return f'{GLOBAL} = {{js: "{js}", css: "{css}"}};\n'


def write(static: Path) -> None:
    """The site's copy, in its _static folder (rewritten only when it differs)."""
    target, text = static / FILE, script()
    if not target.is_file() or target.read_text(encoding="ascii") != text:
        target.write_text(text, encoding="ascii")


def shared(html: str) -> str:
    """An output's inline bundle as a reference to the site's copy, without itables' raw
    copy of the table."""
    html = _FALLBACK.sub("", html)
    return _INLINE.sub(lambda m: f"{m[1]}({GLOBAL}.{'css' if m[1] == 'injectCSS' else 'js'})",
                       html)
