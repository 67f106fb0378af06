import pytest

from kommunrapport import ekonomi, report
from kommunrapport.errors import DataError

from conftest import PERIOD, edit


def test_deviation_is_prognos_minus_budget_on_every_row(rep):
    d = rep.ekonomi.drift
    assert len(d) == 23
    assert list(d["kod"][:3]) == [10, 11, 12]
    assert (d["avvikelse"] == d["prognos"] - d["budget"]).all()
    assert d.set_index("kod").at[80, "avvikelse"] == -41222


def test_operating_statement_rounding_difference_is_reported(rep):
    total = rep.ekonomi.drift_total
    assert total.computed["utfall"] == -118342
    assert total.stated["utfall"] == -118340
    assert total.differences["utfall"] == 2
    figures = report.figures(rep)
    assert "avrundningsdifferenser kan förekomma" in figures["drift_avrundning"]
    # every column whose rows do not sum to the stated total is named, none that does
    assert "utfall −118\u00a0342 tkr mot angivna −118\u00a0340" in figures["drift_avrundning"]
    assert "prognos −181\u00a0874 tkr mot angivna −181\u00a0875" in figures["drift_avrundning"]
    assert "avvikelse" not in figures["drift_avrundning"]
    assert figures["drift_summa_prognos"] == "−181\u00a0875"


def test_table_shows_stated_total_last(rep):
    table = ekonomi.drift_table(rep.ekonomi, rep.period, "Kommunstyrelsen")
    assert len(table) == 24
    assert list(table.iloc[-1]) == ["", "Summa Kommunstyrelsen", -118340, -181875, -179714, -2161]


def test_investments(rep):
    e = rep.ekonomi
    assert len(e.investeringar) == 13
    assert len(e.reinvesteringar) == 9
    assert e.reinvesteringar["utfall"].sum() == -1592
    assert e.investering_total.stated == {"utfall": -20115, "prognos": -24740,
                                          "budget": -15335, "avvikelse": -9405}
    assert e.investering_total.computed == e.investering_total.stated


def test_result_summary(rep):
    r = rep.ekonomi.resultat
    assert r.at["Resultat", "avvikelse"] == -2161
    assert r.at["Intäkter", "avvikelse"] == 4143


def test_total_that_does_not_reconcile_stops_with_file_row_column(data_copy):
    path = data_copy / PERIOD / "driftredovisning.csv"
    edit(path, "45;Gymnasieskola;-47 902", "45;Gymnasieskola;-47 002")
    with pytest.raises(DataError) as err:
        report.load(PERIOD, data_copy)
    message = str(err.value)
    assert "driftredovisning.csv, rad 25, kolumn 'utfall'" in message
    assert "Summaraden stämmer inte" in message and "skillnad" in message


def test_text_in_number_column(data_copy):
    path = data_copy / PERIOD / "investeringar.csv"
    edit(path, "Fastighetsförvärv;;-3 700", "Fastighetsförvärv;;ca 3700")
    with pytest.raises(DataError, match=r"investeringar.csv, rad 16, kolumn 'utfall': 'ca 3700' "
                                        r"är inte ett tal"):
        report.load(PERIOD, data_copy)


def test_duplicate_code(data_copy):
    edit(data_copy / PERIOD / "driftredovisning.csv", "12;Revision", "11;Revision")
    with pytest.raises(DataError, match=r"rad 4, kolumn 'kod': verksamhetskoden 11 förekommer"):
        report.load(PERIOD, data_copy)


def test_missing_column_and_missing_file(data_copy):
    edit(data_copy / PERIOD / "resultat.csv", "post;utfall", "post;utfal")
    with pytest.raises(DataError, match=r"resultat.csv, rad 1, kolumn 'utfall': kolumnen saknas"):
        report.load(PERIOD, data_copy)
    (data_copy / PERIOD / "resultat.csv").unlink()
    with pytest.raises(DataError, match=r"resultat.csv: filen saknas"):
        report.load(PERIOD, data_copy)


def test_stated_deviation_must_match(data_copy):
    edit(data_copy / PERIOD / "driftredovisning.csv", "-14 410;-500", "-14 410;-400")
    with pytest.raises(DataError, match=r"rad 15, kolumn 'avvikelse'.*prognos − budget"):
        report.load(PERIOD, data_copy)
