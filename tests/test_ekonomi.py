
from kommunrapport.model import ekonomi, report


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
    # The reader is told what rounding means; the reconciliation is the staff's
    assert figures["drift_avrundning"] == ("Beloppen är avrundade till hela tkr, så "
                                           "avrundningsdifferenser kan förekomma.")
    check = figures["drift_avrundning_kontroll"]
    # every column whose rows do not sum to the stated total is named, none that does
    assert "utfall −118\u00a0342 tkr mot angivna −118\u00a0340" in check
    assert "prognos −181\u00a0874 tkr mot angivna −181\u00a0875" in check
    assert "avvikelse" not in check
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


def test_the_reinvestment_items_name_their_plan_only_when_there_are_several(rep):
    table = ekonomi.reinvestering_table(rep.ekonomi, rep.period)
    assert list(table.columns) == ["Objekt", "Utfall 25-08-31"]  # one plan: the heading names it
    assert table.iloc[-1]["Objekt"] == "Summa" and table.iloc[-1]["Utfall 25-08-31"] == -1592
