"""A draft of an unfinished period: shown as far as its inputs go, each gap marked in place,
never built by make book."""
import pytest
from conftest import PERIOD

from kommunrapport.building import build, preview
from kommunrapport.building.target import Options, Target
from kommunrapport.common.checks import ChecksFailed
from kommunrapport.common.gaps import Missing, Saknas
from kommunrapport.model import figures, report
from kommunrapport.model.mal import GAP
from kommunrapport.model.newperiod import new_period
from kommunrapport.presentation import draft

NEW = "2026-04"


@pytest.fixture
def scaffold(data_copy):
    """April scaffolded from August: its texts and goals not written, its tables empty."""
    folder = new_period(NEW, PERIOD, data_copy)
    text = folder / "text" / "verksamhet.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "[Skriv periodens text här.", "Utkastets första mening. [Skriv periodens text här.", 1),
        encoding="utf-8")
    return data_copy


def test_a_draft_has_what_its_files_give_and_marks_the_rest(scaffold):
    assert report.check(NEW, scaffold)[0] is None  # a finished report it is not
    rep, log = report.check(NEW, scaffold, draft=True)
    assert rep.draft and log.errors
    assert isinstance(rep.personal, Missing) and "personal.csv" in repr(rep.personal)
    with pytest.raises(Saknas, match="ekonomins siffror"):
        rep.ekonomi.resultat  # noqa: B018 - a cell that needs it shows the gap instead
    assert set(rep.mal.goals["bedomning"]) == {GAP}
    assert rep.mal.label(GAP) == "[saknas: bedömning]"
    comments = [g["kommentar"] for a in rep.mal.data["malomraden"] for g in a["namndmal"]]
    assert comments[0] == "[saknas: kommentar för nämndmål 1.1]"
    found = figures.figures(rep)
    assert found["namnd"] == "Kommunstyrelsen" and "resultat_utfall" not in found


def test_a_finished_period_is_no_draft(data_copy):
    rep, log = report.check(PERIOD, data_copy, draft=True)
    assert not rep.draft and not log.errors


def test_the_open_items_page_lists_the_checklist(scaffold):
    rep, log = report.check(NEW, scaffold, draft=True)
    page = draft.open_items_page(log, "Delårsrapport")
    assert "<h2>arbetsbok.xlsx</h2>" in page and "blad Mål, kolumn Kommentar" in page
    assert "Utkast" in draft.banner(log) and draft.OPEN_ITEMS in draft.banner(log)


def test_the_preview_shows_a_draft_and_make_book_refuses_it(scaffold, tmp_path):
    target = Target.of(NEW, data_root=scaffold, out_root=tmp_path / "_build",
                       source_root=tmp_path / "book")
    banner = preview.rebuild(target, lambda *_: None)
    assert "Utkast" in banner
    site = preview.site_folder(target)
    assert "Utkastets första mening." in (site / "verksamhet.html").read_text("utf-8")
    goals = (site / "mal.html").read_text("utf-8")
    assert "[saknas: kommentar för nämndmål 1.1]" in goals and "[saknas: bedömning]" in goals
    economy = (site / "ekonomi.html").read_text("utf-8")
    assert "[saknas: ekonomins siffror" in economy and "Traceback" not in economy
    assert "blad Mål" in (site / draft.OPEN_ITEMS).read_text("utf-8")
    with pytest.raises(ChecksFailed):
        build.build(target, Options(pdf=False, say=lambda *_: None))


def test_jupyterlab_runs_a_draft_chapter_to_its_end_with_its_gaps(scaffold, tmp_path):
    """Run All, as JupyterLab does it: no cell ends in an error, so every cell runs, and a
    cell that needs a missing part shows its gap."""
    import nbformat
    from nbclient import NotebookClient

    from kommunrapport.common.paths import NOTEBOOKS

    nb = nbformat.read(NOTEBOOKS / "ekonomi.ipynb", as_version=4)
    nb.cells[0].source += f"\nperiod = {NEW!r}\ndata_dir = {str(scaffold)!r}"
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.get("data", {}).get("text/markdown", "").replace("\\", "") for o in outputs]
    assert any("[saknas: ekonomins siffror" in text for text in shown)
    assert any("Utkast:" in o.get("data", {}).get("text/html", "") for o in outputs)
