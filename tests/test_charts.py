"""Every chart the chapters draw, measured as matplotlib renders it: no two texts overlap
(tick labels, titles, value labels), a chart of one bar is its sentence, the investment chart
has the table's sign, and an indicator's axis starts where its scale does."""
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kommunrapport.common.periods import Period
from kommunrapport.model import report
from kommunrapport.presentation import charts
from kommunrapport.presentation import indicator_views as views

REPORTS = [("2025-08", None), ("2025-12", "kommunstyrelsen"), ("2025-12", "socialnamnden"),
           ("2025-12", "barn-och-utbildningsnamnden"), ("2025-12", "samhallsbyggnadsnamnden")]


def every_chart(rep) -> dict:
    """The charts the chapters draw for a report (the notebooks' and chapter.py's calls)."""
    found = {"fig_avvikelse": charts.deviation_by_verksamhet(rep.ekonomi.drift),
             "fig_personal": charts.personal_comparison(rep.personal, rep.period.year),
             "fig_mal": charts.goal_overview(rep.mal),
             "fig_prognoser": (charts.forecast_by_report(rep.prognoser)
                               if len(rep.prognoser) > 1 else None)}
    if not rep.ekonomi.investeringar.empty:
        found["fig_investeringar"] = charts.investments(rep.ekonomi.investeringar, rep.period)
    for ind in rep.indikatorer.items:
        found[f"fig_ind_{ind.id}"] = views.chart(ind, rep.organisation,
                                                 rep.indikatorer.group_name)
    return {key: fig for key, fig in found.items() if fig is not None}


@pytest.mark.parametrize("period,namnd", REPORTS)
def test_no_text_in_any_chart_overlaps_another(period, namnd):
    rep = report.load(period, namnd=namnd)
    drawn = every_chart(rep)
    assert {"fig_avvikelse", "fig_personal", "fig_mal"} <= set(drawn)
    for key, fig in drawn.items():
        assert charts.overlaps(fig) == [], (period, namnd, key)
        plt.close(fig)


def test_the_overlap_measure_finds_colliding_labels():
    """As the review found them: "−2 000−1 000" on an axis, and titles over each other."""
    fig, ax = plt.subplots(figsize=(1.5, 1))
    ax.set_xlim(-2500, 1500)
    ax.xaxis.set_major_locator(plt.MultipleLocator(500))
    ax.xaxis.set_major_formatter(charts._TKR)
    assert charts.overlaps(fig)
    plt.close(fig)
    fig, (a, b) = plt.subplots(1, 2, figsize=(3, 1))
    a.set_title("Sjukfrånvaro, kommunledningsförvaltningen")
    b.set_title("Utannonserade tjänster")
    assert ("Sjukfrånvaro, kommunledningsförvaltningen", "Utannonserade tjänster") in charts.overlaps(fig)
    plt.close(fig)


def test_a_cut_bars_value_stands_on_its_own_side_of_zero(rep):
    fig = charts.deviation_by_verksamhet(rep.ekonomi.drift)
    ax = fig.axes[0]
    labels = {t.get_text(): t for t in ax.texts}
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    zero = ax.transData.transform((0, 0))[0]
    negative, positive = labels["← −41\u00a0222"], labels["40\u00a0664 →"]
    assert negative.get_window_extent(renderer).x1 <= zero  # Affärsverksamhet, left of zero
    assert positive.get_window_extent(renderer).x0 >= zero  # Gemensamma lokaler, right of it
    plt.close(fig)


def test_a_chart_of_a_single_bar_is_left_to_its_sentence(rep):
    one = rep.ekonomi.drift.assign(avvikelse=[0] * (len(rep.ekonomi.drift) - 1) + [-5])
    assert charts.deviation_by_verksamhet(one) is None
    assert charts.investments(rep.ekonomi.investeringar.head(1), rep.period) is None
    assert charts.personal_comparison(rep.personal.assign(foregaende_ar=None), 2025) is None
    assert len(rep.prognoser) == 1  # August is the year's first report in data/: no chart


def test_the_investment_chart_has_the_tables_sign(rep):
    fig = charts.investments(rep.ekonomi.investeringar, rep.period)
    widths = [bar.get_width() for bar in fig.axes[0].patches]
    assert min(widths) == -11700 and max(widths) <= 0  # Askersund förskola's prognos, as tabled
    assert fig.axes[0].get_xlim()[0] < -11700
    plt.close(fig)


def test_an_indicator_chart_has_years_and_its_scales_start(rep):
    december = report.load("2025-12", namnd="kommunstyrelsen")
    nki = next(i for i in december.indikatorer.items if i.id == "nki_foretag")
    fig = views.chart(nki, "Askersunds kommun", "Liknande kommuner")
    ax = fig.axes[0]
    assert ax.get_ylim() == (0, 100)  # its scale, 0–100: 75 → 78 is not made a leap
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2022", "2023", "2024", "2025"]
    plt.close(fig)
    grade = next(i for i in december.indikatorer.items if i.id == "sn_omdome")
    fig = views.chart(grade, "Askersunds kommun", None)
    assert fig.axes[0].get_ylim()[0] == 1  # a grade of 1–6 starts at 1
    plt.close(fig)
    # August's measurements are named "Föregående/Senaste mätning", not years: no chart
    assert all(views.chart(i, "Askersunds kommun", None) is None for i in rep.indikatorer.items)


def test_ticks_are_thinned_until_they_fit():
    fig, ax = plt.subplots(figsize=(1.8, 1))
    ax.set_xlim(-2600, 1500)
    ax.xaxis.set_major_formatter(charts._TKR)
    fig.tight_layout()
    charts._fit_ticks(fig, ax.xaxis, 8)
    assert charts.overlaps(fig) == []
    assert len(charts._drawn_tick_labels(ax.xaxis)) >= 2
    plt.close(fig)


def test_describe_and_chart_agree_on_the_period():
    projects = pd.DataFrame({"projekt": ["A", "B"], "utfall": [-1.0, -2.0],
                             "prognos": [-1.0, -2.0], "budget": [-1.0, -3.0],
                             "avvikelse": [0.0, 1.0]})
    fig = charts.investments(projects, Period(2025, 12))
    assert fig.axes[0].get_legend().get_texts()[0].get_text() == "Utfall 2025"
    plt.close(fig)
