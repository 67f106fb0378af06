"""Sentences whose wording follows the period: a delårsrapport forecasts the year, December's
årsredovisning states its outcome. They are glued like figures (report.figures)."""
from __future__ import annotations

from ..common.formatting import Figure
from ..common.periods import Period


def _result(f: dict, p: Period) -> str:
    versus = (f"mot en budget på {f['resultat_budget']} tkr, vilket är "
              f"{f['resultat_avvikelse_ord']} mot budget på {f['resultat_avvikelse']} tkr")
    if not p.has_prognos:
        return f"Årets resultat för nämnden är {f['resultat_utfall']} tkr {versus}."
    return (f"Helårsprognosen för nämnden är {f['resultat_prognos']} tkr {versus}. "
            f"Utfallet per den {p.end_words} är {f['resultat_utfall']} tkr.")


def _investments(f: dict, p: Period) -> str:
    if not p.has_prognos:
        return (f"Årets nettoinvesteringar är {f['inv_summa_utfall']} tkr mot en budget på "
                f"{f['inv_summa_budget']} tkr, en avvikelse på {f['inv_summa_avvikelse']} tkr.")
    return (f"Nettoutgifterna för investeringar är {f['inv_summa_utfall']} tkr per den "
            f"{p.end_words}. Helårsprognosen är {f['inv_summa_prognos']} tkr mot en budget på "
            f"{f['inv_summa_budget']} tkr, en avvikelse på {f['inv_summa_avvikelse']} tkr.")


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


def sentences(f: dict, p: Period) -> dict[str, Figure]:
    """The period-dependent headings and sentences, from the already formatted figures."""
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
        "text_resultat": Figure(_result(f, p), "meningarna om årets resultat mot budget"),
        "text_investeringar": Figure(_investments(f, p), "meningarna om investeringarna"),
        "text_drift": Figure(_drift(f, p), "meningarna om driftredovisningen och dess summa"),
        "text_mal": Figure(_goals(f, p), "meningen om nämndmålens bedömningar"),
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
    }
