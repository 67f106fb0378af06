"""A controller starting and finishing a period alone: what they save the way they save it
(Swedish Excel, a text editor) gets an answer they can act on, in Swedish."""
import shutil

import pytest
from conftest import PERIOD, edit

from kommunrapport.__main__ import main
from kommunrapport.common import internal
from kommunrapport.common.checks import INTERNAL, WIDTH, checklist, format_table
from kommunrapport.common.paths import DATA
from kommunrapport.model import report
from kommunrapport.model.newperiod import new_period


def _goals(log):
    return [f for f in log.findings if f.file == "mal.yaml"]


def test_a_colon_in_a_comment_is_named_with_line_character_and_the_line_as_it_should_be(
        data_copy):
    edit(data_copy / PERIOD / "mal.yaml", "kommentar: |\n          Under året har kommunen",
         "kommentar: Status: pågår\n        x: |\n          Under året har kommunen")
    edit(data_copy / PERIOD / "personal.csv", "968,4", "")  # another file's finding
    _, log = report.check(PERIOD, data_copy)
    [syntax] = [f for f in _goals(log) if f.problem.startswith("syntaxfel")]
    assert (syntax.row, syntax.column) == (46, "tecken 26")
    assert syntax.problem == ("syntaxfel: ett värde innehåller kolon och mellanslag, som YAML "
                              "läser som en ny nyckel")
    assert syntax.expected.endswith('citattecken: kommentar: "Status: pågår"')
    # The rest of the file is still read (its warnings need the whole file, its schema not).
    assert ("personal.csv", "varde") in {(f.file, f.column) for f in log.errors}


def test_the_rest_of_a_goal_file_is_checked_past_a_colon(data_copy):
    folder = new_period("2026-04", PERIOD, data_copy)
    (folder / "arbetsbok.xlsx").unlink()  # written in the YAML instead, as some prefer
    edit(folder / "mal.yaml", "kommentar: ''", "kommentar: Status: pågår")
    _, log = report.check("2026-04", data_copy)
    assert [f.row for f in _goals(log) if f.problem.startswith("syntaxfel")] == [57]
    assert {f.where for f in _goals(log) if f.problem == "värdet saknas"} >= {
        "nämndmål 1.1, bedömning", "nämndmål 1.2, kommentar", "nämndmål 5.8, bedömning"}


@pytest.mark.parametrize("broken, problem, hint", [
    ("\tbedomning: delvis_uppfyllt", "ett tabbtecken i indraget", "dra in med mellanslag"),
    ('bedomning: "delvis_uppfyllt', "en text inom citattecken tar aldrig slut",
     "avsluta texten"),
    ("bedomning: `delvis`", "tecknet ` kan inte inleda ett värde", 'bedomning: "`delvis`"'),
])
def test_yaml_syntax_errors_are_explained_in_swedish(data_copy, broken, problem, hint):
    edit(data_copy / PERIOD / "mal.yaml", "        bedomning: delvis_uppfyllt", "        " + broken)
    _, log = report.check(PERIOD, data_copy)
    [syntax] = [f for f in _goals(log) if f.problem.startswith("syntaxfel")]
    assert problem in syntax.problem and hint in syntax.expected
    assert syntax.row and syntax.column.startswith("tecken ")
    assert "mapping" not in syntax.problem and "token" not in syntax.problem


@pytest.mark.parametrize("written", ["Målet delvis uppfyllt", "delvis uppfyllt",
                                     "DELVIS UPPFYLLT", "  målet Delvis uppfyllt "])
def test_the_assessment_is_accepted_in_the_readers_words(data_copy, written):
    edit(data_copy / PERIOD / "mal.yaml", "bedomning: delvis_uppfyllt", f"bedomning: {written}")
    rep, log = report.check(PERIOD, data_copy)
    assert not log.errors
    assert "delvis_uppfyllt" in set(rep.mal.goals["bedomning"])


def test_an_unknown_assessment_lists_the_allowed_words_in_swedish(data_copy):
    edit(data_copy / PERIOD / "mal.yaml", "bedomning: delvis_uppfyllt", "bedomning: gul")
    _, log = report.check(PERIOD, data_copy)
    [wrong] = [f for f in log.errors if f.column.endswith("bedomning")]
    assert wrong.where == "nämndmål 4.1, bedömning"
    assert wrong.expected.startswith("Målet ej uppfyllt, Målet delvis uppfyllt, Målet uppfyllt "
                                     "i hög grad eller Målet helt uppfyllt")
    assert " or " not in wrong.expected and "'" not in wrong.expected


