"""The chapter notebooks: clean, thin, and parameterised as the build driver expects."""

import nbformat
import papermill
import pytest

from kommunrapport.building.target import CHAPTERS, KOMMUN_CHAPTERS, Target
from kommunrapport.common.paths import DATA, NOTEBOOKS

# Every chapter notebook: the nämnder's and the municipality's own report's.
ALL = [NOTEBOOKS / f"{name}.ipynb" for name in CHAPTERS] + \
    [NOTEBOOKS / "kommunen" / f"{name}.ipynb" for name in KOMMUN_CHAPTERS]


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_parameters_are_what_the_driver_passes(path):
    found = papermill.inspect_notebook(str(path))
    kommun = path.parent.name == "kommunen"
    passed = Target.of("2025-12" if kommun else "2025-08", "kommunen" if kommun else None,
                       data_root=DATA).parameters
    assert set(found) == set(passed)
    for key, info in found.items():
        assert info["inferred_type_name"] == "str", key
        assert info["help"], f"{path.name}: parameter {key} has no comment"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_committed_without_outputs_and_parameters_hidden(path):
    nb = nbformat.read(path, as_version=4)
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


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_chapter_has_a_readable_twin_that_agrees(path):
    """notebooks/<name>.myst.md (jupytext, MyST) is what a reviewer reads in a diff: it must
    say what the notebook says (JupyterLab with jupytext saves both; `jupytext --sync`
    repairs)."""
    jupytext = pytest.importorskip("jupytext")
    twin = jupytext.read(path.with_suffix(".myst.md"))
    nb = nbformat.read(path, as_version=4)
    assert [(c.cell_type, c.source) for c in twin.cells] == \
        [(c.cell_type, c.source) for c in nb.cells]


def test_no_two_files_a_writer_meets_share_a_name():
    """A chapter's twin is never named like a period's text (personal.myst.md is a chapter,
    data/<period>/text/personal.md is prose), and every Markdown file beside the chapters is
    a twin."""
    beside = {p.name for p in NOTEBOOKS.rglob("*.md")}
    assert all(name.endswith(".myst.md") for name in beside), beside
    texts = {p.name for p in DATA.rglob("text/*.md")}
    assert texts and not beside & texts
