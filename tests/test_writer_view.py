"""The writer's view: a chapter run top to bottom shows what the book shows, as outputs
JupyterLab renders (Markdown, SVG, HTML), and nothing raw; the book gets real sections."""
import nbformat
import papermill
import pytest

from kommunrapport.building.target import CHAPTERS
from kommunrapport.common.paths import NOTEBOOKS
from kommunrapport.model import report
from kommunrapport.presentation.chapter import escape_md
from kommunrapport.presentation.materialize import MIME, PRINT_MIME, materialize

# What JupyterLab renders; anything else in an output it leaves out.
SHOWN = {"text/markdown", "text/html", "image/svg+xml", "image/png", "text/plain"}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every chapter run with its default parameters, as a writer runs it in JupyterLab."""
    out = tmp_path_factory.mktemp("skribent")
    for name in CHAPTERS:
        papermill.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(out / f"{name}.ipynb"),
                                   progress_bar=False, cwd=str(NOTEBOOKS))
    return out


def _shown(nb) -> str:
    """The text a writer sees: cell sources of Markdown cells, rendered outputs of code."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            shown = [m for m in data if m in SHOWN]
            if shown:
                parts.append(str(data[shown[0]]))
    return "\n".join(parts)


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_chapter_in_jupyterlab_shows_no_raw_syntax(executed, name):
    text = _shown(nbformat.read(executed / f"{name}.ipynb", as_version=4))
    for raw in ("{glue", "{include}", "```{"):
        assert raw not in text.replace("{glue:text}`", "«roll»"), (name, raw)


def test_personal_shows_its_prose_figures_table_once_and_chart(executed):
    nb = nbformat.read(executed / "personal.ipynb", as_version=4)
    text = _shown(nb)
    assert "I augusti 2025 uppgick antalet anställda årsarbetare" in text
    assert "968\\,4" in text  # the figure, escaped Markdown for "968,4"
    assert text.count("<caption>Nyckeltal för personal 2025 och 2024") == 1  # the table once
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)  # the chart
    assert any("*Figur:* Personalens nyckeltal" in o.get("data", {}).get("text/markdown", "")
               for o in outputs)


def test_the_book_gets_real_sections_from_the_outputs(executed, rep, tmp_path):
    path = tmp_path / "ekonomi.ipynb"
    materialize(executed / "ekonomi.ipynb", path, rep.folder / "text", report.figures(rep))
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert markdown.startswith("# Delårsresultat och prognos\n\n## Budgetram")
    assert "```{glue:figure} fig_avvikelse\n:name: fig-avvikelse" in markdown
    assert "Delårsresultatet visar på ett positivt resultat" in markdown  # read from text/
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if MIME in o.get("data", {}) or PRINT_MIME in o.get("data", {})]
    assert not [o for o in outputs if o.get("metadata", {}).get("kommunrapport")]


def test_values_from_the_data_are_text_in_markdown():
    assert escape_md("Skolskjutsar <b>$x$</b> [a](b)") == \
        r"Skolskjutsar \<b\>\$x\$\<\/b\> \[a\]\(b\)"


def test_a_number_in_a_text_keeps_its_unit_on_its_line():
    from kommunrapport.presentation.materialize import fill

    text = fill("Avvikelsen är {glue:text}`x:s` tkr, 7,9 % och +0,4 procentenheter år 2025.",
                {"x": "−500"})
    assert text == ("Avvikelsen är −500\u00a0tkr, 7,9\u00a0% och +0,4\u00a0procentenheter "
                    "år 2025.")
