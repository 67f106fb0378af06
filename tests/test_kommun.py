"""The municipality's own report from a small ledger, every figure computed by hand: the
resultaträkning, balansräkning, kassaflödesanalys, balanskrav and financial goals, the
reconciliations, and the errors a wrong mapping or an unbalanced ledger gives."""
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from kommunrapport.common.paths import DATA
from kommunrapport.model.kommun import report as kommun

PERIOD = "2025-12"
# Ansvar;Vht;Konto;Projekt;IB;Utfall;Budget (kronor, debet positive). Two nämnder, the
# finansförvaltning (9000) and the balance accounts (9050); 1930 (bank) balances the year.
LEDGER = """\
1000;10;3110;;;-100 000;-90 000
1000;10;5010;;;400 000;380 000
1000;10;7810;;;50 000;50 000
1000;10;1110;P1;0;80 000;100 000
2000;50;3110;;;-200 000;-210 000
2000;50;5010;;;1 500 000;1 450 000
2000;50;6110;;;300 000;320 000
9000;99;8010;;;-2 000 000;-1 950 000
9000;99;8210;;;-300 000;-300 000
9000;99;8510;;;20 000;25 000
9050;99;3960;;;-10 000;0
9050;99;1110;;5 000 000;-30 000;0
9050;99;1119;;-1 000 000;-50 000;0
9050;99;1510;;200 000;20 000;0
9050;99;1930;;300 000;240 000;0
9050;99;2090;;-1 000 000;0;0
9050;99;2210;;-100 000;-5 000;0
9050;99;2310;;-3 000 000;100 000;0
9050;99;2440;;-400 000;-15 000;0
"""


def _municipality(root: Path, ledger: str = LEDGER) -> Path:
    """data/2025-12 with the small ledger, two nämnder (their files from the example, their
    texts plain) and the municipality's own folder."""
    folder = root / PERIOD
    folder.mkdir(parents=True)
    kommun_yaml = {
        "organisation": "Provkommun",
        "huvudbok": {"fil": "huvudbok.csv", "kolumner": {
            "ansvar": "Ansvar", "verksamhet": "Vht", "konto": "Konto", "projekt": "Projekt",
            "ib": "IB", "utfall": "Utfall", "budget": "Budget"}},
        "namnder": [{"id": "kommunstyrelsen", "namn": "Kommunstyrelsen", "ansvar": ["1000-1999"]},
                    {"id": "socialnamnden", "namn": "Socialnämnden", "ansvar": ["2000-2999"]}],
        "utanfor_namnder": ["9000-9099"],
        "verksamheter": {10: "Politisk verksamhet", 50: "Äldreomsorg", 99: "Finansiering"},
        "projekt": [{"kod": "P1", "namn": "Skola"}],
    }
    (folder / "kommun.yaml").write_text(yaml.safe_dump(kommun_yaml, allow_unicode=True), "utf-8")
    (folder / "huvudbok.csv").write_text("Ansvar;Vht;Konto;Projekt;IB;Utfall;Budget\n" + ledger,
                                         encoding="utf-8")
    for namnd in ("kommunstyrelsen", "socialnamnden"):
        shutil.copytree(DATA / PERIOD / "socialnamnden", folder / namnd,
                        ignore=shutil.ignore_patterns("indikator*", "kolada.json"))
        meta = yaml.safe_load((folder / namnd / "rapport.yaml").read_text("utf-8"))
        meta["namnd"] = "Kommunstyrelsen" if namnd == "kommunstyrelsen" else "Socialnämnden"
        (folder / namnd / "rapport.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True),
                                                     "utf-8")
        # No deviation here is over the limit: no analyses, an empty analysis table.
        (folder / namnd / "ekonomi.yaml").write_text("besparingar_tkr: 0\n", encoding="utf-8")
        for text in (folder / namnd / "text").glob("*.md"):
            text.write_text("En text.\n", encoding="utf-8")
    shutil.copytree(DATA / PERIOD / "kommunen", folder / "kommunen")
    for text in (folder / "kommunen" / "text").glob("*.md"):
        text.write_text("En text.\n", encoding="utf-8")
    return root


