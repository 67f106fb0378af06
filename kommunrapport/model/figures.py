"""Every figure the chapters quote, as Swedish-formatted text keyed for glue: the same
strings in the prose, the tables' captions and the start page's cards."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.formatting import number, tkr
from ..common.periods import MONTH_COUNT_WORDS
from . import ekonomi, history, indicator_words, mal, personal, verksamhet, wording

if TYPE_CHECKING:
    from ..sources.schemas import RapportFil
    from .report import Report


def _ekonomi_figures(e: ekonomi.Ekonomi, meta: RapportFil) -> dict[str, str]:
    out = {
        "budgetram": tkr(meta.budgetram.belopp_tkr),
        "budgetram_beslut": meta.budgetram.beslut,
        "investeringsram": tkr(meta.investeringsram.belopp_tkr),
        "investeringsram_beslut": meta.investeringsram.beslut,
    }
    if e.texter.besparingar_tkr is not None:  # needed only when a text quotes it
        out["besparingar_mnkr"] = number(e.texter.besparingar_tkr / 1000, 1)
    out["inv_antal_projekt"] = str(len(e.investeringar))
    out["budgetram_i_tabellerna"] = wording.frame_sentence(
        "driftredovisningen", meta.budgetram.belopp_tkr, e.drift_total.stated["budget"],
        "Justeringarna")
    out["investeringsram_i_tabellerna"] = wording.frame_sentence(
        "investeringsredovisningen", meta.investeringsram.belopp_tkr,
        e.investering_total.stated["budget"], "Ombudgeteringarna", "nettoutgift")
    for column in ("utfall", "prognos", "budget", "avvikelse"):
        out[f"resultat_{column}"] = tkr(e.resultat.at["Resultat", column])
        out[f"drift_summa_{column}"] = tkr(e.drift_total.stated[column])
        out[f"inv_summa_{column}"] = tkr(e.investering_total.stated[column])
    out["prognos_underlag"] = (
        f"Prognosen lämnas netto per {e.prognos_niva} och delas inte upp på intäkter och "
        "kostnader; därför visas den bara för resultatet." if e.prognos_niva else "")
    deviation = e.resultat.at["Resultat", "avvikelse"]
    out["resultat_avvikelse_ord"] = "ett underskott" if deviation < 0 else "ett överskott"
    for _, r in e.drift.iterrows():
        out[f"drift_{r['kod']}_avvikelse"] = tkr(r["avvikelse"])
    for key, value in e.texter.prognosposter.items():
        if value is not None:  # an empty one no text quotes is removable (analyses.py)
            out[f"post_{key}"] = tkr(value)
    # The reader is told what a reader of any rounded table is; the reconciliation itself is
    # for the staff (Datakontroller).
    out["drift_avrundning"] = ("Beloppen är avrundade till hela tkr, så avrundningsdifferenser "
                               "kan förekomma.")
    total = e.drift_total
    if total.rounding_differs:
        sums = [f"{column} {tkr(total.computed[column])} tkr mot angivna {tkr(total.stated[column])}"
                for column, diff in total.differences.items() if diff]
        out["drift_avrundning_kontroll"] = (
            f"Driftredovisningens rader summerar till: {'; '.join(sums)}. Skillnaden är "
            "avrundning; summaraden visar de angivna beloppen.")
    else:
        out["drift_avrundning_kontroll"] = "Driftredovisningens rader summerar exakt till summaraden."
    return out


def figures(report: Report) -> dict[str, str]:
    """Every figure the chapters quote, as Swedish-formatted text, keyed for glue."""
    p = report.period
    out = {
        # The start page's title: a word joiner (U+2060) keeps "januari–augusti" on one line.
        "titel": report.title.replace("–", "–\u2060"),
        "period_manader": p.months,
        "period_slut": p.end_words,
        "period_antal_manader": MONTH_COUNT_WORDS[p.month - 1],
        "organisation": report.meta.organisation,
        "namnd": report.meta.namnd,
        "rapport_status": wording.status_sentence(report.meta.beslutsdatum, report.decided_by),
        "forvaltning": report.meta.forvaltning,
        "ar": str(p.year),
        "foregaende_ar": str(p.year - 1),
        "kontroller_sammanfattning": report.checks.summary(),
        "text_prognos_utveckling": history.forecast_sentence(report.prognoser),
        "prognos_historik": history.forecast_note(report.prognoser),
        "personal_jamforelse": report.personal_jamforelse,
    }
    out |= _ekonomi_figures(report.ekonomi, report.meta)
    out |= personal.figures(report.personal)
    out |= mal.figures(report.mal)
    out |= indicator_words.figures(report.indikatorer)
    out |= verksamhet.figures(report.verksamhet)
    out |= wording.sentences(out, p)
    return out
