"""Writing arbetsbok.xlsx, the nämnd's workbook of what people write (sources/workbook.py
reads it): per goal its kommentar and bedömning (a drop-down of the scale's words), per
verksamhet and project its analysis, the prognosposter, and the personnel figures when no
export gives them. What make new-period fills in (names, numbers, last period's text) is
locked and grey; a person writes in the white cells. Written again once the figures are in
(`write` on a period that has them), it keeps what was written and adds each deviation and
the analyses it asks for.
"""
from __future__ import annotations

from pathlib import Path

from ..common.checks import CheckLog
from ..common.errors import BuildError, DataError
from ..common.formatting import tkr
from ..common.periods import Period
from ..common.reading import read_text, read_yaml_data
from ..sources import workbook
from ..sources.huvudbok import source as tables_source
from ..sources.loading import attempt
from ..sources.schemas import Kontroller
from ..sources.workbook import ANALYSES, CHOICES, GOALS, HEADINGS, ITEMS, STAFF, WRITTEN, blank
from . import analyses, ekonomi

WIDTHS = {"Målområde": 28, "Nämndmål": 34, "Målprecisering": 34, "Kommentar": 70,
          "Bedömning": 30, "Förra periodens kommentar": 60, "Förra periodens bedömning": 26,
          "Typ": 12, "Kod": 7, "Namn": 32, "Avvikelse tkr": 14, "Analys": 70,
          "Behövs analys": 30, "Förra periodens analys": 60, "Post": 28, "Belopp tkr": 14,
          "Förra periodens belopp": 16, "Id": 22, "Nyckeltal": 40, "Enhet": 14, "Avser": 24,
          "Värde": 12, "Föregående år": 14}
INSTRUCTIONS = {
    GOALS: "Skriv kommentaren till varje nämndmål och välj bedömningen i listan. De grå "
           "kolumnerna är ifyllda åt dig (förra periodens kommentar står där som stöd) och kan "
           "inte ändras. Spara som .xlsx; make check läser bladet.",
    ANALYSES: "Skriv en analys för varje verksamhet och projekt som behöver en (kolumnen "
              "Behövs analys). Avvikelsen fylls i när periodens siffror finns: skriv om "
              "arbetsboken med make arbetsbok. En rad som inte behövs kan tas bort.",
    ITEMS: "Belopp i tkr, negativt för en kostnad, för varje prognospost som en text citerar. "
           "En post som ingen text citerar kan tas bort.",
    STAFF: "Personalens nyckeltal, när ingen personalexport finns: ett id per rad, enhet "
           "årsarbetare, procent eller antal.",
}
_LOCKED, _HEAD = "E7E6E6", "D9E1F2"


def _merged(folder: Path | None, name: str, overlay) -> dict:
    """A YAML file's data with the workbook's values of the same folder put in."""
    if folder is None or not (folder / name).is_file():
        return {}
    data = read_yaml_data(folder / name)
    if not isinstance(data, dict):
        return {}
    try:
        overlay(folder, data, read_text(folder / name), folder / name, None)
    except Exception:  # noqa: BLE001 - last period's text is a help, never a stop
        pass
    return data


def _goals(folder: Path | None) -> dict[tuple, dict]:
    """(målområde nr, nämndmål nr) -> the goal's data, as the folder has it."""
    data = _merged(folder, "mal.yaml", workbook.goals)
    out = {}
    for area in data.get("malomraden") or []:
        for goal in (area.get("namndmal") or []) if isinstance(area, dict) else []:
            if isinstance(goal, dict):
                out[(area.get("nr"), goal.get("nr"))] = {**goal, "_area": area,
                                                         "_skala": data.get("skala")}
    return out


def _figures(folder: Path | None, period: Period | None) -> dict | None:
    """The period's verksamheter and projects: names and deviations, and the analysis limit;
    None while the figures are not in or cannot be read (the check says why)."""
    if folder is None or period is None:
        return None
    try:
        return _deviations(folder, period)
    except Exception:  # noqa: BLE001 - names and deviations are a help, never a stop
        return None


