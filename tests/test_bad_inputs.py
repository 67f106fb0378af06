"""Every case of the bad-input corpus gets exactly the finding it names."""
from pathlib import Path

import pytest
import yaml
from conftest import PERIOD, edit

from kommunrapport.common.checks import ChecksFailed, Finding
from kommunrapport.model import report

CASES = yaml.safe_load((Path(__file__).parent / "bad_inputs" / "cases.yaml").read_text("utf-8"))


def apply(case: dict, folder: Path) -> None:
    path = folder / case["file"]
    if case.get("delete"):
        path.unlink()
    if "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    for key in ("replace", "and_replace"):
        if key in case:
            edit(path, *case[key])
    if "encode" in case:
        path.write_bytes(path.read_text(encoding="utf-8").encode(case["encode"]))
    if "append_rows" in case:  # a file too large for a report table
        lines = path.read_text(encoding="utf-8").splitlines()
        extra = [lines[case["append_rows"]["copy_row"] - 1]] * case["append_rows"]["times"]
        path.write_text("\n".join(lines[:1] + extra + lines[1:]) + "\n", encoding="utf-8")
    if "append_bytes" in case:
        path.write_bytes(path.read_bytes() + bytes.fromhex(case["append_bytes"]))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case, data_copy):
    apply(case, data_copy / PERIOD)
    rep, log = report.check(PERIOD, data_copy)
    if case["expect"] is None:
        assert not log.errors
        return
    expected = Finding(**{k: case["expect"][k] for k in ("level", "file", "row", "column",
                                                           "problem")})
    found = [Finding(f.level, f.file, f.row, f.column, f.problem.replace("\u00a0", " "))
             for f in log.findings]
    assert expected in found, "\n".join(map(str, found))
    if expected.level == "fel":
        assert rep is None
        with pytest.raises(ChecksFailed, match="inget kapitel har körts"):
            report.load(PERIOD, data_copy)
    else:
        assert rep is not None


def test_reference_data_has_no_errors_and_its_known_quirks_as_warnings(rep):
    problems = [f.problem.replace("\u00a0", " ") for f in rep.checks.warnings]
    assert not rep.checks.errors
    assert any("avrundningsdifferens" in p and "skillnad 2 tkr" in p for p in problems)
    assert any(f.where == "nämndmål 2.3, kommentar"
               and f.problem.startswith("upprepar en mening från nämndmål 2.2")
               for f in rep.checks.warnings)
    assert sum(p.startswith("ingen bedömning (ej_angiven)") for p in problems) == 2
    assert len(rep.checks.passed) >= 10


def test_excel_export_is_read_like_csv(data_copy, rep):
    from openpyxl import Workbook

    folder = data_copy / PERIOD
    book = Workbook()
    sheet = book.active
    sheet.append(["Kod", "Verksamhet", "Utfall", "Prognos", "Budget", "Avvikelse"])  # any case
    for r in rep.ekonomi.drift.itertuples():
        sheet.append([r.kod, r.verksamhet, r.utfall, r.prognos, r.budget, r.avvikelse])
    sheet.append([None, "Summa Kommunstyrelsen", -118340, -181875, -179714, -2161])
    book.save(folder / "driftredovisning.xlsx")
    (folder / "driftredovisning.csv").unlink()
    again, log = report.check(PERIOD, data_copy)
    assert not log.errors
    assert again.ekonomi.drift_total.computed == rep.ekonomi.drift_total.computed


def test_comma_separated_export_with_decimal_points_and_other_column_spelling(data_copy):
    path = data_copy / PERIOD / "personal.csv"
    rows = [line.split(";") for line in path.read_text("utf-8").splitlines()]
    rows[0] = [c.replace("foregaende_ar", " Föregående år ").upper() for c in rows[0]]
    text = "\n".join(",".join(f'"{c.replace(",", ".")}"' for c in row) for row in rows)
    path.write_text(text, encoding="utf-8-sig")
    rep, log = report.check(PERIOD, data_copy)
    assert not log.errors
    assert rep.personal.at["arsarbetare", "varde"] == 968.4
    assert rep.personal.at["sjukfranvaro_klf", "foregaende_ar"] == 4.43


