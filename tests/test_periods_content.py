"""What follows from the period in the report's content: December's layout and wording, the
comparisons with earlier periods in data/, and each period's own prose."""
import shutil
from pathlib import Path

import pytest
from conftest import PERIOD, edit

from kommunrapport.common.paths import DATA
from kommunrapport.model import ekonomi, history, newperiod, report

NB = "\u00a0"


@pytest.fixture(scope="module")
def december():
    return report.load("2025-12")


def test_december_has_no_prognos_column_and_states_the_outcome(december, rep):
    period = december.period
    drift = ekonomi.drift_table(december.ekonomi, period, "Kommunstyrelsen")
    assert list(drift.columns) == ["Kod", "Verksamhet", "Utfall 2025", "Budget", "Avvikelse"]
    resultat = ekonomi.resultat_table(december.ekonomi, period)
    assert list(resultat.columns) == ["(tkr)", "Utfall 2025", "Budget 2025", "Budgetavvikelse"]
    # numbers stay numbers without a prognos column: formatted and sorted as amounts
    assert resultat.select_dtypes("number").shape[1] == 3
    assert ekonomi.investering_table(december.ekonomi, period).select_dtypes("number").shape[1] == 3
    assert "Helårsprognos 2025" in ekonomi.investering_table(rep.ekonomi, rep.period).columns
    f = report.figures(december)
    assert f["text_resultat"] == (f"Årets utfall för nämnden är −181{NB}324 tkr mot en budget "
                                  f"på −179{NB}714 tkr, vilket är ett underskott mot budget på "
                                  f"−1{NB}610 tkr.")
    assert f["rubrik_ekonomi"] == "Årets resultat"
    assert f["text_mal"].startswith("Av nämndens 24 nämndmål är 16 helt uppfyllda")
    august = report.figures(rep)
    assert august["rubrik_ekonomi"] == "Delårsresultat och prognos"
    assert august["text_resultat"].startswith(f"Helårsprognosen för nämnden är −181{NB}875 tkr")
    assert august["text_mal"].startswith("Av nämndens 24 nämndmål bedöms vid årets slut 15 vara")


def test_prognosis_movement_compares_with_the_years_earlier_report(december, rep):
    assert [str(f.period) for f in december.prognoser] == ["2025-08", "2025-12"]
    assert [f.avvikelse for f in december.prognoser] == [-2161, -1610]
    assert history.forecast_sentence(december.prognoser) == (
        "Årets avvikelse mot budget blev −1" + NB + "610 tkr. I delårsrapporten per augusti var "
        "prognosen −2" + NB + "161 tkr: en förbättring med 551 tkr.")
    # 2025-08 is the year's first report in data/: not an error, and said to the staff only
    # (the reader's text would contradict a narrative that speaks of earlier prognoses)
    assert len(rep.prognoser) == 1
    assert history.forecast_sentence(rep.prognoser) == ""
    assert "ingen tidigare rapport för 2025" in history.forecast_note(rep.prognoser)


def test_an_unreadable_earlier_period_is_left_out_with_a_warning(tmp_path):
    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    newperiod.new_period("2025-10", "2025-12", tmp_path)  # figures still empty
    rep = report.load("2025-12", tmp_path)
    assert [str(f.period) for f in rep.prognoser] == ["2025-12"]
    assert any(w.file == "2025-10" and "saknas i jämförelsen av prognoser" in w.problem
               for w in rep.checks.warnings)


def test_an_earlier_period_with_a_logged_error_is_left_out_too(tmp_path):
    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    shutil.copytree(DATA / PERIOD, tmp_path / PERIOD)
    # Resultat no longer Intäkter + Kostnader: logged as an error, not raised
    edit(tmp_path / PERIOD / "resultat.csv", "Resultat;-118 340", "Resultat;-118 000")
    rep = report.load("2025-12", tmp_path)
    assert [str(f.period) for f in rep.prognoser] == ["2025-12"]
    assert any(w.file == PERIOD for w in rep.checks.warnings)


def test_last_years_personal_figures_come_from_data_where_they_exist(data_copy):
    shutil.copytree(data_copy / PERIOD, data_copy / "2024-08")
    (data_copy / "2024-08" / "personal.csv").write_text(
        "id;nyckeltal;enhet;avser;varde;foregaende_ar\n"
        "arsarbetare;Anställda årsarbetare;årsarbetare;augusti;955,8;\n"
        "sjukfranvaro;Sjukfrånvaro, hela kommunen;procent;1 januari–31 juli;8,31;\n"
        "sjukfranvaro_klf;Sjukfrånvaro, kommunledningsförvaltningen;procent;1 januari–31 juli;4,5;\n",
        encoding="utf-8")
    edit(data_copy / "2024-08" / "rapport.yaml", 'period: "2025-08"', 'period: "2024-08"')
    rep = report.load(PERIOD, data_copy)
    assert rep.personal.at["sjukfranvaro", "foregaende_ar"] == 8.31  # empty in the export
    assert rep.personal.at["arsarbetare", "foregaende_ar"] == 955.8  # stated and agreeing
    assert rep.personal_jamforelse.startswith("Jämförelsen med 2024 bygger på underlaget för 2024-08")
    disagreeing = [w for w in rep.checks.warnings if w.column == "foregaende_ar"]
    assert [w.row for w in disagreeing] == [5]  # sjukfranvaro_klf: 4,43 against 2024's 4,5
    assert report.figures(rep)["personal_sjukfranvaro_riktning"] == "en minskning"


def test_without_last_year_in_data_the_text_says_so(rep):
    assert rep.personal_jamforelse == (
        "Underlaget för samma period föregående år (2024-08) finns inte i data/; "
        "personalens jämförelsevärden är de som personalexporten anger.")


def test_a_new_period_gets_the_text_structure_with_placeholders(data_copy):
    newperiod.new_period("2025-10", PERIOD, data_copy)
    text = (data_copy / "2025-10" / "text" / "verksamhet.md").read_text(encoding="utf-8")
    assert text.startswith("## Översikt över verksamhetens utveckling\n\n### Förvaltningsövergripande"
                           "\n\n[Skriv periodens text här. Förra periodens text finns i "
                           "data/2025-08/text/verksamhet.md.]")
    _, log = report.check("2025-10", data_copy)
    unwritten = {f.file for f in log.errors if f.problem == "texten är inte skriven för perioden"}
    assert unwritten == {"text/verksamhet.md", "text/personal.md", "text/mal.md",
                         "text/ekonomi-resultat.md", "text/ekonomi-forvantad-utveckling.md"}


def test_invented_data_is_marked(december, rep):
    assert december.meta.exempeldata.startswith("Påhittade exempeldata")
    assert rep.meta.exempeldata is None
    assert "påhittade" in (DATA / "README.md").read_text(encoding="utf-8").lower()


def test_a_period_after_december_gets_its_prognos_column_back(tmp_path):
    # Kommunstyrelsen of 2025-12 as one board with its hand-made tables.
    shutil.copytree(DATA / "2025-12" / "kommunstyrelsen", tmp_path / "2025-12")
    for table in (Path(__file__).parent / "fixtures" / "kommunstyrelsen-2025-12").iterdir():
        shutil.copy(table, tmp_path / "2025-12")
    folder = newperiod.new_period("2026-04", "2025-12", tmp_path)
    for name in ("resultat.csv", "driftredovisning.csv", "investeringar.csv"):
        header = (folder / name).read_text(encoding="utf-8").splitlines()[0].split(";")
        assert header[header.index("utfall") + 1] == "prognos", name
    assert "exempeldata: null" in (folder / "rapport.yaml").read_text(encoding="utf-8")
