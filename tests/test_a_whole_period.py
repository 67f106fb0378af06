"""The issue's path for a controller and a verksamhetschef, start to end: April started from
August, its text drafted while the figures are missing and seen in the draft preview, then
the figures put in as the exports give them, the goals, analyses and prognosposter written
in the workbook as Excel saves it, built and published."""
import re
import shutil

from builds import build_report
from conftest import PERIOD
from openpyxl import load_workbook

from kommunrapport.building import preview
from kommunrapport.building.target import Target
from kommunrapport.model import report
from kommunrapport.model.newperiod import new_period
from kommunrapport.publishing import publish
from kommunrapport.sources import workbook

APRIL = "2026-04"
EXPORTS = ["resultat.csv", "driftredovisning.csv", "verksamhetsanalys.csv", "investeringar.csv",
           "personal.csv", "verksamhet.csv", "indikatorvarden.csv"]


def _write(path, sheet: str, column: str, source: str) -> None:
    """Each row's `column` typed as the writer would, here from last period's column."""
    book = load_workbook(path)
    ws = book[sheet]
    headings = [c.value for c in ws[2]]
    for row in range(3, ws.max_row + 1):
        if ws.cell(row=row, column=1).value is not None:
            ws.cell(row=row, column=headings.index(column) + 1).value = ws.cell(
                row=row, column=headings.index(source) + 1).value
    book.save(path)


def test_a_new_period_from_the_first_draft_to_publication(data_copy, tmp_path):
    april = new_period(APRIL, PERIOD, data_copy)
    text = april / "text" / "verksamhet.md"
    text.write_text(text.read_text("utf-8").replace(
        "[Skriv periodens text här.", "Aprils första mening. [Skriv periodens text här.", 1),
        "utf-8")
    folders = dict(out_root=tmp_path / "_build", source_root=tmp_path / "book")
    target = Target.of(APRIL, data_root=data_copy, **folders)
    assert "Utkast" in preview.rebuild(target, lambda *_: None)
    draft = (preview.site_folder(target) / "verksamhet.html").read_text("utf-8")
    assert "Aprils första mening." in draft

    august = data_copy / PERIOD
    for name in EXPORTS:  # the figures, as April's exports give them
        shutil.copy(august / name, april / name)
    for old in (august / "text").glob("*.md"):  # the texts, written
        shutil.copy(old, april / "text" / old.name)
    book = april / workbook.NAME
    _write(book, workbook.GOALS, "Kommentar", "Förra periodens kommentar")
    _write(book, workbook.GOALS, "Bedömning", "Förra periodens bedömning")  # the list's words
    _write(book, workbook.ANALYSES, "Analys", "Förra periodens analys")
    _write(book, workbook.ITEMS, "Belopp tkr", "Förra periodens belopp")
    economy = april / "ekonomi.yaml"
    economy.write_text(re.sub(r"(?m)^besparingar_tkr:.*$", "besparingar_tkr: 3400",
                              economy.read_text("utf-8")), "utf-8")
    rep, log = report.check(APRIL, data_copy)
    assert rep is not None and not log.errors, log.errors[:5]
    assert rep.mal.goals["bedomning"].isin([s["id"] for s in rep.mal.scale]).any()

    index = build_report(APRIL, data_copy, say=lambda *_: None, **folders)
    assert "Utkast" not in index.read_text("utf-8")
    published = publish.publish(APRIL, tmp_path / "intranat", build_root=tmp_path / "_build",
                                data_root=data_copy)
    assert (published / "html" / "index.html").is_file() and any(published.glob("pdf/*.pdf"))
