"""A new period scaffolded from an earlier one: structure kept, everything to fill in listed."""
import pytest

from kommunrapport import report
from kommunrapport.errors import BuildError
from kommunrapport.newperiod import new_period

from conftest import PERIOD


def test_new_period_keeps_structure_and_the_check_lists_what_to_fill_in(data_copy):
    folder = new_period("2025-12", PERIOD, data_copy)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (data_copy / PERIOD).iterdir())
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
