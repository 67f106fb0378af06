"""arbetsbok.xlsx: make new-period writes it per nämnd, a writer fills it in a spreadsheet
program, and the check and the build read it; every problem named by sheet, row and heading,
never a traceback. Filled here with openpyxl as Excel saves it (a drop-down's value is the
word the cell holds)."""
import re
import shutil

import pytest
import yaml
from conftest import PERIOD
from openpyxl import Workbook, load_workbook

from kommunrapport.common.checks import CheckLog, format_table
from kommunrapport.common.errors import BuildError
from kommunrapport.common.paths import DATA
from kommunrapport.common.periods import Period
from kommunrapport.model import mal, personal, report
from kommunrapport.model.newperiod import new_period
from kommunrapport.model.workbook import write
from kommunrapport.sources import workbook

BOARD = "socialnamnden"


def _fill(path, sheet, values: dict) -> None:
    """Set cells by (row, heading), as a writer typing in Excel; saved as Excel saves."""
    book = load_workbook(path)
    ws = book[sheet]
    headings = [c.value for c in ws[2]]
    for (row, heading), value in values.items():
        ws.cell(row=row, column=headings.index(heading) + 1).value = value
    book.save(path)


def _rows(path, sheet) -> list[dict]:
    ws = load_workbook(path, read_only=True)[sheet]
    cells = list(ws.iter_rows(values_only=True))
    return [dict(zip(cells[1], row), _rad=n) for n, row in enumerate(cells[2:], start=3)
            if any(c is not None for c in row)]


def _book_findings(log):
    return [f for f in log.findings if f.file == workbook.NAME]


@pytest.mark.parametrize("source, board", [(PERIOD, None), ("2025-12", BOARD)])
def test_a_new_period_is_written_in_the_workbook_and_read_by_the_check(tmp_path, source, board):
    root = tmp_path / "data"
    shutil.copytree(DATA / source, root / source)
    target = new_period("2026-04", source, root)
    folder = target / board if board else target
    path = folder / workbook.NAME
    goals = _rows(path, workbook.GOALS)
    assert goals and all(g["Kommentar"] is None and g["Förra periodens kommentar"] for g in goals)
    book = load_workbook(path)
    [check] = book[workbook.GOALS].data_validations.dataValidation
    words = [c.value for c in book[workbook.CHOICES]["A"]]
    assert words[-1] == "Ingen bedömning angiven" and len(words) == 5
    assert book[workbook.GOALS].freeze_panes == "A3"
    analyses = _rows(path, workbook.ANALYSES)
    assert analyses and all(a["Typ"] in ("verksamhet", "projekt") for a in analyses)
    assert all(a["Förra periodens analys"] for a in analyses)
    # A writer fills every goal (a word of the drop-down) and every analysis.
    _fill(path, workbook.GOALS, {
        **{(g["_rad"], "Kommentar"): f"Kommentar {g['Nämndmål'][:3]}." for g in goals},
        **{(g["_rad"], "Bedömning"): words[1] for g in goals}})
    _fill(path, workbook.ANALYSES, {(a["_rad"], "Analys"): f"Analys {a['Namn']}."
                                    for a in analyses})
    _, log = report.check("2026-04", root, namnd=board)
    assert not [f for f in _book_findings(log) if f.level == "fel"], format_table(log)
    goals_read = mal.load(folder, Period.parse("2026-04").end, CheckLog())
    assert set(goals_read.goals["bedomning"]) == {"delvis_uppfyllt"}
    first = goals_read.data["malomraden"][0]["namndmal"][0]
    assert first["kommentar"] == "Kommentar 1.1."
    # make arbetsbok writes it again: what is written and last period's text stay.
    write(folder, Period.parse("2026-04"))
    assert [(g["Kommentar"], g["Bedömning"], g["Förra periodens kommentar"])
            for g in _rows(path, workbook.GOALS)] == [
        (f"Kommentar {g['Nämndmål'][:3]}.", words[1], g["Förra periodens kommentar"])
        for g in goals]
    assert [a["Förra periodens analys"] for a in _rows(path, workbook.ANALYSES)] == [
        a["Förra periodens analys"] for a in analyses]