def test_the_mal_chapter_shows_the_malomraden_the_data_has(data_copy, monkeypatch):
    """No list of målområden in the chapter to keep in step with the data: a period with four
    of the five checks, and the chapter shows those four, in mal.yaml's order."""
    from kommunrapport.presentation import chapter, tables

    path = data_copy / PERIOD / "mal.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["malomraden"] = data["malomraden"][:4]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rep, log = report.check(PERIOD, data_copy)
    assert not log.errors
    shown = []
    monkeypatch.setattr(chapter, "display", lambda shows, **_: shown.append(shows))
    monkeypatch.setattr(tables, "display", lambda shows, **_: None)
    chapter.Chapter(rep, chapter._Figures(report.figures(rep), rep.period)).goal_areas()
    headings = [s["text/markdown"].split("\n")[0] for s in shown
                if isinstance(s, dict) and s.get("text/markdown", "").startswith("## ")]
    assert headings == [f"## Målområde {a['nr']}: {chapter.escape_md(a['namn'])}"
                        for a in data["malomraden"]]


def test_a_chapters_texts_are_checked_however_the_call_is_written(data_copy, tmp_path):
    """The check reads the chapters' calls from their syntax: single quotes, another name for
    the chapter object or a text it cannot read never switch it off."""
    import shutil

    from kommunrapport.common.paths import NOTEBOOKS

    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    edit(notebooks / "personal.ipynb", 'kapitel.prose(\\"personal.md\\")',
         "kapitel.prose('personal.md')")
    edit(notebooks / "ekonomi.ipynb", "kapitel.md(", "k = kapitel\\n\",\n    \"k.md(")
    edit(notebooks / "ekonomi.ipynb", "{budgetram_beslut}", "{budgetram_beslutet}")
    edit(notebooks / "verksamhet.ipynb", 'kapitel.prose(\\"verksamhet.md\\")',
         'kapitel.prose(\\"verksamhet\\" + \\".md\\")')
    (data_copy / PERIOD / "text" / "personal.md").unlink()
    rep, log = report.check(PERIOD, data_copy, notebooks)
    assert rep is None
    problems = {(e.file, e.problem) for e in log.errors}
    assert ("text/personal.md", "texten saknas (kapitlet personal tar med den)") in problems
    assert any(file == "ekonomi.ipynb" and "siffran 'budgetram_beslutet' finns inte för "
               "perioden; menade du budgetram_beslut," in problem
               for file, problem in problems), problems
    assert any(file == "verksamhet.ipynb" and "texten till prose är inte en vanlig sträng"
               in problem for file, problem in problems), problems


def test_a_figure_with_a_format_is_refused_with_its_line(data_copy):
    """The figures are formatted already: `{glue:text}`key:.2f`` would be ignored silently,
    so it is refused, named by file and line."""
    path = data_copy / PERIOD / "text" / "personal.md"
    path.write_text(path.read_text("utf-8") + "\nÅrsarbetare: {glue:text}`personal_arsarbetare:.2f`.\n",
                    encoding="utf-8")
    rep, log = report.check(PERIOD, data_copy)
    assert rep is None
    [error] = log.errors
    assert (error.file, error.row) == ("text/personal.md", len(path.read_text("utf-8").splitlines()))
    assert error.problem == "siffran 'personal_arsarbetare' har formatet ':.2f'"
    assert error.expected.startswith("{glue:text}`personal_arsarbetare:s`")


def test_an_unknown_figure_in_a_chapters_own_text_fails_the_check(data_copy, tmp_path):
    """`{key}` fields in chapter.md are checked like roles in the text files: the check, not
    the chapter, stops a mistyped key."""
    import shutil

    from kommunrapport.common.paths import NOTEBOOKS

    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    edit(notebooks / "ekonomi.ipynb", "{budgetram_beslut}", "{budgetram_beslutet}")
    rep, log = report.check(PERIOD, data_copy, notebooks)
    assert rep is None
    [error] = log.errors
    assert error.file == "ekonomi.ipynb"
    assert "siffran 'budgetram_beslutet' finns inte för perioden; menade du " \
        "budgetram_beslut," in error.problem
