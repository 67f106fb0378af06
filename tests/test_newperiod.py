"""A new period scaffolded from an earlier one: structure kept, and the checklist asks only for
what a person must give, decided by the new period's own figures once they are in."""
import pytest
from openpyxl import load_workbook
from conftest import PERIOD, edit

from kommunrapport.common.checks import FILL, LATER, REMOVABLE, checklist
from kommunrapport.common.errors import BuildError
from kommunrapport.common.periods import Period
from kommunrapport.model import report
from kommunrapport.model.newperiod import new_period
from kommunrapport.model.workbook import write as write_workbook


def test_new_period_keeps_structure_and_the_check_lists_what_to_fill_in(data_copy):
    folder = new_period("2025-12", PERIOD, data_copy)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in (data_copy / PERIOD).iterdir()] + ["bekrafta.yaml", "arbetsbok.xlsx"])
    # With a byte order mark, so that Swedish Excel opens it with å, ä and ö intact.
    raw = (folder / "driftredovisning.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[1] == "10;Nämnder/Styrelser;;;;"
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
                                            "verksamhet.csv", "arbetsbok.xlsx"}


def test_new_period_never_overwrites(data_copy):
    with pytest.raises(BuildError, match="finns redan"):
        new_period(PERIOD, PERIOD, data_copy)


def test_derivable_values_are_not_asked_for(data_copy):
    """Avvikelse, the Summa rows, Resultat, a plan's utfall (its items') and the analysis
    split's nettoavvikelse follow from what a person gives: not asked, computed later."""
    new_period("2026-04", PERIOD, data_copy)
    _, log = report.check("2026-04", data_copy)
    asked = {(f.file, f.column, f.row) for f in log.errors}
    prognos = {row for file, column, row in asked
               if file == "driftredovisning.csv" and column == "prognos"}
    assert prognos == set(range(2, 25))  # the 23 verksamheter, not the Summa row (25)
    assert not [a for a in asked if a[1] in ("avvikelse", "nettoavvikelse")]
    assert not [a for a in asked if a[0] == "resultat.csv" and a[2] == 6]  # Resultat = I + K
    assert ("investeringar.csv", "utfall", 5) not in asked  # the plan: its items' sum
    assert ("investeringar.csv", "utfall", 6) in asked  # an item of it
    assert ("investeringar.csv", "utfall", 24) not in asked  # Summa
    assert not [a for a in asked if a[0] == "verksamhetsanalys.csv"]  # decided by the figures


def test_the_checklist_is_complete_on_the_first_run(data_copy):
    """Every missing value of every row at once (prognos too), every text, the values carried
    over that name the source period, the one-off items as removable, and the analyses as
    decided once the figures are in, grouped by file; every line fits 100 columns."""
    new_period("2026-04", PERIOD, data_copy)
    _, log = report.check("2026-04", data_copy)
    assert {f.file for f in log.errors} >= {"investeringar.csv", "resultat.csv",
                                            "text/personal.md", "arbetsbok.xlsx"}
    confirm = {(f.file, f.column, f.row) for f in log.warnings if f.action == "bekrafta"}
    assert ("rapport.yaml", "budgetram.beslut", 11) in confirm
    assert ("personal.csv", "avser", 2) in confirm
    assert ("mal.yaml", "malomraden.1.indikator_kommentar", 48) in confirm  # "inför 2026"
    assert ("indikatorvarden.csv", "matning", 3) in confirm  # NKI's "Senaste mätning"
    assert ("verksamhet.csv", "nyckeltal", 11) in confirm  # "… i augusti"
    # The texts are asked for in the workbook new-period wrote (arbetsbok.xlsx).
    removable = {(f.file, f.column, f.row) for f in log.warnings if f.action == REMOVABLE}
    assert removable == {("arbetsbok.xlsx", "blad Prognosposter, kolumn Belopp tkr", row)
                         for row in range(3, 7)}  # the four carried-over prognosposter
    later = [(f.column, f.problem) for f in log.warnings if f.action == LATER]
    assert {c for c, _ in later} == {"blad Analyser, kolumn Analys"} and len(later) == 2
    # The start page quotes the change in årsarbetare since last year: asked for at once.
    [staff] = [f for f in log.errors if (f.file, f.column) == ("personal.csv", "foregaende_ar")]
    assert staff.row == 2 and "startsidan" in staff.expected
    text = checklist(log)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "driftredovisning.csv (69 att fylla i)\n  [ ] utfall: värdet saknas (rad 2–24)" in text
    assert ("[?] budgetram och investeringsram, beslut: oförändrat från förra perioden: ”§156 den "
            "2024-11-25” (rad 11 och 14)") in text.replace("\n      ", " ")
    assert "[ ] blad Mål, kolumn Kommentar: värdet saknas (rad 3–26)" in text
    assert ("[ ] blad Mål, kolumn Bedömning: värdet saknas (rad 3–26). Fyll i: ett av orden i "
            "listan: Målet ej uppfyllt, Målet delvis uppfyllt, Målet uppfyllt i hög grad") in \
        text.replace("\n      ", " ")
    assert ("[-] blad Prognosposter, kolumn Belopp tkr: ingen text citerar den (rad 3–6)"
            ) in text.replace("\n      ", " ")
    assert "[>] blad Analyser, kolumn Analys: vilka verksamheter som behöver en analys" in \
        text.replace("\n      ", " ")


