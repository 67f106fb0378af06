"""A new period scaffolded from an earlier one: structure kept, everything to fill in listed."""
import pytest
from conftest import PERIOD

from kommunrapport.common.errors import BuildError
from kommunrapport.model import report
from kommunrapport.model.newperiod import new_period


def test_new_period_keeps_structure_and_the_check_lists_what_to_fill_in(data_copy):
    folder = new_period("2025-12", PERIOD, data_copy)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in (data_copy / PERIOD).iterdir()] + ["bekrafta.yaml"])
    assert (folder / "driftredovisning.csv").read_text("utf-8").splitlines()[1] == \
        "10;Nämnder/Styrelser;;;;"
    rep, log = report.check("2025-12", data_copy)
    assert rep is None
    missing = {(f.file, f.row, f.column) for f in log.errors if f.problem == "värdet saknas"}
    assert ("driftredovisning.csv", 2, "utfall") in missing
    assert ("investeringar.csv", 24, "avvikelse") not in missing  # the optional stays optional
    assert ("personal.csv", 2, "varde") in missing
    problems = [f.problem for f in log.errors]
    # Nothing structural is wrong: only values and the period's texts are missing.
    assert not [p for p in problems if "saknas" not in p
                and p != "texten är inte skriven för perioden"], problems
    assert {f.file for f in log.errors} >= {"driftredovisning.csv", "personal.csv",
                                            "verksamhet.csv", "mal.yaml", "ekonomi.yaml"}


def test_new_period_never_overwrites(data_copy):
    with pytest.raises(BuildError, match="finns redan"):
        new_period(PERIOD, PERIOD, data_copy)


def test_the_checklist_is_complete_on_the_first_run(data_copy):
    """Every missing value of every row at once (prognos too), every text, and the values
    carried over that usually change, grouped by file as a checklist."""
    from kommunrapport.common.checks import checklist

    new_period("2026-04", PERIOD, data_copy)
    _, log = report.check("2026-04", data_copy)
    missing_prognos = {f.row for f in log.errors
                       if f.file == "driftredovisning.csv" and f.column == "prognos"}
    assert missing_prognos == set(range(2, 26))  # all 23 verksamheter and the Summa row
    assert {f.file for f in log.errors} >= {"verksamhetsanalys.csv", "investeringar.csv",
                                            "resultat.csv", "text/personal.md"}
    confirm = {(f.file, f.column, f.row) for f in log.warnings
               if f.problem.startswith("oförändrat från förra perioden")}
    assert ("rapport.yaml", "budgetram.beslut", None) in confirm
    assert ("personal.csv", "avser", 2) in confirm
    text = checklist(log)
    assert "driftredovisning.csv\n  [ ] prognos: prognosen saknas (rad 2–25)" in text
    assert "  [?] budgetram › beslut: oförändrat från förra perioden: §156 den 2024-11-25" in text
    assert "nämndmål 2.3: kommentar: värdet saknas" in text
    assert "analys för verksamhet 10: värdet saknas" in text  # the code, not a position


def test_a_confirmed_or_changed_value_is_no_longer_listed(data_copy):
    from conftest import edit

    folder = new_period("2026-04", PERIOD, data_copy)
    edit(folder / "rapport.yaml", "§156 den 2024-11-25", "§160 den 2025-11-24")  # changed
    edit(folder / "bekrafta.yaml", "- fil: personal.csv\n  rad: 2", "- fil: personal.csv\n  rad: 99")
    _, log = report.check("2026-04", data_copy)
    confirm = {(f.file, f.column, f.row) for f in log.warnings
               if f.problem.startswith("oförändrat")}
    assert ("rapport.yaml", "budgetram.beslut", None) not in confirm
    assert ("rapport.yaml", "budgetram.belopp_tkr", None) in confirm
