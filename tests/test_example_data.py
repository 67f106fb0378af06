"""The invented 2025-12: four believable nämnder, each with its own goals, personnel figures
and texts, figures in the texts that agree with the data, and marked as invented."""
import pytest

from kommunrapport.common.paths import DATA
from kommunrapport.model import report
from kommunrapport.presentation.materialize import fill

BOARDS = ["kommunstyrelsen", "socialnamnden", "barn-och-utbildningsnamnden",
          "samhallsbyggnadsnamnden"]


@pytest.fixture(scope="module")
def boards():
    return {board: report.load("2025-12", namnd=board) for board in BOARDS}


def test_each_namnd_has_its_own_goals_and_personnel(boards):
    goals = {b: set(r.mal.goals["namn"]) for b, r in boards.items()}
    staff = {b: tuple(r.personal["nyckeltal"]) + tuple(r.personal["varde"])
             for b, r in boards.items()}
    for board in BOARDS[1:]:
        assert goals[board].isdisjoint(goals["kommunstyrelsen"]), board  # not KS's detaljplaner
        assert staff[board] != staff["kommunstyrelsen"], board
        assert boards[board].meta.forvaltning in boards[board].personal.at["sjukfranvaro", "nyckeltal"].lower()
    # the förvaltningar's årsarbetare stay within kommunstyrelsen's municipality-wide figure
    own = sum(boards[b].personal.at["arsarbetare", "varde"] for b in BOARDS[1:])
    assert own < boards["kommunstyrelsen"].personal.at["arsarbetare", "varde"]


def test_the_texts_are_each_namnds_own_and_agree_with_its_data(boards):
    for board, rep in boards.items():
        figures = report.figures(rep)
        for path in (rep.folder / "text").glob("*.md"):
            text = fill(path.read_text("utf-8"), figures)
            assert "Påhittad exempeltext för" not in text, (board, path.name)  # no placeholder
            if board != "kommunstyrelsen":
                assert "kommunledningsförvaltningen" not in text.lower(), (board, path.name)
        analyses = rep.ekonomi.texter.analyser_drift.values()
        assert not any(a.startswith("Påhittad exempelanalys") for a in analyses), board


def test_kommunstyrelsens_nki_sentence_quotes_its_indicator(boards):
    """The text said "78, mot 68 året innan" while the indicator showed 75 for 2024."""
    rep = boards["kommunstyrelsen"]
    nki = next(i for i in rep.indikatorer.items if i.id == "nki_foretag")
    text = fill((rep.folder / "text" / "verksamhet.md").read_text("utf-8"), report.figures(rep))
    (earlier, before), (latest, now) = nki.points[-2], nki.points[-1]
    assert f"uppgick till {now:g} i mätningen {latest}, mot {before:g} i mätningen {earlier}" in text


def test_a_namnds_goal_comment_agrees_with_its_result(boards):
    for board, rep in boards.items():
        deficit = rep.ekonomi.resultat.at["Resultat", "avvikelse"] < 0
        balance = rep.mal.goals[rep.mal.goals["namn"] == "Budget i balans"]
        if len(balance):
            assert (balance.iloc[0]["bedomning"] == "ej_uppfyllt") == deficit, board


def test_the_example_is_marked_as_invented():
    for board in BOARDS:
        folder = DATA / "2025-12" / board
        assert "PÅHITTADE EXEMPELDATA" in (folder / "rapport.yaml").read_text("utf-8")
        assert "PÅHITTADE EXEMPELDATA" in (folder / "mal.yaml").read_text("utf-8")
        assert report.load("2025-12", namnd=board).meta.exempeldata
