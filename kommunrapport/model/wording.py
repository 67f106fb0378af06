"""Sentences whose wording follows the period: a delårsrapport forecasts the year, December's
årsredovisning states its outcome. They are glued like figures (report.figures)."""
from __future__ import annotations

import datetime

from ..common.formatting import Figure, tkr
from ..common.periods import MONTHS, Period


def _result(f: dict, p: Period) -> str:
    versus = (f"mot en budget på {f['resultat_budget']} tkr, vilket är "
              f"{f['resultat_avvikelse_ord']} mot budget på {f['resultat_avvikelse']} tkr")
    if not p.has_prognos:
        return f"Årets utfall för nämnden är {f['resultat_utfall']} tkr {versus}."
    return (f"Helårsprognosen för nämnden är {f['resultat_prognos']} tkr {versus}. "
            f"Utfallet per den {p.end_words} är {f['resultat_utfall']} tkr.")


def _investments(f: dict, p: Period) -> str:
    if f["inv_antal_projekt"] == "0":
        return "Nämnden har inga investeringsprojekt."
    if not p.has_prognos:
        return (f"Årets nettoinvesteringar är {f['inv_summa_utfall']} tkr mot en budget på "
                f"{f['inv_summa_budget']} tkr, en avvikelse på {f['inv_summa_avvikelse']} tkr.")
    return (f"Nettoutgifterna för investeringar är {f['inv_summa_utfall']} tkr per den "
            f"{p.end_words}. Helårsprognosen är {f['inv_summa_prognos']} tkr mot en budget på "
            f"{f['inv_summa_budget']} tkr, en avvikelse på {f['inv_summa_avvikelse']} tkr.")


def _investment_frame(f: dict, p: Period) -> str:
    if f["inv_antal_projekt"] == "0" and f["investeringsram"] == "0":
        return f"Kommunfullmäktige har inte anvisat någon investeringsram till nämnden för {p.year}."
    return (f"Budgeten består av den av fullmäktige beslutade ramen enligt "
            f"{f['investeringsram_beslut']} på {f['investeringsram']} tkr. Därefter har "
            f"budgetramen justerats med begärda ombudgeteringar från {p.year - 1}. "
            f"{f['investeringsram_i_tabellerna']}")


def _drift(f: dict, p: Period) -> str:
    if not p.has_prognos:
        return ("Driftredovisningen visar årets utfall och budget per verksamhet. Avvikelse är "
                "utfall minus budget; en positiv avvikelse är bättre än budget. Summa för "
                f"nämnden: utfall {f['drift_summa_utfall']} tkr, budget "
                f"{f['drift_summa_budget']} tkr och avvikelse {f['drift_summa_avvikelse']} tkr.")
    return ("Driftredovisningen visar utfall, helårsprognos och budget per verksamhet. Avvikelse "
            "är prognos minus budget; en positiv avvikelse är bättre än budget. Summa för "
            f"nämnden: utfall {f['drift_summa_utfall']} tkr, prognos {f['drift_summa_prognos']} "
            f"tkr, budget {f['drift_summa_budget']} tkr och avvikelse "
            f"{f['drift_summa_avvikelse']} tkr.")


# Assessment -> how a goal in that state is described ("helt uppfyllt"/"helt uppfyllda").
_STATES = [("helt_uppfyllt", "helt uppfyll{}"), ("uppfyllt_i_hog_grad", "uppfyll{} i hög grad"),
           ("delvis_uppfyllt", "delvis uppfyll{}"), ("ej_uppfyllt", "inte uppfyll{}")]


def _state(count: int, template: str) -> str:
    return template.format("t" if count == 1 else "da")


def _goals(f: dict, p: Period) -> str:
    """'Av nämndens 24 nämndmål bedöms vid årets slut 15 vara helt uppfyllda, 1 delvis
    uppfyllt och 6 inte uppfyllda.' Zero counts are left out; one state reads 'Alla …'."""
    total, unassessed = int(f["mal_antal"]), int(f["mal_antal_ej_angiven"])
    verb = "bedöms vid årets slut" if p.has_prognos else "är"
    be = " vara" if p.has_prognos else ""
    parts = [(int(f[f"mal_antal_{key}"]), template) for key, template in _STATES
             if int(f[f"mal_antal_{key}"])]
    if not parts:
        text = (f"Inget av nämndens {total} nämndmål har någon bedömning." if total
                else "Nämnden har inga nämndmål för perioden.")
        return text
    if len(parts) == 1 and parts[0][0] == total:
        count, template = parts[0]
        subject = ("Nämndens enda nämndmål" if total == 1 else f"Alla nämndens {total} nämndmål")
        return f"{subject} {verb}{be} {_state(count, template)}."
    listed = [f"{count}{be if i == 0 else ''} {_state(count, template)}"
              for i, (count, template) in enumerate(parts)]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " och " + listed[-1]
    text = f"Av nämndens {total} nämndmål {verb} {joined}."
    if unassessed:
        text += (f" För {'ett' if unassessed == 1 else unassessed} av nämndmålen anger "
                 "kommentaren ingen bedömning.")
    return text


