"""An executed chapter as Jupyter Book reads it.

In JupyterLab a chapter's text with figures is Markdown *output* (chapter.md, chapter.prose),
which JupyterLab renders. Jupyter Book would render a heading in an output as a mere rubric,
outside the sections, contents and PDF; so after a chapter is executed for the book, each
such output becomes a Markdown cell in its place. Outputs only for the writer are dropped,
a chart's instructions become its {glue:figure} directive, and a table's print copy becomes
HTML.
"""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat

# Output metadata saying what becomes of an output, and the mimetypes of instructions for
# the book, which JupyterLab does not render (chapter.py and tables.py write them).
ROLE = "kommunrapport"
PROSE, WRITER = "prosa", "skribent"
MIME = "application/vnd.kommunrapport+json"
PRINT_MIME = "application/vnd.kommunrapport.utskrift+html"


def _directive(spec: dict) -> str:
    return (f"```{{glue:figure}} {spec['figur']}\n:name: {spec['namn']}\n:alt: {spec['alt']}\n\n"
            f"{spec['bildtext']}\n```")


def _cells(cell, counter: list[int]):
    """One executed code cell as the cells the book reads, in order."""
    out, kept = [], []

    def code():
        if kept:
            part = copy.deepcopy(cell)
            part.outputs = list(kept)
            part.id = f"{cell.get('id', 'cell')}-{len(out)}"
            out.append(part)
            kept.clear()

    for output in cell.get("outputs", []):
        role = output.get("metadata", {}).get(ROLE)
        data = output.get("data", {})
        if role == WRITER:
            continue
        if role == PROSE or MIME in data:
            code()
            counter[0] += 1
            text = data["text/markdown"] if role == PROSE else _directive(data[MIME])
            markdown = nbformat.v4.new_markdown_cell(text)
            markdown.id = f"text-{counter[0]}"
            out.append(markdown)
        elif PRINT_MIME in data:
            output.data = {"text/html": data[PRINT_MIME]}
            kept.append(output)
        else:
            kept.append(output)
    code()
    if not out:  # a cell without outputs (parameters) stays as it is
        out.append(cell)
    return out


def materialize(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    counter = [0]
    cells = []
    for cell in nb.cells:
        cells += _cells(cell, counter) if cell.cell_type == "code" else [cell]
    nb.cells = cells
    nbformat.write(nb, path)
