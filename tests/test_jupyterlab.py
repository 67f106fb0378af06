"""The writer's JupyterLab as `make lab` starts it (`python -m kommunrapport lab`), over a copy
of the project in a git repository of its own, driven in Debian's Chromium: a chapter run top
to bottom shows what the book shows; `make lab PERIOD=… NAMND=…` opens that nämnd's chapter
and its text; opening, running and saving a chapter leaves `git status` clean."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kommunrapport.common.paths import ROOT

JUPYTER = Path(sys.executable).parent / "jupyter-lab"
pytestmark = pytest.mark.skipif(not JUPYTER.exists(),
                                reason="JupyterLab is installed by make lab and make test")
TOKEN = "skribenttest"
SHOTS = Path("_build/testartefakter")
# What a writer's JupyterLab serves: the package, the chapters, the data and the book's look.
PROJECT = ("kommunrapport", "notebooks", "data", "book/static", "_toc.yml", "_config.yml",
           ".gitignore")
CURRENT = "window.jupyterapp.shell.currentWidget"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project, committed in a repository of its own: JupyterLab's saves and
    autosaves never touch the real one, and git status says what a save changed."""
    root = tmp_path_factory.mktemp("projekt")
    for part in PROJECT:
        source, target = ROOT / part, root / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "kopia"]):
        subprocess.run(git + command, cwd=root, check=True)
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_lab(project: Path, state: Path, *asked: str):
    """`python -m kommunrapport lab` in the copy, as `make lab PERIOD=… NAMND=…` runs it, every
    cell rendered (no windowing) so the whole notebook is seen."""
    settings = state / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    env = dict(os.environ, PYTHONPATH=str(project),  # the kernels import the copy's package
               JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(state / "runtime"))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kommunrapport", "lab", *asked, "--", "--no-browser",
         f"--port={port}", f"--IdentityProvider.token={TOKEN}", "--expose-app-in-browser"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    return server, url


