"""Preview while writing: serve the book on 127.0.0.1, rebuild when a file is saved, and
reload the open page by itself.

The cache makes a rebuild run only the chapter whose notebook changed (all chapters when the
period's data changed, none when only its text/ changed); the PDF is left out to keep it
quick. Every page gets a small script that asks the server for the build's state: a new
build reloads the page, and a failed one (a data-check error, an unknown figure key, a cell
that raised) is shown on the page, in Swedish with file and line, until the next good save.
The server keeps running whatever the build does.
"""
from __future__ import annotations

import functools
import http.server
import json
import threading
import time
import traceback
from html import escape
from pathlib import Path

from .build import build
from .checks import ChecksFailed
from .errors import BuildError, DataError
from .paths import BOOK, BUILD, DATA, NOTEBOOKS

STATUS = "/__forhandsvisning/status"
# Polls the build's state; reloads on a new build, shows a failed build's message.
SCRIPT = """<script>
(function () {
  let seen = null;
  async function poll() {
    try {
      const state = await (await fetch('%s', {cache: 'no-store'})).json();
      if (seen !== null && state.version !== seen) { location.reload(); return; }
      seen = state.version;
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
    } catch (e) { /* the server is restarting: try again */ }
    setTimeout(poll, 300);
  }
  poll();
})();
</script>""" % STATUS


class _State:
    """The latest build's outcome, shared by the watcher and the request handlers."""

    def __init__(self):
        self.version = 0
        self.error = ""
        self.lock = threading.Lock()

    def built(self) -> None:
        with self.lock:
            self.version += 1
            self.error = ""

    def failed(self, message: str) -> None:
        with self.lock:
            self.error = ("Förhandsvisningen kunde inte byggas om; sidan visar det senaste "
                          "lyckade bygget. Rätta felet och spara igen.\n\n" + message)

    def json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "fel": self.error}).encode()


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith(STATUS):
            return self._send(self.state.json(), "application/json")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8").replace("</body>", SCRIPT + "</body>", 1)
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
        self.wfile.write(body)


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*")
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def _attempt(rebuild, state: _State, say) -> None:
    """One rebuild; whatever goes wrong is reported on the page and in the terminal."""
    try:
        rebuild()
    except Exception as exc:  # noqa: BLE001 - the preview must outlive any failure
        known = isinstance(exc, (BuildError, DataError, ChecksFailed))
        message = str(exc) if known else "".join(traceback.format_exception_only(exc)).strip()
        state.failed(message)
        say(message)
    else:
        state.built()


def serve(period: str, port: int = 8000, *, notebooks: Path = NOTEBOOKS,
          data_root: Path = DATA, out_root: Path = BUILD, source_root: Path = BOOK,
          poll: float = 0.3, stop: threading.Event | None = None, say=print) -> None:
    # Waits for another build of the period (make book in another terminal) to finish.
    rebuild = functools.partial(build, period, data_root, say=say, out_root=out_root,
                                source_root=source_root, notebooks=notebooks, pdf=False,
                                wait=True, what="förhandsvisning")
    state = _State()
    site = out_root / period / "html"
    handler = type("Handler", (_Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _attempt(rebuild, state, say)
    say(f"Förhandsvisning: http://127.0.0.1:{server.server_address[1]}/index.html "
        "(Ctrl+C avslutar). Spara en notebook, text- eller datafil så byggs sidan om och "
        "laddas om av sig själv.")
    watched = [notebooks, data_root / period, BOOK / "static"]
    seen = _snapshot(watched)
    stop = stop or threading.Event()
    try:
        while not stop.wait(poll):
            now = _snapshot(watched)
            if now != seen:
                seen = now
                start = time.monotonic()
                say("Ändring upptäckt: bygger om …")
                _attempt(rebuild, state, say)
                say(f"Ombyggt på {time.monotonic() - start:.1f} s.")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
