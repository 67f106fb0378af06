"""Every figure the chapters quote, as Swedish-formatted text keyed for glue: the same
strings in the prose, the tables' captions and the start page's cards. Each is a Figure that
says in words what it is, for the writer's list of figures."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.formatting import Figure, number, tkr
from ..common.gaps import Saknas
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
    }
    if e.texter.besparingar_tkr is not None:  # needed only when a text quotes it
        out["besparingar_mnkr"] = Figure(number(e.texter.besparingar_tkr / 1000, 1),
                                         "besparingar (ekonomi.yaml), mnkr")
    out["inv_antal_projekt"] = Figure(str(len(e.investeringar)), "antal investeringsprojekt")
    out["budgetram_i_tabellerna"] = Figure(wording.frame_sentence(
        "driftredovisningen", meta.budgetram.belopp_tkr, e.drift_total.stated["budget"],
        "Justeringarna"), "meningarna om hur budgetramen blir driftredovisningens budget")
    out["investeringsram_i_tabellerna"] = Figure(wording.frame_sentence(
        "investeringsredovisningen", meta.investeringsram.belopp_tkr,
        e.investering_total.stated["budget"], "Ombudgeteringarna", "nettoutgift"),
        "meningarna om hur investeringsramen blir investeringsredovisningens budget")
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
        if value is not None:  # an empty one no text quotes is removable (analyses.py)
            out[f"post_{key}"] = Figure(
                tkr(value), f"prognosposten {key.replace('_', ' ')} (ekonomi.yaml), tkr")
    # The reader is told what a reader of any rounded table is; the reconciliation itself is
    # for the staff (Datakontroller).
    out["drift_avrundning"] = Figure(
        "Beloppen är avrundade till hela tkr, så avrundningsdifferenser kan förekomma.",
        "meningen om avrundning i tabellerna")
    total = e.drift_total
    if total.rounding_differs:
        sums = [f"{column} {tkr(total.computed[column])} tkr mot angivna {tkr(total.stated[column])}"
                for column, diff in total.differences.items() if diff]
        rounding = (f"Driftredovisningens rader summerar till: {'; '.join(sums)}. Skillnaden är "
                    "avrundning; summaraden visar de angivna beloppen.")
    else:
        rounding = "Driftredovisningens rader summerar exakt till summaraden."
    out["drift_avrundning_kontroll"] = Figure(
        rounding, "meningen om driftredovisningens avrundning (för Datakontroller)")
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
        "rapport_status": Figure(wording.status_sentence(report.meta.beslutsdatum,
                                                         report.decided_by),
                                 "rapportens status: preliminär eller beslutad"),
        "forvaltning": Figure(report.meta.forvaltning, "förvaltningen"),
        "ar": Figure(str(p.year), "året"),
        "foregaende_ar": Figure(str(p.year - 1), "föregående år"),
        "kontroller_sammanfattning": Figure(report.checks.summary(),
                                            "datakontrollernas utfall i en mening"),
    }
    for group in (_history_figures, lambda r: _ekonomi_figures(r.ekonomi, r.meta),
                  lambda r: personal.figures(r.personal), lambda r: mal.figures(r.mal),
                  lambda r: indicator_words.figures(r.indikatorer),
                  lambda r: verksamhet.figures(r.verksamhet)):
        try:
            out |= group(report)
        except Saknas:  # a draft's missing part: the chapters show its figures as gaps
            continue
    out |= wording.sentences(out, p, draft=report.draft)
    return _Draft(out) if report.draft else out


def _history_figures(report: Report) -> dict[str, Figure]:
    return {
        "text_prognos_utveckling": Figure(history.forecast_sentence(report.prognoser),
                                          "meningen om hur årets prognos har ändrats"),
        "prognos_historik": Figure(history.forecast_note(report.prognoser),
                                   "vilka tidigare rapporter prognosen jämförs med "
                                   "(för Datakontroller)"),
        "personal_jamforelse": Figure(report.personal_jamforelse,
                                      "meningen om varifrån förra årets personalsiffror kommer"),
    }


class _Draft(dict):
    """A draft's figures: where one it does not have yet is needed, that is a gap."""

    def __missing__(self, key):
        raise Saknas(f"siffran {key}")
