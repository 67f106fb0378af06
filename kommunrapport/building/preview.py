"""Preview while writing: serve the book on 127.0.0.1, rebuild when a file is saved, and
reload the open page by itself.

The cache makes a rebuild run only the chapter whose notebook changed, the chapters that read
a changed data file (cache.CHAPTER_DATA), none when only its text/ changed; Sphinx runs in
this process and re-reads only the pages whose source changed, so a saved text shows within
a second.
The PDF is left out, and the site goes to its own folder (_build/<period>/forhandsvisning/):
it is never the build that `make publish` publishes. Every page gets a small script that
waits for the server's next outcome: a new build reloads the page, and a failed one (a
data-check error, an unknown figure key, a cell that raised) is shown on the page, in
Swedish with file and line, until the next good save. The server keeps running whatever
the build does.

A period with open items (a new period half filled in) is shown as a draft: every chapter as
far as its inputs are there, each missing value marked in place ("[saknas: …]"), a banner
"Utkast" on every page and a page of the open items. `make book` still refuses it.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time
import urllib.parse
from pathlib import Path

from ..common import internal
from ..common.checks import ChecksFailed
from ..common.errors import BuildError, DataError
from ..common.paths import BOOK
from ..presentation import draft, static_pages
from . import locking, workers
from .jupyterbook import build_site
from .prepare import prepare
from .site import link_pdf, stamped
from .target import Options, Target

STATUS = "/__forhandsvisning/status"
# Polls the build's state; reloads on a new build, shows a failed build's message.
SCRIPT = """<script>
(function () {
  let version = null, seen = -1;
  async function poll() {
    try {
      const state = await (await fetch('%s?sedd=' + seen, {cache: 'no-store'})).json();
      if (version !== null && state.version !== version) { location.reload(); return; }
      version = state.version;
      seen = state.utfall;
      let box = document.getElementById('forhandsvisning-fel');
      if (state.fel && !box) {
        box = document.createElement('div');
        box.id = 'forhandsvisning-fel';
        box.setAttribute('role', 'alert');
        box.style.cssText = 'position:fixed;left:0;right:0;top:0;z-index:9999;max-height:60vh;' +
          'overflow:auto;background:#fff4f4;color:#1a1a1a;border-bottom:3px solid #b71c1c;' +
          'padding:1em;font:14px/1.4 sans-serif;white-space:pre-wrap';
        document.body.prepend(box);
      }
      if (box) { box.hidden = !state.fel; if (state.fel) box.textContent = state.fel; }
      setTimeout(poll, 0);
    } catch (e) { setTimeout(poll, 1000); /* the server is restarting: try again */ }
  }
  poll();
})();
</script>""" % STATUS
# How long the server holds a status request open while nothing happens.
HOLD_S = 20


class _State:
    """The latest build's outcome, shared by the watcher and the request handlers. A page asks
    with the number of the last outcome it saw and is answered as soon as there is a newer
    one (a long poll: the reload follows the build at once, without polling fast)."""

    def __init__(self):
        self.version = 0  # good builds
        self.outcomes = 0  # good and failed builds
        self.error = ""
        self.banner = ""  # a draft's: on top of every page
        self.changed = threading.Condition()

    def built(self, banner: str = "") -> None:
        with self.changed:
            self.version += 1
            self.outcomes += 1
            self.error = ""
            self.banner = banner
            self.changed.notify_all()

    def failed(self, message: str) -> None:
        with self.changed:
            self.outcomes += 1
            self.error = ("Förhandsvisningen kunde inte byggas om; sidan visar det senaste "
                          "lyckade bygget. Rätta felet och spara igen.\n\n" + message)
            self.changed.notify_all()

    def json(self, seen: int = -1, hold: float = 0) -> bytes:
        with self.changed:
            self.changed.wait_for(lambda: self.outcomes != seen, timeout=hold)
            return json.dumps({"version": self.version, "utfall": self.outcomes,
                               "fel": self.error}).encode()


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith(STATUS):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            seen = query.get("sedd", ["-1"])[0]
            seen = int(seen) if seen.lstrip("-").isdigit() else -1
            return self._send(self.state.json(seen, HOLD_S), "application/json")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8").replace("</body>", SCRIPT + "</body>", 1)
            if self.state.banner:
                page = re.sub(r"(<body[^>]*>)", lambda m: m[1] + self.state.banner, page, count=1)
            return self._send(page.encode(), "text/html; charset=utf-8")
        if not path.exists() and self.path in ("/", "/index.html"):  # nothing built yet
            page = (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>'
                    f"Förhandsvisning</title></head><body><main><h1>Förhandsvisning</h1>"
                    f"<p>Boken är inte byggd än.</p></main>{SCRIPT}</body></html>")
            return self._send(page.encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except ConnectionError:  # the page was closed while its status request was held
            pass


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*")
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def _attempt(rebuild, state: _State, say) -> None:
    """One rebuild; whatever goes wrong is reported on the page and in the terminal."""
    try:
        banner = rebuild()
    except Exception as exc:  # noqa: BLE001 - the preview must outlive any failure
        known = isinstance(exc, (BuildError, DataError, ChecksFailed))
        message = str(exc) if known else internal.message(exc, "make preview")
        state.failed(message)
        say(message)
    else:
        state.built(banner or "")


# On every page of the preview, and on Om rapporten in place of the build's number.
PREVIEW = ("Förhandsvisning medan du skriver, inte den publicerade rapporten: HTML och PDF "
           "till nämnden görs med make book.")


def site_folder(target: Target) -> Path:
    return target.output / "forhandsvisning" / "html"


def rebuild(target: Target, say) -> str:
    """One preview build: the chapters as `make book` prepares them, the site incrementally.
    A period with open items is built as a draft: its banner (for every page) is returned.
    Waits for another build of the report (make book in another terminal) to finish."""
    options = Options(pdf=False, wait=True, what="förhandsvisning", say=say, draft=True)
    with locking.period_lock(target.out_root, target.place, options.what, wait=True, say=say):
        workers.clean_scratch()
        prepared = prepare(target, options)
        site = site_folder(target)
        build_site(target.source, site, stamped(
            prepared.settings(), static_pages.build_substitutions(PREVIEW, None), PREVIEW))
        link_pdf(site, None)
        rep = prepared.report
        if not getattr(rep, "draft", False):
            return ""
        (site / draft.OPEN_ITEMS).write_text(
            draft.open_items_page(rep.checks, f"{rep.title}, {rep.name}"), encoding="utf-8")
        return draft.banner(rep.checks)


def serve(target: Target, port: int = 8000, *, poll: float = 0.1,
          stop: threading.Event | None = None, say=print) -> None:
    rebuild_now = functools.partial(rebuild, target, say)
    state = _State()
    site = site_folder(target)
    site.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _attempt(rebuild_now, state, say)
    say(f"Förhandsvisning: http://127.0.0.1:{server.server_address[1]}/index.html "
        "(Ctrl+C avslutar). Spara en notebook, text- eller datafil så byggs sidan om och "
        "laddas om av sig själv.")
    watched = [target.notebooks, target.data_root / str(target.period), BOOK / "static"]
    seen = _snapshot(watched)
    stop = stop or threading.Event()
    try:
        while not stop.wait(poll):
            now = _snapshot(watched)
            if now != seen:
                seen = now
                start = time.monotonic()
                say("Ändring upptäckt: bygger om …")
                _attempt(rebuild_now, state, say)
                say(f"Ombyggt på {time.monotonic() - start:.1f} s.")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
