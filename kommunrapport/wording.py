"""Sentences whose wording follows the period: a delårsrapport forecasts the year, December's
årsredovisning states its outcome. They are glued like figures (report.figures)."""
from __future__ import annotations

from .periods import Period


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


def _goals(f: dict, p: Period) -> str:
    counts = [f[f"mal_antal_{k}"] for k in
              ("helt_uppfyllt", "uppfyllt_i_hog_grad", "delvis_uppfyllt", "ej_uppfyllt")]
    if p.has_prognos:
        text = (f"Av nämndens {f['mal_antal']} nämndmål beräknas {counts[0]} att uppfyllas, "
                f"{counts[1]} att uppfyllas i hög grad, {counts[2]} att delvis uppfyllas och "
                f"{counts[3]} att inte uppfyllas.")
    else:
        text = (f"Av nämndens {f['mal_antal']} nämndmål har {counts[0]} uppfyllts, {counts[1]} "
                f"uppfyllts i hög grad, {counts[2]} delvis uppfyllts och {counts[3]} inte "
                "uppfyllts.")
    if f["mal_antal_ej_angiven"] != "0":
        text += f" För {f['mal_antal_ej_angiven']} nämndmål anger kommentaren ingen bedömning."
    return text


def sentences(f: dict, p: Period) -> dict[str, str]:
    """The period-dependent headings and sentences, from the already formatted figures."""
    forecast = p.has_prognos
    return {
        "rapport_namn": p.name,
        "omfattning": ("Bedömningar och prognoser avser helåret" if forecast
                       else "Bedömningarna avser helåret") + f" {p.year}.",
        "rubrik_ekonomi": ("Årets resultat" if not forecast else
                           "Delårsresultat och prognos" if p.month in (4, 8) else
                           "Resultat och prognos"),
        "rubrik_resultat": "Resultat och helårsprognos" if forecast else "Resultat",
        "text_resultat": _result(f, p),
        "text_investeringar": _investments(f, p),
        "text_drift": _drift(f, p),
        "text_mal": _goals(f, p),
        "avvikelse_grund": "helårsprognos minus budget" if forecast else "utfall minus budget",
        "analys_grund": "prognos" if forecast else "utfall",
        "investering_grund": "helårsprognos och budget" if forecast else "utfall och budget",
    }
