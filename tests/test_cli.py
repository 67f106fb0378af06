"""The command line a controller uses: `make check` and friends."""
from kommunrapport.__main__ import main


def test_check_prints_the_findings_in_swedish(capsys):
    assert main(["check", "--period", "2025-08"]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    lines = out.splitlines()
    assert lines[0] == "Varningar: 8 i 3 filer"  # no errors: no error section
    assert "driftredovisning.csv: 3 varningar" in lines
    assert lines[lines.index("driftredovisning.csv: 3 varningar") + 1].split() == [
        "Rad", "Var", "Vad", "som", "är", "fel", "Förväntat"]
    assert "skillnad 2 tkr" in out and "nämndmål 2.3, kommentar" in out
    assert max(len(line) for line in lines) <= 100
    assert out.rstrip().endswith("14 kontroller godkända, 0 fel, 8 varningar.")


def test_a_bad_period_is_refused_in_swedish(capsys):
    assert main(["check", "--period", "../../etc"]) == 1
    assert "ange år och månad som ÅÅÅÅ-MM" in capsys.readouterr().err
    assert main(["check", "--period", "2019-08"]) == 1
    assert "Det finns ingen data för perioden 2019-08" in capsys.readouterr().err


def test_help_and_argument_errors_are_in_swedish(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: python -m kommunrapport")
    assert "visa den här hjälpen och avsluta" in out and "kommandon:" in out
    with pytest.raises(SystemExit) as exit_code:
        main(["publish", "--period", "2025-08"])
    assert exit_code.value.code == 2
    assert "fel: följande argument krävs: --to" in capsys.readouterr().err


def test_make_lab_refuses_a_namnd_the_period_does_not_have(capsys):
    """Before JupyterLab starts: the same answer as `make book`, in Swedish."""
    assert main(["lab", "--period", "2025-12", "--namnd", "finns_inte"]) == 1
    assert "Perioden 2025-12 har ingen nämnd 'finns_inte'" in capsys.readouterr().err