@pytest.fixture
def small(tmp_path) -> Path:
    return _municipality(tmp_path / "data")


def test_the_statements_are_the_ledgers_as_computed_by_hand(small):
    rep = kommun.load(PERIOD, small)
    rr = {line: v["utfall"] for line, v in rep.statements.rr.items()}
    assert rr == {
        "verksamhetens_intakter": 310_000, "verksamhetens_kostnader": -2_200_000,
        "avskrivningar": -50_000, "=verksamhetens_nettokostnad": -1_940_000,
        "skatteintakter": 2_000_000, "generella_statsbidrag": 300_000,
        "=verksamhetens_resultat": 360_000, "finansiella_intakter": 0,
        "finansiella_kostnader": -20_000, "=resultat_efter_finansiella_poster": 340_000,
        "extraordinara_poster": 0, "=arets_resultat": 340_000}
    assert rep.statements.result("budget") == 325_000
    br = {line: v for line, v in rep.statements.br.items() if any(v)}
    assert br == {"mark_byggnader_tekniska_anlaggningar": (4_000_000, 4_000_000),
                  "fordringar": (200_000, 220_000), "kassa_och_bank": (300_000, 540_000),
                  "arets_resultat": (0, 340_000), "ovrigt_eget_kapital": (1_000_000, 1_000_000),
                  "avsattningar_pensioner": (100_000, 105_000),
                  "langfristiga_skulder": (3_000_000, 2_900_000),
                  "kortfristiga_skulder": (400_000, 415_000)}
    cash = dict((label, value) for label, value in rep.kassaflode)
    assert cash["=Medel från verksamheten före förändring av rörelsekapital"] == 385_000
    assert cash["=Kassaflöde från den löpande verksamheten"] == 380_000
    assert cash["=Kassaflöde från investeringsverksamheten"] == -40_000
    assert cash["=Kassaflöde från finansieringsverksamheten"] == -100_000
    assert cash["=Årets kassaflöde"] == 240_000 == 540_000 - 300_000


def test_balanskrav_goals_and_the_nämnder_together(small):
    rep = kommun.load(PERIOD, small)
    assert rep.balanskrav.after_adjustments == 330_000  # less the realisation gain
    assert rep.balanskrav.result == 330_000
    values = {b.goal.matt: round(b.value, 2) for b in rep.hushallning}
    assert values == {"resultat_andel": round(100 * 340_000 / 2_300_000, 2),
                      "sjalvfinansieringsgrad": round(100 * 390_000 / 80_000, 2),
                      "soliditet": round(100 * 1_340_000 / 4_760_000, 2)}
    assert [b.met for b in rep.hushallning] == [True, True, False]  # soliditet under 45 %
    results = {n.id: n.resultat["utfall"] for n in rep.namnder}
    assert results == {"kommunstyrelsen": -350, "socialnamnden": -1_600}  # tkr
    assert rep.finansforvaltning["utfall"] == 2_290_000  # taxes, grants, interest, the gain
    assert -350_000 - 1_600_000 + 2_290_000 == rep.statements.result()
    assert rep.investeringar["utfall"] == 80_000
    passed = "\n".join(rep.checks.passed)
    for check in ("balansräkningen balanserar", "eget kapital har förändrats med årets resultat",
                  "nämndernas resultat och finansförvaltningen summerar till årets resultat",
                  "kassaflödesanalysen slutar i förändringen av likvida medel"):
        assert check in passed


def _errors(root: Path) -> list:
    rep, log = kommun.check(PERIOD, root)
    assert rep is None
    return [replace(e, problem=e.problem.replace("\u00a0", " ")) for e in log.errors]


