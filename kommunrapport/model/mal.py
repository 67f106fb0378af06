"""Mål och uppdrag: the assessment scale, målområden and nämndmål."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.reading import read_text
from ..common.texts import paragraphs_html
from ..sources.loading import read_yaml, yaml_line
from ..sources.schemas import MalFil

NOT_STATED = "ej_angiven"
NOT_STATED_LABEL = "Ingen bedömning angiven"
# Colours chosen so that the words on them meet WCAG AA contrast (4.5:1).
COLOURS = {
    "ej_uppfyllt": ("#b71c1c", "#ffffff"),
    "delvis_uppfyllt": ("#f9c74f", "#1a1a1a"),
    "uppfyllt_i_hog_grad": ("#90d18b", "#1a1a1a"),
    "helt_uppfyllt": ("#1b5e20", "#ffffff"),
    NOT_STATED: ("#e0e0e0", "#1a1a1a"),
}


@dataclass
class Mal:
    data: dict
    scale: list[dict]               # id, namn, definition; worst first
    goals: pd.DataFrame             # one row per nämndmål

    def label(self, assessment: str) -> str:
        if assessment == NOT_STATED:
            return NOT_STATED_LABEL
        return next(s["namn"] for s in self.scale if s["id"] == assessment)

    def omrade(self, nr: int) -> dict:
        for area in self.data["malomraden"]:
            if area["nr"] == nr:
                return area
        raise DataError("mal.yaml", f"målområde {nr} saknas", column="malomraden")


def load(folder: Path, period_end, log: CheckLog) -> Mal:
    path = folder / "mal.yaml"
    data = read_yaml(path, MalFil, log)
    if data.bedomningsdatum != period_end:
        log.error(path, f"bedömningsdatumet {data.bedomningsdatum} hör inte till perioden",
                  column="bedomningsdatum", expected=str(period_end))
    rows = []
    text = read_text(path)
    steps = {s.id for s in data.skala}
    for a, area in enumerate(data.malomraden):
        for g, goal in enumerate(area.namndmal):
            key = f"malomraden.{a + 1}.namndmal.{g + 1}"
            rows.append({"malomrade": area.nr, "malomrade_namn": area.namn, "nr": goal.nr,
                         "namn": goal.namn, "bedomning": goal.bedomning,
                         "kommentar": goal.kommentar, "rad": yaml_line(
                             text, ("malomraden", a, "namndmal", g, "kommentar")), "key": key})
            at = dict(column=f"{key}.bedomning", label=f"nämndmål {area.nr}.{goal.nr}, bedömning",
                      row=yaml_line(text, ("malomraden", a, "namndmal", g, "bedomning")))
            if goal.bedomning == NOT_STATED:
                log.warn(path, f"ingen bedömning (ej_angiven): {goal.namn}",
                         expected="en bedömning ur skalan, om kommentaren anger en", **at)
            elif goal.bedomning not in steps:
                log.error(path, f"bedömningen {goal.bedomning} finns inte i skalan",
                          expected="ett steg ur skala överst i filen", **at)
    if not rows:
        raise DataError(path, "inga nämndmål hittades", column="malomraden")
    log.ok("varje nämndmål har en bedömning ur skalan eller ett uttryckligt ej_angiven")
    goals = pd.DataFrame(rows)
    _check_repeated_sentences(goals, path, log)
    dump = data.model_dump()
    return Mal(dump, dump["skala"], goals.drop(columns=["kommentar", "rad", "key"]))


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _sentences(text: str) -> set[str]:
    """The comment's longer sentences, normalised, for spotting copy-paste between goals."""
    return {" ".join(s.split()).lower() for s in _SENTENCE.split(text) if len(s) >= 40}


def _check_repeated_sentences(goals: pd.DataFrame, path: Path, log: CheckLog) -> None:
    seen: dict[str, str] = {}
    repeated = 0
    for g in goals.itertuples():
        here = f"{g.malomrade}.{g.nr}"
        for sentence in sorted(_sentences(g.kommentar)):
            if sentence in seen and seen[sentence] != here:
                repeated += 1
                log.warn(path, f"upprepar en mening från nämndmål {seen[sentence]}: "
                         f"”{sentence[:80]}…”", column=f"{g.key}.kommentar", row=g.rad,
                         label=f"nämndmål {here}, kommentar",
                         expected="en egen kommentar per nämndmål")
            seen.setdefault(sentence, here)
    if not repeated:
        log.ok("inga kommentarer upprepar meningar från ett annat nämndmål")


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


def indicator_text(mal: Mal, area_nr: int) -> str:
    area = mal.omrade(area_nr)
    text = "Inga indikatorer redovisas för perioden."
    if area.get("indikator_kommentar"):
        text += " " + area["indikator_kommentar"].strip()
    return text


def counts(mal: Mal) -> pd.DataFrame:
    """Number of nämndmål per målområde and assessment (columns in scale order)."""
    order = [s["id"] for s in mal.scale] + [NOT_STATED]
    table = pd.crosstab(mal.goals["malomrade"], mal.goals["bedomning"])
    return table.reindex(columns=order, fill_value=0)


def figures(mal: Mal) -> dict[str, str]:
    out = {"mal_antal": str(len(mal.goals))}
    totals = counts(mal).sum()
    for assessment, n in totals.items():
        out[f"mal_antal_{assessment}"] = str(int(n))
    for area in mal.data["malomraden"]:
        out[f"mo{area['nr']}_namn"] = area["namn"]
    return out


def overview_table(mal: Mal) -> pd.DataFrame:
    g = mal.goals
    return pd.DataFrame({
        "Målområde": g["malomrade"],
        "Nr": g["nr"],
        "Nämndmål": g["namn"].map(escape),
        "Måluppfyllelse": g["bedomning"].map(lambda a: badge(mal, a)),
    })


def check_all_shown(mal: Mal, shown: list[int]) -> None:
    """The chapter has one section per målområde: fail if the data has others."""
    in_data = [a["nr"] for a in mal.data["malomraden"]]
    if sorted(in_data) != sorted(shown):
        raise DataError("mal.yaml", f"data har målområdena {in_data} men kapitlet visar {shown}",
                        column="malomraden",
                        expected="lägg till eller ta bort ett avsnitt i notebooks/mal.ipynb")


def check_areas(mal: Mal, shown: list[int], folder: Path, log: CheckLog) -> None:
    """The mål chapter has a section per målområde: the data must have exactly those, or the
    chapter would fail after a passing check."""
    if not shown:
        return
    in_data = sorted(a["nr"] for a in mal.data["malomraden"])
    with log.check("målområdena i mal.yaml är de som kapitlet Mål och uppdrag visar"):
        if in_data != shown:
            log.error(folder / "mal.yaml", f"målområdena är {', '.join(map(str, in_data))}",
                      column="malomraden", expected=f"målområdena {', '.join(map(str, shown))}, "
                      "som kapitlet visar (eller ett avsnitt mer eller mindre i notebooks/mal.ipynb)")
