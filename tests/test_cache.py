"""The build cache: nothing changed, nothing runs; a changed file re-runs what depends on it."""
import shutil

import nbformat
import pytest
from builds import build_report
from conftest import PERIOD, edit

from kommunrapport.building.target import CHAPTERS
from kommunrapport.common.errors import BuildError
from kommunrapport.common.paths import NOTEBOOKS
from kommunrapport.publishing import publish


def test_cache_hits_when_unchanged_and_misses_on_a_change(data_copy, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    said = []

    def run():
        said.clear()
        build_report(PERIOD, data_copy, say=said.append, out_root=tmp_path / "_build",
                    source_root=tmp_path / "book", notebooks=notebooks, pdf=False)
        return "\n".join(said)

    def page(name):
        return (tmp_path / "_build" / PERIOD / "html" / f"{name}.html").read_text("utf-8")

    first = run()
    assert f"Kör {len(CHAPTERS)} av {len(CHAPTERS)} kapitel" in first
    # A preview's HTML-only build is never published: HTML and PDF come from one build.
    with pytest.raises(BuildError, match="bara byggd som HTML .* Kör först: make book"):
        publish.publish(PERIOD, tmp_path / "intranat", build_root=tmp_path / "_build")

    again = run()
    assert "Inget kapitel har ändrats" in again and "Boken är oförändrad" in again

    # One chapter's text: only that chapter runs again, and the site shows the new text.
    nb = nbformat.read(notebooks / "personal.ipynb", as_version=4)
    nb.cells[2].source += "\n\nEn ny mening i kapitlet."
    nbformat.write(nb, notebooks / "personal.ipynb")
    one = run()
    assert "Kör 1 av" in one and ": personal …" in one
    assert "En ny mening i kapitlet." in page("personal")

    # A data file: every chapter reads the whole period, so all run, and no stale figure stays.
    edit(data_copy / PERIOD / "personal.csv", ";968,4;955,8", ";970,4;955,8")
    changed = run()
    assert f"Kör {len(CHAPTERS)} av" in changed
    assert "970,4" in page("personal") and "968,4" not in page("personal")
    assert "970,4" in page("index")
