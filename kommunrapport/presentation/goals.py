"""Mål och uppdrag as the reader sees it: the assessment scale, a målområde's section, the
overview. Text from the data is escaped: a comment can never run."""
from __future__ import annotations

from html import escape

import pandas as pd

from ..common.texts import paragraphs_html
from ..model.mal import GAP, NOT_STATED, Mal

# Colours chosen so that the words on them meet WCAG AA contrast (4.5:1).
COLOURS = {
    "ej_uppfyllt": ("#b71c1c", "#ffffff"),
    "delvis_uppfyllt": ("#f9c74f", "#1a1a1a"),
    "uppfyllt_i_hog_grad": ("#90d18b", "#1a1a1a"),
    "helt_uppfyllt": ("#1b5e20", "#ffffff"),
    NOT_STATED: ("#e0e0e0", "#1a1a1a"),
    GAP: ("#fff3b0", "#1a1a1a"),  # a draft's missing assessment, as the gaps are marked
}


def badge(mal: Mal, assessment: str) -> str:
    """The assessment as colour and words: colour is never the only carrier."""
    background, text = COLOURS[assessment]
    return (f'<span class="bedomning bedomning-{assessment}" style="background:{background};'
            f'color:{text};padding:0.1em 0.5em;border-radius:0.3em;white-space:nowrap">'
            f"{escape(mal.label(assessment))}</span>")


def scale_html(mal: Mal) -> str:
    items = "".join(f"<li>{badge(mal, s['id'])} {escape(s['definition'])}</li>"
                    for s in mal.scale)
    return f'<ul class="bedomningsskala">{items}</ul>'


def goals_html(mal: Mal, area_nr: int) -> str:
    area = mal.omrade(area_nr)
    out = []
    for goal in area["namndmal"]:
        out.append(
            f'<div class="namndmal" id="namndmal-{area_nr}-{goal["nr"]}">'
            f'<h4>{area_nr}.{goal["nr"]} {escape(goal["namn"])}</h4>'
            f'<p class="namndmal-beskrivning">{escape(goal.get("beskrivning") or "")}</p>'
            f'<div class="malprecisering"><strong>Målprecisering:</strong>'
            f'{paragraphs_html(goal.get("malprecisering") or "")}</div>'
            f'<p class="maluppfyllelse"><strong>Måluppfyllelse:</strong> '
            f'{badge(mal, goal["bedomning"])}</p>'
            f'<div class="kommentar"><strong>Kommentar:</strong>{paragraphs_html(goal["kommentar"])}</div>'
            '</div>')
    return "".join(out)


def strategic_goals_html(mal: Mal, area_nr: int) -> str:
    items = "".join(f"<li>{escape(g)}</li>" for g in mal.omrade(area_nr)["strategiska_mal"])
    return f"<ul>{items}</ul>"


def intro_html(mal: Mal, area_nr: int) -> str:
    return paragraphs_html(mal.omrade(area_nr)["inledning"])


def overview_table(mal: Mal) -> pd.DataFrame:
    g = mal.goals
    return pd.DataFrame({
        "Nr": [f"{a}.{n}" for a, n in zip(g["malomrade"], g["nr"])],  # as the goal's heading
        "Nämndmål": g["namn"].map(escape),
        "Måluppfyllelse": g["bedomning"].map(lambda a: badge(mal, a)),
    })
