"""Preview: the served page changes soon after a writer saves a chapter."""
import shutil
import threading
import time
import urllib.request

import nbformat

from kommunrapport import preview
from kommunrapport.paths import NOTEBOOKS

from conftest import PERIOD


def test_saving_a_chapter_updates_the_served_page(data_copy, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    said, stop = [], threading.Event()
    thread = threading.Thread(target=preview.serve, args=(PERIOD, 0), daemon=True, kwargs=dict(
        notebooks=notebooks, data_root=data_copy, out_root=tmp_path / "_build",
        source_root=tmp_path / "book", poll=0.2, stop=stop, say=said.append))
    thread.start()
    deadline = time.monotonic() + 240
    while not any(s.startswith("Förhandsvisning") for s in said):
        assert time.monotonic() < deadline and thread.is_alive(), said
        time.sleep(0.5)
    url = next(s for s in said if s.startswith("Förhandsvisning")).split()[1]
    personal = url.replace("index.html", "personal.html")
    assert url.startswith("http://127.0.0.1:")
    nb = nbformat.read(notebooks / "personal.ipynb", as_version=4)
    nb.cells[2].source += "\n\nSparad nyss i JupyterLab."
    nbformat.write(nb, notebooks / "personal.ipynb")
    saved = time.monotonic()
    while "Sparad nyss i JupyterLab." not in urllib.request.urlopen(personal).read().decode():
        assert time.monotonic() - saved < 120, said
        time.sleep(0.5)
    print(f"sidan uppdaterad {time.monotonic() - saved:.1f} s efter att kapitlet sparades")
    stop.set()
    thread.join(timeout=30)
    assert "Kör 1 av" in "\n".join(said)
