"""End to end: build the 2025-08 book and read it as a reader does."""
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from builds import build_report

from kommunrapport.building import workers
from kommunrapport.building.target import CHAPTERS
from kommunrapport.common.errors import BuildError

NB = "\u00a0"
CHROMIUM = shutil.which("chromium")


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def text(soup: BeautifulSoup) -> str:
    """The article as a reader sees it (the invisible word joiner U+2060 left out)."""
    article = soup.select_one("article")
    return article.get_text(" ", strip=True).replace(" , ", ", ").replace("\u2060", "")


def test_every_chapter_is_a_page_in_swedish(site):
    for name in list(CHAPTERS) + ["om-rapporten"]:
        soup = page(site, name)
        assert soup.html["lang"] == "sv"
    nav = [a.get_text(strip=True).replace("\u2060", "")
           for a in page(site, "index").select("nav.bd-links a")]
    assert nav == ["Delårsrapport januari–augusti 2025", "Verksamhet",
                   "Väsentliga personalförhållanden", "Mål och uppdrag",
                   "Delårsresultat och prognos", "Om rapporten", "Tillgänglighetsredogörelse",
                   "Datakontroller"]


def test_the_report_is_named_without_writing_the_projects_config(site):
    """Title, author and year reach Jupyter Book as overrides: no build writes _config.yml,
    neither the project's nor a copy in the book's source."""
    soup = page(site, "index")
    assert soup.title.get_text().endswith("Delårsrapport januari–augusti 2025 – Kommunstyrelsen")
    assert "Av Askersunds kommun" in soup.get_text()
    assert not (site.parents[2] / "book" / "2025-08" / "_config.yml").exists()


def test_start_page_title_and_key_figures(site):
    soup = page(site, "index")
    assert soup.select_one("article h1").get_text(strip=True).replace("\u2060", "").startswith(
        "Delårsrapport januari–augusti 2025")
    t = text(soup)
    assert "Kommunstyrelsen, Askersunds kommun" in t
    assert f"underskott mot budget på −2{NB}161 tkr" in t
    assert "968,4" in t and f"7,96{NB}%" in t
    assert "Av nämndens 24 nämndmål" in t


def test_ekonomi_figures(site):
    t = text(page(site, "ekonomi"))
    for figure in ["−118 340", "−181 875", "−179 714", "−2 161",
                   "−20 115", "−24 740", "−15 335", "−9 405", "116 013"]:
        assert figure.replace(" ", NB) in t, figure
    assert "avrundningsdifferenser kan förekomma" in t
    # the rows' own sum is the staff's reconciliation, on Datakontroller, not the reader's text
    assert f"−118{NB}342" not in t
    assert f"−118{NB}342" in text(page(site, "datakontroller"))


def test_personal_and_goals(site):
    assert "968,4" in text(page(site, "personal"))
    soup = page(site, "mal")
    goals = soup.select("div.namndmal")
    assert len(goals) == 24
    # a delårsrapport's assessments are forecasts for the year's end
    words = {"Målet beräknas inte bli uppfyllt", "Målet beräknas bli delvis uppfyllt",
             "Målet beräknas bli uppfyllt i hög grad", "Målet beräknas bli helt uppfyllt",
             "Ingen bedömning angiven"}
    assessed = [g.select_one(".maluppfyllelse .bedomning").get_text(strip=True) for g in goals]
    assert set(assessed) <= words
    assert assessed.count("Ingen bedömning angiven") == 2
    assert assessed.count("Målet beräknas bli helt uppfyllt") == 15
    assert len(soup.select("h3")) >= 20  # Indikatorrapportering and the other headings
    assert text(soup).count("Indikatorrapportering") == 5