def _deviations(folder: Path, period: Period) -> dict | None:
    log = CheckLog()
    meta = read_yaml_data(folder / "rapport.yaml")
    limit = Kontroller.model_validate((meta.get("kontroller") if isinstance(meta, dict)
                                       else None) or {}).analysgrans_tkr
    tables = tables_source.tables(folder, period, limit, log)
    drift = attempt(log, lambda: ekonomi.load_drift(tables, period, log))
    projects = attempt(log, lambda: ekonomi.load_investeringar(tables, period, log))
    if drift is None and projects is None:
        return None
    out = {"limit": limit}
    if drift is not None:
        out[workbook.OPERATING] = dict(zip(drift[0]["kod"], drift[0]["avvikelse"]))
        out["names"] = dict(zip(drift[0]["kod"], drift[0]["verksamhet"]))
    if projects is not None:
        out[workbook.PROJECT] = dict(zip(projects[0]["projekt"], projects[0]["avvikelse"]))
    return out


def _text(value) -> str:
    """A text as a cell shows it: without the line break a YAML block ends with."""
    return "" if value is None else str(value).strip()


def _label(goal: dict, assessment) -> str:
    """An assessment id as the drop-down says it."""
    if blank(assessment):
        return ""
    for step in goal.get("_skala") or []:
        if isinstance(step, dict) and step.get("id") == assessment:
            return str(step.get("namn") or assessment)
    return "Ingen bedömning angiven" if assessment == "ej_angiven" else str(assessment)


def _book_values(folder: Path) -> dict[str, dict]:
    """What is already written in the folder's workbook: goals by their cell, the rest by
    their key."""
    out = {"goals": {}, "texts": {}, "old_goals": {}, "old_texts": {}}
    found = workbook.sheet(folder, GOALS)
    for _, values in (found.rows if found else []):
        key = workbook.goal_key(values["Nämndmål"])
        if key:
            out["goals"][key] = (values["Kommentar"], values["Bedömning"])
            out["old_goals"][key] = {"kommentar": values["Förra periodens kommentar"],
                                     "bedomning": values["Förra periodens bedömning"]}
    for key, (entries, _) in workbook.entries(folder).items():
        out["texts"][key] = {name: value for name, value, _ in entries}
    # Last period's texts as the workbook shows them, for writing it again.
    found = workbook.sheet(folder, ANALYSES)
    for _, values in (found.rows if found else []):
        key = "analyser_drift" if values["Typ"] == workbook.OPERATING else "analyser_investeringar"
        name = workbook.code(values["Kod"]) if key == "analyser_drift" else values["Namn"]
        out["old_texts"].setdefault(key, {})[name] = values["Förra periodens analys"]
    found = workbook.sheet(folder, ITEMS)
    out["old_texts"]["prognosposter"] = {v["Post"]: v["Förra periodens belopp"]
                                         for _, v in (found.rows if found else [])}
    found = workbook.sheet(folder, STAFF)
    out["staff"] = [[v[h] for h in HEADINGS[STAFF]] for _, v in (found.rows if found else [])]
    return out


def _analysis_rows(kind: str, carried: list, figures: dict | None, old_figures: dict | None,
                   texts: tuple[dict, dict]) -> list[list]:
    """One kind's rows: those carried over and those the period's deviations ask for
    (analyses.needed), each with its deviation once the figures are in."""
    written, previous = texts
    deviations = (figures or {}).get(kind)
    over = analyses.needed(deviations, figures["limit"]) if deviations is not None else set()
    names = {**(old_figures or {}).get("names", {}), **(figures or {}).get("names", {})}
    rows = []
    for key in sorted(set(carried) | over | set(written), key=lambda k: (str(type(k)), k)):
        deviation = (deviations or {}).get(key)
        if deviations is None:
            needs = "avgörs när siffrorna är ifyllda"
        elif key in over:
            needs = f"ja, över gränsen {tkr(figures['limit'])} tkr"
        else:
            needs = "nej, raden kan tas bort"
        code, name = (key, names.get(key, "")) if kind == workbook.OPERATING else ("", key)
        rows.append([kind, code, name, None if deviation is None else round(deviation),
                     written.get(key) or "", needs, _text(previous.get(key))])
    return rows