def test_an_account_in_no_statement_is_named_with_its_row(tmp_path):
    root = _municipality(tmp_path / "data", LEDGER + "9000;99;8650;;;0;0\n")
    [error] = _errors(root)
    assert error.file == "huvudbok.csv" and error.row == 21 and error.column == "Konto"
    assert error.problem == ("kontot 8650 hör inte till någon rad i resultaträkningen eller "
                             "balansräkningen (rad 21)")


def test_a_ledger_that_does_not_balance_never_builds(tmp_path):
    root = _municipality(tmp_path / "data", LEDGER.replace(
        "9050;99;1930;;300 000;240 000;0", "9050;99;1930;;300 000;241 000;0"))
    [error] = _errors(root)
    assert (error.file, error.column) == ("huvudbok.csv", "Utfall")
    assert error.problem == "periodens bokföring balanserar inte: utfallet summerar till 1 000 kr"


def test_opening_balances_that_do_not_balance_and_a_missing_one(tmp_path):
    root = _municipality(tmp_path / "data", LEDGER.replace(
        "9050;99;2090;;-1 000 000;0;0", "9050;99;2090;;-999 000;0;0").replace(
        "9050;99;2440;;-400 000;", "9050;99;2440;;;"))
    problems = {(e.row, e.column, e.problem) for e in _errors(root)}
    assert (20, "IB", "balanskontot 2440 saknar ingående balans (rad 20)") in problems


def test_unbalanced_opening_balances_are_named(tmp_path):
    root = _municipality(tmp_path / "data", LEDGER.replace(
        "9050;99;2090;;-1 000 000;0;0", "9050;99;2090;;-999 000;0;0"))
    [error] = _errors(root)
    assert error.column == "IB"
    assert error.problem == ("de ingående balanserna balanserar inte: tillgångarna är 1 000 kr "
                             "större än eget kapital, avsättningar och skulder")


def test_the_delårsrapport_judges_the_year_on_its_prognos():
    """2026-08 (invented): the balanskrav and the result's goal on the year's prognos, the
    resultaträkning with the prognos beside the period's utfall."""
    rep = kommun.load("2026-08")
    s = rep.statements
    assert rep.basis == "prognos" and s.result("prognos") != s.result("utfall")
    assert rep.balanskrav.lines[0] == ("Årets resultat enligt resultaträkningen",
                                       s.result("prognos"))
    [result_goal] = [b for b in rep.hushallning if b.goal.matt == "resultat_andel"]
    revenue = s.rr["skatteintakter"]["prognos"] + s.rr["generella_statsbidrag"]["prognos"]
    assert result_goal.value == pytest.approx(100 * s.result("prognos") / revenue)
    assert not rep.historik  # a delårsrapport has no five-year overview


def test_the_last_year_end_is_shown_as_it_was_published():
    """The balansräkning's last year-end column carries last year's result as its own line
    (the opening balances have it inside the other equity): December takes it from the
    result's column for last year, a delårsrapport from last year's årsredovisning."""
    december = kommun.load("2025-12").statements
    assert december.br["arets_resultat"][0] == december.rr["=arets_resultat"]["utfall_fg"] != 0
    august = kommun.load("2026-08").statements
    assert august.br["arets_resultat"][0] == december.result()
    assert august.br["ovrigt_eget_kapital"][0] == december.br["ovrigt_eget_kapital"][1]


@pytest.mark.parametrize("result, earlier, special, left", [
    (-5, 2, 0, -7), (3, 2, 0, 0), (1, 2, 0, -1), (1, 2, 2, 0), (-1, 0, 0, -1), (4, 0, 0, 0)])
def test_the_balanskravsutredning_carries_the_deficits_still_to_restore(result, earlier,
                                                                        special, left):
    from kommunrapport.model.kommun import balanskrav
    from kommunrapport.sources.kommunen import Balanskravsjusteringar

    decided = Balanskravsjusteringar(underskott_tidigare_ar=earlier, synnerliga_skal=special)
    krav = balanskrav.utredning(result, 0, 0, decided)
    assert krav.lines[-1] == ("=Balanskravsunderskott att återställa", left)
    assert krav.result == result and krav.to_restore == left
