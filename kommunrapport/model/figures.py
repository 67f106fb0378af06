"""Every figure the chapters quote, as Swedish-formatted text keyed for glue: the same
strings in the prose, the tables' captions and the start page's cards. Each is a Figure that
says in words what it is, for the writer's list of figures."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.formatting import Figure, number, tkr
from ..common.periods import MONTH_COUNT_WORDS
from . import ekonomi, history, indicator_words, mal, personal, verksamhet, wording

if TYPE_CHECKING:
    from ..sources.schemas import RapportFil
    from .report import Report

# What the four columns of the result, the driftredovisning and the investments are.
_COLUMNS = {"utfall": "utfall", "prognos": "helårsprognos", "budget": "budget",
            "avvikelse": "avvikelse mot budget"}


def _ekonomi_figures(e: ekonomi.Ekonomi, meta: RapportFil) -> dict[str, Figure]:
    out = {
        "budgetram": Figure(tkr(meta.budgetram.belopp_tkr), "nämndens budgetram, tkr"),
        "budgetram_beslut": Figure(meta.budgetram.beslut, "beslutet om budgetramen"),
        "investeringsram": Figure(tkr(meta.investeringsram.belopp_tkr),
                                  "nämndens investeringsram, tkr"),
        "investeringsram_beslut": Figure(meta.investeringsram.beslut,
                                         "beslutet om investeringsramen"),
        "besparingar_mnkr": Figure(number(e.texter.besparingar_tkr / 1000, 1),
                                   "besparingar (ekonomi.yaml), mnkr"),
    }
    for column, words in _COLUMNS.items():
        out[f"resultat_{column}"] = Figure(tkr(e.resultat.at["Resultat", column]),
                                           f"resultatets {words}, tkr")
        out[f"drift_summa_{column}"] = Figure(tkr(e.drift_total.stated[column]),
                                              f"driftredovisningens summa: {words}, tkr")
        out[f"inv_summa_{column}"] = Figure(tkr(e.investering_total.stated[column]),
                                            f"investeringarnas summa: {words}, tkr")
    out["prognos_underlag"] = Figure(
        f"Prognosen lämnas netto per {e.prognos_niva} och delas inte upp på intäkter och "
        "kostnader; därför visas den bara för resultatet." if e.prognos_niva else "",
        "meningen om en prognos som lämnas netto (tom när prognosen är uppdelad)")
    deviation = e.resultat.at["Resultat", "avvikelse"]
    out["resultat_avvikelse_ord"] = Figure(
        "ett underskott" if deviation < 0 else "ett överskott",
        "resultatets avvikelse i ord: ett underskott eller ett överskott")
    for _, r in e.drift.iterrows():
        out[f"drift_{r['kod']}_avvikelse"] = Figure(
            tkr(r["avvikelse"]), f"avvikelse för {r['kod']} {r['verksamhet']}, tkr")
    for key, value in e.texter.prognosposter.items():
        out[f"post_{key}"] = Figure(tkr(value), f"prognosposten {key.replace('_', ' ')} (ekonomi.yaml), tkr")
    total = e.drift_total
    if total.rounding_differs:
        sums = [f"{column} {tkr(total.computed[column])} tkr mot angivna {tkr(total.stated[column])}"
                for column, diff in total.differences.items() if diff]
        rounding = ("Raderna är avrundade till hela tkr och avrundningsdifferenser kan förekomma. "
                    f"Raderna summerar till: {'; '.join(sums)}. Summaraden visar de angivna "
                    "beloppen.")
    else:
        rounding = "Raderna summerar exakt till summaraden."
    out["drift_avrundning"] = Figure(rounding, "meningen om driftredovisningens avrundning")
    return out


def figures(report: Report) -> dict[str, Figure]:
    """Every figure the chapters quote, as Swedish-formatted text, keyed for glue."""
    p = report.period
    out = {
        # The start page's title: a word joiner (U+2060) keeps "januari–augusti" on one line.
        "titel": Figure(report.title.replace("–", "–\u2060"), "rapportens titel"),
        "period_manader": Figure(p.months, "periodens månader och år"),
        "period_slut": Figure(p.end_words, "periodens sista dag"),
        "period_antal_manader": Figure(MONTH_COUNT_WORDS[p.month - 1],
                                       "antalet månader i perioden, i ord"),
        "organisation": Figure(report.meta.organisation, "kommunen"),
        "namnd": Figure(report.meta.namnd, "nämnden"),
        "forvaltning": Figure(report.meta.forvaltning, "förvaltningen"),
        "ar": Figure(str(p.year), "året"),
        "foregaende_ar": Figure(str(p.year - 1), "föregående år"),
        "kontroller_sammanfattning": Figure(report.checks.summary(),
                                            "datakontrollernas utfall i en mening"),
        "text_prognos_utveckling": Figure(history.forecast_sentence(report.prognoser),
                                          "meningen om hur årets prognos har ändrats"),
        "personal_jamforelse": Figure(report.personal_jamforelse,
                                      "meningen om varifrån förra årets personalsiffror kommer"),
    }
    out |= _ekonomi_figures(report.ekonomi, report.meta)
    out |= personal.figures(report.personal)
    out |= mal.figures(report.mal)
    out |= indicator_words.figures(report.indikatorer)
    out |= verksamhet.figures(report.verksamhet)
    out |= wording.sentences(out, p)
    return out
