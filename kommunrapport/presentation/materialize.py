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
import itertools
import json
import re
from pathlib import Path

from ..common.formatting import NBSP
from ..common.gaps import marker
from ..sources.narrative import GLUE
from . import table_script

# Output metadata saying what becomes of an output, and the mimetypes of instructions for
# the book, which JupyterLab does not render (chapter.py and tables.py write them).
ROLE = "kommunrapport"
PROSE, WRITER = "prosa", "skribent"
MIME = "application/vnd.kommunrapport+json"
PRINT_MIME = "application/vnd.kommunrapport.utskrift+html"
# A number and its unit stay on one line ("−500 tkr"), as the tables and figures have them.
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:tkr|mnkr|kr|procentenheter)\b|%)")
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:;,%\"'=/@^])")


def escape_md(value: str) -> str:
    """A figure or a name from the data as Markdown that reads as itself, never as markup."""
    return _PUNCTUATION.sub(r"\\\1", str(value))


def fill(text: str, figures) -> str:
    """A text file's {glue:text}`key:s` roles as the (escaped) figures: already formatted,
    so a format other than `s` is refused (narrative.check reports it with the line)."""
    def figure(role: re.Match) -> str:
        if role[2] not in (None, "s"):
            raise ValueError(f"Siffran '{role[1]}' har formatet ':{role[2]}'; skriv "
                             f"{{glue:text}}`{role[1]}:s` (siffrorna är redan formaterade).")
        return figures[role[1]]

    return keep_units(GLUE.sub(figure, text))


def keep_units(text: str) -> str:
    """'−500 tkr' with a no-break space: a number and its unit never part at a line's end."""
    return _UNIT_SPACE.sub(NBSP, text)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _directive(spec: dict) -> str:
    return (f"```{{glue:figure}} {spec['figur']}\n:name: {spec['namn']}\n:alt: {spec['alt']}\n\n"
            f"{spec['bildtext']}\n```")


def _cells(cell, ids, prose):
    """One executed code cell as the cells the book reads, in order."""
    out, kept = [], []

    def code():
        if kept:
            part = copy.deepcopy(cell)
            part["outputs"] = list(kept)
            part["id"] = f"{cell.get('id', 'cell')}-{len(out)}"
            out.append(part)
            kept.clear()

    for output in cell.get("outputs", []):
        role = output.get("metadata", {}).get(ROLE)
        data = output.get("data", {})
        if role == WRITER:
            continue
        if role == PROSE or MIME in data:
            code()
            source = output.get("metadata", {}).get("fil")
            text = (prose(source) if source else data["text/markdown"]) if role == PROSE \
                else _directive(data[MIME])
            out.append({"cell_type": "markdown", "id": f"text-{next(ids)}", "metadata": {},
                        "source": text})
        elif PRINT_MIME in data:
            output["data"] = {"text/html": data[PRINT_MIME]}
            kept.append(output)
        else:
            if "text/html" in data:
                data["text/html"] = table_script.shared(_text(data["text/html"]))
            kept.append(output)
    code()
    if not out:  # a cell without outputs (parameters) stays as it is
        out.append(cell)
    return out


class _Gaps(dict):
    """A draft's figures: one the draft does not have yet reads as its gap."""

    def __missing__(self, key):
        return escape_md(marker(key))


def materialize(executed: Path, target: Path, texts: Path, figures: dict[str, str], *,
                draft: bool = False) -> None:
    """Write the book's notebook for an executed chapter. The period's prose is read here,
    from texts/, not when the chapter ran: a changed text needs no kernel, only this."""
    escaped = (_Gaps if draft else dict)((k, escape_md(v)) for k, v in figures.items())

    def prose(name: str) -> str:
        return fill((texts / name).read_text(encoding="utf-8"), escaped)

    # Plain JSON: papermill wrote a valid notebook, and this keeps it so (nbformat's
    # validation would cost half a second a chapter, each time a text is saved).
    nb = json.loads(executed.read_text(encoding="utf-8"))
    ids = itertools.count(1)
    cells = []
    for cell in nb["cells"]:
        cells += _cells(cell, ids, prose) if cell["cell_type"] == "code" else [cell]
    nb["cells"] = cells
    text = json.dumps(nb, ensure_ascii=False, indent=1) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")  # unchanged: the same file, for the cache