@pytest.fixture(scope="module")
def lab(project, tmp_path_factory):
    """`make lab`: the newest period."""
    server, url = _start_lab(project, tmp_path_factory.mktemp("lab"))
    yield url
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def lab_socialnamnden(project, tmp_path_factory):
    """`make lab PERIOD=2025-12 NAMND=socialnamnden`."""
    server, url = _start_lab(project, tmp_path_factory.mktemp("lab-sn"), "--period", "2025-12",
                             "--namnd", "socialnamnden")
    yield url
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                              args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def _open(browser, url: str):
    """A page on `url` once its notebook's kernel is idle."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel:visible .jp-Cell", timeout=120_000)
    page.wait_for_function(f"() => {CURRENT} && {CURRENT}.sessionContext && "
                           f"{CURRENT}.sessionContext.kernelDisplayStatus === 'idle'",
                           timeout=120_000)
    return page


def _run_all(page) -> None:
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


def test_a_chapter_run_in_jupyterlab_shows_what_the_book_shows(lab, browser):
    page = _open(browser, f"{lab}/lab/workspaces/personal/tree/notebooks/personal.ipynb?token={TOKEN}")
    _run_all(page)
    notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
    notebook.get_by_text("I augusti 2025 uppgick antalet anställda årsarbetare").first.wait_for(
        timeout=180_000)
    notebook.locator(".jp-OutputArea-output img, .jp-OutputArea-output svg").first.wait_for(
        timeout=120_000)
    shown = notebook.inner_text()
    assert "968,4" in shown                              # a figure, filled in
    assert "Figur:" in shown                             # the chart's caption
    assert "{glue" not in shown.replace("{glue:text}`", "") and "{include}" not in shown
    assert shown.count("Nyckeltal för personal 2025 och 2024") == 1  # the table once
    # The writer's panel: this chapter's figures first, each said in words.
    panel = notebook.locator("details.skribent").first
    assert "Siffror som kapitlet citerar" in panel.inner_text()
    assert "Anställda årsarbetare, exklusive timavlönade (augusti), årsarbetare" in \
        panel.inner_text()
    page.screenshot(path=str(SHOTS / "jupyterlab-personal.png"), full_page=True)
    page.close()


def test_the_ekonomi_chapter_shows_its_analyses_as_the_book_does(lab, browser):
    """Each verksamhet's analysis stands under its heading (JupyterLab's own style floats a
    definition list in two columns), and Ctrl+F finds a figure's key in the writer's panel."""
    page = _open(browser, f"{lab}/lab/workspaces/ekonomi/tree/notebooks/ekonomi.ipynb?token={TOKEN}")
    _run_all(page)
    notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
    notebook.locator("dl.analyser dt").first.wait_for(timeout=180_000)
    notebook.locator(".jp-RenderedSVG, .jp-RenderedImage").first.wait_for(timeout=120_000)
    shown = notebook.inner_text()
    assert "Delårsresultat och prognos" in shown and "Figur:" in shown
    assert "44 Skolskjutsar" in shown and "−500" in shown
    assert "{glue" not in shown.replace("{glue:text}`", "")
    places = page.evaluate("""() => [...document.querySelectorAll('dl.analyser dt')].map(dt => {
        const head = dt.getBoundingClientRect(), text = dt.nextElementSibling.getBoundingClientRect();
        return [head.left, text.left, head.bottom, text.top]; })""")
    assert places and all(abs(h - t) < 1 and bottom <= top + 1
                          for h, t, bottom, top in places), places
    analyses = notebook.locator("dl.analyser").first
    analyses.scroll_into_view_if_needed()
    analyses.screenshot(path=str(SHOTS / "jupyterlab-ekonomi-analyser.png"))
    page.screenshot(path=str(SHOTS / "jupyterlab-ekonomi.png"), full_page=True)

    notebook.locator(".jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+f")
    page.fill(".jp-DocumentSearch-input", "drift_44_avvikelse")
    counter = page.locator(".jp-DocumentSearch-index-counter")
    page.wait_for_function("() => !document.querySelector('.jp-DocumentSearch-index-counter')"
                           ".textContent.startsWith('-')", timeout=30_000)
    assert counter.inner_text().split("/")[1] != "0"
    page.close()


def test_make_lab_for_a_namnd_opens_its_chapter_and_its_text(lab_socialnamnden, browser):
    """`make lab PERIOD=2025-12 NAMND=socialnamnden`: JupyterLab opens on the first chapter the
    writer writes in, showing socialnämnden's report of 2025-12 (no code edited); a click
    opens the nämnd's text beside it, another shows its data folder."""
    page = _open(browser, f"{lab_socialnamnden}/?token={TOKEN}")
    assert page.evaluate(f"{CURRENT}.context.path") == "notebooks/verksamhet.ipynb"
    assert not page.evaluate(f"{CURRENT}.context.model.dirty")  # opening changes nothing
    _run_all(page)
    notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
    summary = notebook.locator("details.skribent summary").first
    summary.wait_for(timeout=180_000)
    assert "Socialnämnden" in summary.inner_text() and "2025-12" in summary.inner_text()
    assert "som make lab startades med" in summary.inner_text()
    text = "data/2025-12/socialnamnden/text/verksamhet.md"
    notebook.locator("p.skribent a", has_text=text).click()
    page.wait_for_function(f"() => {CURRENT}.context.path === '{text}'", timeout=30_000)
    first_line = (ROOT / text).read_text("utf-8").splitlines()[0].lstrip("# ")
    expect(page.locator(".jp-FileEditor:visible .cm-content")).to_contain_text(first_line)
    page.screenshot(path=str(SHOTS / "jupyterlab-socialnamnden-text.png"), full_page=True)

    page.locator(".lm-TabBar-tab", has_text="verksamhet.ipynb").click()
    notebook.locator("details.skribent").first.get_by_text("data/2025-12/socialnamnden/",
                                                           exact=True).click()
    crumbs = page.locator(".jp-FileBrowser .jp-BreadCrumbs").first
    page.wait_for_function("() => document.querySelector('.jp-FileBrowser .jp-BreadCrumbs')"
                           ".textContent.includes('socialnamnden')", timeout=30_000)
    assert "2025-12" in crumbs.inner_text()
    page.close()


def test_saving_a_chapter_in_jupyterlab_leaves_git_clean(lab, project, browser):
    """Opening a chapter does not mark it modified; running it and saving writes nothing git
    sees: no outputs, execution counts or metadata of the run (the pre-save hook), and the
    jupytext twin as committed."""
    page = _open(browser, f"{lab}/lab/workspaces/spara/tree/notebooks/mal.ipynb?token={TOKEN}")
    assert not page.evaluate(f"{CURRENT}.context.model.dirty")
    _run_all(page)
    page.locator(".jp-NotebookPanel:visible details.skribent").first.wait_for(timeout=180_000)
    page.wait_for_function(f"() => {CURRENT}.sessionContext.kernelDisplayStatus === 'idle' && "
                           f"{CURRENT}.content.widgets.every(c => c.model.type !== 'code' || "
                           "c.model.executionCount !== null)", timeout=180_000)
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(f"() => !{CURRENT}.context.model.dirty", timeout=30_000)
    page.close()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, check=True,
                            capture_output=True, text=True).stdout
    assert status == "", status
