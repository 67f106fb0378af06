"""The build cache: nothing changed, nothing runs; a changed file re-runs what depends on it."""
import dataclasses
import re
import shutil

import nbformat
import pytest
from builds import build_report
from conftest import PERIOD, edit

from kommunrapport.building import cache
from kommunrapport.building.target import CHAPTERS
from kommunrapport.common.errors import BuildError
from kommunrapport.common.gaps import Missing
from kommunrapport.common.paths import NOTEBOOKS
from kommunrapport.model import figures
from kommunrapport.publishing import publish
from kommunrapport.sources import narrative


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

    # A data file: the chapters that read it run again (the personnel chapter, and the start
    # page and Datakontroller, which sum up everything), and no stale figure stays.
    edit(data_copy / PERIOD / "personal.csv", ";968,4;955,8", ";970,4;955,8")
    changed = run()
    assert "Kör 3 av" in changed and ": index, personal, datakontroller …" in changed
    assert "970,4" in page("personal") and "968,4" not in page("personal")
    assert "970,4" in page("index")


# The parts of the Report a chapter limited to some data files may use (cache.CHAPTER_DATA).
_PARTS = {"personal": {"personal", "personal_jamforelse"}, "verksamhet": {"verksamhet"},
          "mal": {"mal"}, "indikatorer": {"indikatorer"},
          "ekonomi": {"ekonomi", "prognoser", "avstamning", "avstamning_prognos"}}
_EVERY_CHAPTERS = {"period", "meta", "folder", "name", "title", "organisation"}


@pytest.mark.parametrize("chapter", sorted(cache.CHAPTER_DATA))
def test_a_chapter_run_again_only_for_its_data_uses_nothing_else(rep, chapter):
    """What a chapter limited to some data files quotes and reads comes from those files:
    with every other part of the report missing it still has all its figures."""
    own = set().union(*(_PARTS[kind] for kind in cache.CHAPTER_DATA[chapter]))
    others = {"personal", "verksamhet", "mal", "indikatorer", "ekonomi", "prognoser"} - own
    alone = dataclasses.replace(rep, draft=True, **{p: Missing(p) for p in others})
    found = figures.figures(alone)
    notebook = NOTEBOOKS / f"{chapter}.ipynb"
    quoted = {key for t in narrative.notebook_texts(notebook) if t.call in ("md", "caption")
              and t.text for key in re.findall(r"{(\w+)}", t.text)}
    charts = {key for key in quoted if key.startswith("fig_") and key.endswith("_text")}
    assert quoted - charts <= set(found)  # a chart's {fig_…_text} is its own description
    used = set(re.findall(r"\brapport\.(\w+)", notebook.read_text(encoding="utf-8")))
    assert used <= own | _EVERY_CHAPTERS


def test_a_data_file_runs_the_chapters_that_read_it(tmp_path):
    files = [tmp_path / name for name in ("personal.csv", "mal.yaml", "rapport.yaml")]
    for f in files:
        f.write_text(f.name)
    before = {c: cache.chapter_data(c, files, tmp_path) for c in ("personal", "mal", "index")}
    files[0].write_text("ändrad")
    after = {c: cache.chapter_data(c, files, tmp_path) for c in before}
    assert [c for c in before if before[c] != after[c]] == ["personal", "index"]
