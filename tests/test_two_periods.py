"""Two periods built in turn: both outputs intact, each with its own figures and wording."""
import hashlib
from pathlib import Path

from pypdf import PdfReader
from test_build import NB, page, text


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


def test_building_a_second_period_leaves_the_first_intact(site, request):
    before = digest(site.parent)
    december = request.getfixturevalue("december_site")
    assert digest(site.parent) == before
    assert december.parent.parent.name == "2025-12" and site.parent.name == "2025-08"
    assert december.parent.name == "kommunstyrelsen"  # a nämnd of a several-nämnder period
    assert (site.parent / "pdf" / "delarsrapport-2025-08-kommunstyrelsen.pdf").is_file()
    assert (december.parent / "pdf" / "arsredovisning-2025-12-kommunstyrelsen.pdf").is_file()


def test_each_period_shows_its_own_figures_and_wording(site, december_site):
    august, december = text(page(site, "index")), text(page(december_site, "index"))
    assert "Delårsrapport januari–augusti 2025" in august
    assert "Årsredovisning januari–december 2025" in december
    assert f"Helårsprognosen för nämnden är −181{NB}875 tkr" in august
    assert f"Årets utfall för nämnden är −181{NB}324 tkr" in december
    assert "bedöms vid årets slut 15 vara helt uppfyllda" in august
    assert "är 16 helt uppfyllda" in december
    assert "Påhittade exempeldata" in december and "Påhittade exempeldata" not in august
    # each period's own prose
    assert "Delårsresultatet visar på ett positivt resultat" in text(page(site, "ekonomi"))
    assert "Delårsresultatet" not in text(page(december_site, "ekonomi"))


def test_december_tables_have_no_prognos_column(site, december_site):
    def headers(site_dir, caption):
        soup = page(site_dir, "ekonomi")
        table = next(t for t in soup.select(".print-only table")
                     if caption in t.select_one("caption").get_text())
        return [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers(site, "Driftredovisning") == [
        "Kod", "Verksamhet", "Utfall 25\u201108\u201131", "Prognos", "Budget", "Avvikelse"]
    assert headers(december_site, "Driftredovisning") == [
        "Kod", "Verksamhet", "Utfall 2025", "Budget", "Avvikelse"]
    assert page(december_site, "ekonomi").select_one("article h1").get_text(strip=True
                                                                            ).startswith("Årets resultat")


def test_prognosis_movement_shown_where_the_year_has_an_earlier_report(site, december_site):
    caption = page(december_site, "ekonomi").select_one("#fig-prognoser figcaption").get_text(" ")
    assert f"delår augusti −2{NB}161 tkr och årsredovisning −1{NB}610 tkr" in caption
    assert "en förbättring med 551 tkr" in text(page(december_site, "ekonomi"))
    # August is the year's first report in data/: no section, no single-bar chart, and the
    # staff note on Datakontroller only
    assert "Prognosen under året" not in text(page(site, "ekonomi"))
    assert "fig-prognoser" not in str(page(site, "ekonomi"))
    assert "ingen tidigare rapport för 2025" in text(page(site, "datakontroller"))


def test_december_pdf_title_page_marks_invented_data(december_site):
    pdf = december_site.parent / "pdf" / "arsredovisning-2025-12-kommunstyrelsen.pdf"
    first = " ".join(PdfReader(pdf).pages[0].extract_text().split()).replace("– ", "–")
    assert "Årsredovisning januari–december 2025" in first.replace("\n", " ")
    assert "Påhittade exempeldata" in first