# The sentences made from the figures: key -> (how, what it is in words).
_FROM_FIGURES = {
    "text_resultat": (_result, "meningarna om årets resultat mot budget"),
    "text_investeringar": (_investments, "meningarna om investeringarna"),
    "text_drift": (_drift, "meningarna om driftredovisningen och dess summa"),
    "text_mal": (_goals, "meningen om nämndmålens bedömningar"),
    "text_investeringsram": (_investment_frame,
                             "meningarna om investeringsramen"),
}


def sentences(f: dict, p: Period, *, draft: bool = False) -> dict[str, Figure]:
    """The period-dependent headings and sentences, from the already formatted figures. A
    draft leaves out a sentence over figures it does not have (the chapter shows its gap)."""
    out = _headings(f, p)
    for key, (how, words) in _FROM_FIGURES.items():
        try:
            out[key] = Figure(how(f, p), words)
        except KeyError:
            if not draft:
                raise
    return out


def _headings(f: dict, p: Period) -> dict[str, Figure]:
    forecast = p.has_prognos
    return {
        "rapport_namn": Figure(p.name, "rapporten i löptext (delårsrapporten per augusti)"),
        "omfattning": Figure(("Bedömningar och prognoser avser helåret" if forecast
                              else "Bedömningarna avser helåret") + f" {p.year}.",
                             "meningen om vad bedömningarna avser"),
        "rubrik_ekonomi": Figure("Årets resultat" if not forecast else
                                 "Delårsresultat och prognos" if p.month in (4, 8) else
                                 "Resultat och prognos", "ekonomikapitlets rubrik"),
        "rubrik_resultat": Figure("Resultat och helårsprognos" if forecast else "Resultat",
                                  "rubriken över resultatet"),
        "avvikelse_grund": Figure("helårsprognos minus budget" if forecast
                                  else "utfall minus budget", "vad avvikelsen räknas som"),
        "analys_uppdelning": Figure(
            "budgeten uppdelad på intäkter och kostnader (prognosen lämnas netto och delas inte "
            "upp)" if f.get("prognos_underlag") else
            f"{'prognos' if forecast else 'utfall'} och budget uppdelade på intäkter och kostnader",
            "vad analyserna av verksamheterna delar upp"),
        "investering_grund": Figure("helårsprognos och budget" if forecast
                                    else "utfall och budget",
                                    "vad investeringsdiagrammet jämför"),
        "text_mal_bedomning": Figure(
            f"Bedömningen är en prognos: hur väl varje nämndmål beräknas vara uppfyllt vid "
            f"årets slut, den 31 december {p.year}." if forecast else
            f"Bedömningen avser hur väl varje nämndmål har uppfyllts under {p.year}.",
            "meningen om vad nämndmålens bedömning avser"),
    }


def _date_words(value) -> str:
    """A date from rapport.yaml (a date, or its ISO text) as '22 september 2025'."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def status(decided, by: str) -> str:
    """The report's status as the published index lists it: 'Preliminär', or 'Beslutad 22
    september 2025 av kommunstyrelsen' (decided: a date, its ISO text, or None; by: who
    decides, in running text)."""
    if not decided:
        return "Preliminär"
    return f"Beslutad {_date_words(decided)} av {by}"


def status_sentence(decided, by: str) -> str:
    """The status on the start page and the PDF's cover: the index's words, and for a
    preliminary report who has yet to decide it."""
    return status(decided, by) if decided else f"Preliminär: ännu inte beslutad av {by}"


def frame_sentence(kind: str, frame_tkr: float, budget_tkr: float, adjusted_by: str,
                   noun: str = "nettokostnad") -> str:
    """How KF's frame (a positive amount: the net cost KF allows) becomes the budget in the
    tables, where costs are negative: 'Ramen anges som en nettokostnad; i tabellerna, där
    kostnader är negativa, motsvarar den −116 013 tkr. Justeringarna ökar nettokostnaden med
    63 701 tkr till −179 714 tkr, som är budgeten i driftredovisningen.'"""
    signed = -frame_tkr
    change = budget_tkr - signed
    text = (f"Ramen anges som en {noun}; i tabellerna, där kostnader är negativa, "
            f"motsvarar den {tkr(signed)} tkr.")
    if round(change) == 0:
        return text + f" Budgeten i {kind} är densamma som ramen."
    verb = "ökar" if change < 0 else "minskar"
    return (text + f" {adjusted_by} {verb} {noun}en med {tkr(abs(change))} tkr till "
            f"{tkr(budget_tkr)} tkr, som är budgeten i {kind}.")
