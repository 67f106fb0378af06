"""Preview while writing: serve the book on 127.0.0.1 and rebuild when a file is saved.

The cache makes a rebuild run only the chapter whose notebook changed (all chapters when the
period's data changed, none when only its text/ changed); the PDF is left out to keep it
quick. Reload the page to see it.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from .build import build
from .checks import ChecksFailed
from .errors import BuildError, DataError
from .paths import BOOK, BUILD, DATA, NOTEBOOKS


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*")
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def serve(period: str, port: int = 8000, *, notebooks: Path = NOTEBOOKS,
          data_root: Path = DATA, out_root: Path = BUILD, source_root: Path = BOOK,
          poll: float = 1.0, stop: threading.Event | None = None, say=print) -> None:
    # Waits for another build of the period (make book in another terminal) to finish.
    rebuild = functools.partial(build, period, data_root, say=say, out_root=out_root,
                                source_root=source_root, notebooks=notebooks, pdf=False,
                                wait=True, what="förhandsvisning")
    site = out_root / period / "html"
    rebuild()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"Förhandsvisning: http://127.0.0.1:{server.server_address[1]}/index.html "
        "(Ctrl+C avslutar). Spara en notebook eller datafil så byggs sidan om.")
    watched = [notebooks, data_root / period, BOOK / "static"]
    seen = _snapshot(watched)
    stop = stop or threading.Event()
    try:
        while not stop.wait(poll):
            now = _snapshot(watched)
            if now != seen:
                seen = now
                say("Ändring upptäckt: bygger om …")
                try:
                    rebuild()
                except (BuildError, DataError, ChecksFailed) as exc:  # keep serving the last good site
                    say(str(exc))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