def test_every_chart_has_a_text_alternative_with_its_figures(site):
    figures = {}
    for name in list(CHAPTERS):
        for figure in page(site, name).select("article figure"):
            img = figure.select_one("img")
            assert img["alt"] and not img["alt"].startswith("_images/"), name
            figures[figure["id"]] = figure.select_one("figcaption").get_text(" ")
    # No chart of the year's one prognos, nor of indicators measured without a year: their
    # figures stand in the text and the tables
    assert set(figures) == {"fig-personal", "fig-mal", "fig-avvikelse", "fig-investeringar"}
    assert f"80 Affärsverksamhet −41{NB}222 tkr" in figures["fig-avvikelse"]
    assert f"Askersund förskola 11{NB}700 tkr (budget 0 tkr)" in figures["fig-investeringar"]
    assert "anställda årsarbetare, exklusive timavlönade 968,4 (955,8)" in figures["fig-personal"]
    assert ("målområde 4: 4 beräknas inte bli uppfyllt, 1 beräknas bli delvis uppfyllt och 1 "
            "beräknas bli helt uppfyllt") in " ".join(figures["fig-mal"].split())
    assert "Figur 1" in figures["fig-personal"]


def test_data_checks_page_lists_the_warnings(site):
    t = text(page(site, "datakontroller"))
    assert "14 kontroller godkända, 0 fel, 8 varningar." in t
    static = page(site, "datakontroller").select_one("table.print-table")
    rows = static.select("tbody tr")
    assert len(rows) == 8
    assert any("upprepar en mening" in r.get_text() for r in rows)
    assert "Driftredovisningens summarad stämmer med raderna" in t


def test_no_code_and_no_error_output(site):
    for name in list(CHAPTERS):
        soup = page(site, name)
        assert not soup.select(".cell_input"), name
        assert "chapter.start" not in str(soup), name
        assert not soup.select(".output.stderr, .output.traceback"), name
        assert "Traceback" not in text(soup)


@pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium (make test installs it)")
def test_tables_work_in_a_browser(site, tmp_path):
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=5000", "--dump-dom", (site / "ekonomi.html").as_uri()],
        capture_output=True, text=True, timeout=120).stdout
    soup = BeautifulSoup(dom, "html.parser")
    tables = soup.select("table.dataTable")
    assert len(tables) == 3  # the result summary and the ten-row items table are plain tables
    drift = tables[0]
    rows = drift.select("tbody tr")
    assert len(rows) == 24  # all rows at once: no paging
    last = [td.get_text() for td in rows[-1].select("td")]
    assert last == ["", "Summa Kommunstyrelsen", f"−118{NB}340", f"−181{NB}875",
                    f"−179{NB}714", f"−2{NB}161"]
    assert "Sök i tabellen" in soup.select_one(".dt-search").get_text()


def test_a_warm_kernel_shows_no_chapter_what_the_one_before_it_left(tmp_path):
    """Chapters share warm kernels (warm.py): one worker runs both notebooks in turn, and
    the second must not see the first's names."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name, code in (("forsta", "x = 41"), ("andra", "print(x + 1)")):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        params = nbformat.v4.new_code_cell('period: str = "2025-08"')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(code)]
        nbformat.write(nb, notebooks / f"{name}.ipynb")
    target = tmp_path / "korda"
    target.mkdir()
    first, second = workers.execute(
        [(name, notebooks / f"{name}.ipynb", target / f"{name}.ipynb") for name in ("forsta", "andra")],
        {"period": "2025-08"}, 1, "test")
    assert first.error is None
    assert second.error == "NameError: name 'x' is not defined (i koden: print(x + 1))"


def test_a_raising_cell_fails_the_build_and_keeps_the_notebook(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('period: str = "2025-08"  # period\ndata_dir: str = ""  # data')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell('raise ValueError("trasigt kapitel")')]
    nbformat.write(nb, notebooks / "trasig.ipynb")
    out = tmp_path / "out"
    with pytest.raises(BuildError) as err:
        build_report("2025-08", out_root=out / "_build", source_root=out / "book",
                    notebooks=notebooks, chapters=["trasig"], say=lambda *_: None)
    message = str(err.value)
    assert ("Kapitlet 'trasig' misslyckades i cell 2: ValueError: trasigt kapitel "
            "(i koden: raise ValueError(\"trasigt kapitel\"))") in message
    kept = out / "book" / "2025-08" / "_korda" / "trasig.ipynb"
    assert str(kept) in message and kept.is_file()
    assert not (out / "_build" / "2025-08" / "html").exists()
