"""Figures a controller would sign: changes signed and in procentenheter, the start page's
cards comparing like with like, KF's frames related to the tables' budgets, the report's
status, and the reader's text free of the staff's notes."""
import datetime

import pytest

from kommunrapport.building import pdf
from kommunrapport.model import personal, report, wording
from kommunrapport.presentation import overview, static_pages
from kommunrapport.presentation.sphinx_webb import definite_stem
from kommunrapport.sources.schemas import Kontakt

NB = "\u00a0"


def test_changes_carry_their_sign_and_percentages_change_in_procentenheter(rep):
    table = personal.table(rep.personal, 2025).set_index("Nyckeltal")
    assert table.at["Anställda årsarbetare, exklusive timavlönade", "Förändring"] == "+12,6"
    assert table.at["Timavlönade, omräknat till årsarbetare", "Förändring"] == "−11"
    assert table.at["Pensioneringar", "Förändring"] == "0"
    assert table.at["Sjukfrånvaro, kommunledningsförvaltningen", "Förändring"] == f"+0,69{NB}procentenheter"
    assert table.at["Sjukfrånvaro, kommunledningsförvaltningen", "2025"] == f"5,12{NB}%"
    assert report.figures(rep)["ind_nki_foretag_forandring"] == "+10"  # as the indicators'


def test_the_investment_card_shows_the_deviation_coloured_like_the_result(rep):
    cards = overview.cards(report.figures(rep), rep.period)
    result = next(c for c in cards if "Resultat mot budget" in c)
    investments = next(c for c in cards if "Investeringar mot budget" in c)
    assert f"−9{NB}405" in investments and 'class="kort underskott"' in investments
    assert 'class="kort underskott"' in result
    assert f"helårsprognos −24{NB}740 tkr mot budget −15{NB}335 tkr" in investments


def test_a_namnd_without_investments_has_no_investment_card_or_zero_sentence():
    rep = report.load("2025-12", namnd="socialnamnden")
    figures = report.figures(rep)
    assert not any("Investeringar" in c for c in overview.cards(figures, rep.period))
    assert figures["text_investeringar"] == "Nämnden har inga investeringsprojekt."
    assert "0 tkr" not in figures["text_investeringsram"]


def test_kfs_frame_is_related_to_the_tables_net_budget(rep):
    figures = report.figures(rep)
    frame = figures["budgetram_i_tabellerna"]
    assert f"−116{NB}013 tkr" in frame and f"63{NB}701 tkr" in frame and f"−179{NB}714 tkr" in frame
    assert "driftredovisningen" in frame
    assert f"−15{NB}335 tkr" in figures["investeringsram_i_tabellerna"]


def test_the_status_is_said_the_same_way_everywhere():
    assert wording.status(None, "kommunstyrelsen") == "Preliminär"
    assert (wording.status_sentence(None, "kommunstyrelsen")
            == "Preliminär: ännu inte beslutad av kommunstyrelsen")
    decided = datetime.date(2025, 9, 22)
    assert (wording.status(decided, "kommunstyrelsen")
            == "Beslutad 22 september 2025 av kommunstyrelsen")
    assert wording.status_sentence("2025-09-22", "kommunstyrelsen") == wording.status(
        decided, "kommunstyrelsen")


def test_the_accessibility_contact_comes_from_the_data_and_is_never_invented(rep):
    default = static_pages.data_substitutions(rep)["kontakt"]
    assert default.startswith("Kommunledningsförvaltningen i Askersunds kommun")
    assert "kontaktcenter" not in default.lower() and "@" not in default
    given = static_pages.contact_markdown("Askersunds kommun", "kommunledningsförvaltningen",
                                          Kontakt(namn="Kommunledningsförvaltningen",
                                                  epost="rapport@kommun.example",
                                                  telefon="0583-810 00"))
    assert "<rapport@kommun.example>" in given and "(tel:058381000)" in given
    assert static_pages.contact_markdown("Askersunds kommun", None, None) == "Askersunds kommun"


def test_the_staffs_notes_are_not_the_readers_text(rep):
    """What the reader gets says what a reader needs; where figures come from and how they
    were reconciled is for Datakontroller."""
    figures = report.figures(rep)
    assert figures["drift_avrundning"] == ("Beloppen är avrundade till hela tkr, så "
                                           "avrundningsdifferenser kan förekomma.")
    assert "summerar" in figures["drift_avrundning_kontroll"]
    assert figures["text_prognos_utveckling"] == ""  # not "ingen tidigare rapport … i underlaget"
    assert "data/" in figures["prognos_historik"] and "data/" in figures["personal_jamforelse"]
    sources = {i.id: i.source_text for i in rep.indikatorer.items}
    assert "som inte anger källan" not in " ".join(sources.values())
    assert sources["nki_foretag"] == "Källa: Kommunens NKI-mätning (egen uppföljning)"


def test_a_placeholder_logo_never_goes_on_a_report_with_real_figures(rep, tmp_path):
    logo = tmp_path / "logotyp.svg"
    logo.write_text('<svg aria-label="Exempellogotyp"><text>Exempellogotyp</text></svg>')
    real = type(rep)(**{**rep.__dict__, "folder": tmp_path, "meta": rep.meta.model_copy(
        update={"logotyp": "logotyp.svg", "exempeldata": None})})
    assert pdf.logo_path(real) is None  # a typographic cover instead
    invented = type(rep)(**{**real.__dict__, "meta": real.meta.model_copy(
        update={"exempeldata": "Påhittat."})})
    assert pdf.logo_path(invented) == logo.resolve()
    assert rep.meta.logotyp is None  # 2025-08 gives no logo of its own


@pytest.mark.parametrize("word,other", [("sjukfrånvaron", "sjukfrånvaro"), ("målet", "mål"),
                                        ("nämnden", "nämnd"), ("kommunen", "kommun"),
                                        ("skolan", "skola")])
def test_search_finds_definite_forms(word, other):
    from snowballstemmer import stemmer
    swedish = stemmer("swedish")
    assert definite_stem(word, swedish.stemWord) == definite_stem(other, swedish.stemWord)
