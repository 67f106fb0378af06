"""Every figure the municipality's report quotes, as Swedish-formatted text keyed for glue;
the sentences whose wording follows the period (a delårsrapport forecasts the year)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...common.formatting import number, percent, tkr
from .. import personal
from .hushallning import NAMES

if TYPE_CHECKING:
    from .report import KommunReport


def mnkr(kronor: float) -> str:
    return number(kronor / 1e6, 1)


def _result(rep: KommunReport) -> dict[str, str]:
    s, basis = rep.statements, rep.basis
    result, budget = s.result(basis), s.result("budget")
    deviation = result - budget
    revenue = s.rr["skatteintakter"][basis] + s.rr["generella_statsbidrag"][basis]
    return {
        "kommun_resultat_mnkr": mnkr(result),
        "kommun_resultat_utfall_mnkr": mnkr(s.result("utfall")),
        "kommun_resultat_budget_mnkr": mnkr(budget),
        "kommun_resultat_avvikelse_mnkr": mnkr(abs(deviation)),
        "kommun_resultat_avvikelse_ord": "bättre än" if deviation >= 0 else "sämre än",
        "kommun_resultat_andel": percent(100 * result / revenue, 1) if revenue else "–",
        "kommun_skatter_bidrag_mnkr": mnkr(revenue),
        "kommun_nettokostnad_mnkr": mnkr(-s.rr["=verksamhetens_nettokostnad"][basis]),
        "kommun_nettoinvesteringar_mnkr": mnkr(rep.investeringar[basis]),
        "kommun_likvida_medel_mnkr": mnkr(s.br["kassa_och_bank"][1]),
        "kommun_balanskravsresultat_mnkr": mnkr(rep.balanskrav.result),
    }


def _sentences(rep: KommunReport, f: dict[str, str]) -> dict[str, str]:
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
    return {"text_kommun_resultat": result, "text_balanskrav": balanskrav,
            "text_hushallning": hushallning,
            "rubrik_ekonomi": "Ekonomisk utveckling och prognos" if forecast
            else "Ekonomisk utveckling"}


def _goals(rep: KommunReport) -> dict[str, str]:
    out = {}
    for n, b in enumerate(rep.hushallning, 1):
        out[f"finansiellt_mal_{n}_varde"] = percent(b.value, 1) if b.value is not None else "–"
        out[f"finansiellt_mal_{n}_matt"] = NAMES[b.goal.matt]
    return out


def figures(rep: KommunReport) -> dict[str, str]:
    p = rep.period
    out = {
        "titel": rep.title.replace("–", "–\u2060"),
        "organisation": rep.organisation,
        "period_manader": p.months,
        "period_slut": p.end_words,
        "ar": str(p.year),
        "rapport_typ": p.kind.lower(),
        "foregaende_ar": str(p.year - 1),
        "kontroller_sammanfattning": rep.checks.summary(),
        "kommun_namnder_antal": str(len(rep.namnder)),
        "kommun_finansforvaltning_tkr": tkr(rep.finansforvaltning[rep.basis] / 1000),
    }
    out |= _result(rep)
    out |= _goals(rep)
    if rep.personal is not None:
        out |= {f"kommun_{k}": v for k, v in personal.figures(rep.personal).items()}
    out |= _sentences(rep, out)
    return out