def write(folder: Path, period: Period, source: Path | None = None,
          source_period: Period | None = None, *, figures_in: bool = True) -> Path:
    """arbetsbok.xlsx in `folder`, from its YAML's goals and entries, `source`'s texts as
    last period's (none when it is the first), and what the folder's own workbook already
    holds; with the period's deviations unless its figures are known not to be in yet."""
    broken = [f for f in (workbook.sheets(folder) or {}).values() if isinstance(f, DataError)]
    if broken:  # what is written there is never lost: the workbook is left as it is
        raise BuildError(f"{workbook.NAME} skrivs inte om förrän det här är rättat: {broken[0]}")
    own = _book_values(folder) if workbook.exists(folder) else {"goals": {}, "texts": {}}
    texts = _merged(folder, "ekonomi.yaml", workbook.texts)
    previous = _merged(source, "ekonomi.yaml", workbook.texts) if source else own.get(
        "old_texts", {})
    figures = _figures(folder, period) if figures_in else None
    old_figures = _figures(source, source_period)
    goals, old_goals = _goals(folder), _goals(source) if source else own.get("old_goals", {})
    goal_rows = []
    for key, goal in goals.items():
        area, old = goal["_area"], old_goals.get(key, {})
        mine = own["goals"].get(key, ("", ""))
        goal_rows.append([f"{area.get('nr')} {area.get('namn') or ''}".strip(),
                          f"{key[0]}.{key[1]} {goal.get('namn') or ''}".strip(),
                          goal.get("malprecisering") or "", mine[0] or "", mine[1] or "",
                          _text(old.get("kommentar")), _label(goal, old.get("bedomning"))])
    analysis_rows = []
    for kind, key in ((workbook.OPERATING, "analyser_drift"),
                      (workbook.PROJECT, "analyser_investeringar")):
        analysis_rows += _analysis_rows(
            kind, list(texts.get(key) or {}) + list(previous.get(key) or {}), figures,
            old_figures, (own["texts"].get(key, {}), previous.get(key) or {}))
    old_items = previous.get("prognosposter") or {}
    written_items = own["texts"].get("prognosposter", {})
    items = list(dict.fromkeys(list(texts.get("prognosposter") or {}) + list(old_items)
                               + list(written_items)))
    item_rows = [[k, written_items.get(k), old_items.get(k)] for k in items]

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    words = workbook.choices({"skala": next(iter(goals.values()), {}).get("_skala")})
    _sheet(book, GOALS, goal_rows, drop_down=len(words))
    _sheet(book, ANALYSES, analysis_rows)
    _sheet(book, ITEMS, item_rows)
    if not any(folder.glob("personal.*")):  # the figures no export gives: ids carried over
        staff = own.get("staff") or []
        if not staff and source is not None and workbook.exists(source):
            staff = [row[:4] + [None, None] for row in _book_values(source)["staff"]]
        _sheet(book, STAFF, staff)
    _choices(book, words)
    book.active = 0
    path = folder / workbook.NAME
    staging = path.with_name(f".{workbook.NAME}")
    book.save(staging)
    staging.replace(path)  # a workbook open in another program is never half-written
    return path


def _choices(book, words: list[str]) -> None:
    """A hidden sheet with the drop-down's words (a list of cells: a word may hold a comma)."""
    sheet = book.create_sheet(CHOICES)
    for word in words:
        sheet.append([word])
    sheet.sheet_state = "hidden"


def _sheet(book, name: str, rows: list[list], drop_down: int = 0) -> None:
    """A sheet: the instruction on row 1, the headings on row 2 (both frozen), the rows below;
    written columns white and open, the others grey and locked."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(name)
    headings = HEADINGS[name]
    sheet.append([INSTRUCTIONS[name]])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 48
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    grey = PatternFill("solid", fgColor=_LOCKED)
    for c, heading in enumerate(headings, start=1):
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = WIDTHS.get(heading, 16)
        head = sheet.cell(row=2, column=c)
        head.font, head.fill = Font(bold=True), PatternFill("solid", fgColor=_HEAD)
        written = heading in WRITTEN[name]
        for r in range(3, max(len(rows) + 3, 200)):
            cell = sheet.cell(row=r, column=c)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if written or r >= len(rows) + 3:
                cell.protection = Protection(locked=False)  # new rows may be added below
            else:
                cell.fill = grey
    sheet.freeze_panes = "A3"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False
    sheet.protection.insertRows = sheet.protection.deleteRows = False
    if drop_down:
        column = get_column_letter(headings.index("Bedömning") + 1)
        check = DataValidation(type="list", formula1=f"{CHOICES}!$A$1:$A${drop_down}",
                               allow_blank=True, showErrorMessage=True,
                               errorTitle="Bedömning", error="Välj en bedömning i listan.")
        check.add(f"{column}3:{column}{max(len(rows) + 2, 3)}")
        sheet.add_data_validation(check)