def _to_workbook(folder, period):
    """Move a complete period's texts from its YAML into a workbook written for it."""
    write(folder, Period.parse(period))
    path = folder / workbook.NAME
    goals = yaml.safe_load((folder / "mal.yaml").read_text("utf-8"))
    texts = yaml.safe_load((folder / "ekonomi.yaml").read_text("utf-8"))
    words = {s["id"]: s["namn"] for s in goals["skala"]}
    words["ej_angiven"] = "Ingen bedömning angiven"
    cells = {}
    for row in _rows(path, workbook.GOALS):
        a, g = workbook.goal_key(row["Nämndmål"])
        goal = next(x for area in goals["malomraden"] if area["nr"] == a
                    for x in area["namndmal"] if x["nr"] == g)
        cells[(row["_rad"], "Kommentar")] = goal.pop("kommentar")
        cells[(row["_rad"], "Bedömning")] = words[goal.pop("bedomning")]
    _fill(path, workbook.GOALS, cells)
    cells = {}
    for row in _rows(path, workbook.ANALYSES):
        key = "analyser_drift" if row["Typ"] == "verksamhet" else "analyser_investeringar"
        name = row["Kod"] if row["Typ"] == "verksamhet" else row["Namn"]
        if name in (texts[key] or {}):
            cells[(row["_rad"], "Analys")] = texts[key].pop(name)
    _fill(path, workbook.ANALYSES, cells)
    cells = {(row["_rad"], "Belopp tkr"): texts["prognosposter"].pop(row["Post"])
             for row in _rows(path, workbook.ITEMS)}
    _fill(path, workbook.ITEMS, cells)
    (folder / "mal.yaml").write_text(yaml.safe_dump(goals, allow_unicode=True), "utf-8")
    (folder / "ekonomi.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")


def _given(texts) -> dict:
    """ekonomi's texts without the empty entries (an empty entry is the same as none)."""
    return {key: {k: v for k, v in value.items() if v not in ("", None)}
            if isinstance(value, dict) else value for key, value in texts.model_dump().items()}


@pytest.mark.parametrize("period, board", [(PERIOD, None), ("2025-12", BOARD)])
def test_round_trip_the_report_from_the_workbook_is_the_report_from_yaml(tmp_path, period,
                                                                          board):
    root = tmp_path / "data"
    shutil.copytree(DATA / period, root / period)
    before = report.load(period, root, namnd=board)
    folder = root / period / board if board else root / period
    _to_workbook(folder, period)
    assert not re.search(r"^\s*kommentar:", (folder / "mal.yaml").read_text("utf-8"), re.M)
    after, log = report.check(period, root, namnd=board)
    assert after is not None, format_table(log)
    assert after.mal.data["malomraden"] == before.mal.data["malomraden"]
    assert list(after.mal.goals["bedomning"]) == list(before.mal.goals["bedomning"])
    assert _given(after.ekonomi.texter) == _given(before.ekonomi.texter)
    assert list(after.ekonomi.verksamhetsanalys["analys"]) == list(
        before.ekonomi.verksamhetsanalys["analys"])
    # Written again (figures in): what was written stays, each deviation is shown.
    write(folder, Period.parse(period))
    rows = _rows(folder / workbook.NAME, workbook.ANALYSES)
    assert all(r["Avvikelse tkr"] is not None for r in rows if r["Typ"] == "verksamhet")
    again = report.check(period, root, namnd=board)[0]
    assert _given(again.ekonomi.texter) == _given(before.ekonomi.texter)


@pytest.fixture
def scaffold(data_copy):
    """2026-04 made from 2025-08: its folder, with the workbook; every goal written."""
    folder = new_period("2026-04", PERIOD, data_copy)
    path = folder / workbook.NAME
    _fill(path, workbook.GOALS, {
        (g["_rad"], heading): value for g in _rows(path, workbook.GOALS)
        for heading, value in (("Kommentar", "Arbetet pågår."),
                               ("Bedömning", "Målet delvis uppfyllt"))})
    return folder


def _goals(folder):
    return mal.load(folder, Period.parse("2026-04").end, CheckLog())


def _errors(folder, sheet=None):
    _, log = report.check(folder.name, folder.parent)
    return [f for f in log.errors if f.file == workbook.NAME
            and (sheet is None or (f.column or "").startswith(f"blad {sheet}"))]


def test_a_word_not_in_the_list_is_named_by_sheet_row_and_heading(scaffold):
    _fill(scaffold / workbook.NAME, workbook.GOALS, {(5, "Bedömning"): "Målet nästan uppfyllt",
                                                    (4, "Bedömning"): "målet HELT uppfyllt"})
    [wrong] = _errors(scaffold, workbook.GOALS)
    assert (wrong.row, wrong.column) == (5, "blad Mål, kolumn Bedömning")
    assert "Målet nästan uppfyllt" in wrong.problem
    assert wrong.expected.startswith("ett av orden i listan: Målet ej uppfyllt")


def test_a_value_in_both_the_workbook_and_the_yaml_is_an_error_naming_both(scaffold):
    text = (scaffold / "mal.yaml").read_text("utf-8")
    (scaffold / "mal.yaml").write_text(text.replace("kommentar: ''", "kommentar: I YAML.", 1),
                                       "utf-8")
    _fill(scaffold / workbook.NAME, workbook.GOALS, {(3, "Kommentar"): "I arbetsboken."})
    [both] = [f for f in _errors(scaffold) if "också" in f.problem]
    assert (both.row, both.column) == (3, "blad Mål, kolumn Kommentar")
    assert "mal.yaml (rad " in both.problem