def test_a_controllers_first_april_from_august_saved_by_swedish_excel(data_copy):
    """The issue's path: the operating statement filled in as the checklist asks (utfall,
    prognos, budget on every row and the Summa row too, avvikelse empty), saved by Excel as
    Windows-1252 with CRLF and ';'; personal.csv the same. Findings, no traceback."""
    folder = new_period("2026-04", PERIOD, data_copy)
    august = (data_copy / PERIOD / "driftredovisning.csv").read_text("utf-8").splitlines()
    rows = [line.split(";")[:5] + [""] for line in august]  # avvikelse left empty
    (folder / "driftredovisning.csv").write_bytes(
        "\r\n".join(";".join(r) for r in rows).encode("cp1252") + b"\r\n")
    staff = (data_copy / PERIOD / "personal.csv").read_text("utf-8")
    (folder / "personal.csv").write_bytes(staff.replace("\n", "\r\n").encode("cp1252"))
    rep, log = report.check("2026-04", data_copy)
    assert not [f for f in log.findings if f.file in ("driftredovisning.csv", "personal.csv")
                and f.level == "fel"]
    # August's deviations, so August's analyses: named with code and name.
    labels = {f.label for f in log.findings if f.label.startswith("analys för 44")}
    assert labels == {"analys för 44 Skolskjutsar"}
    assert max(len(line) for line in format_table(log).splitlines()) <= WIDTH
    assert max(len(line) for line in checklist(log).splitlines()) <= WIDTH


def test_an_unexpected_error_is_one_line_naming_the_file_and_the_details_are_logged(
        data_copy, monkeypatch, tmp_path):
    from kommunrapport.model import personal

    def broken(*args, **kwargs):
        from kommunrapport.common.reading import reading
        reading(data_copy / PERIOD / "personal.csv")
        raise TypeError("an error of ours")

    monkeypatch.delenv(internal.DEBUG)
    monkeypatch.setattr(internal, "LOG", tmp_path / "fel.log")
    monkeypatch.setattr(personal, "load", broken)
    _, log = report.check(PERIOD, data_copy)
    [ours] = [f for f in log.findings if f.kind == INTERNAL]
    assert ours.file == "personal.csv" and "TypeError" in ours.problem
    assert "fel.log" in ours.expected
    assert "an error of ours" in (tmp_path / "fel.log").read_text("utf-8")
    assert len(log.errors) == 1  # the other files were checked, and are fine


def test_the_command_line_never_shows_a_traceback(monkeypatch, tmp_path, capsys):
    from kommunrapport.model import report as module

    monkeypatch.delenv(internal.DEBUG)
    monkeypatch.setattr(internal, "LOG", tmp_path / "fel.log")
    monkeypatch.setattr(module, "check", lambda *a, **k: 1 / 0)
    assert main(["check", "--period", PERIOD]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("Ett oväntat fel i rapportverktyget") and "fel.log" in err
    assert "ZeroDivisionError" in (tmp_path / "fel.log").read_text("utf-8")


def test_a_new_period_from_the_ledger_says_the_municipalitys_needs_once(tmp_path):
    """From December's ledger period, as make new-period runs it: the missing export and its
    prognos column are said once, first, then each report's own list; no traceback."""
    import os
    import subprocess
    import sys

    from kommunrapport.common.paths import ROOT

    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    done = subprocess.run([sys.executable, "-m", "kommunrapport", "new-period", "--period",
                           "2026-04", "--from", "2025-12"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "KOMMUNRAPPORT_DATA": str(tmp_path)})
    out = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in out, out
    assert out.count("huvudbok.csv (1 att fylla i)") == 1
    assert out.count("kommun.yaml (1 att fylla i)") == 1
    assert "årets prognos saknas: huvudboken har ingen prognoskolumn" in out
    assert out.index("== gemensamma filer") < out.index("== kommunstyrelsen ==")
    assert max(len(line) for line in out.splitlines()) <= WIDTH
