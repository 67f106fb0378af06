from conftest import PERIOD, edit

from kommunrapport.model import mal, personal, report
from kommunrapport.presentation import goals


def test_24_goals_each_assessed_or_explicitly_not(rep):
    goals = rep.mal.goals
    assert len(goals) == 24
    assert list(goals.groupby("malomrade").size()) == [3, 3, 4, 6, 8]
    not_stated = goals[goals["bedomning"] == mal.NOT_STATED]
    assert [(r.malomrade, r.nr) for r in not_stated.itertuples()] == [(1, 1), (5, 3)]
    assert mal.counts(rep.mal).sum().to_dict() == {
        "ej_uppfyllt": 6, "delvis_uppfyllt": 1, "uppfyllt_i_hog_grad": 0, "helt_uppfyllt": 15,
        "ej_angiven": 2}


def test_goal_html_shows_words_and_escapes_text(rep):
    html = goals.goals_html(rep.mal, 4)
    assert html.count('class="namndmal"') == 6
    assert "Målet beräknas delvis uppfyllas under året." in html


def test_a_delarsrapports_assessment_is_a_forecast_and_decembers_the_outcome(rep):
    """In August the badge says what the goal is expected to be at the year's end; in
    December what it was (the scale's own words)."""
    august = goals.goals_html(rep.mal, 4)
    assert "Målet beräknas bli delvis uppfyllt</span>" in august
    assert "Målet beräknas inte bli uppfyllt</span>" in august
    assert "Målet delvis uppfyllt</span>" not in august
    assert "Målet beräknas bli delvis uppfyllt" in goals.overview_table(rep.mal).to_string()
    december = report.load("2025-12", namnd="kommunstyrelsen").mal
    assert "Målet helt uppfyllt</span>" in goals.goals_html(december, 5)
    assert "beräknas" not in "".join(december.label(a) for a in mal.FORECAST_LABELS)
    figures = report.figures(rep)
    assert figures["text_mal_bedomning"].startswith("Bedömningen är en prognos")


def test_comment_with_markup_is_shown_as_text(data_copy):
    edit(data_copy / PERIOD / "mal.yaml", "Arbetet går sakta framåt.",
         "Arbetet går <script>alert(1)</script> sakta framåt.")
    html = goals.goals_html(report.load(PERIOD, data_copy).mal, 3)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_personal_figures(rep):
    f = personal.figures(rep.personal)
    assert f["personal_arsarbetare"] == "968,4"
    assert f["personal_arsarbetare_forandring"] == "12,6"
    assert f["personal_arsarbetare_riktning"] == "en ökning"
    assert f["personal_timavlonade_forandring"] == "11"
    assert f["personal_timavlonade_riktning"] == "en minskning"
    assert f["personal_sjukfranvaro_med_enhet"] == "7,96\u00a0%"
    assert f["personal_sjukfranvaro_klf_fg"] == "4,43"
    assert "personal_sjukfranvaro_fg" not in f  # no previous-year figure in the data
