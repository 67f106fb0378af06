"""What a politician and an auditor read: the PDF's cover, its contents (the report, not the
team's pages), tables that keep names whole, and wording a controller would write."""
import re

import pdfplumber
import pytest
from bs4 import BeautifulSoup

from kommunrapport.common.periods import Period
from kommunrapport.model import report, wording
from kommunrapport.presentation import charts

NB = "\u00a0"


@pytest.fixture(scope="module")
def pdf_pages(site):
    path = next((site.parent / "pdf").glob("*.pdf"))
    with pdfplumber.open(path) as document:
        yield [(page.extract_text() or "", page) for page in document.pages]


def test_the_cover_names_organisation_report_period_board_and_status(pdf_pages):
    text, page = pdf_pages[0]
    lines = [line.strip() for line in text.splitlines()]
    for line in ["Askersunds kommun", "Delårsrapport", "januari–augusti 2025",
                 "Kommunstyrelsen", "Preliminär: ännu inte beslutad av kommunstyrelsen"]:
        assert line in lines, lines
    # Real figures, no logo given: a typographic cover, never the examples' placeholder
    assert lines[0] == "Askersunds kommun" and "Exempellogotyp" not in text


def test_an_invented_reports_cover_may_show_the_example_logo(december_boards):
    path = next((december_boards / "socialnamnden" / "pdf").glob("*.pdf"))
    with pdfplumber.open(path) as document:
        cover = document.pages[0]
        assert cover.extract_text().startswith("Exempellogotyp") and cover.objects.get("curve")
        assert "Påhittade exempeldata" in cover.extract_text()


def test_the_pdf_holds_the_report_not_the_teams_pages(pdf_pages):
    everything = "\n".join(text for text, _ in pdf_pages)
    assert "Datakontroller" not in everything and "driftredovisning.csv" not in everything
    assert "Tillgänglighetsredogörelse" not in everything
    assert "Källtexten" not in everything and "kommentarens ord" not in everything


def test_the_site_says_who_the_data_check_page_is_for(site):
    article = BeautifulSoup((site / "datakontroller.html").read_text("utf-8"), "html.parser")
    assert "finns bara på intranätet och ingår inte i PDF:en" in article.select_one("article").get_text()
    for page in site.glob("*.html"):
        assert "Källtexten" not in page.read_text("utf-8"), page.name


def test_names_in_pdf_tables_are_whole_and_short_tables_stay_on_one_page(pdf_pages, rep):
    """Every analysed verksamhet's name stands whole on the page of the table's caption (no
    hyphen inside a cell, and the eleven rows are not split); so does the personnel table."""
    text = next(text for text, _ in pdf_pages if "Verksamhetsanalys driftbudget 2025, tkr" in text)
    lines = text.splitlines()
    for name in rep.ekonomi.verksamhetsanalys["verksamhet"]:
        first = name.split()[0]
        assert any(first in line for line in lines), name  # never "Ar-" / "bets…"
        assert not any(line.rstrip().endswith(first[:4] + "-") for line in lines), name
    personal = next(text for text, _ in pdf_pages
                    if "Nyckeltal för personal 2025 och 2024" in text)
    assert all(name in personal for name in ("Anställda årsarbetare", "Pensioneringar",
                                             "Löneökning"))


def test_the_pdf_summary_shows_the_key_figures(pdf_pages):
    summary = next(text for text, _ in pdf_pages if "\nSammanfattning\n" in text)
    for figure in ["Resultat mot budget", f"−2{NB}161", "968,4", f"7,96{NB}%", "15 helt uppfyllda"]:
        assert figure.replace(NB, " ") in summary.replace(NB, " "), figure


@pytest.mark.parametrize("counts, period, expected", [
    ({"helt_uppfyllt": 15, "delvis_uppfyllt": 1, "ej_uppfyllt": 6, "ej_angiven": 2}, "2025-08",
     "Av nämndens 24 nämndmål bedöms vid årets slut 15 vara helt uppfyllda, 1 delvis uppfyllt "
     "och 6 inte uppfyllda. För 2 av nämndmålen anger kommentaren ingen bedömning."),
    ({"helt_uppfyllt": 15, "delvis_uppfyllt": 1, "ej_uppfyllt": 6, "ej_angiven": 2}, "2025-12",
     "Av nämndens 24 nämndmål är 15 helt uppfyllda, 1 delvis uppfyllt och 6 inte uppfyllda. "
     "För 2 av nämndmålen anger kommentaren ingen bedömning."),
    ({"helt_uppfyllt": 1}, "2025-04", "Nämndens enda nämndmål bedöms vid årets slut vara helt uppfyllt."),
    ({"delvis_uppfyllt": 5}, "2025-12", "Alla nämndens 5 nämndmål är delvis uppfyllda."),
    ({"uppfyllt_i_hog_grad": 1, "ej_uppfyllt": 1, "ej_angiven": 1}, "2025-08",
     "Av nämndens 3 nämndmål bedöms vid årets slut 1 vara uppfyllt i hög grad och 1 inte "
     "uppfyllt. För ett av nämndmålen anger kommentaren ingen bedömning."),
    ({"ej_angiven": 2}, "2025-08", "Inget av nämndens 2 nämndmål har någon bedömning."),
])
def test_the_goal_summary_reads_as_a_controller_writes(counts, period, expected):
    keys = ["helt_uppfyllt", "uppfyllt_i_hog_grad", "delvis_uppfyllt", "ej_uppfyllt", "ej_angiven"]
    figures = {f"mal_antal_{k}": str(counts.get(k, 0)) for k in keys}
    figures["mal_antal"] = str(sum(counts.values()))
    assert wording._goals(figures, Period.parse(period)) == expected


