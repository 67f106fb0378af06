"""The writer's side, without a kernel or a browser: which report a chapter shows, the panel
of figures (each described in words), the nearest keys for a mistyped one, the writers'
JupyterLab command line, and the pre-save hook that keeps a chapter's run out of git."""
import json
import subprocess

import nbformat
import pytest

from kommunrapport.building.lab import command, first_chapter, target
from kommunrapport.building.target import Target
from kommunrapport.common.formatting import Figure
from kommunrapport.common.paths import DATA, NOTEBOOKS, ROOT
from kommunrapport.common.periods import periods_in
from kommunrapport.model import report
from kommunrapport.model.kommun import figures as kommun_figures
from kommunrapport.model.kommun import report as kommun_report
from kommunrapport.presentation import chapter, writer


@pytest.fixture(autouse=True)
def no_writer_environment(monkeypatch):
    for name in (writer.PERIOD, writer.NAMND, writer.SESSION):
        monkeypatch.delenv(name, raising=False)


def _every_report():
    """Every example report's figures: each nämnd's of every period, the municipality's."""
    for period in periods_in(DATA):
        for one in Target.every(period):
            if one.kommun:
                yield one.place, kommun_figures.figures(kommun_report.load(period))
            else:
                yield one.place, report.figures(report.load(period, namnd=one.namnd))


def test_every_figure_says_what_it_is():
    """Each figure is described where it is made (not in a list beside the figures that
    could lag behind them), in every example report."""
    for place, figures in _every_report():
        bare = [k for k, v in figures.items()
                if not isinstance(v, Figure) or not v.description.strip()]
        assert not bare, (place, bare)
    figures = dict(_every_report())["2025-08"]
    assert figures["drift_44_avvikelse"].description == "avvikelse för 44 Skolskjutsar, tkr"


def test_an_empty_period_is_the_one_make_lab_opened(monkeypatch):
    assert writer.choose("", "") == writer.Choice("2025-08", "", "den senaste perioden i data/")
    newest = str(writer.newest_with_own_report())
    assert writer.choose("", kommun=True).period == newest and newest >= "2025-12"
    monkeypatch.setenv(writer.PERIOD, "2025-12")
    monkeypatch.setenv(writer.NAMND, "socialnamnden")
    assert writer.choose("", "") == writer.Choice("2025-12", "socialnamnden",
                                                  "som make lab startades med")
    assert writer.choose("", kommun=True) == writer.Choice("2025-12", "",
                                                           "som make lab startades med")
    # A period given (papermill's injected cell in a build, or the writer's own) is the
    # chapter's, whatever the environment says.
    assert writer.choose("2025-08", "") == writer.Choice("2025-08", "",
                                                         "enligt kapitlets parameters-cell")


def test_a_build_always_gives_the_period():
    """So the writer's environment never reaches a build: every report's parameters name
    the period (an empty one would mean `make lab`'s)."""
    for period in periods_in(DATA):
        for one in Target.every(period):
            assert one.parameters["period"] == str(period)


def test_a_mistyped_key_is_answered_with_the_nearest(tmp_path):
    """In JupyterLab: a chapter's `{key}` field and a text's role (the check says the same,
    tests/test_bad_inputs.py)."""
    from types import SimpleNamespace

    rep = report.load("2025-08")
    figures = chapter._Figures(report.figures(rep), rep.period)
    with pytest.raises(KeyError, match="menade du drift_44_avvikelse"):
        chapter.Chapter(rep, figures).md("Avvikelsen är {drift_44_avvikelsen} tkr.")
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "x.md").write_text("Budgeten är {glue:text}`budgetramm:s` tkr.",
                                            encoding="utf-8")
    writers = SimpleNamespace(folder=tmp_path, period=rep.period)
    with pytest.raises(KeyError, match="'budgetramm' finns inte för perioden 2025-08; menade "
                                       "du budgetram"):
        chapter.Chapter(writers, figures).prose("x.md")


def test_the_panel_shows_the_chapters_own_figures_first(monkeypatch):
    monkeypatch.setenv(writer.SESSION, str(NOTEBOOKS / "ekonomi.ipynb"))
    rep = report.load("2025-08")
    html = writer.panel(rep, report.figures(rep), writer.choose("", ""))
    own, everything = html.split("Alla siffror i rapporten (")
    assert "Siffror som kapitlet citerar" in own
    assert "avvikelse för 44 Skolskjutsar, tkr</td><td>−500</td>" in own
    assert "personal_arsarbetare" not in own and "personal_arsarbetare" in everything
    assert "<details" in html and "<details class=\"skribent\" open>" in html  # Ctrl+F sees it
    # The texts open in JupyterLab's editor beside the chapter, the folders in its browser.
    assert 'data-commandlinker-command="docmanager:open"' in own
    assert "&quot;path&quot;: &quot;data/2025-08/text/ekonomi-resultat.md&quot;" in own
    assert "ekonomi-resultat.md</a> (det här kapitlet)" in own
    assert 'data-commandlinker-command="filebrowser:go-to-path"' in own


def test_make_lab_opens_the_report_asked_for():
    social = target("2025-12", "socialnamnden")
    args, env = command(social, {"period": "2025-12", "namnd": "socialnamnden"}, ["--x"])
    assert f"--ServerApp.root_dir={ROOT}" in args and args[-1] == "--x"
    assert ("--LabApp.default_url=/lab/workspaces/2025-12-socialnamnden/tree/notebooks/"
            "verksamhet.ipynb") in args
    assert "--ContentsManager.hide_globs=*.myst.md" in args
    assert (env[writer.PERIOD], env[writer.NAMND]) == ("2025-12", "socialnamnden")
    kommunen = target(None, "kommunen")
    assert kommunen.kommun and kommunen.period == writer.newest_with_own_report()
    assert first_chapter(kommunen) == "forvaltningsberattelse"
    args, env = command(target(None, None), {}, [])
    assert writer.PERIOD not in env and writer.NAMND not in env  # the chapters' own default


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.rglob("*.ipynb")), ids=lambda p: p.stem)
def test_a_chapter_run_and_saved_is_the_committed_chapter(path):
    """What JupyterLab hands the contents manager after a run (outputs, counts, the
    kernel's language_info, jupytext's and JupyterLab's metadata) is saved as committed."""
    pytest.importorskip("nbstripout")
    from kommunrapport.building.lab import strip_outputs

    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = n + 1
        cell.outputs = [nbformat.v4.new_output("stream", text="körd\n")]
        cell.metadata["jupyter"] = {"source_hidden": True}
        cell.metadata["scrolled"] = True
    nb.metadata["language_info"]["version"] = "3.11.99"
    nb.metadata["jupytext"] = {"default_lexer": "ipython3"}
    model = {"type": "notebook", "content": json.loads(nbformat.writes(nb))}
    manager = type("Manager", (), {"root_dir": str(ROOT)})()
    strip_outputs(model=model, path=str(path.relative_to(ROOT)), contents_manager=manager)
    assert nbformat.writes(nbformat.from_dict(model["content"])) + "\n" == \
        path.read_text(encoding="utf-8")


def test_make_preview_passes_its_port():
    out = subprocess.run(["make", "-n", "preview", "PORT=8001"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    assert "kommunrapport preview" in out and "--port 8001" in out
