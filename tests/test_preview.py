"""Preview: the served page changes soon after a writer saves a chapter."""
import json
import shutil
import threading
import time
import urllib.request

import nbformat
from conftest import PERIOD

from kommunrapport.building import preview
from kommunrapport.building.target import Target
from kommunrapport.common.paths import NOTEBOOKS


def _start(data_copy, tmp_path, notebooks=None, **settings):
    """The preview in a thread; returns it, its stop event, what it said and its address."""
    said, stop = [], threading.Event()
    target = Target.of(PERIOD, data_root=data_copy, out_root=tmp_path / "_build",
                       source_root=tmp_path / "book", notebooks=notebooks)
    thread = threading.Thread(target=preview.serve, args=(target, 0), daemon=True, kwargs=dict(
        stop=stop, say=said.append, **settings))
    thread.start()
    deadline = time.monotonic() + 240
    while not any(s.startswith("Förhandsvisning") for s in said):
        assert time.monotonic() < deadline and thread.is_alive(), said
        time.sleep(0.5)
    return thread, stop, said, next(s for s in said if s.startswith("Förhandsvisning")).split()[1]


def test_saving_a_chapter_updates_the_served_page(data_copy, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    thread, stop, said, url = _start(data_copy, tmp_path, notebooks=notebooks, poll=0.2)
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
    page = urllib.request.urlopen(personal).read().decode()
    assert "Förhandsvisning medan du skriver" in page  # never mistaken for the published report
    stop.set()
    thread.join(timeout=30)
    assert "Kör 1 av" in "\n".join(said)
    # The preview has its own folder: the build make publish would publish is not made by it.
    assert not (tmp_path / "_build" / PERIOD / "aktuell").exists()


def test_a_page_waiting_for_the_next_outcome_is_answered_at_once():
    state = preview._State()
    assert json.loads(state.json(-1))["utfall"] == 0  # a new page learns the state at once
    threading.Timer(0.2, state.failed, args=("Fel i text/personal.md",)).start()
    start = time.monotonic()
    answer = json.loads(state.json(0, hold=10))  # held until the build fails
    assert 0.1 < time.monotonic() - start < 5
    assert answer["version"] == 0 and "text/personal.md" in answer["fel"]
    state.built()
    assert json.loads(state.json(1, hold=10)) == {"version": 1, "utfall": 2, "fel": ""}


def test_the_open_page_reloads_itself_shows_errors_and_recovers(data_copy, tmp_path):
    """In a real browser: a saved sentence appears in the open page without navigating; an
    unknown figure key is shown on the page while the server keeps running; fixing it
    brings the page back."""
    from conftest import edit
    from playwright.sync_api import sync_playwright

    text_file = data_copy / PERIOD / "text" / "personal.md"
    thread, stop, said, url = _start(data_copy, tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url.replace("index.html", "personal.html"))

        text_file.write_text(text_file.read_text("utf-8") + "\n\nEn mening skriven nyss.\n",
                             encoding="utf-8")
        saved = time.monotonic()
        page.get_by_text("En mening skriven nyss.").wait_for(timeout=120_000)
        print(f"texten syns {time.monotonic() - saved:.1f} s efter att filen sparades")

        edit(text_file, "En mening skriven nyss.", "Siffran {glue:text}`personal_arsarbetar:s`.")
        alert = page.get_by_role("alert")
        alert.wait_for(timeout=120_000)
        shown = alert.inner_text()  # the findings table wraps its columns
        assert "siffran 'personal_arsarbetar' finns inte" in shown
        assert "menade du" in shown and "personal_arsarbetare," in shown
        assert "text/personal.md" in alert.inner_text() and thread.is_alive()

        edit(text_file, "Siffran {glue:text}`personal_arsarbetar:s`.", "Nu är det rättat.")
        page.get_by_text("Nu är det rättat.").wait_for(timeout=120_000)
        assert not page.get_by_role("alert").is_visible()
        browser.close()
    stop.set()
    thread.join(timeout=30)
