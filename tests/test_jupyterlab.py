"""The writer's view in the real JupyterLab (make lab's environment), driven in Debian's
Chromium: a chapter run top to bottom shows its prose, its figures, its chart, and no raw
{glue} or {include} text."""
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

from kommunrapport.common.paths import NOTEBOOKS

JUPYTER = Path(sys.executable).parent / "jupyter-lab"
pytestmark = pytest.mark.skipif(not JUPYTER.exists(),
                                reason="JupyterLab is installed by make lab and make test")
TOKEN = "skribenttest"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 over a copy of the chapters (autosave never touches the
    committed notebooks), every cell rendered (no windowing) so the whole notebook is seen."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    settings = root / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(root / "runtime"))
    port = _free_port()
    args = [str(JUPYTER), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={TOKEN}", "--expose-app-in-browser",
            f"--ServerApp.root_dir={root / 'notebooks'}"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    server = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=30)


def test_a_chapter_run_in_jupyterlab_shows_what_the_book_shows(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{lab}/lab/tree/personal.ipynb?token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_function("() => window.jupyterapp && document.querySelector("
                               "'.jp-Notebook-ExecutionIndicator, .jp-KernelStatus')", timeout=120_000)
        page.wait_for_timeout(2000)  # the kernel starts
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
        notebook.get_by_text("I augusti 2025 uppgick antalet anställda årsarbetare").first.wait_for(
            timeout=180_000)
        notebook.locator(".jp-OutputArea-output img, .jp-OutputArea-output svg").first.wait_for(
            timeout=120_000)
        shown = notebook.inner_text()
        assert "968,4" in shown                              # a figure, filled in
        assert "Figur:" in shown                             # the chart's caption
        assert "{glue" not in shown and "{include}" not in shown
        assert shown.count("Nyckeltal för personal 2025 och 2024") == 1  # the table once
        page.screenshot(path=str(Path("_build/testartefakter/jupyterlab-personal.png")),
                        full_page=True)
        browser.close()