def _fill(folder, stem, values):
    """Fill a scaffolded table's rows (by their first cell) as Swedish Excel saves CSV."""
    lines = (folder / f"{stem}.csv").read_text("utf-8-sig").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(";")
        cells[2:2 + len(values.get(cells[0], []))] = values.get(cells[0], [])
        out.append(";".join(cells))
    (folder / f"{stem}.csv").write_bytes("\r\n".join(out).encode("cp1252") + b"\r\n")


def test_the_analyses_asked_are_decided_by_the_new_periods_figures(data_copy):
    """Once driftredovisning.csv is in: an analysis for each verksamhet over the limit, named
    with code and name; a carried-over one within it is removable, not missing."""
    folder = new_period("2026-04", PERIOD, data_copy)
    rows = {line.split(";")[0]: line.split(";") for line in
            (data_copy / PERIOD / "driftredovisning.csv").read_text("utf-8").splitlines()[1:]}
    april = {k: [v[2], v[4], v[4]] for k, v in rows.items() if k}  # prognos = budget …
    april["44"] = ["-5 200", "-15 910", "-14 410"]  # … but for Skolskjutsar
    april["45"] = ["-24 000", "-72 390", "-72 090"]  # and Gymnasieskola, now over the limit
    _fill(folder, "driftredovisning", april)  # the Summa row and avvikelse left empty
    _, log = report.check("2026-04", data_copy)
    needed = {f.label: f for f in log.warnings if f.action == FILL
              and f.label.startswith("analys för") and "projektet" not in f.label}
    assert sorted(needed) == ["analys för 44 Skolskjutsar", "analys för 45 Gymnasieskola"]
    assert needed["analys för 44 Skolskjutsar"].problem.replace("\u00a0", " ") == \
        "saknas (avvikelse −1 500 tkr, över gränsen 100 tkr)"
    assert needed["analys för 44 Skolskjutsar"].row == 6  # its carried-over row
    removable = {(f.file, f.label, f.row) for f in log.warnings if f.action == REMOVABLE}
    assert ("verksamhetsanalys.csv", "analys för 10 Nämnder/Styrelser", 2) in removable
    # In the workbook, on verksamhet 10's row (the first), whose text is not needed.
    assert ("arbetsbok.xlsx", "blad Analyser, kolumn Analys", 3) in removable
    assert not [f for f in log.findings if f.file == "driftredovisning.csv"]  # all derived
    assert not [f for f in log.warnings if f.action == LATER and "drift" in f.problem]
    # Written again now that the figures are in: each deviation, and what needs an analysis.
    write_workbook(folder, Period.parse("2026-04"))
    rows = {r[1]: r for r in load_workbook(folder / "arbetsbok.xlsx")["Analyser"].iter_rows(
        min_row=3, values_only=True) if r[0] == "verksamhet"}
    assert rows[44][3] == -1500 and rows[44][5].startswith("ja")
    assert rows[45][2] == "Gymnasieskola" and rows[45][5].startswith("ja")  # a new row
    assert rows[10][5].startswith("nej")


def test_a_confirmed_or_changed_value_is_no_longer_listed(data_copy):
    folder = new_period("2026-04", PERIOD, data_copy)
    edit(folder / "rapport.yaml", "§156 den 2024-11-25", "§160 den 2025-11-24")  # changed
    edit(folder / "bekrafta.yaml", "- fil: personal.csv\n  rad: 2", "- fil: personal.csv\n  rad: 99")
    _, log = report.check("2026-04", data_copy)
    confirm = {(f.file, f.column, f.row) for f in log.warnings
               if f.problem.startswith("oförändrat")}
    assert ("rapport.yaml", "budgetram.beslut", 11) not in confirm
    assert ("rapport.yaml", "budgetram.belopp_tkr", 10) in confirm
    assert ("personal.csv", "avser", 2) not in confirm


def test_a_source_period_that_cannot_be_read_is_refused_with_its_findings(data_copy):
    edit(data_copy / PERIOD / "mal.yaml", "bedomning: delvis_uppfyllt",
         "bedomning: delvis_uppfyllt\n\tbedomning_grund: x")
    with pytest.raises(BuildError) as refused:
        new_period("2026-04", PERIOD, data_copy)
    assert "kan inte användas som förlaga" in str(refused.value)
    assert "ett tabbtecken i indraget" in str(refused.value)
    assert not (data_copy / "2026-04").exists() and not list(data_copy.glob(".*"))


def test_a_period_from_excel_files_and_windows_1252_is_scaffolded(data_copy):
    """A source period saved by Swedish Excel (xlsx, or CSV in Windows-1252 with CRLF) gives
    the same scaffold: the workbook's rows as an emptied CSV."""
    from openpyxl import Workbook

    source = data_copy / PERIOD
    book = Workbook()
    for line in (source / "verksamhet.csv").read_text("utf-8").splitlines():
        book.active.append(line.split(";"))
    book.save(source / "verksamhet.xlsx")
    (source / "verksamhet.csv").unlink()
    staff = source / "personal.csv"
    staff.write_bytes(staff.read_text("utf-8").replace("\n", "\r\n").encode("cp1252"))
    folder = new_period("2026-04", PERIOD, data_copy)
    assert not (folder / "verksamhet.xlsx").exists()
    assert (folder / "verksamhet.csv").read_text("utf-8-sig").splitlines()[1] == \
        "nki;Nöjd kund-index (NKI) för kommunens myndighetsutövning mot företag;index;;"
    assert "Anställda årsarbetare" in (folder / "personal.csv").read_text("utf-8-sig")