def test_a_value_written_only_in_the_yaml_is_still_read(scaffold):
    text = (scaffold / "mal.yaml").read_text("utf-8")
    (scaffold / "mal.yaml").write_text(text.replace("kommentar: ''", "kommentar: I YAML.", 1),
                                       "utf-8")
    _fill(scaffold / workbook.NAME, workbook.GOALS, {(3, "Kommentar"): None})
    assert _goals(scaffold).data["malomraden"][0]["namndmal"][0]["kommentar"] == "I YAML."
    assert not _errors(scaffold, workbook.GOALS)


def test_moved_columns_are_read_by_their_headings(scaffold):
    path = scaffold / workbook.NAME
    book = load_workbook(path)
    ws = book[workbook.GOALS]
    ws.move_range("D2:E40", cols=5)  # Kommentar and Bedömning to the far right
    book.save(path)
    _fill(path, workbook.GOALS, {(3, "Kommentar"): "Flyttad.", (3, "Bedömning"): "Målet ej uppfyllt"})
    goals = _goals(scaffold)
    assert goals.data["malomraden"][0]["namndmal"][0]["kommentar"] == "Flyttad."
    assert goals.goals["bedomning"].iloc[0] == "ej_uppfyllt"


@pytest.mark.parametrize("damage, problem", [
    ("garbage", "kan inte läsas som Excel-arbetsbok"),
    ("empty", "bladet Mål saknas"),
    ("no sheet", "bladet Analyser saknas"),
    ("no column", "kolumnen Kommentar saknas"),
    ("no headings", "bladet Prognosposter saknar rubrikraden"),
])
def test_a_damaged_workbook_gets_one_finding_never_a_traceback(scaffold, damage, problem):
    path = scaffold / workbook.NAME
    if damage == "garbage":
        path.write_bytes(b"PK\x03\x04 not really a zip")
    elif damage == "empty":
        Workbook().save(path)
    else:
        book = load_workbook(path)
        if damage == "no sheet":
            del book[workbook.ANALYSES]
        elif damage == "no column":
            book[workbook.GOALS].delete_cols(4)
        else:
            book[workbook.ITEMS].delete_rows(1, 2)
        book.save(path)
    found = [f for f in _errors(scaffold) if problem in f.problem]
    assert len(found) == 1, format_table(report.check("2026-04", scaffold.parent)[1])


def test_analyses_and_prognosposter_are_checked_in_their_cells(scaffold):
    path = scaffold / workbook.NAME
    rows = _rows(path, workbook.ANALYSES)
    _fill(path, workbook.ANALYSES, {(rows[0]["_rad"], "Typ"): "avdelning",
                                    (rows[1]["_rad"], "Kod"): "tio"})
    _fill(path, workbook.ITEMS, {(3, "Belopp tkr"): "ca 300"})
    found = {(f.row, f.column): f for f in _errors(scaffold)}
    assert "verksamhet eller projekt" in found[(rows[0]["_rad"], "blad Analyser, kolumn Typ")].expected
    assert (rows[1]["_rad"], "blad Analyser, kolumn Kod") in found
    assert "'ca 300' är inte ett tal" in found[(3, "blad Prognosposter, kolumn Belopp tkr")].problem


def test_personnel_figures_in_the_workbook_when_no_export_gives_them(scaffold):
    (scaffold / "personal.csv").unlink()
    write(scaffold, Period.parse("2026-04"))
    path = scaffold / workbook.NAME
    assert workbook.STAFF in load_workbook(path).sheetnames
    _fill(path, workbook.STAFF, {(3, "Id"): "arsarbetare", (3, "Nyckeltal"): "Årsarbetare",
                                 (3, "Enhet"): "årsarbetare", (3, "Värde"): 101.5,
                                 (4, "Id"): "sjuktal", (4, "Nyckeltal"): "Sjukfrånvaro",
                                 (4, "Enhet"): "kilo", (4, "Värde"): 7})
    log = CheckLog()
    with pytest.raises(Exception):
        personal.load(scaffold, log)
    [unit] = log.errors
    assert (unit.file, unit.row, unit.column) == (workbook.NAME, 4, "blad Personal, kolumn Enhet")
    _fill(path, workbook.STAFF, {(4, "Enhet"): "procent"})
    staff = personal.load(scaffold, CheckLog())
    assert staff.at["arsarbetare", "varde"] == 101.5
    (scaffold / "personal.csv").write_text("id;nyckeltal;enhet;avser;varde\n", "utf-8")
    assert [f for f in _errors(scaffold) if "både" in f.problem]


def test_writing_it_again_never_loses_what_a_damaged_workbook_holds(scaffold):
    path = scaffold / workbook.NAME
    path.write_bytes(b"not a workbook")
    with pytest.raises(BuildError, match="skrivs inte om"):
        write(scaffold, Period.parse("2026-04"))
    assert path.read_bytes() == b"not a workbook"