def test_offsets_are_cut_so_the_other_deviations_keep_a_readable_scale(rep):
    drift = rep.ekonomi.drift
    cut = charts.offsets(drift.loc[drift["avvikelse"] != 0, "avvikelse"])
    assert sorted(drift.loc[cut[cut].index, "kod"]) == [80, 91]
    fig = charts.deviation_by_verksamhet(drift)
    left, right = fig.axes[0].get_xlim()
    assert -4000 < left < -1566 and 404 < right < 3000  # the scale serves −1 566 … 404
    caption = charts.describe_deviation(drift)
    assert f"80 Affärsverksamhet (−41{NB}222 tkr) och 91 Gemensamma lokaler (40{NB}664 tkr) är avkortade" in caption


def test_no_figure_in_the_text_is_nan(rep):
    assert not [k for k, v in report.figures(rep).items() if "nan" in v.lower().split()]


def test_the_pages_share_one_copy_of_the_tables_script(site):
    """itables' bundle (about a megabyte) is fetched once for the site, not carried by every
    page; the pages with interactive tables load it from _static."""
    bundle = site / "_static" / "itables-bundle.js"
    assert bundle.stat().st_size > 500_000
    for page in site.glob("*.html"):
        html = page.read_text("utf-8")
        assert page.stat().st_size < 300_000, page.name
        assert "_static/itables-bundle.js" in html, page.name
    assert "injectModule(window.kommunrapportItables.js)" in (site / "ekonomi.html").read_text("utf-8")


# The reader's text is the reader's.

STAFF_NOTES = ["som inte anger källan", "rapportens data", "i underlaget", "personalexporten",
               "ingen tidigare rapport", "summerar", "data/", "kontrollsumm",
               "enligt delårsrapporten", "Summaraden visar"]
READER_PAGES = ["index", "verksamhet", "personal", "mal", "ekonomi"]


def _reader_text(folder, name: str) -> str:
    soup = BeautifulSoup((folder / f"{name}.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    for hidden in article.select("script, style"):
        hidden.decompose()
    return article.get_text(" ")


def test_staff_notes_stay_out_of_the_readers_text(site, december_boards, pdf_pages):
    """Where figures come from, what the data lacks and how sums were reconciled is said on
    Datakontroller; the pages kommunfullmäktige reads, and the PDF, say what a reader needs."""
    sites = [site] + [december_boards / n / "html" for n in ("kommunstyrelsen", "socialnamnden")]
    for folder in sites:
        for name in READER_PAGES:
            text = _reader_text(folder, name)
            assert not [n for n in STAFF_NOTES if n in text], (folder.parent.name, name)
    pdf_text = "\n".join(text for text, _ in pdf_pages)
    assert not [n for n in STAFF_NOTES if n in pdf_text]
    assert "avrundningsdifferenser kan förekomma" in pdf_text
    staff = _reader_text(site, "datakontroller")
    for note in ["ingen tidigare rapport för 2025", "personalexporten anger", "summerar till"]:
        assert note in staff, note


def test_the_start_page_says_the_reports_status(site, december_boards, tmp_path):
    assert "Preliminär: ännu inte beslutad av kommunstyrelsen." in _reader_text(site, "index")
    assert "Preliminär: ännu inte beslutad av socialnämnden." in _reader_text(
        december_boards / "socialnamnden" / "html", "index")


def test_the_accessibility_statement_follows_diggs_model(site):
    """Contact from the data (none invented: no kontaktcenter the municipality only
    investigates), a date, and the route to the supervising authority."""
    soup = BeautifulSoup((site / "tillganglighet.html").read_text("utf-8"), "html.parser")
    text = soup.select_one("article").get_text(" ")
    for heading in ["Hur tillgänglig är webbplatsen?", "Rapportera brister i webbplatsens tillgänglighet",
                    "Tillsyn", "Innehåll som inte är tillgängligt", "Hur vi testat webbplatsen"]:
        assert heading in text, heading
    assert "kontaktcenter" not in text
    assert "Kommunledningsförvaltningen i Askersunds kommun, som har tagit fram rapporten" in text
    assert soup.select_one('a[href="https://www.digg.se/tdosanmalan"]')
    assert re.search(r"uppdaterades senast den \d{1,2} \w+ \d{4}", text)


def test_om_rapporten_in_the_pdf_holds_the_readers_part_only(pdf_pages):
    about = next(text for text, _ in pdf_pages if "\nOm rapporten\n" in f"\n{text}")
    assert "Så tas siffrorna fram" in about
    assert "data/" not in about and "kontrollsumm" not in about and "Bygget" not in about
