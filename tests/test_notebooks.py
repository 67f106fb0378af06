"""The chapter notebooks: clean, thin, and parameterised as the build driver expects."""

import nbformat
import papermill
import pytest

from kommunrapport.building.target import CHAPTERS, Target
from kommunrapport.common.paths import DATA, NOTEBOOKS


@pytest.mark.parametrize("name", CHAPTERS)
def test_parameters_are_what_the_driver_passes(name):
    found = papermill.inspect_notebook(str(NOTEBOOKS / f"{name}.ipynb"))
    passed = Target.of("2025-08", data_root=DATA).parameters
    assert set(found) == set(passed)
    for key, info in found.items():
        assert info["inferred_type_name"] == "str", key
        assert info["help"], f"{name}: parameter {key} has no comment"


@pytest.mark.parametrize("name", CHAPTERS)
def test_committed_without_outputs_and_parameters_hidden(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.tags and "remove-cell" in code[0].metadata.tags
    # Every other code cell hides its input; the book shows no code.
    assert all("remove-input" in c.metadata.get("tags", []) for c in code[1:])
    assert nb.metadata.kernelspec.name == "python3"


def test_book_lists_every_chapter():
    toc = (NOTEBOOKS.parent / "_toc.yml").read_text(encoding="utf-8")
    for name in CHAPTERS[1:]:
        assert f"file: {name}" in toc
    assert "root: index" in toc


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_chapter_has_a_readable_twin_that_agrees(name):
    """notebooks/<name>.md (jupytext, MyST) is what a reviewer reads in a diff: it must say
    what the notebook says (JupyterLab with jupytext saves both; `jupytext --sync` repairs)."""
    jupytext = pytest.importorskip("jupytext")
    twin = jupytext.read(NOTEBOOKS / f"{name}.md")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    assert [(c.cell_type, c.source) for c in twin.cells] == \
        [(c.cell_type, c.source) for c in nb.cells]
