"""The municipality's statements and summaries as the reader sees them: resultaträkning,
balansräkning, kassaflödesanalys, balanskravsutredning, the financial goals and the nämnder
together. Amounts in tkr, rounded once from kronor; headings and sums set apart."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

import pandas as pd

from ..common.formatting import percent, tkr
from ..model.kommun import statements as st
from ..model.kommun.hushallning import NAMES
from ..model.kommun.report import KommunReport
from .goals import COLOURS
from .tables import breakable, hidden_on_phone, phone_note_html

KINDS = ("rubrik", "rad", "summa")


@dataclass
class Row:
    label: str
    kind: str = "rad"                          # rubrik, rad or summa
    values: list[float | None] | None = None   # kronor, one per column
    note: int | None = None                    # the number of the note that explains it


def table_html(rows: list[Row], columns: list[str], caption: str) -> str:
    """A statement as a static table (short enough to print whole): the label is each row's
    header cell, then its note's number (if any row has one), amounts in tkr."""
    notes = any(r.note for r in rows)
    # On a phone the label and the figures a reader compares; the note numbers make way.
    names = ["tkr"] + (["Not"] if notes else []) + columns
    phone = set(hidden_on_phone(names))

    def cls(name: str) -> str:
        return "tal" + (" smal-dold" if name in phone else "")

    head = (f'<th scope="col" class="{cls("Not")}">Not</th>' if notes else "") + "".join(
        f'<th scope="col" class="{cls(c)}">{escape(c)}</th>' for c in columns)
    body = []
    for row in rows:
        if row.kind == "rubrik":
            span = len(columns) + 1 + notes
            body.append(f'<tr class="rubrik"><th scope="rowgroup" colspan="{span}">'
                        f"{escape(row.label)}</th></tr>")
            continue
        note = (f'<td class="{cls("Not")}"><a href="#not-{row.note}">{row.note}</a></td>'
                if row.note else f'<td class="{cls("Not")}"></td>') if notes else ""
        cells = "".join(f'<td class="{cls(c)}">{"" if v is None or pd.isna(v) else tkr(v / 1000)}</td>'
                        for c, v in zip(columns, row.values))
        kind = ' class="summa"' if row.kind == "summa" else ""
        body.append(f'<tr{kind}><th scope="row">{breakable(escape(row.label))}</th>{note}{cells}</tr>')
    return (f'<div class="tabell-ram rakenskap" tabindex="0" role="region" '
            f'aria-label="Tabell: {escape(caption)}"><table class="print-table">'
            f"<caption>{escape(caption)}</caption><thead><tr>"
            f'<th scope="col" class="text">tkr</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{phone_note_html(names)}")


def _note_of(rep: KommunReport) -> dict[str, int]:
    return {n.line: n.nr for n in rep.noter}


def _date(d: date) -> str:
    """2025-12-31, never broken at its hyphens (U+2011) in a narrow column."""
    return d.isoformat().replace("-", "\u2011")


def rr_columns(rep: KommunReport) -> list[tuple[str, str]]:
    """(column key, heading) of the resultaträkning for the period."""
    p = rep.period
    before = p.utfall_heading.replace(str(p.year), str(p.year - 1)) if p.month == 12 else \
        f"Utfall {date(p.year - 1, p.month, p.end.day if p.month != 2 else 28):%y-%m-%d}"
    columns = [("utfall", p.utfall_heading)]
    if not all(pd.isna(v["utfall_fg"]) for v in rep.statements.rr.values()):
        columns.append(("utfall_fg", before))
    columns.append(("budget", p.budget_heading))
    if p.has_prognos:
        columns.append(("prognos", p.prognos_heading))
    columns.append(("avvikelse", "Avvikelse mot budget"))
    return columns


def resultatrakning_html(rep: KommunReport) -> str:
    columns = rr_columns(rep)
    rows = []
    for line, label in st.RR:
        amounts = dict(rep.statements.rr[line])
        amounts["avvikelse"] = amounts[rep.basis] - amounts["budget"]
        if not line.startswith("=") and all(amounts[c] == 0 for c, _ in columns
                                            if not pd.isna(amounts[c])):
            continue  # a line with nothing in it (extraordinära poster) is left out
        rows.append(Row(label, "summa" if line.startswith("=") else "rad",
                        [amounts[c] for c, _ in columns], _note_of(rep).get(line)))
    return table_html(rows, [h for _, h in columns],
                      f"Resultaträkning {rep.period.months}, tkr")


def _br_rows(rep: KommunReport, side: tuple) -> list[Row]:
    s = rep.statements
    heading, groups = side
    rows = [Row(heading, "rubrik")]
    for name, lines in groups:
        values = [[s.br[line][1], s.br[line][0]] for line, _ in lines]
        if not any(any(v) for v in values):
            continue  # nothing on any of the group's lines, at either date
        if len(lines) == 1 and lines[0][1] == name:
            rows.append(Row(name, "rad", values[0], _note_of(rep).get(lines[0][0])))
            continue
        rows.append(Row(name, "rubrik"))
        rows += [Row(label, "rad", v, _note_of(rep).get(line))
                 for (line, label), v in zip(lines, values) if any(v)]
        total = s.part(name)
        rows.append(Row(f"Summa {name[0].lower()}{name[1:]}", "summa", [total[1], total[0]]))
    total = s.total(side)
    rows.append(Row(f"Summa {heading[0].lower()}{heading[1:]}", "summa", [total[1], total[0]]))
    return rows


def balansrakning_html(rep: KommunReport) -> str:
    p, meta = rep.period, rep.meta
    rows = _br_rows(rep, st.ASSETS) + _br_rows(rep, st.CLAIMS)
    rows.append(Row("Panter och ansvarsförbindelser", "rubrik"))
    rows.append(Row("Pensionsförpliktelser som inte har tagits upp bland skulderna eller "
                    "avsättningarna", "rad",
                    [meta.pensionsforpliktelser.ub, meta.pensionsforpliktelser.ib]))
    if meta.borgensataganden:
        rows.append(Row("Borgensåtaganden", "rad",
                        [meta.borgensataganden.ub, meta.borgensataganden.ib]))
    return table_html(rows, [_date(p.end), _date(date(p.year - 1, 12, 31))],
                      f"Balansräkning {_date(p.end)}, tkr")


def kassaflode_html(rep: KommunReport) -> str:
    rows = []
    for label, value in rep.kassaflode:
        if label.startswith("#"):
            rows.append(Row(label[1:], "rubrik"))
        elif label.startswith("="):
            rows.append(Row(label[1:], "summa", [value]))
        elif round(value):  # a kind of flow the year did not have is left out
            rows.append(Row(label, "rad", [value]))
    return table_html(rows, [rep.period.utfall_heading],
                      f"Kassaflödesanalys {rep.period.months}, tkr")


def balanskrav_html(rep: KommunReport) -> str:
    rows = [Row(label.lstrip("="), "summa" if label.startswith("=") else "rad", [value])
            for label, value in rep.balanskrav.lines]
    heading = rep.period.prognos_heading if rep.period.has_prognos else rep.period.utfall_heading
    return table_html(rows, [heading], f"Balanskravsutredning {rep.period.year}, tkr")


def _assessment_badge(met: bool | None, forecast: bool) -> str:
    if met is None:
        words, key = "Kan inte bedömas", "ej_angiven"
    elif met:
        words, key = ("Beräknas uppfyllas" if forecast else "Uppfyllt"), "helt_uppfyllt"
    else:
        words, key = ("Beräknas inte uppfyllas" if forecast else "Inte uppfyllt"), "ej_uppfyllt"
    background, text = COLOURS[key]
    return (f'<span class="bedomning" style="background:{background};color:{text};'
            f'padding:0.1em 0.5em;border-radius:0.3em;white-space:nowrap">{escape(words)}</span>')


def hushallning_html(rep: KommunReport) -> str:
    forecast = rep.period.has_prognos
    basis = "Helårsprognos" if forecast else "Utfall"
    # On a phone the goal, its value and the assessment; the measure makes way.
    body = "".join(
        f'<tr><th scope="row">{escape(b.goal.mal)}</th><td class="smal-dold">'
        f"{escape(NAMES[b.goal.matt])}, {escape(b.target)}</td>"
        f'<td class="tal">{percent(b.value, 1) if b.value is not None else "–"}</td>'
        f"<td>{_assessment_badge(b.met, forecast)}</td></tr>" for b in rep.hushallning)
    caption = "Kommunfullmäktiges finansiella mål"
    return (f'<div class="tabell-ram" tabindex="0" role="region" aria-label="Tabell: {caption}">'
            f'<table class="print-table"><caption>{caption}</caption><thead><tr>'
            '<th scope="col">Mål</th><th scope="col" class="smal-dold">Mått och målvärde</th>'
            f'<th scope="col" class="tal">{basis}</th><th scope="col">Bedömning</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
            f"{phone_note_html(['Mål', 'Mått och målvärde', basis, 'Bedömning'])}")


def namnder_table(rep: KommunReport) -> pd.DataFrame:
    """Driftredovisning per nämnd: each nämnd's result as its own report states it, the
    finansförvaltning, and the sum, årets resultat (tkr)."""
    from ..sources.huvudbok.aggregate import to_tkr

    p = rep.period
    columns = ["utfall"] + (["prognos"] if p.has_prognos else []) + ["budget", "avvikelse"]
    headings = {"utfall": p.utfall_heading, "prognos": p.prognos_heading,
                "budget": p.budget_heading, "avvikelse": "Avvikelse"}
    rows = [{"Nämnd": n.namn, **{headings[c]: n.resultat[c] for c in columns}}
            for n in rep.namnder]
    outside = {c: float(to_tkr(rep.finansforvaltning.get(c, 0.0))) for c in columns
               if c != "avvikelse"}
    outside["avvikelse"] = outside[rep.basis] - outside["budget"]
    rows.append({"Nämnd": "Finansförvaltningen", **{headings[c]: outside[c] for c in columns}})
    result = {c: float(to_tkr(rep.statements.result(c))) for c in columns if c != "avvikelse"}
    result["avvikelse"] = result[rep.basis] - result["budget"]
    rows.append({"Nämnd": "Årets resultat", **{headings[c]: result[c] for c in columns}})
    return pd.DataFrame(rows)


def investeringar_table(rep: KommunReport) -> pd.DataFrame:
    p = rep.period
    columns = ["utfall"] + (["prognos"] if p.has_prognos else []) + ["budget", "avvikelse"]
    headings = {"utfall": p.utfall_heading, "prognos": p.prognos_heading,
                "budget": p.budget_heading, "avvikelse": "Avvikelse"}
    rows = [{"Nämnd": n.namn, **{headings[c]: n.investeringar.get(c) for c in columns}}
            for n in rep.namnder if any(n.investeringar.get(c) for c in columns)]
    total = {headings[c]: sum((r[headings[c]] or 0) for r in rows) for c in columns}
    return pd.DataFrame(rows + [{"Nämnd": "Summa", **total}])


def goals_by_namnd_html(rep: KommunReport) -> str:
    """Each nämnd's nämndmål by assessment, linked to its report's goals."""
    scale = [("helt_uppfyllt", "Helt uppfyllt"), ("uppfyllt_i_hog_grad", "Uppfyllt i hög grad"),
             ("delvis_uppfyllt", "Delvis uppfyllt"), ("ej_uppfyllt", "Ej uppfyllt"),
             ("ej_angiven", "Ingen bedömning")]
    head = "".join(f'<th scope="col" class="tal">{escape(label)}</th>' for _, label in scale)
    body = "".join(
        f'<tr><th scope="row"><a href="../../{n.id}/html/mal.html">{escape(n.namn)}</a></th>'
        + "".join(f'<td class="tal">{n.mal.get(key, 0)}</td>' for key, _ in scale)
        + f'<td class="tal">{n.mal_antal}</td></tr>' for n in rep.namnder)
    caption = "Nämndmål per nämnd och bedömd måluppfyllelse"
    return (f'<div class="tabell-ram" tabindex="0" role="region" aria-label="Tabell: {caption}">'
            f'<table class="print-table"><caption>{caption}</caption><thead><tr>'
            f'<th scope="col">Nämnd</th>{head}<th scope="col" class="tal">Antal</th></tr>'
            f"</thead><tbody>{body}</tbody></table></div>"
            f"{phone_note_html(['Nämnd'] + [label for _, label in scale] + ['Antal'])}")


def links_html(rep: KommunReport) -> str:
    items = "".join(f'<li><a href="../../{n.id}/html/index.html">{escape(n.namn)}</a></li>'
                    for n in rep.namnder)
    return f'<ul class="namndrapporter">{items}</ul>'


def notes_html(rep: KommunReport) -> str:
    """Every note, numbered as the statements refer to them."""
    p = rep.period
    headings = {"utfall": p.utfall_heading,
                "utfall_fg": rr_columns(rep)[1][1] if len(rr_columns(rep)) > 1 else "",
                "ib": "Ingående balans", "forandring": "Årets förändring",
                "ub": "Utgående balans"}
    out = []
    for note in rep.noter:
        rows = [Row(label, "summa" if i == len(note.rows) - 1 else "rad", values)
                for i, (label, values) in enumerate(note.rows)]
        table = table_html(rows, [headings[c] for c in note.columns],
                           f"Not {note.nr}: {note.title}, tkr")
        out.append(f'<section class="not" id="not-{note.nr}">{table}</section>')
    return "".join(out)


OVERVIEW = [("resultat", "Årets resultat, mnkr"),
            ("resultat_andel", "Årets resultat i procent av skatteintäkter och generella "
                               "statsbidrag"),
            ("skatter_bidrag", "Skatteintäkter och generella statsbidrag, mnkr"),
            ("nettoinvesteringar", "Nettoinvesteringar, mnkr"),
            ("sjalvfinansieringsgrad", "Självfinansieringsgrad av investeringarna, procent"),
            ("soliditet", "Soliditet, procent"),
            ("soliditet_inkl_pensioner", "Soliditet inklusive pensionsförpliktelser, procent")]


def overview_html(rep: KommunReport) -> str:
    """December's five-year overview, from the årsredovisningar in the data."""
    from ..common.formatting import number

    years = rep.historik
    head = "".join(f'<th scope="col" class="tal">{y}</th>' for y, _ in years)
    body = []
    for key, label in OVERVIEW:
        cells = []
        for _, figures in years:
            value = figures.get(key)
            text = "–" if value is None else (number(value / 1e6, 1) if "mnkr" in label
                                                else number(value, 1))
            cells.append(f'<td class="tal">{text}</td>')
        body.append(f'<tr><th scope="row">{escape(label)}</th>{"".join(cells)}</tr>')
    caption = "Femårsöversikt"
    return (f'<div class="tabell-ram rakenskap" tabindex="0" role="region" '
            f'aria-label="Tabell: {caption}"><table class="print-table"><caption>{caption}'
            f'</caption><thead><tr><th scope="col" class="text">Nyckeltal</th>{head}</tr>'
            f"</thead><tbody>{''.join(body)}</tbody></table></div>"
            f"{phone_note_html(['Nyckeltal'] + [str(y) for y, _ in years])}")
