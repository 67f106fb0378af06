"""Every figure the municipality's report quotes, as Swedish-formatted text keyed for glue;
the sentences whose wording follows the period (a delårsrapport forecasts the year)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...common.formatting import Figure, number, percent, tkr
from .. import personal, wording
from .hushallning import NAMES

if TYPE_CHECKING:
    from .report import KommunReport


# What an amount is, by the report's basis: the year's prognos, or December's outcome.
WORDS = {"prognos": "helårsprognos", "utfall": "utfall"}


def mnkr(kronor: float) -> str:
    return number(kronor / 1e6, 1)


def _result(rep: KommunReport) -> dict[str, Figure]:
    s, basis = rep.statements, rep.basis
    result, budget = s.result(basis), s.result("budget")
    deviation = result - budget
    revenue = s.rr["skatteintakter"][basis] + s.rr["generella_statsbidrag"][basis]
    return {
        "kommun_resultat_mnkr": Figure(mnkr(result), f"kommunens resultat ({WORDS[basis]}), mnkr"),
        "kommun_resultat_utfall_mnkr": Figure(mnkr(s.result("utfall")),
                                              "kommunens resultat, utfall, mnkr"),
        "kommun_resultat_budget_mnkr": Figure(mnkr(budget), "kommunens budgeterade resultat, mnkr"),
        "kommun_resultat_avvikelse_mnkr": Figure(mnkr(abs(deviation)),
                                                 "resultatets avvikelse mot budget (utan tecken), "
                                                 "mnkr"),
        "kommun_resultat_avvikelse_ord": Figure("bättre än" if deviation >= 0 else "sämre än",
                                                "resultatet mot budget i ord: bättre än eller "
                                                "sämre än"),
        "kommun_resultat_andel": Figure(percent(100 * result / revenue, 1) if revenue else "–",
                                        "resultatet i procent av skatteintäkter och generella "
                                        "statsbidrag"),
        "kommun_skatter_bidrag_mnkr": Figure(mnkr(revenue), "skatteintäkter och generella "
                                             f"statsbidrag ({WORDS[basis]}), mnkr"),
        "kommun_nettokostnad_mnkr": Figure(mnkr(-s.rr["=verksamhetens_nettokostnad"][basis]),
                                           f"verksamhetens nettokostnad ({WORDS[basis]}), mnkr"),
        "kommun_nettoinvesteringar_mnkr": Figure(mnkr(rep.investeringar[basis]),
                                                 f"nettoinvesteringar ({WORDS[basis]}), mnkr"),
        "kommun_likvida_medel_mnkr": Figure(mnkr(s.br["kassa_och_bank"][1]),
                                            "likvida medel vid periodens slut, mnkr"),
        "kommun_balanskravsresultat_mnkr": Figure(mnkr(rep.balanskrav.result),
                                                  "balanskravsresultatet, mnkr"),
    }


def _sentences(rep: KommunReport, f: dict[str, str]) -> dict[str, Figure]:
    p = rep.period
    forecast = p.has_prognos
    met = [b for b in rep.hushallning if b.met]
    goals = len(rep.hushallning)
    result = (f"Årets resultat beräknas bli {f['kommun_resultat_mnkr']} mnkr enligt "
              f"helårsprognosen, {f['kommun_resultat_avvikelse_mnkr']} mnkr "
              f"{f['kommun_resultat_avvikelse_ord']} budget. Resultatet per den {p.end_words} "
              f"är {f['kommun_resultat_utfall_mnkr']} mnkr." if forecast else
              f"Årets resultat blev {f['kommun_resultat_mnkr']} mnkr, "
              f"{f['kommun_resultat_avvikelse_mnkr']} mnkr {f['kommun_resultat_avvikelse_ord']}"
              " budget.")
    krav = rep.balanskrav.result
    balanskrav = (f"Balanskravsresultatet {'beräknas bli' if forecast else 'är'} "
                  f"{f['kommun_balanskravsresultat_mnkr']} mnkr, så balanskravet "
                  + ("beräknas uppfyllas" if forecast and krav >= 0 else
                     "beräknas inte uppfyllas" if forecast else
                     "är uppfyllt" if krav >= 0 else "är inte uppfyllt") + ".")
    hushallning = (f"Av kommunfullmäktiges {goals} finansiella mål "
                   + ("beräknas " if forecast else "är ") + f"{len(met)} "
                   + ("uppfyllas" if forecast else "uppfyllda") + " vid årets slut."
                   if goals else "Kommunfullmäktige har inte angett några finansiella mål.")
    return {"text_kommun_resultat": Figure(result, "meningarna om kommunens resultat"),
            "text_balanskrav": Figure(balanskrav, "meningen om balanskravet"),
            "text_hushallning": Figure(hushallning, "meningen om de finansiella målen"),
            "rubrik_ekonomi": Figure("Ekonomisk utveckling och prognos" if forecast
                                     else "Ekonomisk utveckling", "ekonomiavsnittets rubrik")}


def _goals(rep: KommunReport) -> dict[str, Figure]:
    out = {}
    for n, b in enumerate(rep.hushallning, 1):
        out[f"finansiellt_mal_{n}_varde"] = Figure(
            percent(b.value, 1) if b.value is not None else "–",
            f"finansiellt mål {n}: värdet av {NAMES[b.goal.matt].lower()}")
        out[f"finansiellt_mal_{n}_matt"] = Figure(NAMES[b.goal.matt],
                                                  f"finansiellt mål {n}: vad målet mäter")
    return out


def figures(rep: KommunReport) -> dict[str, Figure]:
    p = rep.period
    out = {
        "titel": Figure(rep.title.replace("–", "–\u2060"), "rapportens titel"),
        "organisation": Figure(rep.organisation, "kommunen"),
        "period_manader": Figure(p.months, "periodens månader och år"),
        "period_slut": Figure(p.end_words, "periodens sista dag"),
        "ar": Figure(str(p.year), "året"),
        "rapport_typ": Figure(p.kind.lower(), "rapportens slag (delårsrapport, årsredovisning)"),
        "rapport_status": Figure(wording.status_sentence(rep.meta.beslutsdatum, rep.decided_by),
                                 "rapportens status: preliminär eller beslutad"),
        "foregaende_ar": Figure(str(p.year - 1), "föregående år"),
        "kontroller_sammanfattning": Figure(rep.checks.summary(),
                                            "datakontrollernas utfall i en mening"),
        "kommun_namnder_antal": Figure(str(len(rep.namnder)), "antal nämnder"),
        "kommun_finansforvaltning_tkr": Figure(tkr(rep.finansforvaltning[rep.basis] / 1000),
                                               f"finansförvaltningens netto ({WORDS[rep.basis]}), "
                                               "tkr"),
    }
    out |= _result(rep)
    out |= _goals(rep)
    if rep.personal is not None:
        out |= {f"kommun_{k}": Figure(v, f"hela kommunen: {v.description}")
                for k, v in personal.figures(rep.personal).items()}
    out |= _sentences(rep, out)
    return out
